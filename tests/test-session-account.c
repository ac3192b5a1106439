/* test-session-account.c: the account through the session: creating one,
 * confirming its address, resetting its password, deleting it
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

/* Creating an account */

static gboolean
register_account (Fixture     *f,
                  const char  *email,
                  const char  *password,
                  gboolean     updates,
                  GError     **error)
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
  g_assert_true (sess_refresh (f, f->session, &error));
  g_assert_no_error (error);
  g_assert_true (pc_profile_get_email_verified (pc_session_get_profile (f->session)));

  /* After a restart there is no ID token: it was never stored. */
  restarted = sess_new_session (f);
  g_assert_true (sess_restore (f, restarted, &error));
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

  g_assert_true (sess_sign_in_token (f, f->session, PC_MOCK_DEMO_TOKEN, &error));
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, sess_setup, func, sess_teardown)
  ADD ("/session/register", test_register);
  ADD ("/session/register-updates-off", test_register_updates_off);
  ADD ("/session/register-refused-by-provider", test_register_refused_by_provider);
  ADD ("/session/register-provider-unreachable", test_register_provider_unreachable);
  ADD ("/session/register-refused-by-service", test_register_refused_by_service);
  ADD ("/session/password-reset", test_password_reset);
  g_test_add ("/session/unregister-forgets", Fixture, GINT_TO_POINTER (FALSE), sess_setup,
              test_unregister_forgets, sess_teardown);
  g_test_add ("/session/unregister-forgets-without-list", Fixture, GINT_TO_POINTER (TRUE), sess_setup,
              test_unregister_forgets, sess_teardown);
#undef ADD
  return g_test_run ();
}
