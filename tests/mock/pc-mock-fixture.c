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

static GDateTime *
days_from_now (JsonObject *object,
               const char *member,
               int         sign)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (object == NULL || !json_object_has_member (object, member) ||
      json_object_get_null_member (object, member))
    return NULL;
  return g_date_time_add_seconds (now, sign * json_object_get_double_member (object, member) * 86400.0);
}

static char *
dup_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static JsonArray *
get_array (JsonObject *root,
           const char *member)
{
  JsonNode *node = json_object_get_member (root, member);
  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

#define FOREACH_OBJECT(root, member, object) \
  for (guint _i = 0, _n = get_array (root, member) ? json_array_get_length (get_array (root, member)) : 0; \
       _i < _n && ((object) = json_array_get_object_element (get_array (root, member), _i)) != NULL; _i++)

void
pc_mock_state_load (PcMockState *self,
                    JsonObject  *root)
{
  JsonObject *o;

  FOREACH_OBJECT (root, "users", o)
    {
      MockUser *u = g_new0 (MockUser, 1);
      u->id = dup_string (o, "id");
      u->uid = dup_string (o, "uid");
      u->email = dup_string (o, "email");
      u->password = dup_string (o, "password");
      u->name = dup_string (o, "name");
      u->photo_url = dup_string (o, "photo_url");
      u->provider = dup_string (o, "provider");
      u->default_workspace_id = dup_string (o, "default_workspace_id");
      u->onboarded_at = days_from_now (o, "onboarded_days_ago", -1);
      u->email_verified = json_object_get_boolean_member_with_default (o, "email_verified", FALSE);
      u->product_updates = json_object_get_boolean_member_with_default (o, "product_updates_subscribed", FALSE);
      g_ptr_array_add (self->users, u);
    }
  FOREACH_OBJECT (root, "workspaces", o)
    {
      MockWorkspace *w = g_new0 (MockWorkspace, 1);
      w->id = dup_string (o, "id");
      w->name = dup_string (o, "name");
      g_ptr_array_add (self->workspaces, w);
    }
  FOREACH_OBJECT (root, "memberships", o)
    {
      MockMembership *m = g_new0 (MockMembership, 1);
      m->user_id = dup_string (o, "user_id");
      m->workspace_id = dup_string (o, "workspace_id");
      m->role = dup_string (o, "role");
      m->created_at = days_from_now (o, "created_days_ago", -1);
      g_ptr_array_add (self->memberships, m);
    }
  FOREACH_OBJECT (root, "tokens", o)
    {
      MockToken *t = g_new0 (MockToken, 1);
      t->id = dup_string (o, "id");
      t->user_id = dup_string (o, "user_id");
      t->name = dup_string (o, "name");
      t->secret = dup_string (o, "token");
      t->created_at = days_from_now (o, "created_days_ago", -1);
      t->last_used_at = days_from_now (o, "last_used_days_ago", -1);
      t->expires_at = days_from_now (o, "expires_in_days", 1);
      pc_mock_state_track_token (self, t);
    }
  FOREACH_OBJECT (root, "invitations", o)
    {
      MockInvitation *i = g_new0 (MockInvitation, 1);
      i->id = dup_string (o, "id");
      i->token = dup_string (o, "token");
      i->email = dup_string (o, "email");
      i->role = dup_string (o, "role");
      i->workspace_id = dup_string (o, "workspace_id");
      i->created_by_user_id = dup_string (o, "created_by_user_id");
      i->created_at = days_from_now (o, "created_days_ago", -1);
      i->expires_at = days_from_now (o, "expires_in_days", 1);
      g_ptr_array_add (self->invitations, i);
    }
  FOREACH_OBJECT (root, "id_tokens", o)
    {
      MockIdToken *t = g_new0 (MockIdToken, 1);
      t->user_id = dup_string (o, "user_id");
      t->expires_at = days_from_now (o, "expires_in_days", 1);
      g_hash_table_insert (self->id_tokens, dup_string (o, "token"), t);
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

void
pc_mock_state_generate_invitations (PcMockState *self,
                                    const char  *email,
                                    guint        count)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  MockUser *u = pc_mock_state_find_user (self, NULL, email);
  MockUser *inviter = self->users->len > 1 ? g_ptr_array_index (self->users, 1) : u;

  g_return_if_fail (u != NULL);
  /* Numbered on from earlier calls: a test may add one while a client runs. */
  for (guint i = self->generated_invitations; i < self->generated_invitations + count; i++)
    {
      static const char *roles[] = { "VIEWER", "EDITOR", "ADMIN" };
      MockInvitation *inv = g_new0 (MockInvitation, 1);
      MockWorkspace *w = g_new0 (MockWorkspace, 1);

      w->id = g_strdup_printf ("generated-workspace-%05u", i + 1);
      w->name = g_strdup_printf ("Generated workspace %u", i + 1);
      g_ptr_array_add (self->workspaces, w);

      inv->id = g_strdup_printf ("generated-invitation-%05u", i + 1);
      inv->token = pc_mock_random_string ("invite-", 24);
      inv->email = g_strdup (u->email);
      inv->role = g_strdup (roles[i % G_N_ELEMENTS (roles)]);
      inv->workspace_id = g_strdup (w->id);
      inv->created_by_user_id = g_strdup (inviter->id);
      inv->created_at = g_date_time_ref (now);
      inv->expires_at = g_date_time_add_days (now, 1 + i % 7);
      g_ptr_array_add (self->invitations, inv);
    }
  self->generated_invitations += count;
}
static void
add_invitation (PcMockState *self,
                MockUser    *u,
                MockUser    *by,
                const char  *id,
                const char  *token,
                const char  *role,
                const char  *workspace_id,
                const char  *workspace_name,
                int          expires_in_days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  MockInvitation *inv = g_new0 (MockInvitation, 1);

  if (pc_mock_state_find_workspace (self, workspace_id) == NULL)
    {
      MockWorkspace *w = g_new0 (MockWorkspace, 1);
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
  inv->created_at = g_date_time_add_days (now, -1);
  inv->expires_at = g_date_time_add_days (now, expires_in_days);
  g_ptr_array_add (self->invitations, inv);
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
                  "f6a7b8c9-0000-4000-8000-000000000006", "Eye Lab", 4);
  add_invitation (self, u, by, "inv-0006", NULL, "EDITOR",
                  "a7b8c9d0-0000-4000-8000-000000000007", "Gaze Atlas", 6);
  add_invitation (self, u, by, NULL, NULL, "ADMIN",
                  "b8c9d0e1-0000-4000-8000-000000000008", "Field Trials", 6);
}
