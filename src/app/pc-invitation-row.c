/* pc-invitation-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One invitation: the workspace, the role and what it allows, who invited,
 * and how long the invitation stays valid; Accept and Decline beside it,
 * or only Remove once it has expired; neither, and a line saying where to
 * answer, when the server sent it without its token.
 */
#define G_LOG_DOMAIN "PcInvitationRow"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-invitation-row.h"

struct _PcInvitationRow
{
  AdwActionRow parent_instance;

  PcInvitation *invitation;
  GtkWidget *buttons;
  GtkWidget *accept_button;
  GtkWidget *decline_button;
  GtkWidget *spinner;
  gboolean expired;
};

G_DEFINE_FINAL_TYPE (PcInvitationRow, pc_invitation_row, ADW_TYPE_ACTION_ROW)


void
pc_invitation_row_update (PcInvitationRow *self,
                          GDateTime       *now)
{
  g_autofree char *description = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GDateTime) clock = NULL;
  gboolean answerable;

  g_return_if_fail (PC_IS_INVITATION_ROW (self));

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();
  description = pc_format_invitation_summary (self->invitation, now);
  self->expired = pc_invitation_is_expired (self->invitation, now);
  answerable = pc_invitation_can_answer (self->invitation);
  if (!answerable && !self->expired)
    {
      /* Sent without its token: the email's link has it. */
      g_autofree char *line = g_strconcat (description, "\n", _("Answer it with the link in the invitation email."),
                                           NULL);
      g_free (description);
      description = g_steal_pointer (&line);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), description);

  gtk_widget_set_visible (self->accept_button, answerable && !self->expired);
  gtk_widget_set_visible (self->decline_button, answerable);
  gtk_button_set_label (GTK_BUTTON (self->decline_button), self->expired ? _("_Remove") : _("_Decline"));
  if (self->expired)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");

  /* The buttons say which invitation they answer. */
  workspace = pc_invitation_dup_workspace_name (self->invitation);
  label = g_strdup_printf (_("Accept the invitation to %s"), workspace);
  gtk_widget_set_tooltip_text (self->accept_button, label);
  g_free (label);
  label = g_strdup_printf (self->expired ? _("Remove the expired invitation to %s")
                                         : _("Decline the invitation to %s"), workspace);
  gtk_widget_set_tooltip_text (self->decline_button, label);
  pc_a11y_name_controls (GTK_WIDGET (self));
}

PcInvitation *
pc_invitation_row_get_invitation (PcInvitationRow *self)
{
  g_return_val_if_fail (PC_IS_INVITATION_ROW (self), NULL);
  return self->invitation;
}

static void
pc_invitation_row_finalize (GObject *object)
{
  PcInvitationRow *self = PC_INVITATION_ROW (object);

  g_clear_object (&self->invitation);
  G_OBJECT_CLASS (pc_invitation_row_parent_class)->finalize (object);
}

static void
pc_invitation_row_class_init (PcInvitationRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pc_invitation_row_finalize;
}

static void
pc_invitation_row_init (PcInvitationRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* Names come from the server: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  self->decline_button = gtk_button_new_with_mnemonic (_("_Decline"));
  self->accept_button = gtk_button_new_with_mnemonic (_("_Accept"));
  gtk_widget_add_css_class (self->accept_button, "suggested-action");
  /* The buttons apart, to be made insensitive together. */
  self->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->buttons), self->decline_button);
  gtk_box_append (GTK_BOX (self->buttons), self->accept_button);
  gtk_box_append (GTK_BOX (box), self->spinner);
  gtk_box_append (GTK_BOX (box), self->buttons);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), box);
  /* The page (or whatever holds the rows) answers: "inbox.accept" and
   * "inbox.decline" with the invitation's key. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accept_button), "inbox.accept");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->decline_button), "inbox.decline");
}

GtkWidget *
pc_invitation_row_new (PcInvitation *invitation)
{
  PcInvitationRow *self;
  g_autofree char *workspace = NULL;

  g_return_val_if_fail (PC_IS_INVITATION (invitation), NULL);

  self = g_object_new (PC_TYPE_INVITATION_ROW, NULL);
  self->invitation = g_object_ref (invitation);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->accept_button), "s", pc_invitation_get_key (invitation));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->decline_button), "s", pc_invitation_get_key (invitation));
  /* While an answer is on its way, a second click sends nothing. */
  g_object_bind_property (invitation, "answering", self->buttons, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (invitation, "answering", self->spinner, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (invitation, "answering", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  workspace = pc_invitation_dup_workspace_name (invitation);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), workspace);
  pc_invitation_row_update (self, NULL);
  return GTK_WIDGET (self);
}
