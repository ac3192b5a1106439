/* pc-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transport: one request from its task to its answer. Send with the
 * client's credentials, follow same-origin redirects only, give up at the
 * deadline, read the body up to a cap, and hand it to the choke point in
 * pc-response.c, in a worker thread when it is large or compressed. The
 * client object and its credentials are in pc-client.c.
 */
#define G_LOG_DOMAIN "PcClient"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pc-client-private.h"
#include "pc-debug-private.h"
#include "pc-error.h"
#include "pc-json-private.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK (16 * 1024)

typedef struct
{
  char *method;
  GUri *uri;
  GBytes *body;
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *buffer;
  PcRequestKind kind;
  char *content_type;  /* of @body: JSON unless pc_client_send_raw_async() says otherwise */
  GStrv extra_headers; /* name, value, name, value, …: pc_client_send_raw_async() only */
  goffset announced; /* the Content-Length, or -1 */
  gsize chunk;       /* the size of the read under way */
  guint redirects;
  PcDeadline deadline;
} Request;

static void
request_free (Request *request)
{
  pc_deadline_clear (&request->deadline);
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->content_type, g_free);
  g_clear_pointer (&request->extra_headers, g_strfreev);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_free (request);
}

/* Request bodies can hold a password or an ID token. */
static void
wipe_and_free (gpointer data)
{
  explicit_bzero (data, strlen (data));
  g_free (data);
}

static void start_request (GTask *task);
static void finish_raw_request (GTask *task, guint status, SoupMessageHeaders *headers, GBytes *raw);

/* Returns a failure of the connection, or of the deadline that cut it. */
static void
return_transport_error (GTask        *task,
                        const GError *error)
{
  Request *request = g_task_get_task_data (task);
  GError *mapped = NULL;

  if (pc_deadline_cut_short (&request->deadline, error))
    mapped = g_error_new_literal (PC_ERROR, PC_ERROR_TIMEOUT, pc_error_code_describe (PC_ERROR_TIMEOUT));
  else
    pc_response_set_transport_error (&mapped, error);
  g_task_return_error (task, mapped);
}

/* The size cap, whether the answer announced more or was read past it. */
static void
return_too_large (GTask *task)
{
  g_task_return_new_error (task, PC_ERROR, PC_ERROR_PARSE, "%s", _("The server's answer was too large to be read."));
}

/* Answers this large (a few thousand tokens) are parsed in a worker thread,
 * so that the main loop, and the window it draws, never waits on them. */
#define PARSE_IN_THREAD_BYTES (128 * 1024)

/* Answers can carry a token, an ID token or a sign-in address for the
 * feedback board: nothing of them stays behind in freed memory. */
void
pc_client_wipe_bytes (GBytes *bytes)
{
  gsize length;
  gpointer data;

  if (bytes == NULL)
    return;
  data = (gpointer) g_bytes_get_data (bytes, &length);
  if (data != NULL)
    explicit_bzero (data, length);
}

/* The body as sent, decoded, traced and parsed: what may run in a worker
 * thread. */
static JsonNode *
decode_and_parse (PcResponseFormat     format,
                  guint                status,
                  const char          *reason,
                  SoupMessageHeaders  *headers,
                  GBytes              *raw,
                  GError             **error)
{
  g_autoptr(GBytes) body = pc_response_decode_body (headers, raw, PC_RESPONSE_MAX_BODY, error);
  JsonNode *result;

  pc_debug_log_response (status, reason, headers, body ? body : raw);
  if (body == NULL)
    return NULL;
  result = pc_response_parse (format, status, body, error);
  pc_client_wipe_bytes (body);
  return result;
}

/* The same for a list read item by item (pc_response_read_list()): its
 * value, or NULL with @error set. */
static gpointer
decode_and_read_list (const PcRequestKind  *kind,
                      guint                 status,
                      const char           *reason,
                      SoupMessageHeaders   *headers,
                      GBytes               *raw,
                      GError              **error)
{
  g_autoptr(GBytes) body = pc_response_decode_body (headers, raw, PC_RESPONSE_MAX_BODY, error);
  gpointer value;

  pc_debug_log_response (status, reason, headers, body ? body : raw);
  if (body == NULL)
    return NULL;
  value = pc_response_read_list (status, body, kind->list, kind->list_data, error);
  pc_client_wipe_bytes (body);
  return value;
}

typedef struct
{
  PcResponseFormat format;
  guint status;
  char *reason;
  SoupMessageHeaders *headers;
  GBytes *body;
  PcParseFunc parse;
  GDestroyNotify destroy;
  const PcRequestKind *list_kind; /* the request's own, for a list read item by item */
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  soup_message_headers_unref (job->headers);
  pc_client_wipe_bytes (job->body);
  g_bytes_unref (job->body);
  g_free (job->reason);
  g_free (job);
}

static void
parse_in_thread (GTask        *inner,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  ParseJob *job = data;
  g_autoptr(JsonNode) result = NULL;
  GError *error = NULL;
  gpointer value;

  if (job->list_kind != NULL)
    {
      value = decode_and_read_list (job->list_kind, job->status, job->reason, job->headers, job->body, &error);
      if (value == NULL)
        g_task_return_error (inner, error);
      else
        g_task_return_pointer (inner, value, job->list_kind->list->free_value);
      return;
    }
  result = decode_and_parse (job->format, job->status, job->reason, job->headers, job->body, &error);
  if (result == NULL)
    {
      g_task_return_error (inner, error);
      return;
    }
  if (job->parse == NULL)
    {
      g_task_return_pointer (inner, g_steal_pointer (&result), (GDestroyNotify) json_node_unref);
      return;
    }
  value = job->parse (result, &error);
  /* The models have their own copies: what the answer said, a token or
   * an ID token among it, goes. */
  pc_json_node_wipe_strings (result);
  if (error != NULL)
    g_task_return_error (inner, error);
  else
    g_task_return_pointer (inner, value, job->destroy);
}

/* What the choke point made of the answer (@result, or @error), turned
 * into what the endpoint returns. */
static void
complete_request (GTask    *task,
                  JsonNode *result,
                  GError   *error)
{
  Request *request = g_task_get_task_data (task);
  PcClient *self = g_task_get_source_object (task);
  gpointer value;

  /* Logging out ends the session whether the server still knew it or not. */
  if ((request->kind.flags & PC_REQUEST_END_SESSION) &&
      (result != NULL || g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED)))
    pc_client_forget_session_cookie (self);

  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (request->kind.flags & PC_REQUEST_KEEP_COOKIE)
    {
      pc_client_take_session_cookie (self, request->message);
      if (pc_client_get_session_cookie (self) == NULL)
        {
          g_debug ("Login answered without a session cookie");
          g_task_return_new_error (task, PC_ERROR, PC_ERROR_PARSE, "%s",
                                   _("The server accepted the sign-in but started no session."));
          return;
        }
    }

  error = NULL;
  value = request->kind.parse (result, &error);
  pc_json_node_wipe_strings (result);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, request->kind.destroy);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  ParseJob *job = g_task_get_task_data (G_TASK (result));
  gboolean modelled = job->parse != NULL || job->list_kind != NULL;
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL && pc_deadline_cut_short (&request->deadline, error))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_TIMEOUT, "%s", pc_error_code_describe (PC_ERROR_TIMEOUT));
    }
  else if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else if (!modelled)
    {
      g_autoptr(JsonNode) node = value;
      complete_request (task, node, error);
    }
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, job->list_kind ? job->list_kind->list->free_value : request->kind.destroy);
}

static void
finish_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
  g_autoptr(JsonNode) result = NULL;
  GError *error = NULL;
  guint status = soup_message_get_status (request->message);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  gsize raw_length = g_bytes_get_size (body);
  gboolean compressed = soup_message_headers_get_one (headers, "Content-Encoding") != NULL;

  if (request->kind.flags & PC_REQUEST_RAW)
    {
      finish_raw_request (task, status, headers, body);
      return;
    }

  /* A compressed answer can be small and still decode to many megabytes:
   * those, and large ones, are decoded and parsed away from the main loop.
   * Only plain requests are turned into models there too; sign-in and
   * sign-out keep their cookie handling here. */
  if (compressed || raw_length >= PARSE_IN_THREAD_BYTES)
    {
      ParseJob *job = g_new0 (ParseJob, 1);
      g_autoptr(GTask) inner = g_task_new (NULL, request->deadline.cancellable, parsed_cb, g_object_ref (task));

      job->format = request->kind.format;
      job->status = status;
      job->reason = g_strdup (soup_message_get_reason_phrase (request->message));
      job->headers = soup_message_headers_ref (headers);
      job->body = g_steal_pointer (&body);
      job->parse = request->kind.flags == PC_REQUEST_AUTHENTICATED ? request->kind.parse : NULL;
      job->destroy = request->kind.destroy;
      job->list_kind = request->kind.list ? &request->kind : NULL;
      g_task_set_source_tag (inner, finish_request);
      g_task_set_task_data (inner, job, (GDestroyNotify) parse_job_free);
      g_task_run_in_thread (inner, parse_in_thread);
      return;
    }

  if (request->kind.list != NULL)
    {
      gpointer value = decode_and_read_list (&request->kind, status, soup_message_get_reason_phrase (request->message),
                                             headers, body, &error);

      pc_client_wipe_bytes (body);
      if (value == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, value, request->kind.list->free_value);
      return;
    }
  result = decode_and_parse (request->kind.format, status, soup_message_get_reason_phrase (request->message),
                             headers, body, &error);
  pc_client_wipe_bytes (body);
  complete_request (task, result, error);
}

/* A raw request's answer: decoded and checked as every answer is, then
 * handed over whatever its status; what the body means is the caller's. */
static void
finish_raw_request (GTask              *task,
                    guint               status,
                    SoupMessageHeaders *headers,
                    GBytes             *raw)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = pc_response_decode_body (headers, raw, PC_RESPONSE_MAX_BODY, &error);
  pc_debug_log_response (status, soup_message_get_reason_phrase (request->message), headers, body ? body : raw);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, pc_raw_response_new (request->message, g_steal_pointer (&body)),
                         (GDestroyNotify) pc_raw_response_free);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* Reads into the buffer's spare room: what is left of an announced length
 * in one go, otherwise a chunk at a time. */
static void
read_more (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = request->deadline.cancellable;
  gsize chunk = READ_CHUNK;

  if (request->announced > (goffset) request->buffer->len)
    chunk = request->announced - request->buffer->len;
  else if (request->announced >= 0)
    chunk = 1; /* only the end is left to read */
  request->chunk = chunk;
  g_byte_array_set_size (request->buffer, request->buffer->len + chunk);
  g_input_stream_read_async (request->stream, request->buffer->data + request->buffer->len - chunk,
                             chunk, G_PRIORITY_DEFAULT, cancellable, read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  /* Give back the part of the spare room that was not filled. */
  g_byte_array_set_size (request->buffer, request->buffer->len - request->chunk + MAX (n_read, 0));

  if (n_read < 0)
    {
      return_transport_error (task, error);
      return;
    }

  /* Read to the end, also past an announced length: only then is the
   * message done and its connection free for the next request. The choke
   * point compares the length with the announced one, since libsoup 3.2
   * reports a body cut short as an ordinary end. */
  if (n_read == 0)
    {
      /* The connection goes back to the session now, not when the caller
       * lets go of the result: a program that keeps two results would
       * otherwise wait for ever for a third connection to the host. */
      g_clear_object (&request->stream);
      finish_request (task);
      return;
    }

  if (request->buffer->len > PC_RESPONSE_MAX_BODY)
    {
      g_debug ("Answer over %d bytes; stopped reading", PC_RESPONSE_MAX_BODY);
      return_too_large (task);
      return;
    }

  read_more (g_steal_pointer (&task));
}

static gboolean
follow_redirect (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  const char *location;
  g_autoptr(GUri) target = NULL;

  if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
    return FALSE;

  location = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                           "Location");
  if (location == NULL || request->redirects >= MAX_REDIRECTS)
    return FALSE;

  target = g_uri_parse_relative (request->uri, location, G_URI_FLAGS_ENCODED, NULL);
  /* Credentials are custom headers that libsoup would carry along to any
   * host; only the same origin gets them, and so only it is followed. */
  if (target == NULL || !pc_client_same_origin (target, request->uri))
    {
      g_debug ("Not following a redirect to another origin");
      return FALSE;
    }

  request->redirects++;
  g_uri_unref (request->uri);
  request->uri = g_steal_pointer (&target);
  if (status == 303 && !g_str_equal (request->method, "HEAD"))
    {
      g_free (request->method);
      request->method = g_strdup ("GET");
      g_clear_pointer (&request->body, g_bytes_unref);
    }
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  start_request (g_object_ref (task));
  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset announced;
  SoupMessageHeaders *headers;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  if (follow_redirect (task))
    return;

  headers = soup_message_get_response_headers (request->message);
  announced = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
                ? soup_message_headers_get_content_length (headers)
                : -1;
  if (announced > PC_RESPONSE_MAX_BODY)
    {
      g_debug ("Answer of %" G_GOFFSET_FORMAT " bytes announced; not read", announced);
      return_too_large (task);
      return;
    }

  request->announced = announced;
  request->buffer = g_byte_array_sized_new (announced > 0 ? announced : READ_CHUNK);
  if (announced == 0)
    finish_request (task);
  else
    read_more (g_steal_pointer (&task));
}

static void
start_request (GTask *task)
{
  PcClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  request->message = soup_message_new_from_uri (request->method, request->uri);
  if (request->message == NULL)
    {
      g_debug ("No request can be made for this address");
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_SERVER, "%s", pc_error_code_describe (PC_ERROR_SERVER));
      g_object_unref (task);
      return;
    }
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  for (guint i = 0; request->extra_headers != NULL && request->extra_headers[i] != NULL; i += 2)
    soup_message_headers_append (headers, request->extra_headers[i], request->extra_headers[i + 1]);
  /* Only the codings the choke point decodes, whatever was asked for. */
  soup_message_headers_replace (headers, "Accept-Encoding", "gzip, deflate");

  if (request->kind.flags & PC_REQUEST_AUTHENTICATED)
    pc_client_add_credentials (self, headers);

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message,
                                              request->content_type ? request->content_type : "application/json",
                                              request->body);

  pc_debug_log_request (request->message, request->body);

  soup_session_send_async (pc_client_get_soup_session (self), request->message, G_PRIORITY_DEFAULT,
                           request->deadline.cancellable, send_cb, task);
}

/* Starts @request as @task's, unless it needs credentials the client does
 * not have. Takes @task. */
static void
begin_request (PcClient *self,
               GTask    *task,
               Request  *request)
{
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  /* The timeout ends a request that stops moving; the deadline one that
   * moves too slowly to ever end (a byte now and then). */
  pc_deadline_start (&request->deadline, pc_client_get_deadline (self), g_task_get_cancellable (task));

  if ((request->kind.flags & PC_REQUEST_AUTHENTICATED) &&
      pc_client_get_credentials_kind (self) == PC_CREDENTIALS_NONE)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_NOT_SIGNED_IN, "%s",
                               pc_error_code_describe (PC_ERROR_NOT_SIGNED_IN));
      g_object_unref (task);
      return;
    }

  start_request (task);
}

/**
 * pc_client_task_new:
 * @source_tag: the endpoint's own _async function, which its _finish checks
 *
 * Returns: (transfer full): the task of one call to an endpoint
 */
GTask *
pc_client_task_new (PcClient            *self,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/**
 * pc_client_send:
 * @task: (transfer full): the endpoint's task, from pc_client_task_new()
 * @uri: (nullable): where to send it; %NULL when pc_client_build_uri()
 *   refused a segment, which @task then returns as invalid input
 * @body: (nullable): a JSON body to send; its strings are wiped once it is
 *   written out (it may hold a password or an ID token)
 * @kind: how the request is made and its answer read; copied
 *
 * Carries one request; @task returns what @kind's parser made of the
 * answer.
 */
void
pc_client_send (PcClient            *self,
                GTask               *task,
                const char          *method,
                GUri                *uri,
                JsonNode            *body,
                const PcRequestKind *kind)
{
  Request *request;

  if (uri == NULL)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_INPUT, "%s",
                               _("An id or an invitation cannot be empty, “.” or “..”."));
      g_object_unref (task);
      return;
    }

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->uri = g_uri_ref (uri);
  request->kind = *kind;
  if (body != NULL)
    {
      gsize length;
      char *data = json_to_string (body, FALSE);

      length = strlen (data);
      request->body = g_bytes_new_with_free_func (data, length, wipe_and_free, data);
      pc_json_node_wipe_strings (body);
    }
  begin_request (self, task, request);
}

/**
 * pc_client_call:
 * @source_tag: the endpoint's own _async function
 *
 * What an endpoint's _async does once it has checked its arguments: a task
 * of its own, sent as pc_client_send() sends it.
 */
void
pc_client_call (PcClient            *self,
                gpointer             source_tag,
                const char          *method,
                GUri                *uri,
                JsonNode            *body,
                const PcRequestKind *kind,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  pc_client_send (self, pc_client_task_new (self, source_tag, cancellable, callback, user_data),
                  method, uri, body, kind);
}

/**
 * pc_client_send_raw:
 * @task: (transfer full): pc_client_send_raw_async()'s task
 * @headers: (nullable) (array zero-terminated=1): name, value, name, value…,
 *   checked by the caller
 * @body: (nullable): the body to send, as it is
 * @content_type: (nullable): its type; JSON when %NULL
 *
 * Carries one request with the credentials; @task returns the answer as a
 * #PcRawResponse whatever its status.
 */
void
pc_client_send_raw (PcClient           *self,
                    GTask              *task,
                    const char         *method,
                    GUri               *uri,
                    const char * const *headers,
                    GBytes             *body,
                    const char         *content_type)
{
  Request *request = g_new0 (Request, 1);

  request->method = g_ascii_strup (method, -1);
  request->uri = g_uri_ref (uri);
  request->kind.flags = PC_REQUEST_AUTHENTICATED | PC_REQUEST_RAW;
  request->body = body ? g_bytes_ref (body) : NULL;
  request->content_type = g_strdup (content_type);
  request->extra_headers = g_strdupv ((char **) headers);
  begin_request (self, task, request);
}

/**
 * pc_client_task_finish:
 * @source_tag: the _async function of the endpoint whose _finish this is
 *
 * What every endpoint's _finish does: checks that @result is a task of
 * this client's and of that endpoint, and hands over its value.
 */
gpointer
pc_client_task_finish (PcClient      *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The same, for an endpoint whose answer carries nothing but success. */
gboolean
pc_client_task_finish_boolean (PcClient      *self,
                               GAsyncResult  *result,
                               gpointer       source_tag,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  pc_client_task_finish (self, result, source_tag, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
