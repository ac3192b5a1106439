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

#define FIELD(name, Type, member, kind, field) \
  { &pc_mock_##name##_type, member, MOCK_FIELD_##kind, G_STRUCT_OFFSET (Type, field) }

const MockRecordType pc_mock_user_type = { sizeof (MockUser) };
const MockRecordType pc_mock_workspace_type = { sizeof (MockWorkspace) };
const MockRecordType pc_mock_membership_type = { sizeof (MockMembership) };
const MockRecordType pc_mock_token_type = { sizeof (MockToken) };
const MockRecordType pc_mock_invitation_type = { sizeof (MockInvitation) };
const MockRecordType pc_mock_id_token_type = { sizeof (MockIdToken) };

/* Every record's fields, as a fixture has them. */
/* clang-format off */
static const MockField fields[] = {
  FIELD (user, MockUser, "id", STRING, id),
  FIELD (user, MockUser, "uid", STRING, uid),
  FIELD (user, MockUser, "email", STRING, email),
  FIELD (user, MockUser, "password", STRING, password),
  FIELD (user, MockUser, "name", STRING, name),
  FIELD (user, MockUser, "photo_url", STRING, photo_url),
  FIELD (user, MockUser, "provider", STRING, provider),
  FIELD (user, MockUser, "default_workspace_id", STRING, default_workspace_id),
  FIELD (user, MockUser, "onboarded_days_ago", DAYS_AGO, onboarded_at),
  FIELD (user, MockUser, "email_verified", BOOLEAN, email_verified),
  FIELD (user, MockUser, "product_updates_subscribed", BOOLEAN, product_updates),

  FIELD (workspace, MockWorkspace, "id", STRING, id),
  FIELD (workspace, MockWorkspace, "name", STRING, name),

  FIELD (membership, MockMembership, "user_id", STRING, user_id),
  FIELD (membership, MockMembership, "workspace_id", STRING, workspace_id),
  FIELD (membership, MockMembership, "role", STRING, role),
  FIELD (membership, MockMembership, "created_days_ago", DAYS_AGO, created_at),

  FIELD (token, MockToken, "id", STRING, id),
  FIELD (token, MockToken, "user_id", STRING, user_id),
  FIELD (token, MockToken, "name", STRING, name),
  FIELD (token, MockToken, "token", STRING, secret),
  FIELD (token, MockToken, "created_days_ago", DAYS_AGO, created_at),
  FIELD (token, MockToken, "last_used_days_ago", DAYS_AGO, last_used_at),
  FIELD (token, MockToken, "expires_in_days", DAYS_AHEAD, expires_at),

  FIELD (invitation, MockInvitation, "id", STRING, id),
  FIELD (invitation, MockInvitation, "token", STRING, token),
  FIELD (invitation, MockInvitation, "email", STRING, email),
  FIELD (invitation, MockInvitation, "role", STRING, role),
  FIELD (invitation, MockInvitation, "workspace_id", STRING, workspace_id),
  FIELD (invitation, MockInvitation, "created_by_user_id", STRING, created_by_user_id),
  FIELD (invitation, MockInvitation, "created_days_ago", DAYS_AGO, created_at),
  FIELD (invitation, MockInvitation, "expires_in_days", DAYS_AHEAD, expires_at),

  FIELD (id_token, MockIdToken, "token", STRING, token),
  FIELD (id_token, MockIdToken, "user_id", STRING, user_id),
  FIELD (id_token, MockIdToken, "expires_in_days", DAYS_AHEAD, expires_at),
};
/* clang-format on */

gpointer
pc_mock_record_new (const MockRecordType *type)
{
  MockRecord *record = g_malloc0 (type->size);

  record->type = type;
  return record;
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

/* A record of @type from a fixture's @object, its type's members read. */
gpointer
pc_mock_record_read (const MockRecordType *type,
                     JsonObject           *object)
{
  gpointer record = pc_mock_record_new (type);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const MockField *field = &fields[i];

      if (field->record != type)
        continue;
      switch (field->kind)
        {
        case MOCK_FIELD_STRING:
          G_STRUCT_MEMBER (char *, record, field->offset) = dup_string (object, field->member);
          break;
        case MOCK_FIELD_BOOLEAN:
          G_STRUCT_MEMBER (gboolean, record, field->offset) =
            json_object_get_boolean_member_with_default (object, field->member, FALSE);
          break;
        case MOCK_FIELD_DAYS_AGO:
        case MOCK_FIELD_DAYS_AHEAD:
          G_STRUCT_MEMBER (GDateTime *, record, field->offset) =
            days_from_now (object, field->member, field->kind == MOCK_FIELD_DAYS_AGO ? -1 : 1);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return record;
}

void
pc_mock_record_free (gpointer data)
{
  MockRecord *record = data;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const MockField *field = &fields[i];

      if (field->record != record->type)
        continue;
      if (field->kind == MOCK_FIELD_STRING)
        g_free (G_STRUCT_MEMBER (char *, record, field->offset));
      else if (field->kind != MOCK_FIELD_BOOLEAN)
        g_clear_pointer (&G_STRUCT_MEMBER (GDateTime *, record, field->offset), g_date_time_unref);
    }
  g_free (record);
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

/* The string @member of a request's JSON object @body; NULL for none. */
const char *
pc_mock_body_string (JsonNode   *body,
                     const char *member)
{
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (body), member, NULL);
}

/* Whether @expires_at (NULL for never) has come. */
gboolean
pc_mock_has_expired (GDateTime *expires_at)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return expires_at != NULL && g_date_time_compare (expires_at, now) <= 0;
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
  self->users = g_ptr_array_new_with_free_func (pc_mock_record_free);
  self->workspaces = g_ptr_array_new_with_free_func (pc_mock_record_free);
  self->memberships = g_ptr_array_new_with_free_func (pc_mock_record_free);
  self->issued = g_ptr_array_new_with_free_func (g_free);
  self->tokens = g_ptr_array_new_with_free_func (pc_mock_record_free);
  self->token_by_secret = g_hash_table_new (g_str_hash, g_str_equal);
  self->invitations = g_ptr_array_new_with_free_func (pc_mock_record_free);
  self->id_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, pc_mock_record_free);
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

/* The first of @records whose string at @offset is @value and, unless
 * @and_offset is PC_MOCK_NO_FIELD, whose string at @and_offset is @and_value. */
gpointer
pc_mock_find_record (GPtrArray  *records,
                     gsize       offset,
                     const char *value,
                     gsize       and_offset,
                     const char *and_value)
{
  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);

      if (g_strcmp0 (G_STRUCT_MEMBER (const char *, record, offset), value) != 0)
        continue;
      if (and_offset == PC_MOCK_NO_FIELD ||
          g_strcmp0 (G_STRUCT_MEMBER (const char *, record, and_offset), and_value) == 0)
        return record;
    }
  return NULL;
}

MockWorkspace *
pc_mock_state_find_workspace (PcMockState *self,
                              const char  *id)
{
  return pc_mock_find_record (self->workspaces, G_STRUCT_OFFSET (MockWorkspace, id), id, PC_MOCK_NO_FIELD, NULL);
}

MockToken *
pc_mock_state_new_token (PcMockState *self,
                         MockUser    *u,
                         const char  *name)
{
  MockToken *t = pc_mock_record_new (&pc_mock_token_type);

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
