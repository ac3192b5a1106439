/* pc-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signed-in person, for the desktop app: which server, which client and
 * credentials, the profile last seen, whether the keyring remembers the
 * sign-in. Every call the pages make goes through the session's client with
 * the session's cancellable, so that ending a session (signing out, or a
 * 401 from any call) cancels everything still in flight.
 *
 * This file holds the object, its properties and its states; how a
 * session starts and ends is in pc-session-restore.c (a stored sign-in),
 * pc-session-sign-in.c and pc-session-sign-out.c.
 */
#define G_LOG_DOMAIN "PcSession"

#include <string.h>

#include "pc-error.h"
#include "pc-secret-store.h"
#include "pc-session-private.h"

G_DEFINE_ENUM_TYPE (PcSessionState, pc_session_state,
                    G_DEFINE_ENUM_VALUE (PC_SESSION_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (PC_SESSION_SIGNED_IN, "signed-in"),
                    G_DEFINE_ENUM_VALUE (PC_SESSION_OFFLINE, "offline"))

G_DEFINE_FINAL_TYPE (PcSession, pc_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER,
  PROP_STATE,
  PROP_PROFILE,
  PROP_ACCOUNT,
  PROP_DISPLAY_NAME,
  PROP_REMEMBERED,
  PROP_KEYRING_AVAILABLE,
  PROP_WORKSPACE_ID,
  PROP_OFFLINE_REASON,
  PROP_CAN_RESEND_VERIFICATION,
  PROP_RESTORING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { ENDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
pc_session_dispose (GObject *object)
{
  PcSession *self = PC_SESSION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (pc_session_parent_class)->dispose (object);
}

static void
pc_session_finalize (GObject *object)
{
  PcSession *self = PC_SESSION (object);

  g_clear_object (&self->client);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->stored_account, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->offline_reason, g_free);
  g_clear_object (&self->token_names);
  _pc_session_set_id_token (self, NULL, NULL, NULL);
  G_OBJECT_CLASS (pc_session_parent_class)->finalize (object);
}

static void
pc_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PcSession *self = PC_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_string (value, pc_session_get_server (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, pc_session_get_display_name (self));
      break;
    case PROP_REMEMBERED:
      g_value_set_boolean (value, self->remembered);
      break;
    case PROP_KEYRING_AVAILABLE:
      g_value_set_boolean (value, self->keyring_available);
      break;
    case PROP_WORKSPACE_ID:
      g_value_set_string (value, pc_session_get_workspace_id (self));
      break;
    case PROP_OFFLINE_REASON:
      g_value_set_string (value, self->offline_reason);
      break;
    case PROP_CAN_RESEND_VERIFICATION:
      g_value_set_boolean (value, pc_session_get_can_resend_verification (self));
      break;
    case PROP_RESTORING:
      g_value_set_boolean (value, self->restoring);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PcSession *self = PC_SESSION (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_ID:
      pc_session_set_workspace_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_session_class_init (PcSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pc_session_dispose;
  object_class->finalize = pc_session_finalize;
  object_class->get_property = pc_session_get_property;
  object_class->set_property = pc_session_set_property;

  properties[PROP_SERVER] = g_param_spec_string ("server", NULL, NULL, NULL, flags);
  /**
   * PcSession:state:
   *
   * Signed out, signed in, or offline (see #PcSession:offline-reason);
   * notified only when it changes.
   */
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, PC_TYPE_SESSION_STATE, PC_SESSION_SIGNED_OUT,
                                              flags);
  properties[PROP_PROFILE] = g_param_spec_object ("profile", NULL, NULL, PC_TYPE_PROFILE, flags);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_REMEMBERED] = g_param_spec_boolean ("remembered", NULL, NULL, FALSE, flags);
  properties[PROP_KEYRING_AVAILABLE] = g_param_spec_boolean ("keyring-available", NULL, NULL, TRUE, flags);
  properties[PROP_WORKSPACE_ID] =
    g_param_spec_string ("workspace-id", NULL, NULL, PC_DEFAULT_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PcSession:offline-reason:
   *
   * While %PC_SESSION_OFFLINE, why the server did not confirm the sign-in,
   * in a sentence: it could not be reached, or it (or something in the
   * way) refused with 403, which keeps the sign-in. %NULL otherwise.
   */
  properties[PROP_OFFLINE_REASON] = g_param_spec_string ("offline-reason", NULL, NULL, NULL, flags);
  /**
   * PcSession:can-resend-verification:
   *
   * Whether this run holds an ID token from a password sign-in or a
   * sign-up, which asking for another confirmation email needs.
   */
  properties[PROP_CAN_RESEND_VERIFICATION] =
    g_param_spec_boolean ("can-resend-verification", NULL, NULL, FALSE, flags);
  /**
   * PcSession:restoring:
   *
   * Whether a stored sign-in was found at start and the server has not yet
   * said whether it still holds: the account is known, the state still
   * %PC_SESSION_SIGNED_OUT. What was known of the account can show
   * meanwhile. It ends after the state has changed.
   */
  properties[PROP_RESTORING] = g_param_spec_boolean ("restoring", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PcSession::ended:
   * @expired: %TRUE when the server no longer accepted the sign-in, %FALSE
   *   when the person signed out
   */
  signals[ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
pc_session_init (PcSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->keyring_available = TRUE;
}

PcSession *
pc_session_new (const char  *server,
                GError     **error)
{
  g_autoptr(PcSession) self = g_object_new (PC_TYPE_SESSION, NULL);

  self->client = pc_client_new (server, error);
  if (self->client == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

const char *
pc_session_get_server (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);
  return pc_client_get_base_url (self->client);
}

/**
 * pc_session_set_server:
 *
 * Points a signed-out session at another server: a new client, with the
 * old one's settings.
 */
gboolean
pc_session_set_server (PcSession   *self,
                       const char  *server,
                       GError     **error)
{
  g_autoptr(PcClient) client = NULL;

  g_return_val_if_fail (PC_IS_SESSION (self), FALSE);
  g_return_val_if_fail (self->state == PC_SESSION_SIGNED_OUT, FALSE);

  client = pc_client_new (server, error);
  if (client == NULL)
    return FALSE;
  if (g_strcmp0 (pc_client_get_base_url (client), pc_session_get_server (self)) == 0)
    return TRUE;
  pc_client_set_timeout (client, pc_client_get_timeout (self->client));
  g_set_object (&self->client, client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
  return TRUE;
}

PcClient *
pc_session_get_client (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);
  return self->client;
}

PcSessionState
pc_session_get_state (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), PC_SESSION_SIGNED_OUT);
  return self->state;
}

PcProfile *
pc_session_get_profile (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);
  return self->profile;
}

const char *
pc_session_get_account (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);
  return self->account;
}

const char *
pc_session_get_display_name (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);
  if (self->profile != NULL)
    return pc_profile_get_display_name (self->profile);
  return self->display_name ? self->display_name : self->account;
}

gboolean
pc_session_get_restoring (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), FALSE);
  return self->restoring;
}

void
_pc_session_set_restoring (PcSession *self,
                           gboolean   restoring)
{
  if (self->restoring == restoring)
    return;
  self->restoring = restoring;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
}

/**
 * pc_session_get_token_names:
 *
 * The names given on this computer to the tokens of every account, as the
 * pages show them: the session forgets those of an account it deletes.
 *
 * Returns: (transfer none): the user's token names, read when first asked for
 */
PcTokenNames *
pc_session_get_token_names (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);

  if (self->token_names == NULL)
    self->token_names = pc_token_names_new (NULL);
  return self->token_names;
}

gboolean
pc_session_get_remembered (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), FALSE);
  return self->remembered;
}

PcCredentialsKind
pc_session_get_credentials_kind (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), PC_CREDENTIALS_NONE);
  return pc_client_get_credentials_kind (self->client);
}

/* What every call of the signed-in session passes: cancelled when the
 * session ends. */
GCancellable *
pc_session_get_cancellable (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);
  return self->cancellable;
}

/**
 * pc_session_get_offline_reason:
 *
 * Returns: (nullable): see #PcSession:offline-reason
 */
const char *
pc_session_get_offline_reason (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);
  return self->offline_reason;
}

const char *
pc_session_get_workspace_id (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), NULL);
  return pc_client_get_workspace_id (self->client);
}

void
pc_session_set_workspace_id (PcSession  *self,
                             const char *workspace_id)
{
  g_autofree char *old = NULL;

  g_return_if_fail (PC_IS_SESSION (self));

  old = g_strdup (pc_client_get_workspace_id (self->client));
  pc_client_set_workspace_id (self->client, workspace_id);
  if (g_strcmp0 (old, pc_client_get_workspace_id (self->client)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_ID]);
}

void
_pc_session_set_offline_reason (PcSession  *self,
                                const char *reason)
{
  if (g_strcmp0 (self->offline_reason, reason) == 0)
    return;
  g_free (self->offline_reason);
  self->offline_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_REASON]);
}

void
_pc_session_set_state (PcSession      *self,
                       PcSessionState  state)
{
  if (state != PC_SESSION_OFFLINE)
    _pc_session_set_offline_reason (self, NULL);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Kept signed in with what is known, and why the server said nothing
 * better: set before the state, so that who watches the state finds it. */
void
_pc_session_go_offline (PcSession    *self,
                        const GError *error)
{
  g_debug ("Sign-in not confirmed: %s", error->message);
  _pc_session_set_offline_reason (self, error->message);
  _pc_session_set_state (self, PC_SESSION_OFFLINE);
}

void
_pc_session_set_account (PcSession  *self,
                         const char *account,
                         const char *display_name)
{
  if (g_strcmp0 (self->account, account) != 0)
    {
      g_free (self->account);
      self->account = g_strdup (account);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

/* A sign-in the keyring held, into the client: its credentials and
 * workspace, and the account as it was then. */
void
_pc_session_apply_stored (PcSession     *self,
                          PcCredentials *credentials)
{
  pc_credentials_apply (credentials, self->client);
  _pc_session_set_account (self, pc_credentials_get_account (credentials), pc_credentials_get_name (credentials));
  g_free (self->stored_account);
  self->stored_account = g_strdup (pc_credentials_get_account (credentials));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_ID]);
}

/**
 * pc_session_set_profile:
 *
 * The profile as the server last sent it; pages that fetch or change it
 * hand it here, so that the header and menus follow.
 */
void
pc_session_set_profile (PcSession *self,
                        PcProfile *profile)
{
  g_return_if_fail (PC_IS_SESSION (self));

  if (!g_set_object (&self->profile, profile))
    return;
  if (profile != NULL)
    _pc_session_set_account (self, pc_profile_get_email (profile), pc_profile_get_display_name (profile));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

void
_pc_session_set_remembered (PcSession *self,
                            gboolean   remembered)
{
  if (self->remembered != remembered)
    {
      self->remembered = remembered;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBERED]);
    }
}

void
_pc_session_note_keyring_error (PcSession    *self,
                                const GError *error)
{
  if (g_error_matches (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE) &&
      self->keyring_available)
    {
      self->keyring_available = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_AVAILABLE]);
    }
}

/* Nothing of the session so far may still arrive. */
void
_pc_session_renew_cancellable (PcSession *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* The _finish of a call that returns a boolean: the result must be the
 * session's and of @source_tag, the call's own _async. */
gboolean
_pc_session_task_finish_boolean (PcSession     *self,
                                 GAsyncResult  *result,
                                 gpointer       source_tag,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
finish_ending (PcSession *self,
               gboolean   expired)
{
  _pc_session_set_state (self, PC_SESSION_SIGNED_OUT);
  g_signal_emit (self, signals[ENDED], 0, expired);
}

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PcSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pc_secret_store_clear_finish (result, &error) && error != NULL)
    _pc_session_note_keyring_error (self, error);
  finish_ending (self, TRUE);
}

/* Ends the session here: in-flight calls cancelled and credentials gone
 * from memory at once; with @forget, the session ends (and says so) once
 * they are gone from the keyring too, so that no new sign-in can race the
 * removal of the old one. */
void
_pc_session_end (PcSession *self,
                 gboolean   expired,
                 gboolean   forget)
{
  _pc_session_renew_cancellable (self);

  pc_client_clear_credentials (self->client);
  _pc_session_set_id_token (self, NULL, NULL, NULL);
  _pc_session_set_remembered (self, FALSE);
  if (g_set_object (&self->profile, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);

  if (forget)
    pc_secret_store_clear_async (pc_session_get_server (self), NULL, forgotten_cb, g_object_ref (self));
  else
    finish_ending (self, expired);
}

/**
 * pc_session_report_error:
 *
 * Pages hand every failed call here. A 401 means the server no longer
 * accepts this sign-in: the session ends as expired. Returns %TRUE when
 * the error ended the session (the page then has nothing more to say).
 */
gboolean
pc_session_report_error (PcSession    *self,
                         const GError *error)
{
  g_return_val_if_fail (PC_IS_SESSION (self), FALSE);

  if (self->state == PC_SESSION_SIGNED_OUT || !g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED) ||
      pc_client_get_credentials_kind (self->client) == PC_CREDENTIALS_NONE)
    return FALSE;
  _pc_session_end (self, TRUE, TRUE);
  return TRUE;
}

/* Secrets held for this run only */

void
_pc_session_wipe (char **text)
{
  if (*text != NULL)
    explicit_bzero (*text, strlen (*text));
  g_clear_pointer (text, g_free);
}

void
_pc_session_set_id_token (PcSession  *self,
                          const char *id_token,
                          const char *idp_url,
                          const char *idp_key)
{
  gboolean could = self->id_token != NULL;

  _pc_session_wipe (&self->id_token);
  g_clear_pointer (&self->idp_url, g_free);
  g_clear_pointer (&self->idp_key, g_free);
  if (id_token != NULL)
    {
      self->id_token = g_strdup (id_token);
      self->idp_url = g_strdup (idp_url);
      self->idp_key = g_strdup (idp_key);
    }
  if (could != (self->id_token != NULL) && G_OBJECT (self)->ref_count > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RESEND_VERIFICATION]);
}

gboolean
pc_session_get_can_resend_verification (PcSession *self)
{
  g_return_val_if_fail (PC_IS_SESSION (self), FALSE);
  return self->id_token != NULL;
}
