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

/**
 * pc_client_checked_list:
 *
 * A list is all or nothing: one unreadable item means the answer is not
 * what the contract says, and a list with holes would mislead.
 *
 * Returns: (transfer none) (nullable): the answer's array, each item an
 *   object, or %NULL with %PC_ERROR_PARSE
 */
JsonArray *
pc_client_checked_list (JsonNode  *result,
                        GError   **error)
{
  JsonArray *array;

  if (result == NULL || !JSON_NODE_HOLDS_ARRAY (result))
    {
      g_debug ("Expected a list");
      g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
      return NULL;
    }
  array = json_node_get_array (result);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      {
        g_debug ("List item %u is not an object", i);
        g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
        return NULL;
      }
  return array;
}

/**
 * pc_client_parse_list:
 * @item_type: the type of what @parse_item returns
 *
 * Returns: (transfer full) (nullable): a #GListStore of one item per
 *   element, or %NULL when the list or any item could not be read
 */
GListModel *
pc_client_parse_list (JsonNode        *result,
                      GType            item_type,
                      PcObjectParser   parse_item,
                      GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GListStore) store = NULL;
  JsonArray *array = pc_client_checked_list (result, error);
  guint length;

  if (array == NULL)
    return NULL;
  length = json_array_get_length (array);
  items = g_ptr_array_new_full (length, g_object_unref);
  for (guint i = 0; i < length; i++)
    {
      gpointer item = parse_item (json_array_get_object_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  store = g_list_store_new (item_type);
  /* One splice: one items-changed for the whole list. */
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}
