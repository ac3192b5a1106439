/* test-session-common.c: what the session programs share: the mock and a
 * session made for it, signing in with a token, restoring, refreshing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pc-secret-store.h"
#include "test-session-common.h"

typedef SessionFixture Fixture;

static void
ended_cb (PcSession *session,
          gboolean   expired,
          Fixture   *f)
{
  f->n_ended++;
  f->last_ended_expired = expired;
}

PcSession *
sess_new_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PcSession *session = pc_session_new (pc_mock_server_get_base_url (f->mock), &error);

  g_assert_no_error (error);
  g_signal_connect (session, "ended", G_CALLBACK (ended_cb), f);
  return session;
}

void
sess_setup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mock = pc_mock_server_start (&error);
  g_assert_no_error (error);
  f->session = sess_new_session (f);
}

void
sess_teardown (Fixture       *f,
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

gboolean
sess_sign_in_token (Fixture     *f,
                    PcSession   *session,
                    const char  *token,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_sign_in_with_token_async (session, token, NULL, NULL, done_cb, &f->result);
  result = wait_result (f);
  /* Each way in has its own tag, and the one finish takes them all. */
  g_assert_true (g_async_result_is_tagged (result, pc_session_sign_in_with_token_async));
  return pc_session_sign_in_finish (session, result, error);
}

gboolean
sess_restore (Fixture    *f,
              PcSession  *session,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_restore_async (session, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_session_restore_finish (session, result, error);
}

gboolean
sess_refresh (Fixture    *f,
              PcSession  *session,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_session_refresh_async (session, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_session_refresh_finish (session, result, error);
}
