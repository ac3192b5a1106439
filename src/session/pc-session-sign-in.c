/* pc-session-sign-in.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting a session: with an API token, with email and password at the
 * identity provider, or by creating an account there first. Each checks
 * with the server, then remembers the sign-in in the keyring; the secrets
 * on the way are wiped from memory once used.
 */
#define G_LOG_DOMAIN "PcSession"

#include <glib/gi18n-lib.h>

#include "pc-error.h"
#include "pc-secret-store.h"
#include "pc-session-private.h"

typedef struct
{
  char *secret;
  char *email;
  char *password;
  char *workspace_id;
  char *idp_url;
  char *idp_key;
  PcCredentialsKind kind;
  gboolean product_updates;
  gboolean verification_sent;
} SignIn;

static void
sign_in_free (SignIn *data)
{
  _pc_session_wipe (&data->secret);
  _pc_session_wipe (&data->password);
  g_free (data->idp_url);
  g_free (data->idp_key);
  g_free (data->email);
  g_free (data->workspace_id);
  g_free (data);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Without a keyring the sign-in still holds for this run. */
  if (!pc_secret_store_save_finish (result, &error))
    _pc_session_note_keyring_error (self, error);
  _pc_session_set_remembered (self, error == NULL);
  _pc_session_set_state (self, PC_SESSION_SIGNED_IN);
  g_task_return_boolean (task, TRUE);
}

static void
signed_in (GTask     *task,
           PcProfile *profile)
{
  PcSession *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(PcCredentials) credentials = NULL;
  const char *secret = data->kind == PC_CREDENTIALS_TOKEN ? data->secret
                                                          : pc_client_get_session_cookie (self->client);

  pc_session_set_profile (self, profile);
  if (data->kind == PC_CREDENTIALS_COOKIE)
    _pc_session_set_id_token (self, data->secret, data->idp_url, data->idp_key);
  self->verification_sent = data->verification_sent;
  credentials = pc_credentials_new (pc_session_get_server (self), pc_profile_get_email (profile), data->kind,
                                    secret, data->kind == PC_CREDENTIALS_TOKEN ? data->workspace_id : NULL);
  pc_credentials_set_name (credentials, pc_profile_get_display_name (profile));
  pc_secret_store_save_async (credentials, g_task_get_cancellable (task), save_cb, g_object_ref (task));
}

static void
fail_sign_in (GTask  *task,
              GError *error)
{
  PcSession *self = g_task_get_source_object (task);

  pc_client_clear_credentials (self->client);
  g_task_return_error (task, error);
}

/* The server's answer to the last step of a token sign-in (GET
 * /auth/profile) or a password sign-in (POST /auth/login). */
static void
profile_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(PcProfile) profile = NULL;
  GError *error = NULL;

  if (data->kind == PC_CREDENTIALS_TOKEN)
    profile = pc_client_get_profile_finish (PC_CLIENT (object), result, &error);
  else
    profile = pc_client_login_finish (PC_CLIENT (object), result, &error);
  if (profile == NULL)
    fail_sign_in (task, error);
  else
    signed_in (task, profile);
}

/**
 * pc_session_sign_in_with_token_async:
 * @workspace_id: (nullable): the workspace the token is for; the
 *   personal one when %NULL or empty
 *
 * Signs in with an API token, checked by asking for the profile. Finish
 * with pc_session_sign_in_finish().
 */
void
pc_session_sign_in_with_token_async (PcSession           *self,
                                     const char          *token,
                                     const char          *workspace_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (PC_IS_SESSION (self));
  g_return_if_fail (token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_sign_in_with_token_async);
  data = g_new0 (SignIn, 1);
  data->kind = PC_CREDENTIALS_TOKEN;
  data->secret = g_strstrip (g_strdup (token));
  data->workspace_id = workspace_id && *workspace_id ? g_strstrip (g_strdup (workspace_id)) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);

  pc_client_set_api_token (self->client, data->secret);
  pc_session_set_workspace_id (self, data->workspace_id);
  pc_client_get_profile_async (self->client, cancellable, profile_cb, g_steal_pointer (&task));
}

/* The identity provider's ID token, which stands in for the password
 * from here on; FALSE, the sign-in failed with @error, without one. */
static gboolean
take_id_token (GTask  *task,
               char   *id_token,
               GError *error)
{
  SignIn *data = g_task_get_task_data (task);

  data->secret = id_token;
  _pc_session_wipe (&data->password);
  if (id_token == NULL)
    {
      fail_sign_in (task, error);
      return FALSE;
    }
  return TRUE;
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *id_token = pc_client_sign_in_with_password_finish (PC_CLIENT (object), result, &error);

  if (!take_id_token (task, id_token, error))
    return;
  pc_client_login_async (PC_CLIENT (object), data->secret, PC_LOGIN_TYPE_LOGIN, FALSE,
                         g_task_get_cancellable (task), profile_cb, g_object_ref (task));
}

/* The task of a sign-in or sign-up with an email and a password at the
 * identity provider, which answers with a session cookie: whatever the
 * client held before is let go of first. */
static GTask *
password_task_new (PcSession           *self,
                   gpointer             source_tag,
                   const char          *idp_url,
                   const char          *idp_key,
                   const char          *email,
                   const char          *password,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SignIn *data = g_new0 (SignIn, 1);

  g_task_set_source_tag (task, source_tag);
  data->kind = PC_CREDENTIALS_COOKIE;
  data->email = g_strstrip (g_strdup (email));
  data->password = g_strdup (password);
  data->idp_url = g_strdup (idp_url);
  data->idp_key = g_strdup (idp_key);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);
  pc_client_clear_credentials (self->client);
  return task;
}

/**
 * pc_session_sign_in_with_password_async:
 *
 * Signs in at the identity provider, then with Pupil Cloud (a session
 * cookie). Finish with pc_session_sign_in_finish().
 */
void
pc_session_sign_in_with_password_async (PcSession           *self,
                                        const char          *idp_url,
                                        const char          *idp_key,
                                        const char          *email,
                                        const char          *password,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (PC_IS_SESSION (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  task = password_task_new (self, pc_session_sign_in_with_password_async, idp_url, idp_key, email, password,
                            cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  pc_client_sign_in_with_password_async (self->client, idp_url, idp_key, data->email, data->password,
                                         cancellable, password_cb, g_steal_pointer (&task));
}

/* Creating an account: sign up at the identity provider, ask it for the
 * confirmation email, then register with Pupil Cloud. */

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PcProfile) profile = NULL;
  GError *error = NULL;

  profile = pc_client_login_finish (PC_CLIENT (object), result, &error);
  if (profile != NULL)
    {
      signed_in (task, profile);
      return;
    }
  /* The provider has the account now, Pupil Cloud has not: a second
   * Create Account would only hear that the address exists. */
  if (g_error_matches (error, PC_ERROR, PC_ERROR_INVALID_INPUT) ||
      g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, PC_ERROR, PC_ERROR_FORBIDDEN))
    {
      GError *account_error = NULL;

      g_debug ("Register refused: %s", error->message);
      account_error = g_error_new_literal (PC_ERROR, PC_ERROR_FAILED,
                                           _("Your email address and password were saved, but Pupil Cloud did "
                                             "not open the account. Sign in with them on the web at "
                                             "cloud.pupil-labs.com to finish, then sign in here."));
      g_clear_error (&error);
      error = account_error;
    }
  fail_sign_in (task, error);
}

static void
verification_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Without the email the account is still made: the banner offers to
   * send it again. */
  data->verification_sent = pc_client_send_verification_email_finish (PC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail_sign_in (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_debug ("Confirmation email not sent: %s", error->message);
  pc_client_login_async (PC_CLIENT (object), data->secret, PC_LOGIN_TYPE_REGISTER, data->product_updates,
                         g_task_get_cancellable (task), register_cb, g_object_ref (task));
}

static void
sign_up_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *id_token = pc_client_sign_up_finish (PC_CLIENT (object), result, &error);

  if (!take_id_token (task, id_token, error))
    return;
  pc_client_send_verification_email_async (PC_CLIENT (object), data->idp_url, data->idp_key, data->secret,
                                           g_task_get_cancellable (task), verification_cb, g_object_ref (task));
}

/**
 * pc_session_register_async:
 *
 * Creates an account with @email and @password and signs in to it, as
 * pc_session_sign_in_with_password_async() does. Finish with
 * pc_session_sign_in_finish(); pc_session_get_verification_sent() then
 * says whether the confirmation email went out.
 */
void
pc_session_register_async (PcSession           *self,
                           const char          *idp_url,
                           const char          *idp_key,
                           const char          *email,
                           const char          *password,
                           gboolean             product_updates,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (PC_IS_SESSION (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  task = password_task_new (self, pc_session_register_async, idp_url, idp_key, email, password,
                            cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->product_updates = product_updates;
  pc_client_sign_up_async (self->client, idp_url, idp_key, data->email, data->password,
                           cancellable, sign_up_cb, g_steal_pointer (&task));
}

gboolean
pc_session_get_verification_sent (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), FALSE);
  return self->verification_sent;
}

static void
resend_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (pc_client_send_verification_email_finish (PC_CLIENT (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * pc_session_resend_verification_async:
 *
 * Asks the identity provider for another email to confirm the address,
 * with this run's ID token; fails with %PC_ERROR_NOT_SIGNED_IN without one
 * (see #PcSession:can-resend-verification).
 */
void
pc_session_resend_verification_async (PcSession           *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_resend_verification_async);
  if (self->id_token == NULL)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_NOT_SIGNED_IN, "%s",
                               _("Sign in again with your email address and password to get another email."));
      return;
    }
  pc_client_send_verification_email_async (self->client, self->idp_url, self->idp_key, self->id_token,
                                           cancellable, resend_cb, g_steal_pointer (&task));
}

gboolean
pc_session_resend_verification_finish (PcSession     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _pc_session_task_finish_boolean (self, result, pc_session_resend_verification_async, error);
}

/**
 * pc_session_sign_in_finish:
 *
 * Finishes any of the ways in: pc_session_sign_in_with_token_async(),
 * pc_session_sign_in_with_password_async() and pc_session_register_async()
 * end alike (signed in and remembered, or an error), so that one callback
 * can serve a form that offers all three. Each call keeps its own source
 * tag; a result of any other call is refused.
 */
gboolean
pc_session_sign_in_finish (PcSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, pc_session_sign_in_with_token_async) ||
                        g_async_result_is_tagged (result, pc_session_sign_in_with_password_async) ||
                        g_async_result_is_tagged (result, pc_session_register_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
