/* fuzz-response-list.c: a list answer in two halves against the whole, under libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pc_response_parse_list() cuts a large list answer between two items of
 * its "result" array and parses the halves at once. For any bytes, as the
 * body of an answer with a few statuses, it must give exactly what
 * pc_response_parse() with PC_RESPONSE_ENVELOPE gives for the whole body:
 * an equal JSON value (immutable both), or an error of the same domain, code
 * and message. The size from which an answer is cut is lowered to the
 * input's own size (pc_response_set_list_split_threshold()), so that every
 * input is cut where it can be; one in eight is one byte under it, and is
 * parsed whole. Any difference aborts, and libFuzzer keeps the input.
 */
#include <stdlib.h>

#include "pc-response-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* g_error() traps, which libFuzzer does not catch: abort, so that it keeps
 * the input. */
#define disagree(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* Mostly 200: only successes are cut. */
  static const guint statuses[] = { 201, 204, 299, 302, 400, 401, 404, 500 };
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  guint status = size % 4 != 3 ? 200 : statuses[size / 4 % G_N_ELEMENTS (statuses)];
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(JsonNode) whole = NULL;
  g_autoptr(JsonNode) list = NULL;

  pc_response_set_list_split_threshold (size % 8 == 7 ? size + 1 : MAX (size, 1));
  whole = pc_response_parse (PC_RESPONSE_ENVELOPE, status, body, &whole_error);
  list = pc_response_parse_list (status, body, &list_error);

  if ((whole == NULL) == (whole_error == NULL) || (list == NULL) == (list_error == NULL))
    disagree ("a node and an error, or neither: whole %p %p, halves %p %p",
              (gpointer) whole, (gpointer) whole_error, (gpointer) list, (gpointer) list_error);
  if (whole == NULL && list != NULL)
    disagree ("whole: error %s; halves: a value", whole_error->message);
  if (whole != NULL && list == NULL)
    disagree ("whole: a value; halves: error %s", list_error->message);
  if (whole == NULL)
    {
      if (whole_error->domain != list_error->domain || whole_error->code != list_error->code ||
          g_strcmp0 (whole_error->message, list_error->message) != 0)
        disagree ("whole: %s %d %s; halves: %s %d %s",
                  g_quark_to_string (whole_error->domain), whole_error->code, whole_error->message,
                  g_quark_to_string (list_error->domain), list_error->code, list_error->message);
      return 0;
    }
  if (!json_node_equal (whole, list))
    {
      g_autofree char *a = json_to_string (whole, FALSE);
      g_autofree char *b = json_to_string (list, FALSE);

      disagree ("whole: %.200s\nhalves: %.200s", a, b);
    }
  if (json_node_is_immutable (whole) != json_node_is_immutable (list))
    disagree ("whole immutable: %d; halves immutable: %d",
              json_node_is_immutable (whole), json_node_is_immutable (list));
  return 0;
}
