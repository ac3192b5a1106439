/* pc-mock-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTTP side of the mock cloud: routing, the envelope, cookies,
 * latency, and faults, from a clean error status down to a connection reset
 * in the middle of a body. The service's rules are in pc-mock-state.c.
 */
#define G_LOG_DOMAIN "PcMock"

#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>

#include "pc-mock-server.h"

#define HUGE_BODY_SIZE (50 * 1024 * 1024)
#define DEEP_NESTING 100000
#define SLOW_MS 500

typedef struct
{
  char *method;
  char *pattern;
  PcMockFaultKind kind;
  guint status;
} Fault;

struct _PcMockServer
{
  GObject parent_instance;
  SoupServer *server;
  PcMockState *state;
  GPtrArray *faults;
  GPtrArray *stalled;
  GPtrArray *drips; /* Drip, each with its timeout source */
  char *base_url;
  char *idp_url;
  guint latency_ms;
  guint request_count;
  GPtrArray *requests; /* "METHOD /path", relative to /v2, in order */
  char *last_workspace_id;
  gboolean last_had_credentials;
  PcMockCompression compression;
  guint compressed_count;
  GPtrArray *held; /* answers made and waiting for pc_mock_server_set_held (FALSE), or NULL */
  gboolean hold_all;
  GHashTable *hold_only; /* "METHOD /path" of the answers to hold */
  guint64 streamed; /* bytes of endless and huge bodies written */
};

G_DEFINE_FINAL_TYPE (PcMockServer, pc_mock_server, G_TYPE_OBJECT)

typedef struct
{
  PcMockServer *server;
  SoupServerMessage *msg;
  guint sent;
  gsize size; /* bytes a tick */
  guint source;
} Drip;

static void
fault_free (Fault *fault)
{
  g_free (fault->method);
  g_free (fault->pattern);
  g_free (fault);
}

static void
pc_mock_server_dispose (GObject *object)
{
  PcMockServer *self = PC_MOCK_SERVER (object);

  /* Removing a drip's source frees the drip. */
  while (self->drips != NULL && self->drips->len > 0)
    g_source_remove (((Drip *) g_ptr_array_steal_index_fast (self->drips, self->drips->len - 1))->source);
  g_clear_pointer (&self->drips, g_ptr_array_unref);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->stalled, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->hold_only, g_hash_table_unref);
  G_OBJECT_CLASS (pc_mock_server_parent_class)->dispose (object);
}

static void
pc_mock_server_finalize (GObject *object)
{
  PcMockServer *self = PC_MOCK_SERVER (object);

  g_clear_pointer (&self->state, pc_mock_state_free);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->idp_url, g_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->last_workspace_id, g_free);
  G_OBJECT_CLASS (pc_mock_server_parent_class)->finalize (object);
}

static void
pc_mock_server_class_init (PcMockServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pc_mock_server_dispose;
  object_class->finalize = pc_mock_server_finalize;
}

static void
pc_mock_server_init (PcMockServer *self)
{
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->drips = g_ptr_array_new ();
  self->requests = g_ptr_array_new_with_free_func (g_free);
}

/* Answers */

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *root)
{
  gsize length;
  char *data = json_to_string (root, FALSE);

  length = strlen (data);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

static void
respond_reply (SoupServerMessage *msg,
               PcMockReply       *reply)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean ok = reply->status >= 200 && reply->status < 300;

  if (reply->status == SOUP_STATUS_NO_CONTENT)
    {
      /* No body, not even an envelope: the seed's "void" endpoints. */
      soup_server_message_set_status (msg, reply->status, NULL);
      if (reply->set_cookie != NULL)
        soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                                     reply->set_cookie);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, reply->status);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, ok ? "success" : "error");
  if (!ok)
    {
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, reply->message ? reply->message : "Error");
    }
  else if (reply->result != NULL)
    {
      json_builder_set_member_name (b, "result");
      json_builder_add_value (b, json_node_ref (reply->result));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  respond_json (msg, reply->status, root);
  if (reply->set_cookie != NULL)
    soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                                 reply->set_cookie);
}

/* Compression, as a server or a CDN in front of it may apply */

static GBytes *
compress_bytes (GZlibCompressorFormat  format,
                const void            *data,
                gsize                  length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, 1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_output_stream_write_all (out, data, length, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
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
static void
compress_response (PcMockServer      *self,
                   SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) packed = NULL;
  const char *accepted = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                        "Accept-Encoding");
  const char *name = compression_format (self->compression) == G_ZLIB_COMPRESSOR_FORMAT_GZIP ? "gzip" : "deflate";
  gsize length;
  const guint8 *data;

  if (self->compression == PC_MOCK_COMPRESS_NONE || body->length == 0 ||
      accepted == NULL || !soup_header_contains (accepted, name))
    return;

  plain = soup_message_body_flatten (body);
  packed = compress_bytes (compression_format (self->compression),
                           g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
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

/* Faults */

static void
write_raw_and_close_len (SoupServerMessage *msg,
                         const void        *data,
                         gsize              length,
                         gboolean           reset)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;

  if (reset && socket != NULL)
    {
      /* Linger 0 makes close() send a reset instead of an orderly end. */
      struct linger linger = { 1, 0 };
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }

  stream = soup_server_message_steal_connection (msg);
  if (data != NULL && length > 0)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), data, length, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
write_raw_and_close (SoupServerMessage *msg,
                     const char        *data,
                     gboolean           reset)
{
  write_raw_and_close_len (msg, data, data ? strlen (data) : 0, reset);
}

/* A whole, valid answer compressed with gzip, sent cut short in one of
 * three ways: fewer bytes than the Content-Length, a chunked body without
 * its last chunk, or complete framing around a gzip stream without its
 * end (a server that closed its compressor early). */
static void
write_gzip_cut (SoupServerMessage *msg,
                PcMockFaultKind    kind)
{
  const char *json = "{\"code\":200,\"status\":\"success\",\"result\":{\"id\":\"5f1c\",\"email\":"
                     "\"cut@pupil-cloud.test\",\"name\":\"Cut Short\",\"padding\":\"0123456789abcdef\"}}";
  g_autoptr(GBytes) packed = compress_bytes (G_ZLIB_COMPRESSOR_FORMAT_GZIP, json, strlen (json));
  gsize length;
  const char *data = g_bytes_get_data (packed, &length);
  gsize kept = length - 8; /* the gzip trailer (checksum and length) is missing */
  g_autoptr(GString) out = g_string_new ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                         "Content-Encoding: gzip\r\nConnection: close\r\n");

  switch (kind)
    {
    case PC_MOCK_FAULT_GZIP_SHORT:
      g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", length);
      break;
    case PC_MOCK_FAULT_GZIP_CHUNKED_CUT:
      g_string_append_printf (out, "Transfer-Encoding: chunked\r\n\r\n%" G_GSIZE_MODIFIER "x\r\n", kept);
      break;
    case PC_MOCK_FAULT_GZIP_TRUNCATED:
      g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", kept);
      break;
    default:
      g_assert_not_reached ();
    }
  g_string_append_len (out, data, kept);
  write_raw_and_close_len (msg, out->str, out->len, FALSE);
}

static void
drip_free (Drip *drip)
{
  g_object_unref (drip->msg);
  g_free (drip);
}

/* One byte of white space at a time, for ever: only a deadline on the
 * whole request ends it. */
static gboolean
drip_cb (gpointer data)
{
  Drip *drip = data;

  if (g_object_get_data (G_OBJECT (drip->msg), "pc-mock-gone"))
    {
      g_ptr_array_remove_fast (drip->server->drips, drip);
      return G_SOURCE_REMOVE;
    }
  if (drip->sent++ == 0)
    soup_message_body_append (soup_server_message_get_response_body (drip->msg), SOUP_MEMORY_STATIC, "{", 1);
  else
    {
      char *spaces = g_malloc (drip->size);

      memset (spaces, ' ', drip->size);
      soup_message_body_append (soup_server_message_get_response_body (drip->msg), SOUP_MEMORY_TAKE, spaces,
                                drip->size);
    }
  soup_server_message_unpause (drip->msg);
  return G_SOURCE_CONTINUE;
}

/* What of an endless or huge body reached the connection: a client
 * that stops reading at its size cap stops it well short of the end. */
static void
wrote_body_data_cb (SoupServerMessage *msg,
                    guint              chunk_size,
                    PcMockServer      *self)
{
  self->streamed += chunk_size;
}

static void
gone_cb (SoupServerMessage *msg)
{
  g_object_set_data (G_OBJECT (msg), "pc-mock-gone", GINT_TO_POINTER (TRUE));
}

/* A byte every 100 ms (drip), or 64 KiB every millisecond for ever
 * (endless): chunked, so no length says when it ends. */
static void
drip_start (PcMockServer      *self,
            SoupServerMessage *msg,
            gboolean           endless)
{
  Drip *drip = g_new0 (Drip, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  drip->msg = g_object_ref (msg);
  drip->size = endless ? 64 * 1024 : 1;
  g_signal_connect (msg, "disconnected", G_CALLBACK (gone_cb), NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (gone_cb), NULL);
  if (endless)
    g_signal_connect_object (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), self, 0);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers,
                                         g_str_has_prefix (g_uri_get_path (soup_server_message_get_uri (msg)),
                                                           "/pictures/")
                                           ? "image/png"
                                           : "application/json",
                                         NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  drip->server = self;
  drip->source = g_timeout_add_full (G_PRIORITY_DEFAULT, endless ? 1 : 100, drip_cb, drip,
                                     (GDestroyNotify) drip_free);
  g_ptr_array_add (self->drips, drip);
}

static void
apply_fault (PcMockServer      *self,
             SoupServerMessage *msg,
             Fault             *fault)
{
  switch (fault->kind)
    {
    case PC_MOCK_FAULT_STATUS:
      {
        PcMockReply reply = { fault->status ? fault->status : 500, NULL, g_strdup ("Injected fault"), NULL };
        respond_reply (msg, &reply);
        if (reply.status == 429)
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "7");
        pc_mock_reply_clear (&reply);
      }
      break;
    case PC_MOCK_FAULT_HTML:
      {
        const char *html = "<!DOCTYPE html><html><head><title>Bad Gateway</title></head>"
                           "<body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>";
        soup_server_message_set_status (msg, fault->status ? fault->status : 502, NULL);
        soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
      }
      break;
    case PC_MOCK_FAULT_WRONG_TYPES:
      {
        const char *body = "{\"code\":200,\"status\":\"success\",\"result\":{\"id\":42,\"email\":false,"
                           "\"name\":{},\"token\":[1,2],\"workspace_id\":7,\"role\":null,"
                           "\"created_at\":true,\"user_workspaces\":\"none\",\"idToken\":5}}";
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
      }
      break;
    case PC_MOCK_FAULT_EMPTY:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "", 0);
      break;
    case PC_MOCK_FAULT_SHORT:
      write_raw_and_close (msg,
                           "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Content-Length: 4000\r\nConnection: close\r\n\r\n"
                           "{\"code\":200,\"status\":\"success\",\"result\":{\"id\":\"5f1c",
                           FALSE);
      break;
    case PC_MOCK_FAULT_CHUNKED_CUT:
      write_raw_and_close (msg,
                           "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n"
                           "30\r\n{\"code\":200,\"status\":\"success\",\"result\":{\"id\":\"\r\n",
                           FALSE);
      break;
    case PC_MOCK_FAULT_RESET_BEFORE:
      write_raw_and_close (msg, NULL, TRUE);
      break;
    case PC_MOCK_FAULT_RESET_AFTER:
      write_raw_and_close (msg,
                           "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Content-Length: 100\r\n\r\n{\"code\":",
                           TRUE);
      break;
    case PC_MOCK_FAULT_GZIP_SHORT:
    case PC_MOCK_FAULT_GZIP_CHUNKED_CUT:
    case PC_MOCK_FAULT_GZIP_TRUNCATED:
      write_gzip_cut (msg, fault->kind);
      break;
    case PC_MOCK_FAULT_LENIENT_QUOTES:
    case PC_MOCK_FAULT_LENIENT_COMMENT:
    case PC_MOCK_FAULT_LENIENT_BOM:
    case PC_MOCK_FAULT_LENIENT_NAN:
    case PC_MOCK_FAULT_LENIENT_COMMA:
      {
        /* What json-glib would take but JSON (RFC 8259) is not. */
        static const char *bodies[] = {
          [PC_MOCK_FAULT_LENIENT_QUOTES - PC_MOCK_FAULT_LENIENT_QUOTES] =
            "{'code':200,'status':'success','result':{'id':'5f1c','token':'x'}}",
          [PC_MOCK_FAULT_LENIENT_COMMENT - PC_MOCK_FAULT_LENIENT_QUOTES] =
            "/* answer */ {\"code\":200,\"status\":\"success\",\"result\":{}}",
          [PC_MOCK_FAULT_LENIENT_BOM - PC_MOCK_FAULT_LENIENT_QUOTES] =
            "\xef\xbb\xbf{\"code\":200,\"status\":\"success\",\"result\":{}}",
          [PC_MOCK_FAULT_LENIENT_NAN - PC_MOCK_FAULT_LENIENT_QUOTES] =
            "{\"code\":NaN,\"status\":\"success\",\"result\":{\"size\":Infinity}}",
          [PC_MOCK_FAULT_LENIENT_COMMA - PC_MOCK_FAULT_LENIENT_QUOTES] =
            "{\"code\":200,\"status\":\"success\",\"result\":[{},],}",
        };
        const char *body = bodies[fault->kind - PC_MOCK_FAULT_LENIENT_QUOTES];
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
      }
      break;
    case PC_MOCK_FAULT_DRIP:
    case PC_MOCK_FAULT_ENDLESS:
      drip_start (self, msg, fault->kind == PC_MOCK_FAULT_ENDLESS);
      break;
    case PC_MOCK_FAULT_HUGE_CHUNKED:
      {
        SoupMessageBody *body = soup_server_message_get_response_body (msg);
        const char *head = "{\"code\":200,\"status\":\"success\",\"result\":\"";

        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json",
                                               NULL);
        soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
        g_signal_connect_object (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), self, 0);
        soup_message_body_append (body, SOUP_MEMORY_STATIC, head, strlen (head));
        for (guint i = 0; i < HUGE_BODY_SIZE / (1024 * 1024); i++)
          {
            char *part = g_malloc (1024 * 1024);
            memset (part, 'x', 1024 * 1024);
            soup_message_body_append (body, SOUP_MEMORY_TAKE, part, 1024 * 1024);
          }
        soup_message_body_append (body, SOUP_MEMORY_STATIC, "\"}", 2);
        soup_message_body_complete (body);
      }
      break;
    case PC_MOCK_FAULT_SHORT_WHOLE:
      /* Whole JSON, yet short of its Content-Length: no bracket is left
       * open to give the cut away. */
      write_raw_and_close (msg,
                           "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Content-Length: 4000\r\nConnection: close\r\n\r\n"
                           "{\"code\":200,\"status\":\"success\",\"result\":{\"id\":\"5f1c\"}}",
                           FALSE);
      break;
    case PC_MOCK_FAULT_STALL:
      /* Never answered; the server's disconnect at the end frees it. */
      soup_server_message_pause (msg);
      g_ptr_array_add (self->stalled, g_object_ref (msg));
      break;
    case PC_MOCK_FAULT_HUGE:
      {
        char *body = g_malloc (HUGE_BODY_SIZE);
        const char *head = "{\"code\":200,\"status\":\"success\",\"result\":\"";
        memset (body, 'x', HUGE_BODY_SIZE);
        memcpy (body, head, strlen (head));
        memcpy (body + HUGE_BODY_SIZE - 2, "\"}", 2);
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, HUGE_BODY_SIZE);
        g_signal_connect_object (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), self, 0);
      }
      break;
    case PC_MOCK_FAULT_DEEP:
      {
        char *body = g_malloc (2 * DEEP_NESTING);
        memset (body, '[', DEEP_NESTING);
        memset (body + DEEP_NESTING, ']', DEEP_NESTING);
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, 2 * DEEP_NESTING);
      }
      break;
    case PC_MOCK_FAULT_REDIRECT:
      {
        /* 127.0.0.2 is loopback too, but another origin. */
        GUri *uri = soup_server_message_get_uri (msg);
        g_autofree char *location = g_strdup_printf ("http://127.0.0.2:%d%s", g_uri_get_port (uri),
                                                     g_uri_get_path (uri));
        soup_server_message_set_redirect (msg, 307, location);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Faults that answer through the server as any answer does, and so can be
 * compressed like one. */
static gboolean
fault_answers_normally (PcMockFaultKind kind)
{
  switch (kind)
    {
    case PC_MOCK_FAULT_STATUS:
    case PC_MOCK_FAULT_HTML:
    case PC_MOCK_FAULT_WRONG_TYPES:
    case PC_MOCK_FAULT_HUGE:
    case PC_MOCK_FAULT_DEEP:
    case PC_MOCK_FAULT_LENIENT_QUOTES:
    case PC_MOCK_FAULT_LENIENT_COMMENT:
    case PC_MOCK_FAULT_LENIENT_BOM:
    case PC_MOCK_FAULT_LENIENT_NAN:
    case PC_MOCK_FAULT_LENIENT_COMMA:
      return TRUE;
    default:
      return FALSE;
    }
}

static Fault *
find_fault (PcMockServer *self,
            const char   *method,
            const char   *relative_path,
            const char   *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->method != NULL && g_ascii_strcasecmp (fault->method, method) != 0)
        continue;
      if (g_pattern_match_simple (fault->pattern, relative_path) ||
          g_pattern_match_simple (fault->pattern, path))
        return fault;
    }
  return NULL;
}

/* Requests */

static char *
dup_session_cookie (PcMockServer      *self,
                    SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Cookie");
  g_autoptr(GHashTable) cookies = NULL;

  if (header == NULL)
    return NULL;
  cookies = soup_header_parse_semi_param_list (header);
  return g_strdup (g_hash_table_lookup (cookies, pc_mock_state_get_cookie_name (self->state)));
}

static gboolean
unpause_cb (gpointer data)
{
  /* The client may have given up meanwhile. */
  if (!g_object_get_data (data, "pc-mock-gone"))
    soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

static void
serve_picture (SoupServerMessage *msg,
               const char        *name)
{
  g_autoptr(GBytes) picture = NULL;

  /* Redirects: to the picture on this host, or to a host without https. */
  if (g_str_equal (name, "moved"))
    {
      soup_server_message_set_redirect (msg, 302, "/pictures/ada.png");
      return;
    }
  if (g_str_equal (name, "moved-to-http"))
    {
      soup_server_message_set_redirect (msg, 302, "http://pictures.example.com/ada.png");
      return;
    }
  /* A few bytes that say 100,000 × 100,000 pixels: 40 GB once decoded. */
  if (g_str_equal (name, "giant.png"))
    {
      static const guint8 giant[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
        0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 8, 6, 0, 0, 0, 0, 0, 0, 0,
      };
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, (const char *) giant, sizeof giant);
      return;
    }
  if (!g_str_equal (name, "ada.png"))
    {
      /* Not a picture at all: what a login wall or an error page sends. */
      soup_server_message_set_status (msg, g_str_equal (name, "login-wall") ? 200 : 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html></html>", 13);
      return;
    }
  picture = g_resources_lookup_data ("/io/github/pupil_cloud/Mock/picture.png", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, g_bytes_get_data (picture, NULL),
                                    g_bytes_get_size (picture));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  PcMockServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  gboolean is_idp = g_str_has_prefix (path, "/idp/");
  const char *relative = g_str_has_prefix (path, "/v2/") ? path + 3 : path;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *session = NULL;
  PcMockReply reply = { 0, };
  guint latency_ms = self->latency_ms;
  g_autofree char *request = NULL;
  Fault *fault;

  self->request_count++;
  g_ptr_array_add (self->requests, g_strdup_printf ("%s %s", method, relative));
  g_free (self->last_workspace_id);
  self->last_workspace_id = g_strdup (soup_message_headers_get_one (headers, "workspace-id"));
  self->last_had_credentials = soup_message_headers_get_one (headers, "api-key") != NULL ||
                               soup_message_headers_get_one (headers, "Cookie") != NULL;

  fault = find_fault (self, method, relative, path);
  /* Slow: answered as usual (the answer made now), but sent late. */
  if (fault != NULL && fault->kind == PC_MOCK_FAULT_SLOW)
    {
      latency_ms = SLOW_MS;
      fault = NULL;
    }
  if (fault != NULL)
    {
      apply_fault (self, msg, fault);
      if (fault_answers_normally (fault->kind))
        compress_response (self, msg);
      return;
    }

  /* Profile pictures, as another host would serve them. */
  if (g_str_has_prefix (path, "/pictures/"))
    {
      serve_picture (msg, path + strlen ("/pictures/"));
      compress_response (self, msg);
      return;
    }

  if (request_body->length > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, request_body->data, request_body->length, NULL))
        {
          reply.status = 400;
          reply.message = g_strdup ("The body is not JSON");
          respond_reply (msg, &reply);
          pc_mock_reply_clear (&reply);
          return;
        }
      body = json_parser_steal_root (parser);
    }

  if (is_idp)
    {
      const char *key = query ? g_hash_table_lookup (query, "key") : NULL;

      if (!g_str_equal (method, "POST") ||
          (!g_str_equal (path, "/idp/v1/accounts:signInWithPassword") &&
           !g_str_equal (path, "/idp/v1/accounts:signUp") && !g_str_equal (path, "/idp/v1/accounts:sendOobCode")))
        {
          soup_server_message_set_status (msg, 404, NULL);
          return;
        }
      if (g_strcmp0 (key, PC_MOCK_IDP_KEY) != 0)
        {
          const char *refused = "{\"error\":{\"code\":400,\"message\":"
                                "\"API key not valid. Please pass a valid API key.\"}}";
          soup_server_message_set_status (msg, 400, NULL);
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                            refused, strlen (refused));
          return;
        }
      if (g_str_equal (path, "/idp/v1/accounts:signUp"))
        pc_mock_state_sign_up (self->state, body, &reply);
      else if (g_str_equal (path, "/idp/v1/accounts:sendOobCode"))
        pc_mock_state_send_oob_code (self->state, body, &reply);
      else
        pc_mock_state_sign_in (self->state, body, &reply);
      respond_json (msg, reply.status, reply.result);
    }
  /* Mock only: what following the link in a confirmation email does. */
  else if (g_str_equal (path, "/mock/verify") && g_str_equal (method, "POST"))
    {
      const char *email = query ? g_hash_table_lookup (query, "email") : NULL;
      gboolean known = pc_mock_state_verify_email (self->state, email);

      soup_server_message_set_status (msg, known ? 204 : 404, NULL);
      return;
    }
  else if (g_str_has_prefix (path, "/v2/"))
    {
      session = dup_session_cookie (self, msg);
      pc_mock_state_handle (self->state, method, relative,
                            soup_message_headers_get_one (headers, "api-key"),
                            soup_message_headers_get_one (headers, "workspace-id"),
                            session, body, &reply);
      respond_reply (msg, &reply);
    }
  else
    {
      reply.status = 404;
      reply.message = g_strdup ("Not found");
      respond_reply (msg, &reply);
    }
  pc_mock_reply_clear (&reply);
  compress_response (self, msg);

  request = g_strdup_printf ("%s %s", method, relative);
  if (self->hold_all || (self->hold_only != NULL && g_hash_table_contains (self->hold_only, request)))
    {
      g_signal_connect (msg, "disconnected", G_CALLBACK (gone_cb), NULL);
      g_signal_connect (msg, "finished", G_CALLBACK (gone_cb), NULL);
      soup_server_message_pause (msg);
      g_object_set_data_full (G_OBJECT (msg), "pc-mock-request", g_steal_pointer (&request), g_free);
      if (self->held == NULL)
        self->held = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->held, g_object_ref (msg));
    }
  else if (latency_ms > 0)
    {
      g_signal_connect (msg, "disconnected", G_CALLBACK (gone_cb), NULL);
      g_signal_connect (msg, "finished", G_CALLBACK (gone_cb), NULL);
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, latency_ms, unpause_cb,
                          g_object_ref (msg), g_object_unref);
    }
}

PcMockServer *
pc_mock_server_new (const char  *fixture_path,
                    GError     **error)
{
  g_autoptr(PcMockServer) self = g_object_new (PC_TYPE_MOCK_SERVER, NULL);
  g_autoptr(GBytes) fixture = NULL;

  if (fixture_path != NULL)
    {
      char *data;
      gsize length;

      if (!g_file_get_contents (fixture_path, &data, &length, error))
        return NULL;
      fixture = g_bytes_new_take (data, length);
    }
  else
    {
      fixture = g_resources_lookup_data ("/io/github/pupil_cloud/Mock/demo-fixture.json",
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (fixture == NULL)
        return NULL;
    }

  self->state = pc_mock_state_new (g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture), error);
  if (self->state == NULL)
    return NULL;

  if (!pc_mock_server_set_compression_name (self, g_getenv ("PUPIL_CLOUD_MOCK_COMPRESS"), error))
    return NULL;

  /* Read here, so that in-process mocks and mock programs alike follow it. */
  if (g_strcmp0 (g_getenv ("PUPIL_CLOUD_MOCK_SEED_ONLY"), "1") == 0)
    {
      pc_mock_state_set_seed_only (self->state, TRUE);
      if (fixture_path == NULL)
        pc_mock_state_add_incomplete_invitations (self->state, PC_MOCK_DEMO_EMAIL);
    }

  self->server = soup_server_new ("server-header", "pupil-cloud-mock", NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  return g_steal_pointer (&self);
}

gboolean
pc_mock_server_listen (PcMockServer  *self,
                       guint          port,
                       GError       **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;
  guint bound;

  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  bound = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->base_url = g_strdup_printf ("http://127.0.0.1:%u/v2", bound);
  self->idp_url = g_strdup_printf ("http://127.0.0.1:%u/idp", bound);
  return TRUE;
}

/* The demo fixture, listening on a free loopback port: what tests start with. */
PcMockServer *
pc_mock_server_start (GError **error)
{
  g_autoptr(PcMockServer) self = pc_mock_server_new (NULL, error);

  if (self == NULL || !pc_mock_server_listen (self, 0, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
pc_mock_server_get_base_url (PcMockServer *self)
{
  return self->base_url;
}

const char *
pc_mock_server_get_idp_url (PcMockServer *self)
{
  return self->idp_url;
}

PcMockState *
pc_mock_server_get_state (PcMockServer *self)
{
  return self->state;
}

/**
 * pc_mock_server_set_held:
 *
 * While held, every answer is made as usual but not sent; releasing sends
 * them all, in the order asked. For tests of what shows meanwhile, without
 * a guess at how long that is.
 */
void
pc_mock_server_set_held (PcMockServer *self,
                         gboolean      held)
{
  g_autoptr(GPtrArray) waiting = NULL;

  self->hold_all = held;
  if (!held)
    {
      g_clear_pointer (&self->hold_only, g_hash_table_unref);
      waiting = g_steal_pointer (&self->held);
      for (guint i = 0; waiting != NULL && i < waiting->len; i++)
        unpause_cb (waiting->pdata[i]);
    }
}

/**
 * pc_mock_server_hold:
 * @request: "METHOD /path", the path relative to /v2
 *
 * Holds the answers to @request only, as pc_mock_server_set_held() holds
 * all, until pc_mock_server_release() or pc_mock_server_set_held (FALSE).
 */
void
pc_mock_server_hold (PcMockServer *self,
                     const char   *request)
{
  if (self->hold_only == NULL)
    self->hold_only = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->hold_only, g_strdup (request));
}

/**
 * pc_mock_server_release:
 * @request: "METHOD /path", the path relative to /v2
 *
 * Sends the held answers to @request, in the order asked; the others stay
 * held. Returns how many were sent.
 */
guint
pc_mock_server_release (PcMockServer *self,
                        const char   *request)
{
  guint released = 0;

  for (guint i = 0; self->held != NULL && i < self->held->len;)
    {
      SoupServerMessage *msg = self->held->pdata[i];

      if (g_strcmp0 (g_object_get_data (G_OBJECT (msg), "pc-mock-request"), request) == 0)
        {
          unpause_cb (msg);
          g_ptr_array_remove_index (self->held, i);
          released++;
        }
      else
        i++;
    }
  return released;
}

guint
pc_mock_server_count_held (PcMockServer *self)
{
  return self->held != NULL ? self->held->len : 0;
}

void
pc_mock_server_set_latency (PcMockServer *self,
                            guint         milliseconds)
{
  self->latency_ms = milliseconds;
}

guint
pc_mock_server_get_request_count (PcMockServer *self)
{
  return self->request_count;
}

/* How many requests came for exactly @path (relative to /v2), by @method. */
guint
pc_mock_server_count_requests (PcMockServer *self,
                               const char   *method,
                               const char   *path)
{
  g_autofree char *wanted = g_strdup_printf ("%s %s", method, path);
  guint count = 0;

  for (guint i = 0; i < self->requests->len; i++)
    if (g_str_equal (g_ptr_array_index (self->requests, i), wanted))
      count++;
  return count;
}

/**
 * pc_mock_server_get_streamed_bytes:
 *
 * How many bytes of endless and huge bodies (faults) were written to their
 * connections so far: a client that stops reading at its size cap leaves
 * most of a huge body unsent, and one that reads nothing of a length over
 * its cap leaves all but what the connection's buffers hold.
 */
guint64
pc_mock_server_get_streamed_bytes (PcMockServer *self)
{
  return self->streamed;
}

/* Whether the last request carried an API token or a cookie. */
gboolean
pc_mock_server_get_last_had_credentials (PcMockServer *self)
{
  return self->last_had_credentials;
}

/* The workspace-id header of the last request, NULL when it had none. */
const char *
pc_mock_server_get_last_workspace_id (PcMockServer *self)
{
  return self->last_workspace_id;
}

void
pc_mock_server_add_fault (PcMockServer    *self,
                          const char      *method,
                          const char      *path_pattern,
                          PcMockFaultKind  kind,
                          guint            status)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->method = g_strdup (method);
  fault->pattern = g_strdup (path_pattern);
  fault->kind = kind;
  fault->status = status;
  g_ptr_array_add (self->faults, fault);
}

void
pc_mock_server_clear_faults (PcMockServer *self)
{
  g_ptr_array_set_size (self->faults, 0);
}

static const struct {
  const char *name;
  PcMockFaultKind kind;
} fault_names[] = {
  { "status", PC_MOCK_FAULT_STATUS },
  { "html", PC_MOCK_FAULT_HTML },
  { "wrong-types", PC_MOCK_FAULT_WRONG_TYPES },
  { "empty", PC_MOCK_FAULT_EMPTY },
  { "short", PC_MOCK_FAULT_SHORT },
  { "chunked-cut", PC_MOCK_FAULT_CHUNKED_CUT },
  { "reset-before", PC_MOCK_FAULT_RESET_BEFORE },
  { "reset-after", PC_MOCK_FAULT_RESET_AFTER },
  { "stall", PC_MOCK_FAULT_STALL },
  { "huge", PC_MOCK_FAULT_HUGE },
  { "deep", PC_MOCK_FAULT_DEEP },
  { "redirect", PC_MOCK_FAULT_REDIRECT },
  { "gzip-short", PC_MOCK_FAULT_GZIP_SHORT },
  { "gzip-chunked-cut", PC_MOCK_FAULT_GZIP_CHUNKED_CUT },
  { "gzip-truncated", PC_MOCK_FAULT_GZIP_TRUNCATED },
  { "single-quotes", PC_MOCK_FAULT_LENIENT_QUOTES },
  { "comment", PC_MOCK_FAULT_LENIENT_COMMENT },
  { "bom", PC_MOCK_FAULT_LENIENT_BOM },
  { "nan", PC_MOCK_FAULT_LENIENT_NAN },
  { "trailing-comma", PC_MOCK_FAULT_LENIENT_COMMA },
  { "drip", PC_MOCK_FAULT_DRIP },
  { "slow", PC_MOCK_FAULT_SLOW },
  { "endless", PC_MOCK_FAULT_ENDLESS },
  { "huge-chunked", PC_MOCK_FAULT_HUGE_CHUNKED },
  { "short-whole", PC_MOCK_FAULT_SHORT_WHOLE },
};

/**
 * pc_mock_server_add_fault_spec:
 * @spec: `[METHOD ]PATH=KIND[:STATUS]`, such as `GET /auth/profile=status:500`
 *   or `/auth/tokens/<any>=short` (PATH is a glob)
 */
gboolean
pc_mock_server_add_fault_spec (PcMockServer  *self,
                               const char    *spec,
                               GError       **error)
{
  g_auto(GStrv) sides = g_strsplit (spec, "=", 2);
  g_auto(GStrv) target = NULL;
  g_auto(GStrv) kind = NULL;
  const char *method = NULL;
  const char *path;

  if (g_strv_length (sides) != 2)
    goto bad;

  target = g_strsplit (g_strstrip (sides[0]), " ", 2);
  path = target[0];
  if (target[1] != NULL)
    {
      method = target[0];
      path = target[1];
    }
  kind = g_strsplit (sides[1], ":", 2);

  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    {
      if (g_str_equal (kind[0], fault_names[i].name))
        {
          guint64 status = 0;
          if (kind[1] != NULL && !g_ascii_string_to_unsigned (kind[1], 10, 100, 599, &status, NULL))
            goto bad;
          pc_mock_server_add_fault (self, method, path, fault_names[i].kind, status);
          return TRUE;
        }
    }

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "Fault “%s” is not [METHOD ]PATH=KIND[:STATUS]", spec);
  return FALSE;
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

/**
 * pc_mock_server_listen_ipv6:
 *
 * Serves on [::1] too, on the port already listened on with
 * pc_mock_server_listen(): for addresses that a key file or a URL parser
 * may handle differently (brackets).
 */
gboolean
pc_mock_server_listen_ipv6 (PcMockServer  *self,
                            GError       **error)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (self->base_url != NULL, FALSE);

  base = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, error);
  if (base == NULL)
    return FALSE;
  address = g_inet_socket_address_new (loopback, g_uri_get_port (base));
  return soup_server_listen (self->server, address, 0, error);
}
