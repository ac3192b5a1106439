/* test-ui-restart.c: starting again with a stored sign-in: what the server
 * says of it, what was known at the last run, what a refresh meets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb in the private D-Bus session with a real gnome-keyring
 * (build-aux/run-tests.sh), against the mock cloud served from this same
 * main loop. Widgets are found by the titles a person reads.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pc-mock-server.h"
#include "pc-token-cache.h"
#include "pc-tokens-page.h"
#include "pc-window.h"
#include "pupilcloud.h"

#include "pc-test-ui.h"
#include "test-ui-common.h"

typedef PcUiFixture Fixture;

/* Starting again */

static void
test_restart_found (Fixture       *f,
                    gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_false (ui_saw_page (f, "login"));
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Ada Demo");
}

/* What the Tokens page knew */

static gboolean
file_exists (Fixture       *f,
             gconstpointer  path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The ids of the tokens shown, sorted, one line each: names may not come
 * (the seed's world). */
static char *
shown_ids (Fixture *f)
{
  GListModel *tokens = ui_shown_tokens (f);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(PcToken) token = g_list_model_get_item (tokens, i);
      g_ptr_array_add (ids, g_strdup (pc_token_get_id (token)));
    }
  g_ptr_array_sort (ids, compare_texts);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv ("\n", (char **) ids->pdata);
}

/* The signed-in view, with the tokens known at the last run, while the
 * server has not yet said whether the stored sign-in holds. */
static gboolean
known_shown (Fixture       *f,
             gconstpointer  ids)
{
  g_autofree char *shown = NULL;

  if (g_strcmp0 (pc_window_get_page_name (f->window), "main") != 0 || !pc_session_get_restoring (f->session))
    return FALSE;
  shown = shown_ids (f);
  return g_str_equal (shown, ids);
}

static gboolean
updating_shown (Fixture *f)
{
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "text:Updating…");

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label);
}

static guint
count_lines_not_in (const char *text,
                    const char *other)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) others = g_strsplit (other, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    count += !g_strv_contains ((const char * const *) others, lines[i]);
  return count;
}

/* A signed-in start shows the tokens known at the last run at once, marked
 * as being updated, while the server is asked (held here); then what the
 * server has, with nothing of a secret ever in the file. */
static void
test_restart_known_tokens (Fixture       *f,
                           gconstpointer  data)
{
  PcMockState *state = pc_mock_server_get_state (f->mock);
  g_autofree char *old_secret = pc_mock_state_add_token (state, PC_MOCK_DEMO_EMAIL, "Old Token");
  g_autofree char *fresh_secret = NULL;
  g_autofree char *path = pc_token_cache_dup_path (pc_ui_server (f), PC_MOCK_DEMO_EMAIL);
  g_autofree char *kept = NULL;
  g_autofree char *known = NULL;
  g_autofree char *fresh = NULL;
  guint count = pc_mock_state_count_tokens (state, PC_MOCK_DEMO_EMAIL);
  GStatBuf info;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, ui_tokens_loaded, GUINT_TO_POINTER (count), "the tokens");
  known = shown_ids (f);
  pc_ui_wait_for (f, file_exists, path, "the tokens kept for the next start");
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_null (strstr (kept, old_secret));
  g_assert_null (strstr (kept, PC_MOCK_DEMO_TOKEN));
  pc_ui_close_window (f);

  /* Meanwhile, on the server: one token gone, one new. */
  g_assert_true (pc_mock_state_revoke_token (state, old_secret));
  fresh_secret = pc_mock_state_add_token (state, PC_MOCK_DEMO_EMAIL, "Fresh Token");

  pc_mock_server_set_held (f->mock, TRUE);
  pc_ui_open_window (f);
  pc_ui_wait_for (f, known_shown, known, "the tokens known at the last run");
  g_assert_false (ui_saw_page (f, "login"));
  g_assert_true (updating_shown (f));
  pc_ui_screenshot (f, "known-tokens");

  pc_mock_server_set_held (f->mock, FALSE);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, ui_tokens_loaded, GUINT_TO_POINTER (count), "the fresh list");
  fresh = shown_ids (f);
  g_assert_cmpuint (count_lines_not_in (fresh, known), ==, 1);
  g_assert_cmpuint (count_lines_not_in (known, fresh), ==, 1);
  g_assert_false (updating_shown (f));
  g_assert_false (ui_saw_page (f, "login"));
}

/* A stored sign-in the server refuses: what was known of it goes from the
 * screen with it. */
static void
test_restart_known_tokens_refused (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *path = pc_token_cache_dup_path (pc_ui_server (f), PC_MOCK_DEMO_EMAIL);
  guint count = pc_mock_state_count_tokens (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL);
  g_autofree char *known = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, ui_tokens_loaded, GUINT_TO_POINTER (count), "the tokens");
  known = shown_ids (f);
  pc_ui_wait_for (f, file_exists, path, "the tokens kept for the next start");
  pc_ui_close_window (f);

  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_TOKEN));
  pc_mock_server_set_held (f->mock, TRUE);
  pc_ui_open_window (f);
  pc_ui_wait_for (f, known_shown, known, "the tokens known at the last run");
  pc_mock_server_set_held (f->mock, FALSE);
  pc_ui_wait_for_page (f, "login");
  g_assert_cmpuint (g_list_model_get_n_items (ui_shown_tokens (f)), ==, 0);
}

/* Signed in with the command line since the app last ran signed out: the
 * login page shows at once, and the stored sign-in takes over. */
static void
test_restart_found_unexpected (Fixture       *f,
                               gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  g_settings_set_boolean (f->settings, "expect-sign-in", FALSE);
  pc_ui_open_window (f);
  g_assert_true (pc_ui_page_is (f, "login"));
  pc_ui_wait_for_page (f, "main");
  g_assert_true (g_settings_get_boolean (f->settings, "expect-sign-in"));
}

/* A 401 at start: the sign-in is no good, and forgotten. */
static void
test_restart_expired (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PcCredentials) after = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_TOKEN));
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "login");
  g_assert_nonnull (strstr (ui_error_text (f), "Your session has expired"));
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "Email")), ==, PC_MOCK_DEMO_EMAIL);
  after = pc_ui_stored (f);
  g_assert_null (after);
}

static gboolean
label_shown (Fixture       *f,
             gconstpointer  wanted)
{
  return pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, wanted) != NULL;
}

#define BLOCKED "Something between this computer and the server, such as a proxy or a firewall, refused the " \
                "request. Your sign-in is kept."

/* A 403 at start, from the service or from a proxy in the way: the API
 * token (which the service shows only once) stays, and the bar says who
 * refused. */
static void
assert_refused_but_kept (Fixture    *f,
                         const char *token,
                         const char *reason)
{
  g_autoptr(PcCredentials) after = NULL;

  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_true (ui_info_bar_revealed (f, reason));
  g_assert_false (ui_saw_page (f, "login"));
  after = pc_ui_stored (f);
  g_assert_nonnull (after);
  g_assert_cmpstr (pc_credentials_get_secret (after), ==, token);
}

static void
test_restart_refused_by_server (Fixture       *f,
                                gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_EXPIRED_TOKEN);
  assert_refused_but_kept (f, PC_MOCK_EXPIRED_TOKEN, "This API token has expired");
}

static void
test_restart_refused_by_proxy (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *status = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_HTML, 403);
  assert_refused_but_kept (f, PC_MOCK_DEMO_TOKEN, BLOCKED);
  /* The empty Tokens page says the same, not "could not be reached". */
  status = pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE, NULL);
  for (; status != NULL; status = gtk_widget_get_next_sibling (status))
    if (ADW_IS_STATUS_PAGE (status) && g_strcmp0 (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                                                  BLOCKED) == 0)
      break;
  g_assert_nonnull (status);
  pc_ui_screenshot (f, "refused-by-proxy");
}

/* A proxy's 403 answered to Retry (Ctrl+R) while signed in: a toast, the
 * page stays, the sign-in stays. */
static void
test_refresh_blocked_keeps (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PcCredentials) after = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_HTML, 403);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL));
  pc_ui_wait_for (f, label_shown, "text:" BLOCKED, "the proxy's refusal in a toast");
  g_assert_true (pc_ui_page_is (f, "main"));
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  after = pc_ui_stored (f);
  g_assert_nonnull (after);
}

static gboolean
offline_bar_shown (Fixture       *f,
                   gconstpointer  data)
{
  return ui_info_bar_revealed (f, "The server could not be reached") == GPOINTER_TO_INT (data);
}

static void
test_restart_unreachable (Fixture       *f,
                          gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_mock_server_add_fault (f->mock, NULL, "/auth/profile", PC_MOCK_FAULT_RESET_BEFORE, 0);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_true (offline_bar_shown (f, GINT_TO_POINTER (TRUE)));
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Ada Demo");
  pc_ui_screenshot (f, "offline");

  pc_mock_server_clear_faults (f->mock);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL));
  pc_ui_wait_for (f, offline_bar_shown, GINT_TO_POINTER (FALSE), "the offline notice to go");
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
}

int
main (int   argc,
      char *argv[])
{
  pc_ui_init (&argc, &argv, PC_UI_INIT_DEFAULT);

  pc_ui_add ("/ui/restart/found", test_restart_found);
  pc_ui_add ("/ui/restart/found-unexpected", test_restart_found_unexpected);
  pc_ui_add ("/ui/restart/known-tokens", test_restart_known_tokens);
  pc_ui_add ("/ui/restart/known-tokens-refused", test_restart_known_tokens_refused);
  pc_ui_add ("/ui/restart/expired", test_restart_expired);
  pc_ui_add ("/ui/restart/refused-by-server", test_restart_refused_by_server);
  pc_ui_add ("/ui/restart/refused-by-proxy", test_restart_refused_by_proxy);
  pc_ui_add ("/ui/refresh/blocked", test_refresh_blocked_keeps);
  pc_ui_add ("/ui/restart/unreachable", test_restart_unreachable);
  return g_test_run ();
}
