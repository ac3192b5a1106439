/* pc-mock-auth-api.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Auth API's rules: who a request is from, and what each endpoint
 * does and answers.
 */
#define G_LOG_DOMAIN "PcMock"

#include <string.h>

#include "pc-mock-state-private.h"

static MockMembership *
find_membership (PcMockState *self,
                 const char  *user_id,
                 const char  *workspace_id)
{
  return pc_mock_find_record (self->memberships, G_STRUCT_OFFSET (MockMembership, user_id), user_id,
                              G_STRUCT_OFFSET (MockMembership, workspace_id), workspace_id);
}

/* Authentication */

static MockUser *
authenticate (PcMockState *self,
              const char  *api_key,
              const char  *workspace_id,
              const char  *session,
              PcMockReply *reply)
{
  MockUser *user = NULL;

  if (api_key != NULL)
    {
      MockToken *t = g_hash_table_lookup (self->token_by_secret, api_key);

      if (t != NULL && pc_mock_has_expired (t->expires_at))
        {
          pc_mock_reply_error (reply, 403, "This API token has expired");
          return NULL;
        }
      if (t != NULL)
        {
          user = pc_mock_state_find_user (self, t->user_id, NULL);
          g_clear_pointer (&t->last_used_at, g_date_time_unref);
          t->last_used_at = g_date_time_new_now_utc ();
        }
    }
  else if (session != NULL)
    {
      const char *user_id = g_hash_table_lookup (self->sessions, session);
      user = user_id ? pc_mock_state_find_user (self, user_id, NULL) : NULL;
    }

  if (user == NULL)
    {
      pc_mock_reply_error (reply, 401, "Authentication is required");
      return NULL;
    }

  if (workspace_id != NULL && g_strcmp0 (workspace_id, "default") != 0 &&
      find_membership (self, user->id, workspace_id) == NULL)
    {
      pc_mock_reply_error (reply, 403, "You are not a member of this workspace");
      return NULL;
    }

  return user;
}

/* Endpoints */

/* A person's or a token's name, trimmed; NULL, with the error in @reply,
 * unless @name is a string of 1 to 100 characters once trimmed. */
static char *
dup_valid_name (JsonNode    *name,
                const char  *not_a_string,
                PcMockReply *reply)
{
  g_autofree char *trimmed = NULL;

  if (name == NULL || json_node_get_value_type (name) != G_TYPE_STRING)
    {
      pc_mock_reply_error (reply, 400, not_a_string);
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (json_node_get_string (name)));
  if (*trimmed == '\0' || g_utf8_strlen (trimmed, -1) > 100)
    {
      pc_mock_reply_error (reply, 400, "name must have 1 to 100 characters");
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

static void
patch_profile (PcMockState *self,
               MockUser    *u,
               JsonNode    *body,
               PcMockReply *reply)
{
  g_autofree char *name = NULL;
  JsonObject *o;
  JsonNode *n;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      pc_mock_reply_error (reply, 400, "The body must be a JSON object");
      return;
    }
  o = json_node_get_object (body);

  /* Validate everything before changing anything. */
  n = json_object_get_member (o, "name");
  if (n != NULL && (name = dup_valid_name (n, "name must be a string", reply)) == NULL)
    return;
  if ((n = json_object_get_member (o, "photo_url")) != NULL && !JSON_NODE_HOLDS_NULL (n) &&
      (json_node_get_value_type (n) != G_TYPE_STRING ||
       !g_str_has_prefix (json_node_get_string (n), "https://")))
    {
      pc_mock_reply_error (reply, 400, "photo_url must be an https address or null");
      return;
    }
  if ((n = json_object_get_member (o, "product_updates_subscribed")) != NULL &&
      json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      pc_mock_reply_error (reply, 400, "product_updates_subscribed must be a boolean");
      return;
    }
  if ((n = json_object_get_member (o, "onboarded")) != NULL && json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      pc_mock_reply_error (reply, 400, "onboarded must be a boolean");
      return;
    }

  if (name != NULL)
    {
      g_free (u->name);
      u->name = g_steal_pointer (&name);
    }
  if ((n = json_object_get_member (o, "photo_url")) != NULL)
    {
      g_free (u->photo_url);
      u->photo_url = JSON_NODE_HOLDS_NULL (n) ? NULL : g_strdup (json_node_get_string (n));
    }
  if ((n = json_object_get_member (o, "product_updates_subscribed")) != NULL)
    u->product_updates = json_node_get_boolean (n);
  if ((n = json_object_get_member (o, "onboarded")) != NULL && json_node_get_boolean (n) &&
      u->onboarded_at == NULL)
    u->onboarded_at = g_date_time_new_now_utc ();

  pc_mock_reply_result (reply, pc_mock_json_profile (self, u));
}

static void
list_tokens (PcMockState *self,
             MockUser    *u,
             PcMockReply *reply)
{
  g_autoptr(JsonBuilder) b = pc_mock_json_builder_new (self);

  json_builder_begin_array (b);
  for (guint i = 0; i < self->tokens->len; i++)
    {
      MockToken *t = g_ptr_array_index (self->tokens, i);
      if (g_strcmp0 (t->user_id, u->id) == 0)
        pc_mock_json_build_token (b, t, FALSE);
    }
  json_builder_end_array (b);
  pc_mock_reply_result (reply, json_builder_get_root (b));
}

static void
create_token (PcMockState *self,
              MockUser    *u,
              JsonNode    *body,
              PcMockReply *reply)
{
  JsonNode *node = NULL;
  g_autofree char *name = NULL;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    node = json_object_get_member (json_node_get_object (body), "name");
  if ((name = dup_valid_name (node, "name is required", reply)) != NULL)
    pc_mock_reply_result (reply, pc_mock_json_token (self, pc_mock_state_new_token (self, u, name), TRUE));
}

static void
list_invitations (PcMockState *self,
                  MockUser    *u,
                  PcMockReply *reply)
{
  g_autoptr(JsonBuilder) b = pc_mock_json_builder_new (self);

  json_builder_begin_array (b);
  for (guint i = 0; i < self->invitations->len; i++)
    {
      MockInvitation *inv = g_ptr_array_index (self->invitations, i);
      if (g_ascii_strcasecmp (inv->email, u->email) == 0)
        pc_mock_json_build_invitation (self, b, inv);
    }
  json_builder_end_array (b);
  pc_mock_reply_result (reply, json_builder_get_root (b));
}

static void
accept_invitation (PcMockState    *self,
                   MockUser       *u,
                   MockInvitation *inv,
                   PcMockReply    *reply)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonBuilder) b = pc_mock_json_builder_new (self);
  MockMembership *m;

  if (pc_mock_has_expired (inv->expires_at))
    {
      pc_mock_reply_error (reply, 410, "This invitation has expired");
      return;
    }
  if (find_membership (self, u->id, inv->workspace_id) != NULL)
    {
      pc_mock_reply_error (reply, 409, "Member already member of workspace");
      return;
    }

  m = pc_mock_record_new (&pc_mock_membership_type);
  m->user_id = g_strdup (u->id);
  m->workspace_id = g_strdup (inv->workspace_id);
  m->role = g_strdup (inv->role);
  m->created_at = g_date_time_ref (now);
  g_ptr_array_add (self->memberships, m);

  json_builder_begin_object (b);
  pc_mock_json_add_date (b, "created_at", now);
  pc_mock_json_add_date (b, "updated_at", now);
  pc_mock_json_add_string (b, "role", m->role);
  pc_mock_json_add_string (b, "user_id", m->user_id);
  pc_mock_json_add_string (b, "workspace_id", m->workspace_id);
  json_builder_set_member_name (b, "user");
  pc_mock_json_build_user (b, u);
  json_builder_end_object (b);

  g_ptr_array_remove (self->invitations, inv);
  pc_mock_reply_result (reply, json_builder_get_root (b));
}

static void
login (PcMockState *self,
       JsonNode    *body,
       PcMockReply *reply)
{
  const char *id_token = pc_mock_body_string (body, "id_token");
  const char *csrf = pc_mock_body_string (body, "csrf_token");
  const char *type = pc_mock_body_string (body, "type");
  MockIdToken *t;
  MockUser *u;
  char *cookie;

  if (id_token == NULL || csrf == NULL || type == NULL)
    {
      pc_mock_reply_error (reply, 400, "csrf_token, id_token and type are required");
      return;
    }
  if (strlen (csrf) < 16)
    {
      pc_mock_reply_error (reply, 400, "Invalid CSRF token");
      return;
    }
  if (!g_str_equal (type, "login") && !g_str_equal (type, "register"))
    {
      pc_mock_reply_error (reply, 400, "type must be login or register");
      return;
    }
  t = g_hash_table_lookup (self->id_tokens, id_token);
  if (t == NULL || (u = pc_mock_state_find_user (self, t->user_id, NULL)) == NULL)
    {
      pc_mock_reply_error (reply, 401, "Invalid token");
      return;
    }
  if (pc_mock_has_expired (t->expires_at))
    {
      pc_mock_reply_error (reply, 403, "Token expired");
      return;
    }
  /* An account at the identity provider only: registering makes it one
   * in Pupil Cloud, with the person's choice about product news. */
  if (u->unregistered && !g_str_equal (type, "register"))
    {
      pc_mock_reply_error (reply, 401, "No Pupil Cloud account for this user; register first");
      return;
    }
  if (u->unregistered)
    {
      u->unregistered = FALSE;
      u->product_updates =
        json_object_get_boolean_member_with_default (json_node_get_object (body), "product_updates_subscribed", FALSE);
    }

  cookie = pc_mock_random_string ("", 48);
  g_hash_table_insert (self->sessions, cookie, g_strdup (u->id));
  g_ptr_array_add (self->issued, g_strdup (cookie));
  reply->set_cookie = g_strdup_printf ("%s=%s; Path=/; HttpOnly; SameSite=Lax",
                                       pc_mock_state_get_cookie_name (self), cookie);
  pc_mock_reply_result (reply, pc_mock_json_profile (self, u));
}

static void
remove_user (PcMockState *self,
             MockUser    *u)
{
  GHashTableIter iter;
  gpointer value;

  for (guint i = self->tokens->len; i > 0; i--)
    {
      MockToken *t = g_ptr_array_index (self->tokens, i - 1);
      if (g_strcmp0 (t->user_id, u->id) == 0)
        pc_mock_state_remove_token (self, t);
    }
  for (guint i = self->memberships->len; i > 0; i--)
    {
      MockMembership *m = g_ptr_array_index (self->memberships, i - 1);
      if (g_strcmp0 (m->user_id, u->id) == 0)
        g_ptr_array_remove_index (self->memberships, i - 1);
    }
  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (value, u->id) == 0)
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, self->id_tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((MockIdToken *) value)->user_id, u->id) == 0)
      g_hash_table_iter_remove (&iter);
  g_ptr_array_remove (self->users, u);
}

void
pc_mock_state_handle (PcMockState *self,
                      const char  *method,
                      const char  *path,
                      const char  *api_key,
                      const char  *workspace_id,
                      const char  *session,
                      JsonNode    *body,
                      PcMockReply *reply)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  gboolean is_get = g_str_equal (method, "GET");
  gboolean is_post = g_str_equal (method, "POST");
  gboolean is_delete = g_str_equal (method, "DELETE");
  MockUser *u;

  /* parts[0] is the empty string before the first slash. */
  if (n < 3 || *parts[0] != '\0' || !g_str_equal (parts[1], "auth"))
    {
      pc_mock_reply_error (reply, 404, "Not found");
      return;
    }

  /* The two endpoints without authentication. */
  if (n == 3 && g_str_equal (parts[2], "login"))
    {
      if (is_post)
        login (self, body, reply);
      else
        pc_mock_reply_error (reply, 405, "Method not allowed");
      return;
    }
  if (n == 3 && g_str_equal (parts[2], "logout"))
    {
      const char *user_id = session ? g_hash_table_lookup (self->sessions, session) : NULL;

      if (!is_post)
        {
          pc_mock_reply_error (reply, 405, "Method not allowed");
          return;
        }
      u = user_id ? pc_mock_state_find_user (self, user_id, NULL) : NULL;
      pc_mock_reply_result (reply, u ? pc_mock_json_profile (self, u) : NULL);
      reply->set_cookie = g_strdup_printf ("%s=; Path=/; HttpOnly; Max-Age=0", pc_mock_state_get_cookie_name (self));
      if (session != NULL)
        g_hash_table_remove (self->sessions, session);
      return;
    }

  if ((u = authenticate (self, api_key, workspace_id, session, reply)) == NULL)
    return;

  if (n == 3 && g_str_equal (parts[2], "profile"))
    {
      if (is_get)
        pc_mock_reply_result (reply, pc_mock_json_profile (self, u));
      else if (g_str_equal (method, "PATCH"))
        patch_profile (self, u, body, reply);
      else
        pc_mock_reply_error (reply, 405, "Method not allowed");
    }
  else if (n == 3 && g_str_equal (parts[2], "tokens"))
    {
      if (is_get)
        list_tokens (self, u, reply);
      else if (is_post)
        create_token (self, u, body, reply);
      else
        pc_mock_reply_error (reply, 405, "Method not allowed");
    }
  else if (n == 4 && g_str_equal (parts[2], "tokens"))
    {
      MockToken *t = pc_mock_find_record (self->tokens, G_STRUCT_OFFSET (MockToken, id), parts[3],
                                          G_STRUCT_OFFSET (MockToken, user_id), u->id);

      if (t == NULL)
        pc_mock_reply_error (reply, 404, "No such token");
      else if (is_get)
        pc_mock_reply_result (reply, pc_mock_json_token (self, t, FALSE));
      else if (is_delete)
        {
          pc_mock_reply_result (reply, pc_mock_json_token (self, t, FALSE));
          pc_mock_state_remove_token (self, t);
        }
      else
        pc_mock_reply_error (reply, 405, "Method not allowed");
    }
  else if (n == 4 && g_str_equal (parts[2], "profile") && g_str_equal (parts[3], "invites"))
    {
      if (is_get)
        list_invitations (self, u, reply);
      else
        pc_mock_reply_error (reply, 405, "Method not allowed");
    }
  else if ((n == 5 || n == 6) && g_str_equal (parts[2], "profile") && g_str_equal (parts[3], "invites"))
    {
      g_autofree char *token = g_uri_unescape_string (parts[4], NULL);
      gsize by_token = G_STRUCT_OFFSET (MockInvitation, token);
      MockInvitation *inv = NULL;

      if (token != NULL)
        inv = pc_mock_find_record (self->invitations, by_token, token, PC_MOCK_NO_FIELD, NULL);

      if (n == 6 && !g_str_equal (parts[5], "accept"))
        pc_mock_reply_error (reply, 404, "Not found");
      else if (inv == NULL)
        pc_mock_reply_error (reply, 404, "No such invitation");
      else if (n == 6 && is_post)
        accept_invitation (self, u, inv, reply);
      else if (n == 5 && is_get)
        {
          g_autoptr(JsonBuilder) b = pc_mock_json_builder_new (self);
          pc_mock_json_build_invitation (self, b, inv);
          pc_mock_reply_result (reply, json_builder_get_root (b));
        }
      else if (n == 5 && is_delete)
        {
          g_ptr_array_remove (self->invitations, inv);
          pc_mock_reply_result (reply, NULL);
          pc_mock_reply_void (self, reply);
        }
      else
        pc_mock_reply_error (reply, 405, "Method not allowed");
    }
  else if (n == 3 && g_str_equal (parts[2], "canny-sso"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *token = pc_mock_random_string ("canny.", 32);
      g_ptr_array_add (self->issued, g_strdup (token));

      if (!is_get)
        {
          pc_mock_reply_error (reply, 405, "Method not allowed");
          return;
        }
      json_builder_begin_object (b);
      pc_mock_json_add_string (b, "token", token);
      json_builder_end_object (b);
      pc_mock_reply_result (reply, json_builder_get_root (b));
    }
  else if (n == 3 && g_str_equal (parts[2], "unregister"))
    {
      if (!is_post)
        {
          pc_mock_reply_error (reply, 405, "Method not allowed");
          return;
        }
      remove_user (self, u);
      pc_mock_reply_result (reply, NULL);
      pc_mock_reply_void (self, reply);
    }
  else
    pc_mock_reply_error (reply, 404, "Not found");
}
