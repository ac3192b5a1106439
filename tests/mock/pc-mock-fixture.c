/* pc-mock-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the mock starts with: the records of a fixture file (days counted
 * from now), and the worlds tests make on top: many tokens, many
 * invitations, invitations without an id or a token.
 */
#define G_LOG_DOMAIN "PcMock"

#include "pc-mock-state-private.h"

/* The records of @type in the array @member of @root, up to the first
 * item that is not an object. */
static GPtrArray *
read_records (JsonObject           *root,
              const char           *member,
              const MockRecordType *type)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  GPtrArray *records = g_ptr_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        break;
      g_ptr_array_add (records, pc_mock_record_read (type, json_node_get_object (item)));
    }
  return records;
}

void
pc_mock_state_load (PcMockState *self,
                    JsonObject  *root)
{
  g_autoptr(GPtrArray) tokens = read_records (root, "tokens", &pc_mock_token_type);
  g_autoptr(GPtrArray) id_tokens = read_records (root, "id_tokens", &pc_mock_id_token_type);

  g_ptr_array_extend_and_steal (self->users, read_records (root, "users", &pc_mock_user_type));
  g_ptr_array_extend_and_steal (self->workspaces, read_records (root, "workspaces", &pc_mock_workspace_type));
  g_ptr_array_extend_and_steal (self->memberships, read_records (root, "memberships", &pc_mock_membership_type));
  g_ptr_array_extend_and_steal (self->invitations, read_records (root, "invitations", &pc_mock_invitation_type));
  for (guint i = 0; i < tokens->len; i++)
    pc_mock_state_track_token (self, g_ptr_array_index (tokens, i));
  for (guint i = 0; i < id_tokens->len; i++)
    {
      MockIdToken *t = g_ptr_array_index (id_tokens, i);
      g_hash_table_replace (self->id_tokens, t->token, t);
    }
}

void
pc_mock_state_generate_tokens (PcMockState *self,
                               const char  *email,
                               guint        count)
{
  MockUser *u = pc_mock_state_find_user (self, NULL, email);

  g_return_if_fail (u != NULL);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("generated token %u", i + 1);
      MockToken *t = pc_mock_state_new_token (self, u, name);

      if (i % 3 != 0)
        t->last_used_at = g_date_time_add_days (t->created_at, -(gint) (i % 400));
    }
}

/* An invitation of @u to the workspace @workspace_id, made with its
 * @workspace_name unless it exists; @by may be NULL. */
static void
add_invitation (PcMockState *self,
                MockUser    *u,
                MockUser    *by,
                const char  *id,
                const char  *token,
                const char  *role,
                const char  *workspace_id,
                const char  *workspace_name,
                int          created_days_ago,
                int          expires_in_days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  MockInvitation *inv = pc_mock_record_new (&pc_mock_invitation_type);

  if (pc_mock_state_find_workspace (self, workspace_id) == NULL)
    {
      MockWorkspace *w = pc_mock_record_new (&pc_mock_workspace_type);
      w->id = g_strdup (workspace_id);
      w->name = g_strdup (workspace_name);
      g_ptr_array_add (self->workspaces, w);
    }
  inv->id = g_strdup (id);
  inv->token = g_strdup (token);
  inv->email = g_strdup (u->email);
  inv->role = g_strdup (role);
  inv->workspace_id = g_strdup (workspace_id);
  inv->created_by_user_id = by ? g_strdup (by->id) : NULL;
  inv->created_at = g_date_time_add_days (now, -created_days_ago);
  inv->expires_at = g_date_time_add_days (now, expires_in_days);
  g_ptr_array_add (self->invitations, inv);
}

void
pc_mock_state_generate_invitations (PcMockState *self,
                                    const char  *email,
                                    guint        count)
{
  MockUser *u = pc_mock_state_find_user (self, NULL, email);
  MockUser *inviter = self->users->len > 1 ? g_ptr_array_index (self->users, 1) : u;

  g_return_if_fail (u != NULL);
  /* Numbered on from earlier calls: a test may add one while a client runs. */
  for (guint i = self->generated_invitations; i < self->generated_invitations + count; i++)
    {
      static const char *roles[] = { "VIEWER", "EDITOR", "ADMIN" };
      g_autofree char *id = g_strdup_printf ("generated-invitation-%05u", i + 1);
      g_autofree char *token = pc_mock_random_string ("invite-", 24);
      g_autofree char *workspace_id = g_strdup_printf ("generated-workspace-%05u", i + 1);
      g_autofree char *workspace_name = g_strdup_printf ("Generated workspace %u", i + 1);

      add_invitation (self, u, inviter, id, token, roles[i % G_N_ELEMENTS (roles)], workspace_id, workspace_name,
                      0, 1 + i % 7);
    }
  self->generated_invitations += count;
}

/**
 * pc_mock_state_add_incomplete_invitations:
 *
 * Gives @email three invitations a real server might send: one without an
 * id, one without a token, one without either. They are for workspaces of
 * their own, so that answering them changes nothing else.
 */
void
pc_mock_state_add_incomplete_invitations (PcMockState *self,
                                          const char  *email)
{
  MockUser *u = pc_mock_state_find_user (self, NULL, email);
  MockUser *by = self->users->len > 1 ? g_ptr_array_index (self->users, 1) : NULL;

  g_return_if_fail (u != NULL);
  add_invitation (self, u, by, NULL, "invite-without-id-eyelab-6a1e", "VIEWER",
                  "f6a7b8c9-0000-4000-8000-000000000006", "Eye Lab", 1, 4);
  add_invitation (self, u, by, "inv-0006", NULL, "EDITOR",
                  "a7b8c9d0-0000-4000-8000-000000000007", "Gaze Atlas", 1, 6);
  add_invitation (self, u, by, NULL, NULL, "ADMIN",
                  "b8c9d0e1-0000-4000-8000-000000000008", "Field Trials", 1, 6);
}
