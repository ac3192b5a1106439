/* test-invitations.c: the invitation inbox and its page: the list, accepting
 * and declining, and invitations the seed leaves incomplete
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

/* The list */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  const char *order[] = { DRIVING, VISION, READING, RETAIL };
  const char *seed_order[] = { DRIVING, VISION, "Workspace f6a7b8c9", READING, "Workspace a7b8c9d0",
                               "Workspace b8c9d0e1", RETAIL };
  g_autofree char *waiting = g_strdup_printf ("%u invitations wait for your answer", n_waiting);
  GtkWidget *list;
  GtkWidget *child;
  guint i = 0;

  inv_sign_in (f);

  /* The soonest to expire first, the expired one last. */
  list = pc_ui_find_widget (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_INVITATIONS_PAGE, NULL),
                            GTK_TYPE_LIST_BOX, NULL);
  for (child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child), i++)
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), ==,
                     seed_only ? seed_order[i] : order[i]);
  g_assert_cmpuint (i, ==, n_demo);

  /* The inviter, when the server says who it was. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (inv_row (f, DRIVING))), ==,
                   seed_only ? "Viewer: Can view and download recordings\nExpires in 2 days"
                             : "Viewer: Can view and download recordings\n"
                               "Invited by Grace Colleague, expires in 2 days");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (inv_row (f, READING))), ==,
                   seed_only ? "Admin: Can edit, enrich and delete recordings, and manage members\n"
                               "Expires in 5 days"
                             : "Admin: Can edit, enrich and delete recordings, and manage members\n"
                               "Invited by Grace Colleague, expires in 5 days");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (inv_row (f, DRIVING)), "dim-label"));
  g_assert_nonnull (pc_ui_find_button (GTK_WIDGET (inv_row (f, DRIVING)), "_Accept"));

  /* Expired: dimmed, says what to do, and can only be removed. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (inv_row (f, RETAIL)), "dim-label"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (inv_row (f, RETAIL))), ==,
                   "Editor. Expired: ask a workspace admin to invite you again");
  g_assert_null (pc_ui_find_button (GTK_WIDGET (inv_row (f, RETAIL)), "_Accept"));
  g_assert_nonnull (pc_ui_find_button (GTK_WIDGET (inv_row (f, RETAIL)), "_Remove"));

  /* Three wait for an answer (six where three more come without an id or a token). */
  g_assert_cmpuint (inv_badge (f), ==, n_waiting);
  g_assert_true (pc_ui_window_says (f, waiting));
  pc_ui_screenshot (f, "invitations");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  inv_sign_in_with (f, PC_UI_COLLEAGUE_TOKEN, 0);
  g_assert_nonnull (pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_true (gtk_widget_get_mapped (pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                                           "text:No Invitations")));
  g_assert_cmpuint (inv_badge (f), ==, 0);
}

static gboolean
error_shown (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                        "text:Invitations Could Not Be Loaded");
  return label != NULL && gtk_widget_get_mapped (label);
}

static void
test_load_failure (Fixture       *f,
                   gconstpointer  data)
{
  pc_mock_server_add_fault_spec (f->mock, "GET /auth/profile/invites=status:500", NULL);
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_window_show_view (f->window, "invitations");
  pc_ui_wait_for (f, error_shown, NULL, "the failure");
  g_assert_true (pc_ui_window_says (f, "The server had a problem"));

  /* Try Again, with the server well again. */
  pc_mock_server_clear_faults (f->mock);
  inv_click (pc_ui_find_button (GTK_WIDGET (f->window), "_Try Again"));
  pc_ui_wait_for (f, inv_has_rows, GUINT_TO_POINTER (n_demo), "the invitations");
  g_assert_cmpuint (inv_badge (f), ==, n_waiting);
}

/* Accepting */

static void
test_accept (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *in_switcher = inv_about ("%s (Viewer)", DRIVING);
  GtkWidget *accept;

  inv_sign_in (f);
  g_assert_false (inv_switcher_has (f, in_switcher));

  /* A double click, the second getting past the insensitive button: one
   * request. */
  accept = inv_row_button (f, DRIVING, "_Accept");
  inv_click (accept);
  g_assert_false (gtk_widget_is_sensitive (accept));
  inv_click (accept);

  inv_wait_for_toast_about (f, "You joined %s as Viewer", DRIVING);
  pc_ui_wait_for (f, inv_row_gone, DRIVING, "the row to leave");
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "POST",
                                                   "/auth/profile/invites/" DRIVING_TOKEN "/accept"), ==, 1);
  g_assert_cmpuint (inv_badge (f), ==, n_waiting - 1);
  /* The new workspace is in the switcher. */
  pc_ui_wait_for (f, inv_switcher_has, in_switcher, "the workspace in the switcher");
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (pc_inbox_refresh_finish (PC_INBOX (object), result, NULL));
  *done = TRUE;
}

/* A list asked for before an answer, arriving after it (the server made
 * it first but sent it late): what was answered does not come back. */
static void
test_accept_then_late_list (Fixture       *f,
                            gconstpointer  data)
{
  gboolean refreshed = FALSE;

  inv_sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "GET /auth/profile/invites=slow", NULL);
  pc_inbox_refresh_async (inv_inbox (f), NULL, refreshed_cb, &refreshed);
  inv_wait_for_requests (f, "GET", "/auth/profile/invites", 2);
  inv_click (inv_row_button (f, DRIVING, "_Accept"));
  inv_wait_for_toast_about (f, "You joined %s as Viewer", DRIVING);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &refreshed, "the late list");
  g_assert_true (inv_row_gone (f, DRIVING));
  g_assert_cmpuint (inv_badge (f), ==, n_waiting - 1);
}

static void
test_accept_already_member (Fixture       *f,
                            gconstpointer  data)
{
  inv_sign_in (f);
  inv_click (inv_row_button (f, VISION, "_Accept"));
  inv_wait_for_toast_about (f, "You are already a member of %s", VISION);
  pc_ui_wait_for (f, inv_row_gone, VISION, "the row to leave");
}

static void
test_accept_gone (Fixture       *f,
                  gconstpointer  data)
{
  inv_sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "POST /auth/profile/invites/" READING_TOKEN "/accept=status:410", NULL);
  inv_click (inv_row_button (f, READING, "_Accept"));
  inv_wait_for_toast (f, "This invitation is no longer valid");
  pc_ui_wait_for (f, inv_row_gone, READING, "the row to leave");
}

/* Withdrawn by whoever sent it (404): as gone as an expired one, the row
 * leaves and the person is told, not offered a retry that cannot work. */
static void
test_accept_not_found (Fixture       *f,
                       gconstpointer  data)
{
  inv_sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "POST /auth/profile/invites/" READING_TOKEN "/accept=status:404", NULL);
  inv_click (inv_row_button (f, READING, "_Accept"));
  inv_wait_for_toast (f, "This invitation is no longer valid");
  pc_ui_wait_for (f, inv_row_gone, READING, "the row to leave");
  g_assert_cmpuint (inv_badge (f), ==, n_waiting - 1);
}

static void
test_accept_fails (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *accept;

  inv_sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "POST /auth/profile/invites/" READING_TOKEN "/accept=status:500", NULL);
  accept = inv_row_button (f, READING, "_Accept");
  inv_click (accept);
  inv_wait_for_toast (f, "The server had a problem");
  /* Nothing lost: the row stays, ready to try again. */
  g_assert_true (inv_row_shown (f, READING));
  g_assert_true (gtk_widget_is_sensitive (inv_row_button (f, READING, "_Accept")));
  g_assert_cmpuint (inv_badge (f), ==, n_waiting);
}

/* Declining */

static void
test_decline_undo (Fixture       *f,
                   gconstpointer  data)
{
  inv_sign_in (f);

  inv_click (inv_row_button (f, DRIVING, "_Decline"));
  /* Gone at once, with a way back. */
  g_assert_true (inv_row_gone (f, DRIVING));
  g_assert_cmpuint (inv_badge (f), ==, n_waiting - 1);
  inv_wait_for_toast_about (f, "Declined the invitation to %s", DRIVING);
  inv_click (pc_ui_find_button (GTK_WIDGET (f->window), "_Undo"));
  pc_ui_wait_for (f, inv_row_shown, DRIVING, "the row to come back");
  g_assert_cmpuint (inv_badge (f), ==, n_waiting);

  /* Declined for good: sent once its Undo time has passed. Undone earlier,
   * the first would have gone before it. */
  inv_click (inv_row_button (f, READING, "_Decline"));
  inv_wait_for_requests (f, "DELETE", "/auth/profile/invites/" READING_TOKEN, 1);
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "DELETE", "/auth/profile/invites/" DRIVING_TOKEN),
                    ==, 0);
  g_assert_true (inv_row_shown (f, DRIVING));
  g_assert_true (inv_row_gone (f, READING));

  /* And the next check does not bring the declined one back. */
  pc_invitations_page_refresh (PC_INVITATIONS_PAGE (pc_ui_find_widget (GTK_WIDGET (f->window),
                                                                       PC_TYPE_INVITATIONS_PAGE, NULL)));
  inv_wait_for_requests (f, "GET", "/auth/profile/invites", 2);
  pc_ui_wait_for (f, inv_has_rows, GUINT_TO_POINTER (n_demo - 1), "the list after the check");
  g_assert_true (inv_row_gone (f, READING));
}

static void
test_decline_then_close (Fixture       *f,
                         gconstpointer  data)
{
  inv_sign_in (f);
  inv_click (inv_row_button (f, RETAIL, "_Remove"));
  inv_wait_for_toast_about (f, "Removed the invitation to %s", RETAIL);
  /* Closing within the Undo time sends it now. */
  gtk_window_close (GTK_WINDOW (f->window));
  inv_wait_for_requests (f, "DELETE", "/auth/profile/invites/invite-retail-editor-expired-91c0", 1);
}

static void
test_decline_fails (Fixture       *f,
                    gconstpointer  data)
{
  inv_sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "DELETE /auth/profile/invites/" VISION_TOKEN "=status:500", NULL);
  inv_click (inv_row_button (f, VISION, "_Decline"));
  g_assert_true (inv_row_gone (f, VISION));
  gtk_window_close (GTK_WINDOW (f->window)); /* sends it at once */
  pc_ui_wait_for (f, inv_row_shown, VISION, "the row to come back");
  g_assert_cmpuint (pc_inbox_get_n_waiting (inv_inbox (f)), ==, n_waiting);
}

static void
set_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

/* The inbox's answer to a decline, either way: the moment to look. */
typedef struct
{
  gboolean ended;
  gboolean failed;
} Decline;

static void
watch_decline (Fixture *f,
               Decline *decline)
{
  g_signal_connect_swapped (inv_inbox (f), "answered", G_CALLBACK (set_flag_cb), &decline->ended);
  g_signal_connect_swapped (inv_inbox (f), "decline-failed", G_CALLBACK (set_flag_cb), &decline->ended);
  g_signal_connect_swapped (inv_inbox (f), "decline-failed", G_CALLBACK (set_flag_cb), &decline->failed);
}

static void
wait_decline (Fixture *f,
              Decline *decline)
{
  pc_ui_wait_for (f, pc_ui_flag_is_set, &decline->ended, "the decline's answer");
  g_signal_handlers_disconnect_by_data (inv_inbox (f), &decline->ended);
  g_signal_handlers_disconnect_by_data (inv_inbox (f), &decline->failed);
}

/* The inbox holds the invitation with @token, as a list put it there. */
static gboolean
inbox_holds (PcUiFixture   *f,
             gconstpointer  token)
{
  GListModel *model = pc_inbox_get_model (inv_inbox ((Fixture *) f));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PcInvitation) invitation = g_list_model_get_item (model, i);
      if (g_strcmp0 (pc_invitation_get_token (invitation), token) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A list asked for before a decline was sent, and answered while it was
 * on its way, still holds the invitation (the inbox takes it back): once
 * the decline is answered it is gone all the same. The list's answer is
 * made at once and sent 500 ms later (the mock's "slow"); the decline's is
 * held until that list is in the inbox, whatever the order the client
 * parses answers in. */
static void
test_decline_while_listing (Fixture       *f,
                            gconstpointer  data)
{
  guint lists;
  Decline decline = { FALSE, FALSE };

  inv_sign_in (f);
  lists = pc_mock_server_count_requests (f->mock, "GET", "/auth/profile/invites");
  g_assert_true (pc_mock_server_add_fault_spec (f->mock, "GET /auth/profile/invites=slow", NULL));
  pc_mock_server_hold (f->mock, "DELETE /auth/profile/invites/" VISION_TOKEN);
  /* The inbox's own check (the page's refresh would be cancelled by the
   * next one). */
  pc_inbox_refresh_async (inv_inbox (f), NULL, NULL, NULL);
  inv_wait_for_requests (f, "GET", "/auth/profile/invites", lists + 1);

  watch_decline (f, &decline);
  inv_click (inv_row_button (f, VISION, "_Decline"));
  g_assert_true (inv_row_gone (f, VISION));
  gtk_window_close (GTK_WINDOW (f->window)); /* sends it at once */
  inv_wait_for_requests (f, "DELETE", "/auth/profile/invites/" VISION_TOKEN, 1);
  pc_ui_wait_for (f, inbox_holds, VISION_TOKEN, "the list, with the invitation still in it");

  g_assert_cmpuint (pc_mock_server_release (f->mock, "DELETE /auth/profile/invites/" VISION_TOKEN), ==, 1);
  wait_decline (f, &decline);

  g_assert_false (decline.failed);
  g_assert_true (inv_row_gone (f, VISION));
  g_assert_cmpuint (pc_inbox_get_n_waiting (inv_inbox (f)), ==, n_waiting - 1);
}

/* Expired (410) or withdrawn (404) by the time it is declined: declined
 * all the same, not brought back with a failure. The inbox's answer (either
 * signal) is the moment to look. */
static void
decline_when_gone (Fixture    *f,
                   const char *status)
{
  g_autofree char *spec = g_strdup_printf ("DELETE /auth/profile/invites/" VISION_TOKEN "=status:%s", status);
  Decline decline = { FALSE, FALSE };

  inv_sign_in (f);
  g_assert_true (pc_mock_server_add_fault_spec (f->mock, spec, NULL));
  watch_decline (f, &decline);
  inv_click (inv_row_button (f, VISION, "_Decline"));
  gtk_window_close (GTK_WINDOW (f->window)); /* sends it at once */
  wait_decline (f, &decline);

  g_assert_false (decline.failed);
  g_assert_true (inv_row_gone (f, VISION));
  g_assert_cmpuint (pc_inbox_get_n_waiting (inv_inbox (f)), ==, n_waiting - 1);
}

static void
test_decline_gone (Fixture       *f,
                   gconstpointer  data)
{
  decline_when_gone (f, "410");
}

static void
test_decline_not_found (Fixture       *f,
                        gconstpointer  data)
{
  decline_when_gone (f, "404");
}

/* What the seed promises: no workspace names, no inviters, and invitations
 * that may lack an id or a token. */

#define EYE_LAB "Workspace f6a7b8c9"     /* no id */
#define GAZE_ATLAS "Workspace a7b8c9d0"  /* no token */
#define FIELD_TRIALS "Workspace b8c9d0e1" /* neither */
#define EYE_LAB_TOKEN "invite-without-id-eyelab-6a1e"

static void
seed_only_world (Fixture *f)
{
  PcMockState *state = pc_mock_server_get_state (f->mock);

  pc_mock_state_set_seed_only (state, TRUE);
  if (!seed_only) /* the mock added them itself otherwise */
    pc_mock_state_add_incomplete_invitations (state, PC_MOCK_DEMO_EMAIL);
}

static void
test_incomplete (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PcInvitation *without_token;
  GtkWidget *hint;

  seed_only_world (f);
  inv_sign_in_with (f, PC_MOCK_DEMO_TOKEN, 7);
  /* Every workspace by its title, in the list and in the header's switcher. */
  g_assert_true (inv_row_shown (f, "Workspace c1d2e3f4"));
  g_assert_true (inv_switcher_has (f, "Workspace a3f5c1d2 (Owner)"));
  g_assert_true (inv_switcher_has (f, "Workspace b7e9d3c4 (Editor)"));
  g_assert_cmpuint (inv_badge (f), ==, 6);

  /* Without a token: no Accept, no Decline, and where to answer instead. */
  for (guint i = 0; i < 2; i++)
    {
      const char *workspace = i == 0 ? GAZE_ATLAS : FIELD_TRIALS;
      PcInvitationRow *incomplete = inv_row (f, workspace);

      g_assert_nonnull (incomplete);
      g_assert_null (pc_ui_find_button (GTK_WIDGET (incomplete), "_Accept"));
      g_assert_null (pc_ui_find_button (GTK_WIDGET (incomplete), "_Decline"));
      g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (incomplete)),
                                       "\nAnswer it with the link in the invitation email."));
    }
  pc_ui_screenshot (f, "invitations-incomplete");

  /* Nor does the inbox send anything for one. */
  without_token = pc_invitation_row_get_invitation (inv_row (f, GAZE_ATLAS));
  pc_inbox_accept_async (inv_inbox (f), without_token, NULL, pc_test_keep_result, &result);
  pc_inbox_accept_finish (inv_inbox (f), pc_test_wait (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  pc_inbox_decline_later (inv_inbox (f), without_token, 0);
  g_assert_true (inv_row_shown (f, GAZE_ATLAS));

  /* Without an id: answered as any other. */
  hint = pc_ui_find_widget (GTK_WIDGET (inv_row (f, EYE_LAB)), GTK_TYPE_LABEL, "text:Answer it with the link");
  g_assert_null (hint);
  inv_click (inv_row_button (f, EYE_LAB, "_Accept"));
  inv_wait_for_toast (f, "You joined " EYE_LAB " as Viewer");
  pc_ui_wait_for (f, inv_row_gone, EYE_LAB, "the row to leave");
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "POST",
                                                   "/auth/profile/invites/" EYE_LAB_TOKEN "/accept"), ==, 1);
  g_assert_cmpuint (inv_badge (f), ==, 5);
  pc_ui_wait_for (f, inv_switcher_has, EYE_LAB " (Viewer)", "the workspace in the switcher");

  /* Declining with a 204 and no body. */
  inv_click (inv_row_button (f, "Workspace d4e5f6a7", "_Decline"));
  gtk_window_close (GTK_WINDOW (f->window)); /* sends it at once */
  inv_wait_for_requests (f, "DELETE", "/auth/profile/invites/" READING_TOKEN, 1);
}

int
main (int   argc,
      char *argv[])
{
  pc_ui_init (&argc, &argv, PC_UI_INIT_ISOLATE_DIRS);
  inv_init_world ();

  pc_ui_add ("/invitations/list", test_list);
  pc_ui_add ("/invitations/empty", test_empty);
  pc_ui_add ("/invitations/load-failure", test_load_failure);
  pc_ui_add ("/invitations/accept", test_accept);
  pc_ui_add ("/invitations/accept/late-list", test_accept_then_late_list);
  pc_ui_add ("/invitations/accept/already-member", test_accept_already_member);
  pc_ui_add ("/invitations/accept/gone", test_accept_gone);
  pc_ui_add ("/invitations/accept/not-found", test_accept_not_found);
  pc_ui_add ("/invitations/accept/fails", test_accept_fails);
  pc_ui_add ("/invitations/decline/undo", test_decline_undo);
  pc_ui_add ("/invitations/decline/close", test_decline_then_close);
  pc_ui_add ("/invitations/decline/fails", test_decline_fails);
  pc_ui_add ("/invitations/decline/while-listing", test_decline_while_listing);
  pc_ui_add ("/invitations/decline/gone", test_decline_gone);
  pc_ui_add ("/invitations/decline/not-found", test_decline_not_found);
  pc_ui_add ("/invitations/seed-only/incomplete", test_incomplete);
  return g_test_run ();
}
