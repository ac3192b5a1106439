/* pc-user.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcUser"

#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pc-user.h"

struct _PcUser
{
  GObject parent_instance;
  char *id;
  char *uid;
  char *email;
  char *name;
  char *photo_url;
  char *provider;
  char *default_template_id;
  gboolean email_verified;
};

G_DEFINE_FINAL_TYPE (PcUser, pc_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UID,
  PROP_EMAIL,
  PROP_EMAIL_VERIFIED,
  PROP_NAME,
  PROP_PHOTO_URL,
  PROP_PROVIDER,
  PROP_DEFAULT_TEMPLATE_ID,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
pc_user_finalize (GObject *object)
{
  PcUser *self = PC_USER (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->photo_url, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->default_template_id, g_free);
  G_OBJECT_CLASS (pc_user_parent_class)->finalize (object);
}

static void
pc_user_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PcUser *self = PC_USER (object);

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
    case PROP_DEFAULT_TEMPLATE_ID:
      g_value_set_string (value, self->default_template_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_user_class_init (PcUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pc_user_finalize;
  object_class->get_property = pc_user_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL_VERIFIED] = g_param_spec_boolean ("email-verified", NULL, NULL, FALSE, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PHOTO_URL] = g_param_spec_string ("photo-url", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_DEFAULT_TEMPLATE_ID] =
    g_param_spec_string ("default-template-id", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_user_init (PcUser *self)
{
}

PcUser *
pc_user_new_from_json (JsonObject  *object,
                       GError     **error)
{
  g_autoptr(PcUser) self = NULL;
  const char *id;

  if (!pc_json_require_string (object, "User", "id", &id, error))
    return NULL;

  self = g_object_new (PC_TYPE_USER, NULL);
  self->id = g_strdup (id);
  self->uid = g_strdup (pc_json_get_string (object, "uid"));
  self->email = g_strdup (pc_json_get_string (object, "email"));
  self->email_verified = pc_json_get_boolean (object, "email_verified", FALSE);
  self->name = g_strdup (pc_json_get_string (object, "name"));
  self->photo_url = g_strdup (pc_json_get_string (object, "photo_url"));
  self->provider = g_strdup (pc_json_get_string (object, "provider"));
  self->default_template_id = g_strdup (pc_json_get_string (object, "default_template_id"));
  return g_steal_pointer (&self);
}

#define GETTER(type, field, fallback) \
  type \
  pc_user_get_##field (PcUser *self) \
  { \
    g_return_val_if_fail (PC_IS_USER (self), fallback); \
    return self->field; \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, uid, NULL)
GETTER (const char *, email, NULL)
GETTER (gboolean, email_verified, FALSE)
GETTER (const char *, name, NULL)
GETTER (const char *, photo_url, NULL)
GETTER (const char *, provider, NULL)
GETTER (const char *, default_template_id, NULL)

#undef GETTER

/* The name when there is one, otherwise the email: what a person who
 * invited someone is recognised by. */
const char *
pc_user_get_display_name (PcUser *self)
{
  g_return_val_if_fail (PC_IS_USER (self), NULL);
  if (self->name != NULL && *self->name != '\0')
    return self->name;
  return self->email;
}
