/* pc-session-restore.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session checked with the server: the sign-in the keyring kept from the
 * last run, at start, and the profile again later (Retry while offline).
 * A 401 ends the sign-in; anything else keeps it, offline.
 */
#define G_LOG_DOMAIN "PcSession"

#include "pc-error.h"
#include "pc-secret-store.h"
#include "pc-session-private.h"
#include "pc-token-cache.h"

/* Only a 401 says the sign-in is no good. A 403 may come from something
 * in the way (a proxy's or a firewall's page), or mean a workspace that is
 * no longer ours: forgetting an API token for it would lose what the
 * service shows only once. */
static gboolean
is_rejection (const GError *error)
{
  return g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
}

/* Restoring: keyring, then the server */

static void
restore_forgotten_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const GError *refusal = g_task_get_task_data (task);

  pc_secret_store_clear_finish (result, NULL);
  g_task_return_error (task, g_error_copy (refusal));
}

static void
restore_profile_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  g_autoptr(PcProfile) profile = NULL;
  GError *error = NULL;

  profile = pc_client_get_profile_finish (PC_CLIENT (object), result, &error);
  if (profile != NULL)
    {
      pc_session_set_profile (self, profile);
      _pc_session_set_state (self, PC_SESSION_SIGNED_IN);
      _pc_session_set_restoring (self, FALSE);
      g_task_return_boolean (task, TRUE);
    }
  else if (is_rejection (error))
    {
      /* The stored sign-in is no good: forget it, keep the email to offer,
       * and finish once it is gone from the keyring. */
      pc_client_clear_credentials (self->client);
      _pc_session_set_remembered (self, FALSE);
      _pc_session_set_state (self, PC_SESSION_SIGNED_OUT);
      _pc_session_set_restoring (self, FALSE);
      g_task_set_task_data (task, error, (GDestroyNotify) g_error_free);
      pc_secret_store_clear_async (pc_session_get_server (self), NULL, restore_forgotten_cb,
                                   g_steal_pointer (&task));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _pc_session_set_restoring (self, FALSE);
      g_task_return_error (task, error);
    }
  else
    {
      /* The server could not be asked, or refused without saying that the
       * sign-in is no good: stay signed in with what we know. */
      _pc_session_go_offline (self, error);
      _pc_session_set_restoring (self, FALSE);
      g_error_free (error);
      g_task_return_boolean (task, TRUE);
    }
}

static void
restore_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  g_autoptr(PcCredentials) credentials = NULL;
  GError *error = NULL;

  credentials = pc_secret_store_lookup_finish (result, &error);
  if (error != NULL)
    {
      _pc_session_note_keyring_error (self, error);
      g_task_return_error (task, error);
      return;
    }
  if (credentials == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  _pc_session_apply_stored (self, credentials);
  _pc_session_set_remembered (self, TRUE);
  _pc_session_set_restoring (self, TRUE);
  pc_client_get_profile_async (self->client, g_task_get_cancellable (task), restore_profile_cb,
                               g_object_ref (task));
}

/* Looking ahead, at an app's start */

static void
read_tokens_ahead (PcCredentials *credentials,
                   gpointer       data)
{
  pc_token_cache_read_ahead (pc_credentials_get_server (credentials), pc_credentials_get_account (credentials));
}

/**
 * pc_session_look_ahead:
 * @with_tokens: whether the Tokens list kept for the sign-in is read too
 *
 * Starts reading, in a thread of its own, what a session for @server will
 * restore: the sign-in stored for it and, with @with_tokens, the list kept
 * for its account (pc_token_cache_read_ahead()). Meant for an app's start,
 * before its toolkit starts, so that both are there when its window asks.
 */
void
pc_session_look_ahead (const char *server,
                       gboolean    with_tokens)
{
  g_return_if_fail (server != NULL);

  /* An address a session refuses has nothing stored for it. */
  if (!pc_client_check_url (server, NULL))
    return;
  pc_secret_store_look_ahead (server, with_tokens ? read_tokens_ahead : NULL, NULL);
}

/**
 * pc_session_restore_async:
 *
 * Looks up the sign-in stored for the server and checks it. Finishes with
 * %TRUE when signed in or offline (also after a 403: see
 * #PcSession:offline-reason), %FALSE when nothing was stored, and an error
 * when the stored sign-in was refused (%PC_ERROR_UNAUTHORIZED; the account
 * stays set, to be offered again) or the keyring could not be asked.
 */
void
pc_session_restore_async (PcSession           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_restore_async);
  pc_secret_store_lookup_async (pc_session_get_server (self), cancellable, restore_lookup_cb,
                                g_steal_pointer (&task));
}

gboolean
pc_session_restore_finish (PcSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _pc_session_task_finish_boolean (self, result, pc_session_restore_async, error);
}

/* Refreshing: Retry from offline, or a fresh profile */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  g_autoptr(PcProfile) profile = NULL;
  GError *error = NULL;

  profile = pc_client_get_profile_finish (PC_CLIENT (object), result, &error);
  if (profile == NULL)
    {
      if (is_rejection (error) && pc_client_get_credentials_kind (self->client) != PC_CREDENTIALS_NONE)
        _pc_session_end (self, TRUE, TRUE);
      else if (self->state == PC_SESSION_OFFLINE && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pc_session_set_offline_reason (self, error->message);
      g_task_return_error (task, error);
      return;
    }
  pc_session_set_profile (self, profile);
  _pc_session_set_state (self, PC_SESSION_SIGNED_IN);
  g_task_return_boolean (task, TRUE);
}

void
pc_session_refresh_async (PcSession           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_refresh_async);
  pc_client_get_profile_async (self->client, cancellable, refresh_cb, g_steal_pointer (&task));
}

gboolean
pc_session_refresh_finish (PcSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _pc_session_task_finish_boolean (self, result, pc_session_refresh_async, error);
}
