/* pc-model-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building models from server JSON: for the client and the tests only, so
 * that nothing above the client layer sees JSON.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pc-invitation.h"
#include "pc-profile.h"
#include "pc-token.h"
#include "pc-user.h"
#include "pc-workspace-member.h"
#include "pc-workspace-membership.h"
#include "pc-workspace-summary.h"

G_BEGIN_DECLS

PcWorkspaceSummary    *pc_workspace_summary_new_from_json    (JsonObject *object,
                                                              GError    **error);
PcUser                *pc_user_new_from_json                 (JsonObject *object,
                                                              GError    **error);
PcToken               *pc_token_new_from_json                (JsonObject *object,
                                                              GError    **error);
PcWorkspaceMembership *pc_workspace_membership_new_from_json (JsonObject *object,
                                                              GError    **error);
PcWorkspaceMember     *pc_workspace_member_new_from_json     (JsonObject *object,
                                                              GError    **error);
PcInvitation          *pc_invitation_new_from_json           (JsonObject *object,
                                                              GError    **error);
PcProfile             *pc_profile_new_from_json              (JsonObject *object,
                                                              GError    **error);
JsonNode              *pc_profile_changes_to_json            (PcProfileChanges *self);

G_END_DECLS
