/* pc-clipboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets on the clipboard: offered with the x-kde-passwordManagerHint
 * "secret" that clipboard managers honour (GTK 4.8 on X11 advertises that
 * target without serving it, so the timed clear is the real protection),
 * and taken off again after a delay, or at quit, but only while the
 * clipboard still holds what we put there.
 */
#define G_LOG_DOMAIN "PcClipboard"

#include <string.h>

#include "pc-clipboard.h"

typedef struct
{
  GdkClipboard *clipboard;
  GdkContentProvider *provider;
  guint timeout_id;
} Copied;

/* One secret on the clipboard at a time, per process. */
static Copied copied;

static void
forget (void)
{
  g_clear_handle_id (&copied.timeout_id, g_source_remove);
  g_clear_object (&copied.provider);
  g_clear_object (&copied.clipboard);
}

/**
 * pc_clipboard_clear_secret:
 *
 * Empties the clipboard if it still holds the secret we copied. Returns
 * whether it did.
 */
gboolean
pc_clipboard_clear_secret (GdkDisplay *display)
{
  gboolean ours = copied.clipboard != NULL &&
                  (display == NULL || gdk_clipboard_get_display (copied.clipboard) == display) &&
                  gdk_clipboard_is_local (copied.clipboard) &&
                  gdk_clipboard_get_content (copied.clipboard) == copied.provider;

  if (ours)
    gdk_clipboard_set_content (copied.clipboard, NULL);
  forget ();
  return ours;
}

static gboolean
clear_cb (gpointer data)
{
  copied.timeout_id = 0;
  g_debug ("Clearing the copied secret: %s",
           pc_clipboard_clear_secret (NULL) ? "done" : "the clipboard has moved on");
  return G_SOURCE_REMOVE;
}

/* Whether a copied secret is still waiting to be cleared. */
gboolean
pc_clipboard_clear_pending (void)
{
  return copied.timeout_id != 0;
}

/**
 * pc_clipboard_copy_secret:
 * @clear_after_seconds: 0 to leave it there
 */
void
pc_clipboard_copy_secret (GtkWidget  *widget,
                          const char *text,
                          guint       clear_after_seconds)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GBytes) hint = g_bytes_new_static ("secret", strlen ("secret"));
  GdkContentProvider *providers[2];

  g_return_if_fail (text != NULL);

  forget ();
  providers[0] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  providers[1] = gdk_content_provider_new_for_bytes ("x-kde-passwordManagerHint", hint);
  copied.provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  copied.clipboard = g_object_ref (clipboard);
  gdk_clipboard_set_content (clipboard, copied.provider);

  if (clear_after_seconds > 0)
    copied.timeout_id = g_timeout_add_seconds (clear_after_seconds, clear_cb, NULL);
}
