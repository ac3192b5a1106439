/* pc-client-idp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The identity provider (Firebase-shaped, at an address and with a key
 * that are settings): sign in or sign up with an email and a password,
 * which answers with the ID token that POST /auth/login takes, and the
 * emails it sends (the address's confirmation, a password reset).
 */
#define G_LOG_DOMAIN "PcClient"

#include "pc-client-private.h"
#include "pc-error.h"
#include "pc-json-private.h"

static gpointer
parse_sign_in (JsonNode  *result,
               GError   **error)
{
  return pc_client_parse_string_member (result, "signInWithPassword", "idToken", error);
}

static gpointer
parse_sign_up (JsonNode  *result,
               GError   **error)
{
  return pc_client_parse_string_member (result, "signUp", "idToken", error);
}

/* A request to the provider: its method (POST {idp}/v1/accounts:{method})
 * and how it is made and read. The provider gets none of the Pupil Cloud
 * credentials. */
typedef struct
{
  const char *method;
  PcRequestKind kind;
} IdpCall;

static const IdpCall sign_in_call = {
  "signInWithPassword", { PC_RESPONSE_IDENTITY_PROVIDER, 0, parse_sign_in, g_free },
};
static const IdpCall sign_up_call = {
  "signUp", { PC_RESPONSE_IDENTITY_PROVIDER, 0, parse_sign_up, g_free },
};
/* What the provider answers besides success does not matter: nothing in
 * it is shown. */
static const IdpCall verification_email_call = {
  "sendOobCode", { PC_RESPONSE_IDENTITY_PROVIDER, 0, pc_client_parse_nothing, NULL },
};
/* An unknown address is answered as a known one: whether an address has
 * an account is not for whoever types it to learn. */
static const IdpCall password_reset_call = {
  "sendOobCode", { PC_RESPONSE_IDENTITY_PROVIDER_RESET, 0, pc_client_parse_nothing, NULL },
};

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

/* Starts a task of @source_tag and sends @body_in (taken) as @call says.
 * The body holds a password or an ID token: its strings are wiped whether
 * it goes or not. */
static void
call_idp (PcClient            *self,
          gpointer             source_tag,
          const IdpCall       *call,
          const char          *idp_url,
          const char          *idp_key,
          JsonNode            *body_in,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = pc_client_task_new (self, source_tag, cancellable, callback, user_data);
  g_autoptr(JsonNode) body = body_in;
  g_autoptr(GUri) uri = NULL;

  if (!idp_uri (task, idp_url, idp_key, call->method, &uri))
    {
      pc_json_node_wipe_strings (body);
      return;
    }
  pc_client_send (self, g_steal_pointer (&task), "POST", uri, body, &call->kind);
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

/* The body of POST {idp}/v1/accounts:sendOobCode: the kind of email, and
 * whom it is for. */
static JsonNode *
email_request_body (const char *request_type,
                    const char *member,
                    const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "requestType");
  json_builder_add_string_value (builder, request_type);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
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
  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  call_idp (self, pc_client_sign_in_with_password_async, &sign_in_call, idp_url, idp_key,
            email_password_body (email, password), cancellable, callback, user_data);
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
  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  call_idp (self, pc_client_sign_up_async, &sign_up_call, idp_url, idp_key,
            email_password_body (email, password), cancellable, callback, user_data);
}

char *
pc_client_sign_up_finish (PcClient      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_sign_up_async, error);
}

/* POST {idp}/v1/accounts:sendOobCode?key={key}, VERIFY_EMAIL */

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

  call_idp (self, pc_client_send_verification_email_async, &verification_email_call, idp_url, idp_key,
            email_request_body ("VERIFY_EMAIL", "idToken", id_token), cancellable, callback, user_data);
}

gboolean
pc_client_send_verification_email_finish (PcClient      *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_send_verification_email_async, error);
}

/* POST {idp}/v1/accounts:sendOobCode?key={key}, PASSWORD_RESET */

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

  call_idp (self, pc_client_send_password_reset_async, &password_reset_call, idp_url, idp_key,
            email_request_body ("PASSWORD_RESET", "email", email), cancellable, callback, user_data);
}

gboolean
pc_client_send_password_reset_finish (PcClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_send_password_reset_async, error);
}
