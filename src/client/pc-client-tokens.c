/* pc-client-tokens.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The API tokens of the account: list them (as models, or as the checked
 * JSON for the command line), read, create and delete one.
 */
#define G_LOG_DOMAIN "PcClient"

#include "pc-client-private.h"
#include "pc-json-private.h"
#include "pc-model-private.h"

static gpointer
parse_token (JsonNode  *result,
             GError   **error)
{
  return pc_client_parse_object (result, "Token", (PcObjectParser) pc_token_new_from_json, error);
}

gpointer
pc_client_parse_token_list (JsonNode  *result,
                            GError   **error)
{
  return pc_client_parse_list (result, PC_TYPE_TOKEN, (PcObjectParser) pc_token_new_from_json, error);
}

/* The checks pc_client_parse_token_list() makes, without the models: a list
 * of objects, each with an id. The answer itself is the value. */
static gpointer
parse_token_array (JsonNode  *result,
                   GError   **error)
{
  JsonArray *array = pc_client_checked_list (result, error);
  const char *id;

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!pc_json_require_string (json_array_get_object_element (array, i), "Token", "id", &id, error))
      return NULL;
  return json_node_ref (result);
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

static const PcRequestKind token_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, parse_token, g_object_unref,
};
/* A long list is parsed in two halves at once (pc_response_parse_list()),
 * as the app's first screen of a long list waits for it. */
static const PcRequestKind token_list_kind = {
  PC_RESPONSE_ENVELOPE_LIST, PC_REQUEST_AUTHENTICATED, pc_client_parse_token_list, g_object_unref,
};
static const PcRequestKind token_json_kind = {
  PC_RESPONSE_ENVELOPE_LIST, PC_REQUEST_AUTHENTICATED | PC_REQUEST_CALLER_WIPES,
  parse_token_array, (GDestroyNotify) pc_client_json_free,
};

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
  pc_client_call (self, pc_client_list_tokens_async, "GET", uri, NULL, &token_list_kind,
                  cancellable, callback, user_data);
}

GListModel *
pc_client_list_tokens_finish (PcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_list_tokens_async, error);
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
  pc_client_call (self, pc_client_list_tokens_json_async, "GET", uri, NULL, &token_json_kind,
                  cancellable, callback, user_data);
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
  pc_client_call (self, pc_client_get_token_async, "GET", uri, NULL, &token_kind,
                  cancellable, callback, user_data);
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
  pc_client_call (self, pc_client_create_token_async, "POST", uri, body, &token_kind,
                  cancellable, callback, user_data);
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
  pc_client_call (self, pc_client_delete_token_async, "DELETE", uri, NULL, &pc_client_nothing_kind,
                  cancellable, callback, user_data);
}

gboolean
pc_client_delete_token_finish (PcClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return pc_client_task_finish_boolean (self, result, pc_client_delete_token_async, error);
}
