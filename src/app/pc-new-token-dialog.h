/* pc-new-token-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-session.h"
#include "pc-token-names.h"

G_BEGIN_DECLS

#define PC_TOKEN_NAME_MAX_CHARS 100

#define PC_TYPE_NEW_TOKEN_DIALOG (pc_new_token_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PcNewTokenDialog, pc_new_token_dialog, PC, NEW_TOKEN_DIALOG, AdwWindow)

PcNewTokenDialog *pc_new_token_dialog_new (GtkWindow    *parent,
                                           PcSession    *session,
                                           GSettings    *settings,
                                           PcTokenNames *names);
char             *pc_new_token_format  (const char   *format,
                                        const char   *secret,
                                        const char   *server,
                                        const char   *workspace_id);

G_END_DECLS
