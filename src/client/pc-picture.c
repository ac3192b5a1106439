/* pc-picture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile picture, fetched through the client's HTTP session (its proxy,
 * timeout and user agent) but never with its credentials: the picture
 * usually lives on another host. Every address on the way, redirects
 * included, must be https (or http to this computer); the answer must be
 * an image of a known format whose size in pixels is checked before
 * anything decodes it, and is read only up to a limit.
 */
#define G_LOG_DOMAIN "PcPicture"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pc-client-private.h"
#include "pc-error.h"
#include "pc-response-private.h"

#define CHUNK (64 * 1024)
#define MAX_REDIRECTS 5

typedef struct
{
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *data;
  guint redirects;
  PcDeadline deadline;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  pc_deadline_clear (&fetch->deadline);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->data, g_byte_array_unref);
  g_free (fetch);
}

/* https; or http to this computer, but only for a server on this computer
 * (the mock): otherwise an address a server sets would have the app probe
 * the services listening on this computer. */
static gboolean
is_allowed_address (PcClient *client,
                    GUri     *uri)
{
  g_autoptr(GUri) base = NULL;
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0 || !pc_client_is_loopback_host (g_uri_get_host (uri)))
    return FALSE;
  base = g_uri_parse (pc_client_get_base_url (client), G_URI_FLAGS_ENCODED, NULL);
  return base != NULL && pc_client_is_loopback_host (g_uri_get_host (base));
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint
read_le16 (const guint8 *p)
{
  return p[0] | ((guint) p[1] << 8);
}

static guint32
read_le24 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

/* JPEG: the frame header (SOF0..SOF15 but DHT, JPG and DAC) holds the size. */
static gboolean
jpeg_size (const guint8 *d,
           gsize         n,
           guint        *width,
           guint        *height)
{
  gsize i = 2;

  /* The start marker, then segments: each a marker and a length. */
  while (i + 4 <= n)
    {
      guint marker;
      guint length;

      if (d[i] != 0xff)
        return FALSE;
      marker = d[i + 1];
      if (marker == 0xff)
        {
          i++;
          continue;
        }
      /* Stuffing, a second start, an end or a reserved marker before the
       * frame: libjpeg reads those otherwise than a segment to skip, and a
       * frame hidden behind them would be decoded at its own size. */
      if (marker == 0x00 || marker == 0xd8 || marker == 0xd9 || (marker >= 0x02 && marker <= 0xbf))
        return FALSE;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          i += 2;
          continue;
        }
      length = read_be16 (d + i + 2);
      if (length < 2)
        return FALSE;
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (i + 9 > n)
            return FALSE;
          *height = read_be16 (d + i + 5);
          *width = read_be16 (d + i + 7);
          return TRUE;
        }
      i += 2 + length;
    }
  return FALSE;
}

/**
 * pc_picture_get_size:
 *
 * The size in pixels written in a PNG, JPEG, GIF or WebP header, read
 * without decoding anything.
 *
 * Returns: %FALSE when @data is none of those or its header is broken
 */
gboolean
pc_picture_get_size (GBytes *data,
                     guint  *width,
                     guint  *height)
{
  gsize n;
  const guint8 *d = g_bytes_get_data (data, &n);

  *width = *height = 0;
  if (n >= 24 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (d + 12, "IHDR", 4) == 0)
    {
      *width = read_be32 (d + 16);
      *height = read_be32 (d + 20);
    }
  else if (n >= 4 && d[0] == 0xff && d[1] == 0xd8)
    {
      if (!jpeg_size (d, n, width, height))
        return FALSE;
    }
  else if (n >= 10 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    {
      *width = read_le16 (d + 6);
      *height = read_le16 (d + 8);
    }
  else if (n >= 30 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    {
      if (memcmp (d + 12, "VP8 ", 4) == 0)
        {
          *width = read_le16 (d + 26) & 0x3fff;
          *height = read_le16 (d + 28) & 0x3fff;
        }
      else if (memcmp (d + 12, "VP8L", 4) == 0)
        {
          guint32 bits = d[21] | ((guint32) d[22] << 8) | ((guint32) d[23] << 16) | ((guint32) d[24] << 24);
          *width = (bits & 0x3fff) + 1;
          *height = ((bits >> 14) & 0x3fff) + 1;
        }
      else if (memcmp (d + 12, "VP8X", 4) == 0)
        {
          *width = read_le24 (d + 24) + 1;
          *height = read_le24 (d + 27) + 1;
        }
      else
        return FALSE;
    }
  else
    return FALSE;

  return *width > 0 && *height > 0;
}

static void
return_error (GTask       *task,
              PcErrorCode  code,
              const char  *message)
{
  g_task_return_new_error (task, PC_ERROR, code, "%s", message);
  g_object_unref (task);
}

static void
return_transport_error (GTask  *task,
                        GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (pc_deadline_cut_short (&fetch->deadline, error))
    g_task_return_new_error (task, PC_ERROR, PC_ERROR_TIMEOUT, "%s", pc_error_code_describe (PC_ERROR_TIMEOUT));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, PC_ERROR, PC_ERROR_NETWORK, _("The picture could not be fetched: %s"),
                             error->message);
  g_clear_error (&error);
  g_object_unref (task);
}

static void
finish_fetch (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) raw = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->data));
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GError) error = NULL;
  guint width, height;

  if (g_bytes_get_size (raw) == 0)
    {
      return_error (task, PC_ERROR_PARSE, _("The picture is empty."));
      return;
    }
  picture = pc_response_decode_body (soup_message_get_response_headers (fetch->message), raw,
                                     PC_PICTURE_MAX_BYTES, &error);
  if (picture == NULL)
    {
      g_debug ("Picture not read: %s", error->message);
      return_error (task, error->code, _("The picture could not be fetched completely."));
      return;
    }
  if (!pc_picture_get_size (picture, &width, &height))
    {
      return_error (task, PC_ERROR_PARSE, _("The picture is not in a format that can be shown."));
      return;
    }
  if (width > PC_PICTURE_MAX_SIDE || height > PC_PICTURE_MAX_SIDE)
    {
      g_debug ("Picture of %u × %u pixels refused", width, height);
      return_error (task, PC_ERROR_PARSE, _("The picture is too large."));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&picture), (GDestroyNotify) g_bytes_unref);
  g_object_unref (task);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
read_more (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (fetch->stream, CHUNK, G_PRIORITY_DEFAULT, fetch->deadline.cancellable,
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
      return_transport_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish_fetch (task);
      return;
    }
  if (fetch->data->len + g_bytes_get_size (chunk) > PC_PICTURE_MAX_BYTES)
    {
      return_error (task, PC_ERROR_PARSE, _("The picture is too large."));
      return;
    }
  g_byte_array_append (fetch->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (task);
}

static void send_message (GTask *task, GUri *uri);

/* Redirects are followed here, one at a time, so that each address on the
 * way is held to the same rule as the first. */
static gboolean
follow_redirect (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  guint status = soup_message_get_status (fetch->message);
  const char *location;
  g_autoptr(GUri) target = NULL;

  if (!SOUP_STATUS_IS_REDIRECTION (status) || status == SOUP_STATUS_NOT_MODIFIED)
    return FALSE;

  location = soup_message_headers_get_one (soup_message_get_response_headers (fetch->message), "Location");
  if (location != NULL)
    target = g_uri_parse_relative (soup_message_get_uri (fetch->message), location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL || fetch->redirects >= MAX_REDIRECTS)
    {
      return_error (task, PC_ERROR_PARSE, _("The address does not lead to a picture."));
      return TRUE;
    }
  if (!is_allowed_address (g_task_get_source_object (task), target))
    {
      g_debug ("Picture redirect to an address that is not https; not followed");
      return_error (task, PC_ERROR_INVALID_URL, _("The picture address leads to an unencrypted address."));
      return TRUE;
    }
  fetch->redirects++;
  g_clear_object (&fetch->stream);
  send_message (task, target);
  return TRUE;
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
      return_transport_error (task, error);
      return;
    }
  if (follow_redirect (task))
    return;

  type = soup_message_headers_get_content_type (headers, NULL);
  if (soup_message_get_status (fetch->message) != SOUP_STATUS_OK || type == NULL ||
      !g_str_has_prefix (type, "image/") ||
      soup_message_headers_get_content_length (headers) > PC_PICTURE_MAX_BYTES)
    {
      return_error (task, PC_ERROR_PARSE, _("The address does not lead to a picture."));
      return;
    }
  fetch->data = g_byte_array_new ();
  read_more (task);
}

static void
send_message (GTask *task,
              GUri  *uri)
{
  Fetch *fetch = g_task_get_task_data (task);
  PcClient *client = g_task_get_source_object (task);
  SoupMessageHeaders *headers;

  g_clear_object (&fetch->message);
  fetch->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->message);
  soup_message_headers_append (headers, "Accept", "image/*");
  soup_message_headers_append (headers, "Accept-Encoding", "gzip, deflate");
  soup_session_send_async (pc_client_get_soup_session (client), fetch->message, G_PRIORITY_LOW,
                           fetch->deadline.cancellable, send_cb, task);
}

/**
 * pc_client_fetch_picture_async:
 * @url: an https address, or http to this computer
 *
 * Fetches a picture (at most %PC_PICTURE_MAX_BYTES, and at most
 * %PC_PICTURE_MAX_SIDE pixels wide and high) without sending any
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
  if (!is_allowed_address (self, uri))
    {
      return_error (task, PC_ERROR_INVALID_URL, _("A picture address must start with https://."));
      return;
    }

  fetch = g_new0 (Fetch, 1);
  pc_deadline_start (&fetch->deadline, pc_client_get_deadline (self), cancellable);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  send_message (task, uri);
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
