/* pc-invitation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcInvitation"

#include <string.h>

#include "pc-invitation.h"
#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pc-workspace-membership.h"

struct _PcInvitation
{
  GObject parent_instance;
  char *id;
  char *token;
  char *email;
  char *role;
  char *workspace_id;
  char *created_by_user_id;
  PcWorkspaceSummary *workspace;
  PcUser *created_by;
  GDateTime *created_at;
  GDateTime *expires_at;
  char *key;
  gboolean answering;
};

G_DEFINE_FINAL_TYPE (PcInvitation, pc_invitation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TOKEN,
  PROP_EMAIL,
  PROP_ROLE,
  PROP_WORKSPACE_ID,
  PROP_WORKSPACE,
  PROP_CREATED_BY_USER_ID,
  PROP_CREATED_BY,
  PROP_CREATED_AT,
  PROP_EXPIRES_AT,
  PROP_ANSWERING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
pc_invitation_finalize (GObject *object)
{
  PcInvitation *self = PC_INVITATION (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->workspace_id, g_free);
  g_clear_pointer (&self->created_by_user_id, g_free);
  g_clear_object (&self->workspace);
  g_clear_object (&self->created_by);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_pointer (&self->key, g_free);
  G_OBJECT_CLASS (pc_invitation_parent_class)->finalize (object);
}

static void
pc_invitation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PcInvitation *self = PC_INVITATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_WORKSPACE_ID:
      g_value_set_string (value, self->workspace_id);
      break;
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_CREATED_BY_USER_ID:
      g_value_set_string (value, self->created_by_user_id);
      break;
    case PROP_CREATED_BY:
      g_value_set_object (value, self->created_by);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;
    case PROP_ANSWERING:
      g_value_set_boolean (value, self->answering);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_invitation_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ANSWERING:
      pc_invitation_set_answering (PC_INVITATION (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_invitation_class_init (PcInvitationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pc_invitation_finalize;
  object_class->get_property = pc_invitation_get_property;
  object_class->set_property = pc_invitation_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties[PROP_WORKSPACE_ID] = g_param_spec_string ("workspace-id", NULL, NULL, NULL, flags);
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, PC_TYPE_WORKSPACE_SUMMARY, flags);
  properties[PROP_CREATED_BY_USER_ID] =
    g_param_spec_string ("created-by-user-id", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_BY] = g_param_spec_object ("created-by", NULL, NULL, PC_TYPE_USER, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* Not the server's: whether an answer to it is on its way, for the rows
   * and dialogs that show it to bind to. */
  properties[PROP_ANSWERING] =
    g_param_spec_boolean ("answering", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_invitation_init (PcInvitation *self)
{
}

PcInvitation *
pc_invitation_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(PcInvitation) self = NULL;
  JsonObject *workspace = pc_json_get_object (object, "workspace");
  JsonObject *created_by = pc_json_get_object (object, "created_by");
  const char *workspace_id;
  const char *role;

  /* Without the workspace and the role there is nothing to decide on. The
   * token is read-only and needed to answer, but an invitation fetched by
   * its token may leave it out, so it is optional here. */
  if (!pc_json_require_string (object, "WorkspaceInvitation", "workspace_id", &workspace_id, error) ||
      !pc_json_require_string (object, "WorkspaceInvitation", "role", &role, error))
    return NULL;

  self = g_object_new (PC_TYPE_INVITATION, NULL);
  self->workspace_id = g_strdup (workspace_id);
  self->role = g_strdup (role);
  self->id = g_strdup (pc_json_get_string (object, "id"));
  self->token = g_strdup (pc_json_get_string (object, "token"));
  self->email = g_strdup (pc_json_get_string (object, "email"));
  self->created_by_user_id = g_strdup (pc_json_get_string (object, "created_by_user_id"));
  self->created_at = pc_json_get_datetime (object, "created_at");
  self->expires_at = pc_json_get_datetime (object, "expires_at");
  if (workspace != NULL)
    self->workspace = pc_workspace_summary_new_from_json (workspace, NULL);
  if (created_by != NULL)
    self->created_by = pc_user_new_from_json (created_by, NULL);

  /* The seed does not promise an id: without one, what the invitation is
   * for stands in. Never the token, which is a secret and kept nowhere. */
  if (self->id != NULL && *self->id != '\0')
    self->key = g_strdup (self->id);
  else
    {
      g_autofree char *created = self->created_at ? g_date_time_format_iso8601 (self->created_at) : NULL;
      self->key = g_strdup_printf ("~%s %s %s %s", workspace_id, role, self->email ? self->email : "",
                                   created ? created : "");
    }
  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  pc_invitation_get_##field (PcInvitation *self) \
  { \
    g_return_val_if_fail (PC_IS_INVITATION (self), NULL); \
    return self->field; \
  }

GETTER (const char *, id)
GETTER (const char *, token)
GETTER (const char *, email)
GETTER (const char *, role)
GETTER (const char *, workspace_id)
GETTER (PcWorkspaceSummary *, workspace)
GETTER (const char *, created_by_user_id)
GETTER (PcUser *, created_by)
GETTER (GDateTime *, created_at)
GETTER (GDateTime *, expires_at)

#undef GETTER

gboolean
pc_invitation_is_expired (PcInvitation *self,
                          GDateTime    *now)
{
  g_return_val_if_fail (PC_IS_INVITATION (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return self->expires_at != NULL && g_date_time_compare (self->expires_at, now) <= 0;
}

char *
pc_invitation_dup_workspace_name (PcInvitation *self)
{
  g_return_val_if_fail (PC_IS_INVITATION (self), NULL);
  return pc_workspace_short_name (self->workspace_id,
                                  self->workspace ? pc_workspace_summary_get_name (self->workspace) : NULL);
}

/**
 * pc_invitation_get_key:
 *
 * What tells this invitation apart from the others of one person: its id,
 * or, when the server sent none, its workspace, role, email and creation
 * date. Never its token.
 */
const char *
pc_invitation_get_key (PcInvitation *self)
{
  g_return_val_if_fail (PC_IS_INVITATION (self), NULL);
  return self->key;
}

/* Whether it can be answered here: accepting and declining both need the
 * token, which the seed does not promise in a list. */
gboolean
pc_invitation_can_answer (PcInvitation *self)
{
  g_return_val_if_fail (PC_IS_INVITATION (self), FALSE);
  return self->token != NULL && *self->token != '\0';
}

/**
 * pc_invitation_with_token:
 * @token: the token @self was looked up by
 *
 * An invitation fetched by its token may come back without it: this gives
 * one that has it, so that it can be answered.
 *
 * Returns: (transfer full): @self when it has a token, else a copy with @token
 */
PcInvitation *
pc_invitation_with_token (PcInvitation *self,
                          const char   *token)
{
  PcInvitation *copy;

  g_return_val_if_fail (PC_IS_INVITATION (self), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  if (pc_invitation_can_answer (self))
    return g_object_ref (self);
  copy = g_object_new (PC_TYPE_INVITATION, NULL);
  copy->id = g_strdup (self->id);
  copy->token = g_strdup (token);
  copy->email = g_strdup (self->email);
  copy->role = g_strdup (self->role);
  copy->workspace_id = g_strdup (self->workspace_id);
  copy->created_by_user_id = g_strdup (self->created_by_user_id);
  copy->workspace = self->workspace ? g_object_ref (self->workspace) : NULL;
  copy->created_by = self->created_by ? g_object_ref (self->created_by) : NULL;
  copy->created_at = self->created_at ? g_date_time_ref (self->created_at) : NULL;
  copy->expires_at = self->expires_at ? g_date_time_ref (self->expires_at) : NULL;
  copy->key = g_strdup (self->key);
  return copy;
}

gboolean
pc_invitation_get_answering (PcInvitation *self)
{
  g_return_val_if_fail (PC_IS_INVITATION (self), FALSE);
  return self->answering;
}

void
pc_invitation_set_answering (PcInvitation *self,
                             gboolean      answering)
{
  g_return_if_fail (PC_IS_INVITATION (self));

  answering = !!answering;
  if (self->answering == answering)
    return;
  self->answering = answering;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERING]);
}

static gboolean
is_token (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > 512)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_.~", *p) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * pc_invitation_token_from_text:
 * @text: what a person pasted
 *
 * Finds the invitation token in a bare token, a `pupil-cloud://invite/TOKEN`
 * address, or a web link that carries it as a `token` (or `invite_token`)
 * query parameter or as its last path segment.
 *
 * Returns: (transfer full) (nullable): the token, or %NULL if there is none
 */
char *
pc_invitation_token_from_text (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) segments = NULL;
  const char *query;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (is_token (trimmed))
    return g_steal_pointer (&trimmed);

  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL)
    return NULL;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "pupil-cloud") == 0)
    {
      g_autofree char *path = NULL;

      /* pupil-cloud://invite/TOKEN: "invite" is the host. */
      if (g_strcmp0 (g_uri_get_host (uri), "invite") != 0)
        return NULL;
      path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
      if (path == NULL)
        return NULL;
      g_strdelimit (path, "/", ' ');
      g_strstrip (path);
      return is_token (path) ? g_steal_pointer (&path) : NULL;
    }
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    return NULL;

  query = g_uri_get_query (uri);
  if (query != NULL)
    {
      g_autoptr(GHashTable) params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
      const char *names[] = { "token", "invite_token", "invitation" };

      for (guint i = 0; params != NULL && i < G_N_ELEMENTS (names); i++)
        {
          const char *value = g_hash_table_lookup (params, names[i]);
          if (value != NULL && is_token (value))
            return g_strdup (value);
        }
    }

  segments = g_strsplit (g_uri_get_path (uri), "/", -1);
  for (guint i = g_strv_length (segments); i > 0; i--)
    {
      g_autofree char *segment = g_uri_unescape_string (segments[i - 1], NULL);

      if (segment == NULL || *segment == '\0')
        continue;
      /* The last segment, unless it names the page itself. */
      if (g_str_equal (segment, "invite") || g_str_equal (segment, "invites") ||
          g_str_equal (segment, "invitation") || g_str_equal (segment, "invitations"))
        return NULL;
      return is_token (segment) ? g_steal_pointer (&segment) : NULL;
    }
  return NULL;
}
