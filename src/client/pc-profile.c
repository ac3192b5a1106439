/* pc-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcProfile"

#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pc-profile.h"
#include "pc-workspace-membership.h"

struct _PcProfile
{
  GObject parent_instance;
  char *id;
  char *uid;
  char *email;
  char *name;
  char *photo_url;
  char *provider;
  char *default_workspace_id;
  GDateTime *onboarded_at;
  GListStore *workspaces;
  gboolean email_verified;
  gboolean product_updates_subscribed;
};

G_DEFINE_FINAL_TYPE (PcProfile, pc_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UID,
  PROP_EMAIL,
  PROP_EMAIL_VERIFIED,
  PROP_NAME,
  PROP_PHOTO_URL,
  PROP_PROVIDER,
  PROP_DEFAULT_WORKSPACE_ID,
  PROP_ONBOARDED_AT,
  PROP_PRODUCT_UPDATES_SUBSCRIBED,
  PROP_WORKSPACES,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
pc_profile_finalize (GObject *object)
{
  PcProfile *self = PC_PROFILE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->photo_url, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->default_workspace_id, g_free);
  g_clear_pointer (&self->onboarded_at, g_date_time_unref);
  g_clear_object (&self->workspaces);
  G_OBJECT_CLASS (pc_profile_parent_class)->finalize (object);
}

static void
pc_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PcProfile *self = PC_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_EMAIL_VERIFIED:
      g_value_set_boolean (value, self->email_verified);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PHOTO_URL:
      g_value_set_string (value, self->photo_url);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_DEFAULT_WORKSPACE_ID:
      g_value_set_string (value, self->default_workspace_id);
      break;
    case PROP_ONBOARDED_AT:
      g_value_set_boxed (value, self->onboarded_at);
      break;
    case PROP_PRODUCT_UPDATES_SUBSCRIBED:
      g_value_set_boolean (value, self->product_updates_subscribed);
      break;
    case PROP_WORKSPACES:
      g_value_set_object (value, self->workspaces);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_profile_class_init (PcProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pc_profile_finalize;
  object_class->get_property = pc_profile_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL_VERIFIED] = g_param_spec_boolean ("email-verified", NULL, NULL, FALSE, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PHOTO_URL] = g_param_spec_string ("photo-url", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_DEFAULT_WORKSPACE_ID] =
    g_param_spec_string ("default-workspace-id", NULL, NULL, NULL, flags);
  properties[PROP_ONBOARDED_AT] =
    g_param_spec_boxed ("onboarded-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_PRODUCT_UPDATES_SUBSCRIBED] =
    g_param_spec_boolean ("product-updates-subscribed", NULL, NULL, FALSE, flags);
  properties[PROP_WORKSPACES] =
    g_param_spec_object ("workspaces", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_profile_init (PcProfile *self)
{
  self->workspaces = g_list_store_new (PC_TYPE_WORKSPACE_MEMBERSHIP);
}

PcProfile *
pc_profile_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(PcProfile) self = NULL;
  JsonArray *workspaces;
  const char *id;
  const char *email;

  if (!pc_json_require_string (object, "Profile", "id", &id, error) ||
      !pc_json_require_string (object, "Profile", "email", &email, error))
    return NULL;

  self = g_object_new (PC_TYPE_PROFILE, NULL);
  self->id = g_strdup (id);
  self->email = g_strdup (email);
  self->uid = g_strdup (pc_json_get_string (object, "uid"));
  self->email_verified = pc_json_get_boolean (object, "email_verified", FALSE);
  self->name = g_strdup (pc_json_get_string (object, "name"));
  self->photo_url = g_strdup (pc_json_get_string (object, "photo_url"));
  self->provider = g_strdup (pc_json_get_string (object, "provider"));
  self->default_workspace_id = g_strdup (pc_json_get_string (object, "default_workspace_id"));
  self->onboarded_at = pc_json_get_datetime (object, "onboarded_at");
  self->product_updates_subscribed =
    pc_json_get_boolean (object, "product_updates_subscribed", FALSE);

  /* user_workspaces is undocumented in detail: a membership that cannot be
   * read is left out rather than losing the whole profile. */
  workspaces = pc_json_get_array (object, "user_workspaces");
  for (guint i = 0; workspaces != NULL && i < json_array_get_length (workspaces); i++)
    {
      JsonNode *node = json_array_get_element (workspaces, i);
      g_autoptr(PcWorkspaceMembership) membership = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        membership = pc_workspace_membership_new_from_json (json_node_get_object (node), NULL);
      if (membership != NULL)
        g_list_store_append (self->workspaces, membership);
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field, fallback) \
  type \
  pc_profile_get_##field (PcProfile *self) \
  { \
    g_return_val_if_fail (PC_IS_PROFILE (self), fallback); \
    return self->field; \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, uid, NULL)
GETTER (const char *, email, NULL)
GETTER (gboolean, email_verified, FALSE)
GETTER (const char *, name, NULL)
GETTER (const char *, photo_url, NULL)
GETTER (const char *, provider, NULL)
GETTER (const char *, default_workspace_id, NULL)
GETTER (GDateTime *, onboarded_at, NULL)
GETTER (gboolean, product_updates_subscribed, FALSE)

#undef GETTER

GListModel *
pc_profile_get_workspaces (PcProfile *self)
{
  g_return_val_if_fail (PC_IS_PROFILE (self), NULL);
  return G_LIST_MODEL (self->workspaces);
}

const char *
pc_profile_get_display_name (PcProfile *self)
{
  g_return_val_if_fail (PC_IS_PROFILE (self), NULL);
  if (self->name != NULL && *self->name != '\0')
    return self->name;
  return self->email;
}

/* PcProfileChanges */

struct _PcProfileChanges
{
  gatomicrefcount ref_count;
  char *name;
  char *photo_url;
  guint set_name : 1;
  guint set_photo_url : 1;
  guint set_product_updates : 1;
  guint set_onboarded : 1;
  guint product_updates : 1;
  guint onboarded : 1;
};

G_DEFINE_BOXED_TYPE (PcProfileChanges, pc_profile_changes,
                     pc_profile_changes_ref, pc_profile_changes_unref)

PcProfileChanges *
pc_profile_changes_new (void)
{
  PcProfileChanges *self = g_new0 (PcProfileChanges, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

PcProfileChanges *
pc_profile_changes_ref (PcProfileChanges *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pc_profile_changes_unref (PcProfileChanges *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->name);
      g_free (self->photo_url);
      g_free (self);
    }
}

void
pc_profile_changes_set_name (PcProfileChanges *self,
                             const char       *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_free (self->name);
  self->name = g_strdup (name);
  self->set_name = TRUE;
}

/* NULL removes the photo: it is sent as null. */
void
pc_profile_changes_set_photo_url (PcProfileChanges *self,
                                  const char       *photo_url)
{
  g_return_if_fail (self != NULL);
  g_free (self->photo_url);
  self->photo_url = g_strdup (photo_url);
  self->set_photo_url = TRUE;
}

void
pc_profile_changes_set_product_updates_subscribed (PcProfileChanges *self,
                                                   gboolean          subscribed)
{
  g_return_if_fail (self != NULL);
  self->product_updates = !!subscribed;
  self->set_product_updates = TRUE;
}

void
pc_profile_changes_set_onboarded (PcProfileChanges *self,
                                  gboolean          onboarded)
{
  g_return_if_fail (self != NULL);
  self->onboarded = !!onboarded;
  self->set_onboarded = TRUE;
}

gboolean
pc_profile_changes_is_empty (PcProfileChanges *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return !self->set_name && !self->set_photo_url && !self->set_product_updates && !self->set_onboarded;
}

JsonNode *
pc_profile_changes_to_json (PcProfileChanges *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (self->set_name)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, self->name);
    }
  if (self->set_photo_url)
    {
      json_builder_set_member_name (builder, "photo_url");
      if (self->photo_url != NULL)
        json_builder_add_string_value (builder, self->photo_url);
      else
        json_builder_add_null_value (builder);
    }
  if (self->set_product_updates)
    {
      json_builder_set_member_name (builder, "product_updates_subscribed");
      json_builder_add_boolean_value (builder, self->product_updates);
    }
  if (self->set_onboarded)
    {
      json_builder_set_member_name (builder, "onboarded");
      json_builder_add_boolean_value (builder, self->onboarded);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
