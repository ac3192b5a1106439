/* fuzz-decode.c: compressed bodies and picture headers, under libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the Content-Encoding and whether a Content-Length
 * is announced (right or wrong); the rest is the body as it came off the
 * connection. pc_response_decode_body() must return a body within the
 * limit or an error, never crash, hang or leak; whatever it returns is
 * also read as a picture's header.
 */
#include "pc-client.h"
#include "pc-response-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define LIMIT (256 * 1024)

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char *codings[] = { NULL, "gzip", "deflate", "x-gzip", "identity", "br" };
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint width, height;
  guint8 pick;

  if (size == 0)
    return 0;
  pick = data[0];
  raw = g_bytes_new (data + 1, size - 1);
  if (codings[pick % G_N_ELEMENTS (codings)] != NULL)
    soup_message_headers_replace (headers, "Content-Encoding", codings[pick % G_N_ELEMENTS (codings)]);
  if (pick & 0x40)
    soup_message_headers_set_content_length (headers, size - 1 + ((pick & 0x80) ? 1 : 0));
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);

  body = pc_response_decode_body (headers, raw, LIMIT, &error);
  g_assert ((body == NULL) != (error == NULL));
  if (body != NULL)
    {
      g_assert (g_bytes_get_size (body) <= LIMIT);
      if (pc_picture_get_size (body, &width, &height))
        g_assert (width > 0 && height > 0);
    }
  if (pc_picture_get_size (raw, &width, &height))
    g_assert (width > 0 && height > 0);
  return 0;
}
