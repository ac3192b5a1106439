/* pc-session-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the session's files share: the object is one, its flows are kept
 * apart by concern (pc-session-restore.c, pc-session-sign-in.c,
 * pc-session-sign-out.c). Only pc-session.c notifies, through the setters
 * below, so that every property changes in one place.
 */
#pragma once

#include "pc-session.h"
#include "pc-token-names.h"

G_BEGIN_DECLS

struct _PcSession
{
  GObject parent_instance;

  PcClient *client;
  PcProfile *profile;
  GCancellable *cancellable;
  char *account;      /* email: from the profile, or the keyring when offline */
  char *display_name; /* the name last seen */
  PcSessionState state;
  char *offline_reason; /* why the sign-in could not be confirmed */
  gboolean remembered;
  gboolean keyring_available;
  /* The identity provider's ID token of this run's password sign-in or
   * sign-up, to ask for another confirmation email: never stored. */
  char *id_token;
  char *idp_url;
  char *idp_key;
  gboolean verification_sent; /* by the sign-up that made this session */
  gboolean restoring;         /* a stored sign-in found, the server not yet heard */
  char *stored_account;       /* the email the keyring held, which the profile may have changed */
  PcTokenNames *token_names;  /* read when first asked for */
};

void     _pc_session_wipe               (char         **text);
void     _pc_session_set_state          (PcSession     *self,
                                         PcSessionState state);
void     _pc_session_go_offline         (PcSession     *self,
                                         const GError  *error);
void     _pc_session_set_offline_reason (PcSession     *self,
                                         const char    *reason);
void     _pc_session_set_account        (PcSession     *self,
                                         const char    *account,
                                         const char    *display_name);
void     _pc_session_apply_stored       (PcSession     *self,
                                         PcCredentials *credentials);
void     _pc_session_set_restoring      (PcSession     *self,
                                         gboolean       restoring);
void     _pc_session_set_remembered     (PcSession     *self,
                                         gboolean       remembered);
void     _pc_session_set_id_token       (PcSession     *self,
                                         const char    *id_token,
                                         const char    *idp_url,
                                         const char    *idp_key);
void     _pc_session_note_keyring_error (PcSession     *self,
                                         const GError  *error);
void     _pc_session_renew_cancellable  (PcSession     *self);
gboolean _pc_session_task_finish_boolean (PcSession     *self,
                                          GAsyncResult  *result,
                                          gpointer       source_tag,
                                          GError       **error);
void     _pc_session_end                (PcSession     *self,
                                         gboolean       expired,
                                         gboolean       forget);

G_END_DECLS
