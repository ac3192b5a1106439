/* pc-client-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session with Pupil Cloud: sign in with an identity provider's ID
 * token (which starts the session cookie), sign out, and delete the
 * account (which ends the session too).
 */
#define G_LOG_DOMAIN "PcClient"

#include "pc-client-private.h"

/* No credentials are sent: the ID token in the body is what signs in. */
static const PcRequestKind login_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_KEEP_COOKIE, pc_client_parse_profile, g_object_unref,
};
static const PcRequestKind end_session_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED | PC_REQUEST_END_SESSION,
  pc_client_parse_nothing, NULL,
};

/* POST /auth/login */

void
pc_client_login_async (PcClient            *self,
                       const char          *id_token,
                       PcLoginType          type,
                       gboolean             product_updates_subscribed,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *csrf_token = pc_client_new_csrf_token ();

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (id_token != NULL);
  g_return_if_fail (type == PC_LOGIN_TYPE_LOGIN || type == PC_LOGIN_TYPE_REGISTER);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id_token");
  json_builder_add_string_value (builder, id_token);
  json_builder_set_member_name (builder, "csrf_token");
  json_builder_add_string_value (builder, csrf_token);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type == PC_LOGIN_TYPE_REGISTER ? "register" : "login");
  /* The choice is made when the account is created; a sign-in leaves it. */
  if (type == PC_LOGIN_TYPE_REGISTER)
    {
      json_builder_set_member_name (builder, "product_updates_subscribed");
      json_builder_add_boolean_value (builder, product_updates_subscribed);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  uri = pc_client_build_uri (self, "auth", "login", NULL);
  pc_client_call (self, pc_client_login_async, "POST", uri, body, &login_kind,
                  cancellable, callback, user_data);
}

PcProfile *
pc_client_login_finish (PcClient      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_login_async, error);
}

/* POST /auth/logout */

void
pc_client_logout_async (PcClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "logout", NULL);
  pc_client_call (self, pc_client_logout_async, "POST", uri, NULL, &end_session_kind,
                  cancellable, callback, user_data);
}

gboolean
pc_client_logout_finish (PcClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_logout_async, error);
}

/* POST /auth/unregister */

void
pc_client_unregister_async (PcClient            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "unregister", NULL);
  pc_client_call (self, pc_client_unregister_async, "POST", uri, NULL, &end_session_kind,
                  cancellable, callback, user_data);
}

gboolean
pc_client_unregister_finish (PcClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_unregister_async, error);
}
