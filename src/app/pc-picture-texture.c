/* pc-picture-texture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile picture decoded by a decoder that says its size before it
 * decodes: the client has checked the size its header claims, but a file
 * can be made to tell a header reader one size and a decoder another (a
 * JPEG with a frame hidden behind stuffing). The decoder's own word is the
 * one that counts; past the limit nothing more is fed to it.
 */
#define G_LOG_DOMAIN "PcPictureTexture"

#include <glib/gi18n.h>

#include "pc-picture-texture.h"

#define FEED (4 * 1024)

typedef struct
{
  guint max_side;
  int width;
  int height;
} Guard;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Guard           *guard)
{
  guard->width = width;
  guard->height = height;
  /* A size of nothing makes gdk-pixbuf's decoders stop here, before they
   * allocate anything (gdk_pixbuf_get_file_info() relies on it too). */
  if ((guint) width > guard->max_side || (guint) height > guard->max_side)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/**
 * pc_picture_texture_new:
 * @max_side: the most pixels a side may have
 *
 * May run in a worker thread.
 *
 * Returns: (transfer full): the texture, or %NULL with an error
 */
GdkTexture *
pc_picture_texture_new (GBytes  *data,
                        guint    max_side,
                        GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  Guard guard = { max_side, 0, 0 };
  gsize length;
  const guchar *bytes = g_bytes_get_data (data, &length);
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;
  gboolean closed;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &guard);
  for (gsize offset = 0; offset < length && ok; offset += FEED)
    {
      ok = gdk_pixbuf_loader_write (loader, bytes + offset, MIN (FEED, length - offset), &local_error);
      if ((guint) guard.width > max_side || (guint) guard.height > max_side)
        break;
    }
  /* Short files are decoded only when the loader is closed. */
  closed = gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL);
  if ((guint) guard.width > max_side || (guint) guard.height > max_side)
    {
      g_debug ("Picture of %d × %d pixels not decoded", guard.width, guard.height);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The picture is too large."));
      return NULL;
    }
  if (!ok || !closed)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The picture is not in a format that can be shown."));
      return NULL;
    }
  return gdk_texture_new_for_pixbuf (pixbuf);
}
