/* pc-response-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list answer read item by item. Ten thousand tokens are 1.7 MB of JSON;
 * json-glib builds a tree of some 70,000 nodes for them, and in a program
 * that has just started, most of the time that takes is the kernel handing
 * it fresh pages. Here json-glib still parses every byte, but each item of
 * the "result" array is handed to a PcListReader as soon as it is parsed,
 * then wiped and dropped, so the memory one item used serves the next: the
 * whole tree never exists. A long list is read in two parts at once.
 *
 * What a reader sees is exactly what pc_response_parse() and a walk over
 * the result's items would give (tests/test-json.c and the response-list
 * fuzzer hold the two side by side): the envelope, with the list left
 * empty, goes through pc_response_parse() with all its checks, and anything
 * this file does not recognise is read whole that way.
 */
#define G_LOG_DOMAIN "PcResponse"

#include <string.h>

#include "pc-error.h"
#include "pc-json-private.h"
#include "pc-response-private.h"

/* A list answer this large is read in two parts at once. */
#define SPLIT_LIST_BYTES (256 * 1024)

static gsize split_list_bytes = SPLIT_LIST_BYTES;

/**
 * pc_response_set_list_split_threshold:
 * @bytes: the smallest answer pc_response_read_list() reads in two parts
 *   at once; 0 for the default (256 KiB)
 *
 * For tests only (the differential fuzzer reaches the parts with small
 * answers): call it before any answer is read, never while one is.
 */
void
pc_response_set_list_split_threshold (gsize bytes)
{
  split_list_bytes = bytes != 0 ? bytes : SPLIT_LIST_BYTES;
}

static void
set_parse_error (GError **error)
{
  g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
}

/* In @data, strict JSON (pc_json_scan() said so): whether it is an object
 * with one member "result" that is an array, and the offsets of its '[', of
 * the ',' between its items nearest its middle (0 with fewer than two
 * items) and of its ']'. FALSE for anything else, and for a member name
 * written with an escape (which could be another "result"). */
static gboolean
find_result_list (const char *data,
                  gsize       length,
                  gsize      *open,
                  gsize      *middle,
                  gsize      *close)
{
  g_autoptr(GArray) commas = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint depth = 0;
  guint n_results = 0;
  gboolean key_is_result = FALSE;
  gboolean in_list = FALSE;
  char previous = '\0'; /* the last character outside strings and space */

  *open = *middle = *close = 0;
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          gsize start = ++i;
          gboolean escaped = FALSE;

          /* To the closing quote: the next quote not escaped (the scanner
           * passed the text, so there is one). */
          for (;;)
            {
              const char *quote = memchr (data + i, '"', length - i);
              const char *backslash = memchr (data + i, '\\', quote - (data + i));

              if (backslash == NULL)
                {
                  i = quote - data;
                  break;
                }
              escaped = TRUE;
              i = backslash - data + 2;
            }
          /* A member name of the envelope: after its '{' or a ','. */
          if (depth == 1 && (previous == '{' || previous == ','))
            {
              if (escaped)
                return FALSE;
              key_is_result = i - start == strlen ("result") && memcmp (data + start, "result", i - start) == 0;
            }
          previous = '"';
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;

      if (c == '{' || c == '[')
        {
          if (depth == 0 && c != '{')
            return FALSE;
          if (depth == 1 && key_is_result && previous == ':' && c == '[')
            {
              in_list = TRUE;
              n_results++;
              *open = i;
            }
          depth++;
        }
      else if (c == '}' || c == ']')
        {
          depth--;
          if (depth == 1 && in_list)
            {
              in_list = FALSE;
              *close = i;
            }
        }
      else if (c == ',' && depth == 2 && in_list)
        g_array_append_val (commas, i);
      else if (c == ',' && depth == 1)
        key_is_result = FALSE;
      previous = c;
    }

  if (n_results != 1)
    return FALSE;
  /* The comma nearest the middle of the list's bytes */
  for (guint i = 0; i < commas->len; i++)
    {
      gsize comma = g_array_index (commas, gsize, i);
      if (i == 0 || comma <= *open + (*close - *open) / 2)
        *middle = comma;
    }
  return TRUE;
}

/* One part of the list, "[item,…]", read in a thread of its own. */
typedef struct
{
  const PcListReader *reader;
  gconstpointer data;
  const char *text;
  gsize length;
  gpointer part;
  GError *error;
  guint depth; /* of arrays: the list itself is 1 */
  gboolean parsed;
} Part;

static void
on_array_start (JsonParser *parser,
                Part       *part)
{
  part->depth++;
}

static void
on_array_end (JsonParser *parser,
              JsonArray  *array,
              Part       *part)
{
  part->depth--;
}

/* An item of the list, parsed: read, wiped and dropped, so that the list
 * never holds more than the one. */
static void
on_array_element (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  Part       *part)
{
  JsonNode *item;

  if (part->depth != 1)
    return;
  item = json_array_get_element (array, 0);
  if (part->error != NULL)
    ; /* The list is refused already. */
  else if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      g_debug ("A list item is not an object");
      set_parse_error (&part->error);
    }
  else
    part->reader->add_item (part->part, json_node_get_object (item), part->data, &part->error);
  pc_json_node_wipe_strings (item);
  json_array_remove_element (array, 0);
}

static gpointer
read_part (gpointer data)
{
  Part *part = data;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_signal_connect (parser, "array-start", G_CALLBACK (on_array_start), part);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_array_end), part);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element), part);
  part->part = part->reader->new_part (part->data, part->length);
  part->parsed = json_parser_load_from_data (parser, part->text, part->length, NULL);
  return NULL;
}

/* "[" @text "]", to be wiped */
static char *
bracketed (const char *text,
           gsize       length)
{
  char *copy = g_malloc (length + 2);

  copy[0] = '[';
  memcpy (copy + 1, text, length);
  copy[length + 1] = ']';
  return copy;
}

static void
clear_part (Part *part)
{
  if (part->part != NULL)
    part->reader->free_part (part->part);
  g_clear_error (&part->error);
}

/**
 * pc_response_read_list_node:
 * @result: (nullable): an envelope's result, as pc_response_parse() gives it
 *
 * What pc_response_read_list() gives for an answer whose result is
 * @result: a list is all or nothing, and one item that is not an object,
 * or that @reader refuses, refuses it with %PC_ERROR_PARSE.
 *
 * Returns: (transfer full) (nullable): @reader's value
 */
gpointer
pc_response_read_list_node (JsonNode            *result,
                            const PcListReader  *reader,
                            gconstpointer        data,
                            GError             **error)
{
  Part part = { reader, data, };
  JsonArray *array;
  gpointer value;

  if (result == NULL || !JSON_NODE_HOLDS_ARRAY (result))
    {
      g_debug ("Expected a list");
      set_parse_error (error);
      return NULL;
    }
  array = json_node_get_array (result);
  part.part = reader->new_part (data, 0);
  for (guint i = 0; i < json_array_get_length (array) && part.error == NULL; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_debug ("List item %u is not an object", i);
          set_parse_error (&part.error);
        }
      else
        reader->add_item (part.part, json_node_get_object (item), data, &part.error);
    }
  if (part.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&part.error));
      clear_part (&part);
      return NULL;
    }
  value = reader->finish (&part.part, 1, data);
  return value;
}

/* The answer parsed whole, as any other. */
static gpointer
read_whole (guint                status,
            GBytes              *body,
            const PcListReader  *reader,
            gconstpointer        data,
            GError             **error)
{
  g_autoptr(JsonNode) result = pc_response_parse (PC_RESPONSE_ENVELOPE, status, body, error);
  gpointer value;

  if (result == NULL)
    return NULL;
  value = pc_response_read_list_node (result, reader, data, error);
  pc_json_node_wipe_strings (result);
  return value;
}

/* Whether the envelope around the list, with the list left empty, is one
 * pc_response_parse() accepts with that very list as its result; an error
 * it gives is the whole answer's. */
static gboolean
check_envelope (guint        status,
                const char  *text,
                gsize        length,
                gsize        open,
                gsize        close,
                gboolean    *is_list,
                GError     **error)
{
  g_autoptr(GByteArray) envelope = g_byte_array_sized_new (open + 1 + length - close);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) result = NULL;

  g_byte_array_append (envelope, (const guint8 *) text, open + 1);
  g_byte_array_append (envelope, (const guint8 *) text + close, length - close);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&envelope));
  result = pc_response_parse (PC_RESPONSE_ENVELOPE, status, bytes, error);
  explicit_bzero ((gpointer) g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* Not so when another member named "result", written otherwise,
   * follows it: json-glib keeps the last. */
  *is_list = result != NULL && JSON_NODE_HOLDS_ARRAY (result) &&
             json_array_get_length (json_node_get_array (result)) == 0;
  if (result != NULL)
    pc_json_node_wipe_strings (result);
  return result != NULL;
}

/**
 * pc_response_read_list:
 * @reader: how the items become a value
 * @data: what @reader's functions are given
 *
 * pc_response_parse() for an envelope whose result is a list of objects,
 * each handed to @reader as soon as json-glib has parsed it (then wiped and
 * dropped: @reader copies what it keeps). A list answer of 256 KiB or more
 * is cut between two items into two parts, read at once in two threads;
 * @reader's functions must allow that. Anything but one strict JSON object
 * with one "result" array is parsed whole.
 *
 * Returns: (transfer full) (nullable): what @reader's finish made of the
 *   items, or %NULL with @error set as pc_response_parse() sets it, or
 *   with %PC_ERROR_PARSE when the result is not a list of objects or
 *   @reader refused an item
 */
gpointer
pc_response_read_list (guint                status,
                       GBytes              *body,
                       const PcListReader  *reader,
                       gconstpointer        data,
                       GError             **error)
{
  gsize length;
  const char *text = body ? g_bytes_get_data (body, &length) : NULL;
  gsize open, middle, close;
  gboolean is_list;
  Part parts[2] = { { reader, data, }, { reader, data, } };
  guint n_parts = 1;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gpointer value = NULL;

  if (text == NULL || length > PC_RESPONSE_MAX_BODY || status < 200 || status >= 300 ||
      pc_json_scan (text, length, PC_JSON_MAX_DEPTH, NULL) != PC_JSON_SCAN_VALID ||
      !find_result_list (text, length, &open, &middle, &close))
    return read_whole (status, body, reader, data, error);
  if (!check_envelope (status, text, length, open, close, &is_list, error))
    return NULL;
  if (!is_list)
    return read_whole (status, body, reader, data, error);

  if (middle != 0 && length >= split_list_bytes && g_get_num_processors () > 1)
    {
      /* "[a, b" "]" and "[" "c, d]" */
      first = bracketed (text + open + 1, middle - open - 1);
      second = bracketed (text + middle + 1, close - middle - 1);
      parts[0].text = first;
      parts[0].length = middle - open + 1;
      parts[1].text = second;
      parts[1].length = close - middle + 1;
      n_parts = 2;
    }
  else
    {
      parts[0].text = text + open;
      parts[0].length = close - open + 1;
    }

  if (n_parts == 2)
    {
      /* No thread to be had (out of memory, or of threads): one after the
       * other here, never an abort. */
      GThread *thread = g_thread_try_new ("pc-read-list", read_part, &parts[1], NULL);

      read_part (&parts[0]);
      if (thread != NULL)
        g_thread_join (thread);
      else
        read_part (&parts[1]);
    }
  else
    read_part (&parts[0]);
  if (first != NULL)
    explicit_bzero (first, parts[0].length);
  if (second != NULL)
    explicit_bzero (second, parts[1].length);

  if (!parts[0].parsed || (n_parts == 2 && !parts[1].parsed))
    {
      /* Not expected of JSON the scanner passed: said as the whole would be. */
      g_debug ("A list answer's items did not parse; parsing it whole");
      value = read_whole (status, body, reader, data, error);
    }
  else if (parts[0].error != NULL || parts[1].error != NULL)
    {
      /* The first item refused, as in a walk over the whole list */
      Part *refused = parts[0].error != NULL ? &parts[0] : &parts[1];

      g_propagate_error (error, g_steal_pointer (&refused->error));
    }
  else
    {
      gpointer made[2] = { parts[0].part, parts[1].part };

      if (n_parts == 2)
        g_debug ("A list answer of %" G_GSIZE_FORMAT " bytes read in two parts", length);
      value = reader->finish (made, n_parts, data);
      parts[0].part = parts[1].part = NULL;
    }
  for (guint i = 0; i < n_parts; i++)
    clear_part (&parts[i]);
  return value;
}
