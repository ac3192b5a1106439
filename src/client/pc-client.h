/* pc-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pc-invitation.h"
#include "pc-profile.h"
#include "pc-token.h"
#include "pc-workspace-member.h"

G_BEGIN_DECLS

#define PC_SERVER_PRODUCTION "https://api.cloud.pupil-labs.com/v2"
#define PC_SERVER_STAGING    "https://api.cloud.pupil-labs.dev/v2"
#define PC_DEFAULT_WORKSPACE "default"
#define PC_CLIENT_DEFAULT_TIMEOUT 15
/* A request that is still moving (a byte now and then, so the timeout
 * never fires) is given up after this many timeouts: a minute by default. */
#define PC_CLIENT_DEADLINE_FACTOR 4

typedef enum {
  PC_LOGIN_TYPE_LOGIN,
  PC_LOGIN_TYPE_REGISTER,
} PcLoginType;

typedef enum {
  PC_CREDENTIALS_NONE,
  PC_CREDENTIALS_TOKEN,
  PC_CREDENTIALS_COOKIE,
} PcCredentialsKind;

#define PC_TYPE_CLIENT (pc_client_get_type ())
G_DECLARE_FINAL_TYPE (PcClient, pc_client, PC, CLIENT, GObject)

PcClient          *pc_client_new                  (const char  *base_url,
                                                   GError     **error);
gboolean           pc_client_check_url            (const char  *url,
                                                   GError     **error);
char              *pc_client_normalize_url        (const char  *url);
const char        *pc_client_get_base_url         (PcClient    *self);
guint              pc_client_get_timeout          (PcClient    *self);
void               pc_client_set_timeout          (PcClient    *self,
                                                   guint        seconds);
guint              pc_client_get_deadline         (PcClient    *self);
void               pc_client_set_deadline         (PcClient    *self,
                                                   guint        seconds);
const char        *pc_client_get_workspace_id     (PcClient    *self);
void               pc_client_set_workspace_id     (PcClient    *self,
                                                   const char  *workspace_id);
void               pc_client_set_api_token        (PcClient    *self,
                                                   const char  *token);
void               pc_client_set_session_cookie   (PcClient    *self,
                                                   const char  *cookie);
const char        *pc_client_get_session_cookie   (PcClient    *self);
PcCredentialsKind  pc_client_get_credentials_kind (PcClient    *self);
void               pc_client_clear_credentials    (PcClient    *self);
char              *pc_client_new_csrf_token       (void);

/* GET /auth/profile */
void          pc_client_get_profile_async        (PcClient            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PcProfile    *pc_client_get_profile_finish       (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* PATCH /auth/profile */
void          pc_client_update_profile_async     (PcClient            *self,
                                                  PcProfileChanges    *changes,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PcProfile    *pc_client_update_profile_finish    (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* GET /auth/tokens */
void          pc_client_list_tokens_async        (PcClient            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GListModel   *pc_client_list_tokens_finish       (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* GET /auth/tokens/{id} */
void          pc_client_get_token_async          (PcClient            *self,
                                                  const char          *token_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PcToken      *pc_client_get_token_finish         (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* POST /auth/tokens */
void          pc_client_create_token_async       (PcClient            *self,
                                                  const char          *name,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PcToken      *pc_client_create_token_finish      (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* DELETE /auth/tokens/{id} */
void          pc_client_delete_token_async       (PcClient            *self,
                                                  const char          *token_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      pc_client_delete_token_finish      (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* GET /auth/profile/invites */
void          pc_client_list_invitations_async   (PcClient            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GListModel   *pc_client_list_invitations_finish  (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* GET /auth/profile/invites/{token} */
void          pc_client_get_invitation_async     (PcClient            *self,
                                                  const char          *invitation_token,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PcInvitation *pc_client_get_invitation_finish    (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* POST /auth/profile/invites/{token}/accept */
void          pc_client_accept_invitation_async  (PcClient            *self,
                                                  const char          *invitation_token,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PcWorkspaceMember *pc_client_accept_invitation_finish (PcClient       *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);
/* DELETE /auth/profile/invites/{token} */
void          pc_client_decline_invitation_async (PcClient            *self,
                                                  const char          *invitation_token,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      pc_client_decline_invitation_finish (PcClient           *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);
/* POST /auth/login: keeps the session cookie it answers with */
void          pc_client_login_async              (PcClient            *self,
                                                  const char          *id_token,
                                                  PcLoginType          type,
                                                  gboolean             product_updates_subscribed,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PcProfile    *pc_client_login_finish             (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* POST /auth/logout: forgets the session cookie */
void          pc_client_logout_async             (PcClient            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      pc_client_logout_finish            (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* POST /auth/unregister */
void          pc_client_unregister_async         (PcClient            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      pc_client_unregister_finish        (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* GET /auth/canny-sso */
void          pc_client_get_feedback_token_async (PcClient            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char         *pc_client_get_feedback_token_finish (PcClient           *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);
/* The identity provider's password sign-in; answers with the ID token. */
void          pc_client_sign_in_with_password_async (PcClient            *self,
                                                     const char          *idp_url,
                                                     const char          *idp_key,
                                                     const char          *email,
                                                     const char          *password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char         *pc_client_sign_in_with_password_finish (PcClient           *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
/* The identity provider's sign-up; answers with the new account's ID token. */
void          pc_client_sign_up_async            (PcClient            *self,
                                                  const char          *idp_url,
                                                  const char          *idp_key,
                                                  const char          *email,
                                                  const char          *password,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char         *pc_client_sign_up_finish           (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* The identity provider's out-of-band emails: the address's confirmation
 * (for the account of @id_token) and a password reset. */
void          pc_client_send_verification_email_async (PcClient            *self,
                                                       const char          *idp_url,
                                                       const char          *idp_key,
                                                       const char          *id_token,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      pc_client_send_verification_email_finish (PcClient          *self,
                                                        GAsyncResult      *result,
                                                        GError           **error);
void          pc_client_send_password_reset_async (PcClient            *self,
                                                   const char          *idp_url,
                                                   const char          *idp_key,
                                                   const char          *email,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      pc_client_send_password_reset_finish (PcClient           *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

/* A profile picture, without credentials */
#define PC_PICTURE_MAX_BYTES (4 * 1024 * 1024)
/* Wider or higher pictures are refused before anything decodes them. */
#define PC_PICTURE_MAX_SIDE 4096
gboolean      pc_picture_get_size                (GBytes              *data,
                                                  guint               *width,
                                                  guint               *height);
void          pc_client_fetch_picture_async      (PcClient            *self,
                                                  const char          *url,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GBytes       *pc_client_fetch_picture_finish     (PcClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Any request to the signed-in server, for `pupil-cloud api`: the answer as
 * it came, whatever its status. */
typedef struct
{
  guint status;
  char *reason;
  const char *http_version;
  GStrv headers; /* name, value, name, value… */
  GBytes *body;  /* decoded */
} PcRawResponse;

void           pc_raw_response_free         (PcRawResponse       *response);
const char    *pc_raw_response_get_header   (PcRawResponse       *response,
                                             const char          *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcRawResponse, pc_raw_response_free)
gboolean       pc_client_is_reserved_header (const char          *name);
GUri          *pc_client_resolve_path       (PcClient            *self,
                                             const char          *path,
                                             GError             **error);
void           pc_client_send_raw_async     (PcClient            *self,
                                             const char          *method,
                                             const char          *path,
                                             const char * const  *headers,
                                             GBytes              *body,
                                             const char          *content_type,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PcRawResponse *pc_client_send_raw_finish    (PcClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
