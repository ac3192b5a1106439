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
  return _pc_session_task_finish_boolean (self, result, pc_session_sign_out_async, error);
}

/* Deleting the account: the tokens it has are asked for first, as the
 * names given to them here go with the account, and afterwards the
 * server no longer answers for it. */

typedef struct
{
  GCancellable *cancellable; /* the caller's, or the session's at the start */
  GPtrArray *token_ids;
} Unregister;

static void
unregister_free (Unregister *data)
{
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->token_ids, g_ptr_array_unref);
  g_free (data);
}

static void
forget_token_names (PcSession *self,
                    GPtrArray *token_ids)
{
  PcTokenNames *names = pc_session_get_token_names (self);

  for (guint i = 0; i < token_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!pc_token_names_remove (names, pc_session_get_server (self), g_ptr_array_index (token_ids, i), &error))
        g_debug ("Token name not forgotten: %s", error->message);
    }
}

static void
unregister_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  Unregister *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!pc_client_unregister_finish (PC_CLIENT (object), result, &error))
    {
      pc_session_report_error (self, error);
      g_task_return_error (task, error);
      return;
    }
  /* No account to come back to: forget the sign-in and what was known of
   * the account, then end. */
  forget_token_names (self, data->token_ids);
  drop_known_tokens (self);
  pc_secret_store_clear_async (pc_session_get_server (self), NULL, sign_out_clear_cb, g_steal_pointer (&task));
}

static void
add_token_ids (Unregister *data,
               GListModel *tokens)
{
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(PcToken) token = g_list_model_get_item (tokens, i);
      g_ptr_array_add (data->token_ids, g_strdup (pc_token_get_id (token)));
    }
}

static void
unregister_cached_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  Unregister *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(GError) error = NULL;

  cached = pc_token_cache_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; cached != NULL && i < cached->len; i++)
    g_ptr_array_add (data->token_ids, g_strdup (pc_token_get_id (cached->pdata[i])));
  pc_client_unregister_async (self->client, data->cancellable, unregister_cb, g_steal_pointer (&task));
}

static void
unregister_tokens_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  Unregister *data = g_task_get_task_data (task);
  g_autoptr(GListModel) tokens = NULL;
  GError *error = NULL;

  tokens = pc_client_list_tokens_finish (PC_CLIENT (object), result, &error);
  if (tokens != NULL)
    {
      add_token_ids (data, tokens);
      pc_client_unregister_async (self->client, data->cancellable, unregister_cb, g_steal_pointer (&task));
      return;
    }
  /* A sign-in the server no longer takes could not delete the account
   * either; other failures leave what was known of the list. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || pc_session_report_error (self, error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("Tokens not listed before deleting the account: %s", error->message);
  g_error_free (error);
  pc_token_cache_load_async (pc_session_get_server (self), self->account, data->cancellable, unregister_cached_cb,
                             g_steal_pointer (&task));
}

/**
 * pc_session_unregister_async:
 *
 * Deletes the account on the server (POST /auth/unregister), then forgets
 * what this computer kept of it (the stored sign-in, the names given to
 * its tokens, the tokens known at the last run) and ends the session. On
 * failure nothing changes.
 */
void
pc_session_unregister_async (PcSession           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Unregister *data;

  g_return_if_fail (PC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_unregister_async);
  data = g_new0 (Unregister, 1);
  data->cancellable = g_object_ref (cancellable ? cancellable : self->cancellable);
  data->token_ids = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) unregister_free);
  pc_client_list_tokens_async (self->client, data->cancellable, unregister_tokens_cb, g_steal_pointer (&task));
}

gboolean
pc_session_unregister_finish (PcSession     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _pc_session_task_finish_boolean (self, result, pc_session_unregister_async, error);
}
