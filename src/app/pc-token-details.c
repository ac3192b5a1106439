/* pc-token-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One token in full: its id (copyable), name and exact dates, as GET
 * /auth/tokens/{id} tells them; what the list knew shows until then, and
 * stays if that call fails. The name can be changed here: it is kept on
 * this computer (the API's Token has no name), and whoever shows the
 * token follows PcTokenNames::changed.
 */
#define G_LOG_DOMAIN "PcTokenDetails"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-messages.h"
#include "pc-token-details.h"
#include "pc-token-row.h"

#define MAX_NAME_CHARS 100

struct _PcTokenDetails
{
  AdwWindow parent_instance;

  AdwEntryRow *name;
  AdwActionRow *created;
  AdwActionRow *used;
  GtkLabel *status;
  GtkLabel *name_error;

  PcSession *session;
  PcTokenNames *names;
  PcToken *token;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (PcTokenDetails, pc_token_details, ADW_TYPE_WINDOW)


static void
show_name_error (PcTokenDetails *self,
                 const char     *message)
{
  gtk_label_set_label (self->name_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), message != NULL);
}

/* Keeps the name typed, or forgets the one kept when the field is empty. */
static void
on_name_applied (PcTokenDetails *self)
{
  g_autofree char *name = g_strstrip (g_utf8_make_valid (gtk_editable_get_text (GTK_EDITABLE (self->name)), -1));
  const char *server = pc_session_get_server (self->session);
  const char *id = pc_token_get_id (self->token);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean kept;

  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_autofree char *message = g_strdup_printf (_("The name is longer than %d characters."), MAX_NAME_CHARS);
      show_name_error (self, message);
      return;
    }
  if (*name == '\0')
    kept = pc_token_names_remove (self->names, server, id, &error);
  else
    kept = pc_token_names_set (self->names, server, id, name, &error);
  if (!kept)
    {
      g_debug ("Token name not kept: %s", error->message);
      show_name_error (self, _("The name could not be saved on this computer."));
      return;
    }
  show_name_error (self, NULL);
  title = pc_token_dup_title (self->token, self->names, server);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
set_dates (PcTokenDetails *self,
           PcToken        *token)
{
  g_autofree char *created = pc_format_exact_date (pc_token_get_created_at (token));
  g_autofree char *used = pc_format_exact_date (pc_token_get_last_used_at (token));

  adw_action_row_set_subtitle (self->created, created ? created : _("Unknown"));
  adw_action_row_set_subtitle (self->used, used ? used : _("Never used"));
}

static void
copy_id_cb (GtkButton      *button,
            PcTokenDetails *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), pc_token_get_id (self->token));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static void
get_token_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PcTokenDetails) self = user_data;
  g_autoptr(PcToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = pc_client_get_token_finish (PC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (token != NULL)
    {
      set_dates (self, token);
      gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
    }
  else if (!pc_session_report_error (self->session, error))
    {
      gtk_label_set_label (self->status, pc_messages_for_error (error, PC_MESSAGE_GENERAL));
      gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
    }
}

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, value);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

/* The widgets, once the token is known: built in code, as they are few. */
static void
build (PcTokenDetails *self)
{
  const char *local = pc_token_names_lookup (self->names, pc_session_get_server (self->session),
                                             pc_token_get_id (self->token));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwActionRow *id_row;
  GtkWidget *copy;
  GtkWidget *hint;

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_bottom (content, 12);

  id_row = add_row (group, _("ID"), pc_token_get_id (self->token));
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy ID"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy ID"), -1);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_id_cb), self);
  adw_action_row_add_suffix (id_row, copy);
  self->name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name), _("Name"));
  adw_entry_row_set_show_apply_button (self->name, TRUE);
  /* What the name is now, unless it is only the "Unnamed token" stand-in. */
  if (local != NULL || (pc_token_get_name (self->token) != NULL && *pc_token_get_name (self->token) != '\0'))
    gtk_editable_set_text (GTK_EDITABLE (self->name), local ? local : pc_token_get_name (self->token));
  g_signal_connect_swapped (self->name, "apply", G_CALLBACK (on_name_applied), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->name));
  self->created = add_row (group, _("Created"), NULL);
  self->used = add_row (group, _("Last Used"), NULL);
  set_dates (self, self->token);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (group));

  self->name_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->name_error, TRUE);
  gtk_label_set_xalign (self->name_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->name_error));

  hint = gtk_label_new (_("The name is kept on this computer only: Pupil Cloud does not store names of tokens."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (content), hint);

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
pc_token_details_dispose (GObject *object)
{
  PcTokenDetails *self = PC_TOKEN_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (pc_token_details_parent_class)->dispose (object);
}

static void
pc_token_details_finalize (GObject *object)
{
  PcTokenDetails *self = PC_TOKEN_DETAILS (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->names);
  g_clear_object (&self->token);
  G_OBJECT_CLASS (pc_token_details_parent_class)->finalize (object);
}

static void
pc_token_details_class_init (PcTokenDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pc_token_details_dispose;
  object_class->finalize = pc_token_details_finalize;
}

static void
pc_token_details_init (PcTokenDetails *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 420, -1);
}

/**
 * pc_token_details_new:
 * @names: where the names given here are kept
 * @title: the token's title, as the list shows it
 *
 * Builds the window and asks the server for the token's dates.
 */
PcTokenDetails *
pc_token_details_new (GtkWindow    *parent,
                      PcSession    *session,
                      PcTokenNames *names,
                      PcToken      *token,
                      const char   *title)
{
  PcTokenDetails *self;

  g_return_val_if_fail (PC_IS_SESSION (session), NULL);
  g_return_val_if_fail (PC_IS_TOKEN_NAMES (names), NULL);
  g_return_val_if_fail (PC_IS_TOKEN (token), NULL);

  self = g_object_new (PC_TYPE_TOKEN_DETAILS, "transient-for", parent, "title", title, NULL);
  self->session = g_object_ref (session);
  self->names = g_object_ref (names);
  self->token = g_object_ref (token);
  build (self);

  /* The answer belongs to this sign-in: signing out cancels it too. */
  g_signal_connect_object (pc_session_get_cancellable (session), "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->cancellable, G_CONNECT_SWAPPED);
  pc_client_get_token_async (pc_session_get_client (session), pc_token_get_id (token), self->cancellable,
                             get_token_cb, g_object_ref (self));
  pc_a11y_name_controls (GTK_WIDGET (self));
  return self;
}
