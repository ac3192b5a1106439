/* pc-login-page-flows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the login page sends: a sign-in with an API token or with email and
 * password, a new account, a password reset. Each runs under the page's
 * cancellable (Cancel, or the page going, ends it) and says how it ended
 * through the page's state.
 */
#define G_LOG_DOMAIN "PcLoginPage"

#include <glib/gi18n.h>

#include "pc-login-page-private.h"
#include "pc-messages.h"

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PcLoginPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean signed_in = pc_session_sign_in_finish (PC_SESSION (object), result, &error);
  gboolean with_token;

  /* Cancel was pressed, the form reset or the page gone: each of these has
   * put the form where it should be. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  with_token = _pc_login_page_using_token (self);
  if (!signed_in)
    {
      if (_pc_login_page_creating (self))
        {
          /* The email stays; the passwords are typed again. */
          _pc_login_page_clear_secret (self, self->new_password_row);
          _pc_login_page_clear_secret (self, self->confirm_row);
          if (g_error_matches (error, PC_ERROR, PC_ERROR_INVALID_EMAIL) ||
              g_error_matches (error, PC_ERROR, PC_ERROR_EMAIL_EXISTS))
            _pc_login_page_set_field_error (self, FIELD_EMAIL, error->message);
          else if (g_error_matches (error, PC_ERROR, PC_ERROR_WEAK_PASSWORD))
            _pc_login_page_set_field_error (self, FIELD_PASSWORD, error->message);
          else
            _pc_login_page_set_error (self, pc_messages_for_error (error, PC_MESSAGE_SIGN_IN_PASSWORD));
          return;
        }
      /* A refused secret is not worth keeping; everything else stays. */
      if (g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, PC_ERROR, PC_ERROR_FORBIDDEN))
        _pc_login_page_clear_secret (self, with_token ? self->token_row : self->password_row);
      _pc_login_page_set_error (self, pc_messages_for_error (error, with_token ? PC_MESSAGE_SIGN_IN_TOKEN
                                                                              : PC_MESSAGE_SIGN_IN_PASSWORD));
      return;
    }

  _pc_login_page_clear_secret (self, self->token_row);
  _pc_login_page_clear_secret (self, self->password_row);
  _pc_login_page_clear_secret (self, self->new_password_row);
  _pc_login_page_clear_secret (self, self->confirm_row);
  _pc_login_page_signed_in (self);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PcLoginPage *self = PC_LOGIN_PAGE (widget);
  g_autofree char *server = g_strstrip (g_strdup (_pc_login_page_chosen_server (self)));
  g_autoptr(GError) error = NULL;

  if (self->state == STATE_BUSY || self->state == STATE_DONE || !_pc_login_page_form_complete (self))
    return;

  _pc_login_page_set_notice (self, NULL);
  if (_pc_login_page_creating (self))
    {
      const char *password = gtk_editable_get_text (GTK_EDITABLE (self->new_password_row));

      /* Said before anything is sent. */
      if (g_utf8_strlen (password, -1) < PC_MIN_PASSWORD_LENGTH)
        {
          g_autofree char *hint = _pc_login_page_strength_hint (password);
          _pc_login_page_clear_secret (self, self->new_password_row);
          _pc_login_page_clear_secret (self, self->confirm_row);
          _pc_login_page_set_field_error (self, FIELD_PASSWORD, hint);
          return;
        }
      if (!g_str_equal (password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))))
        {
          _pc_login_page_clear_secret (self, self->new_password_row);
          _pc_login_page_clear_secret (self, self->confirm_row);
          _pc_login_page_set_field_error (self, FIELD_CONFIRM,
                                          _("The two passwords are not the same. Type them again."));
          return;
        }
    }

  if (!pc_client_check_url (server, &error) || !pc_session_set_server (self->session, server, &error))
    {
      _pc_login_page_set_error (self, error->message);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  _pc_login_page_set_state (self, STATE_BUSY);

  if (_pc_login_page_creating (self))
    {
      g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_email_row))));
      pc_session_register_async (self->session, self->idp_url, self->idp_key, email,
                                 gtk_editable_get_text (GTK_EDITABLE (self->new_password_row)),
                                 gtk_switch_get_active (self->news_switch),
                                 self->cancellable, sign_in_cb, g_object_ref (self));
    }
  else if (_pc_login_page_using_token (self))
    pc_session_sign_in_with_token_async (self->session,
                                         gtk_editable_get_text (GTK_EDITABLE (self->token_row)),
                                         gtk_editable_get_text (GTK_EDITABLE (self->workspace_row)),
                                         self->cancellable, sign_in_cb, g_object_ref (self));
  else
    pc_session_sign_in_with_password_async (self->session, self->idp_url, self->idp_key,
                                            gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                                            gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                            self->cancellable, sign_in_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PcLoginPage *self = PC_LOGIN_PAGE (widget);

  /* The call's answer is not waited for: the form is ready again now. */
  g_cancellable_cancel (self->cancellable);
  if (self->state == STATE_BUSY)
    _pc_login_page_set_state (self, _pc_login_page_form_complete (self) ? STATE_READY : STATE_IDLE);
}

/* Forgot password: the address, then a link by email. */

/* The address travels with the call: the notice names it. */
typedef struct
{
  PcLoginPage *self;
  char *email;
} ResetData;

static void
reset_data_free (ResetData *data)
{
  g_clear_object (&data->self);
  g_free (data->email);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResetData, reset_data_free)

static void
reset_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ResetData) data = user_data;
  PcLoginPage *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!pc_client_send_password_reset_finish (PC_CLIENT (object), result, &error))
    {
      /* As for a sign-in: whoever cancelled has put the form right. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _pc_login_page_set_error (self, error->domain == PC_ERROR && error->code == PC_ERROR_INVALID_EMAIL
                                        ? error->message
                                        : pc_messages_for_error (error, PC_MESSAGE_SIGN_IN_PASSWORD));
      return;
    }

  /* The same words whether the address has an account or not. */
  {
    g_autofree char *notice =
      g_strdup_printf (_("If an account exists for %s, we sent it a link to choose a new password."), data->email);
    _pc_login_page_set_notice (self, notice);
  }
  _pc_login_page_set_state (self, _pc_login_page_form_complete (self) ? STATE_READY : STATE_IDLE);
}

static void
on_reset_response (AdwMessageDialog *dialog,
                   const char       *response,
                   PcLoginPage      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "email-entry");
  ResetData *data;

  if (!g_str_equal (response, "send") || self->state == STATE_BUSY || self->state == STATE_DONE)
    return;

  data = g_new0 (ResetData, 1);
  data->self = g_object_ref (self);
  data->email = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  _pc_login_page_set_notice (self, NULL);
  _pc_login_page_set_state (self, STATE_BUSY);
  pc_client_send_password_reset_async (pc_session_get_client (self->session), self->idp_url, self->idp_key,
                                       data->email, self->cancellable, reset_cb, data);
}

static void
on_reset_email_changed (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "send", *text != '\0');
}

static void
forgot_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PcLoginPage *self = PC_LOGIN_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Reset Password"),
                                   _("We will send a link to choose a new password to this address."));
  entry = gtk_entry_new ();
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_EMAIL);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Email"), -1);
  if (self->email_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Link"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "email-entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reset_email_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response), self, 0);
  on_reset_email_changed (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  /* Typing starts in the address. */
  gtk_widget_grab_focus (entry);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
}

/* The flows' actions: buttons and keys name them. */
void
_pc_login_page_class_flows_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "login.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "login.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "login.forgot-password", NULL, forgot_password_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "login.cancel", NULL);
}
