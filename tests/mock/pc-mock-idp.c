/* pc-mock-idp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The identity provider, Firebase-shaped: sign-in, sign-up and emails
 * (confirmation, password reset), and the ID tokens the Auth API takes.
 */
#define G_LOG_DOMAIN "PcMock"

#include <stdio.h>
#include <string.h>

#include "pc-mock-state-private.h"

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
  pc_mock_json_add_string (b, "message", message);
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
  if ((u = pc_mock_state_find_user (self, NULL, email)) == NULL)
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
  refresh = pc_mock_random_string ("refresh.", 32);
  g_ptr_array_add (self->issued, g_strdup (refresh));
  json_builder_begin_object (b);
  pc_mock_json_add_string (b, "kind", "identitytoolkit#VerifyPasswordResponse");
  pc_mock_json_add_string (b, "localId", u->uid);
  pc_mock_json_add_string (b, "email", u->email);
  pc_mock_json_add_string (b, "displayName", u->name ? u->name : "");
  pc_mock_json_add_string (b, "idToken", id_token);
  pc_mock_json_add_bool (b, "registered", TRUE);
  pc_mock_json_add_string (b, "refreshToken", refresh);
  pc_mock_json_add_string (b, "expiresIn", "3600");
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
  if (pc_mock_state_find_user (self, NULL, email) != NULL)
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
  u->uid = pc_mock_random_string ("uid", 20);
  u->email = g_strdup (email);
  u->password = g_strdup (password);
  u->provider = g_strdup ("password");
  u->unregistered = TRUE;
  g_ptr_array_add (self->users, u);

  id_token = pc_mock_state_issue_id_token (self, email, 3600);
  refresh = pc_mock_random_string ("refresh.", 32);
  g_ptr_array_add (self->issued, g_strdup (refresh));
  json_builder_begin_object (b);
  pc_mock_json_add_string (b, "kind", "identitytoolkit#SignupNewUserResponse");
  pc_mock_json_add_string (b, "idToken", id_token);
  pc_mock_json_add_string (b, "email", u->email);
  pc_mock_json_add_string (b, "refreshToken", refresh);
  pc_mock_json_add_string (b, "expiresIn", "3600");
  pc_mock_json_add_string (b, "localId", u->uid);
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

      if (t == NULL || (u = pc_mock_state_find_user (self, t->user_id, NULL)) == NULL)
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
      if ((u = pc_mock_state_find_user (self, NULL, email)) == NULL)
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
  pc_mock_json_add_string (b, "kind", "identitytoolkit#GetOobConfirmationCodeResponse");
  pc_mock_json_add_string (b, "email", u->email);
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
  MockUser *u = email ? pc_mock_state_find_user (self, NULL, email) : NULL;

  if (u == NULL)
    return FALSE;
  u->email_verified = TRUE;
  return TRUE;
}

gboolean
pc_mock_state_is_registered (PcMockState *self,
                             const char  *email)
{
  MockUser *u = email ? pc_mock_state_find_user (self, NULL, email) : NULL;

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
  MockUser *u = pc_mock_state_find_user (self, NULL, email);
  MockIdToken *t;
  char *token;

  g_return_val_if_fail (u != NULL, NULL);

  t = g_new0 (MockIdToken, 1);
  t->user_id = g_strdup (u->id);
  t->expires_at = g_date_time_add_seconds (now, lifetime_seconds);
  token = pc_mock_random_string ("idt.", 48);
  g_hash_table_insert (self->id_tokens, g_strdup (token), t);
  g_ptr_array_add (self->issued, g_strdup (token));
  return token;
}
