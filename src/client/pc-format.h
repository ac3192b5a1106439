/* pc-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words for people, shared by the command line and the desktop app.
 */
#pragma once

#include <glib.h>

#include "pc-invitation.h"
#include "pc-token.h"

G_BEGIN_DECLS

/**
 * PcAnswer:
 * @PC_ANSWER_FAILED: not answered; the error says why
 * @PC_ANSWER_JOINED: accepted: the person is a member now
 * @PC_ANSWER_ALREADY_MEMBER: a 409 to an accept: a member already, which
 *   is what the person wanted
 * @PC_ANSWER_DECLINED: declined
 * @PC_ANSWER_NO_LONGER_VALID: a 404 or 410: withdrawn, expired or answered
 *   elsewhere; there is nothing left to answer
 *
 * What an answer to an invitation came to.
 */
typedef enum {
  PC_ANSWER_FAILED,
  PC_ANSWER_JOINED,
  PC_ANSWER_ALREADY_MEMBER,
  PC_ANSWER_DECLINED,
  PC_ANSWER_NO_LONGER_VALID,
} PcAnswer;

char       *pc_format_relative_date (GDateTime  *date,
                                     GDateTime  *now);
const char *pc_format_role          (const char *role);
const char *pc_format_role_summary  (const char *role);
char       *pc_format_short_id      (const char *id);
char       *pc_format_workspace_title (const char *workspace_id,
                                       const char *name);
char       *pc_format_token_title   (PcToken    *token,
                                     const char *local_name);
char       *pc_format_token_title_from_fields (const char *id,
                                               const char *name,
                                               const char *local_name);
char       *pc_format_masked_token  (const char *token);
char       *pc_format_exact_date    (GDateTime  *date);

char       *pc_format_invitation_role    (PcInvitation *invitation);
const char *pc_format_invitation_inviter (PcInvitation *invitation);
char       *pc_format_invitation_expiry  (PcInvitation *invitation,
                                          GDateTime    *now);
char       *pc_format_invitation_summary (PcInvitation *invitation,
                                          GDateTime    *now);

PcAnswer    pc_answer_for_accept    (const GError *error);
PcAnswer    pc_answer_for_decline   (const GError *error);
char       *pc_format_answer        (PcAnswer      answer,
                                     const char   *workspace,
                                     const char   *role);

G_END_DECLS
