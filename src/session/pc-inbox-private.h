/* pc-inbox-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the inbox's files share: pc-inbox.c keeps the list and checks it,
 * pc-inbox-answers.c accepts and declines, pc-inbox-seen.c remembers the
 * invitations already announced.
 */
#pragma once

#include "pc-inbox.h"

G_BEGIN_DECLS

struct _PcInbox
{
  GObject parent_instance;

  PcSession *session;
  GListStore *store;        /* waiting soonest-expiring first, then the expired */
  GHashTable *answering;    /* id → PcInvitation with a call in flight */
  GHashTable *declines;     /* id → Decline waiting for its Undo time */
  GHashTable *answered_at;  /* id → the answer count when it was answered */
  guint n_answers;          /* answers so far: the age of a list request */
  guint n_waiting;
  guint in_flight;
  gboolean loaded;

  guint check_interval;
  guint check_source;
  guint expiry_source;

  char *seen_path;
  char *seen_group;         /* the server and account the set below is for */
  GHashTable *seen;         /* ids, or NULL before the first check */
};

typedef struct
{
  PcInbox *inbox;
  PcInvitation *invitation;
  guint source;
} Decline;

void     pc_inbox_decline_free        (Decline      *decline);
void     pc_inbox_insert_sorted       (PcInbox      *self,
                                       PcInvitation *invitation);
void     pc_inbox_remove_invitation   (PcInbox      *self,
                                       PcInvitation *invitation);
void     pc_inbox_call_started        (PcInbox      *self);
void     pc_inbox_call_ended          (PcInbox      *self);
void     pc_inbox_emit_answered       (PcInbox      *self,
                                       PcInvitation *invitation);
void     pc_inbox_emit_decline_failed (PcInbox      *self,
                                       PcInvitation *invitation,
                                       const GError *error);
void     pc_inbox_seen_load           (PcInbox      *self);
void     pc_inbox_seen_save           (PcInbox      *self);
gboolean pc_inbox_is_answering        (PcInbox      *self,
                                       PcInvitation *invitation);

G_END_DECLS
