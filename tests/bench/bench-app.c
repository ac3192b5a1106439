/* bench-app.c: pupil-cloud-desktop with a probe, for tests/bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the app as main.c does and, once the window has painted what is
 * asked of it, prints "first-frame MICROSECONDS PEAK_KIB" (the same line as
 * bench-minimal-window) and quits as Ctrl+Q does:
 *   BENCH_APP_UNTIL=login   the login page (a start signed out),
 *   BENCH_APP_UNTIL=tokens  the Tokens page with its list (signed in).
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "pc-application.h"
#include "pc-tokens-page.h"
#include "pc-window.h"

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_what_was_asked (PcWindow *window)
{
  const char *until = g_getenv ("BENCH_APP_UNTIL");
  GtkWidget *page;

  if (g_strcmp0 (until, "tokens") != 0)
    return g_strcmp0 (pc_window_get_page_name (window), "login") == 0;
  if (g_strcmp0 (pc_window_get_page_name (window), "main") != 0)
    return FALSE;
  page = find_type (GTK_WIDGET (window), PC_TYPE_TOKENS_PAGE);
  return page != NULL && g_list_model_get_n_items (pc_tokens_page_get_model (PC_TOKENS_PAGE (page))) > 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                PcWindow      *window)
{
  g_autofree char *status = NULL;
  const char *peak;

  if (!shows_what_was_asked (window))
    return;
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  peak = status ? strstr (status, "VmHWM:") : NULL;
  g_print ("first-frame %" G_GINT64_FORMAT " %ld\n", g_get_monotonic_time (),
           peak ? strtol (peak + strlen ("VmHWM:"), NULL, 10) : -1L);
  fflush (stdout);
  /* As Ctrl+Q does: the windows close, and keep what they keep. */
  g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (window))), "quit", NULL);
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  if (PC_IS_WINDOW (window))
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PcApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = pc_application_new ();
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
