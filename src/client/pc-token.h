/* pc-token.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PC_TYPE_TOKEN (pc_token_get_type ())
G_DECLARE_FINAL_TYPE (PcToken, pc_token, PC, TOKEN, GObject)

const char *pc_token_get_id           (PcToken *self);
const char *pc_token_get_name         (PcToken *self);
const char *pc_token_get_token        (PcToken *self);
GDateTime  *pc_token_get_created_at   (PcToken *self);
GDateTime  *pc_token_get_last_used_at (PcToken *self);
char       *pc_token_dup_masked       (PcToken *self);
gboolean    pc_token_get_deleting     (PcToken *self);
void        pc_token_set_deleting     (PcToken *self,
                                       gboolean deleting);

G_END_DECLS
