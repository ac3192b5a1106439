/* fuzz-response.c: the response choke point, under libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes, as the body of an answer with a few statuses and both
 * formats: pc_response_parse() must return a node or an error, never
 * crash, hang, or leak.
 */
#include "pc-response-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const guint statuses[] = { 200, 201, 204, 302, 400, 401, 404, 409, 410, 429, 500, 502 };
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  guint status = statuses[size % G_N_ELEMENTS (statuses)];

  for (PcResponseFormat format = PC_RESPONSE_ENVELOPE; format <= PC_RESPONSE_IDENTITY_PROVIDER; format++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = pc_response_parse (format, status, body, &error);

      g_assert ((node == NULL) != (error == NULL));
      if (error != NULL)
        g_assert (error->message != NULL && error->message[0] != '\0');
    }
  return 0;
}
