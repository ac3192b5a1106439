/* pc-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words for people, shared by the command line and the desktop app.
 */
#pragma once

#include <glib.h>

#include "pc-invitation.h"
#include "pc-token.h"

G_BEGIN_DECLS

char       *pc_format_relative_date (GDateTime  *date,
                                     GDateTime  *now);
const char *pc_format_role          (const char *role);
const char *pc_format_role_summary  (const char *role);
char       *pc_format_short_id      (const char *id);
char       *pc_format_workspace_title (const char *workspace_id,
                                       const char *name);
char       *pc_format_token_title   (PcToken    *token,
                                     const char *local_name);
char       *pc_format_token_title_from_fields (const char *id,
                                               const char *name,
                                               const char *local_name);
char       *pc_format_masked_token  (const char *token);
char       *pc_format_exact_date    (GDateTime  *date);

char       *pc_format_invitation_role    (PcInvitation *invitation);
const char *pc_format_invitation_inviter (PcInvitation *invitation);
char       *pc_format_invitation_expiry  (PcInvitation *invitation,
                                          GDateTime    *now);
char       *pc_format_invitation_summary (PcInvitation *invitation,
                                          GDateTime    *now);

G_END_DECLS
