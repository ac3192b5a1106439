/* pc-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per process, unique on the session bus: a second launch
 * raises the first window. The server and identity provider come from the
 * command line, then the environment, then the settings.
 */
#define G_LOG_DOMAIN "PcApplication"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pc-application.h"
#include "pc-window.h"

struct _PcApplication
{
  AdwApplication parent_instance;

  char *server;
  char *idp_url;
  char *idp_key;
};

G_DEFINE_FINAL_TYPE (PcApplication, pc_application, ADW_TYPE_APPLICATION)

static char *
first_of (const char *option,
          const char *variable,
          GSettings  *settings,
          const char *key)
{
  g_autofree char *stored = NULL;

  if (option != NULL && *option != '\0')
    return g_strdup (option);
  if (g_getenv (variable) != NULL && *g_getenv (variable) != '\0')
    return g_strdup (g_getenv (variable));
  stored = g_settings_get_string (settings, key);
  return *stored != '\0' ? g_steal_pointer (&stored) : NULL;
}

/* For tests/bench: once the login page has been painted, say when and how
 * much memory it took, and quit. */
static void
after_paint_cb (GdkFrameClock *clock,
                PcWindow      *window)
{
  g_autofree char *status = NULL;
  const char *peak;

  if (g_strcmp0 (pc_window_get_page_name (window), "login") != 0)
    return;
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  peak = status ? strstr (status, "VmHWM:") : NULL;
  g_print ("first-frame %" G_GINT64_FORMAT " %ld\n", g_get_monotonic_time (),
           peak ? strtol (peak + strlen ("VmHWM:"), NULL, 10) : -1L);
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
watch_first_frame (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
pc_application_activate (GApplication *application)
{
  PcApplication *self = PC_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *idp_url = NULL;
  g_autofree char *idp_key = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  settings = g_settings_new (APP_ID);
  server = first_of (self->server, "PUPIL_CLOUD_SERVER", settings, "server");
  idp_url = first_of (self->idp_url, "PUPIL_CLOUD_IDP_URL", settings, "idp-url");
  idp_key = first_of (self->idp_key, "PUPIL_CLOUD_IDP_KEY", settings, "idp-key");

  session = pc_session_new (server ? server : PC_SERVER_PRODUCTION, &error);
  if (session == NULL)
    {
      /* A bad address from the command line must not keep the app shut. */
      g_printerr (_("%s Using Pupil Cloud instead.\n"), error->message);
      session = pc_session_new (PC_SERVER_PRODUCTION, NULL);
    }

  window = GTK_WINDOW (pc_window_new (GTK_APPLICATION (self), session, settings));
  pc_window_set_identity_provider (PC_WINDOW (window), idp_url, idp_key);
  if (g_getenv ("PUPIL_CLOUD_DESKTOP_BENCH") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (watch_first_frame), NULL);
  gtk_window_present (window);
  pc_window_start (PC_WINDOW (window));
}

static int
pc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  PcApplication *self = PC_APPLICATION (application);

  g_variant_dict_lookup (options, "server", "s", &self->server);
  g_variant_dict_lookup (options, "idp-url", "s", &self->idp_url);
  g_variant_dict_lookup (options, "idp-key", "s", &self->idp_key);
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pupil-cloud-desktop %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { "Pupil Cloud Desktop contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Pupil Cloud"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Sign in, manage API tokens, answer workspace invitations and keep your "
                                       "profile up to date, for Pupil Labs' Pupil Cloud."),
                         "website", "https://cloud.pupil-labs.com",
                         "developers", developers,
                         "copyright", "© 2026 Pupil Cloud Desktop contributors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *application = user_data;
  GList *windows = gtk_application_get_windows (application);

  /* Closing windows lets them save their state and cancel their calls. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (windows->data);
      windows = next;
    }
  g_application_quit (G_APPLICATION (application));
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "quit", quit_activated },
};

static void
pc_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (pc_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
pc_application_finalize (GObject *object)
{
  PcApplication *self = PC_APPLICATION (object);

  g_free (self->server);
  g_free (self->idp_url);
  g_free (self->idp_key);
  G_OBJECT_CLASS (pc_application_parent_class)->finalize (object);
}

static void
pc_application_class_init (PcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pc_application_finalize;
  application_class->activate = pc_application_activate;
  application_class->startup = pc_application_startup;
  application_class->handle_local_options = pc_application_handle_local_options;
}

static void
pc_application_init (PcApplication *self)
{
  static const GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, NULL, N_("The API address to use (default: Pupil Cloud)"), N_("URL") },
    { "idp-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The identity provider for email sign-in"), N_("URL") },
    { "idp-key", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The identity provider's key"), N_("KEY") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

PcApplication *
pc_application_new (void)
{
  return g_object_new (PC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
