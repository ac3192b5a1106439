/* pc-client-api.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 14 endpoints of the Auth API and the identity provider's password
 * sign-in, sign-up and emails, each an _async/_finish pair over
 * pc_client_send().
 */
#define G_LOG_DOMAIN "PcClient"

#include <glib/gi18n-lib.h>

#include "pc-client-private.h"
#include "pc-error.h"
#include "pc-json-private.h"
#include "pc-model-private.h"

/* Parsers: the envelope's result into what the task returns. */

static gpointer
parse_profile (JsonNode  *result,
               GError   **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, "Profile", error);
  return object ? pc_profile_new_from_json (object, error) : NULL;
}

static gpointer
parse_token (JsonNode  *result,
             GError   **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, "Token", error);
  return object ? pc_token_new_from_json (object, error) : NULL;
}

static gpointer
parse_invitation (JsonNode  *result,
                  GError   **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, "WorkspaceInvitation", error);
  return object ? pc_invitation_new_from_json (object, error) : NULL;
}

static gpointer
parse_member (JsonNode  *result,
              GError   **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, "WorkspaceMember", error);
  return object ? pc_workspace_member_new_from_json (object, error) : NULL;
}

typedef gpointer (*PcObjectParser) (JsonObject *object, GError **error);

/* A list is all or nothing: one unreadable item means the answer is not
 * what the contract says, and a list with holes would mislead. The
 * answer's array, each item an object, or %NULL. */
static JsonArray *
checked_list (JsonNode  *result,
              GError   **error)
{
  JsonArray *array;

  if (result == NULL || !JSON_NODE_HOLDS_ARRAY (result))
    {
      g_debug ("Expected a list");
      g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
      return NULL;
    }
  array = json_node_get_array (result);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      {
        g_debug ("List item %u is not an object", i);
        g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
        return NULL;
      }
  return array;
}

static GListModel *
parse_list (JsonNode       *result,
            GType           item_type,
            PcObjectParser  parse_item,
            GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GListStore) store = NULL;
  JsonArray *array = checked_list (result, error);
  guint length;

  if (array == NULL)
    return NULL;
  length = json_array_get_length (array);
  items = g_ptr_array_new_full (length, g_object_unref);
  for (guint i = 0; i < length; i++)
    {
      gpointer item = parse_item (json_array_get_object_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  store = g_list_store_new (item_type);
  /* One splice: one items-changed for the whole list. */
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

gpointer
pc_client_parse_token_list (JsonNode  *result,
                            GError   **error)
{
  return parse_list (result, PC_TYPE_TOKEN, (PcObjectParser) pc_token_new_from_json, error);
}

static gpointer
parse_invitation_list (JsonNode  *result,
                       GError   **error)
{
  return parse_list (result, PC_TYPE_INVITATION, (PcObjectParser) pc_invitation_new_from_json, error);
}

static gpointer
parse_nothing (JsonNode  *result,
               GError   **error)
{
  return GINT_TO_POINTER (TRUE);
}

static gpointer
parse_feedback_token (JsonNode  *result,
                      GError   **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, "CannySSOToken", error);
  const char *token;

  if (object == NULL || !pc_json_require_string (object, "CannySSOToken", "token", &token, error))
    return NULL;
  return g_strdup (token);
}

static gpointer
parse_sign_up (JsonNode  *result,
               GError   **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, "signUp", error);
  const char *id_token;

  if (object == NULL || !pc_json_require_string (object, "signUp", "idToken", &id_token, error))
    return NULL;
  return g_strdup (id_token);
}

static gpointer
parse_id_token (JsonNode  *result,
                GError   **error)
{
  JsonObject *object = pc_json_node_get_object_checked (result, "signInWithPassword", error);
  const char *id_token;

  if (object == NULL || !pc_json_require_string (object, "signInWithPassword", "idToken", &id_token, error))
    return NULL;
  return g_strdup (id_token);
}

static GTask *
new_task (PcClient            *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

static void
send_api (PcClient       *self,
          GTask          *task,
          const char     *method,
          GUri           *uri,
          JsonNode       *body,
          PcRequestFlags  extra_flags,
          PcParseFunc     parse,
          GDestroyNotify  destroy)
{
  pc_client_send (self, task, method, uri, body, PC_RESPONSE_ENVELOPE,
                  PC_REQUEST_AUTHENTICATED | extra_flags, parse, destroy);
}

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
  send_api (self, new_task (self, pc_client_get_profile_async, cancellable, callback, user_data),
            "GET", uri, NULL, 0, parse_profile, g_object_unref);
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
  send_api (self, new_task (self, pc_client_update_profile_async, cancellable, callback, user_data),
            "PATCH", uri, body, 0, parse_profile, g_object_unref);
}

PcProfile *
pc_client_update_profile_finish (PcClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_update_profile_async, error);
}

/* GET /auth/tokens */

void
pc_client_list_tokens_async (PcClient            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "tokens", NULL);
  /* A long list is parsed in two halves at once (pc_response_parse_list()),
   * as the app's first screen of a long list waits for it. */
  pc_client_send (self, new_task (self, pc_client_list_tokens_async, cancellable, callback, user_data),
                  "GET", uri, NULL, PC_RESPONSE_ENVELOPE_LIST, PC_REQUEST_AUTHENTICATED,
                  pc_client_parse_token_list, g_object_unref);
}

GListModel *
pc_client_list_tokens_finish (PcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_list_tokens_async, error);
}

/**
 * pc_client_json_free:
 * @node: (nullable): what pc_client_list_tokens_json_finish() returned
 *
 * Wipes the answer's strings, as the endpoints do once their models are
 * built, and lets go of it.
 */
void
pc_client_json_free (JsonNode *node)
{
  if (node == NULL)
    return;
  pc_json_node_wipe_strings (node);
  json_node_unref (node);
}

/* The checks pc_client_parse_token_list() makes, without the models: a list
 * of objects, each with an id. The answer itself is the value. */
static gpointer
parse_token_array (JsonNode  *result,
                   GError   **error)
{
  JsonArray *array = checked_list (result, error);
  const char *id;

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!pc_json_require_string (json_array_get_object_element (array, i), "Token", "id", &id, error))
      return NULL;
  return json_node_ref (result);
}

/**
 * pc_client_list_tokens_json_async:
 *
 * GET /auth/tokens as pc_client_list_tokens_async() sends it, through the
 * same checks (size, strict JSON, envelope, a list of objects with ids),
 * handing back the parsed array instead of building a PcToken for each
 * item. Fields are read as the models read them: a member of the wrong
 * type is absent.
 */
void
pc_client_list_tokens_json_async (PcClient            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "tokens", NULL);
  /* A long list is parsed in two halves at once (pc_response_parse_list()). */
  pc_client_send (self, new_task (self, pc_client_list_tokens_json_async, cancellable, callback, user_data),
                  "GET", uri, NULL, PC_RESPONSE_ENVELOPE_LIST, PC_REQUEST_AUTHENTICATED | PC_REQUEST_CALLER_WIPES,
                  parse_token_array, (GDestroyNotify) pc_client_json_free);
}

/**
 * pc_client_list_tokens_json_finish:
 *
 * Returns: (transfer full): the JSON array of the tokens; free it with
 *   pc_client_json_free(), which wipes its strings
 */
JsonNode *
pc_client_list_tokens_json_finish (PcClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_list_tokens_json_async, error);
}

/* GET /auth/tokens/{id} */

void
pc_client_get_token_async (PcClient            *self,
                           const char          *token_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (token_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "tokens", token_id, NULL);
  send_api (self, new_task (self, pc_client_get_token_async, cancellable, callback, user_data),
            "GET", uri, NULL, 0, parse_token, g_object_unref);
}

PcToken *
pc_client_get_token_finish (PcClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_get_token_async, error);
}

/* POST /auth/tokens */

void
pc_client_create_token_async (PcClient            *self,
                              const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  uri = pc_client_build_uri (self, "auth", "tokens", NULL);
  send_api (self, new_task (self, pc_client_create_token_async, cancellable, callback, user_data),
            "POST", uri, body, 0, parse_token, g_object_unref);
}

PcToken *
pc_client_create_token_finish (PcClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_create_token_async, error);
}

/* DELETE /auth/tokens/{id} */

void
pc_client_delete_token_async (PcClient            *self,
                              const char          *token_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (token_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  uri = pc_client_build_uri (self, "auth", "tokens", token_id, NULL);
  send_api (self, new_task (self, pc_client_delete_token_async, cancellable, callback, user_data),
            "DELETE", uri, NULL, 0, parse_nothing, NULL);
}

gboolean
pc_client_delete_token_finish (PcClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_delete_token_async, error);
}

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
  send_api (self, new_task (self, pc_client_list_invitations_async, cancellable, callback, user_data),
            "GET", uri, NULL, 0, parse_invitation_list, g_object_unref);
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
  send_api (self, new_task (self, pc_client_get_invitation_async, cancellable, callback, user_data),
            "GET", uri, NULL, 0, parse_invitation, g_object_unref);
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
  send_api (self, new_task (self, pc_client_accept_invitation_async, cancellable, callback, user_data),
            "POST", uri, NULL, 0, parse_member, g_object_unref);
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
  send_api (self, new_task (self, pc_client_decline_invitation_async, cancellable, callback, user_data),
            "DELETE", uri, NULL, 0, parse_nothing, NULL);
}

gboolean
pc_client_decline_invitation_finish (PcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_decline_invitation_async, error);
}

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
  pc_client_send (self, new_task (self, pc_client_login_async, cancellable, callback, user_data),
                  "POST", uri, body, PC_RESPONSE_ENVELOPE, PC_REQUEST_KEEP_COOKIE,
                  parse_profile, g_object_unref);
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
  send_api (self, new_task (self, pc_client_logout_async, cancellable, callback, user_data),
            "POST", uri, NULL, PC_REQUEST_END_SESSION, parse_nothing, NULL);
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
  send_api (self, new_task (self, pc_client_unregister_async, cancellable, callback, user_data),
            "POST", uri, NULL, PC_REQUEST_END_SESSION, parse_nothing, NULL);
}

gboolean
pc_client_unregister_finish (PcClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_unregister_async, error);
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
  send_api (self, new_task (self, pc_client_get_feedback_token_async, cancellable, callback, user_data),
            "GET", uri, NULL, 0, parse_feedback_token, g_free);
}

char *
pc_client_get_feedback_token_finish (PcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_get_feedback_token_async, error);
}

/* The identity provider: POST {idp}/v1/accounts:{method}?key={key}. FALSE
 * when the task was answered already (no provider, or a refused address). */
static gboolean
idp_uri (GTask       *task,
         const char  *idp_url,
         const char  *idp_key,
         const char  *method,
         GUri       **uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = pc_client_normalize_url (idp_url);
  g_autofree char *escaped_key = NULL;
  g_autofree char *address = NULL;

  /* Without a configured provider the password goes nowhere at all. */
  if (base == NULL || *base == '\0' || idp_key == NULL || *idp_key == '\0')
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_NO_IDP, "%s",
                               pc_error_code_describe (PC_ERROR_NO_IDP));
      return FALSE;
    }
  if (!pc_client_check_url (base, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return FALSE;
    }

  escaped_key = g_uri_escape_string (idp_key, NULL, FALSE);
  address = g_strdup_printf ("%s/v1/accounts:%s?key=%s", base, method, escaped_key);
  *uri = g_uri_parse (address, G_URI_FLAGS_ENCODED, NULL);
  if (*uri == NULL)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_URL, "%s",
                               pc_error_code_describe (PC_ERROR_INVALID_URL));
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
email_password_body (const char *email,
                     const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "returnSecureToken");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* POST {idp}/v1/accounts:signInWithPassword?key={key} */

void
pc_client_sign_in_with_password_async (PcClient            *self,
                                       const char          *idp_url,
                                       const char          *idp_key,
                                       const char          *email,
                                       const char          *password,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (self, pc_client_sign_in_with_password_async, cancellable, callback, user_data);
  if (!idp_uri (task, idp_url, idp_key, "signInWithPassword", &uri))
    return;
  body = email_password_body (email, password);
  pc_client_send (self, g_steal_pointer (&task), "POST", uri, body,
                  PC_RESPONSE_IDENTITY_PROVIDER, 0, parse_id_token, g_free);
}

char *
pc_client_sign_in_with_password_finish (PcClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_sign_in_with_password_async, error);
}

/* POST {idp}/v1/accounts:signUp?key={key}: a new account at the identity
 * provider (not yet in Pupil Cloud: that is a login of type register). */

void
pc_client_sign_up_async (PcClient            *self,
                         const char          *idp_url,
                         const char          *idp_key,
                         const char          *email,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (self, pc_client_sign_up_async, cancellable, callback, user_data);
  if (!idp_uri (task, idp_url, idp_key, "signUp", &uri))
    return;
  body = email_password_body (email, password);
  pc_client_send (self, g_steal_pointer (&task), "POST", uri, body,
                  PC_RESPONSE_IDENTITY_PROVIDER, 0, parse_sign_up, g_free);
}

char *
pc_client_sign_up_finish (PcClient      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_sign_up_async, error);
}

/* POST {idp}/v1/accounts:sendOobCode?key={key}; what the provider answers
 * besides success does not matter: nothing in it is shown. */
static void
send_oob_code (PcClient         *self,
               GTask            *task_in,
               const char       *idp_url,
               const char       *idp_key,
               const char       *request_type,
               const char       *member,
               const char       *value,
               PcResponseFormat  format)
{
  g_autoptr(GTask) task = task_in;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  if (!idp_uri (task, idp_url, idp_key, "sendOobCode", &uri))
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "requestType");
  json_builder_add_string_value (builder, request_type);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  pc_client_send (self, g_steal_pointer (&task), "POST", uri, body, format, 0, parse_nothing, NULL);
}

void
pc_client_send_verification_email_async (PcClient            *self,
                                         const char          *idp_url,
                                         const char          *idp_key,
                                         const char          *id_token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (id_token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_oob_code (self, new_task (self, pc_client_send_verification_email_async, cancellable, callback, user_data),
                 idp_url, idp_key, "VERIFY_EMAIL", "idToken", id_token, PC_RESPONSE_IDENTITY_PROVIDER);
}

gboolean
pc_client_send_verification_email_finish (PcClient      *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_send_verification_email_async, error);
}

/* An unknown address is answered as a known one: whether an address has
 * an account is not for whoever types it to learn. */
void
pc_client_send_password_reset_async (PcClient            *self,
                                     const char          *idp_url,
                                     const char          *idp_key,
                                     const char          *email,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_oob_code (self, new_task (self, pc_client_send_password_reset_async, cancellable, callback, user_data),
                 idp_url, idp_key, "PASSWORD_RESET", "email", email, PC_RESPONSE_IDENTITY_PROVIDER_RESET);
}

gboolean
pc_client_send_password_reset_finish (PcClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_send_password_reset_async, error);
}
