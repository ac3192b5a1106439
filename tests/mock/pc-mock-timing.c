/* pc-mock-timing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When answers go out: at once, late, held until a test releases them, or
 * dripped for ever; and how much of an endless or huge body went out.
 */
#define G_LOG_DOMAIN "PcMock"

#include <string.h>

#include "pc-mock-server-private.h"

typedef struct
{
  PcMockServer *server;
  SoupServerMessage *msg;
  guint sent;
  gsize size; /* bytes a tick */
  guint source;
} Drip;

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

/* Marks @msg once its client has gone, or it was answered: what is sent
 * later must not go to a message that has ended. */
static void
watch_gone (SoupServerMessage *msg)
{
  g_signal_connect (msg, "disconnected", G_CALLBACK (gone_cb), NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (gone_cb), NULL);
}

/* A byte every 100 ms (drip), or 64 KiB every millisecond for ever
 * (endless): chunked, so no length says when it ends. */
void
pc_mock_server_start_drip (PcMockServer      *self,
                           SoupServerMessage *msg,
                           gboolean           endless)
{
  Drip *drip = g_new0 (Drip, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  drip->msg = g_object_ref (msg);
  drip->size = endless ? 64 * 1024 : 1;
  watch_gone (msg);
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

void
pc_mock_server_stop_drips (PcMockServer *self)
{
  /* Removing a drip's source frees the drip. */
  while (self->drips != NULL && self->drips->len > 0)
    g_source_remove (((Drip *) g_ptr_array_steal_index_fast (self->drips, self->drips->len - 1))->source);
  g_clear_pointer (&self->drips, g_ptr_array_unref);
}

void
pc_mock_server_count_streamed (PcMockServer      *self,
                               SoupServerMessage *msg)
{
  g_signal_connect_object (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), self, 0);
}

static gboolean
unpause_cb (gpointer data)
{
  /* The client may have given up meanwhile. */
  if (!g_object_get_data (data, "pc-mock-gone"))
    soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

/* Sends a made answer now, or holds it (see pc_mock_server_set_held()),
 * or sends it @latency_ms late. @request is "METHOD /path". */
void
pc_mock_server_send (PcMockServer      *self,
                     SoupServerMessage *msg,
                     const char        *request,
                     guint              latency_ms)
{
  if (self->hold_all || (self->hold_only != NULL && g_hash_table_contains (self->hold_only, request)))
    {
      watch_gone (msg);
      soup_server_message_pause (msg);
      g_object_set_data_full (G_OBJECT (msg), "pc-mock-request", g_strdup (request), g_free);
      if (self->held == NULL)
        self->held = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->held, g_object_ref (msg));
    }
  else if (latency_ms > 0)
    {
      watch_gone (msg);
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, latency_ms, unpause_cb,
                          g_object_ref (msg), g_object_unref);
    }
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
