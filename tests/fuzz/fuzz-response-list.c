/* fuzz-response-list.c: a list answer read item by item against the whole, under libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pc_response_read_list() hands each item of a list answer's "result" to a
 * reader as json-glib parses it, and cuts a large answer between two items
 * into two parts read at once. For any bytes, as the body of an answer with
 * a few statuses, it must give exactly what pc_response_parse() with
 * PC_RESPONSE_ENVELOPE and a walk over the result give
 * (tests/pc-test-list.c): the same items in the same order, or an error of
 * the same domain, code and message. The size from which an answer is cut
 * is lowered to the input's own size (pc_response_set_list_split_threshold()),
 * so that every input is cut where it can be; one in eight is one byte
 * under it, and is read in one part. Any difference aborts, and libFuzzer
 * keeps the input.
 */
#include <stdlib.h>

#include "pc-response-private.h"
#include "pc-test-list.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* Mostly 200: only successes are read item by item. */
  static const guint statuses[] = { 201, 204, 299, 302, 400, 401, 404, 500 };
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  guint status = size % 4 != 3 ? 200 : statuses[size / 4 % G_N_ELEMENTS (statuses)];
  g_autofree char *difference = NULL;

  pc_response_set_list_split_threshold (size % 8 == 7 ? size + 1 : MAX (size, 1));
  difference = pc_test_list_compare (status, body, NULL);
  if (difference != NULL)
    {
      /* g_error() traps, which libFuzzer does not catch: abort, so that
       * it keeps the input. */
      g_printerr ("%s\n", difference);
      abort ();
    }
  return 0;
}
