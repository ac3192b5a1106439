/* pc-mock-state.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mock cloud's data and the service's rules, without HTTP: who is
 * signed in, what each endpoint answers, which status it answers with.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PcMockState PcMockState;

/* What an endpoint answers: a status, and a result or a message. */
typedef struct
{
  guint status;
  JsonNode *result;   /* the envelope's result; NULL for none */
  char *message;      /* for errors */
  char *set_cookie;   /* a Set-Cookie header to send */
} PcMockReply;

PcMockState *pc_mock_state_new      (const char  *fixture,
                                     gssize       length,
                                     GError     **error);
void         pc_mock_state_free     (PcMockState *self);
void         pc_mock_reply_clear    (PcMockReply *reply);

/* @path is relative to /v2, e.g. "/auth/profile"; @body may be NULL. */
void         pc_mock_state_handle   (PcMockState *self,
                                     const char  *method,
                                     const char  *path,
                                     const char  *api_key,
                                     const char  *workspace_id,
                                     const char  *session,
                                     JsonNode    *body,
                                     PcMockReply *reply);
/* The identity provider: a Firebase-shaped answer in @reply->result. */
void         pc_mock_state_sign_in  (PcMockState *self,
                                     JsonNode    *body,
                                     PcMockReply *reply);

void         pc_mock_state_sign_up  (PcMockState *self,
                                     JsonNode    *body,
                                     PcMockReply *reply);
/* VERIFY_EMAIL and PASSWORD_RESET; each email "sent" is kept. */
void         pc_mock_state_send_oob_code (PcMockState *self,
                                          JsonNode    *body,
                                          PcMockReply *reply);

/* For tests and the demo. */
/* Each email sent, as "KIND address" (VERIFY_EMAIL, PASSWORD_RESET). */
GPtrArray   *pc_mock_state_get_sent_emails  (PcMockState *self);
void         pc_mock_state_set_sent_emails_file (PcMockState *self,
                                                 const char  *path);
/* What following the link in a confirmation email does. */
gboolean     pc_mock_state_verify_email     (PcMockState *self,
                                             const char  *email);
gboolean     pc_mock_state_is_registered    (PcMockState *self,
                                             const char  *email);
/* The identity provider answers its next request with this error word. */
void         pc_mock_state_set_next_idp_error (PcMockState *self,
                                               const char  *word);
char        *pc_mock_state_issue_id_token   (PcMockState *self,
                                             const char  *email,
                                             gint64       lifetime_seconds);
char        *pc_mock_state_add_token        (PcMockState *self,
                                             const char  *email,
                                             const char  *name);
void         pc_mock_state_generate_tokens  (PcMockState *self,
                                             const char  *email,
                                             guint        count);
void         pc_mock_state_generate_invitations (PcMockState *self,
                                                 const char  *email,
                                                 guint        count);
guint        pc_mock_state_count_tokens     (PcMockState *self,
                                             const char  *email);
guint        pc_mock_state_count_sessions   (PcMockState *self);
gboolean     pc_mock_state_revoke_token     (PcMockState *self,
                                             const char  *secret);
gboolean     pc_mock_state_has_user         (PcMockState *self,
                                             const char  *email);
GPtrArray   *pc_mock_state_get_issued_secrets (PcMockState *self);
void         pc_mock_state_set_photo_url    (PcMockState *self,
                                             const char  *email,
                                             const char  *url);

/* The seed-only world: see pc_mock_state_set_seed_only(). */
void         pc_mock_state_set_seed_only    (PcMockState *self,
                                             gboolean     seed_only);
gboolean     pc_mock_state_get_seed_only    (PcMockState *self);
const char  *pc_mock_state_get_cookie_name  (PcMockState *self);
void         pc_mock_state_add_incomplete_invitations (PcMockState *self,
                                                       const char  *email);

G_END_DECLS
