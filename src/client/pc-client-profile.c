/* pc-client-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signed-in person's profile: read it, change it, and the token that
 * signs them in to the feedback board.
 */
#define G_LOG_DOMAIN "PcClient"

#include "pc-client-private.h"
#include "pc-model-private.h"

static gpointer
parse_feedback_token (JsonNode  *result,
                      GError   **error)
{
  return pc_client_parse_string_member (result, "CannySSOToken", "token", error);
}

static const PcRequestKind profile_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, pc_client_parse_profile, g_object_unref,
};
static const PcRequestKind feedback_token_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, parse_feedback_token, g_free,
};

/* GET /auth/profile */

void
pc_client_get_profile_async (PcClient            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "profile", NULL);
  pc_client_call (self, pc_client_get_profile_async, "GET", uri, NULL, &profile_kind,
                  cancellable, callback, user_data);
}

PcProfile *
pc_client_get_profile_finish (PcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_get_profile_async, error);
}

/* PATCH /auth/profile */

void
pc_client_update_profile_async (PcClient            *self,
                                PcProfileChanges    *changes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (changes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "profile", NULL);
  body = pc_profile_changes_to_json (changes);
  pc_client_call (self, pc_client_update_profile_async, "PATCH", uri, body, &profile_kind,
                  cancellable, callback, user_data);
}

PcProfile *
pc_client_update_profile_finish (PcClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_update_profile_async, error);
}

/* GET /auth/canny-sso */

void
pc_client_get_feedback_token_async (PcClient            *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "canny-sso", NULL);
  pc_client_call (self, pc_client_get_feedback_token_async, "GET", uri, NULL, &feedback_token_kind,
                  cancellable, callback, user_data);
}

char *
pc_client_get_feedback_token_finish (PcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_get_feedback_token_async, error);
}
