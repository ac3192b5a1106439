/* pc-token.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcToken"

#include <string.h>

#include "pc-format.h"
#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pc-token.h"

struct _PcToken
{
  GObject parent_instance;
  char *id;
  char *name;
  char *token; /* whole only in the answer to a creation; masked otherwise */
  GDateTime *created_at;
  GDateTime *last_used_at;
  gboolean deleting; /* the app's state of the item, never sent by the server */
};

G_DEFINE_FINAL_TYPE (PcToken, pc_token, G_TYPE_OBJECT)

enum { PROP_0, PROP_ID, PROP_NAME, PROP_TOKEN, PROP_CREATED_AT, PROP_LAST_USED_AT, PROP_DELETING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
pc_token_finalize (GObject *object)
{
  PcToken *self = PC_TOKEN (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  /* The secret should not linger in freed memory. */
  if (self->token != NULL)
    explicit_bzero (self->token, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->last_used_at, g_date_time_unref);
  G_OBJECT_CLASS (pc_token_parent_class)->finalize (object);
}

static void
pc_token_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PcToken *self = PC_TOKEN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_LAST_USED_AT:
      g_value_set_boxed (value, self->last_used_at);
      break;
    case PROP_DELETING:
      g_value_set_boolean (value, self->deleting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_token_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PcToken *self = PC_TOKEN (object);

  switch (prop_id)
    {
    case PROP_DELETING:
      pc_token_set_deleting (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_token_class_init (PcTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pc_token_finalize;
  object_class->get_property = pc_token_get_property;
  object_class->set_property = pc_token_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_LAST_USED_AT] =
    g_param_spec_boxed ("last-used-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * PcToken:deleting:
   *
   * Whether this program has asked the server to delete the token and not
   * heard back yet. The app's state of the item, not server data: no
   * answer sets it, so that a list's rows can show it by binding to it.
   */
  properties[PROP_DELETING] =
    g_param_spec_boolean ("deleting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_token_init (PcToken *self)
{
}

PcToken *
pc_token_new_from_json (JsonObject  *object,
                        GError     **error)
{
  PcToken *self;
  const char *id;

  if (!pc_json_require_string (object, "Token", "id", &id, error))
    return NULL;

  self = g_object_new (PC_TYPE_TOKEN, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (pc_json_get_string (object, "name"));
  self->token = g_strdup (pc_json_get_string (object, "token"));
  self->created_at = pc_json_get_datetime (object, "created_at");
  self->last_used_at = pc_json_get_datetime (object, "last_used_at");
  return self;
}

#define GETTER(type, field) \
  type \
  pc_token_get_##field (PcToken *self) \
  { \
    g_return_val_if_fail (PC_IS_TOKEN (self), NULL); \
    return self->field; \
  }

GETTER (const char *, id)
GETTER (const char *, name)
GETTER (const char *, token)
GETTER (GDateTime *, created_at)
GETTER (GDateTime *, last_used_at)

#undef GETTER

gboolean
pc_token_get_deleting (PcToken *self)
{
  g_return_val_if_fail (PC_IS_TOKEN (self), FALSE);

  return self->deleting;
}

void
pc_token_set_deleting (PcToken  *self,
                       gboolean  deleting)
{
  g_return_if_fail (PC_IS_TOKEN (self));

  deleting = !!deleting;
  if (self->deleting == deleting)
    return;
  self->deleting = deleting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETING]);
}

/**
 * pc_token_dup_masked:
 *
 * A form of the token that is safe to show: its last four characters behind
 * dots. Whatever the server sent (whole or already masked), at most four
 * characters of it come out.
 */
char *
pc_token_dup_masked (PcToken *self)
{
  g_return_val_if_fail (PC_IS_TOKEN (self), NULL);

  return pc_format_masked_token (self->token);
}
