/* pc-client-raw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any request to the signed-in server, for `pupil-cloud api`: the caller's
 * method, path, headers and body, checked here, then carried by the same
 * transport as the endpoints (pc-request.c), and the answer handed back as
 * it came, whatever its status.
 */
#define G_LOG_DOMAIN "PcClient"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pc-client-private.h"
#include "pc-error.h"

/* The answer as the transport read it: @body is decoded already. */
PcRawResponse *
pc_raw_response_new (SoupMessage *message,
                     GBytes      *body)
{
  PcRawResponse *response = g_new0 (PcRawResponse, 1);
  GPtrArray *lines = g_ptr_array_new ();
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_ptr_array_add (lines, g_strdup (name));
      g_ptr_array_add (lines, g_strdup (value));
    }
  g_ptr_array_add (lines, NULL);

  response->status = soup_message_get_status (message);
  response->reason = g_strdup (soup_message_get_reason_phrase (message));
  response->http_version = soup_message_get_http_version (message) == SOUP_HTTP_2_0 ? "HTTP/2"
                           : soup_message_get_http_version (message) == SOUP_HTTP_1_0 ? "HTTP/1.0"
                           : "HTTP/1.1";
  response->headers = (GStrv) g_ptr_array_free (lines, FALSE);
  response->body = body;
  return response;
}

void
pc_raw_response_free (PcRawResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->reason);
  g_strfreev (response->headers);
  if (response->body != NULL)
    pc_client_wipe_bytes (response->body);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

const char *
pc_raw_response_get_header (PcRawResponse *response,
                            const char    *name)
{
  g_return_val_if_fail (response != NULL, NULL);
  for (guint i = 0; response->headers[i] != NULL; i += 2)
    if (g_ascii_strcasecmp (response->headers[i], name) == 0)
      return response->headers[i + 1];
  return NULL;
}

/* Headers the client sets itself: the credentials and what the transport
 * depends on. A caller's header of these names is refused. */
static const char * const reserved_headers[] = {
  "api-key", "workspace-id", "cookie", "authorization", "host", "content-length", "transfer-encoding",
  "content-encoding", "accept-encoding", "connection", "upgrade",
};

gboolean
pc_client_is_reserved_header (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved_headers); i++)
    if (g_ascii_strcasecmp (name, reserved_headers[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_header_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * pc_client_send_raw_async:
 * @method: an HTTP method
 * @path: see pc_client_resolve_path()
 * @headers: (nullable) (array zero-terminated=1): name, value, name, value…;
 *   the credentials and transport headers cannot be among them
 * @body: (nullable): the body to send, as it is
 * @content_type: (nullable): its type; JSON when %NULL
 *
 * Sends one request through the client's one request path (credentials,
 * same-origin redirects, deadline, size cap, decoding, redacted trace) and
 * hands back the answer whatever its status. The body is decoded on the
 * calling thread.
 */
void
pc_client_send_raw_async (PcClient            *self,
                          const char          *method,
                          const char          *path,
                          const char * const  *headers,
                          GBytes              *body,
                          const char          *content_type,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_client_send_raw_async);

  if (!is_header_name (method))
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_INPUT, _("“%s” is not an HTTP method."), method);
      return;
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    {
      if (!is_header_name (headers[i]) || headers[i + 1] == NULL ||
          !pc_client_is_header_value_safe (headers[i + 1]))
        {
          g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_INPUT, "%s",
                                   _("A header must look like “Name: value”, on one line."));
          return;
        }
      if (pc_client_is_reserved_header (headers[i]))
        {
          g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_INPUT,
                                   _("The header “%s” is set by pupil-cloud itself."), headers[i]);
          return;
        }
    }
  uri = pc_client_resolve_path (self, path, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pc_client_send_raw (self, g_steal_pointer (&task), method, uri, headers, body, content_type);
}

/**
 * pc_client_send_raw_finish:
 *
 * Returns: (transfer full): the answer, any status; %NULL with an error
 *   when there was none, or it could not be read (cut short, too large,
 *   undecodable, late)
 */
PcRawResponse *
pc_client_send_raw_finish (PcClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_send_raw_async, error);
}
