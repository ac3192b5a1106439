/* test-ui.c: the desktop app's window and login page, driven like a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb in the private D-Bus session with a real gnome-keyring
 * (build-aux/run-tests.sh), against the mock cloud served from this same
 * main loop. Widgets are found by the titles a person reads.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "pc-login-page.h"
#include "pc-mock-server.h"
#include "pc-secret-store.h"
#include "pc-token-cache.h"
#include "pc-tokens-page.h"
#include "pc-window.h"
#include "pupilcloud.h"


#include "pc-test-ui.h"
#include "pc-test-util.h"

typedef PcUiFixture Fixture;

static PcLoginPage *
login_page (Fixture *f)
{
  return PC_LOGIN_PAGE (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_LOGIN_PAGE, NULL));
}

static GtkEditable *
row (Fixture    *f,
     const char *title)
{
  GtkWidget *found = pc_ui_find_widget (GTK_WIDGET (login_page (f)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (found);
  return GTK_EDITABLE (found);
}

static const char *
error_text (Fixture *f)
{
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (login_page (f)), GTK_TYPE_LABEL, "error");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
has_error (Fixture       *f,
           gconstpointer  data)
{
  return error_text (f) != NULL && *error_text (f) != '\0';
}

static void
sign_in (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (login_page (f)), "login.sign-in", NULL));
}

static void
choose_email (Fixture *f)
{
  GtkStack *stack = GTK_STACK (pc_ui_find_widget (GTK_WIDGET (login_page (f)), GTK_TYPE_STACK, NULL));
  gtk_stack_set_visible_child_name (stack, "email");
}

static void
choose_custom_server (Fixture    *f,
                      const char *url)
{
  AdwComboRow *server = ADW_COMBO_ROW (pc_ui_find_widget (GTK_WIDGET (login_page (f)), ADW_TYPE_COMBO_ROW, "Server"));

  adw_combo_row_set_selected (server, 2);
  gtk_editable_set_text (row (f, "Server Address"), url);
}

static gboolean
info_bar_revealed (Fixture    *f,
                   const char *label_start)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_INFO_BAR (widget) && gtk_info_bar_get_revealed (GTK_INFO_BAR (widget)))
        {
          GtkWidget *label = pc_ui_find_widget (widget, GTK_TYPE_LABEL, NULL);
          for (; label != NULL; label = gtk_widget_get_next_sibling (label))
            if (GTK_IS_LABEL (label) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)), label_start))
              return TRUE;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return FALSE;
}

/* Signing in with a token */

static void
test_token_good (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PcCredentials) credentials = NULL;

  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  pc_ui_screenshot (f, "login-page");
  gtk_editable_set_text (row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
  sign_in (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_false (info_bar_revealed (f, "This sign-in cannot be remembered"));
  pc_ui_screenshot (f, "signed-in");

  credentials = pc_ui_stored (f);
  g_assert_nonnull (credentials);
  g_assert_cmpstr (pc_credentials_get_secret (credentials), ==, PC_MOCK_DEMO_TOKEN);
  /* The server is remembered, never the secret. */
  {
    g_autofree char *server = g_settings_get_string (f->settings, "server");
    g_assert_cmpstr (server, ==, pc_mock_server_get_base_url (f->mock));
  }
}

static void
test_token_wrong (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PcCredentials) credentials = NULL;

  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  gtk_editable_set_text (row (f, "API Token"), "not-a-token");
  gtk_editable_set_text (row (f, "Workspace ID (optional)"), "ws-typed");
  sign_in (f);
  pc_ui_wait_for (f, has_error, NULL, "an error");
  g_assert_nonnull (strstr (error_text (f), "not accepted"));
  /* The refused secret is gone; what else was typed stays. */
  g_assert_cmpstr (gtk_editable_get_text (row (f, "API Token")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (row (f, "Workspace ID (optional)")), ==, "ws-typed");
  g_assert_cmpstr (gtk_editable_get_text (row (f, "Server Address")), ==, pc_mock_server_get_base_url (f->mock));
  g_assert_true (pc_ui_page_is (f, "login"));
  credentials = pc_ui_stored (f);
  g_assert_null (credentials);
}

static void
test_token_expired (Fixture       *f,
                    gconstpointer  data)
{
  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  gtk_editable_set_text (row (f, "API Token"), PC_MOCK_EXPIRED_TOKEN);
  sign_in (f);
  pc_ui_wait_for (f, has_error, NULL, "an error");
  g_assert_nonnull (strstr (error_text (f), "expired"));
}

static void
test_token_unreachable (Fixture       *f,
                        gconstpointer  data)
{
  choose_custom_server (f, "http://127.0.0.1:9/v2");
  gtk_editable_set_text (row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
  sign_in (f);
  pc_ui_wait_for (f, has_error, NULL, "an error");
  g_assert_nonnull (strstr (error_text (f), "could not be reached"));
  /* Not a rejection: the token stays for another try. */
  g_assert_cmpstr (gtk_editable_get_text (row (f, "API Token")), ==, PC_MOCK_DEMO_TOKEN);
}

static void
test_invalid_address (Fixture       *f,
                      gconstpointer  data)
{
  choose_custom_server (f, "http://api.example.org/v2");
  gtk_editable_set_text (row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
  sign_in (f);
  g_assert_true (has_error (f, NULL));
  g_assert_nonnull (strstr (error_text (f), "https://"));
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, 0);
}

static gboolean
sign_in_enabled (Fixture       *f,
                 gconstpointer  data)
{
  PcLoginPage *page = login_page (f);
  GtkWidget *spinner = pc_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_SPINNER, NULL);

  gboolean idle = !gtk_widget_get_visible (spinner);

  return idle == GPOINTER_TO_INT (data);
}

static void
test_cancel_sign_in (Fixture       *f,
                     gconstpointer  data)
{
  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  gtk_editable_set_text (row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
  pc_mock_server_set_latency (f->mock, 10000);
  sign_in (f);
  /* Busy: the spinner turns, and a second press sends nothing more. */
  g_assert_true (sign_in_enabled (f, GINT_TO_POINTER (FALSE)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (login_page (f)), "login.sign-in", NULL) &&
                  pc_mock_server_get_request_count (f->mock) > 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (login_page (f)), "login.cancel", NULL));
  pc_ui_wait_for (f, sign_in_enabled, GINT_TO_POINTER (TRUE), "the form to be ready again");
  g_assert_true (pc_ui_page_is (f, "login"));
  g_assert_false (has_error (f, NULL));
  g_assert_cmpstr (gtk_editable_get_text (row (f, "API Token")), ==, PC_MOCK_DEMO_TOKEN);
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), <=, 1);
}

static void
test_switch_workspace (Fixture       *f,
                       gconstpointer  data)
{
  const char *vision_lab = "b7e9d3c4-0000-4000-8000-000000000002";
  g_autofree char *remembered = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.workspace", "s", vision_lab));
  g_assert_cmpstr (pc_session_get_workspace_id (f->session), ==, vision_lab);
  g_assert_cmpstr (pc_client_get_workspace_id (pc_session_get_client (f->session)), ==, vision_lab);
  remembered = g_settings_get_string (f->settings, "workspace-id");
  g_assert_cmpstr (remembered, ==, vision_lab);

  /* Kept for the next start. */
  pc_ui_close_window (f);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_cmpstr (pc_session_get_workspace_id (f->session), ==, vision_lab);
}

/* Signing in with email and password */

static void
sign_in_by_email (Fixture *f)
{
  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  choose_email (f);
  gtk_editable_set_text (row (f, "Email"), PC_MOCK_DEMO_EMAIL);
  gtk_editable_set_text (row (f, "Password"), PC_MOCK_DEMO_PASSWORD);
  sign_in (f);
  pc_ui_wait_for_page (f, "main");
}

static void
test_email_good (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PcCredentials) credentials = NULL;

  sign_in_by_email (f);
  credentials = pc_ui_stored (f);
  g_assert_cmpint (pc_credentials_get_kind (credentials), ==, PC_CREDENTIALS_COOKIE);
}

static void
test_email_wrong (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;

  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  choose_email (f);
  gtk_editable_set_text (row (f, "Email"), PC_MOCK_DEMO_EMAIL);
  gtk_editable_set_text (row (f, "Password"), "not-the-password");
  sign_in (f);
  pc_ui_wait_for (f, has_error, NULL, "an error");
  first = g_strdup (error_text (f));
  g_assert_nonnull (strstr (first, "password is wrong"));
  g_assert_cmpstr (gtk_editable_get_text (row (f, "Password")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (row (f, "Email")), ==, PC_MOCK_DEMO_EMAIL);

  /* An unknown email reads the same: nothing tells who has an account. */
  gtk_editable_set_text (row (f, "Email"), "nobody@example.org");
  gtk_editable_set_text (row (f, "Password"), "whatever");
  g_assert_false (has_error (f, NULL));
  sign_in (f);
  pc_ui_wait_for (f, has_error, NULL, "an error");
  g_assert_cmpstr (error_text (f), ==, first);
}

static void
test_email_no_identity_provider (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *notice;

  pc_window_set_identity_provider (f->window, NULL, NULL);
  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  choose_email (f);
  notice = pc_ui_find_widget (GTK_WIDGET (login_page (f)), GTK_TYPE_LABEL, "text:Email sign-in is not set up");
  /* The notice is what the email page shows. */
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (notice))) == notice);
  /* Nothing to send, and nowhere to send a password. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (login_page (f)), "login.sign-in", NULL) &&
                  pc_mock_server_get_request_count (f->mock) > 0);
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, 0);

  /* No account to create, no password to reset. */
  {
    GtkStack *stack = GTK_STACK (pc_ui_find_widget (GTK_WIDGET (login_page (f)), GTK_TYPE_STACK, NULL));
    GtkWidget *create = gtk_stack_get_child_by_name (stack, "create");

    g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (stack, create)));
    gtk_widget_activate_action (GTK_WIDGET (login_page (f)), "login.forgot-password", NULL);
    g_assert_null (pc_ui_find_button (GTK_WIDGET (login_page (f)), "Forgot Password?"));
    g_assert_null (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  }
}

/* Creating an account, confirming the address, a forgotten password */

#define NEW_EMAIL "ada@example.org"
#define NEW_PASSWORD "correct horse 9"

static PcMockState *
mock_state (Fixture *f)
{
  return pc_mock_server_get_state (f->mock);
}

static GtkWidget *
create_form (Fixture *f)
{
  GtkStack *stack = GTK_STACK (pc_ui_find_widget (GTK_WIDGET (login_page (f)), GTK_TYPE_STACK, NULL));
  return gtk_stack_get_child_by_name (stack, "create");
}

static GtkEditable *
create_row (Fixture    *f,
            const char *title)
{
  GtkWidget *found = pc_ui_find_widget (create_form (f), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (found);
  return GTK_EDITABLE (found);
}

static void
choose_create (Fixture *f)
{
  GtkStack *stack = GTK_STACK (pc_ui_find_widget (GTK_WIDGET (login_page (f)), GTK_TYPE_STACK, NULL));

  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  gtk_stack_set_visible_child_name (stack, "create");
}

static void
fill_create (Fixture    *f,
             const char *email,
             const char *password,
             const char *again)
{
  gtk_editable_set_text (create_row (f, "Email"), email);
  gtk_editable_set_text (create_row (f, "Password"), password);
  gtk_editable_set_text (create_row (f, "Password Again"), again);
}

/* The error said under one of the create form's fields, if any. */
static const char *
field_error (Fixture    *f,
             const char *field)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (create_row (f, field)), ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *label = gtk_widget_get_next_sibling (group);

  g_assert_true (GTK_IS_LABEL (label));
  if (!gtk_widget_get_visible (label) || !gtk_widget_has_css_class (label, "error"))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
has_field_error (Fixture       *f,
                 gconstpointer  field)
{
  return field_error (f, field) != NULL;
}

static gboolean
sent_count_is (Fixture       *f,
               gconstpointer  count)
{
  return pc_mock_state_get_sent_emails (mock_state (f))->len == GPOINTER_TO_UINT (count);
}

static gboolean
verify_bar_shown (Fixture       *f,
                  gconstpointer  data)
{
  return info_bar_revealed (f, "Confirm your email address");
}

static gboolean
verify_bar_gone (Fixture       *f,
                 gconstpointer  data)
{
  return !verify_bar_shown (f, data);
}

static void
test_create_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PcCredentials) credentials = NULL;
  GPtrArray *sent;
  GtkSwitch *news;

  choose_create (f);
  fill_create (f, NEW_EMAIL, NEW_PASSWORD, NEW_PASSWORD);
  news = GTK_SWITCH (pc_ui_find_widget (create_form (f), GTK_TYPE_SWITCH, NULL));
  g_assert_false (gtk_switch_get_active (news));
  gtk_switch_set_active (news, TRUE);
  pc_ui_screenshot (f, "create-account");
  sign_in (f);
  pc_ui_wait_for_page (f, "main");

  credentials = pc_ui_stored (f);
  g_assert_nonnull (credentials);
  g_assert_cmpint (pc_credentials_get_kind (credentials), ==, PC_CREDENTIALS_COOKIE);
  g_assert_true (pc_mock_state_is_registered (mock_state (f), NEW_EMAIL));
  g_assert_true (pc_profile_get_product_updates_subscribed (pc_session_get_profile (f->session)));
  /* No password kept in the form. */
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Password")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Password Again")), ==, "");

  /* The confirmation email went out; the window asks for the click. */
  sent = pc_mock_state_get_sent_emails (mock_state (f));
  g_assert_cmpuint (sent->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sent, 0), ==, "VERIFY_EMAIL " NEW_EMAIL);
  pc_ui_wait_for (f, verify_bar_shown, NULL, "the confirm bar");
  g_assert_true (info_bar_revealed (f, "Confirm your email address: we sent a link to " NEW_EMAIL "."));
  pc_ui_screenshot (f, "confirm-email-bar");

  /* Resend, once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resend-verification", NULL));
  pc_ui_wait_for (f, sent_count_is, GUINT_TO_POINTER (2), "a second email");
  g_assert_cmpstr (g_ptr_array_index (sent, 1), ==, "VERIFY_EMAIL " NEW_EMAIL);

  /* The link followed: the next refresh takes the bar away. */
  g_assert_true (pc_mock_state_verify_email (mock_state (f), NEW_EMAIL));
  g_assert_true (verify_bar_shown (f, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL));
  pc_ui_wait_for (f, verify_bar_gone, NULL, "the confirm bar gone");
}

/* A new account's sign-in restored at the next start: no ID token is kept
 * anywhere, so the bar asks to sign in again for a new link, and offers no
 * Resend that could not work. */
static void
test_confirm_after_restart (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PcSession) first_run = pc_session_new (pc_ui_server (f), NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pc_session_register_async (first_run, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY, NEW_EMAIL,
                             NEW_PASSWORD, FALSE, NULL, pc_test_keep_result, &slot);
  result = pc_test_wait (&slot);
  g_assert_true (pc_session_sign_in_finish (first_run, result, &error));
  g_assert_no_error (error);

  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, verify_bar_shown, NULL, "the confirm bar");
  g_assert_true (info_bar_revealed (f, "Confirm your email address " NEW_EMAIL ": sign in again"));
  g_assert_null (pc_ui_find_button (GTK_WIDGET (f->window), "_Resend"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "resend-verification"));
}

/* Escape while the account is being created: the form is ready again with
 * what was typed, to try again at once (as for a sign-in), and no sign-in
 * is kept. */
static void
test_create_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PcCredentials) after = NULL;

  choose_create (f);
  fill_create (f, NEW_EMAIL, NEW_PASSWORD, NEW_PASSWORD);
  pc_mock_server_set_latency (f->mock, 10000);
  sign_in (f);
  g_assert_true (sign_in_enabled (f, GINT_TO_POINTER (FALSE)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (login_page (f)), "login.cancel", NULL));
  pc_ui_wait_for (f, sign_in_enabled, GINT_TO_POINTER (TRUE), "the form to be ready again");
  g_assert_true (pc_ui_page_is (f, "login"));
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Email")), ==, NEW_EMAIL);
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Password")), ==, NEW_PASSWORD);
  after = pc_ui_stored (f);
  g_assert_null (after);
}

static void
test_create_refused (Fixture       *f,
                     gconstpointer  data)
{
  guint requests;

  choose_create (f);

  /* Mismatched passwords: said under the second, nothing sent. */
  requests = pc_mock_server_get_request_count (f->mock);
  fill_create (f, NEW_EMAIL, NEW_PASSWORD, "correct horse 8");
  sign_in (f);
  g_assert_nonnull (field_error (f, "Password Again"));
  g_assert_nonnull (strstr (field_error (f, "Password Again"), "not the same"));
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, requests);
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Email")), ==, NEW_EMAIL);
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Password")), ==, "");
  pc_ui_screenshot (f, "create-account-mismatch");

  /* Too short: what is missing, under the password, nothing sent. */
  fill_create (f, NEW_EMAIL, "abc", "abc");
  sign_in (f);
  g_assert_nonnull (field_error (f, "Password"));
  g_assert_nonnull (strstr (field_error (f, "Password"), "3 more characters"));
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, requests);

  /* The provider finds the password weak. */
  pc_mock_state_set_next_idp_error (mock_state (f), "WEAK_PASSWORD");
  fill_create (f, NEW_EMAIL, NEW_PASSWORD, NEW_PASSWORD);
  g_assert_null (field_error (f, "Password"));
  sign_in (f);
  pc_ui_wait_for (f, has_field_error, "Password", "the weak password said");
  g_assert_nonnull (strstr (field_error (f, "Password"), "too weak"));
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Email")), ==, NEW_EMAIL);
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Password")), ==, "");

  /* An address with an account already: said under the email. */
  fill_create (f, PC_MOCK_DEMO_EMAIL, NEW_PASSWORD, NEW_PASSWORD);
  sign_in (f);
  pc_ui_wait_for (f, has_field_error, "Email", "the existing address said");
  g_assert_nonnull (strstr (field_error (f, "Email"), "exists already"));
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Email")), ==, PC_MOCK_DEMO_EMAIL);
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Password Again")), ==, "");
  g_assert_true (pc_ui_page_is (f, "login"));
  g_assert_cmpuint (pc_mock_state_get_sent_emails (mock_state (f))->len, ==, 0);
  g_assert_null (pc_ui_stored (f));
}

static gboolean
notice_says (Fixture       *f,
             gconstpointer  text)
{
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (login_page (f)), GTK_TYPE_LABEL, text);

  return label != NULL && gtk_widget_get_visible (label);
}

static gboolean
dialog_focus_on_entry (Fixture       *f,
                       gconstpointer  dialog)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));

  return focus != NULL && (GTK_IS_ENTRY (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) != NULL);
}

static void
test_forgot_password (Fixture       *f,
                      gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GPtrArray *sent = pc_mock_state_get_sent_emails (mock_state (f));

  choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  choose_email (f);
  gtk_editable_set_text (row (f, "Email"), PC_MOCK_DEMO_EMAIL);

  /* One: Forgot Password?, the address filled in and focused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (login_page (f)), "login.forgot-password", NULL));
  dialog = ADW_MESSAGE_DIALOG (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, PC_MOCK_DEMO_EMAIL);
  pc_ui_wait_for (f, dialog_focus_on_entry, dialog, "the focus in the address");
  pc_ui_screenshot_window (f, GTK_WINDOW (dialog), "forgot-password");

  /* Two: Send Link. */
  adw_message_dialog_response (dialog, "send");
  pc_ui_wait_for (f, sent_count_is, GUINT_TO_POINTER (1), "the reset email");
  g_assert_cmpstr (g_ptr_array_index (sent, 0), ==, "PASSWORD_RESET " PC_MOCK_DEMO_EMAIL);
  pc_ui_wait_for (f, notice_says, "text:If an account exists for " PC_MOCK_DEMO_EMAIL ", we sent it a link",
                  "the notice");

  /* An unknown address reads alike, and gets nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (login_page (f)), "login.forgot-password", NULL));
  dialog = ADW_MESSAGE_DIALOG (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "nobody@example.org");
  adw_message_dialog_response (dialog, "send");
  pc_ui_wait_for (f, notice_says, "text:If an account exists for nobody@example.org, we sent it a link", "the notice");
  g_assert_cmpuint (sent->len, ==, 1);
}

/* Starting again */

static gboolean
saw_page (Fixture    *f,
          const char *name)
{
  for (guint i = 0; i < f->pages_seen->len; i++)
    if (g_str_equal (g_ptr_array_index (f->pages_seen, i), name))
      return TRUE;
  return FALSE;
}

static void
test_restart_found (Fixture       *f,
                    gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_false (saw_page (f, "login"));
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Ada Demo");
}

/* What the Tokens page knew */

static GListModel *
shown_tokens (Fixture *f)
{
  GtkWidget *page = pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL);

  return pc_tokens_page_get_model (PC_TOKENS_PAGE (page));
}

static gboolean
tokens_loaded (Fixture       *f,
               gconstpointer  count)
{
  gboolean loading;

  g_object_get (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL), "loading", &loading, NULL);
  return !loading && g_list_model_get_n_items (shown_tokens (f)) == GPOINTER_TO_UINT (count);
}

static gboolean
file_exists (Fixture       *f,
             gconstpointer  path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The ids of the tokens shown, sorted, one line each: names may not come
 * (the seed's world). */
static char *
shown_ids (Fixture *f)
{
  GListModel *tokens = shown_tokens (f);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(PcToken) token = g_list_model_get_item (tokens, i);
      g_ptr_array_add (ids, g_strdup (pc_token_get_id (token)));
    }
  g_ptr_array_sort (ids, compare_texts);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv ("\n", (char **) ids->pdata);
}

/* The signed-in view, with the tokens known at the last run, while the
 * server has not yet said whether the stored sign-in holds. */
static gboolean
known_shown (Fixture       *f,
             gconstpointer  ids)
{
  g_autofree char *shown = NULL;

  if (g_strcmp0 (pc_window_get_page_name (f->window), "main") != 0 || !pc_session_get_restoring (f->session))
    return FALSE;
  shown = shown_ids (f);
  return g_str_equal (shown, ids);
}

static gboolean
updating_shown (Fixture *f)
{
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "text:Updating…");

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label);
}

static guint
count_lines_not_in (const char *text,
                    const char *other)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) others = g_strsplit (other, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    count += !g_strv_contains ((const char * const *) others, lines[i]);
  return count;
}

/* A signed-in start shows the tokens known at the last run at once, marked
 * as being updated, while the server is asked (held here); then what the
 * server has, with nothing of a secret ever in the file. */
static void
test_restart_known_tokens (Fixture       *f,
                           gconstpointer  data)
{
  PcMockState *state = pc_mock_server_get_state (f->mock);
  g_autofree char *old_secret = pc_mock_state_add_token (state, PC_MOCK_DEMO_EMAIL, "Old Token");
  g_autofree char *fresh_secret = NULL;
  g_autofree char *path = pc_token_cache_dup_path (pc_ui_server (f), PC_MOCK_DEMO_EMAIL);
  g_autofree char *kept = NULL;
  g_autofree char *known = NULL;
  g_autofree char *fresh = NULL;
  guint count = pc_mock_state_count_tokens (state, PC_MOCK_DEMO_EMAIL);
  GStatBuf info;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, tokens_loaded, GUINT_TO_POINTER (count), "the tokens");
  known = shown_ids (f);
  pc_ui_wait_for (f, file_exists, path, "the tokens kept for the next start");
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_null (strstr (kept, old_secret));
  g_assert_null (strstr (kept, PC_MOCK_DEMO_TOKEN));
  pc_ui_close_window (f);

  /* Meanwhile, on the server: one token gone, one new. */
  g_assert_true (pc_mock_state_revoke_token (state, old_secret));
  fresh_secret = pc_mock_state_add_token (state, PC_MOCK_DEMO_EMAIL, "Fresh Token");

  pc_mock_server_set_held (f->mock, TRUE);
  pc_ui_open_window (f);
  pc_ui_wait_for (f, known_shown, known, "the tokens known at the last run");
  g_assert_false (saw_page (f, "login"));
  g_assert_true (updating_shown (f));
  pc_ui_screenshot (f, "known-tokens");

  pc_mock_server_set_held (f->mock, FALSE);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, tokens_loaded, GUINT_TO_POINTER (count), "the fresh list");
  fresh = shown_ids (f);
  g_assert_cmpuint (count_lines_not_in (fresh, known), ==, 1);
  g_assert_cmpuint (count_lines_not_in (known, fresh), ==, 1);
  g_assert_false (updating_shown (f));
  g_assert_false (saw_page (f, "login"));
}

/* A stored sign-in the server refuses: what was known of it goes from the
 * screen with it. */
static void
test_restart_known_tokens_refused (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *path = pc_token_cache_dup_path (pc_ui_server (f), PC_MOCK_DEMO_EMAIL);
  guint count = pc_mock_state_count_tokens (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL);
  g_autofree char *known = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, tokens_loaded, GUINT_TO_POINTER (count), "the tokens");
  known = shown_ids (f);
  pc_ui_wait_for (f, file_exists, path, "the tokens kept for the next start");
  pc_ui_close_window (f);

  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_TOKEN));
  pc_mock_server_set_held (f->mock, TRUE);
  pc_ui_open_window (f);
  pc_ui_wait_for (f, known_shown, known, "the tokens known at the last run");
  pc_mock_server_set_held (f->mock, FALSE);
  pc_ui_wait_for_page (f, "login");
  g_assert_cmpuint (g_list_model_get_n_items (shown_tokens (f)), ==, 0);
}

/* Signed in with the command line since the app last ran signed out: the
 * login page shows at once, and the stored sign-in takes over. */
static void
test_restart_found_unexpected (Fixture       *f,
                               gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  g_settings_set_boolean (f->settings, "expect-sign-in", FALSE);
  pc_ui_open_window (f);
  g_assert_true (pc_ui_page_is (f, "login"));
  pc_ui_wait_for_page (f, "main");
  g_assert_true (g_settings_get_boolean (f->settings, "expect-sign-in"));
}

/* A 401 at start: the sign-in is no good, and forgotten. */
static void
test_restart_expired (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PcCredentials) after = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_TOKEN));
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "login");
  g_assert_nonnull (strstr (error_text (f), "Your session has expired"));
  g_assert_cmpstr (gtk_editable_get_text (row (f, "Email")), ==, PC_MOCK_DEMO_EMAIL);
  after = pc_ui_stored (f);
  g_assert_null (after);
}

static gboolean
label_shown (Fixture       *f,
             gconstpointer  wanted)
{
  return pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, wanted) != NULL;
}

#define BLOCKED "Something between this computer and the server, such as a proxy or a firewall, refused the " \
                "request. Your sign-in is kept."

/* A 403 at start, from the service or from a proxy in the way: the API
 * token (which the service shows only once) stays, and the bar says who
 * refused. */
static void
assert_refused_but_kept (Fixture    *f,
                         const char *token,
                         const char *reason)
{
  g_autoptr(PcCredentials) after = NULL;

  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_true (info_bar_revealed (f, reason));
  g_assert_false (saw_page (f, "login"));
  after = pc_ui_stored (f);
  g_assert_nonnull (after);
  g_assert_cmpstr (pc_credentials_get_secret (after), ==, token);
}

static void
test_restart_refused_by_server (Fixture       *f,
                                gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_EXPIRED_TOKEN);
  assert_refused_but_kept (f, PC_MOCK_EXPIRED_TOKEN, "This API token has expired");
}

static void
test_restart_refused_by_proxy (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *status = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_HTML, 403);
  assert_refused_but_kept (f, PC_MOCK_DEMO_TOKEN, BLOCKED);
  /* The empty Tokens page says the same, not "could not be reached". */
  status = pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE, NULL);
  for (; status != NULL; status = gtk_widget_get_next_sibling (status))
    if (ADW_IS_STATUS_PAGE (status) && g_strcmp0 (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                                                  BLOCKED) == 0)
      break;
  g_assert_nonnull (status);
  pc_ui_screenshot (f, "refused-by-proxy");
}

/* A proxy's 403 answered to Retry (Ctrl+R) while signed in: a toast, the
 * page stays, the sign-in stays. */
static void
test_refresh_blocked_keeps (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PcCredentials) after = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", PC_MOCK_FAULT_HTML, 403);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL));
  pc_ui_wait_for (f, label_shown, "text:" BLOCKED, "the proxy's refusal in a toast");
  g_assert_true (pc_ui_page_is (f, "main"));
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  after = pc_ui_stored (f);
  g_assert_nonnull (after);
}

static gboolean
offline_bar_shown (Fixture       *f,
                   gconstpointer  data)
{
  return info_bar_revealed (f, "The server could not be reached") == GPOINTER_TO_INT (data);
}

static void
test_restart_unreachable (Fixture       *f,
                          gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_mock_server_add_fault (f->mock, NULL, "/auth/profile", PC_MOCK_FAULT_RESET_BEFORE, 0);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_true (offline_bar_shown (f, GINT_TO_POINTER (TRUE)));
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Ada Demo");
  pc_ui_screenshot (f, "offline");

  pc_mock_server_clear_faults (f->mock);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL));
  pc_ui_wait_for (f, offline_bar_shown, GINT_TO_POINTER (FALSE), "the offline notice to go");
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
}

/* During a session */

static void
test_unauthorized_mid_session (Fixture       *f,
                               gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");

  /* Deleted in the web app meanwhile. */
  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_TOKEN));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL));
  pc_ui_wait_for_page (f, "login");
  g_assert_nonnull (strstr (error_text (f), "Your session has expired"));
}

/* A 401 answered to a page's own call, not to the start-up's or Try
 * Again's look at the profile: that path must end the session too. */
static void
test_unauthorized_page_call (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *tokens_page;
  guint profile_asked;
  g_autoptr(PcCredentials) after = NULL;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  tokens_page = pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL);
  g_assert_nonnull (tokens_page);
  profile_asked = pc_mock_server_count_requests (f->mock, "GET", "/auth/profile");

  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_TOKEN));
  g_assert_true (gtk_widget_activate_action (tokens_page, "tokens.refresh", NULL));
  pc_ui_wait_for_page (f, "login");
  g_assert_nonnull (strstr (error_text (f), "Your session has expired"));
  /* The tokens page's own call was refused, and nothing went through the
   * profile (the restore's path) on the way. */
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "GET", "/auth/profile"), ==, profile_asked);
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_OUT);
  after = pc_ui_stored (f);
  g_assert_null (after);
}

static void
test_sign_out_cookie (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PcCredentials) after = NULL;

  sign_in_by_email (f);
  g_assert_cmpuint (pc_mock_state_count_sessions (pc_mock_server_get_state (f->mock)), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for_page (f, "login");
  g_assert_cmpuint (pc_mock_state_count_sessions (pc_mock_server_get_state (f->mock)), ==, 0);
  after = pc_ui_stored (f);
  g_assert_null (after);
}

static gboolean
dialog_open (Fixture       *f,
             gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_sign_out_token (Fixture       *f,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  g_autoptr(PcCredentials) after = NULL;

  g_autofree char *known = pc_token_cache_dup_path (pc_ui_server (f), PC_MOCK_DEMO_EMAIL);
  guint count = pc_mock_state_count_tokens (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL);
  GtkEditable *search;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, tokens_loaded, GUINT_TO_POINTER (count), "the tokens");
  search = GTK_EDITABLE (pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, NULL));
  gtk_editable_set_text (search, "analysis");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for (f, dialog_open, &dialog, "the confirmation");
  /* It says the token lives on. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "stays valid"));
  adw_message_dialog_response (dialog, "sign-out");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pc_ui_wait_for_page (f, "login");
  after = pc_ui_stored (f);
  g_assert_null (after);
  /* Nothing of the account stays, on screen or on disk: not the list, not
   * what was searched for, not the tokens kept for the next start. */
  g_assert_cmpuint (g_list_model_get_n_items (shown_tokens (f)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  pc_ui_close_window (f);
  g_assert_false (g_file_test (known, G_FILE_TEST_EXISTS));
}

typedef struct
{
  PcMockServer *mock;
  guint count;
} Lists;

static gboolean
tokens_listed (Fixture       *f,
               gconstpointer  data)
{
  const Lists *lists = data;
  return pc_mock_server_count_requests (lists->mock, "GET", "/auth/tokens") >= lists->count;
}

/* Cancel in the question keeps everything: the token is still sent with
 * the next call (the moment to look), the keyring still holds it. */
static void
test_sign_out_token_cancelled (Fixture       *f,
                               gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  g_autoptr(PcCredentials) after = NULL;
  Lists lists = { f->mock, 0 };

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for (f, dialog_open, &dialog, "the confirmation");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  lists.count = pc_mock_server_count_requests (f->mock, "GET", "/auth/tokens") + 1;
  g_assert_true (gtk_widget_activate_action (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL),
                                             "tokens.refresh", NULL));
  pc_ui_wait_for (f, tokens_listed, &lists, "the tokens asked for again");
  g_assert_true (pc_mock_server_get_last_had_credentials (f->mock));
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_true (pc_ui_page_is (f, "main"));
  after = pc_ui_stored (f);
  g_assert_nonnull (after);
}

static gboolean
keyring_notice_shown (Fixture       *f,
                      gconstpointer  data)
{
  return info_bar_revealed (f, "This sign-in cannot be remembered");
}

static void
test_no_secret_service (Fixture       *f,
                        gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
      gtk_editable_set_text (row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
      sign_in (f);
      pc_ui_wait_for_page (f, "main");
      pc_ui_wait_for (f, keyring_notice_shown, NULL, "the keyring notice");
      pc_ui_screenshot (f, "no-keyring");
      return;
    }
  g_setenv ("SECRET_SERVICE_BUS_NAME", "org.example.NobodyOwnsThis", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("SECRET_SERVICE_BUS_NAME");
  g_test_trap_assert_passed ();
}

/* Answers that land after the window is gone */

static gboolean
profile_asked (Fixture       *f,
               gconstpointer  data)
{
  return pc_mock_server_count_requests (f->mock, "GET", "/auth/profile") > 0;
}

static gboolean
pointer_cleared (Fixture       *f,
                 gconstpointer  pointer)
{
  return *(gpointer *) pointer == NULL;
}

/* The restore's answer, slowed down, arrives for a window already closed:
 * nothing is said (a warning fails the test), the window is let go. */
static void
test_restore_after_close (Fixture       *f,
                          gconstpointer  data)
{
  gpointer window;

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_mock_server_set_latency (f->mock, 500);
  pc_ui_open_window (f);
  pc_ui_wait_for (f, profile_asked, NULL, "the stored sign-in to be checked");
  window = f->window;
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  pc_ui_close_window (f);
  /* Gone once the restore's callback has dropped the window. */
  pc_ui_wait_for (f, pointer_cleared, &window, "the window to be let go");
}

static gboolean
keyring_failure_shown (Fixture       *f,
                       gconstpointer  data)
{
  GtkWindow *dialog = pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                      "Sign-In Still Stored") == 0;
}

static gboolean
keyring_failure_gone (Fixture       *f,
                      gconstpointer  data)
{
  return !keyring_failure_shown (f, data);
}

/* The keyring cannot forget the sign-in at sign-out: the person is told,
 * and may try again. The Secret Service is out of reach for the whole
 * subprocess; the parent's keyring keeps what it had stored. */
static void
test_sign_out_keyring_fails (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PcCredentials) before = NULL;
  g_autoptr(PcCredentials) after = NULL;

  if (g_test_subprocess ())
    {
      AdwMessageDialog *dialog;

      choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
      gtk_editable_set_text (row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
      sign_in (f);
      pc_ui_wait_for_page (f, "main");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
      pc_ui_wait_for (f, dialog_open, &dialog, "the confirmation");
      adw_message_dialog_response (dialog, "sign-out");
      gtk_window_destroy (GTK_WINDOW (dialog));
      pc_ui_wait_for_page (f, "login");
      pc_ui_wait_for (f, keyring_failure_shown, NULL, "the keyring's failure");
      dialog = ADW_MESSAGE_DIALOG (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "keyring"));
      g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
      pc_ui_screenshot (f, "sign-out-keyring-fails");

      /* Trying again, with the keyring still away: said again. */
      adw_message_dialog_response (dialog, "retry");
      gtk_window_destroy (GTK_WINDOW (dialog));
      pc_ui_wait_for (f, keyring_failure_gone, NULL, "the first notice to go");
      pc_ui_wait_for (f, keyring_failure_shown, NULL, "the keyring's failure, again");
      g_assert_true (pc_ui_page_is (f, "login"));
      return;
    }
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  before = pc_ui_stored (f);
  g_assert_nonnull (before);
  g_setenv ("SECRET_SERVICE_BUS_NAME", "org.example.NobodyOwnsThis", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("SECRET_SERVICE_BUS_NAME");
  g_test_trap_assert_passed ();
  /* What the warning said was true. */
  after = pc_ui_stored (f);
  g_assert_nonnull (after);
}

/* The application is unique: a second start raises the first window and
 * leaves. Run as real processes on the test's own session bus. */
static void
name_appeared (GDBusConnection *connection,
               const char      *name,
               const char      *owner,
               gpointer         owned)
{
  *(gboolean *) owned = TRUE;
}

static void
name_vanished (GDBusConnection *connection,
               const char      *name,
               gpointer         owned)
{
  *(gboolean *) owned = FALSE;
}

static void
test_unique (Fixture       *f,
             gconstpointer  data)
{
  const char *argv[] = { g_getenv ("PUPIL_CLOUD_DESKTOP"), "--server", pc_mock_server_get_base_url (f->mock),
                         NULL };
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  gboolean owned = FALSE, first_ended = FALSE, second_ended = FALSE;
  guint watch;

  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, APP_ID, G_BUS_NAME_WATCHER_FLAGS_NONE, name_appeared,
                            name_vanished, &owned, NULL);
  first = pc_ui_spawn (NULL, argv, &first_ended);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &owned, "the first instance on the bus");

  second = pc_ui_spawn (NULL, argv, &second_ended);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &second_ended, "the second instance to hand over and leave");
  g_assert_true (g_subprocess_get_successful (second));
  g_assert_false (first_ended);

  g_subprocess_send_signal (first, SIGTERM);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &first_ended, "the first instance to end");
  g_bus_unwatch_name (watch);
}

static gboolean
requests_reached (Fixture       *f,
                  gconstpointer  data)
{
  const char * const *wanted = data;
  guint count = GPOINTER_TO_UINT (wanted[2]);

  return pc_mock_server_count_requests (f->mock, wanted[0], wanted[1]) >= count;
}

/* Quitting while a sign-out is on its way: the app, a real process, stays
 * until the sign-out has ended, so that the stored sign-in is gone from
 * the keyring when it does end. */
static void
test_quit_during_sign_out (Fixture       *f,
                           gconstpointer  data)
{
  const char *argv[] = { g_getenv ("PUPIL_CLOUD_DESKTOP"), "--server", pc_mock_server_get_base_url (f->mock),
                         NULL };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(PcSession) session = NULL;
  g_autoptr(PcCredentials) before = NULL;
  g_autoptr(PcCredentials) after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE, ended = FALSE;
  const char *tokens[3] = { "GET", "/auth/tokens", NULL };
  const char *logout[3] = { "POST", "/auth/logout", GUINT_TO_POINTER (1) };
  guint watch;

  /* Signed in by email: signing out ends the session on the server, which
   * is made to answer late. */
  session = pc_session_new (pc_mock_server_get_base_url (f->mock), &error);
  g_assert_no_error (error);
  pc_session_sign_in_with_password_async (session, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                          PC_MOCK_DEMO_EMAIL, PC_MOCK_DEMO_PASSWORD, NULL, pc_test_keep_result,
                                          &slot);
  result = pc_test_wait (&slot);
  g_assert_true (pc_session_sign_in_finish (session, result, &error));
  before = pc_ui_stored (f);
  g_assert_nonnull (before);
  g_assert_cmpint (pc_credentials_get_kind (before), ==, PC_CREDENTIALS_COOKIE);
  pc_mock_server_add_fault (f->mock, "POST", "/auth/logout", PC_MOCK_FAULT_SLOW, 0);

  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, APP_ID, G_BUS_NAME_WATCHER_FLAGS_NONE, name_appeared,
                            name_vanished, &owned, NULL);
  tokens[2] = GUINT_TO_POINTER (pc_mock_server_count_requests (f->mock, "GET", "/auth/tokens") + 1);
  app = pc_ui_spawn (NULL, argv, &ended);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &owned, "the app on the bus");
  /* The token list is asked for once the sign-in is confirmed. */
  pc_ui_wait_for (f, requests_reached, tokens, "the app to be signed in");

  /* Sign Out from the window (no question for an email sign-in), then
   * Quit while the server has not answered. */
  g_dbus_connection_call (bus, APP_ID, "/io/github/pupil_cloud/Desktop/window/1", "org.gtk.Actions", "Activate",
                          g_variant_new ("(s@av@a{sv})", "sign-out",
                                         g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  pc_ui_wait_for (f, requests_reached, logout, "the sign-out to reach the server");
  g_dbus_connection_call (bus, APP_ID, "/io/github/pupil_cloud/Desktop", "org.freedesktop.Application",
                          "ActivateAction",
                          g_variant_new ("(s@av@a{sv})", "quit",
                                         g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);

  pc_ui_wait_for (f, pc_ui_flag_is_set, &ended, "the app to end");
  g_assert_true (g_subprocess_get_successful (app));
  after = pc_ui_stored (f);
  g_assert_null (after);
  g_bus_unwatch_name (watch);
}

int
main (int   argc,
      char *argv[])
{
  const char *later = "opened by the test";

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func, data) g_test_add (path, Fixture, data, pc_ui_setup, func, pc_ui_teardown)
  ADD ("/ui/login/token/good", test_token_good, NULL);
  ADD ("/ui/login/token/wrong", test_token_wrong, NULL);
  ADD ("/ui/login/token/expired", test_token_expired, NULL);
  ADD ("/ui/login/token/unreachable", test_token_unreachable, NULL);
  ADD ("/ui/login/invalid-address", test_invalid_address, NULL);
  ADD ("/ui/login/cancel", test_cancel_sign_in, NULL);
  ADD ("/ui/login/email/good", test_email_good, NULL);
  ADD ("/ui/login/email/wrong", test_email_wrong, NULL);
  ADD ("/ui/login/email/no-identity-provider", test_email_no_identity_provider, NULL);
  ADD ("/ui/account/create", test_create_account, NULL);
  ADD ("/ui/account/refused", test_create_refused, NULL);
  ADD ("/ui/account/cancelled", test_create_cancelled, NULL);
  ADD ("/ui/account/confirm-after-restart", test_confirm_after_restart, later);
  ADD ("/ui/account/forgot-password", test_forgot_password, NULL);
  ADD ("/ui/restart/found", test_restart_found, later);
  ADD ("/ui/restart/found-unexpected", test_restart_found_unexpected, later);
  ADD ("/ui/restart/known-tokens", test_restart_known_tokens, later);
  ADD ("/ui/restart/known-tokens-refused", test_restart_known_tokens_refused, later);
  ADD ("/ui/restart/expired", test_restart_expired, later);
  ADD ("/ui/restart/refused-by-server", test_restart_refused_by_server, later);
  ADD ("/ui/restart/refused-by-proxy", test_restart_refused_by_proxy, later);
  ADD ("/ui/refresh/blocked", test_refresh_blocked_keeps, later);
  ADD ("/ui/quit-during-sign-out", test_quit_during_sign_out, later);
  ADD ("/ui/restart/unreachable", test_restart_unreachable, later);
  ADD ("/ui/session/unauthorized", test_unauthorized_mid_session, later);
  ADD ("/ui/session/unauthorized-page-call", test_unauthorized_page_call, later);
  ADD ("/ui/session/switch-workspace", test_switch_workspace, later);
  ADD ("/ui/session/sign-out-cookie", test_sign_out_cookie, NULL);
  ADD ("/ui/session/sign-out-token", test_sign_out_token, later);
  ADD ("/ui/session/sign-out-token-cancelled", test_sign_out_token_cancelled, later);
  ADD ("/ui/session/no-secret-service", test_no_secret_service, NULL);
  ADD ("/ui/application/unique", test_unique, later);
  ADD ("/ui/late/restore-after-close", test_restore_after_close, later);
  ADD ("/ui/late/sign-out-keyring-fails", test_sign_out_keyring_fails, NULL);
#undef ADD
  return g_test_run ();
}
