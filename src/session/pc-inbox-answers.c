/* pc-inbox-answers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answering the inbox's invitations: one answer at a time for each, a 409
 * (already a member) counted as joined, a 404 or 410 taking the invitation
 * out for good; declining waits a few seconds for an Undo.
 */
#define G_LOG_DOMAIN "PcInbox"

#include <glib/gi18n-lib.h>

#include "pc-inbox-private.h"
#include "pupilcloud.h"

void
pc_inbox_decline_free (Decline *decline)
{
  g_clear_handle_id (&decline->source, g_source_remove);
  g_object_unref (decline->invitation);
  g_free (decline);
}


/* Accepting */

/* The state is kept by key, and shown on every copy of the invitation the
 * inbox knows of: the one answered (a dialog may hold its own) and the one
 * in the list. */
static void
set_answering (PcInbox      *self,
               PcInvitation *invitation,
               gboolean      answering)
{
  PcInvitation *listed = pc_inbox_find (self, pc_invitation_get_key (invitation));

  if (answering)
    g_hash_table_insert (self->answering, g_strdup (pc_invitation_get_key (invitation)),
                         g_object_ref (invitation));
  else
    g_hash_table_remove (self->answering, pc_invitation_get_key (invitation));
  pc_invitation_set_answering (invitation, answering);
  if (listed != NULL)
    pc_invitation_set_answering (listed, answering);
}

static void
profile_refreshed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pc_session_refresh_finish (PC_SESSION (object), result, &error))
    g_debug ("The workspaces could not be brought up to date: %s", error->message);
}

/* A list asked for before an answer may still hold what was answered:
 * remembered here, so that such a late list does not bring it back. */
static void
note_answered (PcInbox      *self,
               PcInvitation *invitation)
{
  g_hash_table_insert (self->answered_at, g_strdup (pc_invitation_get_key (invitation)),
                       GUINT_TO_POINTER (++self->n_answers));
}

static void
answered (PcInbox      *self,
          PcInvitation *invitation)
{
  note_answered (self, invitation);
  pc_inbox_remove_invitation (self, invitation);
  pc_inbox_emit_answered (self, invitation);
}

static void
accept_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcInbox *self = g_task_get_source_object (task);
  PcInvitation *invitation = g_task_get_task_data (task);
  g_autoptr(PcWorkspaceMember) member = NULL;
  GError *error = NULL;
  PcAnswer answer;

  member = pc_client_accept_invitation_finish (PC_CLIENT (object), result, &error);
  set_answering (self, invitation, FALSE);
  pc_inbox_call_ended (self);

  answer = pc_answer_for_accept (error);
  if (answer == PC_ANSWER_FAILED)
    {
      pc_session_report_error (self->session, error);
      g_task_return_error (task, error);
      return;
    }
  /* Joined, a member already, or nothing left to accept: it has left. */
  g_clear_error (&error);
  answered (self, invitation);
  if (answer != PC_ANSWER_NO_LONGER_VALID)
    /* The new workspace belongs in the profile and the switcher. */
    pc_session_refresh_async (self->session, pc_session_get_cancellable (self->session), profile_refreshed_cb,
                              NULL);
  g_task_return_int (task, answer);
}

/**
 * pc_inbox_accept_async:
 *
 * Accepts @invitation. A second call for the same invitation while the
 * first runs fails at once with %G_IO_ERROR_PENDING: one request is sent.
 * What it came to is pc_answer_for_accept()'s: a 409 (already a member)
 * counts as success, a 404 or 410 as nothing left to accept, and the
 * invitation leaves the inbox in all three cases. One without a token (see
 * pc_invitation_can_answer()) fails at once with %G_IO_ERROR_NOT_SUPPORTED.
 */
void
pc_inbox_accept_async (PcInbox             *self,
                       PcInvitation        *invitation,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PC_IS_INBOX (self));
  g_return_if_fail (PC_IS_INVITATION (invitation));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_inbox_accept_async);
  g_task_set_task_data (task, g_object_ref (invitation), g_object_unref);
  if (!pc_invitation_can_answer (invitation))
    {
      /* Without its token there is nothing to send. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Answer this invitation with the link in the invitation email."));
      return;
    }
  if (pc_inbox_is_answering (self, invitation) ||
      g_hash_table_contains (self->declines, pc_invitation_get_key (invitation)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("This invitation is already being answered."));
      return;
    }
  set_answering (self, invitation, TRUE);
  pc_inbox_call_started (self);
  pc_client_accept_invitation_async (pc_session_get_client (self->session), pc_invitation_get_token (invitation),
                                     cancellable ? cancellable : pc_session_get_cancellable (self->session),
                                     accept_cb, g_steal_pointer (&task));
}

/**
 * pc_inbox_accept_finish:
 * @invitation: (out) (optional) (transfer full): the invitation answered,
 *   to say which one it was, whatever the outcome
 *
 * Returns: what the accept came to; %PC_ANSWER_FAILED with @error set when
 *   it was not answered
 */
PcAnswer
pc_inbox_accept_finish (PcInbox       *self,
                        GAsyncResult  *result,
                        PcInvitation **invitation,
                        GError       **error)
{
  GError *local_error = NULL;
  gssize answer;

  g_return_val_if_fail (g_task_is_valid (result, self), PC_ANSWER_FAILED);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_inbox_accept_async, PC_ANSWER_FAILED);
  if (invitation != NULL)
    *invitation = g_object_ref (g_task_get_task_data (G_TASK (result)));
  answer = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return PC_ANSWER_FAILED;
    }
  return (PcAnswer) answer;
}

/* Declining, after a moment for Undo */

static void
decline_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Decline *call = user_data;
  g_autoptr(PcInbox) self = call->inbox;
  g_autoptr(PcInvitation) invitation = call->invitation;
  g_autoptr(GError) error = NULL;

  g_free (call);
  pc_client_decline_invitation_finish (PC_CLIENT (object), result, &error);
  set_answering (self, invitation, FALSE);
  pc_inbox_call_ended (self);

  if (pc_answer_for_decline (error) != PC_ANSWER_FAILED)
    {
      /* Out of the list again: one answered while this was on its way
       * still held it. */
      answered (self, invitation);
      return;
    }
  /* Not declined: it comes back, and the person is told why. */
  if (!pc_session_report_error (self->session, error) &&
      pc_session_get_state (self->session) != PC_SESSION_SIGNED_OUT &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pc_inbox_insert_sorted (self, invitation);
      pc_inbox_emit_decline_failed (self, invitation, error);
    }
}

static void
send_decline (PcInbox      *self,
              PcInvitation *invitation)
{
  Decline *call = g_new0 (Decline, 1);

  /* The inbox lives as long as the call: closing a window still sends it. */
  call->inbox = g_object_ref (self);
  call->invitation = g_object_ref (invitation);
  set_answering (self, invitation, TRUE);
  pc_inbox_call_started (self);
  pc_client_decline_invitation_async (pc_session_get_client (self->session), pc_invitation_get_token (invitation),
                                      pc_session_get_cancellable (self->session), decline_cb, call);
}

static gboolean
decline_due (gpointer user_data)
{
  Decline *decline = user_data;
  PcInbox *self = decline->inbox;
  g_autoptr(PcInvitation) invitation = g_object_ref (decline->invitation);

  decline->source = 0;
  g_hash_table_remove (self->declines, pc_invitation_get_key (invitation));
  send_decline (self, invitation);
  return G_SOURCE_REMOVE;
}

/**
 * pc_inbox_decline_later:
 * @delay_seconds: 0 to wait for pc_inbox_commit_decline()
 *
 * Takes @invitation out of the inbox at once and declines it after
 * @delay_seconds, or when committed, unless pc_inbox_undo_decline() brings
 * it back first.
 */
void
pc_inbox_decline_later (PcInbox      *self,
                        PcInvitation *invitation,
                        guint         delay_seconds)
{
  Decline *decline;

  g_return_if_fail (PC_IS_INBOX (self));
  g_return_if_fail (PC_IS_INVITATION (invitation));

  if (!pc_invitation_can_answer (invitation) || pc_inbox_is_answering (self, invitation) ||
      g_hash_table_contains (self->declines, pc_invitation_get_key (invitation)))
    return;
  decline = g_new0 (Decline, 1);
  decline->inbox = self;
  decline->invitation = g_object_ref (invitation);
  if (delay_seconds > 0)
    decline->source = g_timeout_add (delay_seconds * 1000, decline_due, decline);
  g_hash_table_insert (self->declines, g_strdup (pc_invitation_get_key (invitation)), decline);
  pc_inbox_remove_invitation (self, invitation);
}

gboolean
pc_inbox_undo_decline (PcInbox    *self,
                       const char *id)
{
  Decline *decline;
  g_autoptr(PcInvitation) invitation = NULL;

  g_return_val_if_fail (PC_IS_INBOX (self), FALSE);

  decline = g_hash_table_lookup (self->declines, id);
  if (decline == NULL)
    return FALSE;
  invitation = g_object_ref (decline->invitation);
  g_hash_table_remove (self->declines, id);
  pc_inbox_insert_sorted (self, invitation);
  return TRUE;
}

/* Sends the decline of @id now, if it is still waiting. */
void
pc_inbox_commit_decline (PcInbox    *self,
                         const char *id)
{
  Decline *decline;

  g_return_if_fail (PC_IS_INBOX (self));

  decline = g_hash_table_lookup (self->declines, id);
  if (decline == NULL)
    return;
  g_clear_handle_id (&decline->source, g_source_remove);
  decline_due (decline);
}

/* Sends every decline still waiting for its Undo time, now. */
void
pc_inbox_flush_declines (PcInbox *self)
{
  g_autoptr(GList) declines = NULL;

  g_return_if_fail (PC_IS_INBOX (self));

  declines = g_hash_table_get_values (self->declines);
  for (GList *l = declines; l != NULL; l = l->next)
    {
      Decline *decline = l->data;

      g_clear_handle_id (&decline->source, g_source_remove);
      decline_due (decline);
    }
}
