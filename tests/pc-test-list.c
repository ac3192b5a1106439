/* pc-test-list.c: pc_response_read_list() against the whole answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reader that keeps each item as its JSON text and refuses any item with
 * a member "refuse", saying the item's text; and a walk over the answer
 * parsed whole by pc_response_parse() that says what that reader must
 * give: the same texts in the same order, or the same error (the first
 * item refused, however the list was cut).
 */
#include "pc-error.h"
#include "pc-response-private.h"
#include "pc-test-list.h"

static char *
item_text (JsonObject *item)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), item);

  return json_to_string (node, FALSE);
}

static gpointer
text_new_part (gconstpointer data,
               gsize         size)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static gboolean
text_add_item (gpointer        part,
               JsonObject     *item,
               gconstpointer   data,
               GError        **error)
{
  char *text = item_text (item);

  if (json_object_has_member (item, "refuse"))
    {
      g_set_error (error, PC_ERROR, PC_ERROR_PARSE, "refused %s", text);
      g_free (text);
      return FALSE;
    }
  g_ptr_array_add (part, text);
  return TRUE;
}

static gpointer
text_finish (gpointer      *parts,
             guint          n_parts,
             gconstpointer  data)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_parts; i++)
    {
      GPtrArray *part = parts[i];

      g_ptr_array_extend_and_steal (all, part);
    }
  return all;
}

static const PcListReader text_reader = {
  text_new_part, text_add_item, text_finish,
  (GDestroyNotify) g_ptr_array_unref, (GDestroyNotify) g_ptr_array_unref,
};

/* What the reader must give for the whole answer: the texts, or an error. */
static GPtrArray *
walk_whole (guint    status,
            GBytes  *body,
            GError **error)
{
  g_autoptr(JsonNode) result = pc_response_parse (PC_RESPONSE_ENVELOPE, status, body, error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (result == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (result))
    {
      g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
      return NULL;
    }
  array = json_node_get_array (result);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
          return NULL;
        }
      if (!text_add_item (texts, json_node_get_object (item), NULL, error))
        return NULL;
    }
  return g_steal_pointer (&texts);
}

/**
 * pc_test_list_compare:
 * @n_items: (out) (optional): how many items the whole answer's list has,
 *   or 0 when it gives an error
 *
 * Returns: (transfer full) (nullable): %NULL when pc_response_read_list()
 *   gives for @body what a walk over the whole answer gives; else what
 *   differs
 */
char *
pc_test_list_compare (guint   status,
                      GBytes *body,
                      guint  *n_items)
{
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GPtrArray) whole = walk_whole (status, body, &whole_error);
  g_autoptr(GPtrArray) list = pc_response_read_list (status, body, &text_reader, NULL, &list_error);

  if (n_items != NULL)
    *n_items = whole ? whole->len : 0;
  if ((list == NULL) == (list_error == NULL))
    return g_strdup_printf ("a value and an error, or neither: %p %p", (gpointer) list, (gpointer) list_error);
  if (whole == NULL && list != NULL)
    return g_strdup_printf ("whole: error %s; read: %u items", whole_error->message, list->len);
  if (whole != NULL && list == NULL)
    return g_strdup_printf ("whole: %u items; read: error %s", whole->len, list_error->message);
  if (whole == NULL)
    {
      if (whole_error->domain != list_error->domain || whole_error->code != list_error->code ||
          g_strcmp0 (whole_error->message, list_error->message) != 0)
        return g_strdup_printf ("whole: %s %d %s; read: %s %d %s",
                                g_quark_to_string (whole_error->domain), whole_error->code, whole_error->message,
                                g_quark_to_string (list_error->domain), list_error->code, list_error->message);
      return NULL;
    }
  if (whole->len != list->len)
    return g_strdup_printf ("whole: %u items; read: %u", whole->len, list->len);
  for (guint i = 0; i < whole->len; i++)
    if (g_strcmp0 (whole->pdata[i], list->pdata[i]) != 0)
      return g_strdup_printf ("item %u: whole %.200s; read %.200s", i, (char *) whole->pdata[i],
                              (char *) list->pdata[i]);
  return NULL;
}
