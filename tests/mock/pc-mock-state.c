/* pc-mock-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mock cloud's records and what tests ask of them. The Auth API's
 * rules are in pc-mock-auth-api.c, the identity provider's in
 * pc-mock-idp.c, their JSON in pc-mock-json.c, and what a fixture holds
 * in pc-mock-fixture.c.
 */
#define G_LOG_DOMAIN "PcMock"

#include "pc-mock-state-private.h"

static void
user_free (MockUser *u)
{
  g_free (u->id);
  g_free (u->uid);
  g_free (u->email);
  g_free (u->password);
  g_free (u->name);
  g_free (u->photo_url);
  g_free (u->provider);
  g_free (u->default_workspace_id);
  g_clear_pointer (&u->onboarded_at, g_date_time_unref);
  g_free (u);
}

static void
workspace_free (MockWorkspace *w)
{
  g_free (w->id);
  g_free (w->name);
  g_free (w);
}

static void
membership_free (MockMembership *m)
{
  g_free (m->user_id);
  g_free (m->workspace_id);
  g_free (m->role);
  g_clear_pointer (&m->created_at, g_date_time_unref);
  g_free (m);
}

static void
token_free (MockToken *t)
{
  g_free (t->id);
  g_free (t->user_id);
  g_free (t->name);
  g_free (t->secret);
  g_clear_pointer (&t->created_at, g_date_time_unref);
  g_clear_pointer (&t->last_used_at, g_date_time_unref);
  g_clear_pointer (&t->expires_at, g_date_time_unref);
  g_free (t);
}

static void
invitation_free (MockInvitation *i)
{
  g_free (i->id);
  g_free (i->token);
  g_free (i->email);
  g_free (i->role);
  g_free (i->workspace_id);
  g_free (i->created_by_user_id);
  g_clear_pointer (&i->created_at, g_date_time_unref);
  g_clear_pointer (&i->expires_at, g_date_time_unref);
  g_free (i);
}

static void
id_token_free (MockIdToken *t)
{
  g_free (t->user_id);
  g_clear_pointer (&t->expires_at, g_date_time_unref);
  g_free (t);
}

void
pc_mock_reply_clear (PcMockReply *reply)
{
  g_clear_pointer (&reply->result, json_node_unref);
  g_clear_pointer (&reply->message, g_free);
  g_clear_pointer (&reply->set_cookie, g_free);
  reply->status = 0;
}

void
pc_mock_reply_error (PcMockReply *reply,
                     guint        status,
                     const char  *message)
{
  reply->status = status;
  reply->message = g_strdup (message);
}

void
pc_mock_reply_result (PcMockReply *reply,
                      JsonNode    *result)
{
  reply->status = 200;
  reply->result = result;
}

/* The seed documents two endpoints as "void (empty response body)": in
 * the seed-only world they answer 204 with no body at all. */
void
pc_mock_reply_void (PcMockState *self,
                    PcMockReply *reply)
{
  if (self->seed_only)
    reply->status = 204;
}

/* Random ids and secrets: the mock is a test server, but its secrets must
 * still be unguessable enough that a test cannot pass by accident. */
char *
pc_mock_random_string (const char *prefix,
                       guint       n_chars)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  GString *out = g_string_new (prefix);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (out, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (out, FALSE);
}

void
pc_mock_state_track_token (PcMockState *self,
                           MockToken   *token)
{
  g_ptr_array_add (self->tokens, token);
  g_hash_table_insert (self->token_by_secret, token->secret, token);
  g_ptr_array_add (self->issued, g_strdup (token->secret));
}

PcMockState *
pc_mock_state_new (const char  *fixture,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  PcMockState *self;
  JsonObject *root;

  if (!json_parser_load_from_data (parser, fixture, length, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The fixture is not an object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  self = g_new0 (PcMockState, 1);
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify) user_free);
  self->workspaces = g_ptr_array_new_with_free_func ((GDestroyNotify) workspace_free);
  self->memberships = g_ptr_array_new_with_free_func ((GDestroyNotify) membership_free);
  self->issued = g_ptr_array_new_with_free_func (g_free);
  self->tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) token_free);
  self->token_by_secret = g_hash_table_new (g_str_hash, g_str_equal);
  self->invitations = g_ptr_array_new_with_free_func ((GDestroyNotify) invitation_free);
  self->id_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) id_token_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sent_emails = g_ptr_array_new_with_free_func (g_free);

  pc_mock_state_load (self, root);
  return self;
}

void
pc_mock_state_free (PcMockState *self)
{
  g_ptr_array_unref (self->users);
  g_ptr_array_unref (self->workspaces);
  g_ptr_array_unref (self->memberships);
  g_hash_table_unref (self->token_by_secret);
  g_ptr_array_unref (self->tokens);
  g_ptr_array_unref (self->invitations);
  g_ptr_array_unref (self->issued);
  g_hash_table_unref (self->id_tokens);
  g_hash_table_unref (self->sessions);
  g_ptr_array_unref (self->sent_emails);
  g_free (self->sent_emails_path);
  g_free (self->next_idp_error);
  g_free (self);
}

/* Look-ups */

MockUser *
pc_mock_state_find_user (PcMockState *self,
                         const char  *id,
                         const char  *email)
{
  for (guint i = 0; i < self->users->len; i++)
    {
      MockUser *u = g_ptr_array_index (self->users, i);
      if ((id && g_strcmp0 (u->id, id) == 0) || (email && g_ascii_strcasecmp (u->email, email) == 0))
        return u;
    }
  return NULL;
}

MockWorkspace *
pc_mock_state_find_workspace (PcMockState *self,
                              const char  *id)
{
  for (guint i = 0; i < self->workspaces->len; i++)
    {
      MockWorkspace *w = g_ptr_array_index (self->workspaces, i);
      if (g_strcmp0 (w->id, id) == 0)
        return w;
    }
  return NULL;
}

MockToken *
pc_mock_state_new_token (PcMockState *self,
                         MockUser    *u,
                         const char  *name)
{
  MockToken *t = g_new0 (MockToken, 1);

  t->id = g_strdup_printf ("tok-%06" G_GUINT64_FORMAT, ++self->serial);
  t->user_id = g_strdup (u->id);
  t->name = g_strstrip (g_strdup (name));
  t->secret = pc_mock_random_string ("pc_", 40);
  t->created_at = g_date_time_new_now_utc ();
  pc_mock_state_track_token (self, t);
  return t;
}

void
pc_mock_state_remove_token (PcMockState *self,
                            MockToken   *t)
{
  g_hash_table_remove (self->token_by_secret, t->secret);
  g_ptr_array_remove (self->tokens, t);
}

char *
pc_mock_state_add_token (PcMockState *self,
                         const char  *email,
                         const char  *name)
{
  MockUser *u = pc_mock_state_find_user (self, NULL, email);

  g_return_val_if_fail (u != NULL, NULL);
  return g_strdup (pc_mock_state_new_token (self, u, name)->secret);
}

guint
pc_mock_state_count_tokens (PcMockState *self,
                            const char  *email)
{
  MockUser *u = pc_mock_state_find_user (self, NULL, email);
  guint count = 0;

  for (guint i = 0; u != NULL && i < self->tokens->len; i++)
    if (g_strcmp0 (((MockToken *) g_ptr_array_index (self->tokens, i))->user_id, u->id) == 0)
      count++;
  return count;
}

/* Revokes an API token, as deleting it in the web app would. */
gboolean
pc_mock_state_revoke_token (PcMockState *self,
                            const char  *secret)
{
  MockToken *t = g_hash_table_lookup (self->token_by_secret, secret);

  if (t == NULL)
    return FALSE;
  pc_mock_state_remove_token (self, t);
  return TRUE;
}

guint
pc_mock_state_count_sessions (PcMockState *self)
{
  return g_hash_table_size (self->sessions);
}

gboolean
pc_mock_state_has_user (PcMockState *self,
                        const char  *email)
{
  return pc_mock_state_find_user (self, NULL, email) != NULL;
}

/* For tests: a picture address the PATCH rules would refuse (http). */
void
pc_mock_state_set_photo_url (PcMockState *self,
                             const char  *email,
                             const char  *url)
{
  MockUser *u = pc_mock_state_find_user (self, NULL, email);

  g_return_if_fail (u != NULL);
  g_free (u->photo_url);
  u->photo_url = g_strdup (url);
}

/* Every secret the mock has handed out or holds: tokens, session cookies,
 * ID and refresh tokens, feedback tokens. */
GPtrArray *
pc_mock_state_get_issued_secrets (PcMockState *self)
{
  return self->issued;
}

/* The seed-only world */

/**
 * pc_mock_state_set_seed_only:
 *
 * Answers with only what the seed's models list: no token names, no masked
 * secrets after creation, no nested workspace or inviter, dates without an
 * offset, 204 with no body where the seed says "void", and the session
 * cookie under another name than the contract's.
 */
void
pc_mock_state_set_seed_only (PcMockState *self,
                             gboolean     seed_only)
{
  self->seed_only = seed_only;
}

gboolean
pc_mock_state_get_seed_only (PcMockState *self)
{
  return self->seed_only;
}

/* What the login's Set-Cookie calls the session. */
const char *
pc_mock_state_get_cookie_name (PcMockState *self)
{
  return self->seed_only ? "__session" : "session";
}

