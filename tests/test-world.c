/* test-world.c: answers as real servers give them, which the mock's
 * defaults do not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compressed bodies (gzip and deflate, with a Content-Length or chunked,
 * whole, cut short, or decoding to far more than the limit), pictures
 * behind redirects or with absurd sizes, a server that drips, and ids a
 * normalising proxy would turn into another path.
 */
#include <string.h>

#include "pc-client-private.h"
#include "pc-mock-server.h"
#include "pc-response-private.h"
#include "pc-test-mock.h"
#include "pc-test-util.h"
#include "pupilcloud.h"

typedef PcTestMockFixture Fixture;

#define done_cb pc_test_keep_result
#define wait_result(f) pc_test_wait (&(f)->result)

/* The body compressed with zlib in @format. */
static GBytes *
compress (GZlibCompressorFormat  format,
          const char            *data,
          gsize                  length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (out, data, length, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static SoupMessageHeaders *
headers_with (const char *coding,
              goffset     content_length)
{
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  if (coding != NULL)
    soup_message_headers_replace (headers, "Content-Encoding", coding);
  if (content_length >= 0)
    soup_message_headers_set_content_length (headers, content_length);
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  return headers;
}

#define ENVELOPE "{\"code\":200,\"status\":\"success\",\"result\":{\"id\":\"tok-1\"}}"

/* Every coding a server may pick, with and without a Content-Length. */
static void
test_decode_codings (void)
{
  static const struct {
    const char *coding;
    GZlibCompressorFormat format;
  } codings[] = {
    { "gzip", G_ZLIB_COMPRESSOR_FORMAT_GZIP },
    { "x-gzip", G_ZLIB_COMPRESSOR_FORMAT_GZIP },
    { "GZIP", G_ZLIB_COMPRESSOR_FORMAT_GZIP },
    { "deflate", G_ZLIB_COMPRESSOR_FORMAT_ZLIB },
    { "deflate", G_ZLIB_COMPRESSOR_FORMAT_RAW }, /* what some servers send as deflate */
  };

  for (guint i = 0; i < G_N_ELEMENTS (codings); i++)
    for (guint chunked = 0; chunked < 2; chunked++)
      {
        g_autoptr(GBytes) packed = compress (codings[i].format, ENVELOPE, strlen (ENVELOPE));
        g_autoptr(SoupMessageHeaders) headers =
          headers_with (codings[i].coding, chunked ? -1 : (goffset) g_bytes_get_size (packed));
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) body = pc_response_decode_body (headers, packed, 1024, &error);

        g_assert_no_error (error);
        g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), ENVELOPE, strlen (ENVELOPE));
      }
}

/* A compressed stream that stops early is an error wherever it stops,
 * also when only its checksum is missing (libsoup's decoder takes that
 * for a whole body); one that goes on after its end is not understood. */
static void
test_decode_cut (void)
{
  g_autoptr(GBytes) packed = compress (G_ZLIB_COMPRESSOR_FORMAT_GZIP, ENVELOPE, strlen (ENVELOPE));
  gsize length = g_bytes_get_size (packed);

  for (gsize cut = 1; cut < length; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (packed, 0, cut);
      g_autoptr(SoupMessageHeaders) chunked = headers_with ("gzip", -1);
      g_autoptr(SoupMessageHeaders) announced = headers_with ("gzip", length);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = pc_response_decode_body (chunked, part, 1024, &error);

      g_assert_null (body);
      g_assert_true (g_error_matches (error, PC_ERROR, PC_ERROR_NETWORK) ||
                     g_error_matches (error, PC_ERROR, PC_ERROR_PARSE));
      g_clear_error (&error);
      /* Shorter than its Content-Length: cut on the way. */
      body = pc_response_decode_body (announced, part, 1024, &error);
      g_assert_error (error, PC_ERROR, PC_ERROR_NETWORK);
    }

  {
    g_autoptr(GByteArray) longer = g_byte_array_new ();
    g_autoptr(GBytes) whole = NULL;
    g_autoptr(SoupMessageHeaders) headers = headers_with ("gzip", -1);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) body = NULL;

    g_byte_array_append (longer, g_bytes_get_data (packed, NULL), length);
    g_byte_array_append (longer, (const guint8 *) "{}", 2);
    whole = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
    body = pc_response_decode_body (headers, whole, 1024, &error);
    g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  }
}

/* 64 MiB of one letter is 64 KiB of gzip: decoded only up to the limit. */
static void
test_decode_bomb (void)
{
  gsize size = 64 * 1024 * 1024;
  g_autofree char *letters = g_malloc (size);
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  memset (letters, 'x', size);
  packed = compress (G_ZLIB_COMPRESSOR_FORMAT_GZIP, letters, size);
  g_assert_cmpuint (g_bytes_get_size (packed), <, 1024 * 1024);
  headers = headers_with ("gzip", g_bytes_get_size (packed));
  body = pc_response_decode_body (headers, packed, PC_RESPONSE_MAX_BODY, &error);
  g_assert_null (body);
  g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "too large"));
}

/* Codings never asked for, and bodies that are not what they claim. */
static void
test_decode_refused (void)
{
  g_autoptr(GBytes) plain = g_bytes_new_static (ENVELOPE, strlen (ENVELOPE));
  const char *codings[] = { "br", "compress", "zstd", "gzip, gzip" };

  for (guint i = 0; i < G_N_ELEMENTS (codings); i++)
    {
      g_autoptr(SoupMessageHeaders) headers = headers_with (codings[i], g_bytes_get_size (plain));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = pc_response_decode_body (headers, plain, 1024, &error);

      g_assert_null (body);
      g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
    }

  /* Said to be gzip, but plain text. */
  {
    g_autoptr(SoupMessageHeaders) headers = headers_with ("gzip", g_bytes_get_size (plain));
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) body = pc_response_decode_body (headers, plain, 1024, &error);

    g_assert_null (body);
    g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  }
  /* Identity, and a plain body longer than the limit. */
  {
    g_autoptr(SoupMessageHeaders) headers = headers_with ("identity", g_bytes_get_size (plain));
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) body = pc_response_decode_body (headers, plain, 1024, &error);

    g_assert_no_error (error);
    g_clear_pointer (&body, g_bytes_unref);
    body = pc_response_decode_body (headers, plain, 10, &error);
    g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  }
}

/* 10,000 tokens, each way a server may compress them: the same list as
 * without compression, and the answer really was compressed. */
static void
test_compressed_lists (Fixture       *f,
                       gconstpointer  data)
{
  const char *ways[] = { "gzip", "deflate", "gzip-chunked", "deflate-chunked" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plain = NULL;

  pc_mock_state_generate_tokens (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, 10000);
  g_assert_true (pc_mock_server_set_compression_name (f->mock, "none", &error));
  plain = pc_test_mock_list_tokens (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plain), >, 10000);
  g_assert_cmpuint (pc_mock_server_get_compressed_count (f->mock), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autoptr(GListModel) list = NULL;
      guint n = g_list_model_get_n_items (plain);

      g_assert_true (pc_mock_server_set_compression_name (f->mock, ways[i], &error));
      list = pc_test_mock_list_tokens (f, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pc_mock_server_get_compressed_count (f->mock), ==, i + 1);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
      for (guint k = 0; k < n; k += 997)
        {
          g_autoptr(PcToken) a = g_list_model_get_item (plain, k);
          g_autoptr(PcToken) b = g_list_model_get_item (list, k);
          g_assert_cmpstr (pc_token_get_id (a), ==, pc_token_get_id (b));
        }
    }
}

static GBytes *
fetch_picture (Fixture     *f,
               const char  *name,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GUri) base = g_uri_parse (pc_mock_server_get_base_url (f->mock), G_URI_FLAGS_NONE, NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/pictures/%s", g_uri_get_port (base), name);

  pc_client_fetch_picture_async (f->client, url, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_fetch_picture_finish (f->client, result, error);
}

/* Each hop of a redirect is held to the rule of the first address; a
 * compressed picture is decoded; a picture whose header claims 100,000 ×
 * 100,000 pixels is refused before anything decodes it. */
static void
test_picture_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) picture = NULL;
  guint width, height;

  picture = fetch_picture (f, "moved", &error);
  g_assert_no_error (error);
  g_assert_true (pc_picture_get_size (picture, &width, &height));
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "GET", "/pictures/ada.png"), ==, 1);
  g_clear_pointer (&picture, g_bytes_unref);

  picture = fetch_picture (f, "moved-to-http", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_URL);
  g_assert_null (picture);
  g_clear_error (&error);

  picture = fetch_picture (f, "giant.png", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  /* Unencrypted to this computer is for a server on this computer only: a
   * picture address a remote server sets must not probe local services. */
  {
    g_autoptr(PcClient) remote = pc_client_new ("https://api.example.com/v2", &error);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GUri) base = g_uri_parse (pc_mock_server_get_base_url (f->mock), G_URI_FLAGS_NONE, NULL);
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/pictures/ada.png", g_uri_get_port (base));
    guint before = pc_mock_server_get_request_count (f->mock);

    g_assert_no_error (error);
    pc_client_fetch_picture_async (remote, url, NULL, done_cb, &f->result);
    result = wait_result (f);
    g_assert_null (pc_client_fetch_picture_finish (remote, result, &error));
    g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_URL);
    g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, before);
    g_clear_error (&error);
  }

  g_assert_true (pc_mock_server_set_compression_name (f->mock, "gzip", &error));
  picture = fetch_picture (f, "ada.png", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pc_mock_server_get_compressed_count (f->mock), ==, 1);
  g_assert_cmpmem (g_bytes_get_data (picture, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
}

/* The sizes written in the headers of the formats a picture may have. */
static void
test_picture_sizes (void)
{
  static const struct {
    const char *name;
    const char *data;
    gsize length;
    guint width, height;
  } pictures[] = {
    { "png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x30\0\0\0\x20", 24, 48, 32 },
    { "gif", "GIF89a\x30\0\x20\0", 10, 48, 32 },
    { "jpeg", "\xff\xd8\xff\xe0\0\x04" "ab\xff\xc0\0\x0b\x08\0\x20\0\x30\x01", 19, 48, 32 },
    { "webp-vp8x", "RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0\x2f\0\0\x1f\0\0", 30, 48, 32 },
  };
  static const char *broken[] = { "", "GIF8", "\xff\xd8\xff\xc0", "<html></html>", "\x89PNG\r\n\x1a\n" };

  for (guint i = 0; i < G_N_ELEMENTS (pictures); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (pictures[i].data, pictures[i].length);
      guint width, height;

      g_test_message ("%s", pictures[i].name);
      g_assert_true (pc_picture_get_size (bytes, &width, &height));
      g_assert_cmpuint (width, ==, pictures[i].width);
      g_assert_cmpuint (height, ==, pictures[i].height);
    }
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (broken[i], strlen (broken[i]));
      guint width, height;

      g_assert_false (pc_picture_get_size (bytes, &width, &height));
    }
}

/* A picture server that drips is given up at the deadline too. */
static void
test_picture_deadline (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) picture = NULL;

  pc_mock_server_add_fault (f->mock, "GET", "/pictures/*", PC_MOCK_FAULT_DRIP, 0);
  pc_client_set_timeout (f->client, 1);
  pc_client_set_deadline (f->client, 1);
  picture = fetch_picture (f, "ada.png", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_TIMEOUT);
}

/* "." and ".." survive escaping, and a proxy that normalises paths would
 * turn `DELETE …/invites/..` into `DELETE …/profile`: never sent. */
static void
test_dot_segments (Fixture       *f,
                   gconstpointer  data)
{
  const char *ids[] = { ".", "..", "" };
  guint before = pc_mock_server_get_request_count (f->mock);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      pc_client_decline_invitation_async (f->client, ids[i], NULL, done_cb, &f->result);
      result = wait_result (f);
      g_assert_false (pc_client_decline_invitation_finish (f->client, result, &error));
      g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_INPUT);
      g_clear_object (&result);
      g_clear_error (&error);

      pc_client_delete_token_async (f->client, ids[i], NULL, done_cb, &f->result);
      result = wait_result (f);
      g_assert_false (pc_client_delete_token_finish (f->client, result, &error));
      g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_INPUT);
    }
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, before);

  /* Dots inside an id are just characters. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    pc_client_delete_token_async (f->client, "..tok", NULL, done_cb, &f->result);
    result = wait_result (f);
    g_assert_false (pc_client_delete_token_finish (f->client, result, &error));
    g_assert_error (error, PC_ERROR, PC_ERROR_NOT_FOUND);
    g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "DELETE", "/auth/tokens/..tok"), ==, 1);
  }
}

/* A redirect's target must name this very server: one without a host
 * ("http:/steal", which g_ascii_strcasecmp would call equal to any host)
 * or on another port, scheme or host is not followed. */
static void
test_same_origin (void)
{
  static const struct {
    const char *target;
    gboolean same;
  } targets[] = {
    { "https://api.example.com/v2/auth/tokens", TRUE },
    { "HTTPS://API.EXAMPLE.COM/v2/x", TRUE },
    { "http:/v2/steal", FALSE },
    { "https:/v2/steal", FALSE },
    { "https://api.example.com:8443/v2", FALSE },
    { "http://api.example.com/v2", FALSE },
    { "https://example.com/v2", FALSE },
  };
  g_autoptr(GUri) base = g_uri_parse ("https://api.example.com/v2", G_URI_FLAGS_ENCODED, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GUri) target = g_uri_parse_relative (base, targets[i].target, G_URI_FLAGS_ENCODED, NULL);

      g_test_message ("%s", targets[i].target);
      g_assert_nonnull (target);
      g_assert_cmpint (pc_client_same_origin (target, base), ==, targets[i].same);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/decode/codings", test_decode_codings);
  g_test_add_func ("/world/decode/cut", test_decode_cut);
  g_test_add_func ("/world/decode/bomb", test_decode_bomb);
  g_test_add_func ("/world/decode/refused", test_decode_refused);
  g_test_add_func ("/world/picture/sizes", test_picture_sizes);
  g_test_add_func ("/world/same-origin", test_same_origin);
#define ADD(path, func) g_test_add (path, Fixture, NULL, pc_test_mock_setup, func, pc_test_mock_teardown)
  ADD ("/world/compressed-lists", test_compressed_lists);
  ADD ("/world/picture/rules", test_picture_rules);
  ADD ("/world/picture/deadline", test_picture_deadline);
  ADD ("/world/dot-segments", test_dot_segments);
#undef ADD
  return g_test_run ();
}
