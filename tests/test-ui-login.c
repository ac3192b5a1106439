/* test-ui-login.c: the login page: signing in with a token or a password,
 * creating an account, confirming the address, a forgotten password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb in the private D-Bus session with a real gnome-keyring
 * (build-aux/run-tests.sh), against the mock cloud served from this same
 * main loop. Widgets are found by the titles a person reads.
 */
#include <adwaita.h>
#include <string.h>

#include "pc-login-page.h"
#include "pc-mock-server.h"
#include "pc-window.h"
#include "pupilcloud.h"

#include "pc-test-ui.h"
#include "pc-test-util.h"
#include "test-ui-common.h"

typedef PcUiFixture Fixture;

/* Signing in with a token */

static void
test_token_good (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PcCredentials) credentials = NULL;

  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  pc_ui_screenshot (f, "login-page");
  gtk_editable_set_text (ui_row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
  ui_sign_in (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_false (ui_info_bar_revealed (f, "This sign-in cannot be remembered"));
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

  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  gtk_editable_set_text (ui_row (f, "API Token"), "not-a-token");
  gtk_editable_set_text (ui_row (f, "Workspace ID (optional)"), "ws-typed");
  ui_sign_in (f);
  pc_ui_wait_for (f, ui_has_error, NULL, "an error");
  g_assert_nonnull (strstr (ui_error_text (f), "not accepted"));
  /* The refused secret is gone; what else was typed stays. */
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "API Token")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "Workspace ID (optional)")), ==, "ws-typed");
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "Server Address")), ==, pc_mock_server_get_base_url (f->mock));
  g_assert_true (pc_ui_page_is (f, "login"));
  credentials = pc_ui_stored (f);
  g_assert_null (credentials);
}

static void
test_token_expired (Fixture       *f,
                    gconstpointer  data)
{
  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  gtk_editable_set_text (ui_row (f, "API Token"), PC_MOCK_EXPIRED_TOKEN);
  ui_sign_in (f);
  pc_ui_wait_for (f, ui_has_error, NULL, "an error");
  g_assert_nonnull (strstr (ui_error_text (f), "expired"));
}

static void
test_token_unreachable (Fixture       *f,
                        gconstpointer  data)
{
  ui_choose_custom_server (f, "http://127.0.0.1:9/v2");
  gtk_editable_set_text (ui_row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
  ui_sign_in (f);
  pc_ui_wait_for (f, ui_has_error, NULL, "an error");
  g_assert_nonnull (strstr (ui_error_text (f), "could not be reached"));
  /* Not a rejection: the token stays for another try. */
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "API Token")), ==, PC_MOCK_DEMO_TOKEN);
}

static void
test_invalid_address (Fixture       *f,
                      gconstpointer  data)
{
  ui_choose_custom_server (f, "http://api.example.org/v2");
  gtk_editable_set_text (ui_row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
  ui_sign_in (f);
  g_assert_true (ui_has_error (f, NULL));
  g_assert_nonnull (strstr (ui_error_text (f), "https://"));
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, 0);
}

static gboolean
sign_in_enabled (Fixture       *f,
                 gconstpointer  data)
{
  PcLoginPage *page = ui_login_page (f);
  GtkWidget *spinner = pc_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_SPINNER, NULL);

  gboolean idle = !gtk_widget_get_visible (spinner);

  return idle == GPOINTER_TO_INT (data);
}

static void
test_cancel_sign_in (Fixture       *f,
                     gconstpointer  data)
{
  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  gtk_editable_set_text (ui_row (f, "API Token"), PC_MOCK_DEMO_TOKEN);
  pc_mock_server_set_latency (f->mock, 10000);
  ui_sign_in (f);
  /* Busy: the spinner turns, and a second press sends nothing more. */
  g_assert_true (sign_in_enabled (f, GINT_TO_POINTER (FALSE)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (ui_login_page (f)), "login.sign-in", NULL) &&
                  pc_mock_server_get_request_count (f->mock) > 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_login_page (f)), "login.cancel", NULL));
  pc_ui_wait_for (f, sign_in_enabled, GINT_TO_POINTER (TRUE), "the form to be ready again");
  g_assert_true (pc_ui_page_is (f, "login"));
  g_assert_false (ui_has_error (f, NULL));
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "API Token")), ==, PC_MOCK_DEMO_TOKEN);
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), <=, 1);
}

/* What a start signed out builds */

/* The first frame shows the token form: the signed-in view and the email
 * and new-account forms are built when first asked for, whole, with the
 * state of the page (no identity provider: the note, not the form), and
 * what was typed in the token form stays. */
static void
test_builds_what_shows (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (ui_login_page (f));
  GtkStack *stack = GTK_STACK (pc_ui_find_widget (page, GTK_TYPE_STACK, NULL));
  GtkWidget *note;
  GtkWidget *sign_in;

  g_assert_null (pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_null (pc_window_get_view_name (f->window));
  g_assert_null (pc_ui_find_widget (page, ADW_TYPE_ENTRY_ROW, "Email"));
  g_assert_null (pc_ui_find_widget (page, ADW_TYPE_ENTRY_ROW, "Password Again"));
  gtk_editable_set_text (ui_row (f, "API Token"), "typed-first");

  pc_window_set_identity_provider (f->window, NULL, NULL);
  ui_choose_email (f);
  note = pc_ui_find_widget (page, GTK_TYPE_LABEL, "text:Email sign-in is not set up");
  g_assert_true (gtk_widget_get_mapped (note));
  g_assert_false (gtk_widget_get_mapped (pc_ui_find_widget (page, ADW_TYPE_ENTRY_ROW, "Email")));
  g_assert_nonnull (pc_ui_find_widget (page, ADW_TYPE_ENTRY_ROW, "Password Again"));

  /* Back on the token form, it can be sent (the button follows its action). */
  gtk_stack_set_visible_child_name (stack, "token");
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "API Token")), ==, "typed-first");
  sign_in = gtk_widget_get_ancestor (pc_ui_find_widget (page, GTK_TYPE_LABEL, "text:Sign In"), GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_get_sensitive (sign_in));
}

/* A window closed while a call still held it builds nothing when its
 * session is signed in afterwards: no signed-in view, and no Tokens page
 * asking the server for a list nobody sees. */
static void
test_closed_window_builds_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(PcWindow) window = g_object_ref (f->window);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pc_ui_close_window (f);
  pc_session_sign_in_with_token_async (f->session, PC_MOCK_DEMO_TOKEN, NULL, NULL, pc_test_keep_result, &slot);
  result = pc_test_wait (&slot);
  g_assert_true (pc_session_sign_in_finish (f->session, result, NULL));
  g_assert_cmpint (pc_session_get_state (f->session), ==, PC_SESSION_SIGNED_IN);
  g_assert_cmpstr (pc_window_get_page_name (window), ==, "login");
  g_assert_null (pc_window_get_view_name (window));
}

/* An expired sign-in by password brings the address back, into a form
 * that was not built yet. */
static void
test_expired_fills_email (Fixture       *f,
                          gconstpointer  data)
{
  PcLoginPage *page = ui_login_page (f);

  pc_login_page_reset (page, "Your session has expired. Sign in again.", PC_MOCK_DEMO_EMAIL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (pc_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_STACK, NULL))), ==, "email");
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "Email")), ==, PC_MOCK_DEMO_EMAIL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ui_row (f, "Password"))));
  g_assert_cmpstr (ui_error_text (f), ==, "Your session has expired. Sign in again.");
}

/* Signing in with email and password */

static void
test_email_good (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PcCredentials) credentials = NULL;

  ui_sign_in_by_email (f);
  credentials = pc_ui_stored (f);
  g_assert_cmpint (pc_credentials_get_kind (credentials), ==, PC_CREDENTIALS_COOKIE);
}

static void
test_email_wrong (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;

  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  ui_choose_email (f);
  gtk_editable_set_text (ui_row (f, "Email"), PC_MOCK_DEMO_EMAIL);
  gtk_editable_set_text (ui_row (f, "Password"), "not-the-password");
  ui_sign_in (f);
  pc_ui_wait_for (f, ui_has_error, NULL, "an error");
  first = g_strdup (ui_error_text (f));
  g_assert_nonnull (strstr (first, "password is wrong"));
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "Password")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (ui_row (f, "Email")), ==, PC_MOCK_DEMO_EMAIL);

  /* An unknown email reads the same: nothing tells who has an account. */
  gtk_editable_set_text (ui_row (f, "Email"), "nobody@example.org");
  gtk_editable_set_text (ui_row (f, "Password"), "whatever");
  g_assert_false (ui_has_error (f, NULL));
  ui_sign_in (f);
  pc_ui_wait_for (f, ui_has_error, NULL, "an error");
  g_assert_cmpstr (ui_error_text (f), ==, first);
}

static void
test_email_no_identity_provider (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *notice;

  pc_window_set_identity_provider (f->window, NULL, NULL);
  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  ui_choose_email (f);
  notice = pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), GTK_TYPE_LABEL, "text:Email sign-in is not set up");
  /* The notice is what the email page shows. */
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (notice))) == notice);
  /* Nothing to send, and nowhere to send a password. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (ui_login_page (f)), "login.sign-in", NULL) &&
                  pc_mock_server_get_request_count (f->mock) > 0);
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, 0);

  /* No account to create, no password to reset. */
  {
    GtkStack *stack = GTK_STACK (pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), GTK_TYPE_STACK, NULL));
    GtkWidget *create = gtk_stack_get_child_by_name (stack, "create");

    g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (stack, create)));
    gtk_widget_activate_action (GTK_WIDGET (ui_login_page (f)), "login.forgot-password", NULL);
    g_assert_null (pc_ui_find_button (GTK_WIDGET (ui_login_page (f)), "Forgot Password?"));
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
  GtkStack *stack = GTK_STACK (pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), GTK_TYPE_STACK, NULL));
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
  GtkStack *stack = GTK_STACK (pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), GTK_TYPE_STACK, NULL));

  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
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
  return ui_info_bar_revealed (f, "Confirm your email address");
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
  ui_sign_in (f);
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
  g_assert_true (ui_info_bar_revealed (f, "Confirm your email address: we sent a link to " NEW_EMAIL "."));
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
  g_assert_true (ui_info_bar_revealed (f, "Confirm your email address " NEW_EMAIL ": sign in again"));
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
  ui_sign_in (f);
  g_assert_true (sign_in_enabled (f, GINT_TO_POINTER (FALSE)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_login_page (f)), "login.cancel", NULL));
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
  ui_sign_in (f);
  g_assert_nonnull (field_error (f, "Password Again"));
  g_assert_nonnull (strstr (field_error (f, "Password Again"), "not the same"));
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, requests);
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Email")), ==, NEW_EMAIL);
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Password")), ==, "");
  pc_ui_screenshot (f, "create-account-mismatch");

  /* Too short: what is missing, under the password, nothing sent. */
  fill_create (f, NEW_EMAIL, "abc", "abc");
  ui_sign_in (f);
  g_assert_nonnull (field_error (f, "Password"));
  g_assert_nonnull (strstr (field_error (f, "Password"), "3 more characters"));
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, requests);

  /* The provider finds the password weak. */
  pc_mock_state_set_next_idp_error (mock_state (f), "WEAK_PASSWORD");
  fill_create (f, NEW_EMAIL, NEW_PASSWORD, NEW_PASSWORD);
  g_assert_null (field_error (f, "Password"));
  ui_sign_in (f);
  pc_ui_wait_for (f, has_field_error, "Password", "the weak password said");
  g_assert_nonnull (strstr (field_error (f, "Password"), "too weak"));
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Email")), ==, NEW_EMAIL);
  g_assert_cmpstr (gtk_editable_get_text (create_row (f, "Password")), ==, "");

  /* An address with an account already: said under the email. */
  fill_create (f, PC_MOCK_DEMO_EMAIL, NEW_PASSWORD, NEW_PASSWORD);
  ui_sign_in (f);
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
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), GTK_TYPE_LABEL, text);

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

  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  ui_choose_email (f);
  gtk_editable_set_text (ui_row (f, "Email"), PC_MOCK_DEMO_EMAIL);

  /* One: Forgot Password?, the address filled in and focused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_login_page (f)), "login.forgot-password", NULL));
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_login_page (f)), "login.forgot-password", NULL));
  dialog = ADW_MESSAGE_DIALOG (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "nobody@example.org");
  adw_message_dialog_response (dialog, "send");
  pc_ui_wait_for (f, notice_says, "text:If an account exists for nobody@example.org, we sent it a link", "the notice");
  g_assert_cmpuint (sent->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  pc_ui_init (&argc, &argv, PC_UI_INIT_DEFAULT);

  pc_ui_add_at_login ("/ui/login/token/good", test_token_good);
  pc_ui_add_at_login ("/ui/login/token/wrong", test_token_wrong);
  pc_ui_add_at_login ("/ui/login/token/expired", test_token_expired);
  pc_ui_add_at_login ("/ui/login/token/unreachable", test_token_unreachable);
  pc_ui_add_at_login ("/ui/login/invalid-address", test_invalid_address);
  pc_ui_add_at_login ("/ui/login/cancel", test_cancel_sign_in);
  pc_ui_add_at_login ("/ui/login/builds-what-shows", test_builds_what_shows);
  pc_ui_add_at_login ("/ui/login/expired-fills-email", test_expired_fills_email);
  pc_ui_add_at_login ("/ui/login/closed-window-builds-nothing", test_closed_window_builds_nothing);
  pc_ui_add_at_login ("/ui/login/email/good", test_email_good);
  pc_ui_add_at_login ("/ui/login/email/wrong", test_email_wrong);
  pc_ui_add_at_login ("/ui/login/email/no-identity-provider", test_email_no_identity_provider);
  pc_ui_add_at_login ("/ui/account/create", test_create_account);
  pc_ui_add_at_login ("/ui/account/refused", test_create_refused);
  pc_ui_add_at_login ("/ui/account/cancelled", test_create_cancelled);
  pc_ui_add ("/ui/account/confirm-after-restart", test_confirm_after_restart);
  pc_ui_add_at_login ("/ui/account/forgot-password", test_forgot_password);
  return g_test_run ();
}
