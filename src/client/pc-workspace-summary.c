/* pc-workspace-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcWorkspaceSummary"

#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pc-workspace-summary.h"

struct _PcWorkspaceSummary
{
  GObject parent_instance;
  char *id;
  char *name;
  char *picture_url;
};

G_DEFINE_FINAL_TYPE (PcWorkspaceSummary, pc_workspace_summary, G_TYPE_OBJECT)

enum { PROP_0, PROP_ID, PROP_NAME, PROP_PICTURE_URL, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
pc_workspace_summary_finalize (GObject *object)
{
  PcWorkspaceSummary *self = PC_WORKSPACE_SUMMARY (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->picture_url, g_free);
  G_OBJECT_CLASS (pc_workspace_summary_parent_class)->finalize (object);
}

static void
pc_workspace_summary_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PcWorkspaceSummary *self = PC_WORKSPACE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PICTURE_URL:
      g_value_set_string (value, self->picture_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_workspace_summary_class_init (PcWorkspaceSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pc_workspace_summary_finalize;
  object_class->get_property = pc_workspace_summary_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PICTURE_URL] = g_param_spec_string ("picture-url", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_workspace_summary_init (PcWorkspaceSummary *self)
{
}

PcWorkspaceSummary *
pc_workspace_summary_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_autoptr(PcWorkspaceSummary) self = NULL;
  const char *id;

  if (!pc_json_require_string (object, "WorkspaceSummary", "id", &id, error))
    return NULL;

  self = g_object_new (PC_TYPE_WORKSPACE_SUMMARY, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (pc_json_get_string (object, "name"));
  self->picture_url = g_strdup (pc_json_get_string (object, "picture_url"));
  return g_steal_pointer (&self);
}

const char *
pc_workspace_summary_get_id (PcWorkspaceSummary *self)
{
  g_return_val_if_fail (PC_IS_WORKSPACE_SUMMARY (self), NULL);
  return self->id;
}

const char *
pc_workspace_summary_get_name (PcWorkspaceSummary *self)
{
  g_return_val_if_fail (PC_IS_WORKSPACE_SUMMARY (self), NULL);
  return self->name;
}

const char *
pc_workspace_summary_get_picture_url (PcWorkspaceSummary *self)
{
  g_return_val_if_fail (PC_IS_WORKSPACE_SUMMARY (self), NULL);
  return self->picture_url;
}
