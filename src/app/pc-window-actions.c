/* pc-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's "win." actions: trying again, the verification email,
 * signing out (and what to do when the keyring will not let go), the
 * workspace switch, the other screens and dialogs, and feedback.
 */
#define G_LOG_DOMAIN "PcWindow"

#include <glib/gi18n.h>
#include <string.h>

#include "pc-a11y.h"
#include "pc-clipboard.h"
#include "pc-messages.h"
#include "pc-preferences-window.h"
#include "pc-secret-store.h"
#include "pc-window-private.h"
#include "pupilcloud.h"

/* Actions */

static void
retry_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Back from offline, the tokens page refreshes itself on the state change. */
  if (pc_session_refresh_finish (PC_SESSION (object), result, &error))
    return;
  /* An expired sign-in has already brought the login page. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      pc_session_get_state (PC_SESSION (object)) == PC_SESSION_SIGNED_OUT)
    return;
  pc_window_toast (self, pc_messages_for_error (error, PC_MESSAGE_GENERAL));
}

static void
resend_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pc_session_resend_verification_finish (PC_SESSION (object), result, &error))
    pc_window_toast (self, _("Email sent"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pc_window_toast (self, error->domain == PC_ERROR && error->code == PC_ERROR_NOT_SIGNED_IN
                   ? error->message
                   : pc_messages_for_error (error, PC_MESSAGE_SIGN_IN_PASSWORD));
  pc_window_update_verification (self);
}

static void
resend_verification_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  PcWindow *self = user_data;
  g_autoptr(GCancellable) call = pc_window_call_cancellable (self);

  g_simple_action_set_enabled (action, FALSE); /* one email at a time */
  pc_session_resend_verification_async (self->session, call, resend_cb, g_object_ref (self));
}

/* Ctrl+R: back online when offline, otherwise a fresh list. */
static void
retry_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PcWindow *self = user_data;

  if (pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    return;
  pc_window_ensure_pages (self);
  pc_tokens_page_refresh (self->tokens_page);
  if (self->invitations_page != NULL)
    pc_invitations_page_refresh (self->invitations_page);
  {
    g_autoptr(GCancellable) call = pc_window_call_cancellable (self);
    pc_session_refresh_async (self->session, call, retry_cb, g_object_ref (self));
  }
}

/* Signing out. When the keyring could not let go of the stored sign-in,
 * the person hears so and may try again. Meanwhile the application stays
 * alive and busy, even if the window closes or the person quits (the
 * client's timeout and the keyring's deadline bound the wait). */

typedef struct
{
  PcWindow *window;
  GApplication *application;
  char *server;
} SignOut;

static SignOut *
sign_out_new (PcWindow *self)
{
  SignOut *data = g_new0 (SignOut, 1);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  data->window = g_object_ref (self);
  data->server = g_strdup (pc_session_get_server (self->session));
  if (application != NULL)
    {
      data->application = g_object_ref (G_APPLICATION (application));
      g_application_hold (data->application);
      g_application_mark_busy (data->application);
    }
  return data;
}

static void
sign_out_free (SignOut *data)
{
  if (data->application != NULL)
    {
      g_application_unmark_busy (data->application);
      g_application_release (data->application);
      g_object_unref (data->application);
    }
  g_clear_object (&data->window);
  g_free (data->server);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignOut, sign_out_free)

static void forget_sign_in (PcWindow *self);

static void
keyring_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PcWindow         *self)
{
  if (g_str_equal (response, "retry"))
    forget_sign_in (self);
}

static void
show_keyring_failure (PcWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Sign-In Still Stored"),
                                                       _("You are signed out, but the keyring could not "
                                                         "remove the stored sign-in, so the next start may "
                                                         "sign you in again. Make sure the keyring is "
                                                         "running and unlocked, then try again.")));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "retry", _("_Try Again"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (keyring_response_cb), self, 0);
  pc_a11y_name_controls (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SignOut) data = user_data;
  PcWindow *self = data->window;
  g_autoptr(GError) error = NULL;

  if (!pc_secret_store_clear_finish (result, &error) && error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("The stored sign-in could not be removed: %s", error->message);
      show_keyring_failure (self);
      return;
    }
  pc_window_toast (self, _("Signed out"));
}

/* Asks the keyring to forget the sign-in for the session's server. */
static void
forget_sign_in (PcWindow *self)
{
  SignOut *data = sign_out_new (self);
  const char *server = data->server;

  pc_secret_store_clear_async (server, self->cancellable, forgotten_cb, data);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SignOut) data = user_data;
  PcWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  gboolean forgotten = pc_session_sign_out_finish (PC_SESSION (object), result, &error);

  /* The window is gone: nobody to tell. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!forgotten)
    {
      g_debug ("The stored sign-in could not be removed: %s", error->message);
      show_keyring_failure (self);
      return;
    }
  pc_window_toast (self, _("Signed out"));
}

static void
sign_out (PcWindow *self)
{
  pc_session_sign_out_async (self->session, NULL, sign_out_cb, sign_out_new (self));
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PcWindow         *self)
{
  if (g_str_equal (response, "sign-out"))
    sign_out (self);
}

static void
sign_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PcWindow *self = user_data;
  AdwMessageDialog *dialog;

  if (pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    return;
  if (pc_session_get_credentials_kind (self->session) != PC_CREDENTIALS_TOKEN)
    {
      sign_out (self);
      return;
    }

  /* A token outlives signing out: say so before it is forgotten here. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"),
                                                       _("The API token will be forgotten on this computer. "
                                                         "It stays valid on Pupil Cloud until you delete it "
                                                         "there.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "sign-out", _("_Sign Out"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  pc_a11y_name_controls (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
workspace_changed (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       user_data)
{
  PcWindow *self = user_data;
  const char *workspace = g_variant_get_string (value, NULL);

  g_simple_action_set_state (action, value);
  if (g_strcmp0 (workspace, pc_session_get_workspace_id (self->session)) == 0)
    return;
  pc_session_set_workspace_id (self->session, workspace);
  g_settings_set_string (self->settings, "workspace-id", pc_session_get_workspace_id (self->session));
}

/* Built on first use, not with every window: it is a large tree of
 * widgets that most starts never show. */
static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PcWindow *self = user_data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/pc-shortcuts.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (self));
  pc_a11y_name_controls (GTK_WIDGET (shortcuts));
  gtk_window_present (shortcuts);
}

/* Tokens shortcuts that work wherever the focus is. */
static void
tokens_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  PcWindow *self = user_data;

  if (pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    return;
  pc_window_ensure_pages (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "tokens");
  gtk_widget_activate_action (GTK_WIDGET (self->tokens_page),
                              g_str_equal (g_action_get_name (G_ACTION (action)), "new-token") ? "tokens.new"
                                                                                               : "tokens.search",
                              NULL);
}

/* Ctrl+1..3, and the notifications' Show. */
static void
show_view_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PcWindow *self = user_data;

  if (pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    return;
  pc_window_ensure_main_view (self);
  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
open_invitation_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  PcWindow *self = user_data;

  if (pc_session_get_state (self->session) != PC_SESSION_SIGNED_IN)
    return;
  pc_window_ensure_pages (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "invitations");
  pc_invitations_page_open (self->invitations_page, NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PcWindow *self = user_data;

  gtk_window_present (GTK_WINDOW (pc_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

/* Send Feedback: the board, signed in through single sign-on when the
 * settings say how the board takes the token; the plain board otherwise,
 * also when the token cannot be had. The token only ever goes to an https
 * address. */

static void
wipe_free (char *text)
{
  if (text == NULL)
    return;
  explicit_bzero (text, strlen (text));
  g_free (text);
}

/* A string that held a secret: wiped before it is freed. */
typedef char *WipedString;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (WipedString, wipe_free, NULL)

static gboolean
is_https_address (const char *address)
{
  g_autoptr(GUri) uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/* The single sign-on pattern when it can be used, or NULL (and why, in the log). */
static char *
sso_pattern (PcWindow *self)
{
  g_autofree char *pattern = g_settings_get_string (self->settings, "feedback-sso-url");
  const char *scheme;

  if (*pattern == '\0' || strstr (pattern, "{token}") == NULL)
    return NULL;
  scheme = g_uri_peek_scheme (pattern);
  if (g_strcmp0 (scheme, "https") != 0)
    {
      g_warning ("The setting feedback-sso-url is not an https address; the feedback board opens without "
                 "single sign-on");
      return NULL;
    }
  return g_steal_pointer (&pattern);
}

static char *
feedback_address (PcWindow   *self,
                  const char *token)
{
  g_autofree char *board = g_settings_get_string (self->settings, "feedback-url");
  g_autofree char *pattern = token ? sso_pattern (self) : NULL;
  g_auto(WipedString) escaped_token = NULL;
  g_autofree char *escaped_board = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(WipedString) with_token = NULL;
  char *address;

  if (pattern == NULL)
    return g_steal_pointer (&board);
  escaped_token = g_uri_escape_string (token, NULL, FALSE);
  escaped_board = g_uri_escape_string (board, NULL, FALSE);
  parts = g_strsplit (pattern, "{token}", -1);
  with_token = g_strjoinv (escaped_token, parts);
  g_strfreev (g_steal_pointer (&parts));
  parts = g_strsplit (with_token, "{board}", -1);
  address = g_strjoinv (escaped_board, parts);
  if (!is_https_address (address))
    {
      g_warning ("The setting feedback-sso-url does not make an https address; the feedback board opens "
                 "without single sign-on");
      wipe_free (address);
      return g_steal_pointer (&board);
    }
  return address;
}

static void
feedback_token_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(WipedString) token = pc_client_get_feedback_token_finish (PC_CLIENT (object), result, &error);
  g_auto(WipedString) address = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (token == NULL)
    g_debug ("No feedback sign-in: %s", error->message);
  address = feedback_address (self, token);
  gtk_show_uri (GTK_WINDOW (self), address, GDK_CURRENT_TIME);
}

static void
feedback_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PcWindow *self = user_data;
  g_autoptr(GCancellable) call = NULL;

  if (pc_session_get_state (self->session) != PC_SESSION_SIGNED_IN)
    {
      g_autofree char *address = feedback_address (self, NULL);
      gtk_show_uri (GTK_WINDOW (self), address, GDK_CURRENT_TIME);
      return;
    }
  call = pc_window_call_cancellable (self);
  pc_client_get_feedback_token_async (pc_session_get_client (self->session), call, feedback_token_cb,
                                      g_object_ref (self));
}

static const GActionEntry win_actions[] = {
  { "feedback", feedback_activated },
  { "preferences", preferences_activated },
  { "show-view", show_view_activated, "s" },
  { "open-invitation", open_invitation_activated },
  { "new-token", tokens_activated },
  { "search", tokens_activated },
  { "show-help-overlay", shortcuts_activated },
  { "retry", retry_activated },
  { "resend-verification", resend_verification_activated },
  { "sign-out", sign_out_activated },
  { "workspace", NULL, "s", "'default'", workspace_changed },
};

void
pc_window_add_actions (PcWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
}
