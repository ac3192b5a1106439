/* pc-invitation-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Open an Invitation": a token or a link pasted here (or arriving as a
 * pupil-cloud://invite/ address) is looked up, its details are shown, and
 * it can be accepted or declined. What was typed stays when the lookup
 * fails, with the reason under it.
 */
#define G_LOG_DOMAIN "PcInvitationDialog"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-invitation-dialog.h"
#include "pc-invitation-row.h"
#include "pc-messages.h"

struct _PcInvitationDialog
{
  AdwWindow parent_instance;

  PcInbox *inbox;
  PcInvitation *invitation;
  GCancellable *cancellable;
  char *token;              /* the one being looked up */

  GtkStack *stack;
  AdwEntryRow *entry;
  GtkLabel *error_label;
  GtkButton *open_button;
  GtkSpinner *spinner;
  AdwStatusPage *details;
  GtkLabel *details_error;
  GtkWidget *accept_button;
  GtkWidget *decline_button;
};

G_DEFINE_FINAL_TYPE (PcInvitationDialog, pc_invitation_dialog, ADW_TYPE_WINDOW)

enum { ACCEPTED, DECLINED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_busy (PcInvitationDialog *self,
          gboolean            busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* The field stays as it is: a focused text made insensitive loses its
   * focus without being told (GTK 4.8), and what was typed is kept anyway. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), !busy);
  gtk_widget_set_sensitive (self->accept_button, !busy);
  gtk_widget_set_sensitive (self->decline_button, !busy);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
show_details (PcInvitationDialog *self)
{
  g_autofree char *workspace = pc_invitation_dup_workspace_name (self->invitation);
  g_autofree char *description = pc_format_invitation_summary (self->invitation, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean expired = pc_invitation_is_expired (self->invitation, now);

  adw_status_page_set_title (self->details, workspace);
  adw_status_page_set_description (self->details, description);
  gtk_widget_set_visible (self->accept_button, !expired);
  gtk_button_set_label (GTK_BUTTON (self->decline_button), expired ? _("_Remove") : _("_Decline"));
  show_error (self->details_error, NULL);
  gtk_stack_set_visible_child_name (self->stack, "details");
  pc_a11y_name_controls (GTK_WIDGET (self));
  gtk_widget_grab_focus (expired ? self->decline_button : self->accept_button);
}

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PcInvitationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcInvitation) invitation = NULL;

  invitation = pc_client_get_invitation_finish (PC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (invitation == NULL)
    {
      g_autofree char *message = pc_messages_for_answer (NULL, PC_ANSWER_FAILED, error);

      if (pc_session_report_error (pc_inbox_get_session (self->inbox), error))
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }
      gtk_stack_set_visible_child_name (self->stack, "ask");
      show_error (self->error_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
      return;
    }
  /* The answer may leave out the token it was asked for. */
  g_clear_object (&self->invitation);
  self->invitation = pc_invitation_with_token (invitation, self->token);
  show_details (self);
}

/**
 * pc_invitation_dialog_look_up:
 * @text: a token, or a link that holds one
 *
 * Puts @text in the field and looks the invitation up; the dialog shows
 * why when there is none.
 */
void
pc_invitation_dialog_look_up (PcInvitationDialog *self,
                              const char         *text)
{
  g_autofree char *token = NULL;
  PcSession *session;

  g_return_if_fail (PC_IS_INVITATION_DIALOG (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  token = pc_invitation_token_from_text (text);
  if (token == NULL)
    {
      show_error (self->error_label, _("This is not an invitation token or link. Paste the whole link from the "
                                       "invitation email."));
      return;
    }
  show_error (self->error_label, NULL);
  set_busy (self, TRUE);
  session = pc_inbox_get_session (self->inbox);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_free (self->token);
  self->token = g_strdup (token);
  pc_client_get_invitation_async (pc_session_get_client (session), token, self->cancellable, get_cb,
                                  g_object_ref (self));
}

static void
on_open (PcInvitationDialog *self)
{
  pc_invitation_dialog_look_up (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
on_entry_changed (PcInvitationDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), *text != '\0');
}

static void
accept_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PcInvitationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PcAnswer answer;

  answer = pc_inbox_accept_finish (PC_INBOX (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    return;
  message = pc_messages_for_answer (self->invitation, answer, error);
  if (answer != PC_ANSWER_FAILED)
    {
      /* Done with, one way or the other: the window says how, also when
       * this dialog was closed meanwhile. */
      g_signal_emit (self, signals[ACCEPTED], 0, message);
      if (!g_cancellable_is_cancelled (self->cancellable))
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* Closed meanwhile: nothing left to show the failure in. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);
  if (pc_session_report_error (pc_inbox_get_session (self->inbox), error))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  show_error (self->details_error, message);
}

static void
on_accept (PcInvitationDialog *self)
{
  set_busy (self, TRUE);
  /* The answer is the inbox's: it goes on if the dialog closes. */
  pc_inbox_accept_async (self->inbox, self->invitation, NULL, accept_cb, g_object_ref (self));
}

static void
on_decline (PcInvitationDialog *self)
{
  g_signal_emit (self, signals[DECLINED], 0, self->invitation);
  gtk_window_close (GTK_WINDOW (self));
}

PcInvitation *
pc_invitation_dialog_get_invitation (PcInvitationDialog *self)
{
  g_return_val_if_fail (PC_IS_INVITATION_DIALOG (self), NULL);
  return self->invitation;
}

/* The field may still hold the focus, its cursor blinking: let it go
 * before the window does (GTK 4.8 warns otherwise). */
static gboolean
pc_invitation_dialog_close_request (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (pc_invitation_dialog_parent_class)->close_request (window);
}

static void
pc_invitation_dialog_dispose (GObject *object)
{
  PcInvitationDialog *self = PC_INVITATION_DIALOG (object);

  /* A lookup stops; an accept already sent goes on in the inbox. */
  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (pc_invitation_dialog_parent_class)->dispose (object);
}

static void
pc_invitation_dialog_finalize (GObject *object)
{
  PcInvitationDialog *self = PC_INVITATION_DIALOG (object);

  g_clear_object (&self->inbox);
  g_clear_object (&self->invitation);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->token, g_free);
  G_OBJECT_CLASS (pc_invitation_dialog_parent_class)->finalize (object);
}

static void
pc_invitation_dialog_class_init (PcInvitationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pc_invitation_dialog_dispose;
  object_class->finalize = pc_invitation_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = pc_invitation_dialog_close_request;

  /* Accepted, already a member, or no longer valid: the sentence to show. */
  signals[ACCEPTED] = g_signal_new ("accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DECLINED] = g_signal_new ("declined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, PC_TYPE_INVITATION);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
pill (const char *label,
      const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static void
pc_invitation_dialog_init (PcInvitationDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *ask = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *hint;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *details_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_window_set_title (GTK_WINDOW (self), _("Open an Invitation"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), header);

  /* Asking for the token */
  gtk_widget_set_margin_start (ask, 18);
  gtk_widget_set_margin_end (ask, 18);
  gtk_widget_set_margin_bottom (ask, 18);
  hint = gtk_label_new (_("Paste the invitation token, or the link from the invitation email."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_box_append (GTK_BOX (ask), hint);
  self->entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry), _("Invitation token or link"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->entry), FALSE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (ask), list);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (ask), GTK_WIDGET (self->error_label));
  self->open_button = GTK_BUTTON (pill (_("_Look Up"), "suggested-action"));
  gtk_widget_set_halign (GTK_WIDGET (self->open_button), GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), FALSE);
  gtk_box_append (GTK_BOX (ask), GTK_WIDGET (self->open_button));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect_swapped (self->entry, "entry-activated", G_CALLBACK (on_open), self);
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (on_open), self);

  /* The invitation found */
  self->details = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->details, "mail-unread-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->details), "compact");
  self->details_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->details_error, TRUE);
  gtk_label_set_justify (self->details_error, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->details_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->details_error), FALSE);
  self->decline_button = pill (_("_Decline"), NULL);
  self->accept_button = pill (_("_Accept"), "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), self->decline_button);
  gtk_box_append (GTK_BOX (buttons), self->accept_button);
  gtk_box_append (GTK_BOX (details_box), GTK_WIDGET (self->details_error));
  gtk_box_append (GTK_BOX (details_box), buttons);
  adw_status_page_set_child (self->details, details_box);
  g_signal_connect_swapped (self->accept_button, "clicked", G_CALLBACK (on_accept), self);
  g_signal_connect_swapped (self->decline_button, "clicked", G_CALLBACK (on_decline), self);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_add_named (self->stack, ask, "ask");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->details), "details");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
  self->cancellable = g_cancellable_new ();
  pc_a11y_name_controls (GTK_WIDGET (self));
  /* Opens where the person pastes. */
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

PcInvitationDialog *
pc_invitation_dialog_new (GtkWindow *parent,
                          PcInbox   *inbox)
{
  PcInvitationDialog *self;

  g_return_val_if_fail (PC_IS_INBOX (inbox), NULL);

  self = g_object_new (PC_TYPE_INVITATION_DIALOG, "transient-for", parent, NULL);
  self->inbox = g_object_ref (inbox);
  return self;
}
