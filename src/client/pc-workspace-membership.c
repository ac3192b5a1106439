/* pc-workspace-membership.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcWorkspaceMembership"

#include "pc-format.h"
#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pc-workspace-membership.h"

struct _PcWorkspaceMembership
{
  GObject parent_instance;
  char *workspace_id;
  char *user_id;
  char *role;
  GDateTime *created_at;
  PcWorkspaceSummary *workspace;
};

G_DEFINE_FINAL_TYPE (PcWorkspaceMembership, pc_workspace_membership, G_TYPE_OBJECT)

enum { PROP_0, PROP_WORKSPACE_ID, PROP_USER_ID, PROP_ROLE, PROP_CREATED_AT, PROP_WORKSPACE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
pc_workspace_membership_finalize (GObject *object)
{
  PcWorkspaceMembership *self = PC_WORKSPACE_MEMBERSHIP (object);

  g_clear_pointer (&self->workspace_id, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (pc_workspace_membership_parent_class)->finalize (object);
}

static void
pc_workspace_membership_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PcWorkspaceMembership *self = PC_WORKSPACE_MEMBERSHIP (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_ID:
      g_value_set_string (value, self->workspace_id);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_workspace_membership_class_init (PcWorkspaceMembershipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pc_workspace_membership_finalize;
  object_class->get_property = pc_workspace_membership_get_property;

  properties[PROP_WORKSPACE_ID] = g_param_spec_string ("workspace-id", NULL, NULL, NULL, flags);
  properties[PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, PC_TYPE_WORKSPACE_SUMMARY, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_workspace_membership_init (PcWorkspaceMembership *self)
{
}

PcWorkspaceMembership *
pc_workspace_membership_new_from_json (JsonObject  *object,
                                       GError     **error)
{
  g_autoptr(PcWorkspaceMembership) self = g_object_new (PC_TYPE_WORKSPACE_MEMBERSHIP, NULL);
  JsonObject *workspace = pc_json_get_object (object, "workspace");
  const char *workspace_id = pc_json_get_string (object, "workspace_id");

  /* The whole shape is our reading of the service (x-assumed): a nested
   * workspace that cannot be read is dropped, not fatal. */
  if (workspace != NULL)
    self->workspace = pc_workspace_summary_new_from_json (workspace, NULL);
  if (workspace_id == NULL && self->workspace != NULL)
    workspace_id = pc_workspace_summary_get_id (self->workspace);
  if (workspace_id == NULL || *workspace_id == '\0')
    {
      const char *unused;
      /* Reports the missing member the same way every model does. */
      pc_json_require_string (object, "WorkspaceMembership", "workspace_id", &unused, error);
      return NULL;
    }

  self->workspace_id = g_strdup (workspace_id);
  self->user_id = g_strdup (pc_json_get_string (object, "user_id"));
  self->role = g_strdup (pc_json_get_string (object, "role"));
  self->created_at = pc_json_get_datetime (object, "created_at");
  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  pc_workspace_membership_get_##field (PcWorkspaceMembership *self) \
  { \
    g_return_val_if_fail (PC_IS_WORKSPACE_MEMBERSHIP (self), NULL); \
    return self->field; \
  }

GETTER (const char *, workspace_id)
GETTER (const char *, user_id)
GETTER (const char *, role)
GETTER (GDateTime *, created_at)
GETTER (PcWorkspaceSummary *, workspace)

#undef GETTER

/**
 * pc_workspace_short_name:
 *
 * What to call a workspace: see pc_format_workspace_title().
 */
char *
pc_workspace_short_name (const char *workspace_id,
                         const char *name)
{
  return pc_format_workspace_title (workspace_id, name);
}

char *
pc_workspace_membership_dup_display_name (PcWorkspaceMembership *self)
{
  g_return_val_if_fail (PC_IS_WORKSPACE_MEMBERSHIP (self), NULL);
  return pc_workspace_short_name (self->workspace_id,
                                  self->workspace ? pc_workspace_summary_get_name (self->workspace) : NULL);
}
