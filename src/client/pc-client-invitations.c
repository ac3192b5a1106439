/* pc-client-invitations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invitations to other workspaces: list them, read one, accept one
 * (which answers with the new membership) or decline it.
 */
#define G_LOG_DOMAIN "PcClient"

#include "pc-client-private.h"
#include "pc-json-private.h"
#include "pc-model-private.h"

static gpointer
parse_invitation (JsonNode  *result,
                  GError   **error)
{
  return pc_client_parse_object (result, "WorkspaceInvitation", (PcObjectParser) pc_invitation_new_from_json,
                                 error);
}

static const PcModelList invitation_models = {
  pc_invitation_get_type, (PcObjectParser) pc_invitation_new_from_json,
};

static gpointer
parse_member (JsonNode  *result,
              GError   **error)
{
  return pc_client_parse_object (result, "WorkspaceMember", (PcObjectParser) pc_workspace_member_new_from_json,
                                 error);
}

static const PcRequestKind invitation_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, parse_invitation, g_object_unref,
};
static const PcRequestKind invitation_list_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, NULL, NULL, &pc_client_model_list_reader, &invitation_models,
};
static const PcRequestKind member_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, parse_member, g_object_unref,
};

/* GET /auth/profile/invites */

void
pc_client_list_invitations_async (PcClient            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "profile", "invites", NULL);
  pc_client_call (self, pc_client_list_invitations_async, "GET", uri, NULL, &invitation_list_kind,
                  cancellable, callback, user_data);
}

GListModel *
pc_client_list_invitations_finish (PcClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_list_invitations_async, error);
}

/* GET /auth/profile/invites/{token} */

void
pc_client_get_invitation_async (PcClient            *self,
                                const char          *invitation_token,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (invitation_token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "profile", "invites", invitation_token, NULL);
  pc_client_call (self, pc_client_get_invitation_async, "GET", uri, NULL, &invitation_kind,
                  cancellable, callback, user_data);
}

PcInvitation *
pc_client_get_invitation_finish (PcClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_get_invitation_async, error);
}

/* POST /auth/profile/invites/{token}/accept */

void
pc_client_accept_invitation_async (PcClient            *self,
                                   const char          *invitation_token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (invitation_token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "profile", "invites", invitation_token, "accept", NULL);
  pc_client_call (self, pc_client_accept_invitation_async, "POST", uri, NULL, &member_kind,
                  cancellable, callback, user_data);
}

PcWorkspaceMember *
pc_client_accept_invitation_finish (PcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_accept_invitation_async, error);
}

/* DELETE /auth/profile/invites/{token} */

void
pc_client_decline_invitation_async (PcClient            *self,
                                    const char          *invitation_token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (invitation_token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "profile", "invites", invitation_token, NULL);
  pc_client_call (self, pc_client_decline_invitation_async, "DELETE", uri, NULL, &pc_client_nothing_kind,
                  cancellable, callback, user_data);
}

gboolean
pc_client_decline_invitation_finish (PcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_decline_invitation_async, error);
}
