/* test-ui.c: the desktop app's window during a session, signing out, the
 * application as a process, and answers that land late
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb in the private D-Bus session with a real gnome-keyring
 * (build-aux/run-tests.sh), against the mock cloud served from this same
 * main loop. Widgets are found by the titles a person reads.
 */
#include <adwaita.h>
#include <signal.h>
#include <string.h>

#include "pc-mock-server.h"
#include "pc-secret-store.h"
#include "pc-token-cache.h"
#include "pc-tokens-page.h"
#include "pc-window.h"
#include "pupilcloud.h"

#include "pc-test-ui.h"
#include "pc-test-util.h"
#include "test-ui-common.h"

typedef PcUiFixture Fixture;

/* During a session */

static void
test_switch_workspace (Fixture       *f,
                       gconstpointer  data)
{
  const char *vision_lab = "b7e9d3c4-0000-4000-8000-000000000002";
  g_autofree char *remembered = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.workspace", "s", vision_lab));
  g_assert_cmpstr (pc_session_get_workspace_id (f->session), ==, vision_lab);
  g_assert_cmpstr (pc_client_get_workspace_id (pc_session_get_client (f->session)), ==, vision_lab);
  remembered = g_settings_get_string (f->settings, "workspace-id");
  g_assert_cmpstr (remembered, ==, vision_lab);

  /* Kept for the next start. */
  pc_ui_close_window (f);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_cmpstr (pc_session_get_workspace_id (f->session), ==, vision_lab);
}

static void
test_unauthorized_mid_session (Fixture       *f,
                               gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");

  /* Deleted in the web app meanwhile. */
  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_TOKEN));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL));
  pc_ui_wait_for_page (f, "login");
  g_assert_nonnull (strstr (ui_error_text (f), "Your session has expired"));
}

/* A 401 answered to a page's own call, not to the start-up's or Try
 * Again's look at the profile: that path must end the session too. */
static void
test_unauthorized_page_call (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *tokens_page;
  guint profile_asked;
  g_autoptr(PcCredentials) after = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  tokens_page = pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL);
  g_assert_nonnull (tokens_page);
  profile_asked = pc_mock_server_count_requests (f->mock, "GET", "/auth/profile");

  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_TOKEN));
  g_assert_true (gtk_widget_activate_action (tokens_page, "tokens.refresh", NULL));
  pc_ui_wait_for_page (f, "login");
  g_assert_nonnull (strstr (ui_error_text (f), "Your session has expired"));
  /* The tokens page's own call was refused, and nothing went through the
   * profile (the restore's path) on the way. */
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "GET", "/auth/profile"), ==, profile_asked);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
  after = pc_ui_stored (f);
  g_assert_null (after);
}

static void
test_sign_out_cookie (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PcCredentials) after = NULL;

  ui_sign_in_by_email (f);
  g_assert_cmpuint (pc_mock_state_count_sessions (pc_mock_server_get_state (f->mock)), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for_page (f, "login");
  g_assert_cmpuint (pc_mock_state_count_sessions (pc_mock_server_get_state (f->mock)), ==, 0);
  after = pc_ui_stored (f);
  g_assert_null (after);
}

static void
test_sign_out_token (Fixture       *f,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  g_autoptr(PcCredentials) after = NULL;

  g_autofree char *known = pc_token_cache_dup_path (pc_ui_server (f), PC_MOCK_DEMO_EMAIL);
  guint count = pc_mock_state_count_tokens (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL);
  GtkEditable *search;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, ui_tokens_loaded, GUINT_TO_POINTER (count), "the tokens");
  search = GTK_EDITABLE (pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, NULL));
  gtk_editable_set_text (search, "analysis");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for (f, ui_dialog_open, &dialog, "the confirmation");
  /* It says the token lives on. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "stays valid"));
  adw_message_dialog_response (dialog, "sign-out");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pc_ui_wait_for_page (f, "login");
  after = pc_ui_stored (f);
  g_assert_null (after);
  /* Nothing of the account stays, on screen or on disk: not the list, not
   * what was searched for, not the tokens kept for the next start. */
  g_assert_cmpuint (g_list_model_get_n_items (ui_shown_tokens (f)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  pc_ui_close_window (f);
  g_assert_false (g_file_test (known, G_FILE_TEST_EXISTS));
}

typedef struct
{
  PcMockServer *mock;
  guint count;
} Lists;

static gboolean
tokens_listed (Fixture       *f,
               gconstpointer  data)
{
  const Lists *lists = data;
  return pc_mock_server_count_requests (lists->mock, "GET", "/auth/tokens") >= lists->count;
}

/* Cancel in the question keeps everything: the token is still sent with
 * the next call (the moment to look), the keyring still holds it. */
static void
test_sign_out_token_cancelled (Fixture       *f,
                               gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  g_autoptr(PcCredentials) after = NULL;
  Lists lists = { f->mock, 0 };

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for (f, ui_dialog_open, &dialog, "the confirmation");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  lists.count = pc_mock_server_count_requests (f->mock, "GET", "/auth/tokens") + 1;
  g_assert_true (gtk_widget_activate_action (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL),
                                             "tokens.refresh", NULL));
  pc_ui_wait_for (f, tokens_listed, &lists, "the tokens asked for again");
  g_assert_true (pc_mock_server_get_last_had_credentials (f->mock));
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_true (pc_ui_page_is (f, "main"));
  after = pc_ui_stored (f);
  g_assert_nonnull (after);
}

static gboolean
keyring_notice_shown (Fixture       *f,
                      gconstpointer  data)
{
  return ui_info_bar_revealed (f, "This sign-in cannot be remembered");
}

static void
test_no_secret_service (Fixture       *f,
                        gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
      gtk_editable_set_text (ui_row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
      ui_sign_in (f);
      pc_ui_wait_for_page (f, "main");
      pc_ui_wait_for (f, keyring_notice_shown, NULL, "the keyring notice");
      pc_ui_screenshot (f, "no-keyring");
      return;
    }
  pc_test_trap_with_secret_service ("org.example.NobodyOwnsThis", 60, G_TEST_SUBPROCESS_INHERIT_STDERR);
}

/* Answers that land after the window is gone */

static gboolean
profile_asked (Fixture       *f,
               gconstpointer  data)
{
  return pc_mock_server_count_requests (f->mock, "GET", "/auth/profile") > 0;
}

/* The restore's answer, slowed down, arrives for a window already closed:
 * nothing is said (a warning fails the test), the window is let go. */
static void
test_restore_after_close (Fixture       *f,
                          gconstpointer  data)
{
  gpointer window;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_mock_server_set_latency (f->mock, 500);
  pc_ui_open_window (f);
  pc_ui_wait_for (f, profile_asked, NULL, "the stored sign-in to be checked");
  window = f->window;
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  pc_ui_close_window (f);
  /* Gone once the restore's callback has dropped the window. */
  pc_ui_wait_for (f, pc_ui_pointer_cleared, &window, "the window to be let go");
}

static gboolean
keyring_failure_shown (Fixture       *f,
                       gconstpointer  data)
{
  GtkWindow *dialog = pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                      "Sign-In Still Stored") == 0;
}

static gboolean
keyring_failure_gone (Fixture       *f,
                      gconstpointer  data)
{
  return !keyring_failure_shown (f, data);
}

/* The keyring cannot forget the sign-in at sign-out: the person is told,
 * and may try again. The Secret Service is out of reach for the whole
 * subprocess; the parent's keyring keeps what it had stored. */
static void
test_sign_out_keyring_fails (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PcCredentials) before = NULL;
  g_autoptr(PcCredentials) after = NULL;

  if (g_test_subprocess ())
    {
      AdwMessageDialog *dialog;

      ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
      gtk_editable_set_text (ui_row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
      ui_sign_in (f);
      pc_ui_wait_for_page (f, "main");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
      pc_ui_wait_for (f, ui_dialog_open, &dialog, "the confirmation");
      adw_message_dialog_response (dialog, "sign-out");
      gtk_window_destroy (GTK_WINDOW (dialog));
      pc_ui_wait_for_page (f, "login");
      pc_ui_wait_for (f, keyring_failure_shown, NULL, "the keyring's failure");
      dialog = ADW_MESSAGE_DIALOG (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "keyring"));
      g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
      pc_ui_screenshot (f, "sign-out-keyring-fails");

      /* Trying again, with the keyring still away: said again. */
      adw_message_dialog_response (dialog, "retry");
      gtk_window_destroy (GTK_WINDOW (dialog));
      pc_ui_wait_for (f, keyring_failure_gone, NULL, "the first notice to go");
      pc_ui_wait_for (f, keyring_failure_shown, NULL, "the keyring's failure, again");
      g_assert_true (pc_ui_page_is (f, "login"));
      return;
    }
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  before = pc_ui_stored (f);
  g_assert_nonnull (before);
  pc_test_trap_with_secret_service ("org.example.NobodyOwnsThis", 60, G_TEST_SUBPROCESS_INHERIT_STDERR);
  /* What the warning said was true. */
  after = pc_ui_stored (f);
  g_assert_nonnull (after);
}

/* The application is unique: a second start raises the first window and
 * leaves. Run as real processes on the test's own session bus. */
static void
name_appeared (GDBusConnection *connection,
               const char      *name,
               const char      *owner,
               gpointer         owned)
{
  *(gboolean *) owned = TRUE;
}

static void
name_vanished (GDBusConnection *connection,
               const char      *name,
               gpointer         owned)
{
  *(gboolean *) owned = FALSE;
}

static void
test_unique (Fixture       *f,
             gconstpointer  data)
{
  const char *argv[] = { g_getenv ("PUPIL_CLOUD_DESKTOP"), "--server", pc_mock_server_get_base_url (f->mock),
                         NULL };
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  gboolean owned = FALSE, first_ended = FALSE, second_ended = FALSE;
  guint watch;

  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, APP_ID, G_BUS_NAME_WATCHER_FLAGS_NONE, name_appeared,
                            name_vanished, &owned, NULL);
  first = pc_ui_spawn (NULL, argv, &first_ended);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &owned, "the first instance on the bus");

  second = pc_ui_spawn (NULL, argv, &second_ended);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &second_ended, "the second instance to hand over and leave");
  g_assert_true (g_subprocess_get_successful (second));
  g_assert_false (first_ended);

  g_subprocess_send_signal (first, SIGTERM);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &first_ended, "the first instance to end");
  g_bus_unwatch_name (watch);
}

static gboolean
requests_reached (Fixture       *f,
                  gconstpointer  data)
{
  const char * const *wanted = data;
  guint count = GPOINTER_TO_UINT (wanted[2]);

  return pc_mock_server_count_requests (f->mock, wanted[0], wanted[1]) >= count;
}

/* Quitting while a sign-out is on its way: the app, a real process, stays
 * until the sign-out has ended, so that the stored sign-in is gone from
 * the keyring when it does end. */
static void
test_quit_during_sign_out (Fixture       *f,
                           gconstpointer  data)
{
  const char *argv[] = { g_getenv ("PUPIL_CLOUD_DESKTOP"), "--server", pc_mock_server_get_base_url (f->mock),
                         NULL };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(PcSession) session = NULL;
  g_autoptr(PcCredentials) before = NULL;
  g_autoptr(PcCredentials) after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE, ended = FALSE;
  const char *tokens[3] = { "GET", "/auth/tokens", NULL };
  const char *logout[3] = { "POST", "/auth/logout", GUINT_TO_POINTER (1) };
  guint watch;

  /* Signed in by email: signing out ends the session on the server, which
   * is made to answer late. */
  session = pc_session_new (pc_mock_server_get_base_url (f->mock), &error);
  g_assert_no_error (error);
  pc_session_sign_in_with_password_async (session, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                          PC_MOCK_DEMO_EMAIL, PC_MOCK_DEMO_PASSWORD, NULL, pc_test_keep_result,
                                          &slot);
  result = pc_test_wait (&slot);
  g_assert_true (pc_session_sign_in_finish (session, result, &error));
  before = pc_ui_stored (f);
  g_assert_nonnull (before);
  g_assert_cmpint (pc_credentials_get_kind (before), ==, PC_CREDENTIALS_COOKIE);
  pc_mock_server_add_fault (f->mock, "POST", "/auth/logout", PC_MOCK_FAULT_SLOW, 0);

  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, APP_ID, G_BUS_NAME_WATCHER_FLAGS_NONE, name_appeared,
                            name_vanished, &owned, NULL);
  tokens[2] = GUINT_TO_POINTER (pc_mock_server_count_requests (f->mock, "GET", "/auth/tokens") + 1);
  app = pc_ui_spawn (NULL, argv, &ended);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &owned, "the app on the bus");
  /* The token list is asked for once the sign-in is confirmed. */
  pc_ui_wait_for (f, requests_reached, tokens, "the app to be signed in");

  /* Sign Out from the window (no question for an email sign-in), then
   * Quit while the server has not answered. */
  g_dbus_connection_call (bus, APP_ID, "/io/github/pupil_cloud/Desktop/window/1", "org.gtk.Actions", "Activate",
                          g_variant_new ("(s@av@a{sv})", "sign-out",
                                         g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  pc_ui_wait_for (f, requests_reached, logout, "the sign-out to reach the server");
  g_dbus_connection_call (bus, APP_ID, "/io/github/pupil_cloud/Desktop", "org.freedesktop.Application",
                          "ActivateAction",
                          g_variant_new ("(s@av@a{sv})", "quit",
                                         g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);

  pc_ui_wait_for (f, pc_ui_flag_is_set, &ended, "the app to end");
  g_assert_true (g_subprocess_get_successful (app));
  after = pc_ui_stored (f);
  g_assert_null (after);
  g_bus_unwatch_name (watch);
}

int
main (int   argc,
      char *argv[])
{
  pc_ui_init (&argc, &argv, PC_UI_INIT_DEFAULT);

  pc_ui_add ("/ui/quit-during-sign-out", test_quit_during_sign_out);
  pc_ui_add ("/ui/session/unauthorized", test_unauthorized_mid_session);
  pc_ui_add ("/ui/session/unauthorized-page-call", test_unauthorized_page_call);
  pc_ui_add ("/ui/session/switch-workspace", test_switch_workspace);
  pc_ui_add_at_login ("/ui/session/sign-out-cookie", test_sign_out_cookie);
  pc_ui_add ("/ui/session/sign-out-token", test_sign_out_token);
  pc_ui_add ("/ui/session/sign-out-token-cancelled", test_sign_out_token_cancelled);
  pc_ui_add_at_login ("/ui/session/no-secret-service", test_no_secret_service);
  pc_ui_add ("/ui/application/unique", test_unique);
  pc_ui_add ("/ui/late/restore-after-close", test_restore_after_close);
  pc_ui_add_at_login ("/ui/late/sign-out-keyring-fails", test_sign_out_keyring_fails);
  return g_test_run ();
}
