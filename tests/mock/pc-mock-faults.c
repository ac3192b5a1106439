/* pc-mock-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Faults to inject, from a clean error status down to a connection reset
 * in the middle of a body, and the requests they answer.
 */
#define G_LOG_DOMAIN "PcMock"

#include <string.h>
#include <sys/socket.h>

#include "pc-mock-server-private.h"

#define HUGE_BODY_SIZE (50 * 1024 * 1024)
#define DEEP_NESTING 100000

void
pc_mock_fault_free (Fault *fault)
{
  g_free (fault->method);
  g_free (fault->pattern);
  g_free (fault);
}

/* A result string of 50 MiB: the same mebibyte of "x" fifty times over,
 * so the mock spends no time and memory making it. */
static void
append_huge_body (SoupMessageBody *body)
{
  static const char head[] = "{\"code\":200,\"status\":\"success\",\"result\":\"";
  g_autoptr(GBytes) part = g_bytes_new_take (memset (g_malloc (1024 * 1024), 'x', 1024 * 1024), 1024 * 1024);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, head, strlen (head));
  for (guint i = 0; i < HUGE_BODY_SIZE / (1024 * 1024); i++)
    soup_message_body_append_bytes (body, part);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "\"}", 2);
  soup_message_body_complete (body);
}

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
  g_autoptr(GBytes) packed = pc_mock_compress_bytes (G_ZLIB_COMPRESSOR_FORMAT_GZIP, json, strlen (json));
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

void
pc_mock_server_apply_fault (PcMockServer      *self,
                            SoupServerMessage *msg,
                            Fault             *fault)
{
  switch (fault->kind)
    {
    case PC_MOCK_FAULT_STATUS:
      {
        PcMockReply reply = { fault->status ? fault->status : 500, NULL, g_strdup ("Injected fault"), NULL };
        pc_mock_respond_reply (msg, &reply);
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
      pc_mock_server_start_drip (self, msg, fault->kind == PC_MOCK_FAULT_ENDLESS);
      break;
    case PC_MOCK_FAULT_HUGE_CHUNKED:
      {
        SoupMessageBody *body = soup_server_message_get_response_body (msg);

        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json",
                                               NULL);
        soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
        pc_mock_server_count_streamed (self, msg);
        append_huge_body (body);
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
        SoupMessageBody *body = soup_server_message_get_response_body (msg);

        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json",
                                               NULL);
        append_huge_body (body);
        soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg), body->length);
        pc_mock_server_count_streamed (self, msg);
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
gboolean
pc_mock_fault_answers_normally (PcMockFaultKind kind)
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

Fault *
pc_mock_server_find_fault (PcMockServer *self,
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
