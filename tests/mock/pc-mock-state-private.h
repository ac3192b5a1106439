/* pc-mock-state-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the mock state's files share: its records, and each file's entry
 * points for the others.
 */
#pragma once

#include "pc-mock-state.h"

G_BEGIN_DECLS

/* Each record says what it is; one table (in pc-mock-state.c) says how
 * each field of each record is read from a fixture and freed. */
typedef enum {
  MOCK_FIELD_STRING,
  MOCK_FIELD_BOOLEAN,
  MOCK_FIELD_DAYS_AGO,   /* a date, the member's number of days before now */
  MOCK_FIELD_DAYS_AHEAD, /* a date, the member's number of days after now */
} MockFieldKind;

typedef struct
{
  gsize size;
} MockRecordType;

typedef struct
{
  const MockRecordType *record;
  const char *member; /* in a fixture's object */
  MockFieldKind kind;
  gsize offset;
} MockField;

typedef struct
{
  const MockRecordType *type;
} MockRecord;

typedef struct
{
  const MockRecordType *type;
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
  const MockRecordType *type;
  char *id;
  char *name;
} MockWorkspace;

typedef struct
{
  const MockRecordType *type;
  char *user_id;
  char *workspace_id;
  char *role;
  GDateTime *created_at;
} MockMembership;

typedef struct
{
  const MockRecordType *type;
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
  const MockRecordType *type;
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
  const MockRecordType *type;
  char *token;
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
  GHashTable *id_tokens;    /* its token → MockIdToken */
  GHashTable *sessions;     /* cookie value → user id */
  GPtrArray *sent_emails;   /* "KIND address", in the order sent */
  char *sent_emails_path;   /* where a child mock also writes them */
  char *next_idp_error;     /* the identity provider's next answer, for tests */
  guint64 serial;
  guint generated_invitations;
  gboolean seed_only;       /* answer with only what the seed documents */
  GPtrArray *issued;        /* every secret handed out, for leak checks */
};

/* pc-mock-state.c: records, look-ups and replies */
extern const MockRecordType pc_mock_user_type;
extern const MockRecordType pc_mock_workspace_type;
extern const MockRecordType pc_mock_membership_type;
extern const MockRecordType pc_mock_token_type;
extern const MockRecordType pc_mock_invitation_type;
extern const MockRecordType pc_mock_id_token_type;

gpointer        pc_mock_record_new              (const MockRecordType *type);
gpointer        pc_mock_record_read             (const MockRecordType *type,
                                                 JsonObject           *object);
void            pc_mock_record_free             (gpointer              record);

void            pc_mock_reply_error             (PcMockReply    *reply,
                                                 guint           status,
                                                 const char     *message);
void            pc_mock_reply_result            (PcMockReply    *reply,
                                                 JsonNode       *result);
void            pc_mock_reply_void              (PcMockState    *self,
                                                 PcMockReply    *reply);
const char     *pc_mock_body_string             (JsonNode       *body,
                                                 const char     *member);
gboolean        pc_mock_has_expired             (GDateTime      *expires_at);
char           *pc_mock_random_string           (const char     *prefix,
                                                 guint           n_chars);
MockUser       *pc_mock_state_find_user         (PcMockState    *self,
                                                 const char     *id,
                                                 const char     *email);

/* For pc_mock_find_record() with a single field to match. */
#define PC_MOCK_NO_FIELD G_MAXSIZE
gpointer        pc_mock_find_record             (GPtrArray      *records,
                                                 gsize           offset,
                                                 const char     *value,
                                                 gsize           and_offset,
                                                 const char     *and_value);
MockWorkspace  *pc_mock_state_find_workspace    (PcMockState    *self,
                                                 const char     *id);
void            pc_mock_state_track_token       (PcMockState    *self,
                                                 MockToken      *token);
MockToken      *pc_mock_state_new_token         (PcMockState    *self,
                                                 MockUser       *u,
                                                 const char     *name);
void            pc_mock_state_remove_token      (PcMockState    *self,
                                                 MockToken      *t);

/* pc-mock-fixture.c */
void            pc_mock_state_load              (PcMockState    *self,
                                                 JsonObject     *root);

/* pc-mock-json.c: JSON in the contract's shapes */
JsonBuilder    *pc_mock_json_builder_new        (PcMockState    *self);
void            pc_mock_json_add_string         (JsonBuilder    *b,
                                                 const char     *name,
                                                 const char     *value);
void            pc_mock_json_add_date           (JsonBuilder    *b,
                                                 const char     *name,
                                                 GDateTime      *value);
void            pc_mock_json_add_bool           (JsonBuilder    *b,
                                                 const char     *name,
                                                 gboolean        value);
void            pc_mock_json_build_user         (JsonBuilder    *b,
                                                 MockUser       *u);
JsonNode       *pc_mock_json_profile            (PcMockState    *self,
                                                 MockUser       *u);
void            pc_mock_json_build_token        (JsonBuilder    *b,
                                                 MockToken      *t,
                                                 gboolean        whole);
JsonNode       *pc_mock_json_token              (PcMockState    *self,
                                                 MockToken      *t,
                                                 gboolean        whole);
void            pc_mock_json_build_invitation   (PcMockState    *self,
                                                 JsonBuilder    *b,
                                                 MockInvitation *inv);

G_END_DECLS
