/* pc-invitations-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invitations waiting for an answer. Accept is one click; Decline
 * takes the row away at once and gives a few seconds to undo before the
 * server hears of it. The list is the inbox's, shared with the
 * notifications, so both always agree.
 */
#define G_LOG_DOMAIN "PcInvitationsPage"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-invitation-dialog.h"
#include "pc-invitation-row.h"
#include "pc-invitations-page.h"
#include "pc-messages.h"

struct _PcInvitationsPage
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_status;
  GtkLabel *count_label;
  GtkListBox *list_box;

  PcInbox *inbox;
  GCancellable *cancellable;
  gint64 last_refresh;
  guint clock_source;
  gboolean failed;
};

G_DEFINE_FINAL_TYPE (PcInvitationsPage, pc_invitations_page, ADW_TYPE_BIN)

/* Showing the page again after this long asks the server again. */
#define STALE_SECONDS 30

static gboolean
toast (PcInvitationsPage *self,
       AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_object_unref (g_object_ref_sink (toast));
      return FALSE;
    }
  pc_a11y_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

static void
say (PcInvitationsPage *self,
     const char        *message)
{
  toast (self, adw_toast_new (message));
}

static void
update_view (PcInvitationsPage *self)
{
  guint total = g_list_model_get_n_items (pc_inbox_get_model (self->inbox));
  guint waiting = pc_inbox_get_n_waiting (self->inbox);
  g_autofree char *count = NULL;

  if (total > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (pc_inbox_get_loaded (self->inbox))
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, self->failed ? "error" : "loading");
  gtk_spinner_set_spinning (self->spinner,
                            g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading"));

  if (waiting > 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invitation waits for your answer",
                                          "%u invitations wait for your answer", waiting), waiting);
  else
    count = g_strdup (_("No invitation waits for your answer"));
  gtk_label_set_label (self->count_label, count);
}

/* Refreshing */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PcInvitationsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pc_inbox_refresh_finish (PC_INBOX (object), result, &error))
    {
      self->failed = FALSE;
      update_view (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, PC_ERROR, PC_ERROR_NOT_SIGNED_IN) ||
      pc_session_get_state (pc_inbox_get_session (self->inbox)) == PC_SESSION_SIGNED_OUT)
    return;
  /* The list on screen stays; an empty page says why it is empty. */
  self->failed = TRUE;
  if (g_list_model_get_n_items (pc_inbox_get_model (self->inbox)) > 0 || pc_inbox_get_loaded (self->inbox))
    say (self, pc_messages_for_error (error, PC_MESSAGE_GENERAL));
  else
    adw_status_page_set_description (self->error_status, pc_messages_for_error (error, PC_MESSAGE_GENERAL));
  update_view (self);
}

void
pc_invitations_page_refresh (PcInvitationsPage *self)
{
  g_return_if_fail (PC_IS_INVITATIONS_PAGE (self));

  if (self->inbox == NULL ||
      pc_session_get_state (pc_inbox_get_session (self->inbox)) != PC_SESSION_SIGNED_IN)
    return;
  self->last_refresh = g_get_monotonic_time ();
  self->failed = FALSE;
  update_view (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  pc_inbox_refresh_async (self->inbox, self->cancellable, refresh_cb, g_object_ref (self));
}

/* Answering */

static void
accept_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PcInvitationsPage) self = user_data;
  g_autoptr(PcInvitation) invitation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PcAnswer answer;

  answer = pc_inbox_accept_finish (PC_INBOX (object), result, &invitation, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) ||
      pc_session_get_state (pc_inbox_get_session (self->inbox)) == PC_SESSION_SIGNED_OUT)
    return;
  message = pc_messages_for_answer (invitation, answer, error);
  say (self, message);
}

static void
accept (PcInvitationsPage *self,
        PcInvitation      *invitation)
{
  pc_inbox_accept_async (self->inbox, invitation, NULL, accept_cb, g_object_ref (self));
}

static void
undo_clicked (AdwToast          *toast,
              PcInvitationsPage *self)
{
  pc_inbox_undo_decline (self->inbox, g_object_get_data (G_OBJECT (toast), "pc-invitation-id"));
}

/* The offer to undo has gone (timed out, closed, or replaced): decline. A
 * toast that waited its turn behind another still gives its full time. */
static void
undo_dismissed (AdwToast          *toast,
                PcInvitationsPage *self)
{
  pc_inbox_commit_decline (self->inbox, g_object_get_data (G_OBJECT (toast), "pc-invitation-id"));
}

static void
decline (PcInvitationsPage *self,
         PcInvitation      *invitation)
{
  g_autofree char *workspace = pc_invitation_dup_workspace_name (invitation);
  g_autofree char *title = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  AdwToast *undo;

  if (!pc_invitation_can_answer (invitation))
    return;
  pc_inbox_decline_later (self->inbox, invitation, 0);
  title = g_strdup_printf (pc_invitation_is_expired (invitation, now) ? _("Removed the invitation to %s")
                                                                      : _("Declined the invitation to %s"),
                           workspace);
  undo = adw_toast_new (title);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_timeout (undo, PC_INBOX_UNDO_SECONDS);
  g_object_set_data_full (G_OBJECT (undo), "pc-invitation-id", g_strdup (pc_invitation_get_key (invitation)),
                          g_free);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (undo_clicked), self, 0);
  g_signal_connect_object (undo, "dismissed", G_CALLBACK (undo_dismissed), self, 0);
  if (!toast (self, undo))
    pc_inbox_commit_decline (self->inbox, pc_invitation_get_key (invitation));
}

/* The rows' buttons: "inbox.accept" and "inbox.decline" with the
 * invitation's key. One no longer in the inbox is not answered. */
static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PcInvitationsPage *self = PC_INVITATIONS_PAGE (widget);
  PcInvitation *invitation = pc_inbox_find (self->inbox, g_variant_get_string (parameter, NULL));

  if (invitation != NULL)
    accept (self, invitation);
}

static void
decline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PcInvitationsPage *self = PC_INVITATIONS_PAGE (widget);
  PcInvitation *invitation = pc_inbox_find (self->inbox, g_variant_get_string (parameter, NULL));

  if (invitation != NULL)
    decline (self, invitation);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return pc_invitation_row_new (PC_INVITATION (item));
}

static void
on_decline_failed (PcInvitationsPage *self,
                   PcInvitation      *invitation,
                   GError            *error)
{
  g_autofree char *workspace = pc_invitation_dup_workspace_name (invitation);
  /* Translators: the workspace's name, then why, as a sentence. */
  g_autofree char *message = g_strdup_printf (_("The invitation to %s was not declined. %s"), workspace,
                                              pc_messages_for_error (error, PC_MESSAGE_GENERAL));

  say (self, message);
}

/* Opening one by its token */

static void
on_dialog_accepted (PcInvitationsPage *self,
                    const char        *message)
{
  say (self, message);
}

static void
on_dialog_declined (PcInvitationsPage *self,
                    PcInvitation      *invitation)
{
  decline (self, invitation);
}

/**
 * pc_invitations_page_open:
 * @text: (nullable): a token or a link to look up at once
 *
 * Opens the "Open an Invitation" dialog.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
pc_invitations_page_open (PcInvitationsPage *self,
                          const char        *text)
{
  PcInvitationDialog *dialog;

  g_return_val_if_fail (PC_IS_INVITATIONS_PAGE (self), NULL);
  g_return_val_if_fail (self->inbox != NULL, NULL);

  dialog = pc_invitation_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->inbox);
  g_signal_connect_object (dialog, "accepted", G_CALLBACK (on_dialog_accepted), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "declined", G_CALLBACK (on_dialog_declined), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  if (text != NULL)
    pc_invitation_dialog_look_up (dialog, text);
  return GTK_WIDGET (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pc_invitations_page_open (PC_INVITATIONS_PAGE (widget), NULL);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pc_invitations_page_refresh (PC_INVITATIONS_PAGE (widget));
}

/* While shown: countdowns follow the clock, and a stale list is renewed. */

static gboolean
clock_tick (gpointer user_data)
{
  PcInvitationsPage *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (PC_IS_INVITATION_ROW (child))
      pc_invitation_row_update (PC_INVITATION_ROW (child), now);
  return G_SOURCE_CONTINUE;
}

static void
pc_invitations_page_map (GtkWidget *widget)
{
  PcInvitationsPage *self = PC_INVITATIONS_PAGE (widget);

  GTK_WIDGET_CLASS (pc_invitations_page_parent_class)->map (widget);
  clock_tick (self);
  self->clock_source = g_timeout_add_seconds (60, clock_tick, self);
  if (self->last_refresh == 0 ||
      g_get_monotonic_time () - self->last_refresh >= STALE_SECONDS * G_TIME_SPAN_SECOND)
    pc_invitations_page_refresh (self);
}

static void
pc_invitations_page_unmap (GtkWidget *widget)
{
  PcInvitationsPage *self = PC_INVITATIONS_PAGE (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  GTK_WIDGET_CLASS (pc_invitations_page_parent_class)->unmap (widget);
}

static void
on_session_state (PcInvitationsPage *self)
{
  if (pc_session_get_state (pc_inbox_get_session (self->inbox)) == PC_SESSION_SIGNED_OUT)
    {
      self->last_refresh = 0;
      self->failed = FALSE;
    }
  update_view (self);
}

void
pc_invitations_page_setup (PcInvitationsPage *self,
                           PcInbox           *inbox)
{
  g_return_if_fail (PC_IS_INVITATIONS_PAGE (self));
  g_return_if_fail (PC_IS_INBOX (inbox));
  g_return_if_fail (self->inbox == NULL);

  self->inbox = g_object_ref (inbox);
  gtk_list_box_bind_model (self->list_box, pc_inbox_get_model (inbox), create_row, self, NULL);
  g_signal_connect_object (inbox, "notify::n-waiting", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (inbox, "notify::loaded", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pc_inbox_get_model (inbox), "items-changed", G_CALLBACK (update_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (inbox, "decline-failed", G_CALLBACK (on_decline_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pc_inbox_get_session (inbox), "notify::state", G_CALLBACK (on_session_state), self,
                           G_CONNECT_SWAPPED);
  update_view (self);
}

static void
pc_invitations_page_dispose (GObject *object)
{
  PcInvitationsPage *self = PC_INVITATIONS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  /* The stack is both the bin's child and a template child: let go once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PC_TYPE_INVITATIONS_PAGE);
  G_OBJECT_CLASS (pc_invitations_page_parent_class)->dispose (object);
}

static void
pc_invitations_page_finalize (GObject *object)
{
  PcInvitationsPage *self = PC_INVITATIONS_PAGE (object);

  g_clear_object (&self->inbox);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (pc_invitations_page_parent_class)->finalize (object);
}

static void
pc_invitations_page_class_init (PcInvitationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pc_invitations_page_dispose;
  object_class->finalize = pc_invitations_page_finalize;
  widget_class->map = pc_invitations_page_map;
  widget_class->unmap = pc_invitations_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pc-invitations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PcInvitationsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PcInvitationsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PcInvitationsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, PcInvitationsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PcInvitationsPage, list_box);

  gtk_widget_class_install_action (widget_class, "invitations.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "invitations.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "inbox.accept", "s", accept_action);
  gtk_widget_class_install_action (widget_class, "inbox.decline", "s", decline_action);
}

static void
pc_invitations_page_init (PcInvitationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pc_a11y_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
