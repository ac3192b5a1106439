/* pc-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signed-in person, for the desktop app: which server, which client and
 * credentials, the profile last seen, whether the keyring remembers the
 * sign-in. Every call the pages make goes through the session's client with
 * the session's cancellable, so that ending a session (signing out, or a
 * 401 from any call) cancels everything still in flight.
 */
#define G_LOG_DOMAIN "PcSession"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pc-secret-store.h"
#include "pc-error.h"
#include "pc-session.h"
#include "pc-token-cache.h"

struct _PcSession
{
  GObject parent_instance;

  PcClient *client;
  PcProfile *profile;
  GCancellable *cancellable;
  char *account;      /* email: from the profile, or the keyring when offline */
  char *display_name; /* the name last seen */
  PcSessionState state;
  char *offline_reason; /* why the sign-in could not be confirmed */
  gboolean remembered;
  gboolean keyring_available;
  /* The identity provider's ID token of this run's password sign-in or
   * sign-up, to ask for another confirmation email: never stored. */
  char *id_token;
  char *idp_url;
  char *idp_key;
  gboolean verification_sent; /* by the sign-up that made this session */
  gboolean restoring;         /* a stored sign-in found, the server not yet heard */
  char *stored_account;       /* the email the keyring held, which the profile may have changed */
};

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

static void set_id_token (PcSession *self, const char *id_token, const char *idp_url, const char *idp_key);

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
  set_id_token (self, NULL, NULL, NULL);
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
      g_value_set_int (value, self->state);
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
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, PC_SESSION_SIGNED_OUT, PC_SESSION_OFFLINE,
                                             PC_SESSION_SIGNED_OUT, flags);
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

static void
set_restoring (PcSession *self,
               gboolean   restoring)
{
  if (self->restoring == restoring)
    return;
  self->restoring = restoring;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
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

static void
set_offline_reason (PcSession  *self,
                    const char *reason)
{
  if (g_strcmp0 (self->offline_reason, reason) == 0)
    return;
  g_free (self->offline_reason);
  self->offline_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_REASON]);
}

static void
set_state (PcSession      *self,
           PcSessionState  state)
{
  if (state != PC_SESSION_OFFLINE)
    set_offline_reason (self, NULL);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Kept signed in with what is known, and why the server said nothing
 * better: set before the state, so that who watches the state finds it. */
static void
go_offline (PcSession    *self,
            const GError *error)
{
  g_debug ("Sign-in not confirmed: %s", error->message);
  set_offline_reason (self, error->message);
  set_state (self, PC_SESSION_OFFLINE);
}

static void
set_account (PcSession  *self,
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
    set_account (self, pc_profile_get_email (profile), pc_profile_get_display_name (profile));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
set_remembered (PcSession *self,
                gboolean   remembered)
{
  if (self->remembered != remembered)
    {
      self->remembered = remembered;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBERED]);
    }
}

static void
note_keyring_error (PcSession    *self,
                    const GError *error)
{
  if (g_error_matches (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE) &&
      self->keyring_available)
    {
      self->keyring_available = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_AVAILABLE]);
    }
}

static void
finish_ending (PcSession *self,
               gboolean   expired)
{
  set_state (self, PC_SESSION_SIGNED_OUT);
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
    note_keyring_error (self, error);
  finish_ending (self, TRUE);
}

/* Ends the session here: in-flight calls cancelled and credentials gone
 * from memory at once; with @forget, the session ends (and says so) once
 * they are gone from the keyring too, so that no new sign-in can race the
 * removal of the old one. */
static void
end_session (PcSession *self,
             gboolean   expired,
             gboolean   forget)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  pc_client_clear_credentials (self->client);
  set_id_token (self, NULL, NULL, NULL);
  set_remembered (self, FALSE);
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
  end_session (self, TRUE, TRUE);
  return TRUE;
}

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
      set_state (self, PC_SESSION_SIGNED_IN);
      set_restoring (self, FALSE);
      g_task_return_boolean (task, TRUE);
    }
  else if (is_rejection (error))
    {
      /* The stored sign-in is no good: forget it, keep the email to offer,
       * and finish once it is gone from the keyring. */
      pc_client_clear_credentials (self->client);
      set_remembered (self, FALSE);
      set_state (self, PC_SESSION_SIGNED_OUT);
      set_restoring (self, FALSE);
      g_task_set_task_data (task, error, (GDestroyNotify) g_error_free);
      pc_secret_store_clear_async (pc_session_get_server (self), NULL, restore_forgotten_cb,
                                   g_steal_pointer (&task));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_restoring (self, FALSE);
      g_task_return_error (task, error);
    }
  else
    {
      /* The server could not be asked, or refused without saying that the
       * sign-in is no good: stay signed in with what we know. */
      go_offline (self, error);
      set_restoring (self, FALSE);
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
      note_keyring_error (self, error);
      g_task_return_error (task, error);
      return;
    }
  if (credentials == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  pc_credentials_apply (credentials, self->client);
  set_account (self, pc_credentials_get_account (credentials), pc_credentials_get_name (credentials));
  g_free (self->stored_account);
  self->stored_account = g_strdup (pc_credentials_get_account (credentials));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_ID]);
  set_remembered (self, TRUE);
  set_restoring (self, TRUE);
  pc_client_get_profile_async (self->client, g_task_get_cancellable (task), restore_profile_cb,
                               g_object_ref (task));
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
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_session_restore_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
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
        end_session (self, TRUE, TRUE);
      else if (self->state == PC_SESSION_OFFLINE && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_offline_reason (self, error->message);
      g_task_return_error (task, error);
      return;
    }
  pc_session_set_profile (self, profile);
  set_state (self, PC_SESSION_SIGNED_IN);
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
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_session_refresh_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Signing in: check with the server, then remember */

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
wipe (char **text)
{
  if (*text != NULL)
    explicit_bzero (*text, strlen (*text));
  g_clear_pointer (text, g_free);
}

static void
set_id_token (PcSession  *self,
              const char *id_token,
              const char *idp_url,
              const char *idp_key)
{
  gboolean could = self->id_token != NULL;

  wipe (&self->id_token);
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

static void
sign_in_free (SignIn *data)
{
  wipe (&data->secret);
  wipe (&data->password);
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
    note_keyring_error (self, error);
  set_remembered (self, error == NULL);
  set_state (self, PC_SESSION_SIGNED_IN);
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
    set_id_token (self, data->secret, data->idp_url, data->idp_key);
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

static void
token_profile_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PcProfile) profile = NULL;
  GError *error = NULL;

  profile = pc_client_get_profile_finish (PC_CLIENT (object), result, &error);
  if (profile == NULL)
    fail_sign_in (task, error);
  else
    signed_in (task, profile);
}

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
  pc_client_get_profile_async (self->client, cancellable, token_profile_cb, g_steal_pointer (&task));
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PcProfile) profile = NULL;
  GError *error = NULL;

  profile = pc_client_login_finish (PC_CLIENT (object), result, &error);
  if (profile == NULL)
    fail_sign_in (task, error);
  else
    signed_in (task, profile);
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->secret = pc_client_sign_in_with_password_finish (PC_CLIENT (object), result, &error);
  wipe (&data->password);
  if (data->secret == NULL)
    {
      fail_sign_in (task, error);
      return;
    }
  pc_client_login_async (PC_CLIENT (object), data->secret, PC_LOGIN_TYPE_LOGIN, FALSE,
                         g_task_get_cancellable (task), login_cb, g_object_ref (task));
}

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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_sign_in_with_token_async);
  data = g_new0 (SignIn, 1);
  data->kind = PC_CREDENTIALS_COOKIE;
  data->email = g_strstrip (g_strdup (email));
  data->password = g_strdup (password);
  data->idp_url = g_strdup (idp_url);
  data->idp_key = g_strdup (idp_key);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);

  pc_client_clear_credentials (self->client);
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

  data->secret = pc_client_sign_up_finish (PC_CLIENT (object), result, &error);
  wipe (&data->password);
  if (data->secret == NULL)
    {
      fail_sign_in (task, error);
      return;
    }
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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_session_sign_in_with_token_async);
  data = g_new0 (SignIn, 1);
  data->kind = PC_CREDENTIALS_COOKIE;
  data->email = g_strstrip (g_strdup (email));
  data->password = g_strdup (password);
  data->idp_url = g_strdup (idp_url);
  data->idp_key = g_strdup (idp_key);
  data->product_updates = product_updates;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);

  pc_client_clear_credentials (self->client);
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
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_session_resend_verification_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Both sign-ins finish here. */
gboolean
pc_session_sign_in_finish (PcSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_session_sign_in_with_token_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Signing out */

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
    note_keyring_error (self, error);
  end_session (self, FALSE, FALSE);
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
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

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
