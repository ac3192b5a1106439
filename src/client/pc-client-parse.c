/* pc-client-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The readers that more than one endpoint file uses: an answer that
 * carries nothing but success, one model, a list of models, a profile, one
 * required string. Each turns the envelope's result into what a task
 * returns (see PcParseFunc).
 */
#define G_LOG_DOMAIN "PcClient"

#include "pc-client-private.h"
#include "pc-error.h"
#include "pc-json-private.h"
#include "pc-model-private.h"

gpointer
pc_client_parse_nothing (JsonNode  *result,
                         GError   **error)
{
  return GINT_TO_POINTER (TRUE);
}

/* An authenticated request whose answer says only that it was done. */
const PcRequestKind pc_client_nothing_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, pc_client_parse_nothing, NULL,
};

/**
 * pc_client_parse_object:
 * @type_name: what the answer is, for the error and the debug log
 *
 * Returns: (transfer full) (nullable): what @parse_object made of the
 *   result, which must be an object
 */
gpointer
pc_client_parse_object (JsonNode        *result,
                        const char      *type_name,
                        PcObjectParser   parse_object,
                        GError         **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, type_name, error);
  return object ? parse_object (object, error) : NULL;
}

/**
 * pc_client_parse_string_member:
 *
 * Returns: (transfer full) (nullable): a copy of the string @member of the
 *   result, an object of @type_name that must have it
 */
char *
pc_client_parse_string_member (JsonNode    *result,
                               const char  *type_name,
                               const char  *member,
                               GError     **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, type_name, error);
  const char *value;

  if (object == NULL || !pc_json_require_string (object, type_name, member, &value, error))
    return NULL;
  return g_strdup (value);
}

/* Both the sign-in and the profile's own endpoints answer with it. */
gpointer
pc_client_parse_profile (JsonNode  *result,
                         GError   **error)
{
  return pc_client_parse_object (result, "Profile", (PcObjectParser) pc_profile_new_from_json, error);
}

/* A list of models: a part is a GPtrArray of them, and the value one
 * GListStore of all. */
static gpointer
model_new_part (gconstpointer data,
                gsize         size)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
model_add_item (gpointer        part,
                JsonObject     *item,
                gconstpointer   data,
                GError        **error)
{
  const PcModelList *list = data;
  gpointer model = list->parse_item (item, error);

  if (model == NULL)
    return FALSE;
  g_ptr_array_add (part, model);
  return TRUE;
}

static gpointer
model_finish (gpointer      *parts,
              guint          n_parts,
              gconstpointer  data)
{
  const PcModelList *list = data;
  GListStore *store = g_list_store_new (list->get_type ());

  for (guint i = 0; i < n_parts; i++)
    {
      GPtrArray *models = parts[i];

      g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0, models->pdata, models->len);
      g_ptr_array_unref (models);
    }
  return store;
}

/* A list is all or nothing: one unreadable item means the answer is not
 * what the contract says, and a list with holes would mislead. */
const PcListReader pc_client_model_list_reader = {
  model_new_part, model_add_item, model_finish, (GDestroyNotify) g_ptr_array_unref, g_object_unref,
};
