/* test-session.c: signing in, remembering, restoring and ending a session
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

typedef struct
{
  PcMockServer *mock;
  PcSession *session;
  GAsyncResult *result;
  guint n_ended;
  gboolean last_ended_expired;
} Fixture;

#define done_cb pc_test_keep_result
#define wait_result(f) pc_test_wait (&(f)->result)

static void
ended_cb (PcSession *session,
          gboolean   expired,
          Fixture   *f)
{
  f->n_ended++;
  f->last_ended_expired = expired;
}

static PcSession *
new_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PcSession *session = pc_session_new (pc_mock_server_get_base_url (f->mock), &error);

  g_assert_no_error (error);
  g_signal_connect (session, "ended", G_CALLBACK (ended_cb), f);
  return session;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mock = pc_mock_server_start (&error);
  g_assert_no_error (error);
  f->session = new_session (f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  /* Leave the keyring as it was found. */
  pc_secret_store_clear_async (pc_mock_server_get_base_url (f->mock), NULL, done_cb, &f->result);
  result = wait_result (f);
  g_clear_object (&f->session);
  g_clear_object (&f->mock);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
sign_in_token (Fixture    *f,
               PcSession  *session,
               const char *token,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_sign_in_with_token_async (session, token, NULL, NULL, done_cb, &f->result);
  result = wait_result (f);
  /* Each way in has its own tag, and the one finish takes them all. */
  g_assert_true (g_async_result_is_tagged (result, pc_session_sign_in_with_token_async));
  return pc_session_sign_in_finish (session, result, error);
}

static gboolean
sign_in_password (Fixture    *f,
                  const char *email,
                  const char *password,
                  GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_sign_in_with_password_async (f->session, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                          email, password, NULL, done_cb, &f->result);
  result = wait_result (f);
  /* Each way in has its own tag, and the one finish takes them all. */
  g_assert_true (g_async_result_is_tagged (result, pc_session_sign_in_with_password_async));
  return pc_session_sign_in_finish (f->session, result, error);
}

static gboolean
restore (Fixture    *f,
         PcSession  *session,
         GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_restore_async (session, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_session_restore_finish (session, result, error);
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

  g_assert_false (restore (f, f->session, &error));
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

  g_assert_true (sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_true (pc_session_get_remembered (f->session));
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Ada Demo");

  credentials = stored (f);
  g_assert_nonnull (credentials);
  g_assert_cmpstr (pc_credentials_get_secret (credentials), ==, PC_MOCK_DEMO_TOKEN);
  g_assert_cmpstr (pc_credentials_get_account (credentials), ==, PC_MOCK_DEMO_EMAIL);

  /* A new start finds it and checks it. */
  restarted = new_session (f);
  g_assert_true (restore (f, restarted, &error));
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

  g_assert_false (sign_in_token (f, f->session, "wrong-token", &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_false (sign_in_token (f, f->session, PC_MOCK_EXPIRED_TOKEN, &error));
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
  g_assert_true (restore (f, f->session, &error));
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

  g_assert_true (sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", fault, status);
  restarted = new_session (f);
  g_assert_true (restore (f, restarted, &error));
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

static gboolean
refresh (Fixture    *f,
         PcSession  *session,
         GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_refresh_async (session, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_session_refresh_finish (session, result, error);
}

/* Refreshing a signed-in session: 403s (the service's, a proxy's) fail the
 * refresh and keep everything; only a 401 ends and forgets the sign-in. */
static void
test_refresh_only_401_ends (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcCredentials) after = NULL;

  g_assert_true (sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));

  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_HTML, 403);
  g_assert_false (refresh (f, f->session, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_BLOCKED);
  g_clear_error (&error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_nonnull (pc_session_get_profile (f->session));

  pc_mock_server_clear_faults (f->mock);
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_STATUS, 403);
  g_assert_false (refresh (f, f->session, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_cmpuint (f->n_ended, ==, 0);
  assert_token_kept (f);

  /* The service no longer knows the token: that ends it. */
  pc_mock_server_clear_faults (f->mock);
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_STATUS, 401);
  g_assert_false (refresh (f, f->session, &error));
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
  g_assert_true (sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (f->session, "state", &state, NULL);
  g_assert_cmpint (state, ==, PC_SESSION_SIGNED_IN);

  g_assert_true (refresh (f, f->session, &error));
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
  g_assert_false (refresh (f, restarted, &error));
  g_assert_cmpint (pc_session_get_state (restarted), ==, PC_SESSION_OFFLINE);
  g_assert_nonnull (strstr (pc_session_get_offline_reason (restarted), "proxy"));

  pc_mock_server_clear_faults (f->mock);
  g_clear_error (&error);
  g_assert_true (refresh (f, restarted, &error));
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

  g_assert_true (sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  pc_mock_server_add_fault (f->mock, NULL, "/auth/profile", PC_MOCK_FAULT_RESET_BEFORE, 0);

  restarted = new_session (f);
  g_assert_true (restore (f, restarted, &error));
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

  g_assert_true (sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
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

      g_assert_true (sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
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
  g_setenv ("SECRET_SERVICE_BUS_NAME", "org.example.NobodyOwnsThis", TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("SECRET_SERVICE_BUS_NAME");
  g_test_trap_assert_passed ();
}

/* Creating an account */

static gboolean
register_account (Fixture    *f,
                  const char *email,
                  const char *password,
                  gboolean    updates,
                  GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_register_async (f->session, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                             email, password, updates, NULL, done_cb, &f->result);
  result = wait_result (f);
  g_assert_true (g_async_result_is_tagged (result, pc_session_register_async));
  return pc_session_sign_in_finish (f->session, result, error);
}

static gboolean
resend (Fixture    *f,
        PcSession  *session,
        GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_resend_verification_async (session, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_session_resend_verification_finish (session, result, error);
}

static guint
count_sent (Fixture    *f,
            const char *line)
{
  GPtrArray *sent = pc_mock_state_get_sent_emails (pc_mock_server_get_state (f->mock));
  guint n = 0;

  for (guint i = 0; i < sent->len; i++)
    n += g_str_equal (g_ptr_array_index (sent, i), line);
  return n;
}

static void
test_register (Fixture       *f,
               gconstpointer  data)
{
  PcMockState *state = pc_mock_server_get_state (f->mock);
  g_autoptr(GError) error = NULL;
  g_autoptr(PcSession) restarted = NULL;

  g_assert_true (register_account (f, "grace@example.org", "hopper-1906", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_cmpint (pc_session_get_credentials_kind (f->session), ==, PC_CREDENTIALS_COOKIE);
  g_assert_true (pc_session_get_remembered (f->session));
  g_assert_true (pc_mock_state_is_registered (state, "grace@example.org"));
  /* The choice arrives in the profile; the address waits for its link. */
  g_assert_true (pc_profile_get_product_updates_subscribed (pc_session_get_profile (f->session)));
  g_assert_false (pc_profile_get_email_verified (pc_session_get_profile (f->session)));
  g_assert_true (pc_session_get_verification_sent (f->session));
  g_assert_cmpuint (count_sent (f, "VERIFY_EMAIL grace@example.org"), ==, 1);

  /* Another email, with this run's ID token. */
  g_assert_true (pc_session_get_can_resend_verification (f->session));
  g_assert_true (resend (f, f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_sent (f, "VERIFY_EMAIL grace@example.org"), ==, 2);

  /* A refresh sees the address confirmed. */
  g_assert_true (pc_mock_state_verify_email (state, "grace@example.org"));
  g_assert_true (refresh (f, f->session, &error));
  g_assert_no_error (error);
  g_assert_true (pc_profile_get_email_verified (pc_session_get_profile (f->session)));

  /* After a restart there is no ID token: it was never stored. */
  restarted = new_session (f);
  g_assert_true (restore (f, restarted, &error));
  g_assert_no_error (error);
  g_assert_false (pc_session_get_can_resend_verification (restarted));
  g_assert_false (resend (f, restarted, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_NOT_SIGNED_IN);
}

static void
test_register_updates_off (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (register_account (f, "ada2@example.org", "analytical", FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (pc_profile_get_product_updates_subscribed (pc_session_get_profile (f->session)));
}

static void
test_register_refused_by_provider (Fixture       *f,
                                   gconstpointer  data)
{
  static const struct { const char *email; const char *password; const char *next; PcErrorCode code; } cases[] = {
    { PC_MOCK_DEMO_EMAIL, "long-enough", NULL, PC_ERROR_EMAIL_EXISTS },
    { "weak@example.org", "12345", NULL, PC_ERROR_WEAK_PASSWORD },
    { "not-an-address", "long-enough", NULL, PC_ERROR_INVALID_EMAIL },
    { "busy@example.org", "long-enough", "TOO_MANY_ATTEMPTS_TRY_LATER", PC_ERROR_RATE_LIMITED },
    { "closed@example.org", "long-enough", "OPERATION_NOT_ALLOWED", PC_ERROR_FORBIDDEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      pc_mock_state_set_next_idp_error (pc_mock_server_get_state (f->mock), cases[i].next);
      g_assert_false (register_account (f, cases[i].email, cases[i].password, FALSE, &error));
      g_assert_error (error, PC_ERROR, (gint) cases[i].code);
      /* One sentence, not the provider's word. */
      g_assert_null (strchr (error->message, '_'));
      g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
    }
  g_assert_cmpuint (pc_mock_state_get_sent_emails (pc_mock_server_get_state (f->mock))->len, ==, 0);
}

static void
test_register_provider_unreachable (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pc_session_register_async (f->session, "http://127.0.0.1:1/idp", PC_MOCK_IDP_KEY, "x@example.org",
                             "long-enough", FALSE, NULL, done_cb, &f->result);
  result = wait_result (f);
  g_assert_false (pc_session_sign_in_finish (f->session, result, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_NETWORK);
}

/* The provider has the account, Pupil Cloud refuses it: the person hears
 * what to do, not the status. */
static void
test_register_refused_by_service (Fixture       *f,
                                  gconstpointer  data)
{
  static const char *statuses[] = { "400", "401", "403" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *spec = g_strdup_printf ("POST /auth/login=status:%s", statuses[i]);
      g_autofree char *email = g_strdup_printf ("refused%u@example.org", i);

      pc_mock_server_clear_faults (f->mock);
      g_assert_true (pc_mock_server_add_fault_spec (f->mock, spec, &error));
      g_assert_false (register_account (f, email, "long-enough", FALSE, &error));
      g_assert_error (error, PC_ERROR, PC_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "cloud.pupil-labs.com"));
      g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
      g_assert_false (pc_session_get_can_resend_verification (f->session));
    }
}

/* A known and an unknown address get the same answer; only the known one
 * gets an email. */
static void
test_password_reset (Fixture       *f,
                     gconstpointer  data)
{
  PcClient *client = pc_session_get_client (f->session);
  const char *addresses[] = { PC_MOCK_DEMO_EMAIL, "nobody@example.org" };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      pc_client_send_password_reset_async (client, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                           addresses[i], NULL, done_cb, &f->result);
      result = wait_result (f);
      g_assert_true (pc_client_send_password_reset_finish (client, result, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count_sent (f, "PASSWORD_RESET " PC_MOCK_DEMO_EMAIL), ==, 1);
  g_assert_cmpuint (count_sent (f, "PASSWORD_RESET nobody@example.org"), ==, 0);
}

/* Deleting the account forgets what this computer kept of it: the names
 * given to its tokens and the tokens known at the last run. Names of
 * other tokens, and of other servers' tokens, stay. With @data the token
 * list cannot be had first, and the tokens known at the last run say
 * which names go. */
static void
test_unregister_forgets (Fixture       *f,
                         gconstpointer  data)
{
  gboolean list_fails = GPOINTER_TO_INT (data);
  const char *server = pc_mock_server_get_base_url (f->mock);
  const char *elsewhere = "https://elsewhere.example/v2";
  PcClient *client = pc_session_get_client (f->session);
  g_autoptr(PcTokenNames) names = pc_token_names_new (NULL);
  g_autoptr(PcTokenNames) after = NULL;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *first = NULL;

  g_assert_true (sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
  pc_client_list_tokens_async (client, NULL, done_cb, &f->result);
  result = wait_result (f);
  tokens = pc_client_list_tokens_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (tokens), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    g_ptr_array_add (known, g_list_model_get_item (tokens, i));
  first = g_strdup (pc_token_get_id (known->pdata[0]));
  g_assert_true (pc_token_names_set (names, server, first, "lab laptop", NULL));
  g_assert_true (pc_token_names_set (names, server, "tok-of-someone-else", "kept", NULL));
  g_assert_true (pc_token_names_set (names, elsewhere, first, "kept too", NULL));
  g_assert_true (pc_token_cache_save (server, PC_MOCK_DEMO_EMAIL, known, NULL));
  cache_path = pc_token_cache_dup_path (server, PC_MOCK_DEMO_EMAIL);

  /* Not deleted: nothing is forgotten. */
  pc_mock_server_add_fault (f->mock, "POST", "/auth/unregister", PC_MOCK_FAULT_STATUS, 500);
  pc_session_unregister_async (f->session, NULL, done_cb, &f->result);
  result = wait_result (f);
  g_assert_false (pc_session_unregister_finish (f->session, result, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);
  after = pc_token_names_new (NULL);
  g_assert_cmpstr (pc_token_names_lookup (after, server, first), ==, "lab laptop");
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_clear_object (&after);

  pc_mock_server_clear_faults (f->mock);
  if (list_fails)
    pc_mock_server_add_fault (f->mock, "GET", "/auth/tokens", PC_MOCK_FAULT_STATUS, 500);
  pc_session_unregister_async (f->session, NULL, done_cb, &f->result);
  result = wait_result (f);
  g_assert_true (pc_session_unregister_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
  g_assert_false (pc_mock_state_has_user (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL));

  after = pc_token_names_new (NULL);
  g_assert_null (pc_token_names_lookup (after, server, first));
  g_assert_null (pc_token_names_lookup (pc_session_get_token_names (f->session), server, first));
  g_assert_cmpstr (pc_token_names_lookup (after, server, "tok-of-someone-else"), ==, "kept");
  g_assert_cmpstr (pc_token_names_lookup (after, elsewhere, first), ==, "kept too");
  g_assert_false (g_file_test (cache_path, G_FILE_TEST_EXISTS));

  g_assert_true (pc_token_names_remove (after, server, "tok-of-someone-else", NULL));
  g_assert_true (pc_token_names_remove (after, elsewhere, first, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
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
  ADD ("/session/register", test_register);
  ADD ("/session/register-updates-off", test_register_updates_off);
  ADD ("/session/register-refused-by-provider", test_register_refused_by_provider);
  ADD ("/session/register-provider-unreachable", test_register_provider_unreachable);
  ADD ("/session/register-refused-by-service", test_register_refused_by_service);
  ADD ("/session/password-reset", test_password_reset);
  g_test_add ("/session/unregister-forgets", Fixture, GINT_TO_POINTER (FALSE), setup, test_unregister_forgets,
              teardown);
  g_test_add ("/session/unregister-forgets-without-list", Fixture, GINT_TO_POINTER (TRUE), setup,
              test_unregister_forgets, teardown);
#undef ADD
  return g_test_run ();
}
