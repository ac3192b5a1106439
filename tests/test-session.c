/* test-session.c: signing in, remembering, restoring, refreshing and
 * ending a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the in-process mock and the real gnome-keyring of the test run.
 */
#include <string.h>

#include "pc-mock-server.h"
#include "pc-test-util.h"
#include "pupilcloud.h"
#include "pc-secret-store.h"
#include "pc-session.h"
#include "pc-token-cache.h"
#include "test-session-common.h"

typedef SessionFixture Fixture;

static gboolean
sign_in_password (Fixture     *f,
                  const char  *email,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_sign_in_with_password_async (f->session, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                          email, password, NULL, done_cb, &f->result);
  result = wait_result (f);
  /* Each way in has its own tag, and the one finish takes them all. */
  g_assert_true (g_async_result_is_tagged (result, pc_session_sign_in_with_password_async));
  return pc_session_sign_in_finish (f->session, result, error);
}

static PcCredentials *
stored (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PcCredentials *credentials;

  pc_secret_store_lookup_async (pc_mock_server_get_base_url (f->mock), NULL, done_cb, &f->result);
  result = wait_result (f);
  credentials = pc_secret_store_lookup_finish (result, &error);
  g_assert_no_error (error);
  return credentials;
}

static void
test_nothing_stored (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sess_restore (f, f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
}

static void
test_token_remembered (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcCredentials) credentials = NULL;
  g_autoptr(PcSession) restarted = NULL;

  g_assert_true (sess_sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_true (pc_session_get_remembered (f->session));
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Ada Demo");

  credentials = stored (f);
  g_assert_nonnull (credentials);
  g_assert_cmpstr (pc_credentials_get_secret (credentials), ==, PC_MOCK_DEMO_TOKEN);
  g_assert_cmpstr (pc_credentials_get_account (credentials), ==, PC_MOCK_DEMO_EMAIL);

  /* A new start finds it and checks it. */
  restarted = sess_new_session (f);
  g_assert_true (sess_restore (f, restarted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_SIGNED_IN);
  g_assert_cmpstr (pc_profile_get_email (pc_session_get_profile (restarted)), ==, PC_MOCK_DEMO_EMAIL);
}

static void
test_token_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcCredentials) credentials = NULL;

  g_assert_false (sess_sign_in_token (f, f->session, "wrong-token", &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_false (sess_sign_in_token (f, f->session, PC_MOCK_EXPIRED_TOKEN, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_FORBIDDEN);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
  g_assert_cmpint (pc_session_get_credentials_kind (f->session), ==, PC_CREDENTIALS_NONE);
  /* Nothing is stored before the server said yes. */
  credentials = stored (f);
  g_assert_null (credentials);
}

static void
test_expired_on_start (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PcCredentials) expired = pc_credentials_new (pc_mock_server_get_base_url (f->mock),
                                                         PC_MOCK_DEMO_EMAIL, PC_CREDENTIALS_TOKEN,
                                                         PC_MOCK_EXPIRED_TOKEN, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcCredentials) after = NULL;

  pc_secret_store_save_async (expired, NULL, done_cb, &f->result);
  result = wait_result (f);
  g_assert_true (pc_secret_store_save_finish (result, &error));

  /* A 403 is not a 401: the token stays, in the keyring and in use, and
   * the server's sentence says why nothing could be shown. */
  g_assert_true (sess_restore (f, f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_OFFLINE);
  g_assert_cmpstr (pc_session_get_offline_reason (f->session), ==, "This API token has expired");
  g_assert_cmpint (pc_session_get_credentials_kind (f->session), ==, PC_CREDENTIALS_TOKEN);
  g_assert_cmpstr (pc_session_get_account (f->session), ==, PC_MOCK_DEMO_EMAIL);
  after = stored (f);
  g_assert_nonnull (after);
  g_assert_cmpstr (pc_credentials_get_secret (after), ==, PC_MOCK_EXPIRED_TOKEN);
}

/* Restarts a signed-in session against a server that answers the profile
 * with @fault; returns the restarted session. */
static PcSession *
restart_with_fault (Fixture         *f,
                    PcMockFaultKind  fault,
                    guint            status)
{
  g_autoptr(GError) error = NULL;
  PcSession *restarted;

  g_assert_true (sess_sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", fault, status);
  restarted = sess_new_session (f);
  g_assert_true (sess_restore (f, restarted, &error));
  g_assert_no_error (error);
  return restarted;
}

static void
assert_token_kept (Fixture *f)
{
  g_autoptr(PcCredentials) kept = stored (f);

  g_assert_nonnull (kept);
  g_assert_cmpstr (pc_credentials_get_secret (kept), ==, PC_MOCK_DEMO_TOKEN);
}

/* A proxy's or a firewall's 403 page at start: the sign-in is kept, and
 * the reason says who refused. */
static void
test_blocked_on_start (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PcSession) restarted = restart_with_fault (f, PC_MOCK_FAULT_HTML, 403);

  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_OFFLINE);
  g_assert_cmpint (pc_session_get_credentials_kind (restarted), ==, PC_CREDENTIALS_TOKEN);
  g_assert_nonnull (strstr (pc_session_get_offline_reason (restarted), "proxy"));
  g_assert_cmpuint (f->n_ended, ==, 0);
  assert_token_kept (f);
}

/* A gateway's own sign-in page with 401: not the service's 401, so the
 * stored API token stays. */
static void
test_gateway_401_on_start (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PcSession) restarted = restart_with_fault (f, PC_MOCK_FAULT_HTML, 401);

  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_OFFLINE);
  g_assert_cmpuint (f->n_ended, ==, 0);
  assert_token_kept (f);
}

/* The service's own 403 at start: kept too. */
static void
test_forbidden_on_start (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PcSession) restarted = restart_with_fault (f, PC_MOCK_FAULT_STATUS, 403);

  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_OFFLINE);
  g_assert_cmpstr (pc_session_get_offline_reason (restarted), ==, "Injected fault");
  assert_token_kept (f);
}

/* Refreshing a signed-in session: 403s (the service's, a proxy's) fail the
 * refresh and keep everything; only a 401 ends and forgets the sign-in. */
static void
test_refresh_only_401_ends (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcCredentials) after = NULL;

  g_assert_true (sess_sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));

  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_HTML, 403);
  g_assert_false (sess_refresh (f, f->session, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_BLOCKED);
  g_clear_error (&error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_nonnull (pc_session_get_profile (f->session));

  pc_mock_server_clear_faults (f->mock);
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_STATUS, 403);
  g_assert_false (sess_refresh (f, f->session, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_cmpuint (f->n_ended, ==, 0);
  assert_token_kept (f);

  /* The service no longer knows the token: that ends it. */
  pc_mock_server_clear_faults (f->mock);
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_STATUS, 401);
  g_assert_false (sess_refresh (f, f->session, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
  while (f->n_ended == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (f->last_ended_expired);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
  after = stored (f);
  g_assert_null (after);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* The state is an enum a binding or a .ui file can read, and a change of
 * state is said once: a refresh that keeps it says nothing. */
static void
test_state_property (Fixture       *f,
                     gconstpointer  data)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (f->session), "state");
  GEnumClass *states = g_type_class_ref (PC_TYPE_SESSION_STATE);
  g_autoptr(GError) error = NULL;
  PcSessionState state = PC_SESSION_OFFLINE;
  guint notified = 0;

  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == PC_TYPE_SESSION_STATE);
  g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
  g_assert_cmpint (G_PARAM_SPEC_ENUM (pspec)->default_value, ==, PC_SESSION_SIGNED_OUT);
  g_assert_cmpstr (g_enum_get_value (states, PC_SESSION_SIGNED_OUT)->value_nick, ==, "signed-out");
  g_assert_cmpstr (g_enum_get_value (states, PC_SESSION_SIGNED_IN)->value_nick, ==, "signed-in");
  g_assert_cmpstr (g_enum_get_value (states, PC_SESSION_OFFLINE)->value_nick, ==, "offline");
  g_type_class_unref (states);

  g_signal_connect_swapped (f->session, "notify::state", G_CALLBACK (count_cb), &notified);
  g_assert_true (sess_sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (f->session, "state", &state, NULL);
  g_assert_cmpint (state, ==, PC_SESSION_SIGNED_IN);

  g_assert_true (sess_refresh (f, f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
}

/* Offline for a 403, then a Retry that meets a proxy: the reason follows. */
static void
test_offline_reason_follows (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PcSession) restarted = restart_with_fault (f, PC_MOCK_FAULT_STATUS, 403);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (pc_session_get_offline_reason (restarted), ==, "Injected fault");
  pc_mock_server_clear_faults (f->mock);
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_HTML, 403);
  g_assert_false (sess_refresh (f, restarted, &error));
  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_OFFLINE);
  g_assert_nonnull (strstr (pc_session_get_offline_reason (restarted), "proxy"));

  pc_mock_server_clear_faults (f->mock);
  g_clear_error (&error);
  g_assert_true (sess_refresh (f, restarted, &error));
  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_SIGNED_IN);
  g_assert_null (pc_session_get_offline_reason (restarted));
  assert_token_kept (f);
}

static void
test_offline_on_start (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcSession) restarted = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_true (sess_sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  pc_mock_server_add_fault (f->mock, NULL, "/auth/profile", PC_MOCK_FAULT_RESET_BEFORE, 0);

  restarted = sess_new_session (f);
  g_assert_true (sess_restore (f, restarted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_OFFLINE);
  /* The last known name, from the keyring's attributes. */
  g_assert_cmpstr (pc_session_get_display_name (restarted), ==, "Ada Demo");

  /* Retry, once the server is back. */
  pc_mock_server_clear_faults (f->mock);
  pc_session_refresh_async (restarted, NULL, done_cb, &f->result);
  result = wait_result (f);
  g_assert_true (pc_session_refresh_finish (restarted, result, &error));
  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_SIGNED_IN);
}

static void
test_unauthorized_mid_session (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = g_error_new_literal (PC_ERROR, PC_ERROR_UNAUTHORIZED, "gone");
  g_autoptr(GError) other = g_error_new_literal (PC_ERROR, PC_ERROR_SERVER, "oops");
  g_autoptr(PcCredentials) after = NULL;
  GCancellable *in_flight;

  g_assert_true (sess_sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  in_flight = g_object_ref (pc_session_get_cancellable (f->session));

  g_assert_false (pc_session_report_error (f->session, other));
  g_assert_cmpuint (f->n_ended, ==, 0);
  g_assert_true (pc_session_report_error (f->session, refused));
  /* Ended once the keyring has forgotten it. */
  while (f->n_ended == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_ended, ==, 1);
  g_assert_true (f->last_ended_expired);
  g_assert_true (g_cancellable_is_cancelled (in_flight));
  g_assert_false (g_cancellable_is_cancelled (pc_session_get_cancellable (f->session)));
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
  g_object_unref (in_flight);

  after = stored (f);
  g_assert_null (after);
}

static void
test_password_and_sign_out (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PcCredentials) credentials = NULL;
  g_autoptr(PcCredentials) after = NULL;

  g_assert_false (sign_in_password (f, PC_MOCK_DEMO_EMAIL, "wrong", &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  g_assert_true (sign_in_password (f, PC_MOCK_DEMO_EMAIL, PC_MOCK_DEMO_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_credentials_kind (f->session), ==, PC_CREDENTIALS_COOKIE);
  credentials = stored (f);
  g_assert_cmpint (pc_credentials_get_kind (credentials), ==, PC_CREDENTIALS_COOKIE);
  g_assert_cmpuint (pc_mock_state_count_sessions (pc_mock_server_get_state (f->mock)), ==, 1);

  pc_session_sign_out_async (f->session, NULL, done_cb, &f->result);
  result = wait_result (f);
  g_assert_true (pc_session_sign_out_finish (f->session, result, &error));
  g_assert_cmpuint (f->n_ended, ==, 1);
  g_assert_false (f->last_ended_expired);
  g_assert_cmpuint (pc_mock_state_count_sessions (pc_mock_server_get_state (f->mock)), ==, 0);
  after = stored (f);
  g_assert_null (after);
}

static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (sess_sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
      g_assert_no_error (error);
      g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
      g_assert_false (pc_session_get_remembered (f->session));
      g_object_get (f->session, "keyring-available", &f->last_ended_expired, NULL);
      g_assert_false (f->last_ended_expired);

      /* Signing out ends the session, and says the keyring did not answer. */
      {
        g_autoptr(GAsyncResult) result = NULL;

        pc_session_sign_out_async (f->session, NULL, done_cb, &f->result);
        result = wait_result (f);
        g_assert_false (pc_session_sign_out_finish (f->session, result, &error));
        g_assert_error (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE);
        g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
        g_assert_cmpint (pc_session_get_credentials_kind (f->session), ==, PC_CREDENTIALS_NONE);
      }
      return;
    }
  pc_test_trap_with_secret_service ("org.example.NobodyOwnsThis", 20, G_TEST_SUBPROCESS_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, sess_setup, func, sess_teardown)
  ADD ("/session/nothing-stored", test_nothing_stored);
  ADD ("/session/token-remembered", test_token_remembered);
  ADD ("/session/token-refused", test_token_refused);
  ADD ("/session/expired-on-start", test_expired_on_start);
  ADD ("/session/offline-on-start", test_offline_on_start);
  ADD ("/session/blocked-on-start", test_blocked_on_start);
  ADD ("/session/forbidden-on-start", test_forbidden_on_start);
  ADD ("/session/gateway-401-on-start", test_gateway_401_on_start);
  ADD ("/session/state-property", test_state_property);
  ADD ("/session/refresh-only-401-ends", test_refresh_only_401_ends);
  ADD ("/session/offline-reason-follows", test_offline_reason_follows);
  ADD ("/session/unauthorized-mid-session", test_unauthorized_mid_session);
  ADD ("/session/password-and-sign-out", test_password_and_sign_out);
  ADD ("/session/no-keyring", test_no_keyring);
#undef ADD
  return g_test_run ();
}
