/* pc-profile-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who the person is in Pupil Cloud, and what of it they may change. Each
 * change is sent on its own (only what changed), the row busy meanwhile;
 * on success the page shows what the server returned, on failure the
 * typed value stays and the reason shows under the group. A profile that
 * arrives while a field is being edited leaves the edit alone.
 */
#define G_LOG_DOMAIN "PcProfilePage"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-messages.h"
#include "pc-picture-texture.h"
#include "pc-profile-page.h"
#include "pupilcloud.h"

struct _PcProfilePage
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkSpinner *spinner;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *email_label;
  AdwEntryRow *name_row;
  AdwEntryRow *photo_row;
  GtkSwitch *updates_switch;
  GtkLabel *edit_error;
  AdwPreferencesGroup *account_group;
  AdwPreferencesGroup *workspaces_group;
  GPtrArray *account_rows;    /* rows added to the groups above, to remove them */
  GPtrArray *workspace_rows;

  PcSession *session;
  GCancellable *cancellable;

  char *shown_name;           /* what the server last said, to tell edits apart */
  char *shown_photo;
  char *picture_url;          /* the picture asked for */
  char *onboarded_account;    /* onboarding marked done for this account */
  GtkWidget *name_spinner;
  GtkWidget *photo_spinner;
  gboolean updating_switch;
};

G_DEFINE_FINAL_TYPE (PcProfilePage, pc_profile_page, ADW_TYPE_BIN)

enum { ACCOUNT_DELETED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define NAME_MAX_CHARS 100

typedef enum { FIELD_NAME, FIELD_PHOTO, FIELD_UPDATES, FIELD_ONBOARDED } Field;

static void set_busy (PcProfilePage *self,
                      Field          field,
                      gboolean       busy);

/* Pictures, decoded once per run */

static GHashTable *
picture_cache (void)
{
  static GHashTable *cache;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return cache;
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = pc_picture_texture_new (data, PC_PICTURE_MAX_SIDE, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* A picture on its way: the address asked for travels with it, since the
 * profile may have moved on (another picture, or none) before it arrives. */
typedef struct
{
  PcProfilePage *page;
  char *url;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->page);
  g_free (fetch->url);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree char *url = user_data;
  PcProfilePage *self = PC_PROFILE_PAGE (object);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      /* Initials, said nothing about: a picture is not worth a message. */
      g_debug ("The picture could not be decoded: %s", error->message);
      return;
    }
  /* Kept under the address it came from, shown only if still wanted. */
  g_hash_table_insert (picture_cache (), g_strdup (url), g_object_ref (texture));
  if (g_strcmp0 (url, self->picture_url) == 0)
    adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
  else
    g_debug ("A picture arrived for an address no longer shown; kept for later");
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  PcProfilePage *self = fetch->page;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) decode = NULL;

  bytes = pc_client_fetch_picture_finish (PC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      g_debug ("No picture: %s", error->message);
      return;
    }
  decode = g_task_new (self, self->cancellable, decoded_cb, g_steal_pointer (&fetch->url));
  g_task_set_task_data (decode, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (decode, decode_in_thread);
}

static void
show_picture (PcProfilePage *self,
              const char    *url)
{
  GdkTexture *cached;
  Fetch *fetch;

  if (g_strcmp0 (url, self->picture_url) == 0)
    return;
  g_free (self->picture_url);
  self->picture_url = g_strdup (url);
  cached = url ? g_hash_table_lookup (picture_cache (), url) : NULL;
  adw_avatar_set_custom_image (self->avatar, cached ? GDK_PAINTABLE (cached) : NULL);
  if (url == NULL || cached != NULL)
    return;
  fetch = g_new0 (Fetch, 1);
  fetch->page = g_object_ref (self);
  fetch->url = g_strdup (url);
  pc_client_fetch_picture_async (pc_session_get_client (self->session), url, self->cancellable, fetched_cb, fetch);
}

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

/* Puts the value the server accepted in @row with no Apply button: in
 * libadwaita 1.2 a text set while the row has the focus reveals it as if
 * typed (adw-entry-row.c, text_changed_cb), and only turning
 * show-apply-button off forgets that (adw_entry_row_set_show_apply_button). */
static void
show_saved (AdwEntryRow *row,
            const char  *value)
{
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

/* Puts @value in @row unless the person is editing it. */
static void
show_field (AdwEntryRow  *row,
            char        **shown,
            const char   *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (*shown == NULL || g_strcmp0 (text, *shown) == 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_free (*shown);
  *shown = g_strdup (value ? value : "");
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
        {
          /* Nothing of the last person stays for the next. */
          g_clear_pointer (&self->shown_name, g_free);
          g_clear_pointer (&self->shown_photo, g_free);
          gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
          gtk_editable_set_text (GTK_EDITABLE (self->photo_row), "");
          gtk_widget_set_visible (GTK_WIDGET (self->edit_error), FALSE);
          /* Saves of that sign-in were cancelled with it. */
          set_busy (self, FIELD_NAME, FALSE);
          set_busy (self, FIELD_PHOTO, FALSE);
          set_busy (self, FIELD_UPDATES, FALSE);
        }
      return;
    }
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "profile");

  name = pc_profile_get_display_name (profile);
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->email_label, pc_profile_get_email (profile));
  show_picture (self, pc_profile_get_photo_url (profile));
  show_field (self->name_row, &self->shown_name, pc_profile_get_name (profile));
  show_field (self->photo_row, &self->shown_photo, pc_profile_get_photo_url (profile));
  self->updating_switch = TRUE;
  gtk_switch_set_active (self->updates_switch, pc_profile_get_product_updates_subscribed (profile));
  self->updating_switch = FALSE;
  show_account (self, profile);
  show_workspaces (self, profile);
}

/* Saving */

static void
show_error (PcProfilePage *self,
            const char    *message)
{
  gtk_label_set_label (self->edit_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->edit_error), message != NULL);
}

static void
set_busy (PcProfilePage *self,
          Field          field,
          gboolean       busy)
{
  GtkWidget *spinner = field == FIELD_NAME ? self->name_spinner : field == FIELD_PHOTO ? self->photo_spinner : NULL;

  if (spinner != NULL)
    {
      gtk_widget_set_visible (spinner, busy);
      gtk_spinner_set_spinning (GTK_SPINNER (spinner), busy);
    }
  if (field == FIELD_UPDATES)
    gtk_widget_set_sensitive (GTK_WIDGET (self->updates_switch), !busy);
}

static gboolean
is_busy (PcProfilePage *self,
         Field          field)
{
  GtkWidget *spinner = field == FIELD_NAME ? self->name_spinner : self->photo_spinner;
  return gtk_widget_get_visible (spinner);
}

/* A save belongs to the sign-in it was made in: the session's cancellable
 * of the time, cancelled when that sign-in ends. Its answer, however late,
 * never reaches the next person's page. */
typedef struct
{
  PcProfilePage *page;
  Field field;
  GCancellable *sign_in;
  GCancellable *call;
} Save;

static void
save_free (Save *save)
{
  g_clear_object (&save->page);
  g_clear_object (&save->sign_in);
  g_clear_object (&save->call);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Save, save_free)

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  PcProfilePage *self = save->page;
  Field field = save->field;
  g_autoptr(PcProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = pc_client_update_profile_finish (PC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Answered after sign-out, even if the cancel came too late for the call. */
  if (g_cancellable_is_cancelled (save->sign_in) || g_cancellable_is_cancelled (self->cancellable))
    {
      g_debug ("A profile save answered after its sign-in ended: dropped");
      return;
    }
  set_busy (self, field, FALSE);
  if (profile == NULL)
    {
      g_autofree char *message = NULL;

      if (pc_session_report_error (self->session, error) || field == FIELD_ONBOARDED)
        return;
      if (field == FIELD_UPDATES)
        {
          /* The switch goes back to what is true. */
          PcProfile *current = pc_session_get_profile (self->session);
          self->updating_switch = TRUE;
          gtk_switch_set_active (self->updates_switch,
                                 current != NULL && pc_profile_get_product_updates_subscribed (current));
          self->updating_switch = FALSE;
          /* Translators: the reason follows, as a sentence. */
          message = g_strdup_printf (_("Product updates were not changed. %s"),
                                     pc_messages_for_error (error, PC_MESSAGE_GENERAL));
        }
      else
        message = g_strdup (pc_messages_for_error (error, PC_MESSAGE_GENERAL));
      show_error (self, message);
      return;
    }

  show_error (self, NULL);
  /* What the server returned, in this field too, shown as saved. */
  if (field == FIELD_NAME)
    show_saved (self->name_row, pc_profile_get_name (profile));
  if (field == FIELD_PHOTO)
    show_saved (self->photo_row, pc_profile_get_photo_url (profile));
  pc_session_set_profile (self->session, profile);
}

static void
save (PcProfilePage    *self,
      Field             field,
      PcProfileChanges *changes)
{
  Save *data = g_new0 (Save, 1);

  data->page = g_object_ref (self);
  data->field = field;
  data->sign_in = g_object_ref (pc_session_get_cancellable (self->session));
  /* Cancelled with the page, or when the sign-in ends (as the Tokens page does). */
  data->call = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel), data->call,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (data->sign_in, "cancelled", G_CALLBACK (g_cancellable_cancel), data->call,
                           G_CONNECT_SWAPPED);
  set_busy (self, field, TRUE);
  pc_client_update_profile_async (pc_session_get_client (self->session), changes, data->call, saved_cb, data);
}

static void
on_name_apply (PcProfilePage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(PcProfileChanges) changes = NULL;

  if (is_busy (self, FIELD_NAME))
    return;
  /* Refused here, before anything is sent. */
  if (*name == '\0')
    {
      show_error (self, _("Enter a name."));
      return;
    }
  if (g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
    {
      show_error (self, _("A name can be at most 100 characters long."));
      return;
    }
  changes = pc_profile_changes_new ();
  pc_profile_changes_set_name (changes, name);
  save (self, FIELD_NAME, changes);
}

static gboolean
is_https (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static void
on_photo_apply (PcProfilePage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->photo_row))));
  g_autoptr(PcProfileChanges) changes = NULL;

  if (is_busy (self, FIELD_PHOTO))
    return;
  /* Empty removes the picture. */
  if (*url != '\0' && !is_https (url))
    {
      show_error (self, _("A picture address must start with https://."));
      return;
    }
  changes = pc_profile_changes_new ();
  pc_profile_changes_set_photo_url (changes, *url != '\0' ? url : NULL);
  save (self, FIELD_PHOTO, changes);
}

static void
on_updates_toggled (PcProfilePage *self)
{
  g_autoptr(PcProfileChanges) changes = NULL;

  if (self->updating_switch || self->session == NULL)
    return;
  changes = pc_profile_changes_new ();
  pc_profile_changes_set_product_updates_subscribed (changes, gtk_switch_get_active (self->updates_switch));
  save (self, FIELD_UPDATES, changes);
}

/* Onboarding is done once the person has seen this page, not before. */
static void
mark_onboarded (PcProfilePage *self)
{
  PcProfile *profile = pc_session_get_profile (self->session);
  g_autoptr(PcProfileChanges) changes = NULL;

  if (profile == NULL || pc_profile_get_onboarded_at (profile) != NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      pc_session_get_state (self->session) != PC_SESSION_SIGNED_IN ||
      g_strcmp0 (self->onboarded_account, pc_profile_get_id (profile)) == 0)
    return;
  g_free (self->onboarded_account);
  self->onboarded_account = g_strdup (pc_profile_get_id (profile));
  changes = pc_profile_changes_new ();
  pc_profile_changes_set_onboarded (changes, TRUE);
  save (self, FIELD_ONBOARDED, changes);
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

      if (overlay != NULL && !g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED))
        pc_a11y_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
      return;
    }
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
  /* The session forgets what this computer kept of the account. */
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
  mark_onboarded (PC_PROFILE_PAGE (widget));
}

static void
on_profile_changed (PcProfilePage *self)
{
  show_profile (self);
  mark_onboarded (self);
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
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_updates_toggled);

  gtk_widget_class_install_action (widget_class, "profile.delete", NULL, delete_action);
}

static GtkWidget *
row_spinner (AdwEntryRow *row)
{
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_widget_set_visible (spinner, FALSE);
  adw_entry_row_add_suffix (row, spinner);
  return spinner;
}

static void
pc_profile_page_init (PcProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pc_a11y_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->account_rows = g_ptr_array_new ();
  self->workspace_rows = g_ptr_array_new ();
  self->name_spinner = row_spinner (self->name_row);
  self->photo_spinner = row_spinner (self->photo_row);
}
