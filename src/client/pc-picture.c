/* pc-picture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile picture, fetched through the client's HTTP session (its proxy,
 * timeout and user agent) but never with its credentials: the picture
 * usually lives on another host. The answer must be an image, and is read
 * only up to a limit.
 */
#define G_LOG_DOMAIN "PcPicture"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "pc-client-private.h"
#include "pc-error.h"

#define CHUNK (64 * 1024)

typedef struct
{
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *data;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->data, g_byte_array_unref);
  g_free (fetch);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
read_more (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (fetch->stream, CHUNK, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_NETWORK, _("The picture could not be fetched: %s"),
                               error->message);
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      if (fetch->data->len == 0)
        g_task_return_new_error (task, PC_ERROR, PC_ERROR_PARSE, "%s", _("The picture is empty."));
      else
        g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&fetch->data)),
                               (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }
  if (fetch->data->len + g_bytes_get_size (chunk) > PC_PICTURE_MAX_BYTES)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_PARSE, "%s", _("The picture is too large."));
      g_object_unref (task);
      return;
    }
  g_byte_array_append (fetch->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  const char *type;
  GError *error = NULL;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (fetch->stream == NULL)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_NETWORK, _("The picture could not be fetched: %s"),
                               error->message);
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  type = soup_message_headers_get_content_type (headers, NULL);
  if (soup_message_get_status (fetch->message) != SOUP_STATUS_OK || type == NULL ||
      !g_str_has_prefix (type, "image/") ||
      soup_message_headers_get_content_length (headers) > PC_PICTURE_MAX_BYTES)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_PARSE, "%s", _("The address does not lead to a picture."));
      g_object_unref (task);
      return;
    }
  read_more (task);
}

/**
 * pc_client_fetch_picture_async:
 * @url: an https address, or http to this computer
 *
 * Fetches a picture (at most %PC_PICTURE_MAX_BYTES) without sending any
 * credentials.
 */
void
pc_client_fetch_picture_async (PcClient            *self,
                               const char          *url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;
  GTask *task;
  Fetch *fetch;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_client_fetch_picture_async);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      !(g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ||
        (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 &&
         pc_client_is_loopback_host (g_uri_get_host (uri)))))
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_URL, "%s",
                               _("A picture address must start with https://."));
      g_object_unref (task);
      return;
    }

  fetch = g_new0 (Fetch, 1);
  fetch->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  fetch->data = g_byte_array_new ();
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  soup_message_headers_append (soup_message_get_request_headers (fetch->message), "Accept", "image/*");
  soup_session_send_async (pc_client_get_soup_session (self), fetch->message, G_PRIORITY_LOW, cancellable,
                           send_cb, task);
}

/* Returns: (transfer full): the picture's bytes, undecoded */
GBytes *
pc_client_fetch_picture_finish (PcClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_client_fetch_picture_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
