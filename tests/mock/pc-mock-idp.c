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

/* Firebase's error: the request refused with a word such as EMAIL_EXISTS. */
static void
reply_refused (PcMockReply *reply,
               const char  *word)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, 400);
  pc_mock_json_add_string (b, "message", word);
  json_builder_end_object (b);
  json_builder_end_object (b);
  reply->status = 400;
  reply->result = json_builder_get_root (b);
}

/* Refuses with the word a test asked for (pc_mock_state_set_next_idp_error()),
 * once, or else with @word, when there is one. */
static gboolean
refused (PcMockState *self,
         const char  *word,
         PcMockReply *reply)
{
  g_autofree char *injected = g_steal_pointer (&self->next_idp_error);

  if (injected == NULL && word == NULL)
    return FALSE;
  reply_refused (reply, injected != NULL ? injected : word);
  return TRUE;
}

/* What a sign-in or a sign-up gives: an ID token for the Auth API, and a
 * refresh token, unused but a secret all the same. */
static void
add_session_tokens (PcMockState *self,
                    JsonBuilder *b,
                    const char  *email)
{
  g_autofree char *id_token = pc_mock_state_issue_id_token (self, email, 3600);
  g_autofree char *refresh = pc_mock_random_string ("refresh.", 32);

  g_ptr_array_add (self->issued, g_strdup (refresh));
  pc_mock_json_add_string (b, "idToken", id_token);
  pc_mock_json_add_string (b, "refreshToken", refresh);
  pc_mock_json_add_string (b, "expiresIn", "3600");
}

static const char *
check_sign_in (PcMockState  *self,
               const char   *email,
               const char   *password,
               MockUser    **user)
{
  if (email == NULL || strchr (email, '@') == NULL)
    return "INVALID_EMAIL";
  if (password == NULL || *password == '\0')
    return "MISSING_PASSWORD";
  if ((*user = pc_mock_state_find_user (self, NULL, email)) == NULL)
    return "EMAIL_NOT_FOUND";
  if (g_strcmp0 ((*user)->password, password) != 0)
    return "INVALID_PASSWORD";
  return NULL;
}

void
pc_mock_state_sign_in (PcMockState *self,
                       JsonNode    *body,
                       PcMockReply *reply)
{
  const char *email = pc_mock_body_string (body, "email");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  MockUser *u = NULL;

  if (refused (self, check_sign_in (self, email, pc_mock_body_string (body, "password"), &u), reply))
    return;

  json_builder_begin_object (b);
  pc_mock_json_add_string (b, "kind", "identitytoolkit#VerifyPasswordResponse");
  pc_mock_json_add_string (b, "localId", u->uid);
  pc_mock_json_add_string (b, "email", u->email);
  pc_mock_json_add_string (b, "displayName", u->name ? u->name : "");
  pc_mock_json_add_bool (b, "registered", TRUE);
  add_session_tokens (self, b, email);
  json_builder_end_object (b);
  pc_mock_reply_result (reply, json_builder_get_root (b));
}

static const char *
check_sign_up (PcMockState *self,
               const char  *email,
               const char  *password)
{
  if (email == NULL || *email == '\0')
    return "MISSING_EMAIL";
  if (strchr (email, '@') == NULL || strchr (strchr (email, '@'), '.') == NULL)
    return "INVALID_EMAIL";
  if (password == NULL || *password == '\0')
    return "MISSING_PASSWORD";
  if (pc_mock_state_find_user (self, NULL, email) != NULL)
    return "EMAIL_EXISTS";
  if (g_utf8_strlen (password, -1) < 6)
    return "WEAK_PASSWORD : Password should be at least 6 characters";
  return NULL;
}

void
pc_mock_state_sign_up (PcMockState *self,
                       JsonNode    *body,
                       PcMockReply *reply)
{
  const char *email = pc_mock_body_string (body, "email");
  const char *password = pc_mock_body_string (body, "password");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  MockUser *u;

  if (refused (self, check_sign_up (self, email, password), reply))
    return;

  u = pc_mock_record_new (&pc_mock_user_type);
  u->id = g_uuid_string_random ();
  u->uid = pc_mock_random_string ("uid", 20);
  u->email = g_strdup (email);
  u->password = g_strdup (password);
  u->provider = g_strdup ("password");
  u->unregistered = TRUE;
  g_ptr_array_add (self->users, u);

  json_builder_begin_object (b);
  pc_mock_json_add_string (b, "kind", "identitytoolkit#SignupNewUserResponse");
  pc_mock_json_add_string (b, "localId", u->uid);
  pc_mock_json_add_string (b, "email", u->email);
  add_session_tokens (self, b, email);
  json_builder_end_object (b);
  pc_mock_reply_result (reply, json_builder_get_root (b));
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

/* Whom an email of @type goes to, from the request's @body. */
static const char *
check_oob_code (PcMockState  *self,
                const char   *type,
                JsonNode     *body,
                MockUser    **user)
{
  if (g_strcmp0 (type, "VERIFY_EMAIL") == 0)
    {
      const char *id_token = pc_mock_body_string (body, "idToken");
      MockIdToken *t = id_token ? g_hash_table_lookup (self->id_tokens, id_token) : NULL;

      if (t == NULL || (*user = pc_mock_state_find_user (self, t->user_id, NULL)) == NULL)
        return "INVALID_ID_TOKEN";
      if (pc_mock_has_expired (t->expires_at))
        return "TOKEN_EXPIRED";
    }
  else if (g_strcmp0 (type, "PASSWORD_RESET") == 0)
    {
      const char *email = pc_mock_body_string (body, "email");

      if (email == NULL || strchr (email, '@') == NULL)
        return "INVALID_EMAIL";
      /* Firebase says so; the client must not pass it on. Nothing is sent. */
      if ((*user = pc_mock_state_find_user (self, NULL, email)) == NULL)
        return "EMAIL_NOT_FOUND";
    }
  else
    return "INVALID_REQ_TYPE";
  return NULL;
}

void
pc_mock_state_send_oob_code (PcMockState *self,
                             JsonNode    *body,
                             PcMockReply *reply)
{
  const char *type = pc_mock_body_string (body, "requestType");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  MockUser *u = NULL;

  if (refused (self, check_oob_code (self, type, body, &u), reply))
    return;

  record_email (self, type, u->email);
  json_builder_begin_object (b);
  pc_mock_json_add_string (b, "kind", "identitytoolkit#GetOobConfirmationCodeResponse");
  pc_mock_json_add_string (b, "email", u->email);
  json_builder_end_object (b);
  pc_mock_reply_result (reply, json_builder_get_root (b));
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

  g_return_val_if_fail (u != NULL, NULL);

  t = pc_mock_record_new (&pc_mock_id_token_type);
  t->token = pc_mock_random_string ("idt.", 48);
  t->user_id = g_strdup (u->id);
  t->expires_at = g_date_time_add_seconds (now, lifetime_seconds);
  g_hash_table_replace (self->id_tokens, t->token, t);
  g_ptr_array_add (self->issued, g_strdup (t->token));
  return g_strdup (t->token);
}
