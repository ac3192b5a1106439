/* pc-workspace-member.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcWorkspaceMember"

#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pc-workspace-member.h"

struct _PcWorkspaceMember
{
  GObject parent_instance;
  char *user_id;
  char *workspace_id;
  char *role;
  GDateTime *created_at;
  GDateTime *updated_at;
  PcUser *user;
};

G_DEFINE_FINAL_TYPE (PcWorkspaceMember, pc_workspace_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_WORKSPACE_ID,
  PROP_ROLE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_USER,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
pc_workspace_member_finalize (GObject *object)
{
  PcWorkspaceMember *self = PC_WORKSPACE_MEMBER (object);

  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->workspace_id, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_object (&self->user);
  G_OBJECT_CLASS (pc_workspace_member_parent_class)->finalize (object);
}

static void
pc_workspace_member_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PcWorkspaceMember *self = PC_WORKSPACE_MEMBER (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_WORKSPACE_ID:
      g_value_set_string (value, self->workspace_id);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_workspace_member_class_init (PcWorkspaceMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pc_workspace_member_finalize;
  object_class->get_property = pc_workspace_member_get_property;

  properties[PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties[PROP_WORKSPACE_ID] = g_param_spec_string ("workspace-id", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_USER] = g_param_spec_object ("user", NULL, NULL, PC_TYPE_USER, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_workspace_member_init (PcWorkspaceMember *self)
{
}

PcWorkspaceMember *
pc_workspace_member_new_from_json (JsonObject  *object,
                                   GError     **error)
{
  g_autoptr(PcWorkspaceMember) self = NULL;
  JsonObject *user = pc_json_get_object (object, "user");
  const char *workspace_id;

  if (!pc_json_require_string (object, "WorkspaceMember", "workspace_id", &workspace_id, error))
    return NULL;

  self = g_object_new (PC_TYPE_WORKSPACE_MEMBER, NULL);
  self->workspace_id = g_strdup (workspace_id);
  self->user_id = g_strdup (pc_json_get_string (object, "user_id"));
  self->role = g_strdup (pc_json_get_string (object, "role"));
  self->created_at = pc_json_get_datetime (object, "created_at");
  self->updated_at = pc_json_get_datetime (object, "updated_at");
  if (user != NULL)
    self->user = pc_user_new_from_json (user, NULL);
  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  pc_workspace_member_get_##field (PcWorkspaceMember *self) \
  { \
    g_return_val_if_fail (PC_IS_WORKSPACE_MEMBER (self), NULL); \
    return self->field; \
  }

GETTER (const char *, user_id)
GETTER (const char *, workspace_id)
GETTER (const char *, role)
GETTER (GDateTime *, created_at)
GETTER (GDateTime *, updated_at)
GETTER (PcUser *, user)

#undef GETTER
