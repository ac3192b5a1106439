/* pc-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pc-client.h"
#include "pc-credentials.h"
#include "pc-token-names.h"

G_BEGIN_DECLS

typedef enum {
  PC_SESSION_SIGNED_OUT, /* nobody, or a sign-in that is no longer valid */
  PC_SESSION_SIGNED_IN,  /* checked with the server */
  PC_SESSION_OFFLINE,    /* stored credentials the server could not be asked about */
} PcSessionState;

#define PC_TYPE_SESSION_STATE (pc_session_state_get_type ())
GType pc_session_state_get_type (void) G_GNUC_CONST;

#define PC_TYPE_SESSION (pc_session_get_type ())
G_DECLARE_FINAL_TYPE (PcSession, pc_session, PC, SESSION, GObject)

PcSession      *pc_session_new                (const char          *server,
                                               GError             **error);
const char     *pc_session_get_server         (PcSession           *self);
gboolean        pc_session_set_server         (PcSession           *self,
                                               const char          *server,
                                               GError             **error);
PcClient       *pc_session_get_client         (PcSession           *self);
PcSessionState  pc_session_get_state          (PcSession           *self);
PcProfile      *pc_session_get_profile        (PcSession           *self);
const char     *pc_session_get_account        (PcSession           *self);
const char     *pc_session_get_display_name   (PcSession           *self);
gboolean        pc_session_get_remembered     (PcSession           *self);
gboolean        pc_session_get_restoring      (PcSession           *self);
PcCredentialsKind pc_session_get_credentials_kind (PcSession       *self);
GCancellable   *pc_session_get_cancellable    (PcSession           *self);
const char     *pc_session_get_workspace_id   (PcSession           *self);
const char     *pc_session_get_offline_reason (PcSession           *self);
void            pc_session_set_workspace_id   (PcSession           *self,
                                               const char          *workspace_id);
gboolean        pc_session_report_error       (PcSession           *self,
                                               const GError        *error);
void            pc_session_set_profile        (PcSession           *self,
                                               PcProfile           *profile);
PcTokenNames   *pc_session_get_token_names    (PcSession           *self);

void            pc_session_look_ahead         (const char          *server,
                                               gboolean             with_tokens);
void            pc_session_restore_async      (PcSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        pc_session_restore_finish     (PcSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void            pc_session_refresh_async      (PcSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        pc_session_refresh_finish     (PcSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void            pc_session_sign_in_with_token_async (PcSession           *self,
                                                     const char          *token,
                                                     const char          *workspace_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void            pc_session_sign_in_with_password_async (PcSession           *self,
                                                        const char          *idp_url,
                                                        const char          *idp_key,
                                                        const char          *email,
                                                        const char          *password,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
void            pc_session_register_async     (PcSession           *self,
                                               const char          *idp_url,
                                               const char          *idp_key,
                                               const char          *email,
                                               const char          *password,
                                               gboolean             product_updates,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        pc_session_get_verification_sent (PcSession        *self);
gboolean        pc_session_get_can_resend_verification (PcSession  *self);
void            pc_session_resend_verification_async (PcSession           *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        pc_session_resend_verification_finish (PcSession           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean        pc_session_sign_in_finish     (PcSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void            pc_session_sign_out_async     (PcSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        pc_session_sign_out_finish    (PcSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

void            pc_session_unregister_async   (PcSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        pc_session_unregister_finish  (PcSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
