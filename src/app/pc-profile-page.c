/* pc-profile-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who the person is in Pupil Cloud, and what of it they may change: the
 * account, the workspaces (one is chosen here, as in the header menu), and
 * deleting the account. What they may edit is in pc-profile-page-form.c,
 * the picture in pc-profile-page-picture.c.
 */
#define G_LOG_DOMAIN "PcProfilePage"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-messages.h"
#include "pc-profile-page-private.h"

G_DEFINE_FINAL_TYPE (PcProfilePage, pc_profile_page, ADW_TYPE_BIN)

enum { ACCOUNT_DELETED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Showing the profile */

static void
copy_clicked (GtkButton *button)
{
  const char *text = g_object_get_data (G_OBJECT (button), "pc-copy");
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  if (overlay != NULL)
    pc_a11y_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Copied")));
}

static void
add_account_row (PcProfilePage *self,
                 const char    *title,
                 const char    *value,
                 const char    *shown)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy;
  g_autofree char *tooltip = g_strdup_printf (_("Copy %s"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown ? shown : value);
  if (value != NULL && *value != '\0')
    {
      copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      g_object_set_data_full (G_OBJECT (copy), "pc-copy", g_strdup (value), g_free);
      g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
    }
  adw_preferences_group_add (self->account_group, row);
  g_ptr_array_add (self->account_rows, row);
}

static const char *
provider_name (const char *provider)
{
  if (provider == NULL)
    return _("Unknown");
  if (g_str_equal (provider, "password"))
    return _("Email and password");
  if (g_str_equal (provider, "google.com"))
    return "Google";
  if (g_str_equal (provider, "apple.com"))
    return "Apple";
  if (g_str_equal (provider, "microsoft.com"))
    return "Microsoft";
  return provider;
}

static void
show_account (PcProfilePage *self,
              PcProfile     *profile)
{
  const char *email = pc_profile_get_email (profile);
  GDateTime *onboarded = pc_profile_get_onboarded_at (profile);
  /* Translators: an email address, then whether it was verified. */
  g_autofree char *email_shown = g_strdup_printf (_("%s (%s)"), email,
                                                  pc_profile_get_email_verified (profile) ? _("verified")
                                                                                          : _("not verified"));
  g_autofree char *onboarded_text = NULL;
  g_autofree char *onboarded_shown = NULL;

  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->account_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);

  if (onboarded != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (onboarded);
      onboarded_text = g_date_time_format_iso8601 (onboarded);
      onboarded_shown = g_date_time_format (local, "%x");
    }
  add_account_row (self, _("Email"), email, email_shown);
  add_account_row (self, _("Sign-In Provider"), pc_profile_get_provider (profile),
                   provider_name (pc_profile_get_provider (profile)));
  add_account_row (self, _("User ID"), pc_profile_get_id (profile), NULL);
  add_account_row (self, _("Onboarding Completed"), onboarded_text,
                   onboarded_shown ? onboarded_shown : _("Not yet"));
}

static void
workspace_toggled (GtkCheckButton *check,
                   PcProfilePage  *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "pc-workspace");

  if (!gtk_check_button_get_active (check) ||
      g_strcmp0 (id, pc_session_get_workspace_id (self->session)) == 0)
    return;
  /* The same switch as the header menu's. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.workspace", "s", id);
}

static void
show_workspaces (PcProfilePage *self,
                 PcProfile     *profile)
{
  GListModel *workspaces = pc_profile_get_workspaces (profile);
  const char *active = pc_session_get_workspace_id (self->session);
  const char *default_id = pc_profile_get_default_workspace_id (profile);
  GtkCheckButton *group = NULL;

  /* "default" is the default workspace, by another name. */
  if (g_strcmp0 (active, PC_DEFAULT_WORKSPACE) == 0)
    active = default_id;

  for (guint i = 0; i < self->workspace_rows->len; i++)
    adw_preferences_group_remove (self->workspaces_group, g_ptr_array_index (self->workspace_rows, i));
  g_ptr_array_set_size (self->workspace_rows, 0);

  for (guint i = 0; workspaces != NULL && i < g_list_model_get_n_items (workspaces); i++)
    {
      g_autoptr(PcWorkspaceMembership) membership = g_list_model_get_item (workspaces, i);
      const char *id = pc_workspace_membership_get_workspace_id (membership);
      const char *role = pc_format_role (pc_workspace_membership_get_role (membership));
      g_autofree char *name = pc_workspace_membership_dup_display_name (membership);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      /* Translators: a role in a workspace, and that it is the default one. */
      subtitle = g_strcmp0 (id, default_id) == 0 ? g_strdup_printf (_("%s, default workspace"), role)
                                                 : g_strdup (role);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (check), "pc-workspace", g_strdup (id), g_free);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (id, active) == 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect (check, "toggled", G_CALLBACK (workspace_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The row labels its activatable widget too: said twice otherwise. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      adw_preferences_group_add (self->workspaces_group, row);
      g_ptr_array_add (self->workspace_rows, row);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
    }
}

static void
show_profile (PcProfilePage *self)
{
  PcProfile *profile = pc_session_get_profile (self->session);
  const char *name;

  if (profile == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_set_spinning (self->spinner, pc_session_get_state (self->session) != PC_SESSION_SIGNED_OUT);
      if (pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
        _pc_profile_page_clear_form (self);
      return;
    }
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "profile");

  name = pc_profile_get_display_name (profile);
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->email_label, pc_profile_get_email (profile));
  _pc_profile_page_show_picture (self, pc_profile_get_photo_url (profile));
  _pc_profile_page_show_form (self, profile);
  show_account (self, profile);
  show_workspaces (self, profile);
}

/* Deleting the account */

static void
unregistered_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PcProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pc_session_unregister_finish (PC_SESSION (object), result, &error))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      g_autofree char *message = g_strdup_printf (_("The account was not deleted. %s"),
                                                  pc_messages_for_error (error, PC_MESSAGE_GENERAL));

      /* The sign-in ended first: nothing of it is said any more. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (overlay != NULL && !g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED))
        pc_a11y_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
      return;
    }
  /* What this computer kept of the account went with it in the session. */
  g_signal_emit (self, signals[ACCOUNT_DELETED], 0);
}

static void
confirm_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  const char *email = g_object_get_data (G_OBJECT (dialog), "pc-email");

  adw_message_dialog_set_response_enabled (dialog, "delete",
                                           g_strcmp0 (gtk_editable_get_text (entry), email) == 0);
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 PcProfilePage    *self)
{
  if (!g_str_equal (response, "delete"))
    return;
  /* Not the page's cancellable: a deletion confirmed goes on when the
   * window closes; without one, the session's ends it with the sign-in. */
  pc_session_unregister_async (self->session, NULL, unregistered_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PcProfilePage *self = PC_PROFILE_PAGE (widget);
  PcProfile *profile = pc_session_get_profile (self->session);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (profile == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Delete Your Account?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Your Pupil Cloud account %s is deleted for good: its API tokens stop "
                                    "working and you leave every workspace you are a member of. This cannot be "
                                    "undone.\n\nType your email address to confirm."),
                                  pc_profile_get_email (profile));
  g_object_set_data_full (G_OBJECT (dialog), "pc-email", g_strdup (pc_profile_get_email (profile)), g_free);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), pc_profile_get_email (profile));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_EMAIL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your email address"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete Account"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "delete", FALSE);
  adw_message_dialog_set_default_response (dialog, "delete");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (confirm_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  pc_a11y_name_controls (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  /* Where the person types first; Enter deletes once the address matches. */
  gtk_widget_grab_focus (entry);
}

/* GObject */

static void
pc_profile_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pc_profile_page_parent_class)->map (widget);
  _pc_profile_page_mark_onboarded (PC_PROFILE_PAGE (widget));
}

static void
on_profile_changed (PcProfilePage *self)
{
  show_profile (self);
  _pc_profile_page_mark_onboarded (self);
}

void
pc_profile_page_setup (PcProfilePage *self,
                       PcSession     *session)
{
  g_return_if_fail (PC_IS_PROFILE_PAGE (self));
  g_return_if_fail (PC_IS_SESSION (session));

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::profile", G_CALLBACK (on_profile_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (show_profile), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::workspace-id", G_CALLBACK (show_profile), self, G_CONNECT_SWAPPED);
  show_profile (self);
}

static void
pc_profile_page_dispose (GObject *object)
{
  PcProfilePage *self = PC_PROFILE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* A late answer may keep the page alive a while: deaf to the session. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PC_TYPE_PROFILE_PAGE);
  G_OBJECT_CLASS (pc_profile_page_parent_class)->dispose (object);
}

static void
pc_profile_page_finalize (GObject *object)
{
  PcProfilePage *self = PC_PROFILE_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->workspace_rows, g_ptr_array_unref);
  g_free (self->shown_name);
  g_free (self->shown_photo);
  g_free (self->picture_url);
  g_free (self->onboarded_account);
  G_OBJECT_CLASS (pc_profile_page_parent_class)->finalize (object);
}

static void
pc_profile_page_class_init (PcProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pc_profile_page_dispose;
  object_class->finalize = pc_profile_page_finalize;
  widget_class->map = pc_profile_page_map;

  /* The server deleted the account; the session has ended. */
  signals[ACCOUNT_DELETED] = g_signal_new ("account-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pc-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, stack);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, avatar);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, email_label);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, photo_row);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, updates_switch);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, edit_error);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, account_group);
  gtk_widget_class_bind_template_child (widget_class, PcProfilePage, workspaces_group);
  _pc_profile_page_class_form_init (widget_class);

  gtk_widget_class_install_action (widget_class, "profile.delete", NULL, delete_action);
}

static void
pc_profile_page_init (PcProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pc_a11y_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->account_rows = g_ptr_array_new ();
  self->workspace_rows = g_ptr_array_new ();
  _pc_profile_page_init_form (self);
}
