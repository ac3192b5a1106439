/* pc-mock-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PcMock"

#include <stdio.h>
#include <string.h>

#include "pc-mock-state.h"

#define MASK "••••••••"

typedef struct
{
  char *id;
  char *uid;
  char *email;
  char *password;
  char *name;
  char *photo_url;
  char *provider;
  char *default_workspace_id;
  GDateTime *onboarded_at;
  gboolean email_verified;
  gboolean product_updates;
  gboolean unregistered;    /* signed up at the identity provider, not yet in Pupil Cloud */
} MockUser;

typedef struct
{
  char *id;
  char *name;
} MockWorkspace;

typedef struct
{
  char *user_id;
  char *workspace_id;
  char *role;
  GDateTime *created_at;
} MockMembership;

typedef struct
{
  char *id;
  char *user_id;
  char *name;
  char *secret;
  GDateTime *created_at;
  GDateTime *last_used_at;
  GDateTime *expires_at; /* not in the contract: lets tests see a 403 for an expired sign-in */
} MockToken;

typedef struct
{
  char *id;
  char *token;
  char *email;
  char *role;
  char *workspace_id;
  char *created_by_user_id;
  GDateTime *created_at;
  GDateTime *expires_at;
} MockInvitation;

typedef struct
{
  char *user_id;
  GDateTime *expires_at;
} MockIdToken;

struct _PcMockState
{
  GPtrArray *users;
  GPtrArray *workspaces;
  GPtrArray *memberships;
  GPtrArray *tokens;        /* in creation order */
  GHashTable *token_by_secret;
  GPtrArray *invitations;
  GHashTable *id_tokens;    /* token → MockIdToken */
  GHashTable *sessions;     /* cookie value → user id */
  GPtrArray *sent_emails;   /* "KIND address", in the order sent */
  char *sent_emails_path;   /* where a child mock also writes them */
  char *next_idp_error;     /* the identity provider's next answer, for tests */
  guint64 serial;
  guint generated_invitations;
  gboolean seed_only;       /* answer with only what the seed documents */
  GPtrArray *issued;        /* every secret handed out, for leak checks */
};

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

static void
reply_error (PcMockReply *reply,
             guint        status,
             const char  *message)
{
  reply->status = status;
  reply->message = g_strdup (message);
}

static void
reply_result (PcMockReply *reply,
              JsonNode    *result)
{
  reply->status = 200;
  reply->result = result;
}

/* The seed documents two endpoints as "void (empty response body)": in
 * the seed-only world they answer 204 with no body at all. */
static void
reply_void (PcMockState *self,
            PcMockReply *reply)
{
  if (self->seed_only)
    reply->status = 204;
}

/* Random ids and secrets: the mock is a test server, but its secrets must
 * still be unguessable enough that a test cannot pass by accident. */
static char *
random_string (const char *prefix,
               guint       n_chars)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  GString *out = g_string_new (prefix);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (out, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (out, FALSE);
}

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

static void
track_token (PcMockState *self,
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
  JsonObject *o;

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
      track_token (self, t);
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

static MockUser *
find_user (PcMockState *self,
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

static MockWorkspace *
find_workspace (PcMockState *self,
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

static MockMembership *
find_membership (PcMockState *self,
                 const char  *user_id,
                 const char  *workspace_id)
{
  for (guint i = 0; i < self->memberships->len; i++)
    {
      MockMembership *m = g_ptr_array_index (self->memberships, i);
      if (g_strcmp0 (m->user_id, user_id) == 0 && g_strcmp0 (m->workspace_id, workspace_id) == 0)
        return m;
    }
  return NULL;
}

static MockToken *
find_token (PcMockState *self,
            const char  *user_id,
            const char  *id)
{
  for (guint i = 0; i < self->tokens->len; i++)
    {
      MockToken *t = g_ptr_array_index (self->tokens, i);
      if (g_strcmp0 (t->id, id) == 0 && g_strcmp0 (t->user_id, user_id) == 0)
        return t;
    }
  return NULL;
}

static MockInvitation *
find_invitation (PcMockState *self,
                 const char  *token)
{
  for (guint i = 0; i < self->invitations->len; i++)
    {
      MockInvitation *inv = g_ptr_array_index (self->invitations, i);
      if (g_strcmp0 (inv->token, token) == 0)
        return inv;
    }
  return NULL;
}

/* JSON in the contract's shapes */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The seed's dates have no offset ("2026-11-30T09:12:00", meaning UTC);
 * ours carry one. The builder remembers which world it writes for. */
static gboolean
is_seed_only (JsonBuilder *b)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "pc-mock-seed-only"));
}

static JsonBuilder *
new_builder (PcMockState *self)
{
  JsonBuilder *b = json_builder_new ();

  g_object_set_data (G_OBJECT (b), "pc-mock-seed-only", GINT_TO_POINTER (self->seed_only));
  return b;
}

static void
add_date (JsonBuilder *b,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = NULL;

  if (value != NULL && is_seed_only (b))
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (value);
      text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
    }
  else if (value != NULL)
    text = g_date_time_format_iso8601 (value);
  add_string (b, name, text);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
build_workspace_summary (JsonBuilder   *b,
                         MockWorkspace *w)
{
  json_builder_begin_object (b);
  add_string (b, "id", w->id);
  add_string (b, "name", w->name);
  add_string (b, "picture_url", NULL);
  json_builder_end_object (b);
}

static void
build_user (JsonBuilder *b,
            MockUser    *u)
{
  json_builder_begin_object (b);
  add_string (b, "id", u->id);
  add_string (b, "uid", u->uid);
  add_string (b, "email", u->email);
  add_bool (b, "email_verified", u->email_verified);
  add_string (b, "name", u->name);
  add_string (b, "photo_url", u->photo_url);
  add_string (b, "provider", u->provider);
  add_string (b, "default_template_id", NULL);
  json_builder_end_object (b);
}

static JsonNode *
profile_node (PcMockState *self,
              MockUser    *u)
{
  g_autoptr(JsonBuilder) b = new_builder (self);

  json_builder_begin_object (b);
  add_string (b, "id", u->id);
  add_string (b, "uid", u->uid);
  add_string (b, "email", u->email);
  add_bool (b, "email_verified", u->email_verified);
  add_string (b, "name", u->name);
  add_string (b, "photo_url", u->photo_url);
  add_string (b, "provider", u->provider);
  add_string (b, "default_workspace_id", u->default_workspace_id);
  add_date (b, "onboarded_at", u->onboarded_at);
  add_bool (b, "product_updates_subscribed", u->product_updates);
  json_builder_set_member_name (b, "user_workspaces");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->memberships->len; i++)
    {
      MockMembership *m = g_ptr_array_index (self->memberships, i);
      MockWorkspace *w;

      if (g_strcmp0 (m->user_id, u->id) != 0)
        continue;
      json_builder_begin_object (b);
      add_date (b, "created_at", m->created_at);
      add_string (b, "role", m->role);
      add_string (b, "user_id", m->user_id);
      add_string (b, "workspace_id", m->workspace_id);
      if (!self->seed_only && (w = find_workspace (self, m->workspace_id)) != NULL)
        {
          json_builder_set_member_name (b, "workspace");
          build_workspace_summary (b, w);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
build_token (JsonBuilder *b,
             MockToken   *t,
             gboolean     whole)
{
  g_autofree char *masked = NULL;

  if (!whole)
    masked = g_strconcat (MASK, t->secret + MAX (0, (int) strlen (t->secret) - 4), NULL);
  json_builder_begin_object (b);
  add_string (b, "id", t->id);
  /* The seed's Token has no name, and shows the secret only at creation. */
  if (!is_seed_only (b))
    add_string (b, "name", t->name);
  if (whole || !is_seed_only (b))
    add_string (b, "token", whole ? t->secret : masked);
  add_date (b, "created_at", t->created_at);
  add_date (b, "last_used_at", t->last_used_at);
  json_builder_end_object (b);
}

static JsonNode *
token_node (PcMockState *self,
            MockToken   *t,
            gboolean     whole)
{
  g_autoptr(JsonBuilder) b = new_builder (self);
  build_token (b, t, whole);
  return json_builder_get_root (b);
}

static void
build_invitation (PcMockState    *self,
                  JsonBuilder    *b,
                  MockInvitation *inv)
{
  MockWorkspace *w = find_workspace (self, inv->workspace_id);
  MockUser *by = find_user (self, inv->created_by_user_id, NULL);

  json_builder_begin_object (b);
  /* Left out rather than null when the mock has none: a server may do either. */
  if (inv->id != NULL)
    add_string (b, "id", inv->id);
  if (inv->token != NULL)
    add_string (b, "token", inv->token);
  add_string (b, "email", inv->email);
  add_string (b, "role", inv->role);
  add_string (b, "workspace_id", inv->workspace_id);
  add_string (b, "created_by_user_id", inv->created_by_user_id);
  add_date (b, "created_at", inv->created_at);
  add_date (b, "expires_at", inv->expires_at);
  if (w != NULL && !self->seed_only)
    {
      json_builder_set_member_name (b, "workspace");
      build_workspace_summary (b, w);
    }
  if (by != NULL && !self->seed_only)
    {
      json_builder_set_member_name (b, "created_by");
      build_user (b, by);
    }
  json_builder_end_object (b);
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

      if (t != NULL && t->expires_at != NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          if (g_date_time_compare (t->expires_at, now) <= 0)
            {
              reply_error (reply, 403, "This API token has expired");
              return NULL;
            }
        }
      if (t != NULL)
        {
          user = find_user (self, t->user_id, NULL);
          g_clear_pointer (&t->last_used_at, g_date_time_unref);
          t->last_used_at = g_date_time_new_now_utc ();
        }
    }
  else if (session != NULL)
    {
      const char *user_id = g_hash_table_lookup (self->sessions, session);
      user = user_id ? find_user (self, user_id, NULL) : NULL;
    }

  if (user == NULL)
    {
      reply_error (reply, 401, "Authentication is required");
      return NULL;
    }

  if (workspace_id != NULL && g_strcmp0 (workspace_id, "default") != 0 &&
      find_membership (self, user->id, workspace_id) == NULL)
    {
      reply_error (reply, 403, "You are not a member of this workspace");
      return NULL;
    }

  return user;
}

/* Endpoints */

static void
patch_profile (PcMockState *self,
               MockUser    *u,
               JsonNode    *body,
               PcMockReply *reply)
{
  JsonObject *o;
  JsonNode *n;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      reply_error (reply, 400, "The body must be a JSON object");
      return;
    }
  o = json_node_get_object (body);

  /* Validate everything before changing anything. */
  if ((n = json_object_get_member (o, "name")) != NULL)
    {
      g_autofree char *trimmed = NULL;
      if (json_node_get_value_type (n) != G_TYPE_STRING)
        {
          reply_error (reply, 400, "name must be a string");
          return;
        }
      trimmed = g_strstrip (g_strdup (json_node_get_string (n)));
      if (*trimmed == '\0' || g_utf8_strlen (trimmed, -1) > 100)
        {
          reply_error (reply, 400, "name must have 1 to 100 characters");
          return;
        }
    }
  if ((n = json_object_get_member (o, "photo_url")) != NULL && !JSON_NODE_HOLDS_NULL (n) &&
      (json_node_get_value_type (n) != G_TYPE_STRING ||
       !g_str_has_prefix (json_node_get_string (n), "https://")))
    {
      reply_error (reply, 400, "photo_url must be an https address or null");
      return;
    }
  if ((n = json_object_get_member (o, "product_updates_subscribed")) != NULL &&
      json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      reply_error (reply, 400, "product_updates_subscribed must be a boolean");
      return;
    }
  if ((n = json_object_get_member (o, "onboarded")) != NULL && json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      reply_error (reply, 400, "onboarded must be a boolean");
      return;
    }

  if ((n = json_object_get_member (o, "name")) != NULL)
    {
      g_free (u->name);
      u->name = g_strstrip (g_strdup (json_node_get_string (n)));
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

  reply_result (reply, profile_node (self, u));
}

static void
list_tokens (PcMockState *self,
             MockUser    *u,
             PcMockReply *reply)
{
  g_autoptr(JsonBuilder) b = new_builder (self);

  json_builder_begin_array (b);
  for (guint i = 0; i < self->tokens->len; i++)
    {
      MockToken *t = g_ptr_array_index (self->tokens, i);
      if (g_strcmp0 (t->user_id, u->id) == 0)
        build_token (b, t, FALSE);
    }
  json_builder_end_array (b);
  reply_result (reply, json_builder_get_root (b));
}

static MockToken *
new_token (PcMockState *self,
           MockUser    *u,
           const char  *name)
{
  MockToken *t = g_new0 (MockToken, 1);

  t->id = g_strdup_printf ("tok-%06" G_GUINT64_FORMAT, ++self->serial);
  t->user_id = g_strdup (u->id);
  t->name = g_strstrip (g_strdup (name));
  t->secret = random_string ("pc_", 40);
  t->created_at = g_date_time_new_now_utc ();
  track_token (self, t);
  return t;
}

static void
create_token (PcMockState *self,
              MockUser    *u,
              JsonNode    *body,
              PcMockReply *reply)
{
  JsonNode *name = NULL;
  g_autofree char *trimmed = NULL;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    name = json_object_get_member (json_node_get_object (body), "name");
  if (name == NULL || json_node_get_value_type (name) != G_TYPE_STRING)
    {
      reply_error (reply, 400, "name is required");
      return;
    }
  trimmed = g_strstrip (g_strdup (json_node_get_string (name)));
  if (*trimmed == '\0' || g_utf8_strlen (trimmed, -1) > 100)
    {
      reply_error (reply, 400, "name must have 1 to 100 characters");
      return;
    }
  reply_result (reply, token_node (self, new_token (self, u, trimmed), TRUE));
}

static void
remove_token (PcMockState *self,
              MockToken   *t)
{
  g_hash_table_remove (self->token_by_secret, t->secret);
  g_ptr_array_remove (self->tokens, t);
}

static void
list_invitations (PcMockState *self,
                  MockUser    *u,
                  PcMockReply *reply)
{
  g_autoptr(JsonBuilder) b = new_builder (self);

  json_builder_begin_array (b);
  for (guint i = 0; i < self->invitations->len; i++)
    {
      MockInvitation *inv = g_ptr_array_index (self->invitations, i);
      if (g_ascii_strcasecmp (inv->email, u->email) == 0)
        build_invitation (self, b, inv);
    }
  json_builder_end_array (b);
  reply_result (reply, json_builder_get_root (b));
}

static void
accept_invitation (PcMockState    *self,
                   MockUser       *u,
                   MockInvitation *inv,
                   PcMockReply    *reply)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonBuilder) b = new_builder (self);
  MockMembership *m;

  if (inv->expires_at != NULL && g_date_time_compare (inv->expires_at, now) <= 0)
    {
      reply_error (reply, 410, "This invitation has expired");
      return;
    }
  if (find_membership (self, u->id, inv->workspace_id) != NULL)
    {
      reply_error (reply, 409, "Member already member of workspace");
      return;
    }

  m = g_new0 (MockMembership, 1);
  m->user_id = g_strdup (u->id);
  m->workspace_id = g_strdup (inv->workspace_id);
  m->role = g_strdup (inv->role);
  m->created_at = g_date_time_ref (now);
  g_ptr_array_add (self->memberships, m);

  json_builder_begin_object (b);
  add_date (b, "created_at", now);
  add_date (b, "updated_at", now);
  add_string (b, "role", m->role);
  add_string (b, "user_id", m->user_id);
  add_string (b, "workspace_id", m->workspace_id);
  json_builder_set_member_name (b, "user");
  build_user (b, u);
  json_builder_end_object (b);

  g_ptr_array_remove (self->invitations, inv);
  reply_result (reply, json_builder_get_root (b));
}

static void
login (PcMockState *self,
       JsonNode    *body,
       PcMockReply *reply)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonObject *o = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  const char *id_token = o ? json_object_get_string_member_with_default (o, "id_token", NULL) : NULL;
  const char *csrf = o ? json_object_get_string_member_with_default (o, "csrf_token", NULL) : NULL;
  const char *type = o ? json_object_get_string_member_with_default (o, "type", NULL) : NULL;
  MockIdToken *t;
  MockUser *u;
  char *cookie;

  if (id_token == NULL || csrf == NULL || type == NULL)
    {
      reply_error (reply, 400, "csrf_token, id_token and type are required");
      return;
    }
  if (strlen (csrf) < 16)
    {
      reply_error (reply, 400, "Invalid CSRF token");
      return;
    }
  if (!g_str_equal (type, "login") && !g_str_equal (type, "register"))
    {
      reply_error (reply, 400, "type must be login or register");
      return;
    }
  t = g_hash_table_lookup (self->id_tokens, id_token);
  if (t == NULL || (u = find_user (self, t->user_id, NULL)) == NULL)
    {
      reply_error (reply, 401, "Invalid token");
      return;
    }
  if (t->expires_at != NULL && g_date_time_compare (t->expires_at, now) <= 0)
    {
      reply_error (reply, 403, "Token expired");
      return;
    }
  /* An account at the identity provider only: registering makes it one
   * in Pupil Cloud, with the person's choice about product news. */
  if (u->unregistered && !g_str_equal (type, "register"))
    {
      reply_error (reply, 401, "No Pupil Cloud account for this user; register first");
      return;
    }
  if (u->unregistered)
    {
      u->unregistered = FALSE;
      u->product_updates = json_object_get_boolean_member_with_default (o, "product_updates_subscribed", FALSE);
    }

  cookie = random_string ("", 48);
  g_hash_table_insert (self->sessions, cookie, g_strdup (u->id));
  g_ptr_array_add (self->issued, g_strdup (cookie));
  reply->set_cookie = g_strdup_printf ("%s=%s; Path=/; HttpOnly; SameSite=Lax",
                                       pc_mock_state_get_cookie_name (self), cookie);
  reply_result (reply, profile_node (self, u));
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
        remove_token (self, t);
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
      reply_error (reply, 404, "Not found");
      return;
    }

  /* The two endpoints without authentication. */
  if (n == 3 && g_str_equal (parts[2], "login"))
    {
      if (is_post)
        login (self, body, reply);
      else
        reply_error (reply, 405, "Method not allowed");
      return;
    }
  if (n == 3 && g_str_equal (parts[2], "logout"))
    {
      const char *user_id = session ? g_hash_table_lookup (self->sessions, session) : NULL;

      if (!is_post)
        {
          reply_error (reply, 405, "Method not allowed");
          return;
        }
      u = user_id ? find_user (self, user_id, NULL) : NULL;
      reply_result (reply, u ? profile_node (self, u) : NULL);
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
        reply_result (reply, profile_node (self, u));
      else if (g_str_equal (method, "PATCH"))
        patch_profile (self, u, body, reply);
      else
        reply_error (reply, 405, "Method not allowed");
    }
  else if (n == 3 && g_str_equal (parts[2], "tokens"))
    {
      if (is_get)
        list_tokens (self, u, reply);
      else if (is_post)
        create_token (self, u, body, reply);
      else
        reply_error (reply, 405, "Method not allowed");
    }
  else if (n == 4 && g_str_equal (parts[2], "tokens"))
    {
      MockToken *t = find_token (self, u->id, parts[3]);

      if (t == NULL)
        reply_error (reply, 404, "No such token");
      else if (is_get)
        reply_result (reply, token_node (self, t, FALSE));
      else if (is_delete)
        {
          reply_result (reply, token_node (self, t, FALSE));
          remove_token (self, t);
        }
      else
        reply_error (reply, 405, "Method not allowed");
    }
  else if (n == 4 && g_str_equal (parts[2], "profile") && g_str_equal (parts[3], "invites"))
    {
      if (is_get)
        list_invitations (self, u, reply);
      else
        reply_error (reply, 405, "Method not allowed");
    }
  else if ((n == 5 || n == 6) && g_str_equal (parts[2], "profile") && g_str_equal (parts[3], "invites"))
    {
      g_autofree char *token = g_uri_unescape_string (parts[4], NULL);
      MockInvitation *inv = token ? find_invitation (self, token) : NULL;

      if (n == 6 && !g_str_equal (parts[5], "accept"))
        reply_error (reply, 404, "Not found");
      else if (inv == NULL)
        reply_error (reply, 404, "No such invitation");
      else if (n == 6 && is_post)
        accept_invitation (self, u, inv, reply);
      else if (n == 5 && is_get)
        {
          g_autoptr(JsonBuilder) b = new_builder (self);
          build_invitation (self, b, inv);
          reply_result (reply, json_builder_get_root (b));
        }
      else if (n == 5 && is_delete)
        {
          g_ptr_array_remove (self->invitations, inv);
          reply_result (reply, NULL);
          reply_void (self, reply);
        }
      else
        reply_error (reply, 405, "Method not allowed");
    }
  else if (n == 3 && g_str_equal (parts[2], "canny-sso"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *token = random_string ("canny.", 32);
      g_ptr_array_add (self->issued, g_strdup (token));

      if (!is_get)
        {
          reply_error (reply, 405, "Method not allowed");
          return;
        }
      json_builder_begin_object (b);
      add_string (b, "token", token);
      json_builder_end_object (b);
      reply_result (reply, json_builder_get_root (b));
    }
  else if (n == 3 && g_str_equal (parts[2], "unregister"))
    {
      if (!is_post)
        {
          reply_error (reply, 405, "Method not allowed");
          return;
        }
      remove_user (self, u);
      reply_result (reply, NULL);
      reply_void (self, reply);
    }
  else
    reply_error (reply, 404, "Not found");
}

static void
idp_error (PcMockReply *reply,
           const char  *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, 400);
  add_string (b, "message", message);
  json_builder_end_object (b);
  json_builder_end_object (b);
  reply->status = 400;
  reply->result = json_builder_get_root (b);
}

static gboolean take_next_idp_error (PcMockState *self, PcMockReply *reply);

void
pc_mock_state_sign_in (PcMockState *self,
                       JsonNode    *body,
                       PcMockReply *reply)
{
  JsonObject *o = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  const char *email = o ? json_object_get_string_member_with_default (o, "email", NULL) : NULL;
  const char *password = o ? json_object_get_string_member_with_default (o, "password", NULL) : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id_token = NULL;
  g_autofree char *refresh = NULL;
  MockUser *u;

  if (take_next_idp_error (self, reply))
    return;
  if (email == NULL || strchr (email, '@') == NULL)
    {
      idp_error (reply, "INVALID_EMAIL");
      return;
    }
  if (password == NULL || *password == '\0')
    {
      idp_error (reply, "MISSING_PASSWORD");
      return;
    }
  if ((u = find_user (self, NULL, email)) == NULL)
    {
      idp_error (reply, "EMAIL_NOT_FOUND");
      return;
    }
  if (g_strcmp0 (u->password, password) != 0)
    {
      idp_error (reply, "INVALID_PASSWORD");
      return;
    }

  id_token = pc_mock_state_issue_id_token (self, email, 3600);
  refresh = random_string ("refresh.", 32);
  g_ptr_array_add (self->issued, g_strdup (refresh));
  json_builder_begin_object (b);
  add_string (b, "kind", "identitytoolkit#VerifyPasswordResponse");
  add_string (b, "localId", u->uid);
  add_string (b, "email", u->email);
  add_string (b, "displayName", u->name ? u->name : "");
  add_string (b, "idToken", id_token);
  add_bool (b, "registered", TRUE);
  add_string (b, "refreshToken", refresh);
  add_string (b, "expiresIn", "3600");
  json_builder_end_object (b);
  reply->status = 200;
  reply->result = json_builder_get_root (b);
}

static gboolean
take_next_idp_error (PcMockState *self,
                     PcMockReply *reply)
{
  g_autofree char *word = g_steal_pointer (&self->next_idp_error);

  if (word == NULL)
    return FALSE;
  idp_error (reply, word);
  return TRUE;
}

static void
record_email (PcMockState *self,
              const char  *kind,
              const char  *email)
{
  g_autofree char *line = g_strdup_printf ("%s %s", kind, email);

  g_ptr_array_add (self->sent_emails, g_strdup (line));
  if (self->sent_emails_path != NULL)
    {
      FILE *file = fopen (self->sent_emails_path, "a");
      if (file != NULL)
        {
          fprintf (file, "%s\n", line);
          fclose (file);
        }
    }
}

static void
reply_idp (PcMockReply *reply,
           JsonBuilder *b)
{
  reply->status = 200;
  reply->result = json_builder_get_root (b);
}

void
pc_mock_state_sign_up (PcMockState *self,
                       JsonNode    *body,
                       PcMockReply *reply)
{
  JsonObject *o = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  const char *email = o ? json_object_get_string_member_with_default (o, "email", NULL) : NULL;
  const char *password = o ? json_object_get_string_member_with_default (o, "password", NULL) : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id_token = NULL;
  g_autofree char *refresh = NULL;
  MockUser *u;

  if (take_next_idp_error (self, reply))
    return;
  if (email == NULL || *email == '\0')
    {
      idp_error (reply, "MISSING_EMAIL");
      return;
    }
  if (strchr (email, '@') == NULL || strchr (strchr (email, '@'), '.') == NULL)
    {
      idp_error (reply, "INVALID_EMAIL");
      return;
    }
  if (password == NULL || *password == '\0')
    {
      idp_error (reply, "MISSING_PASSWORD");
      return;
    }
  if (find_user (self, NULL, email) != NULL)
    {
      idp_error (reply, "EMAIL_EXISTS");
      return;
    }
  if (g_utf8_strlen (password, -1) < 6)
    {
      idp_error (reply, "WEAK_PASSWORD : Password should be at least 6 characters");
      return;
    }

  u = g_new0 (MockUser, 1);
  u->id = g_uuid_string_random ();
  u->uid = random_string ("uid", 20);
  u->email = g_strdup (email);
  u->password = g_strdup (password);
  u->provider = g_strdup ("password");
  u->unregistered = TRUE;
  g_ptr_array_add (self->users, u);

  id_token = pc_mock_state_issue_id_token (self, email, 3600);
  refresh = random_string ("refresh.", 32);
  g_ptr_array_add (self->issued, g_strdup (refresh));
  json_builder_begin_object (b);
  add_string (b, "kind", "identitytoolkit#SignupNewUserResponse");
  add_string (b, "idToken", id_token);
  add_string (b, "email", u->email);
  add_string (b, "refreshToken", refresh);
  add_string (b, "expiresIn", "3600");
  add_string (b, "localId", u->uid);
  json_builder_end_object (b);
  reply_idp (reply, b);
}

void
pc_mock_state_send_oob_code (PcMockState *self,
                             JsonNode    *body,
                             PcMockReply *reply)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonObject *o = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  const char *type = o ? json_object_get_string_member_with_default (o, "requestType", NULL) : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  MockUser *u = NULL;

  if (take_next_idp_error (self, reply))
    return;
  if (g_strcmp0 (type, "VERIFY_EMAIL") == 0)
    {
      const char *id_token = json_object_get_string_member_with_default (o, "idToken", NULL);
      MockIdToken *t = id_token ? g_hash_table_lookup (self->id_tokens, id_token) : NULL;

      if (t == NULL || (u = find_user (self, t->user_id, NULL)) == NULL)
        {
          idp_error (reply, "INVALID_ID_TOKEN");
          return;
        }
      if (t->expires_at != NULL && g_date_time_compare (t->expires_at, now) <= 0)
        {
          idp_error (reply, "TOKEN_EXPIRED");
          return;
        }
    }
  else if (g_strcmp0 (type, "PASSWORD_RESET") == 0)
    {
      const char *email = json_object_get_string_member_with_default (o, "email", NULL);

      if (email == NULL || strchr (email, '@') == NULL)
        {
          idp_error (reply, "INVALID_EMAIL");
          return;
        }
      /* Firebase says so; the client must not pass it on. Nothing is sent. */
      if ((u = find_user (self, NULL, email)) == NULL)
        {
          idp_error (reply, "EMAIL_NOT_FOUND");
          return;
        }
    }
  else
    {
      idp_error (reply, "INVALID_REQ_TYPE");
      return;
    }

  record_email (self, type, u->email);
  json_builder_begin_object (b);
  add_string (b, "kind", "identitytoolkit#GetOobConfirmationCodeResponse");
  add_string (b, "email", u->email);
  json_builder_end_object (b);
  reply_idp (reply, b);
}

GPtrArray *
pc_mock_state_get_sent_emails (PcMockState *self)
{
  return self->sent_emails;
}

void
pc_mock_state_set_sent_emails_file (PcMockState *self,
                                    const char  *path)
{
  g_free (self->sent_emails_path);
  self->sent_emails_path = g_strdup (path);
}

gboolean
pc_mock_state_verify_email (PcMockState *self,
                            const char  *email)
{
  MockUser *u = email ? find_user (self, NULL, email) : NULL;

  if (u == NULL)
    return FALSE;
  u->email_verified = TRUE;
  return TRUE;
}

gboolean
pc_mock_state_is_registered (PcMockState *self,
                             const char  *email)
{
  MockUser *u = email ? find_user (self, NULL, email) : NULL;

  return u != NULL && !u->unregistered;
}

void
pc_mock_state_set_next_idp_error (PcMockState *self,
                                  const char  *word)
{
  g_free (self->next_idp_error);
  self->next_idp_error = g_strdup (word);
}

char *
pc_mock_state_issue_id_token (PcMockState *self,
                              const char  *email,
                              gint64       lifetime_seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  MockUser *u = find_user (self, NULL, email);
  MockIdToken *t;
  char *token;

  g_return_val_if_fail (u != NULL, NULL);

  t = g_new0 (MockIdToken, 1);
  t->user_id = g_strdup (u->id);
  t->expires_at = g_date_time_add_seconds (now, lifetime_seconds);
  token = random_string ("idt.", 48);
  g_hash_table_insert (self->id_tokens, g_strdup (token), t);
  g_ptr_array_add (self->issued, g_strdup (token));
  return token;
}

char *
pc_mock_state_add_token (PcMockState *self,
                         const char  *email,
                         const char  *name)
{
  MockUser *u = find_user (self, NULL, email);

  g_return_val_if_fail (u != NULL, NULL);
  return g_strdup (new_token (self, u, name)->secret);
}

void
pc_mock_state_generate_tokens (PcMockState *self,
                               const char  *email,
                               guint        count)
{
  MockUser *u = find_user (self, NULL, email);

  g_return_if_fail (u != NULL);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("generated token %u", i + 1);
      MockToken *t = new_token (self, u, name);

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
  MockUser *u = find_user (self, NULL, email);
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
      inv->token = random_string ("invite-", 24);
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

guint
pc_mock_state_count_tokens (PcMockState *self,
                            const char  *email)
{
  MockUser *u = find_user (self, NULL, email);
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
  remove_token (self, t);
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
  return find_user (self, NULL, email) != NULL;
}

/* For tests: a picture address the PATCH rules would refuse (http). */
void
pc_mock_state_set_photo_url (PcMockState *self,
                             const char  *email,
                             const char  *url)
{
  MockUser *u = find_user (self, NULL, email);

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

  if (find_workspace (self, workspace_id) == NULL)
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
  MockUser *u = find_user (self, NULL, email);
  MockUser *by = self->users->len > 1 ? g_ptr_array_index (self->users, 1) : NULL;

  g_return_if_fail (u != NULL);
  add_invitation (self, u, by, NULL, "invite-without-id-eyelab-6a1e", "VIEWER",
                  "f6a7b8c9-0000-4000-8000-000000000006", "Eye Lab", 4);
  add_invitation (self, u, by, "inv-0006", NULL, "EDITOR",
                  "a7b8c9d0-0000-4000-8000-000000000007", "Gaze Atlas", 6);
  add_invitation (self, u, by, NULL, NULL, "ADMIN",
                  "b8c9d0e1-0000-4000-8000-000000000008", "Field Trials", 6);
}
