/* pc-invitation-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-inbox.h"

G_BEGIN_DECLS

#define PC_TYPE_INVITATION_DIALOG (pc_invitation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PcInvitationDialog, pc_invitation_dialog, PC, INVITATION_DIALOG, AdwWindow)

PcInvitationDialog *pc_invitation_dialog_new        (GtkWindow          *parent,
                                                     PcInbox            *inbox);
void                pc_invitation_dialog_look_up    (PcInvitationDialog *self,
                                                     const char         *text);
PcInvitation       *pc_invitation_dialog_get_invitation (PcInvitationDialog *self);

G_END_DECLS
