/* pc-workspace-membership.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pc-workspace-summary.h"

G_BEGIN_DECLS

#define PC_TYPE_WORKSPACE_MEMBERSHIP (pc_workspace_membership_get_type ())
G_DECLARE_FINAL_TYPE (PcWorkspaceMembership, pc_workspace_membership, PC, WORKSPACE_MEMBERSHIP, GObject)

const char         *pc_workspace_membership_get_workspace_id (PcWorkspaceMembership *self);
const char         *pc_workspace_membership_get_user_id      (PcWorkspaceMembership *self);
const char         *pc_workspace_membership_get_role         (PcWorkspaceMembership *self);
GDateTime          *pc_workspace_membership_get_created_at   (PcWorkspaceMembership *self);
PcWorkspaceSummary *pc_workspace_membership_get_workspace    (PcWorkspaceMembership *self);
char               *pc_workspace_membership_dup_display_name (PcWorkspaceMembership *self);

char               *pc_workspace_short_name (const char *workspace_id,
                                             const char *name);

G_END_DECLS
