/* pc-invitation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pc-user.h"
#include "pc-workspace-summary.h"

G_BEGIN_DECLS

#define PC_TYPE_INVITATION (pc_invitation_get_type ())
G_DECLARE_FINAL_TYPE (PcInvitation, pc_invitation, PC, INVITATION, GObject)

const char         *pc_invitation_get_id                 (PcInvitation *self);
const char         *pc_invitation_get_token              (PcInvitation *self);
const char         *pc_invitation_get_email              (PcInvitation *self);
const char         *pc_invitation_get_role               (PcInvitation *self);
const char         *pc_invitation_get_workspace_id       (PcInvitation *self);
PcWorkspaceSummary *pc_invitation_get_workspace          (PcInvitation *self);
const char         *pc_invitation_get_created_by_user_id (PcInvitation *self);
PcUser             *pc_invitation_get_created_by         (PcInvitation *self);
GDateTime          *pc_invitation_get_created_at         (PcInvitation *self);
GDateTime          *pc_invitation_get_expires_at         (PcInvitation *self);
gboolean            pc_invitation_is_expired             (PcInvitation *self,
                                                          GDateTime    *now);
char               *pc_invitation_dup_workspace_name     (PcInvitation *self);
const char         *pc_invitation_get_key                (PcInvitation *self);
gboolean            pc_invitation_can_answer             (PcInvitation *self);
PcInvitation       *pc_invitation_with_token             (PcInvitation *self,
                                                          const char   *token);
gboolean            pc_invitation_get_answering          (PcInvitation *self);
void                pc_invitation_set_answering          (PcInvitation *self,
                                                          gboolean      answering);

char               *pc_invitation_token_from_text        (const char   *text);

G_END_DECLS
