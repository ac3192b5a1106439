/* pc-workspace-member.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pc-user.h"

G_BEGIN_DECLS

#define PC_TYPE_WORKSPACE_MEMBER (pc_workspace_member_get_type ())
G_DECLARE_FINAL_TYPE (PcWorkspaceMember, pc_workspace_member, PC, WORKSPACE_MEMBER, GObject)

const char *pc_workspace_member_get_user_id      (PcWorkspaceMember *self);
const char *pc_workspace_member_get_workspace_id (PcWorkspaceMember *self);
const char *pc_workspace_member_get_role         (PcWorkspaceMember *self);
GDateTime  *pc_workspace_member_get_created_at   (PcWorkspaceMember *self);
GDateTime  *pc_workspace_member_get_updated_at   (PcWorkspaceMember *self);
PcUser     *pc_workspace_member_get_user         (PcWorkspaceMember *self);

G_END_DECLS
