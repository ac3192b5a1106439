/* pc-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-inbox.h"
#include "pc-session.h"

G_BEGIN_DECLS

#define PC_TYPE_WINDOW (pc_window_get_type ())
G_DECLARE_FINAL_TYPE (PcWindow, pc_window, PC, WINDOW, AdwApplicationWindow)

PcWindow   *pc_window_new                  (GtkApplication *application,
                                            PcSession      *session,
                                            GSettings      *settings);
void        pc_window_set_identity_provider (PcWindow      *self,
                                             const char    *idp_url,
                                             const char    *idp_key);
void        pc_window_start                (PcWindow       *self);
const char *pc_window_get_page_name        (PcWindow       *self);
const char *pc_window_get_view_name        (PcWindow       *self);
PcInbox    *pc_window_get_inbox            (PcWindow       *self);
void        pc_window_show_view            (PcWindow       *self,
                                            const char     *name);
void        pc_window_open_invitation      (PcWindow       *self,
                                            const char     *text);

G_END_DECLS
