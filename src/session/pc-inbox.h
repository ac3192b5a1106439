/* pc-inbox.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pc-format.h"
#include "pc-session.h"

G_BEGIN_DECLS

#define PC_INBOX_UNDO_SECONDS 5

#define PC_TYPE_INBOX (pc_inbox_get_type ())
G_DECLARE_FINAL_TYPE (PcInbox, pc_inbox, PC, INBOX, GObject)

PcInbox       *pc_inbox_new               (PcSession           *session,
                                           const char          *seen_path);
PcSession     *pc_inbox_get_session       (PcInbox             *self);
GListModel    *pc_inbox_get_model         (PcInbox             *self);
PcInvitation  *pc_inbox_find              (PcInbox             *self,
                                           const char          *id);
guint          pc_inbox_get_n_waiting     (PcInbox             *self);
gboolean       pc_inbox_get_loaded        (PcInbox             *self);
gboolean       pc_inbox_get_busy          (PcInbox             *self);
guint          pc_inbox_get_check_interval (PcInbox            *self);
void           pc_inbox_set_check_interval (PcInbox            *self,
                                            guint               seconds);

void           pc_inbox_refresh_async     (PcInbox             *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean       pc_inbox_refresh_finish    (PcInbox             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void           pc_inbox_accept_async      (PcInbox             *self,
                                           PcInvitation        *invitation,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
PcAnswer       pc_inbox_accept_finish     (PcInbox             *self,
                                           GAsyncResult        *result,
                                           PcInvitation       **invitation,
                                           GError             **error);
void           pc_inbox_decline_later     (PcInbox             *self,
                                           PcInvitation        *invitation,
                                           guint                delay_seconds);
gboolean       pc_inbox_undo_decline      (PcInbox             *self,
                                           const char          *id);
void           pc_inbox_commit_decline    (PcInbox             *self,
                                           const char          *id);
void           pc_inbox_flush_declines    (PcInbox             *self);

G_END_DECLS
