/* pc-profile-page-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Profile page's form: the name, the picture's address and the
 * product-updates choice. Each change is sent on its own (only what
 * changed), the row busy meanwhile; on success the form shows what the
 * server returned, on failure the typed value stays and the reason shows
 * under the group. A profile that arrives while a field is being edited
 * leaves the edit alone.
 */
#define G_LOG_DOMAIN "PcProfilePage"

#include <glib/gi18n.h>

#include "pc-messages.h"
#include "pc-profile-page-private.h"

#define NAME_MAX_CHARS 100

typedef enum { FIELD_NAME, FIELD_PHOTO, FIELD_UPDATES, FIELD_ONBOARDED } Field;

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
  GtkWidget *spinner = field == FIELD_NAME    ? self->name_spinner
                       : field == FIELD_PHOTO ? self->photo_spinner
                                              : NULL;

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
  PcProfilePage *self;
  Field field;
  GCancellable *sign_in;
  GCancellable *call;
} Save;

static void
save_free (Save *save)
{
  g_clear_object (&save->self);
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
  PcProfilePage *self = save->self;
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

  data->self = g_object_ref (self);
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
void
_pc_profile_page_mark_onboarded (PcProfilePage *self)
{
  PcProfile *profile = pc_session_get_profile (self->session);
  g_autoptr(PcProfileChanges) changes = NULL;

  if (profile == NULL || pc_profile_get_onboarded_at (profile) != NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)) || pc_session_get_state (self->session) != PC_SESSION_SIGNED_IN ||
      g_strcmp0 (self->onboarded_account, pc_profile_get_id (profile)) == 0)
    return;
  g_free (self->onboarded_account);
  self->onboarded_account = g_strdup (pc_profile_get_id (profile));
  changes = pc_profile_changes_new ();
  pc_profile_changes_set_onboarded (changes, TRUE);
  save (self, FIELD_ONBOARDED, changes);
}

static GtkWidget *
row_spinner (AdwEntryRow *row)
{
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_widget_set_visible (spinner, FALSE);
  adw_entry_row_add_suffix (row, spinner);
  return spinner;
}

/* The profile in the form, leaving alone a field being edited. */
void
_pc_profile_page_show_form (PcProfilePage *self,
                            PcProfile     *profile)
{
  show_field (self->name_row, &self->shown_name, pc_profile_get_name (profile));
  show_field (self->photo_row, &self->shown_photo, pc_profile_get_photo_url (profile));
  self->updating_switch = TRUE;
  gtk_switch_set_active (self->updates_switch, pc_profile_get_product_updates_subscribed (profile));
  self->updating_switch = FALSE;
}

/* Nothing of the last person stays for the next. */
void
_pc_profile_page_clear_form (PcProfilePage *self)
{
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

void
_pc_profile_page_init_form (PcProfilePage *self)
{
  self->name_spinner = row_spinner (self->name_row);
  self->photo_spinner = row_spinner (self->photo_row);
}

void
_pc_profile_page_class_form_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_updates_toggled);
}
