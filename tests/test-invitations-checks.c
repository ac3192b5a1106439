/* test-invitations-checks.c: the inbox's checks: what is new and announced,
 * the ids seen kept from one run to the next, and the invitation settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, in the private D-Bus session with a real gnome-keyring, against
 * the mock cloud served from this same main loop. Each test has its own
 * HOME and XDG folders, so the invitations seen start afresh.
 */
#include <adwaita.h>

#include "pc-application.h"
#include "pc-inbox.h"
#include "pc-invitation-dialog.h"
#include "pc-invitation-row.h"
#include "pc-invitations-page.h"
#include "pc-test-ui.h"
#include "pc-test-util.h"
#include "test-invitations-common.h"

typedef PcUiFixture Fixture;

/* Checks and what is new */

static void
on_new_invitation (PcInbox      *inbox,
                   PcInvitation *invitation,
                   GPtrArray    *announced)
{
  g_ptr_array_add (announced, g_strdup (pc_invitation_get_id (invitation)));
}

static gboolean
announced_some (Fixture       *f,
                gconstpointer  announced)
{
  return ((GPtrArray *) announced)->len > 0;
}

static void
test_new_invitations (Fixture       *f,
                      gconstpointer  data)
{
  PcMockState *state = pc_mock_server_get_state (f->mock);
  g_autoptr(GPtrArray) announced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PcInbox) second = NULL;
  gpointer first;
  guint checks;

  inv_sign_in (f);
  g_signal_connect (inv_inbox (f), "new-invitation", G_CALLBACK (on_new_invitation), announced);
  /* What waited at the first check is in the list, not announced. */
  g_assert_cmpuint (announced->len, ==, 0);

  pc_inbox_set_check_interval (inv_inbox (f), 1);
  pc_mock_state_generate_invitations (state, PC_MOCK_DEMO_EMAIL, 1);
  pc_ui_wait_for (f, announced_some, announced, "the new invitation to be announced");
  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (announced, 0), ==, "generated-invitation-00001");
  g_assert_cmpuint (inv_badge (f), ==, n_waiting + 1);

  /* Later checks do not announce it again. */
  checks = pc_mock_server_count_requests (f->mock, "GET", "/auth/profile/invites");
  inv_wait_for_requests (f, "GET", "/auth/profile/invites", checks + 2);
  g_assert_cmpuint (announced->len, ==, 1);

  /* Nor does the next run, which only hears of one that came meanwhile.
   * It starts once the first inbox has ended: a check of it still under
   * way would see the new invitation and record it first. */
  pc_inbox_set_check_interval (inv_inbox (f), 0);
  first = inv_inbox (f);
  g_object_add_weak_pointer (G_OBJECT (first), &first);
  pc_ui_close_window (f);
  pc_ui_wait_for (f, pc_ui_pointer_cleared, &first, "the first inbox to be let go");
  pc_mock_state_generate_invitations (state, PC_MOCK_DEMO_EMAIL, 1);
  g_ptr_array_set_size (announced, 0);
  second = pc_inbox_new (f->session, NULL);
  g_signal_connect (second, "new-invitation", G_CALLBACK (on_new_invitation), announced);
  pc_ui_wait_for (f, announced_some, announced, "the invitation added meanwhile");
  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (announced, 0), ==, "generated-invitation-00002");
}

static gboolean
seen_file_has (Fixture       *f,
               gconstpointer  text)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "pupil-cloud-desktop", "seen-invitations", NULL);
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

/* A server at an IPv6 address: the ids seen are kept all the same (a key
 * file's group name may not hold the brackets), and not announced again. */
static void
test_seen_ipv6 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) announced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PcInbox) second = NULL;
  g_autoptr(GString) server = g_string_new (pc_mock_server_get_base_url (f->mock));
  g_autofree char *group = NULL;
  gpointer first;

  pc_mock_server_listen_ipv6 (f->mock, &error);
  g_assert_no_error (error);
  g_string_replace (server, "127.0.0.1", "[::1]", 1);
  f->server = g_string_free (g_steal_pointer (&server), FALSE);

  inv_sign_in (f);
  pc_ui_wait_for (f, seen_file_has, "inv-0001", "the ids seen");
  /* The brackets written as %5B and %5D. */
  group = g_strdup_printf ("[http://%%5B::1%%5D%s %s]", strstr (f->server, "]:") + 1, PC_MOCK_DEMO_EMAIL);
  g_assert_true (seen_file_has (f, group));

  /* A later run knows them: nothing is announced, but what is new. It
   * starts once the first inbox has ended: a check of it still under way
   * (the page's, say) would see the new invitation and record it first. */
  first = inv_inbox (f);
  g_object_add_weak_pointer (G_OBJECT (first), &first);
  pc_ui_close_window (f);
  pc_ui_wait_for (f, pc_ui_pointer_cleared, &first, "the first inbox to be let go");
  pc_mock_state_generate_invitations (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, 1);
  second = pc_inbox_new (f->session, NULL);
  g_signal_connect (second, "new-invitation", G_CALLBACK (on_new_invitation), announced);
  pc_ui_wait_for (f, announced_some, announced, "the invitation added meanwhile");
  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (announced, 0), ==, "generated-invitation-00001");
}

/* The invitation settings */

static GtkWindow *
preferences_window (void)
{
  return pc_ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
}

static gboolean
preferences_shown (Fixture       *f,
                   gconstpointer  data)
{
  return preferences_window () != NULL;
}

static GtkSwitch *
row_switch (GtkWindow  *window,
            const char *title)
{
  GtkWidget *row = pc_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return GTK_SWITCH (pc_ui_find_widget (row, GTK_TYPE_SWITCH, NULL));
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *preferences;
  AdwComboRow *check;
  GtkSwitch *notify;
  GtkSwitch *background;

  inv_sign_in (f);
  g_assert_cmpuint (pc_inbox_get_check_interval (inv_inbox (f)), ==, 300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  pc_ui_wait_for (f, preferences_shown, NULL, "the preferences");
  preferences = preferences_window ();

  check = ADW_COMBO_ROW (pc_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW,
                                            "Check for Invitations"));
  notify = row_switch (preferences, "Notifications");
  background = row_switch (preferences, "Run in the Background");
  g_assert_cmpuint (adw_combo_row_get_selected (check), ==, 2); /* every 5 minutes, the default */
  g_assert_true (gtk_switch_get_active (notify));
  g_assert_false (gtk_switch_get_active (background));

  /* Every 15 minutes: the inbox follows. */
  adw_combo_row_set_selected (check, 3);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "invitation-check-interval"), ==, 900);
  g_assert_cmpuint (pc_inbox_get_check_interval (inv_inbox (f)), ==, 900);

  /* Off: no checks, so nothing to announce or to run on for. */
  adw_combo_row_set_selected (check, 0);
  g_assert_cmpuint (pc_inbox_get_check_interval (inv_inbox (f)), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (notify)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (background)));
  adw_combo_row_set_selected (check, 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (notify)));

  gtk_switch_set_active (notify, FALSE);
  gtk_switch_set_active (background, TRUE);
  g_assert_false (g_settings_get_boolean (f->settings, "invitation-notifications"));
  g_assert_true (g_settings_get_boolean (f->settings, "run-in-background"));
  pc_ui_screenshot_window (f, preferences, "preferences");
  gtk_window_destroy (preferences);
}

int
main (int   argc,
      char *argv[])
{
  pc_ui_init (&argc, &argv, PC_UI_INIT_ISOLATE_DIRS);
  inv_init_world ();

  pc_ui_add ("/invitations/new", test_new_invitations);
  pc_ui_add ("/invitations/seen-ipv6", test_seen_ipv6);
  pc_ui_add ("/invitations/preferences", test_preferences);
  return g_test_run ();
}
