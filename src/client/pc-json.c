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

static gboolean
read_digits (const char *text,
             guint       n_digits,
             guint       min,
             guint       max,
             guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return *value >= min && *value <= max;
}

/**
 * pc_json_read_date:
 *
 * Whether @text is a date in the form the service writes, in UTC with or
 * without six digits of fraction, and one that exists; its fields in
 * @date. Anything else (another form of ISO 8601) is not read here.
 */
gboolean
pc_json_read_date (const char *text,
                   PcJsonDate *date)
{
  gsize length = text ? strlen (text) : 0;

  if (length != 20 && length != 27)
    return FALSE;
  if (!read_digits (text, 4, 1, 9999, &date->year) || text[4] != '-' ||
      !read_digits (text + 5, 2, 1, 12, &date->month) || text[7] != '-' ||
      !read_digits (text + 8, 2, 1, g_date_get_days_in_month (date->month, date->year), &date->day) ||
      text[10] != 'T' ||
      !read_digits (text + 11, 2, 0, 23, &date->hour) || text[13] != ':' ||
      !read_digits (text + 14, 2, 0, 59, &date->minute) || text[16] != ':' ||
      !read_digits (text + 17, 2, 0, 59, &date->second))
    return FALSE;
  date->has_fraction = length == 27;
  date->microsecond = 0;
  if (!date->has_fraction)
    return text[19] == 'Z';
  return text[19] == '.' && read_digits (text + 20, 6, 0, 999999, &date->microsecond) && text[26] == 'Z';
}

GDateTime *
pc_json_parse_datetime (const char *text)
{
  static GTimeZone *utc;
  PcJsonDate fields;

  if (text == NULL || *text == '\0')
    return NULL;
  if (g_once_init_enter (&utc))
    g_once_init_leave (&utc, g_time_zone_new_utc ());
  /* The service's own form, read without GLib's ISO 8601 parser (a list
   * of 10,000 tokens holds 20,000 dates): the same date, to the
   * microsecond (tests/test-models.c holds the two side by side). */
  if (pc_json_read_date (text, &fields))
    {
      g_autoptr(GDateTime) whole = g_date_time_new (utc, fields.year, fields.month, fields.day, fields.hour,
                                                    fields.minute, fields.second);

      if (whole == NULL || fields.microsecond == 0)
        return g_steal_pointer (&whole);
      return g_date_time_add (whole, fields.microsecond);
    }
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
