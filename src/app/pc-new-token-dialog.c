/* pc-new-token-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creating a token: a name, then the whole secret, shown this once, with
 * Copy as the default button. The secret cannot be selected: a selection
 * would put it on the PRIMARY selection, where no password-manager hint
 * and no timed clear reach it; Copy is the way to take it. Two clicks from "New Token" to a token on
 * the clipboard: Create, Copy (or one, with "copy new tokens at once").
 */
#define G_LOG_DOMAIN "PcNewTokenDialog"

#include <glib/gi18n.h>
#include <string.h>

#include "pc-a11y.h"
#include "pc-clipboard.h"
#include "pc-messages.h"
#include "pc-new-token-dialog.h"

struct _PcNewTokenDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkButton *cancel_button;
  GtkButton *create_button;
  GtkButton *done_button;
  GtkSpinner *spinner;
  GtkStack *stack;
  AdwEntryRow *name_row;
  GtkLabel *error_label;
  GtkLabel *secret_label;
  GtkButton *copy_button;

  PcSession *session;
  GSettings *settings;
  PcTokenNames *names;
  GCancellable *cancellable;
  PcToken *token;
  gboolean busy;
  gboolean copied;
  gboolean asked;
};

G_DEFINE_FINAL_TYPE (PcNewTokenDialog, pc_new_token_dialog, ADW_TYPE_WINDOW)

enum { CREATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/**
 * pc_new_token_format:
 * @format: "plain", "env" or "curl"
 *
 * The secret as it is pasted somewhere: alone, as .env lines, or in a curl
 * command that asks the server for the profile.
 */
char *
pc_new_token_format (const char *format,
                     const char *secret,
                     const char *server,
                     const char *workspace_id)
{
  if (g_str_equal (format, "env"))
    return g_strdup_printf ("PUPIL_CLOUD_TOKEN=%s\nPUPIL_CLOUD_WORKSPACE=%s\n", secret, workspace_id);
  if (g_str_equal (format, "curl"))
    return g_strdup_printf ("curl -H 'api-key: %s' -H 'workspace-id: %s' '%s/auth/profile'",
                            secret, workspace_id, server);
  return g_strdup (secret);
}

static void
set_busy (PcNewTokenDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-token.create", !busy && self->token == NULL);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
show_error (PcNewTokenDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
on_name_changed (PcNewTokenDialog *self)
{
  show_error (self, NULL);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PcNewTokenDialog *self = PC_NEW_TOKEN_DIALOG (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  guint seconds = g_settings_get_int (self->settings, "clipboard-clear-seconds");
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  const char *what;

  if (self->token == NULL)
    return;
  text = pc_new_token_format (format, pc_token_get_token (self->token), pc_session_get_server (self->session),
                              pc_session_get_workspace_id (self->session));
  pc_clipboard_copy_secret (widget, text, seconds);
  explicit_bzero (text, strlen (text));
  self->copied = TRUE;

  what = g_str_equal (format, "env")    ? _("Token copied as .env lines.")
         : g_str_equal (format, "curl") ? _("Token copied in a curl command.")
                                        : _("Token copied.");
  if (seconds == 0)
    title = g_strdup (what);
  else if (pc_clipboard_clear_may_wait (widget))
    /* Translators: on Wayland; the first %s is "Token copied." or the like. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s The clipboard will be cleared in %u second, "
                                          "or when you come back to Pupil Cloud if you are elsewhere then.",
                                          "%s The clipboard will be cleared in %u seconds, "
                                          "or when you come back to Pupil Cloud if you are elsewhere then.", seconds),
                             what, seconds);
  else
    /* Translators: the first %s is "Token copied." or the like. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s The clipboard will be cleared in %u second.",
                                          "%s The clipboard will be cleared in %u seconds.", seconds),
                             what, seconds);
  pc_a11y_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PcNewTokenDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) names_error = NULL;
  g_autofree char *name = NULL;

  self->token = pc_client_create_token_finish (PC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);

  if (self->token == NULL || pc_token_get_token (self->token) == NULL)
    {
      if (self->token != NULL)
        /* Created, but the secret never arrived: say so, and that it can be deleted. */
        show_error (self, _("The token was created, but the server did not send it. Delete it and try again."));
      else if (!pc_session_report_error (self->session, error))
        show_error (self, pc_messages_for_error (error, PC_MESSAGE_GENERAL));
      if (self->token != NULL)
        g_signal_emit (self, signals[CREATED], 0, self->token);
      g_clear_object (&self->token);
      return;
    }

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (self->names != NULL &&
      !pc_token_names_set (self->names, pc_session_get_server (self->session), pc_token_get_id (self->token),
                           name, &names_error))
    g_debug ("Token name not kept: %s", names_error->message);

  gtk_label_set_label (self->secret_label, pc_token_get_token (self->token));
  gtk_stack_set_visible_child_name (self->stack, "secret");
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->copy_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));
  g_signal_emit (self, signals[CREATED], 0, self->token);

  if (g_settings_get_boolean (self->settings, "copy-new-tokens"))
    gtk_widget_activate_action (GTK_WIDGET (self), "new-token.copy", "s", "plain");
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PcNewTokenDialog *self = PC_NEW_TOKEN_DIALOG (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (self->busy || self->token != NULL)
    return;
  if (*name == '\0')
    {
      show_error (self, _("Give the token a name, so that you know later what uses it."));
      return;
    }
  if (g_utf8_strlen (name, -1) > PC_TOKEN_NAME_MAX_CHARS)
    {
      g_autofree char *message = g_strdup_printf (_("The name is too long: at most %d characters."),
                                                  PC_TOKEN_NAME_MAX_CHARS);
      show_error (self, message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  pc_client_create_token_async (pc_session_get_client (self->session), name, self->cancellable, create_cb,
                                g_object_ref (self));
}

static void
on_name_activated (PcNewTokenDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "new-token.create", NULL);
}

static gboolean
close_later (gpointer data)
{
  gtk_window_close (data);
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PcNewTokenDialog *self)
{
  if (g_str_equal (response, "close"))
    {
      self->asked = TRUE;
      /* Once the question has gone: it is transient for this window. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
    }
}

/* Closing before the secret was copied loses it: ask, once. */
static gboolean
pc_new_token_dialog_close_request (GtkWindow *window)
{
  PcNewTokenDialog *self = PC_NEW_TOKEN_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->token != NULL && !self->copied && !self->asked)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Close Without Copying?"),
                                                           _("The token cannot be shown again. Without a "
                                                             "copy, you will have to create another.")));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Open"), "close", _("_Close"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (pc_new_token_dialog_parent_class)->close_request (window);
}

static void
pc_new_token_dialog_dispose (GObject *object)
{
  PcNewTokenDialog *self = PC_NEW_TOKEN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PC_TYPE_NEW_TOKEN_DIALOG);
  G_OBJECT_CLASS (pc_new_token_dialog_parent_class)->dispose (object);
}

static void
pc_new_token_dialog_finalize (GObject *object)
{
  PcNewTokenDialog *self = PC_NEW_TOKEN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->token);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->names);
  G_OBJECT_CLASS (pc_new_token_dialog_parent_class)->finalize (object);
}

static void
pc_new_token_dialog_class_init (PcNewTokenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pc_new_token_dialog_dispose;
  object_class->finalize = pc_new_token_dialog_finalize;
  window_class->close_request = pc_new_token_dialog_close_request;

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 1, PC_TYPE_TOKEN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pc-new-token-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, secret_label);
  gtk_widget_class_bind_template_child (widget_class, PcNewTokenDialog, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated);

  gtk_widget_class_install_action (widget_class, "new-token.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "new-token.copy", "s", copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pc_new_token_dialog_init (PcNewTokenDialog *self)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pc_a11y_add_toast_status (self->toast_overlay);
  pc_a11y_name_controls (GTK_WIDGET (self));
  /* A secret broken over two lines must not gain a hyphen someone types. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (self->secret_label, attributes);
  pango_attr_list_unref (attributes);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);
  /* Opens where the person types: the name, then Enter creates. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

PcNewTokenDialog *
pc_new_token_dialog_new (GtkWindow    *parent,
                         PcSession    *session,
                         GSettings    *settings,
                         PcTokenNames *names)
{
  PcNewTokenDialog *self = g_object_new (PC_TYPE_NEW_TOKEN_DIALOG, "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);
  self->names = names ? g_object_ref (names) : NULL;
  return self;
}
