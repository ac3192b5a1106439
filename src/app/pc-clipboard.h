/* pc-clipboard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        pc_clipboard_copy_secret      (GtkWidget    *widget,
                                           const char   *text,
                                           guint         clear_after_seconds);
gboolean    pc_clipboard_clear_secret     (GdkDisplay   *display);
gboolean    pc_clipboard_clear_pending    (void);
gboolean    pc_clipboard_clear_deferred   (void);
gboolean    pc_clipboard_clear_may_wait   (GtkWidget    *widget);
const char *pc_clipboard_get_fingerprint  (void);
void        pc_clipboard_set_notifier     (GApplication *application);
void        pc_clipboard_window_closing   (GtkWindow    *window);
void        pc_clipboard_quitting         (GApplication *application);
void        pc_clipboard_clear_when_back  (const char   *fingerprint);

G_END_DECLS
