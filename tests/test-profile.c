/* test-profile.c: the Profile page, Send Feedback and deleting the account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, in the private D-Bus session with a real gnome-keyring, against
 * the mock cloud served from this same main loop; each test with its own
 * HOME and XDG folders.
 */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "pc-client.h"
#include "pc-login-page.h"
#include "pc-picture-texture.h"
#include "pc-profile-page.h"
#include "pc-test-ui.h"
#include "pc-tokens-page.h"

typedef PcUiFixture Fixture;

#define COLLEAGUE_TOKEN "demo-token-Colleague00000000000000000000000"
#define VISION_ID "b7e9d3c4-0000-4000-8000-000000000002"

/* PUPIL_CLOUD_MOCK_SEED_ONLY=1: no workspace names, so the start of their ids. */
static gboolean
seed_only (void)
{
  return g_strcmp0 (g_getenv ("PUPIL_CLOUD_MOCK_SEED_ONLY"), "1") == 0;
}

#define ADAS_WORKSPACE (seed_only () ? "Workspace a3f5c1d2" : "Ada's workspace")
#define VISION_LAB (seed_only () ? "Workspace b7e9d3c4" : "Vision Lab")

static GtkWidget *
page (Fixture *f)
{
  return pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_PROFILE_PAGE, NULL);
}

static gboolean
profile_shown (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *stack = pc_ui_find_widget (page (f), GTK_TYPE_STACK, NULL);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "profile") == 0;
}

static void
sign_in_with (Fixture    *f,
              const char *token)
{
  pc_ui_store (f, token);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_window_show_view (f->window, "profile");
  pc_ui_wait_for (f, profile_shown, NULL, "the profile");
}

static void
sign_in (Fixture *f)
{
  sign_in_with (f, PC_MOCK_DEMO_TOKEN);
}

static GtkWidget *
row (Fixture    *f,
     const char *title)
{
  GtkWidget *found = pc_ui_find_widget (page (f), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (found);
  return found;
}

static const char *
subtitle (Fixture    *f,
          const char *title)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, title)));
}

static const char *
error_text (Fixture *f)
{
  GtkWidget *label = pc_ui_find_widget (page (f), GTK_TYPE_LABEL, "error");
  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
error_shown (Fixture       *f,
             gconstpointer  data)
{
  return error_text (f) != NULL;
}

static gboolean
error_says (Fixture       *f,
            gconstpointer  text)
{
  return error_text (f) != NULL && strstr (error_text (f), text) != NULL;
}

static guint
patches (Fixture *f)
{
  return pc_mock_server_count_requests (f->mock, "PATCH", "/auth/profile");
}

/* The page */

static void
test_shown (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *check;

  sign_in (f);
  g_assert_nonnull (pc_ui_find_widget (page (f), GTK_TYPE_LABEL, "text:Ada Demo"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "Name"))), ==, "Ada Demo");
  g_assert_cmpstr (subtitle (f, "Email"), ==, "demo@pupil-cloud.test (verified)");
  g_assert_cmpstr (subtitle (f, "Sign-In Provider"), ==, "Email and password");
  g_assert_cmpstr (subtitle (f, "User ID"), ==, "5f1c2a9e-7d0b-4e1a-9c3f-2b8d6e4a1f00");
  g_assert_cmpstr (subtitle (f, "Onboarding Completed"), !=, "Not yet");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (pc_ui_find_widget (page (f), GTK_TYPE_SWITCH, NULL))));

  /* The workspaces, the default one marked and, as "default", active. */
  g_assert_cmpstr (subtitle (f, ADAS_WORKSPACE), ==, "Owner, default workspace");
  check = pc_ui_find_widget (row (f, ADAS_WORKSPACE), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  check = pc_ui_find_widget (row (f, VISION_LAB), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  pc_ui_screenshot (f, "profile");
}

static char *
picture_url (Fixture    *f,
             const char *name)
{
  g_autoptr(GUri) base = g_uri_parse (pc_ui_server (f), G_URI_FLAGS_NONE, NULL);
  return g_strdup_printf ("http://%s:%d/pictures/%s", g_uri_get_host (base), g_uri_get_port (base), name);
}

static gboolean
avatar_has_picture (Fixture       *f,
                    gconstpointer  data)
{
  AdwAvatar *avatar = ADW_AVATAR (pc_ui_find_widget (page (f), ADW_TYPE_AVATAR, NULL));
  return adw_avatar_get_custom_image (avatar) != NULL;
}

static gboolean
picture_asked (Fixture       *f,
               gconstpointer  name)
{
  g_autofree char *path = g_strconcat ("/pictures/", name, NULL);
  return pc_mock_server_count_requests (f->mock, "GET", path) > 0;
}

static void
test_avatar (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *url = picture_url (f, "ada.png");

  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, url);
  sign_in (f);
  pc_ui_wait_for (f, avatar_has_picture, NULL, "the picture");
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "GET", "/pictures/ada.png"), ==, 1);
  pc_ui_screenshot (f, "profile-picture");
}

static void
test_avatar_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *url = picture_url (f, "login-wall");
  AdwAvatar *avatar;

  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, url);
  sign_in (f);
  pc_ui_wait_for (f, picture_asked, "login-wall", "the picture to be asked for");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Initials, and not a word about it. */
  avatar = ADW_AVATAR (pc_ui_find_widget (page (f), ADW_TYPE_AVATAR, NULL));
  g_assert_null (adw_avatar_get_custom_image (avatar));
  g_assert_true (adw_avatar_get_show_initials (avatar));
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Ada Demo");
  g_assert_null (error_text (f));
}

/* Editing */

static gboolean
menu_says (Fixture       *f,
           gconstpointer  text)
{
  GtkWidget *menu = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, NULL);
  g_autofree char *wanted = g_strconcat ("text:", text, NULL);
  return pc_ui_find_widget (menu, GTK_TYPE_LABEL, wanted) != NULL;
}

static void
apply (Fixture    *f,
       const char *title,
       const char *text)
{
  GtkWidget *entry = row (f, title);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
}

/* The row's own Apply button (libadwaita's, suggested and circular), shown
 * while the row holds an edit that was not applied. */
static gboolean
apply_button_shown (GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "suggested-action") &&
          gtk_widget_has_css_class (child, "circular"))
        return gtk_widget_get_visible (child);
      if (apply_button_shown (child))
        return TRUE;
    }
  return FALSE;
}

static void
test_name (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *too_long = g_strnfill (101, 'n');

  sign_in (f);

  /* Refused before sending. */
  apply (f, "Name", "   ");
  g_assert_cmpstr (error_text (f), ==, "Enter a name.");
  apply (f, "Name", too_long);
  g_assert_nonnull (strstr (error_text (f), "100"));
  g_assert_cmpuint (patches (f), ==, 0);

  /* Refused by the server, or the server failing: the typed name stays. */
  pc_mock_server_add_fault_spec (f->mock, "PATCH /auth/profile=status:400", NULL);
  apply (f, "Name", "Refused Name");
  pc_ui_wait_for (f, error_says, "Injected fault", "the server's refusal");
  g_assert_cmpuint (patches (f), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "Name"))), ==, "Refused Name");
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Ada Demo");

  pc_mock_server_clear_faults (f->mock);
  pc_mock_server_add_fault_spec (f->mock, "PATCH /auth/profile=status:500", NULL);
  g_signal_emit_by_name (row (f, "Name"), "apply");
  pc_ui_wait_for (f, error_says, "server had a problem", "the server's failure");
  g_assert_cmpuint (patches (f), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "Name"))), ==, "Refused Name");

  /* Accepted: the page and the header menu show what the server returned,
   * and the row no longer looks edited (typed with the focus in it, as a
   * person does, the text showed the Apply button). */
  pc_mock_server_clear_faults (f->mock);
  gtk_widget_grab_focus (row (f, "Name"));
  gtk_editable_set_text (GTK_EDITABLE (row (f, "Name")), "  Ada Lovelace  ");
  g_assert_true (apply_button_shown (row (f, "Name")));
  g_signal_emit_by_name (row (f, "Name"), "apply");
  pc_ui_wait_for (f, menu_says, "Ada Lovelace", "the new name in the header menu");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "Name"))), ==, "Ada Lovelace");
  g_assert_false (apply_button_shown (row (f, "Name")));
  g_assert_null (error_text (f));
  g_assert_nonnull (pc_ui_find_widget (page (f), GTK_TYPE_LABEL, "text:Ada Lovelace"));
}

static gboolean
photo_is (Fixture       *f,
          gconstpointer  url)
{
  return g_strcmp0 (pc_profile_get_photo_url (pc_session_get_profile (f->session)), url) == 0;
}

static void
test_photo_address (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *working = picture_url (f, "ada.png");

  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, working);
  sign_in (f);
  pc_ui_wait_for (f, avatar_has_picture, NULL, "the first picture");
  apply (f, "Picture Address", "http://pictures.example.com/ada.png");
  g_assert_cmpstr (error_text (f), ==, "A picture address must start with https://.");
  g_assert_cmpuint (patches (f), ==, 0);

  /* An address that cannot be reached: saved, and initials replace the old picture. */
  apply (f, "Picture Address", "https://127.0.0.1:1/ada.png");
  pc_ui_wait_for (f, photo_is, "https://127.0.0.1:1/ada.png", "the new address");
  g_assert_null (error_text (f));
  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (pc_ui_find_widget (page (f), ADW_TYPE_AVATAR, NULL))));
}

static gboolean
subscribed (Fixture       *f,
            gconstpointer  data)
{
  return pc_profile_get_product_updates_subscribed (pc_session_get_profile (f->session));
}

static void
test_product_updates (Fixture       *f,
                      gconstpointer  data)
{
  GtkSwitch *updates;

  sign_in (f);
  updates = GTK_SWITCH (pc_ui_find_widget (page (f), GTK_TYPE_SWITCH, NULL));

  /* Saved at once. */
  gtk_switch_set_active (updates, TRUE);
  pc_ui_wait_for (f, subscribed, NULL, "the subscription");
  g_assert_cmpuint (patches (f), ==, 1);

  /* A failure puts the switch back and says so. */
  pc_mock_server_add_fault_spec (f->mock, "PATCH /auth/profile=status:500", NULL);
  gtk_switch_set_active (updates, FALSE);
  pc_ui_wait_for (f, error_shown, NULL, "the failure");
  g_assert_nonnull (strstr (error_text (f), "Product updates were not changed"));
  g_assert_true (gtk_switch_get_active (updates));
  g_assert_true (subscribed (f, NULL));
}

static gboolean
workspace_sent (Fixture       *f,
                gconstpointer  id)
{
  return g_strcmp0 (pc_mock_server_get_last_workspace_id (f->mock), id) == 0;
}

static void
test_switch_workspace (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *check;
  GtkWidget *menu;

  sign_in (f);
  check = pc_ui_find_widget (row (f, VISION_LAB), GTK_TYPE_CHECK_BUTTON, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_cmpstr (pc_session_get_workspace_id (f->session), ==, VISION_ID);
  g_assert_cmpstr (g_settings_get_string (f->settings, "workspace-id"), ==, VISION_ID);

  /* The header menu says the same, and the next request carries it. */
  menu = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_cmpstr (g_variant_get_string (g_action_group_get_action_state (G_ACTION_GROUP (f->window), "workspace"),
                                         NULL), ==, VISION_ID);
  g_assert_nonnull (menu);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL);
  pc_ui_wait_for (f, workspace_sent, VISION_ID, "a request in the new workspace");
}

/* Onboarding */

static gboolean
tokens_listed (Fixture       *f,
               gconstpointer  count)
{
  return pc_mock_server_count_requests (f->mock, "GET", "/auth/tokens") >= GPOINTER_TO_UINT (count);
}

static gboolean
tokens_page_idle (Fixture       *f,
                  gconstpointer  data)
{
  gboolean loading;

  g_object_get (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL), "loading", &loading, NULL);
  return !loading;
}

static gboolean
onboarded (Fixture       *f,
           gconstpointer  data)
{
  PcProfile *profile = pc_session_get_profile (f->session);
  return profile != NULL && pc_profile_get_onboarded_at (profile) != NULL;
}

static void
test_onboarding (Fixture       *f,
                 gconstpointer  data)
{
  pc_ui_store (f, COLLEAGUE_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  /* Not at the start, unseen. A PATCH sent at the start would have been
   * sent before the refresh asked for here, and arrived before its list
   * was answered: that answer is the moment to count. */
  pc_ui_wait_for (f, tokens_listed, GUINT_TO_POINTER (1), "the token list");
  g_assert_true (gtk_widget_activate_action (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL),
                                             "tokens.refresh", NULL));
  pc_ui_wait_for (f, tokens_listed, GUINT_TO_POINTER (2), "the token list again");
  pc_ui_wait_for (f, tokens_page_idle, NULL, "the token list's answer");
  g_assert_cmpuint (patches (f), ==, 0);
  g_assert_null (pc_profile_get_onboarded_at (pc_session_get_profile (f->session)));

  /* Once the page has been seen. */
  pc_window_show_view (f->window, "profile");
  pc_ui_wait_for (f, onboarded, NULL, "onboarding to be marked done");
  g_assert_cmpuint (patches (f), ==, 1);
  g_assert_cmpstr (subtitle (f, "Onboarding Completed"), !=, "Not yet");
  pc_window_show_view (f->window, "tokens");
  pc_window_show_view (f->window, "profile");
  /* Seen again: not marked again. A name saved next is the moment to
   * count: its PATCH went after any the page sent on being shown. */
  apply (f, "Name", "Grace Onboarded");
  pc_ui_wait_for (f, menu_says, "Grace Onboarded", "the new name in the header menu");
  g_assert_cmpuint (patches (f), ==, 2);
}

/* Deleting the account */

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static AdwMessageDialog *
open_delete_dialog (Fixture *f)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (page (f), "profile.delete", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

static void
confirm (AdwMessageDialog *dialog,
         const char       *email)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  gtk_editable_set_text (GTK_EDITABLE (entry), email);
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  /* As a click does: answer, then close. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
login_says (Fixture       *f,
            gconstpointer  text)
{
  g_autofree char *wanted = g_strconcat ("text:", text, NULL);
  GtkWidget *label;

  if (!pc_ui_page_is (f, "login"))
    return FALSE;
  label = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, wanted);
  return label != NULL && gtk_widget_get_mapped (label);
}

static gboolean
toast_says (Fixture       *f,
            gconstpointer  text)
{
  g_autofree char *wanted = g_strconcat ("text:", text, NULL);
  return pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, wanted) != NULL;
}

static void
test_delete_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PcTokenNames) names = pc_token_names_new (NULL);
  g_autoptr(PcTokenNames) names_after = NULL;
  g_autoptr(PcCredentials) stored = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (pc_token_names_set (names, pc_ui_server (f), "tok-0001", "lab laptop", NULL));
  sign_in (f);
  pc_ui_wait_for (f, tokens_listed, GUINT_TO_POINTER (1), "the token list");

  /* The button stays off until the email is typed exactly. */
  dialog = open_delete_dialog (f);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  confirm (dialog, "demo@pupil-cloud.tes");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  confirm (dialog, "DEMO@pupil-cloud.test");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  confirm (dialog, PC_MOCK_DEMO_EMAIL);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));
  pc_ui_screenshot_window (f, GTK_WINDOW (dialog), "delete-account");

  /* A failure changes nothing, and says why. */
  pc_mock_server_add_fault_spec (f->mock, "POST /auth/unregister=status:500", NULL);
  respond (dialog, "delete");
  pc_ui_wait_for (f, toast_says, "The account was not deleted", "the failure");
  g_assert_true (pc_ui_page_is (f, "main"));
  stored = pc_ui_stored (f);
  g_assert_nonnull (stored);
  g_assert_true (pc_mock_state_has_user (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL));

  /* Deleted: the login page says so, and nothing of the account stays. */
  pc_mock_server_clear_faults (f->mock);
  dialog = open_delete_dialog (f);
  confirm (dialog, PC_MOCK_DEMO_EMAIL);
  respond (dialog, "delete");
  pc_ui_wait_for (f, login_says, "Your account was deleted.", "the login page");
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "POST", "/auth/unregister"), ==, 2);
  g_assert_false (pc_mock_state_has_user (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL));
  g_clear_object (&stored);
  stored = pc_ui_stored (f);
  g_assert_null (stored);
  names_after = pc_token_names_new (NULL);
  g_assert_null (pc_token_names_lookup (names_after, pc_ui_server (f), "tok-0001"));
}

/* Send Feedback, to a browser that writes down what it was given */

static char *
install_browser (void)
{
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop = g_build_filename (applications, "pc-test-browser.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  char *opened = g_build_filename (g_get_user_runtime_dir (), "opened", NULL);
  /* "%%" in Exec is a literal "%" for the desktop file. */
  g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                                            "Exec=sh -c 'printf %%%%s \"$1\" > %s' sh %%u\n"
                                            "MimeType=x-scheme-handler/https;\n", opened);

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_runtime_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                                "x-scheme-handler/https=pc-test-browser.desktop\n", -1, NULL));
  return opened;
}

/* Written by another process: done once it has something in it. */
static gboolean
browser_opened (Fixture       *f,
                gconstpointer  path)
{
  g_autofree char *address = NULL;
  return g_file_get_contents (path, &address, NULL, NULL) && *address != '\0';
}

static char *
wait_for_browser (Fixture    *f,
                  const char *opened)
{
  char *address = NULL;

  pc_ui_wait_for (f, browser_opened, opened, "the browser");
  g_assert_true (g_file_get_contents (opened, &address, NULL, NULL));
  g_assert_cmpint (g_unlink (opened), ==, 0);
  return address;
}

static void
test_feedback (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *opened = install_browser ();
  g_autofree char *plain = NULL;
  g_autofree char *signed_in = NULL;
  g_autofree char *fallback = NULL;

  sign_in (f);

  /* No way to sign in to the board configured: the plain board. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.feedback", NULL));
  plain = wait_for_browser (f, opened);
  g_assert_cmpstr (plain, ==, "https://feedback.pupil-labs.com/");
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "GET", "/auth/canny-sso"), ==, 1);

  /* Configured: the token, passed as the settings say. */
  g_settings_set_string (f->settings, "feedback-sso-url", "https://board.example/sso?token={token}&to={board}");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.feedback", NULL));
  signed_in = wait_for_browser (f, opened);
  g_assert_true (g_str_has_prefix (signed_in, "https://board.example/sso?token=canny."));
  g_assert_true (g_str_has_suffix (signed_in, "&to=https%3A%2F%2Ffeedback.pupil-labs.com%2F"));

  /* The token cannot be had: the plain board still opens. */
  pc_mock_server_add_fault_spec (f->mock, "GET /auth/canny-sso=status:500", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.feedback", NULL));
  fallback = wait_for_browser (f, opened);
  g_assert_cmpstr (fallback, ==, "https://feedback.pupil-labs.com/");
}

/* Answers that land after the person moved on */

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      done)
{
  g_autoptr(GError) error = NULL;

  pc_session_refresh_finish (PC_SESSION (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) done = TRUE;
}

/* The profile changes on the server and the app hears of it. */
static void
change_photo (Fixture    *f,
              const char *url)
{
  gboolean done = FALSE;

  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, url);
  pc_session_refresh_async (f->session, NULL, refresh_done, &done);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &done, "the profile again");
  g_assert_cmpstr (pc_profile_get_photo_url (pc_session_get_profile (f->session)), ==, url);
}

static AdwAvatar *
avatar (Fixture *f)
{
  return ADW_AVATAR (pc_ui_find_widget (page (f), ADW_TYPE_AVATAR, NULL));
}

static int
shown_width (Fixture *f)
{
  GdkPaintable *image = adw_avatar_get_custom_image (avatar (f));
  return image ? gdk_paintable_get_intrinsic_width (image) : 0;
}

static gboolean
shows_width (Fixture       *f,
             gconstpointer  width)
{
  return shown_width (f) == GPOINTER_TO_INT (width);
}

typedef struct
{
  PcUiPictures *pictures;
  guint size;
  guint times;
} Asked;

static gboolean
picture_requested (Fixture       *f,
                   gconstpointer  data)
{
  const Asked *asked = data;
  return pc_ui_pictures_asked (asked->pictures, asked->size) >= asked->times;
}

/* Every picture the avatar shows, by width, in order. */
static void
record_picture (AdwAvatar  *avatar,
                GParamSpec *pspec,
                GArray     *widths)
{
  GdkPaintable *image = adw_avatar_get_custom_image (avatar);
  int width = image ? gdk_paintable_get_intrinsic_width (image) : 0;

  g_array_append_val (widths, width);
}

static void
test_picture_changed_in_flight (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PcUiPictures) pictures = pc_ui_pictures_new ();
  g_autofree char *first = pc_ui_pictures_url (pictures, 4);
  g_autofree char *second = pc_ui_pictures_url (pictures, 6);
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (int));
  gulong id;

  pc_ui_pictures_hold (pictures, TRUE);
  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, first);
  sign_in (f);
  pc_ui_wait_for (f, picture_requested, &(Asked) { pictures, 4, 1 }, "the first picture to be asked for");

  /* Another picture while the first is on its way; both wait. */
  change_photo (f, second);
  pc_ui_wait_for (f, picture_requested, &(Asked) { pictures, 6, 1 }, "the second picture to be asked for");
  g_assert_cmpint (shown_width (f), ==, 0);
  id = g_signal_connect (avatar (f), "notify::custom-image", G_CALLBACK (record_picture), widths);

  /* The first arrives late: never shown for the second. */
  pc_ui_pictures_release (pictures, 4);
  pc_ui_pictures_release (pictures, 6);
  pc_ui_wait_for (f, shows_width, GINT_TO_POINTER (6), "the second picture");
  for (guint i = 0; i < widths->len; i++)
    g_assert_cmpint (g_array_index (widths, int, i), !=, 4);
  g_signal_handler_disconnect (avatar (f), id);

  /* Each kept under its own address: back and forth, the right one each time. */
  pc_mock_server_set_latency (f->mock, 300);
  change_photo (f, first);
  pc_ui_wait_for (f, shows_width, GINT_TO_POINTER (4), "the first picture again");
  change_photo (f, second);
  g_assert_cmpint (shown_width (f), ==, 6);
  g_assert_cmpuint (pc_ui_pictures_asked (pictures, 6), ==, 1);
}

static void
test_picture_removed_in_flight (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PcUiPictures) pictures = pc_ui_pictures_new ();
  g_autofree char *url = pc_ui_pictures_url (pictures, 5);

  pc_ui_pictures_hold (pictures, TRUE);
  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, url);
  sign_in (f);
  pc_ui_wait_for (f, picture_requested, &(Asked) { pictures, 5, 1 }, "the picture to be asked for");

  /* The profile loses its picture while it is on its way. */
  change_photo (f, NULL);
  pc_ui_pictures_release (pictures, 5);
  g_assert_null (adw_avatar_get_custom_image (avatar (f)));
  g_assert_true (adw_avatar_get_show_initials (avatar (f)));

  /* It arrives: no crash, initials stay. The round trip of another
   * profile (slowed down) lets it land first; then, asked for again, it
   * comes from what was kept, not from the network. */
  pc_mock_server_set_latency (f->mock, 300);
  {
    gboolean done = FALSE;
    pc_session_refresh_async (f->session, NULL, refresh_done, &done);
    pc_ui_wait_for (f, pc_ui_flag_is_set, &done, "the profile again");
  }
  g_assert_null (adw_avatar_get_custom_image (avatar (f)));
  g_assert_cmpstr (adw_avatar_get_text (avatar (f)), ==, "Ada Demo");
  change_photo (f, url);
  g_assert_cmpint (shown_width (f), ==, 5);
  g_assert_cmpuint (pc_ui_pictures_asked (pictures, 5), ==, 1);
}

static gboolean
login_shown (Fixture       *f,
             gconstpointer  data)
{
  return pc_ui_page_is (f, "login");
}

/* Each profile the session is given, by name ("" for none). */
static void
record_profile (PcSession  *session,
                GParamSpec *pspec,
                GPtrArray  *names)
{
  PcProfile *profile = pc_session_get_profile (session);
  g_ptr_array_add (names, g_strdup (profile ? pc_profile_get_display_name (profile) : ""));
}

static gboolean
dialog_found (Fixture       *f,
              gconstpointer  data)
{
  return pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
saved_once (Fixture       *f,
            gconstpointer  data)
{
  return patches (f) == 1;
}

static gboolean
name_row_says (Fixture       *f,
               gconstpointer  text)
{
  return profile_shown (f, NULL) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row (f, "Name"))), text) == 0;
}

static void
test_save_after_sign_out (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  AdwMessageDialog *dialog;
  GtkWidget *login;
  gulong id;

  sign_in (f);
  pc_mock_server_set_latency (f->mock, 400);
  apply (f, "Name", "Late Name");
  pc_ui_wait_for (f, saved_once, NULL, "the save to reach the server");

  /* Signed out while the save is on its way. */
  id = g_signal_connect (f->session, "notify::profile", G_CALLBACK (record_profile), names);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for (f, dialog_found, NULL, "the sign-out confirmation");
  dialog = ADW_MESSAGE_DIALOG (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "sign-out");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pc_ui_wait_for (f, login_shown, NULL, "the login page");

  /* Another person signs in; their profile, asked for after the save,
   * is answered after it. */
  login = pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_LOGIN_PAGE, NULL);
  gtk_editable_set_text (GTK_EDITABLE (pc_ui_find_widget (login, ADW_TYPE_ENTRY_ROW, "API Token")),
                         COLLEAGUE_TOKEN);
  g_assert_true (gtk_widget_activate_action (login, "login.sign-in", NULL));
  pc_ui_wait_for_page (f, "main");
  pc_window_show_view (f->window, "profile");
  pc_ui_wait_for (f, name_row_says, "Grace Colleague", "the colleague's profile");
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Grace Colleague");

  /* The old profile never came back, not even for a moment. */
  g_assert_cmpuint (names->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "");
  for (guint i = 0; i < names->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (names, i), !=, "Ada Demo");
      g_assert_cmpstr (g_ptr_array_index (names, i), !=, "Late Name");
    }
  g_signal_handler_disconnect (f->session, id);
}

static gboolean
sso_asked (Fixture       *f,
           gconstpointer  data)
{
  return pc_mock_server_count_requests (f->mock, "GET", "/auth/canny-sso") > 0;
}

static gboolean
pointer_cleared (Fixture       *f,
                 gconstpointer  pointer)
{
  return *(gpointer *) pointer == NULL;
}

/* The feedback token arrives for a window already closed: nothing opens,
 * nothing is said, the window is let go. */
static void
test_feedback_after_close (Fixture       *f,
                           gconstpointer  data)
{
  gpointer window;

  sign_in (f);
  g_settings_set_string (f->settings, "feedback-sso-url", "https://board.example/sso?token={token}&to={board}");
  pc_mock_server_set_latency (f->mock, 500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.feedback", NULL));
  pc_ui_wait_for (f, sso_asked, NULL, "the feedback token to be asked for");
  window = f->window;
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  pc_ui_close_window (f);
  pc_ui_wait_for (f, pointer_cleared, &window, "the window to be let go");
}

/* The token never goes to an address that is not https. */
static void
test_feedback_https_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *opened = install_browser ();
  const char *refused[] = {
    "http://board.example/sso?token={token}&to={board}",
    "javascript:alert('{token}')",
    "file:///tmp/{token}",
    "{token}",
  };

  sign_in (f);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *address = NULL;

      g_settings_set_string (f->settings, "feedback-sso-url", refused[i]);
      g_test_expect_message ("PcWindow", G_LOG_LEVEL_WARNING, "*feedback-sso-url is not an https address*");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.feedback", NULL));
      address = wait_for_browser (f, opened);
      g_test_assert_expected_messages ();
      g_assert_cmpstr (address, ==, "https://feedback.pupil-labs.com/");
    }

  /* https, but no host to send it to. */
  g_settings_set_string (f->settings, "feedback-sso-url", "https:///sso?token={token}");
  g_test_expect_message ("PcWindow", G_LOG_LEVEL_WARNING, "*does not make an https address*");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.feedback", NULL));
  {
    g_autofree char *address = wait_for_browser (f, opened);
    g_test_assert_expected_messages ();
    g_assert_cmpstr (address, ==, "https://feedback.pupil-labs.com/");
  }
}

/* A grey JPEG of @width × @height, as a camera or an attacker makes it. */
static GBytes *
make_jpeg (int width,
           int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "10", NULL));
  return g_bytes_new_take (buffer, size);
}

/* The decoder's own idea of the size decides: a picture wider than the
 * limit is not decoded, whatever its header was taken to say. A JPEG
 * whose real frame hides behind stuffing (FF 00), with a small frame
 * after it for header readers, is refused by the client's reader too. */
static void
test_picture_decoder_size (void)
{
  g_autoptr(GBytes) small = make_jpeg (64, 48);
  g_autoptr(GBytes) wide = make_jpeg (PC_PICTURE_MAX_SIDE + 1, 8);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) polyglot = g_byte_array_new ();
  g_autoptr(GBytes) hidden = NULL;
  gsize wide_length;
  const guint8 *wide_data = g_bytes_get_data (wide, &wide_length);
  guint width, height;
  static const guint8 small_frame[] = { 0xff, 0xd9, 0x00, 0x02, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x40,
                                        0x00, 0x40, 0x01, 0x01, 0x11, 0x00 };

  texture = pc_picture_texture_new (small, PC_PICTURE_MAX_SIDE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 64);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 48);
  g_clear_object (&texture);

  texture = pc_picture_texture_new (wide, PC_PICTURE_MAX_SIDE, &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* FF D8, FF 00 and a length that skips the real JPEG (SOI left out),
   * then an end and a 64 × 64 frame. */
  g_byte_array_append (polyglot, (const guint8 *) "\xff\xd8\xff\x00", 4);
  g_byte_array_append (polyglot, (const guint8[]) { (wide_length) >> 8, (wide_length) & 0xff }, 2);
  g_byte_array_append (polyglot, wide_data + 2, wide_length - 2);
  g_byte_array_append (polyglot, small_frame, sizeof small_frame);
  hidden = g_bytes_new (polyglot->data, polyglot->len);
  g_assert_false (pc_picture_get_size (hidden, &width, &height));
  texture = pc_picture_texture_new (hidden, PC_PICTURE_MAX_SIDE, &error);
  g_assert_null (texture);
}

int
main (int   argc,
      char *argv[])
{
  const char *later = "opened by the test";

  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/profile/picture/decoder-size", test_picture_decoder_size);
#define ADD(path, func) g_test_add (path, Fixture, later, pc_ui_setup, func, pc_ui_teardown)
  ADD ("/profile/shown", test_shown);
  ADD ("/profile/avatar", test_avatar);
  ADD ("/profile/avatar-fails", test_avatar_fails);
  ADD ("/profile/name", test_name);
  ADD ("/profile/photo-address", test_photo_address);
  ADD ("/profile/product-updates", test_product_updates);
  ADD ("/profile/switch-workspace", test_switch_workspace);
  ADD ("/profile/onboarding", test_onboarding);
  ADD ("/profile/delete-account", test_delete_account);
  ADD ("/profile/feedback", test_feedback);
  ADD ("/profile/late/picture-changed", test_picture_changed_in_flight);
  ADD ("/profile/late/picture-removed", test_picture_removed_in_flight);
  ADD ("/profile/late/save-after-sign-out", test_save_after_sign_out);
  ADD ("/profile/late/feedback-after-close", test_feedback_after_close);
  ADD ("/profile/feedback-https-only", test_feedback_https_only);
#undef ADD
  return g_test_run ();
}
