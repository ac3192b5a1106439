/* pc-token-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pc-token-names.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

#define PC_UNUSED_DAYS 90

#define PC_TYPE_TOKEN_ROW (pc_token_row_get_type ())
G_DECLARE_FINAL_TYPE (PcTokenRow, pc_token_row, PC, TOKEN_ROW, GtkWidget)

GtkWidget *pc_token_row_new         (void);
void       pc_token_row_bind        (PcTokenRow   *self,
                                     PcToken      *token,
                                     PcTokenNames *names,
                                     const char   *server);
void       pc_token_row_unbind      (PcTokenRow   *self);
char      *pc_token_dup_title       (PcToken      *token,
                                     PcTokenNames *names,
                                     const char   *server);
gboolean   pc_token_is_unused       (PcToken      *token,
                                     GDateTime    *now);

G_END_DECLS
