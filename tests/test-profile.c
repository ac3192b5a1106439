/* test-profile.c: the Profile page, editing it, onboarding, Send Feedback
 * and deleting the account
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
#include "test-profile-common.h"

typedef PcUiFixture Fixture;

#define VISION_ID "b7e9d3c4-0000-4000-8000-000000000002"

/* PUPIL_CLOUD_MOCK_SEED_ONLY=1: no workspace names, so the start of their ids. */
static gboolean
seed_only (void)
{
  return g_strcmp0 (g_getenv ("PUPIL_CLOUD_MOCK_SEED_ONLY"), "1") == 0;
}

#define ADAS_WORKSPACE (seed_only () ? "Workspace a3f5c1d2" : "Ada's workspace")
#define VISION_LAB (seed_only () ? "Workspace b7e9d3c4" : "Vision Lab")

static const char *
subtitle (Fixture    *f,
          const char *title)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (prof_row (f, title)));
}

static const char *
error_text (Fixture *f)
{
  GtkWidget *label = pc_ui_find_widget (prof_page (f), GTK_TYPE_LABEL, "error");
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

/* The page */

static void
test_shown (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *check;

  prof_sign_in (f);
  g_assert_nonnull (pc_ui_find_widget (prof_page (f), GTK_TYPE_LABEL, "text:Ada Demo"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (prof_row (f, "Name"))), ==, "Ada Demo");
  g_assert_cmpstr (subtitle (f, "Email"), ==, "demo@pupil-cloud.test (verified)");
  g_assert_cmpstr (subtitle (f, "Sign-In Provider"), ==, "Email and password");
  g_assert_cmpstr (subtitle (f, "User ID"), ==, "5f1c2a9e-7d0b-4e1a-9c3f-2b8d6e4a1f00");
  g_assert_cmpstr (subtitle (f, "Onboarding Completed"), !=, "Not yet");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (pc_ui_find_widget (prof_page (f), GTK_TYPE_SWITCH, NULL))));

  /* The workspaces, the default one marked and, as "default", active. */
  g_assert_cmpstr (subtitle (f, ADAS_WORKSPACE), ==, "Owner, default workspace");
  check = pc_ui_find_widget (prof_row (f, ADAS_WORKSPACE), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  check = pc_ui_find_widget (prof_row (f, VISION_LAB), GTK_TYPE_CHECK_BUTTON, NULL);
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
  AdwAvatar *avatar = ADW_AVATAR (pc_ui_find_widget (prof_page (f), ADW_TYPE_AVATAR, NULL));
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
  prof_sign_in (f);
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
  prof_sign_in (f);
  pc_ui_wait_for (f, picture_asked, "login-wall", "the picture to be asked for");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Initials, and not a word about it. */
  avatar = ADW_AVATAR (pc_ui_find_widget (prof_page (f), ADW_TYPE_AVATAR, NULL));
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

  prof_sign_in (f);

  /* Refused before sending. */
  prof_apply (f, "Name", "   ");
  g_assert_cmpstr (error_text (f), ==, "Enter a name.");
  prof_apply (f, "Name", too_long);
  g_assert_nonnull (strstr (error_text (f), "100"));
  g_assert_cmpuint (prof_patches (f), ==, 0);

  /* Refused by the server, or the server failing: the typed name stays. */
  pc_mock_server_add_fault_spec (f->mock, "PATCH /auth/profile=status:400", NULL);
  prof_apply (f, "Name", "Refused Name");
  pc_ui_wait_for (f, error_says, "Injected fault", "the server's refusal");
  g_assert_cmpuint (prof_patches (f), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (prof_row (f, "Name"))), ==, "Refused Name");
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Ada Demo");

  pc_mock_server_clear_faults (f->mock);
  pc_mock_server_add_fault_spec (f->mock, "PATCH /auth/profile=status:500", NULL);
  g_signal_emit_by_name (prof_row (f, "Name"), "apply");
  pc_ui_wait_for (f, error_says, "server had a problem", "the server's failure");
  g_assert_cmpuint (prof_patches (f), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (prof_row (f, "Name"))), ==, "Refused Name");

  /* Accepted: the page and the header menu show what the server returned,
   * and the row no longer looks edited (typed with the focus in it, as a
   * person does, the text showed the Apply button). */
  pc_mock_server_clear_faults (f->mock);
  gtk_widget_grab_focus (prof_row (f, "Name"));
  gtk_editable_set_text (GTK_EDITABLE (prof_row (f, "Name")), "  Ada Lovelace  ");
  g_assert_true (apply_button_shown (prof_row (f, "Name")));
  g_signal_emit_by_name (prof_row (f, "Name"), "apply");
  pc_ui_wait_for (f, menu_says, "Ada Lovelace", "the new name in the header menu");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (prof_row (f, "Name"))), ==, "Ada Lovelace");
  g_assert_false (apply_button_shown (prof_row (f, "Name")));
  g_assert_null (error_text (f));
  g_assert_nonnull (pc_ui_find_widget (prof_page (f), GTK_TYPE_LABEL, "text:Ada Lovelace"));
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
  prof_sign_in (f);
  pc_ui_wait_for (f, avatar_has_picture, NULL, "the first picture");
  prof_apply (f, "Picture Address", "http://pictures.example.com/ada.png");
  g_assert_cmpstr (error_text (f), ==, "A picture address must start with https://.");
  g_assert_cmpuint (prof_patches (f), ==, 0);

  /* An address that cannot be reached: saved, and initials replace the old picture. */
  prof_apply (f, "Picture Address", "https://127.0.0.1:1/ada.png");
  pc_ui_wait_for (f, photo_is, "https://127.0.0.1:1/ada.png", "the new address");
  g_assert_null (error_text (f));
  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (pc_ui_find_widget (prof_page (f), ADW_TYPE_AVATAR, NULL))));
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

  prof_sign_in (f);
  updates = GTK_SWITCH (pc_ui_find_widget (prof_page (f), GTK_TYPE_SWITCH, NULL));

  /* Saved at once. */
  gtk_switch_set_active (updates, TRUE);
  pc_ui_wait_for (f, subscribed, NULL, "the subscription");
  g_assert_cmpuint (prof_patches (f), ==, 1);

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

  prof_sign_in (f);
  check = pc_ui_find_widget (prof_row (f, VISION_LAB), GTK_TYPE_CHECK_BUTTON, NULL);
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
  pc_ui_store (f, PC_UI_COLLEAGUE_TOKEN);
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
  g_assert_cmpuint (prof_patches (f), ==, 0);
  g_assert_null (pc_profile_get_onboarded_at (pc_session_get_profile (f->session)));

  /* Once the page has been seen. */
  pc_window_show_view (f->window, "profile");
  pc_ui_wait_for (f, onboarded, NULL, "onboarding to be marked done");
  g_assert_cmpuint (prof_patches (f), ==, 1);
  g_assert_cmpstr (subtitle (f, "Onboarding Completed"), !=, "Not yet");
  pc_window_show_view (f->window, "tokens");
  pc_window_show_view (f->window, "profile");
  /* Seen again: not marked again. A name saved next is the moment to
   * count: its PATCH went after any the page sent on being shown. */
  prof_apply (f, "Name", "Grace Onboarded");
  pc_ui_wait_for (f, menu_says, "Grace Onboarded", "the new name in the header menu");
  g_assert_cmpuint (prof_patches (f), ==, 2);
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

  g_assert_true (gtk_widget_activate_action (prof_page (f), "profile.delete", NULL));
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

static void
test_delete_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PcTokenNames) names = pc_token_names_new (NULL);
  g_autoptr(PcTokenNames) names_after = NULL;
  g_autoptr(PcCredentials) stored = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (pc_token_names_set (names, pc_ui_server (f), "tok-0001", "lab laptop", NULL));
  prof_sign_in (f);
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
  pc_ui_wait_for (f, pc_ui_window_says, "The account was not deleted", "the failure");
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

  prof_sign_in (f);

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

  prof_sign_in (f);
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

int
main (int   argc,
      char *argv[])
{
  pc_ui_init (&argc, &argv, PC_UI_INIT_ISOLATE_DIRS);

  pc_ui_add ("/profile/shown", test_shown);
  pc_ui_add ("/profile/avatar", test_avatar);
  pc_ui_add ("/profile/avatar-fails", test_avatar_fails);
  pc_ui_add ("/profile/name", test_name);
  pc_ui_add ("/profile/photo-address", test_photo_address);
  pc_ui_add ("/profile/product-updates", test_product_updates);
  pc_ui_add ("/profile/switch-workspace", test_switch_workspace);
  pc_ui_add ("/profile/onboarding", test_onboarding);
  pc_ui_add ("/profile/delete-account", test_delete_account);
  pc_ui_add ("/profile/feedback", test_feedback);
  pc_ui_add ("/profile/feedback-https-only", test_feedback_https_only);
  return g_test_run ();
}
