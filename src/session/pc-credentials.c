/* pc-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One sign-in: where, who, and the secret that proves it. The secret is
 * not a property, so that it never shows up in a property dump or a
 * notify handler; it is wiped when the object goes.
 */
#define G_LOG_DOMAIN "PcCredentials"

#include <string.h>

#include "pc-credentials.h"

struct _PcCredentials
{
  GObject parent_instance;
  char *server;
  char *account;
  char *secret;
  char *workspace_id;
  char *name; /* the person's name when last seen, for an offline start */
  PcCredentialsKind kind;
};

G_DEFINE_FINAL_TYPE (PcCredentials, pc_credentials, G_TYPE_OBJECT)

enum { PROP_0, PROP_SERVER, PROP_ACCOUNT, PROP_WORKSPACE_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
pc_credentials_finalize (GObject *object)
{
  PcCredentials *self = PC_CREDENTIALS (object);

  g_free (self->server);
  g_free (self->account);
  g_free (self->workspace_id);
  g_free (self->name);
  if (self->secret != NULL)
    explicit_bzero (self->secret, strlen (self->secret));
  g_free (self->secret);
  G_OBJECT_CLASS (pc_credentials_parent_class)->finalize (object);
}

static void
pc_credentials_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PcCredentials *self = PC_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_WORKSPACE_ID:
      g_value_set_string (value, self->workspace_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_credentials_class_init (PcCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pc_credentials_finalize;
  object_class->get_property = pc_credentials_get_property;

  properties[PROP_SERVER] = g_param_spec_string ("server", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_WORKSPACE_ID] = g_param_spec_string ("workspace-id", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_credentials_init (PcCredentials *self)
{
}

/**
 * pc_credentials_new:
 * @account: (nullable): the email address the secret belongs to
 * @workspace_id: (nullable): the workspace a token was given for
 */
PcCredentials *
pc_credentials_new (const char        *server,
                    const char        *account,
                    PcCredentialsKind  kind,
                    const char        *secret,
                    const char        *workspace_id)
{
  PcCredentials *self;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (kind == PC_CREDENTIALS_TOKEN || kind == PC_CREDENTIALS_COOKIE, NULL);

  self = g_object_new (PC_TYPE_CREDENTIALS, NULL);
  self->server = pc_client_normalize_url (server);
  self->account = g_strdup (account);
  self->kind = kind;
  self->secret = g_strdup (secret);
  self->workspace_id = g_strdup (workspace_id);
  return self;
}

const char *
pc_credentials_get_server (PcCredentials *self)
{
  g_return_val_if_fail (PC_IS_CREDENTIALS (self), NULL);
  return self->server;
}

const char *
pc_credentials_get_account (PcCredentials *self)
{
  g_return_val_if_fail (PC_IS_CREDENTIALS (self), NULL);
  return self->account;
}

PcCredentialsKind
pc_credentials_get_kind (PcCredentials *self)
{
  g_return_val_if_fail (PC_IS_CREDENTIALS (self), PC_CREDENTIALS_NONE);
  return self->kind;
}

const char *
pc_credentials_get_secret (PcCredentials *self)
{
  g_return_val_if_fail (PC_IS_CREDENTIALS (self), NULL);
  return self->secret;
}

const char *
pc_credentials_get_workspace_id (PcCredentials *self)
{
  g_return_val_if_fail (PC_IS_CREDENTIALS (self), NULL);
  return self->workspace_id;
}

const char *
pc_credentials_get_name (PcCredentials *self)
{
  g_return_val_if_fail (PC_IS_CREDENTIALS (self), NULL);
  return self->name;
}

void
pc_credentials_set_name (PcCredentials *self,
                         const char    *name)
{
  g_return_if_fail (PC_IS_CREDENTIALS (self));
  g_free (self->name);
  self->name = g_strdup (name);
}

/* Hands the secret to @client, which sends it from then on. */
void
pc_credentials_apply (PcCredentials *self,
                      PcClient      *client)
{
  g_return_if_fail (PC_IS_CREDENTIALS (self));
  g_return_if_fail (PC_IS_CLIENT (client));

  if (self->kind == PC_CREDENTIALS_TOKEN)
    pc_client_set_api_token (client, self->secret);
  else
    pc_client_set_session_cookie (client, self->secret);
  if (self->workspace_id != NULL)
    pc_client_set_workspace_id (client, self->workspace_id);
}
