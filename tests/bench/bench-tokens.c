/* bench-tokens.c: 10,000 tokens on the Tokens page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two cases, each in its own process so that memory figures do not mix,
 * against one mock cloud child with 10,000 tokens:
 *
 *  page: the real PcTokensPage in a window, from its setup (signed in: it
 *        loads) to the list drawn, then from a refresh to the list drawn;
 *  bare: the same answer fetched with bare libsoup, parsed with json-glib
 *        into a GtkStringList of names, shown as plain labels in a bare
 *        GtkListView, from request to the list drawn, then again.
 *
 * Each reports both times, the resident memory the first load added, and
 * the longest main-loop stall seen by a 5 ms probe in each. Run by
 * bench-run.sh under Xvfb, in a private D-Bus session with a keyring.
 */
#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "pc-session.h"
#include "pc-tokens-page.h"

#define DEMO_TOKEN "demo-token-Xk3p9QvL2mN8rT5wZ1yB4cD7fG0hJ6sA"
#define N_TOKENS 10000
#define ROUNDS 5

static gint64 probe_last;
static gint64 probe_worst;
static gboolean drawn;

static gboolean
probe_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  probe_worst = MAX (probe_worst, now - probe_last);
  probe_last = now;
  return G_SOURCE_CONTINUE;
}

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *rss;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status ? strstr (status, "VmRSS:") : NULL;
  return rss ? strtol (rss + strlen ("VmRSS:"), NULL, 10) : -1;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  drawn = TRUE;
}

typedef gboolean (*Done) (gpointer data);

/* Turns the main loop until @done holds and a frame has been painted since. */
static void
wait_drawn (GtkWidget *window,
            Done       done,
            gpointer   data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  drawn = FALSE;
  gtk_widget_queue_draw (window);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static GtkWidget *
new_window (void)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 640);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

/* The page */

static GAsyncResult *the_result;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  the_result = g_object_ref (result);
}

static gboolean
page_loaded (gpointer data)
{
  GtkSortListModel *sorted = GTK_SORT_LIST_MODEL (pc_tokens_page_get_model (data));
  GtkFilterListModel *filtered = GTK_FILTER_LIST_MODEL (gtk_sort_list_model_get_model (sorted));

  gboolean loading;

  g_object_get (data, "loading", &loading, NULL);
  return !loading && g_list_model_get_n_items (G_LIST_MODEL (sorted)) == N_TOKENS &&
         gtk_sort_list_model_get_pending (sorted) == 0 && gtk_filter_list_model_get_pending (filtered) == 0;
}

static void
run_page (const char *server,
          double     *first_ms,
          double     *first_stall_ms,
          double     *ms,
          long       *kib)
{
  g_autoptr(PcSession) session = pc_session_new (server, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.pupil_cloud.Desktop");
  g_autoptr(PcTokenNames) names = pc_token_names_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  GtkWidget *window = new_window ();
  GtkWidget *page;
  long before;
  gint64 start;

  pc_session_sign_in_with_token_async (session, DEMO_TOKEN, NULL, NULL, done_cb, NULL);
  while (the_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&the_result);
  g_assert_true (pc_session_sign_in_finish (session, result, NULL));

  /* What the page adds: from here, signed in, with the window shown. */
  before = resident_kib ();
  page = g_object_new (PC_TYPE_TOKENS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  start = g_get_monotonic_time ();
  probe_last = start;
  probe_worst = 0;
  pc_tokens_page_setup (PC_TOKENS_PAGE (page), session, settings, names); /* signed in: it loads */
  wait_drawn (window, page_loaded, page);
  *first_ms = (g_get_monotonic_time () - start) / 1000.0;
  *first_stall_ms = probe_worst / 1000.0;
  *kib = resident_kib () - before;

  /* Refresh, as Ctrl+R does. */
  probe_worst = 0;
  start = g_get_monotonic_time ();
  probe_last = start;
  pc_tokens_page_refresh (PC_TOKENS_PAGE (page));
  wait_drawn (window, page_loaded, page);
  *ms = (g_get_monotonic_time () - start) / 1000.0;
}

/* The baseline */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static gboolean
have_bytes (gpointer data)
{
  return the_result != NULL;
}

static gboolean
always (gpointer data)
{
  return TRUE;
}

/* The names of all tokens, fetched with bare libsoup and json-glib. */
static char **
fetch_names (SoupSession *soup,
             const char  *server)
{
  g_autofree char *url = g_strconcat (server, "/auth/tokens", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonArray *tokens;
  char **names;

  soup_message_headers_replace (soup_message_get_request_headers (message), "api-key", DEMO_TOKEN);
  soup_session_send_and_read_async (soup, message, G_PRIORITY_DEFAULT, NULL, done_cb, NULL);
  while (!have_bytes (NULL))
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&the_result);
  body = soup_session_send_and_read_finish (soup, result, NULL);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  tokens = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "result");
  names = g_new0 (char *, json_array_get_length (tokens) + 1);
  for (guint i = 0; i < json_array_get_length (tokens); i++)
    names[i] = g_strdup (json_object_get_string_member (json_array_get_object_element (tokens, i), "name"));
  return names;
}

static void
run_bare (const char *server,
          double     *first_ms,
          double     *first_stall_ms,
          double     *ms,
          long       *kib)
{
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) again = NULL;
  GtkStringList *names = gtk_string_list_new (NULL);
  GtkWidget *window = new_window ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list;
  long before = resident_kib ();
  gint64 start = g_get_monotonic_time ();

  probe_last = start;
  probe_worst = 0;
  first = fetch_names (soup, server);
  gtk_string_list_splice (names, 0, 0, (const char * const *) first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (names)), ==, N_TOKENS);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (names))),
                            g_steal_pointer (&factory));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  wait_drawn (window, always, NULL);
  *first_ms = (g_get_monotonic_time () - start) / 1000.0;
  *first_stall_ms = probe_worst / 1000.0;
  *kib = resident_kib () - before;

  /* Refresh: fetch again, replace every row, draw. */
  probe_worst = 0;
  start = g_get_monotonic_time ();
  probe_last = start;
  again = fetch_names (soup, server);
  gtk_string_list_splice (names, 0, N_TOKENS, (const char * const *) again);
  wait_drawn (window, always, NULL);
  *ms = (g_get_monotonic_time () - start) / 1000.0;
}

/* The parent: both cases, in turns, each in a fresh process */

static void
run_child (const char *self,
           const char *which,
           const char *server,
           double     *first_ms,
           double     *first_stall_ms,
           double     *ms,
           long       *kib,
           double     *stall_ms)
{
  const char *argv[] = { self, which, server, NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (out == NULL || sscanf (out, "%lf %lf %lf %ld %lf", first_ms, first_stall_ms, ms, kib, stall_ms) != 5)
    g_error ("The %s case said: %s", which, out ? out : "(nothing)");
}

int
main (int   argc,
      char *argv[])
{
  double page_ms[ROUNDS], bare_ms[ROUNDS], page_kib[ROUNDS], bare_kib[ROUNDS], page_stall[ROUNDS], bare_stall[ROUNDS];
  double page_first[ROUNDS], bare_first[ROUNDS], page_first_stall[ROUNDS], bare_first_stall[ROUNDS];
  double first_ratio, time_ratio, memory_ratio, worst_stall;
  gboolean ok;

  if (argc == 3)
    {
      double first_ms, first_stall_ms, ms;
      long kib;
      guint probe;

      gtk_init ();
      adw_init ();
      probe_last = g_get_monotonic_time ();
      probe = g_timeout_add (5, probe_cb, NULL);
      if (g_str_equal (argv[1], "page"))
        run_page (argv[2], &first_ms, &first_stall_ms, &ms, &kib);
      else
        run_bare (argv[2], &first_ms, &first_stall_ms, &ms, &kib);
      g_source_remove (probe);
      g_print ("%.1f %.1f %.1f %ld %.1f\n", first_ms, first_stall_ms, ms, kib, probe_worst / 1000.0);
      return 0;
    }
  if (argc != 2)
    g_error ("Usage: %s SERVER", argv[0]);

  for (guint i = 0; i < ROUNDS; i++)
    {
      long kib;

      run_child (argv[0], "bare", argv[1], &bare_first[i], &bare_first_stall[i], &bare_ms[i], &kib, &bare_stall[i]);
      bare_kib[i] = kib;
      run_child (argv[0], "page", argv[1], &page_first[i], &page_first_stall[i], &page_ms[i], &kib, &page_stall[i]);
      page_kib[i] = kib;
    }

  first_ratio = bench_median (page_first, ROUNDS) / bench_median (bare_first, ROUNDS);
  time_ratio = bench_median (page_ms, ROUNDS) / bench_median (bare_ms, ROUNDS);
  memory_ratio = bench_median (page_kib, ROUNDS) / bench_median (bare_kib, ROUNDS);
  worst_stall = MAX (bench_median (page_first_stall, ROUNDS), bench_median (page_stall, ROUNDS));

  g_print ("10,000 tokens, first load to list drawn, median of %d: Tokens page %.0f ms, bare GtkListView %.0f ms, "
           "ratio %.2f (target <= 1.50)\n", ROUNDS, bench_median (page_first, ROUNDS),
           bench_median (bare_first, ROUNDS), first_ratio);
  g_print ("10,000 tokens, refresh to list drawn, median of %d: Tokens page %.0f ms, bare GtkListView %.0f ms, "
           "ratio %.2f (target <= 1.50)\n", ROUNDS, bench_median (page_ms, ROUNDS), bench_median (bare_ms, ROUNDS),
           time_ratio);
  g_print ("resident memory added by the first load: Tokens page %.1f MiB, bare GtkListView %.1f MiB, "
           "ratio %.2f (target <= 1.50)\n",
           bench_median (page_kib, ROUNDS) / 1024.0, bench_median (bare_kib, ROUNDS) / 1024.0, memory_ratio);
  g_print ("longest main-loop stall (5 ms probe), first load and refresh: Tokens page %.0f and %.0f ms, "
           "bare GtkListView %.0f and %.0f ms (target <= 50)\n",
           bench_median (page_first_stall, ROUNDS), bench_median (page_stall, ROUNDS),
           bench_median (bare_first_stall, ROUNDS), bench_median (bare_stall, ROUNDS));

  ok = first_ratio <= 1.5 && time_ratio <= 1.5 && memory_ratio <= 1.5 && worst_stall <= 50;
  g_print ("%s\n", ok ? "targets met" : "TARGETS MISSED");
  return ok ? 0 : 1;
}
