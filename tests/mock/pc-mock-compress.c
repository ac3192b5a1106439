/* pc-mock-compress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compression, as a server or a CDN in front of it may apply.
 */
#define G_LOG_DOMAIN "PcMock"

#include "pc-mock-server-private.h"

/* Feeds @length bytes of @data to @compressor, appending what comes out
 * to @out; the last piece ends the stream. */
static void
compress_piece (GConverter   *compressor,
                GByteArray   *out,
                const guint8 *data,
                gsize         length,
                gboolean      last)
{
  GConverterResult result;

  do
    {
      gsize read = 0;
      gsize written = 0;
      gsize used = out->len;

      /* Level 1 shrinks what the mock sends; a quarter more than the
       * piece (and 64 KiB for the headers and trailer) is always room. */
      g_byte_array_set_size (out, used + length + length / 4 + 65536);
      result = g_converter_convert (compressor, data, length, out->data + used, out->len - used,
                                    last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &read, &written, NULL);
      g_byte_array_set_size (out, used + written);
      data += read;
      length -= read;
    }
  while (result != G_CONVERTER_ERROR && (length > 0 || (last && result != G_CONVERTER_FINISHED)));
}

GBytes *
pc_mock_compress_bytes (GZlibCompressorFormat  format,
                        const void            *data,
                        gsize                  length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, 1);
  GByteArray *out = g_byte_array_new ();

  compress_piece (G_CONVERTER (compressor), out, data, length, TRUE);
  return g_byte_array_free_to_bytes (out);
}

/* A body's chunks compressed one by one: a large answer is never copied
 * whole first, so its first byte leaves as soon as a server's would. */
static GBytes *
compress_body (GZlibCompressorFormat  format,
               SoupMessageBody       *body)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, 1);
  GByteArray *out = g_byte_array_new ();
  goffset offset = 0;

  for (;;)
    {
      g_autoptr(GBytes) chunk = soup_message_body_get_chunk (body, offset);
      gsize size = chunk != NULL ? g_bytes_get_size (chunk) : 0;

      compress_piece (G_CONVERTER (compressor), out, chunk != NULL ? g_bytes_get_data (chunk, NULL) : NULL,
                      size, size == 0);
      if (size == 0)
        break;
      offset += size;
    }
  return g_byte_array_free_to_bytes (out);
}

static GZlibCompressorFormat
compression_format (PcMockCompression compression)
{
  return compression == PC_MOCK_COMPRESS_GZIP || compression == PC_MOCK_COMPRESS_GZIP_CHUNKED
           ? G_ZLIB_COMPRESSOR_FORMAT_GZIP
           : G_ZLIB_COMPRESSOR_FORMAT_ZLIB;
}

static gboolean
compression_is_chunked (PcMockCompression compression)
{
  return compression == PC_MOCK_COMPRESS_GZIP_CHUNKED || compression == PC_MOCK_COMPRESS_DEFLATE_CHUNKED;
}

/* Replaces a finished answer's body by its compressed form: with a
 * Content-Length of the compressed bytes, or chunked in pieces of 1 KiB. */
void
pc_mock_server_compress (PcMockServer      *self,
                         SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) packed = NULL;
  const char *accepted = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                        "Accept-Encoding");
  const char *name = compression_format (self->compression) == G_ZLIB_COMPRESSOR_FORMAT_GZIP ? "gzip" : "deflate";
  gsize length;
  const guint8 *data;

  if (self->compression == PC_MOCK_COMPRESS_NONE || body->length == 0 ||
      accepted == NULL || !soup_header_contains (accepted, name))
    return;

  packed = compress_body (compression_format (self->compression), body);
  soup_message_body_truncate (body);
  self->compressed_count++;
  soup_message_headers_replace (headers, "Content-Encoding", name);
  data = g_bytes_get_data (packed, &length);
  if (compression_is_chunked (self->compression))
    {
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (gsize offset = 0; offset < length; offset += 1024)
        soup_message_body_append (body, SOUP_MEMORY_COPY, data + offset, MIN (1024, length - offset));
      soup_message_body_complete (body);
    }
  else
    {
      soup_message_body_append_bytes (body, packed);
      soup_message_headers_set_content_length (headers, length);
    }
}

static const char *compression_names[] = {
  [PC_MOCK_COMPRESS_NONE] = "none",
  [PC_MOCK_COMPRESS_GZIP] = "gzip",
  [PC_MOCK_COMPRESS_DEFLATE] = "deflate",
  [PC_MOCK_COMPRESS_GZIP_CHUNKED] = "gzip-chunked",
  [PC_MOCK_COMPRESS_DEFLATE_CHUNKED] = "deflate-chunked",
};

void
pc_mock_server_set_compression (PcMockServer      *self,
                                PcMockCompression  compression)
{
  self->compression = compression;
}

/**
 * pc_mock_server_set_compression_name:
 * @name: (nullable): none, gzip, deflate, gzip-chunked or deflate-chunked;
 *   %NULL or empty is none
 *
 * Answers to clients that accept it are compressed from now on.
 */
gboolean
pc_mock_server_set_compression_name (PcMockServer  *self,
                                     const char    *name,
                                     GError       **error)
{
  if (name == NULL || *name == '\0')
    name = "none";
  for (guint i = 0; i < G_N_ELEMENTS (compression_names); i++)
    {
      if (g_str_equal (name, compression_names[i]))
        {
          self->compression = i;
          return TRUE;
        }
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "Compression “%s” is not one of none, gzip, deflate, gzip-chunked, deflate-chunked", name);
  return FALSE;
}

/* How many answers went out compressed. */
guint
pc_mock_server_get_compressed_count (PcMockServer *self)
{
  return self->compressed_count;
}
