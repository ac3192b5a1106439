/* pc-session-sign-out.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ending a session for good: signing out, or deleting the account. Both
 * forget the stored sign-in and what this computer knew of the account.
 */
#define G_LOG_DOMAIN "PcSession"

#include "pc-secret-store.h"
#include "pc-session-private.h"
#include "pc-token-cache.h"

/* The tokens known of the account, under its email now and under the one
 * the keyring held (changed on the server since). */
static void
drop_known_tokens (PcSession *self)
{
  pc_token_cache_drop (pc_session_get_server (self), self->account);
  if (g_strcmp0 (self->stored_account, self->account) != 0)
    pc_token_cache_drop (pc_session_get_server (self), self->stored_account);
}

static void
sign_out_clear_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  /* Signed out here either way; the caller hears whether the keyring
   * could let go of the stored sign-in, to offer to try again. */
  pc_secret_store_clear_finish (result, &error);
  if (error != NULL)
    _pc_session_note_keyring_error (self, error);
  _pc_session_end (self, FALSE, FALSE);
  /* Again, now that nothing is shown as signed in: a window that closed
   * meanwhile kept what it showed. */
  drop_known_tokens (self);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
sign_out_logout_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Whatever the server said, the session is forgotten here. */
  if (!pc_client_logout_finish (PC_CLIENT (object), result, &error))
    g_debug ("Logout: %s", error->message);
  pc_secret_store_clear_async (pc_session_get_server (self), NULL, sign_out_clear_cb, g_object_ref (task));
}

/**
 * pc_session_sign_out_async:
 *
 * Ends a cookie session on the server, then forgets the stored sign-in.
 * An API token is only forgotten here: it stays valid on the server. The
 * session ends in any case; _finish fails with %PC_SECRET_STORE_ERROR when
 * the keyring could not remove the stored sign-in.
 */
void
pc_session_sign_out_async (PcSession           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_sign_out_async);
  /* What the Tokens page knew of this account goes with the sign-in. */
  drop_known_tokens (self);

  /* Nothing of the old session may still arrive. */
  _pc_session_renew_cancellable (self);

  if (pc_client_get_credentials_kind (self->client) == PC_CREDENTIALS_COOKIE)
    pc_client_logout_async (self->client, NULL, sign_out_logout_cb, g_steal_pointer (&task));
  else
    pc_secret_store_clear_async (pc_session_get_server (self), NULL, sign_out_clear_cb, g_steal_pointer (&task));
}

gboolean
pc_session_sign_out_finish (PcSession     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_session_sign_out_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deleting the account */

static void
unregister_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!pc_client_unregister_finish (PC_CLIENT (object), result, &error))
    {
      pc_session_report_error (self, error);
      g_task_return_error (task, error);
      return;
    }
  /* No account to come back to: forget the sign-in and what was known of
   * the account, then end. */
  drop_known_tokens (self);
  pc_secret_store_clear_async (pc_session_get_server (self), NULL, sign_out_clear_cb, g_steal_pointer (&task));
}

/**
 * pc_session_unregister_async:
 *
 * Deletes the account on the server (POST /auth/unregister), then forgets
 * the stored sign-in and ends the session. On failure nothing changes.
 */
void
pc_session_unregister_async (PcSession           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_unregister_async);
  pc_client_unregister_async (self->client, cancellable ? cancellable : self->cancellable, unregister_cb,
                              g_steal_pointer (&task));
}

gboolean
pc_session_unregister_finish (PcSession     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_session_unregister_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
