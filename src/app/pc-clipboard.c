/* pc-clipboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets on the clipboard: offered with the x-kde-passwordManagerHint
 * "secret" that clipboard managers honour (GTK 4.8 on X11 advertises that
 * target without serving it, so the timed clear is the real protection),
 * and taken off again after a delay, or at quit, but only while the
 * clipboard still holds what we put there. Our copy of the text is wiped
 * once the clipboard lets go of it (cleared, or replaced by anyone).
 */
#define G_LOG_DOMAIN "PcClipboard"

#include <string.h>

#include "pc-clipboard.h"

typedef struct
{
  GdkClipboard *clipboard;
  GdkContentProvider *provider;
  guint timeout_id;
  gulong changed_id;
} Copied;

/* One secret on the clipboard at a time, per process. */
static Copied copied;

/* The text as bytes the providers serve, wiped when the last holder goes. */
static void
wipe_text (gpointer text)
{
  explicit_bzero (text, strlen (text));
  g_free (text);
}

static GBytes *
wiped_bytes (const char *text)
{
  char *copy = g_strdup (text);

  return g_bytes_new_with_free_func (copy, strlen (copy), wipe_text, copy);
}

static void
forget (void)
{
  g_clear_handle_id (&copied.timeout_id, g_source_remove);
  if (copied.clipboard != NULL)
    g_clear_signal_handler (&copied.changed_id, copied.clipboard);
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

/* Another program (or another copy) took the clipboard: nothing left to
 * clear, and our copy of the text goes now. */
static void
clipboard_changed (GdkClipboard *clipboard)
{
  if (gdk_clipboard_get_content (clipboard) != copied.provider)
    forget ();
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
  g_autoptr(GBytes) bytes = NULL;
  GdkContentProvider *providers[3];

  g_return_if_fail (text != NULL);

  forget ();
  /* Bytes of our own rather than a string value, whose copies GTK frees
   * without wiping. */
  bytes = wiped_bytes (text);
  providers[0] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain", bytes);
  providers[2] = gdk_content_provider_new_for_bytes ("x-kde-passwordManagerHint", hint);
  copied.provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  copied.clipboard = g_object_ref (clipboard);
  gdk_clipboard_set_content (clipboard, copied.provider);
  copied.changed_id = g_signal_connect (clipboard, "changed", G_CALLBACK (clipboard_changed), NULL);

  if (clear_after_seconds > 0)
    copied.timeout_id = g_timeout_add_seconds (clear_after_seconds, clear_cb, NULL);
}
