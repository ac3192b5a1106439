/* pc-token-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One token in full: its id (copyable), name and exact dates, as GET
 * /auth/tokens/{id} tells them; what the list knew shows until then, and
 * stays if that call fails. The name can be changed here: it is kept on
 * this computer (the API's Token has no name), and the page that opened
 * the window hears of it through its "tokens.renamed" action.
 */
#define G_LOG_DOMAIN "PcTokenDetails"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-messages.h"
#include "pc-token-details.h"
#include "pc-token-row.h"

#define MAX_NAME_CHARS 100

typedef struct
{
  AdwWindow *window;
  AdwEntryRow *name;
  AdwActionRow *created;
  AdwActionRow *used;
  GtkLabel *status;
  GtkLabel *name_error;
  PcSession *session;
  PcTokenNames *names;
  PcToken *token;
  GWeakRef page;
} Details;

static void
details_free (Details *details)
{
  g_clear_object (&details->session);
  g_clear_object (&details->names);
  g_clear_object (&details->token);
  g_weak_ref_clear (&details->page);
  g_free (details);
}

static void
show_name_error (Details    *details,
                 const char *message)
{
  gtk_label_set_label (details->name_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (details->name_error), message != NULL);
}

/* Keeps the name typed, or forgets the one kept when the field is empty. */
static void
name_applied_cb (AdwEntryRow *row,
                 Details     *details)
{
  g_autofree char *name = g_strstrip (g_utf8_make_valid (gtk_editable_get_text (GTK_EDITABLE (row)), -1));
  const char *server = pc_session_get_server (details->session);
  const char *id = pc_token_get_id (details->token);
  g_autoptr(GtkWidget) page = g_weak_ref_get (&details->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean kept;

  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_autofree char *message = g_strdup_printf (_("The name is longer than %d characters."), MAX_NAME_CHARS);
      show_name_error (details, message);
      return;
    }
  if (*name == '\0')
    kept = pc_token_names_remove (details->names, server, id, &error);
  else
    kept = pc_token_names_set (details->names, server, id, name, &error);
  if (!kept)
    {
      g_debug ("Token name not kept: %s", error->message);
      show_name_error (details, _("The name could not be saved on this computer."));
      return;
    }
  show_name_error (details, NULL);
  title = pc_token_dup_title (details->token, details->names, server);
  gtk_window_set_title (GTK_WINDOW (details->window), title);
  if (page != NULL)
    gtk_widget_activate_action (page, "tokens.renamed", "s", id);
}

static void
set_dates (Details *details,
           PcToken *token)
{
  g_autofree char *created = pc_format_exact_date (pc_token_get_created_at (token));
  g_autofree char *used = pc_format_exact_date (pc_token_get_last_used_at (token));

  adw_action_row_set_subtitle (details->created, created ? created : _("Unknown"));
  adw_action_row_set_subtitle (details->used, used ? used : _("Never used"));
}

static void
copy_id_cb (GtkButton  *button,
            const char *id)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), id);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static void
get_token_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(AdwWindow) window = g_weak_ref_get (ref);
  g_autoptr(PcToken) token = NULL;
  g_autoptr(GError) error = NULL;
  Details *details;

  g_weak_ref_clear (ref);
  g_free (ref);
  token = pc_client_get_token_finish (PC_CLIENT (object), result, &error);
  if (window == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  details = g_object_get_data (G_OBJECT (window), "pc-details");
  if (token != NULL)
    {
      set_dates (details, token);
      gtk_widget_set_visible (GTK_WIDGET (details->status), FALSE);
    }
  else if (!pc_session_report_error (details->session, error))
    {
      gtk_label_set_label (details->status, pc_messages_for_error (error, PC_MESSAGE_GENERAL));
      gtk_widget_set_visible (GTK_WIDGET (details->status), TRUE);
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

/**
 * pc_token_details_show:
 * @names: where the names given here are kept
 * @page: (nullable): told of a new name through its "tokens.renamed" action
 */
GtkWindow *
pc_token_details_show (GtkWindow    *parent,
                       PcSession    *session,
                       PcTokenNames *names,
                       GtkWidget    *page,
                       PcToken      *token,
                       const char   *title)
{
  Details *details;
  GtkWidget *box;
  GtkWidget *content;
  AdwPreferencesGroup *group;
  AdwActionRow *id_row;
  GtkWidget *copy;
  GWeakRef *ref;
  const char *local;
  GtkWidget *hint;

  g_return_val_if_fail (PC_IS_TOKEN_NAMES (names), NULL);

  local = pc_token_names_lookup (names, pc_session_get_server (session), pc_token_get_id (token));
  details = g_new0 (Details, 1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  details->session = g_object_ref (session);
  details->names = g_object_ref (names);
  details->token = g_object_ref (token);
  g_weak_ref_init (&details->page, page);
  details->window = ADW_WINDOW (adw_window_new ());
  gtk_window_set_title (GTK_WINDOW (details->window), title);
  gtk_window_set_modal (GTK_WINDOW (details->window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (details->window), parent);
  gtk_window_set_default_size (GTK_WINDOW (details->window), 420, -1);
  g_object_set_data_full (G_OBJECT (details->window), "pc-details", details, (GDestroyNotify) details_free);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_bottom (content, 12);

  id_row = add_row (group, _("ID"), pc_token_get_id (token));
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy ID"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy ID"), -1);
  g_signal_connect_data (copy, "clicked", G_CALLBACK (copy_id_cb), g_strdup (pc_token_get_id (token)),
                         (GClosureNotify) g_free, 0);
  adw_action_row_add_suffix (id_row, copy);
  details->name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details->name), _("Name"));
  adw_entry_row_set_show_apply_button (details->name, TRUE);
  /* What the name is now, unless it is only the "Unnamed token" stand-in. */
  if (local != NULL || (pc_token_get_name (token) != NULL && *pc_token_get_name (token) != '\0'))
    gtk_editable_set_text (GTK_EDITABLE (details->name), local ? local : pc_token_get_name (token));
  g_signal_connect (details->name, "apply", G_CALLBACK (name_applied_cb), details);
  adw_preferences_group_add (group, GTK_WIDGET (details->name));
  details->created = add_row (group, _("Created"), NULL);
  details->used = add_row (group, _("Last Used"), NULL);
  set_dates (details, token);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (group));

  details->name_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (details->name_error, TRUE);
  gtk_label_set_xalign (details->name_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (details->name_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (details->name_error), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (details->name_error));

  hint = gtk_label_new (_("The name is kept on this computer only: Pupil Cloud does not store names of tokens."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (content), hint);

  details->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (details->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (details->status), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (details->status), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (details->status));
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (details->window, box);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, details->window);
  pc_client_get_token_async (pc_session_get_client (session), pc_token_get_id (token),
                             pc_session_get_cancellable (session), get_token_cb, ref);
  pc_a11y_name_controls (GTK_WIDGET (details->window));
  gtk_window_present (GTK_WINDOW (details->window));
  return GTK_WINDOW (details->window);
}
