/* test-tokens-create.c: creating a token: the new-token dialog, its secret
 * on the clipboard (the formats, clearing it, another owner, the PRIMARY
 * selection, the hint to clipboard managers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, in the private D-Bus session with a real gnome-keyring, against
 * the mock cloud served from this same main loop.
 */
#include <adwaita.h>

#include "pc-clipboard.h"
#include "pc-new-token-dialog.h"
#include "pc-test-ui.h"
#include "test-tokens-common.h"

typedef PcUiFixture Fixture;

static gboolean
toplevel_gone (Fixture       *f,
               gconstpointer  type)
{
  return pc_ui_find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

static AdwMessageDialog *
wait_for_message (Fixture *f)
{
  pc_ui_wait_for (f, pc_ui_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "a message dialog");
  return ADW_MESSAGE_DIALOG (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Creating */

static PcNewTokenDialog *
open_dialog (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-token", NULL));
  pc_ui_wait_for (f, pc_ui_toplevel_shown, GSIZE_TO_POINTER (PC_TYPE_NEW_TOKEN_DIALOG), "the new-token dialog");
  return PC_NEW_TOKEN_DIALOG (pc_ui_find_toplevel (PC_TYPE_NEW_TOKEN_DIALOG));
}

static GtkEditable *
name_row (PcNewTokenDialog *dialog)
{
  return GTK_EDITABLE (pc_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name"));
}

static const char *
dialog_error (PcNewTokenDialog *dialog)
{
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
dialog_has_error (Fixture       *f,
                  gconstpointer  dialog)
{
  return dialog_error ((PcNewTokenDialog *) dialog) != NULL;
}

/* Reading the clipboard as another program would. */
static GAsyncResult *read_result;

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  read_result = g_object_ref (result);
}

static gboolean
read_done (Fixture       *f,
           gconstpointer  data)
{
  return read_result != NULL;
}

static char *
clipboard_text (Fixture *f)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  g_autoptr(GAsyncResult) result = NULL;

  gdk_clipboard_read_text_async (clipboard, NULL, read_cb, NULL);
  pc_ui_wait_for (f, read_done, NULL, "the clipboard");
  result = g_steal_pointer (&read_result);
  return gdk_clipboard_read_text_finish (clipboard, result, NULL);
}

static void
test_create_and_copy (Fixture       *f,
                      gconstpointer  data)
{
  PcNewTokenDialog *dialog;
  g_autofree char *secret = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *after = NULL;
  g_autofree char *names = NULL;
  g_autoptr(PcTokenNames) reread = NULL;
  GtkWidget *default_widget;

  g_settings_set_int (f->settings, "clipboard-clear-seconds", 1);
  tok_sign_in (f, 4);
  dialog = open_dialog (f);
  gtk_editable_set_text (name_row (dialog), "  ci pipeline  ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL));
  pc_ui_wait_for (f, pc_ui_new_secret_shown, dialog, "the new secret");
  secret = g_strdup (pc_ui_new_secret (dialog));
  g_assert_true (g_str_has_prefix (secret, "pc_"));
  /* Copy is the default: Enter copies. */
  default_widget = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_BUTTON (default_widget));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (default_widget)), ==, "new-token.copy");
  pc_ui_screenshot_window (f, GTK_WINDOW (dialog), "new-token");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.copy", "s", "plain"));
  copied = clipboard_text (f);
  g_assert_cmpstr (copied, ==, secret);

  /* It goes away by itself. */
  pc_ui_wait_for (f, pc_ui_clipboard_clear_done, NULL, "the clipboard to be cleared");
  after = clipboard_text (f);
  g_assert_null (after);

  /* The list has it, by the name given, and the name is kept locally. */
  pc_ui_wait_for (f, tok_has_tokens, GUINT_TO_POINTER (5), "the new token in the list");
  gtk_window_close (GTK_WINDOW (dialog));
  pc_ui_wait_for (f, toplevel_gone, GSIZE_TO_POINTER (PC_TYPE_NEW_TOKEN_DIALOG), "the dialog to close");
  reread = pc_token_names_new (NULL);
  g_file_get_contents (pc_token_names_get_path (reread), &names, NULL, NULL);
  g_assert_nonnull (strstr (names, "ci pipeline"));
  g_assert_null (strstr (names, secret));
}

static void
test_copy_formats (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *env = pc_new_token_format ("env", "s3cret", "https://api.example.org/v2", "ws-1");
  g_autofree char *curl = pc_new_token_format ("curl", "s3cret", "https://api.example.org/v2", "default");

  g_assert_cmpstr (env, ==, "PUPIL_CLOUD_TOKEN=s3cret\nPUPIL_CLOUD_WORKSPACE=ws-1\n");
  g_assert_cmpstr (curl, ==, "curl -H 'api-key: s3cret' -H 'workspace-id: default' "
                             "'https://api.example.org/v2/auth/profile'");
}

static void
test_clipboard_taken_over (Fixture       *f,
                           gconstpointer  data)
{
  PcNewTokenDialog *dialog;
  g_autoptr(GSubprocess) xclip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_settings_set_int (f->settings, "clipboard-clear-seconds", 1);
  g_settings_set_boolean (f->settings, "copy-new-tokens", TRUE);
  tok_sign_in (f, 4);
  dialog = open_dialog (f);
  gtk_editable_set_text (name_row (dialog), "copied at once");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL));
  pc_ui_wait_for (f, pc_ui_new_secret_shown, dialog, "the new secret");
  g_assert_true (pc_clipboard_clear_pending ());

  /* Another program takes the clipboard before the clear is due. */
  xclip = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                            G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            "xclip", "-selection", "clipboard", "-i", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (xclip, "other program's text", NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  pc_ui_wait_for (f, pc_ui_clipboard_clear_done, NULL, "the clear to come due");
  after = clipboard_text (f);
  g_assert_cmpstr (after, ==, "other program's text");
  /* Nothing to ask: it was copied. */
  gtk_window_close (GTK_WINDOW (dialog));
  pc_ui_wait_for (f, toplevel_gone, GSIZE_TO_POINTER (PC_TYPE_NEW_TOKEN_DIALOG), "the dialog to close");
}

static void
test_create_refused (Fixture       *f,
                     gconstpointer  data)
{
  PcNewTokenDialog *dialog;
  g_autofree char *long_name = g_strnfill (101, 'x');
  guint requests;

  tok_sign_in (f, 4);
  dialog = open_dialog (f);
  requests = pc_mock_server_count_requests (f->mock, "POST", "/auth/tokens");

  gtk_editable_set_text (name_row (dialog), "   ");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL);
  g_assert_nonnull (strstr (dialog_error (dialog), "name"));

  gtk_editable_set_text (name_row (dialog), long_name);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL);
  g_assert_nonnull (strstr (dialog_error (dialog), "100"));
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "POST", "/auth/tokens"), ==, requests);

  pc_mock_server_add_fault (f->mock, "POST", "/auth/tokens", PC_MOCK_FAULT_STATUS, 400);
  gtk_editable_set_text (name_row (dialog), "refused by the server");
  g_assert_null (dialog_error (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL);
  pc_ui_wait_for (f, dialog_has_error, dialog, "the server's refusal");
  g_assert_cmpstr (dialog_error (dialog), ==, "Injected fault");
  g_assert_cmpstr (gtk_editable_get_text (name_row (dialog)), ==, "refused by the server");

  pc_mock_server_clear_faults (f->mock);
  pc_mock_server_add_fault (f->mock, "POST", "/auth/tokens", PC_MOCK_FAULT_STATUS, 500);
  gtk_editable_set_text (name_row (dialog), "server trouble");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL);
  pc_ui_wait_for (f, dialog_has_error, dialog, "the server error");
  g_assert_nonnull (strstr (dialog_error (dialog), "server had a problem"));
  g_assert_cmpstr (gtk_editable_get_text (name_row (dialog)), ==, "server trouble");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (g_list_model_get_n_items (tok_tokens (f)), ==, 4);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_close_asks_once (Fixture       *f,
                      gconstpointer  data)
{
  PcNewTokenDialog *dialog;

  tok_sign_in (f, 4);
  dialog = open_dialog (f);
  gtk_editable_set_text (name_row (dialog), "never copied");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL);
  pc_ui_wait_for (f, pc_ui_new_secret_shown, dialog, "the new secret");

  gtk_window_close (GTK_WINDOW (dialog));
  tok_respond (wait_for_message (f), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_window_close (GTK_WINDOW (dialog));
  tok_respond (wait_for_message (f), "close");
  pc_ui_wait_for (f, toplevel_gone, GSIZE_TO_POINTER (PC_TYPE_NEW_TOKEN_DIALOG), "the dialog to close");
}

static void
test_cleared_on_close (Fixture       *f,
                       gconstpointer  data)
{
  PcNewTokenDialog *dialog;
  g_autofree char *copied = NULL;
  g_autofree char *after = NULL;

  g_settings_set_int (f->settings, "clipboard-clear-seconds", 0); /* never, but for the close */
  tok_sign_in (f, 4);
  dialog = open_dialog (f);
  gtk_editable_set_text (name_row (dialog), "closed soon");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL);
  pc_ui_wait_for (f, pc_ui_new_secret_shown, dialog, "the new secret");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.copy", "s", "env");
  copied = clipboard_text (f);
  g_assert_true (g_str_has_prefix (copied, "PUPIL_CLOUD_TOKEN=pc_"));
  g_assert_false (pc_clipboard_clear_pending ());
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Closing the window takes it off the clipboard. */
  gtk_window_close (GTK_WINDOW (f->window));
  after = clipboard_text (f);
  g_assert_null (after);
}

/* The secret is never on the PRIMARY selection */

typedef struct
{
  gboolean done;
  char *out;
} Read;

static void
primary_read (GObject      *process,
              GAsyncResult *result,
              gpointer      data)
{
  Read *read = data;

  /* Nothing there is an error for xclip: then there is no text. */
  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (process), result, &read->out, NULL, NULL);
  read->done = TRUE;
}

/* Read as another program would, while this main loop serves the selection. */
static char *
primary_text (Fixture *f)
{
  g_autoptr(GSubprocess) xclip = NULL;
  g_autoptr(GError) error = NULL;
  Read read = { FALSE, NULL };

  xclip = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            "xclip", "-selection", "primary", "-o", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (xclip, NULL, NULL, primary_read, &read);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &read.done, "xclip");
  return read.out ? read.out : g_strdup ("");
}

static void
test_secret_not_on_primary (Fixture       *f,
                            gconstpointer  data)
{
  PcNewTokenDialog *dialog;
  GtkWidget *label;
  g_autofree char *secret = NULL;
  g_autofree char *primary = NULL;

  tok_sign_in (f, 4);
  dialog = open_dialog (f);
  gtk_editable_set_text (name_row (dialog), "kept off primary");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL));
  pc_ui_wait_for (f, pc_ui_new_secret_shown, dialog, "the new secret");
  secret = g_strdup (pc_ui_new_secret (dialog));
  label = pc_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "monospace");

  /* Shown, not selectable: focusing or clicking it selects nothing. */
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_false (gtk_label_get_selectable (GTK_LABEL (label)));
  gtk_widget_grab_focus (label);
  gtk_widget_activate (label);
  gtk_label_select_region (GTK_LABEL (label), 0, -1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  primary = primary_text (f);
  g_assert_null (strstr (primary, secret));

  /* Copy is still the way to take it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.copy", "s", "plain"));
  {
    g_autofree char *copied = clipboard_text (f);
    g_assert_cmpstr (copied, ==, secret);
  }
  g_free (primary);
  primary = primary_text (f);
  g_assert_null (strstr (primary, secret));
  gtk_window_close (GTK_WINDOW (dialog));
  pc_ui_wait_for (f, toplevel_gone, GSIZE_TO_POINTER (PC_TYPE_NEW_TOKEN_DIALOG), "the dialog to close");
}

/* The clipboard as a clipboard manager reads it on X11: xclip, from
 * outside, while this main loop serves the selection. */
static char *
xclip_clipboard (Fixture    *f,
                 const char *target)
{
  g_autoptr(GSubprocess) xclip = NULL;
  g_autoptr(GError) error = NULL;
  Read read = { FALSE, NULL };

  xclip = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            "xclip", "-selection", "clipboard", "-t", target, "-o", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (xclip, NULL, NULL, primary_read, &read);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &read.done, "xclip");
  return read.out ? read.out : g_strdup ("");
}

static void
test_password_manager_hint (Fixture       *f,
                            gconstpointer  data)
{
  static const char *formats[] = { "plain", "env", "curl" };
  PcNewTokenDialog *dialog;
  g_autofree char *secret = NULL;

  g_settings_set_int (f->settings, "clipboard-clear-seconds", 0);
  tok_sign_in (f, 4);
  dialog = open_dialog (f);
  gtk_editable_set_text (name_row (dialog), "hinted");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL));
  pc_ui_wait_for (f, pc_ui_new_secret_shown, dialog, "the new secret");
  secret = g_strdup (pc_ui_new_secret (dialog));

  /* Every copy of the secret carries the hint, listed and served. */
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *targets = NULL;
      g_autofree char *hint = NULL;
      g_autofree char *text = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.copy", "s", formats[i]));
      targets = xclip_clipboard (f, "TARGETS");
      {
        g_autofree char *one_line = g_strdelimit (g_strdup (targets), "\n", ' ');
        g_test_message ("xclip -selection clipboard -t TARGETS -o (%s): %s", formats[i], one_line);
      }
      g_assert_nonnull (strstr (targets, "x-kde-passwordManagerHint\n"));
      g_assert_nonnull (strstr (targets, "UTF8_STRING\n"));
      hint = xclip_clipboard (f, "x-kde-passwordManagerHint");
      g_test_message ("xclip -selection clipboard -t x-kde-passwordManagerHint -o (%s): %s", formats[i], hint);
      g_assert_cmpstr (hint, ==, "secret");
      text = xclip_clipboard (f, "UTF8_STRING");
      g_assert_nonnull (strstr (text, secret));
    }
  g_assert_true (pc_clipboard_clear_secret (NULL));
  pc_ui_wait_for (f, pc_ui_clipboard_clear_done, NULL, "the clear to be confirmed");
  {
    g_autofree char *after = xclip_clipboard (f, "TARGETS");
    g_assert_null (strstr (after, "x-kde-passwordManagerHint"));
  }
  gtk_window_close (GTK_WINDOW (dialog));
  pc_ui_wait_for (f, toplevel_gone, GSIZE_TO_POINTER (PC_TYPE_NEW_TOKEN_DIALOG), "the dialog to close");
}
int
main (int   argc,
      char *argv[])
{
  pc_ui_init (&argc, &argv, PC_UI_INIT_TOLERATE_FOCUS_OUT);

  pc_ui_add ("/tokens/create/copy", test_create_and_copy);
  pc_ui_add ("/tokens/create/formats", test_copy_formats);
  pc_ui_add ("/tokens/create/clipboard-taken-over", test_clipboard_taken_over);
  pc_ui_add ("/tokens/create/password-manager-hint", test_password_manager_hint);
  pc_ui_add ("/tokens/create/refused", test_create_refused);
  pc_ui_add ("/tokens/create/close-asks", test_close_asks_once);
  pc_ui_add ("/tokens/create/cleared-on-close", test_cleared_on_close);
  pc_ui_add ("/tokens/create/not-on-primary", test_secret_not_on_primary);
  return g_test_run ();
}
