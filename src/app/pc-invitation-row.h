/* pc-invitation-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pupilcloud.h"

G_BEGIN_DECLS

#define PC_TYPE_INVITATION_ROW (pc_invitation_row_get_type ())
G_DECLARE_FINAL_TYPE (PcInvitationRow, pc_invitation_row, PC, INVITATION_ROW, AdwActionRow)

GtkWidget    *pc_invitation_row_new            (PcInvitation    *invitation);
PcInvitation *pc_invitation_row_get_invitation (PcInvitationRow *self);
void          pc_invitation_row_update         (PcInvitationRow *self,
                                                GDateTime       *now);

G_END_DECLS
