/* pc-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcJson"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pc-error.h"
#include "pc-json-private.h"

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return NULL;
  return json_object_get_member (object, member);
}

const char *
pc_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
pc_json_get_boolean (JsonObject *object,
                     const char *member,
                     gboolean    fallback)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

GDateTime *
pc_json_parse_datetime (const char *text)
{
  static GTimeZone *utc;

  if (text == NULL || *text == '\0')
    return NULL;
  if (g_once_init_enter (&utc))
    g_once_init_leave (&utc, g_time_zone_new_utc ());
  /* A date without an offset is taken as UTC, which is what the service
   * stores; the UI converts to local time for display. */
  return g_date_time_new_from_iso8601 (text, utc);
}

GDateTime *
pc_json_get_datetime (JsonObject *object,
                      const char *member)
{
  return pc_json_parse_datetime (pc_json_get_string (object, member));
}

JsonObject *
pc_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
pc_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

gboolean
pc_json_require_string (JsonObject  *object,
                        const char  *type_name,
                        const char  *member,
                        const char **out,
                        GError     **error)
{
  const char *value = pc_json_get_string (object, member);

  if (value == NULL || *value == '\0')
    {
      g_debug ("%s without a usable \"%s\"", type_name, member);
      g_set_error (error, PC_ERROR, PC_ERROR_PARSE, "%s",
                   pc_error_code_describe (PC_ERROR_PARSE));
      return FALSE;
    }
  *out = value;
  return TRUE;
}

JsonObject *
pc_json_node_get_object_checked (JsonNode    *node,
                                 const char  *type_name,
                                 GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_debug ("Expected a %s object", type_name);
      g_set_error (error, PC_ERROR, PC_ERROR_PARSE, "%s",
                   pc_error_code_describe (PC_ERROR_PARSE));
      return NULL;
    }
  return json_node_get_object (node);
}

/**
 * pc_json_node_wipe_strings:
 *
 * Overwrites every string value in @node with zeros, in place: a request
 * body built with JsonBuilder holds its own copies of a password or an ID
 * token, which would otherwise stay behind in freed memory.
 */
void
pc_json_node_wipe_strings (JsonNode *node)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        pc_json_node_wipe_strings (member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        pc_json_node_wipe_strings (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *text = (char *) json_node_get_string (node);

      if (text != NULL)
        explicit_bzero (text, strlen (text));
    }
}
