/* pc-clipboard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     pc_clipboard_copy_secret (GtkWidget  *widget,
                                   const char *text,
                                   guint       clear_after_seconds);
gboolean pc_clipboard_clear_secret (GdkDisplay *display);
gboolean pc_clipboard_clear_pending (void);

G_END_DECLS
