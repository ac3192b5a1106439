/* fuzz-model.c: one model's JSON parser, under libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once per model (FUZZ_MODEL names it). The input goes through the
 * choke point as the client's answers do (size and nesting checked), then
 * to the model's parser, which must make a model or an error of any JSON.
 */
#include "pc-client-private.h"
#include "pc-model-private.h"
#include "pc-response-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define PARSE_OBJECT(parse)                                              \
  G_STMT_START {                                                         \
    if (JSON_NODE_HOLDS_OBJECT (node))                                   \
      {                                                                  \
        g_autoptr(GObject) model =                                       \
          (GObject *) parse (json_node_get_object (node), &error);       \
        g_assert ((model == NULL) != (error == NULL));                   \
      }                                                                  \
  } G_STMT_END

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* The identity provider's format hands back the bare document. */
  node = pc_response_parse (PC_RESPONSE_IDENTITY_PROVIDER, 200, body, NULL);
  if (node == NULL)
    return 0;

#if defined(FUZZ_PROFILE)
  PARSE_OBJECT (pc_profile_new_from_json);
#elif defined(FUZZ_TOKEN)
  PARSE_OBJECT (pc_token_new_from_json);
#elif defined(FUZZ_INVITATION)
  PARSE_OBJECT (pc_invitation_new_from_json);
#elif defined(FUZZ_USER)
  PARSE_OBJECT (pc_user_new_from_json);
#elif defined(FUZZ_MEMBER)
  PARSE_OBJECT (pc_workspace_member_new_from_json);
#elif defined(FUZZ_MEMBERSHIP)
  PARSE_OBJECT (pc_workspace_membership_new_from_json);
#elif defined(FUZZ_SUMMARY)
  PARSE_OBJECT (pc_workspace_summary_new_from_json);
#elif defined(FUZZ_TOKEN_LIST)
  {
    g_autoptr(GListModel) list = pc_client_parse_token_list (node, &error);
    g_assert ((list == NULL) != (error == NULL));
  }
#else
#error "Name a model with FUZZ_..."
#endif
  return 0;
}
