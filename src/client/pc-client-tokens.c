/* pc-client-tokens.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The API tokens of the account: list them (as models, or through a
 * reader of the command line's), read, create and delete one.
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

static const PcModelList token_models = { pc_token_get_type, (PcObjectParser) pc_token_new_from_json };

gpointer
pc_client_parse_token_list (JsonNode  *result,
                            GError   **error)
{
  return pc_response_read_list_node (result, &pc_client_model_list_reader, &token_models, error);
}

static const PcRequestKind token_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, parse_token, g_object_unref,
};
/* Ten thousand tokens are 1.7 MB: read item by item, and a long list in
 * two parts at once (pc_response_read_list()), as the app's first screen
 * of a long list waits for it. */
static const PcRequestKind token_list_kind = {
  PC_RESPONSE_ENVELOPE, PC_REQUEST_AUTHENTICATED, NULL, NULL, &pc_client_model_list_reader, &token_models,
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
 * pc_client_read_tokens_async:
 * @reader: how the tokens become the task's value
 * @reader_data: what @reader's functions are given; it must live until
 *   the task is done
 *
 * GET /auth/tokens as pc_client_list_tokens_async() sends it, through the
 * same checks (size, strict JSON, envelope, a list of objects), with each
 * token handed to @reader instead of becoming a PcToken: see
 * pc_response_read_list(). @reader checks what the models would (an id).
 */
void
pc_client_read_tokens_async (PcClient            *self,
                             const PcListReader  *reader,
                             gconstpointer        reader_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;
  PcRequestKind kind = token_list_kind;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (reader != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  kind.list = reader;
  kind.list_data = reader_data;
  uri = pc_client_build_uri (self, "auth", "tokens", NULL);
  pc_client_call (self, pc_client_read_tokens_async, "GET", uri, NULL, &kind, cancellable, callback, user_data);
}

/**
 * pc_client_read_tokens_finish:
 *
 * Returns: (transfer full): what the reader made of the tokens; free it
 *   with the reader's free_value
 */
gpointer
pc_client_read_tokens_finish (PcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_read_tokens_async, error);
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
