/* pc-tokens-page-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person does on the Tokens page: open a token's details (and name
 * it there), delete one after a question, create one, refresh, search.
 * Rows and menus name these as tokens.* actions.
 */
#define G_LOG_DOMAIN "PcTokensPage"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-messages.h"
#include "pc-new-token-dialog.h"
#include "pc-token-details.h"
#include "pc-tokens-page-private.h"

/* Details and names */

static void
on_row_activated (PcTokensPage *self,
                  guint         position)
{
  g_autoptr(PcToken) token = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  g_autofree char *title = NULL;
  PcTokenDetails *details;

  if (token == NULL)
    return;
  title = _pc_tokens_page_dup_title (self, token);
  details = pc_token_details_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                  self->names, token, title);
  gtk_window_present (GTK_WINDOW (details));
}

/* Deleting */

/* A token to delete: asked about, then under way. The title travels with
 * it, as the token may leave the list (a refresh) before the answer. */
typedef struct
{
  PcTokensPage *self;
  char *id;
  char *title;
} Deletion;

static Deletion *
deletion_new (PcTokensPage *self,
              const char   *id,
              const char   *title)
{
  Deletion *deletion = g_new0 (Deletion, 1);

  deletion->self = g_object_ref (self);
  deletion->id = g_strdup (id);
  deletion->title = g_strdup (title);
  return deletion;
}

static void
deletion_free (Deletion *deletion)
{
  g_clear_object (&deletion->self);
  g_free (deletion->id);
  g_free (deletion->title);
  g_free (deletion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deletion, deletion_free)

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Deletion) deletion = user_data;
  PcTokensPage *self = deletion->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean gone;
  guint position;

  gone = pc_client_delete_token_finish (PC_CLIENT (object), result, &error) ||
         g_error_matches (error, PC_ERROR, PC_ERROR_NOT_FOUND);
  g_hash_table_remove (self->deleting, deletion->id);
  /* The page went, or the sign-in ended: what it showed went with it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (gone)
    {
      if (_pc_tokens_page_find_token (self, deletion->id, &position))
        g_list_store_remove (self->store, position);
      _pc_tokens_page_schedule_save (self);
      if (self->names != NULL)
        pc_token_names_remove (self->names, pc_session_get_server (self->session), deletion->id, NULL);
      if (error != NULL)
        /* Translators: %s is a token's name. */
        message = g_strdup_printf (_("“%s” had already been deleted"), deletion->title);
      else
        /* Translators: %s is a token's name. */
        message = g_strdup_printf (_("Deleted “%s”"), deletion->title);
      _pc_tokens_page_toast (self, message);
      _pc_tokens_page_update_view (self);
    }
  else if (!pc_session_report_error (self->session, error))
    {
      /* Translators: the first %s is a token's name, the second the reason. */
      message = g_strdup_printf (_("“%s” was not deleted: %s"), deletion->title,
                                 pc_messages_for_error (error, PC_MESSAGE_GENERAL));
      _pc_tokens_page_toast (self, message);
      if (_pc_tokens_page_find_token (self, deletion->id, &position))
        {
          g_autoptr(PcToken) token = g_list_model_get_item (G_LIST_MODEL (self->store), position);
          _pc_tokens_page_follow_deleting (self, token);
        }
    }
}

/* The question owns @asked; the call under way gets its own copy. */
static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Deletion         *asked)
{
  PcTokensPage *self = asked->self;
  g_autoptr(GCancellable) call = NULL;
  guint position;

  if (!g_str_equal (response, "delete") || g_hash_table_contains (self->deleting, asked->id))
    return;

  g_hash_table_add (self->deleting, g_strdup (asked->id));
  if (_pc_tokens_page_find_token (self, asked->id, &position))
    {
      g_autoptr(PcToken) token = g_list_model_get_item (G_LIST_MODEL (self->store), position);
      _pc_tokens_page_follow_deleting (self, token);
    }
  call = _pc_tokens_page_new_call (self, TRUE);
  pc_client_delete_token_async (pc_session_get_client (self->session), asked->id, call, delete_cb,
                                deletion_new (self, asked->id, asked->title));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PcTokensPage *self = PC_TOKENS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(PcToken) token = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;
  Deletion *deletion;
  AdwMessageDialog *dialog;
  guint position;

  if (g_hash_table_contains (self->deleting, id) || !_pc_tokens_page_find_token (self, id, &position))
    return;
  token = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  title = _pc_tokens_page_dup_title (self, token);
  deletion = deletion_new (self, id, title);

  /* Translators: %s is a token's name. */
  heading = g_strdup_printf (_("Delete “%s”?"), deletion->title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                                       _("Scripts and programs that use this token will stop "
                                                         "working. This cannot be undone.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pc-deletion", deletion, (GDestroyNotify) deletion_free);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), deletion);
  pc_a11y_name_controls (GTK_WIDGET (GTK_WINDOW (dialog)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Creating */

static void
on_token_created (PcTokensPage *self,
                  PcToken      *token)
{
  g_list_store_insert (self->store, 0, token);
  _pc_tokens_page_schedule_save (self);
  _pc_tokens_page_update_view (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PcTokensPage *self = PC_TOKENS_PAGE (widget);
  GtkWindow *dialog;

  if (self->session == NULL || pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    return;
  dialog = GTK_WINDOW (pc_new_token_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session,
                                                self->settings, self->names));
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_token_created), self, G_CONNECT_SWAPPED);
  pc_a11y_name_controls (GTK_WIDGET (dialog));
  gtk_window_present (dialog);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pc_tokens_page_refresh (PC_TOKENS_PAGE (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PcTokensPage *self = PC_TOKENS_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* What a person does on the page: the list's callback and the tokens.*
 * actions, which rows and menus name. */
void
_pc_tokens_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "tokens.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "tokens.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "tokens.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "tokens.delete", "s", delete_action);
}
