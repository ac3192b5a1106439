/* test-invitations.c: the invitation inbox, its page and its dialog
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

typedef PcUiFixture Fixture;

/* With PUPIL_CLOUD_MOCK_SEED_ONLY=1 the mock sends no workspace names and
 * no inviters, and gives three more invitations (without an id, a token or
 * both): the same tests run there, reading what the app shows there. */
static gboolean seed_only;
static const char *DRIVING;
static const char *READING;
static const char *RETAIL;
static const char *VISION;
static guint n_demo;    /* the demo user's invitations */
static guint n_waiting; /* of them not expired */

#define DRIVING_TOKEN "invite-driving-viewer-7f3a9c"
#define READING_TOKEN "invite-reading-admin-2b8e4d"
#define VISION_TOKEN "invite-vision-member-already-5d2f"
#define COLLEAGUE_TOKEN "demo-token-Colleague00000000000000000000000"

static PcInbox *
inbox (Fixture *f)
{
  return pc_window_get_inbox (f->window);
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (pc_inbox_get_model (inbox (f)));
}

static gboolean
has_rows (Fixture       *f,
          gconstpointer  count)
{
  return pc_inbox_get_loaded (inbox (f)) && n_rows (f) == GPOINTER_TO_UINT (count);
}

static void
sign_in_with (Fixture    *f,
              const char *token,
              guint       count)
{
  pc_ui_store (f, token);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_window_show_view (f->window, "invitations");
  pc_ui_wait_for (f, has_rows, GUINT_TO_POINTER (count), "the invitations");
}

static void
sign_in (Fixture *f)
{
  sign_in_with (f, PC_MOCK_DEMO_TOKEN, n_demo);
}

/* "You joined %s as Viewer" and the like, with a workspace's title. */
static char *about (const char *format, ...) G_GNUC_PRINTF (1, 2);

static char *
about (const char *format,
       ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

static PcInvitationRow *
row (Fixture    *f,
     const char *workspace)
{
  return PC_INVITATION_ROW (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_INVITATION_ROW, workspace));
}

static gboolean
row_gone (Fixture       *f,
          gconstpointer  workspace)
{
  return pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_INVITATION_ROW, workspace) == NULL;
}

static gboolean
row_shown (Fixture       *f,
           gconstpointer  workspace)
{
  return !row_gone (f, workspace);
}

/* A click, as the pointer gives it: clicked at once. (Activating a button
 * from the keyboard clicks it a moment later.) */
static void
click (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_signal_emit_by_name (widget, "clicked");
}

static GtkWidget *
row_button (Fixture    *f,
            const char *workspace,
            const char *label)
{
  GtkWidget *found = pc_ui_find_button (GTK_WIDGET (row (f, workspace)), label);

  g_assert_nonnull (found);
  return found;
}

/* A toast, or any other label in the window, saying @text. */
static gboolean
toast_says (Fixture       *f,
            gconstpointer  text)
{
  g_autofree char *wanted = g_strconcat ("text:", text, NULL);
  return pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, wanted) != NULL;
}

static void
wait_for_toast (Fixture    *f,
                const char *text)
{
  pc_ui_wait_for (f, toast_says, text, text);
}

static void wait_for_toast_about (Fixture *f, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
wait_for_toast_about (Fixture    *f,
                      const char *format,
                      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  wait_for_toast (f, text);
}

typedef struct
{
  const char *method;
  const char *path;
  guint count;
} Requests;

static gboolean
requests_seen (Fixture       *f,
               gconstpointer  data)
{
  const Requests *r = data;
  return pc_mock_server_count_requests (f->mock, r->method, r->path) >= r->count;
}

static void
wait_for_requests (Fixture    *f,
                   const char *method,
                   const char *path,
                   guint       count)
{
  Requests r = { method, path, count };
  pc_ui_wait_for (f, requests_seen, &r, path);
}

static guint
badge (Fixture *f)
{
  AdwViewStack *stack = ADW_VIEW_STACK (pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK, NULL));
  AdwViewStackPage *page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack,
                                                                                             "invitations"));
  return adw_view_stack_page_get_badge_number (page);
}

/* Whether the header menu's workspace switcher lists @label. */
static gboolean
menu_has (GMenuModel *menu,
          const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);
          if (menu_has (linked, label))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
switcher_has (Fixture       *f,
              gconstpointer  label)
{
  GtkWidget *menu_button = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, NULL);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));

  return menu_has (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)), label);
}

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

  sign_in (f);

  /* The soonest to expire first, the expired one last. */
  list = pc_ui_find_widget (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_INVITATIONS_PAGE, NULL),
                            GTK_TYPE_LIST_BOX, NULL);
  for (child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child), i++)
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), ==,
                     seed_only ? seed_order[i] : order[i]);
  g_assert_cmpuint (i, ==, n_demo);

  /* The inviter, when the server says who it was. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, DRIVING))), ==,
                   seed_only ? "Viewer: Can view and download recordings\nExpires in 2 days"
                             : "Viewer: Can view and download recordings\n"
                               "Invited by Grace Colleague, expires in 2 days");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, READING))), ==,
                   seed_only ? "Admin: Can edit, enrich and delete recordings, and manage members\n"
                               "Expires in 5 days"
                             : "Admin: Can edit, enrich and delete recordings, and manage members\n"
                               "Invited by Grace Colleague, expires in 5 days");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row (f, DRIVING)), "dim-label"));
  g_assert_nonnull (pc_ui_find_button (GTK_WIDGET (row (f, DRIVING)), "_Accept"));

  /* Expired: dimmed, says what to do, and can only be removed. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row (f, RETAIL)), "dim-label"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, RETAIL))), ==,
                   "Editor. Expired: ask a workspace admin to invite you again");
  g_assert_null (pc_ui_find_button (GTK_WIDGET (row (f, RETAIL)), "_Accept"));
  g_assert_nonnull (pc_ui_find_button (GTK_WIDGET (row (f, RETAIL)), "_Remove"));

  /* Three wait for an answer (six where three more come without an id or a token). */
  g_assert_cmpuint (badge (f), ==, n_waiting);
  g_assert_true (toast_says (f, waiting));
  pc_ui_screenshot (f, "invitations");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  sign_in_with (f, COLLEAGUE_TOKEN, 0);
  g_assert_nonnull (pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_true (gtk_widget_get_mapped (pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                                           "text:No Invitations")));
  g_assert_cmpuint (badge (f), ==, 0);
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
  g_assert_true (toast_says (f, "The server had a problem"));

  /* Try Again, with the server well again. */
  pc_mock_server_clear_faults (f->mock);
  click (pc_ui_find_button (GTK_WIDGET (f->window), "_Try Again"));
  pc_ui_wait_for (f, has_rows, GUINT_TO_POINTER (n_demo), "the invitations");
  g_assert_cmpuint (badge (f), ==, n_waiting);
}

/* Accepting */

static void
test_accept (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *in_switcher = about ("%s (Viewer)", DRIVING);
  GtkWidget *accept;

  sign_in (f);
  g_assert_false (switcher_has (f, in_switcher));

  /* A double click, the second getting past the insensitive button: one
   * request. */
  accept = row_button (f, DRIVING, "_Accept");
  click (accept);
  g_assert_false (gtk_widget_is_sensitive (accept));
  click (accept);

  wait_for_toast_about (f, "You joined %s as Viewer", DRIVING);
  pc_ui_wait_for (f, row_gone, DRIVING, "the row to leave");
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "POST",
                                                   "/auth/profile/invites/" DRIVING_TOKEN "/accept"), ==, 1);
  g_assert_cmpuint (badge (f), ==, n_waiting - 1);
  /* The new workspace is in the switcher. */
  pc_ui_wait_for (f, switcher_has, in_switcher, "the workspace in the switcher");
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

  sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "GET /auth/profile/invites=slow", NULL);
  pc_inbox_refresh_async (inbox (f), NULL, refreshed_cb, &refreshed);
  wait_for_requests (f, "GET", "/auth/profile/invites", 2);
  click (row_button (f, DRIVING, "_Accept"));
  wait_for_toast_about (f, "You joined %s as Viewer", DRIVING);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &refreshed, "the late list");
  g_assert_true (row_gone (f, DRIVING));
  g_assert_cmpuint (badge (f), ==, n_waiting - 1);
}

static void
test_accept_already_member (Fixture       *f,
                            gconstpointer  data)
{
  sign_in (f);
  click (row_button (f, VISION, "_Accept"));
  wait_for_toast_about (f, "You are already a member of %s", VISION);
  pc_ui_wait_for (f, row_gone, VISION, "the row to leave");
}

static void
test_accept_gone (Fixture       *f,
                  gconstpointer  data)
{
  sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "POST /auth/profile/invites/" READING_TOKEN "/accept=status:410", NULL);
  click (row_button (f, READING, "_Accept"));
  wait_for_toast (f, "This invitation is no longer valid");
  pc_ui_wait_for (f, row_gone, READING, "the row to leave");
}

/* Withdrawn by whoever sent it (404): as gone as an expired one, the row
 * leaves and the person is told, not offered a retry that cannot work. */
static void
test_accept_not_found (Fixture       *f,
                       gconstpointer  data)
{
  sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "POST /auth/profile/invites/" READING_TOKEN "/accept=status:404", NULL);
  click (row_button (f, READING, "_Accept"));
  wait_for_toast (f, "This invitation is no longer valid");
  pc_ui_wait_for (f, row_gone, READING, "the row to leave");
  g_assert_cmpuint (badge (f), ==, n_waiting - 1);
}

static void
test_accept_fails (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *accept;

  sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "POST /auth/profile/invites/" READING_TOKEN "/accept=status:500", NULL);
  accept = row_button (f, READING, "_Accept");
  click (accept);
  wait_for_toast (f, "The server had a problem");
  /* Nothing lost: the row stays, ready to try again. */
  g_assert_true (row_shown (f, READING));
  g_assert_true (gtk_widget_is_sensitive (row_button (f, READING, "_Accept")));
  g_assert_cmpuint (badge (f), ==, n_waiting);
}

/* Declining */

static void
test_decline_undo (Fixture       *f,
                   gconstpointer  data)
{
  sign_in (f);

  click (row_button (f, DRIVING, "_Decline"));
  /* Gone at once, with a way back. */
  g_assert_true (row_gone (f, DRIVING));
  g_assert_cmpuint (badge (f), ==, n_waiting - 1);
  wait_for_toast_about (f, "Declined the invitation to %s", DRIVING);
  click (pc_ui_find_button (GTK_WIDGET (f->window), "_Undo"));
  pc_ui_wait_for (f, row_shown, DRIVING, "the row to come back");
  g_assert_cmpuint (badge (f), ==, n_waiting);

  /* Declined for good: sent once its Undo time has passed. Undone earlier,
   * the first would have gone before it. */
  click (row_button (f, READING, "_Decline"));
  wait_for_requests (f, "DELETE", "/auth/profile/invites/" READING_TOKEN, 1);
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "DELETE", "/auth/profile/invites/" DRIVING_TOKEN),
                    ==, 0);
  g_assert_true (row_shown (f, DRIVING));
  g_assert_true (row_gone (f, READING));

  /* And the next check does not bring the declined one back. */
  pc_invitations_page_refresh (PC_INVITATIONS_PAGE (pc_ui_find_widget (GTK_WIDGET (f->window),
                                                                       PC_TYPE_INVITATIONS_PAGE, NULL)));
  wait_for_requests (f, "GET", "/auth/profile/invites", 2);
  pc_ui_wait_for (f, has_rows, GUINT_TO_POINTER (n_demo - 1), "the list after the check");
  g_assert_true (row_gone (f, READING));
}

static void
test_decline_then_close (Fixture       *f,
                         gconstpointer  data)
{
  sign_in (f);
  click (row_button (f, RETAIL, "_Remove"));
  wait_for_toast_about (f, "Removed the invitation to %s", RETAIL);
  /* Closing within the Undo time sends it now. */
  gtk_window_close (GTK_WINDOW (f->window));
  wait_for_requests (f, "DELETE", "/auth/profile/invites/invite-retail-editor-expired-91c0", 1);
}

static void
test_decline_fails (Fixture       *f,
                    gconstpointer  data)
{
  sign_in (f);
  pc_mock_server_add_fault_spec (f->mock, "DELETE /auth/profile/invites/" VISION_TOKEN "=status:500", NULL);
  click (row_button (f, VISION, "_Decline"));
  g_assert_true (row_gone (f, VISION));
  gtk_window_close (GTK_WINDOW (f->window)); /* sends it at once */
  pc_ui_wait_for (f, row_shown, VISION, "the row to come back");
  g_assert_cmpuint (pc_inbox_get_n_waiting (inbox (f)), ==, n_waiting);
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
  g_signal_connect_swapped (inbox (f), "answered", G_CALLBACK (set_flag_cb), &decline->ended);
  g_signal_connect_swapped (inbox (f), "decline-failed", G_CALLBACK (set_flag_cb), &decline->ended);
  g_signal_connect_swapped (inbox (f), "decline-failed", G_CALLBACK (set_flag_cb), &decline->failed);
}

static void
wait_decline (Fixture *f,
              Decline *decline)
{
  pc_ui_wait_for (f, pc_ui_flag_is_set, &decline->ended, "the decline's answer");
  g_signal_handlers_disconnect_by_data (inbox (f), &decline->ended);
  g_signal_handlers_disconnect_by_data (inbox (f), &decline->failed);
}

/* The inbox holds the invitation with @token, as a list put it there. */
static gboolean
inbox_holds (PcUiFixture   *f,
             gconstpointer  token)
{
  GListModel *model = pc_inbox_get_model (inbox ((Fixture *) f));

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

  sign_in (f);
  lists = pc_mock_server_count_requests (f->mock, "GET", "/auth/profile/invites");
  g_assert_true (pc_mock_server_add_fault_spec (f->mock, "GET /auth/profile/invites=slow", NULL));
  pc_mock_server_hold (f->mock, "DELETE /auth/profile/invites/" VISION_TOKEN);
  /* The inbox's own check (the page's refresh would be cancelled by the
   * next one). */
  pc_inbox_refresh_async (inbox (f), NULL, NULL, NULL);
  wait_for_requests (f, "GET", "/auth/profile/invites", lists + 1);

  watch_decline (f, &decline);
  click (row_button (f, VISION, "_Decline"));
  g_assert_true (row_gone (f, VISION));
  gtk_window_close (GTK_WINDOW (f->window)); /* sends it at once */
  wait_for_requests (f, "DELETE", "/auth/profile/invites/" VISION_TOKEN, 1);
  pc_ui_wait_for (f, inbox_holds, VISION_TOKEN, "the list, with the invitation still in it");

  g_assert_cmpuint (pc_mock_server_release (f->mock, "DELETE /auth/profile/invites/" VISION_TOKEN), ==, 1);
  wait_decline (f, &decline);

  g_assert_false (decline.failed);
  g_assert_true (row_gone (f, VISION));
  g_assert_cmpuint (pc_inbox_get_n_waiting (inbox (f)), ==, n_waiting - 1);
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

  sign_in (f);
  g_assert_true (pc_mock_server_add_fault_spec (f->mock, spec, NULL));
  watch_decline (f, &decline);
  click (row_button (f, VISION, "_Decline"));
  gtk_window_close (GTK_WINDOW (f->window)); /* sends it at once */
  wait_decline (f, &decline);

  g_assert_false (decline.failed);
  g_assert_true (row_gone (f, VISION));
  g_assert_cmpuint (pc_inbox_get_n_waiting (inbox (f)), ==, n_waiting - 1);
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

/* Opening one by its token */

static PcInvitationDialog *
dialog (void)
{
  return (PcInvitationDialog *) pc_ui_find_toplevel (PC_TYPE_INVITATION_DIALOG);
}

static gboolean
dialog_shows (Fixture       *f,
              gconstpointer  text)
{
  g_autofree char *wanted = g_strconcat ("text:", text, NULL);
  GtkWidget *label = dialog () ? pc_ui_find_widget (GTK_WIDGET (dialog ()), GTK_TYPE_LABEL, wanted) : NULL;
  return label != NULL && gtk_widget_get_mapped (label);
}

static gboolean
dialog_gone (Fixture       *f,
             gconstpointer  data)
{
  return dialog () == NULL;
}

static void
type_and_look_up (const char *text)
{
  GtkWidget *entry = pc_ui_find_widget (GTK_WIDGET (dialog ()), ADW_TYPE_ENTRY_ROW, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  click (pc_ui_find_button (GTK_WIDGET (dialog ()), "_Look Up"));
}

static void
test_open_by_token (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *entry;

  sign_in (f);
  click (pc_ui_find_button (GTK_WIDGET (f->window), "_Open an Invitation…"));
  g_assert_nonnull (dialog ());
  entry = pc_ui_find_widget (GTK_WIDGET (dialog ()), ADW_TYPE_ENTRY_ROW, NULL);

  /* Not a token: said, and what was typed stays. */
  type_and_look_up ("see the email I sent");
  g_assert_true (dialog_shows (f, "This is not an invitation token or link"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "see the email I sent");

  /* Unknown to the server: the same. */
  type_and_look_up ("https://cloud.pupil-labs.com/invite/invite-nobody-knows");
  pc_ui_wait_for (f, dialog_shows, "This invitation is no longer valid", "the refusal");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "https://cloud.pupil-labs.com/invite/invite-nobody-knows");

  /* A link from the email: its details, then Accept. */
  type_and_look_up ("https://cloud.pupil-labs.com/invite/" READING_TOKEN);
  pc_ui_wait_for (f, dialog_shows, READING, "the invitation's details");
  g_assert_true (dialog_shows (f, "Admin: Can edit, enrich and delete recordings, and manage members"));
  pc_ui_screenshot_window (f, GTK_WINDOW (dialog ()), "invitation-dialog");
  click (pc_ui_find_button (GTK_WIDGET (dialog ()), "_Accept"));
  pc_ui_wait_for (f, dialog_gone, NULL, "the dialog to close");
  wait_for_toast_about (f, "You joined %s as Admin", READING);
  pc_ui_wait_for (f, row_gone, READING, "the row to leave");
}

static void
test_open_link_before_sign_in (Fixture       *f,
                               gconstpointer  data)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  /* The address arrives while the stored sign-in is still being checked. */
  pc_window_open_invitation (f->window, "pupil-cloud://invite/" DRIVING_TOKEN);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, dialog_shows, DRIVING, "the invitation's details");
  click (pc_ui_find_button (GTK_WIDGET (dialog ()), "_Decline"));
  pc_ui_wait_for (f, dialog_gone, NULL, "the dialog to close");
  wait_for_toast_about (f, "Declined the invitation to %s", DRIVING);
  wait_for_requests (f, "DELETE", "/auth/profile/invites/" DRIVING_TOKEN, 1);
}

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

static gboolean
pointer_cleared (Fixture       *f,
                 gconstpointer  pointer)
{
  return *(gpointer *) pointer == NULL;
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

  sign_in (f);
  g_signal_connect (inbox (f), "new-invitation", G_CALLBACK (on_new_invitation), announced);
  /* What waited at the first check is in the list, not announced. */
  g_assert_cmpuint (announced->len, ==, 0);

  pc_inbox_set_check_interval (inbox (f), 1);
  pc_mock_state_generate_invitations (state, PC_MOCK_DEMO_EMAIL, 1);
  pc_ui_wait_for (f, announced_some, announced, "the new invitation to be announced");
  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (announced, 0), ==, "generated-invitation-00001");
  g_assert_cmpuint (badge (f), ==, n_waiting + 1);

  /* Later checks do not announce it again. */
  checks = pc_mock_server_count_requests (f->mock, "GET", "/auth/profile/invites");
  wait_for_requests (f, "GET", "/auth/profile/invites", checks + 2);
  g_assert_cmpuint (announced->len, ==, 1);

  /* Nor does the next run, which only hears of one that came meanwhile.
   * It starts once the first inbox has ended: a check of it still under
   * way would see the new invitation and record it first. */
  pc_inbox_set_check_interval (inbox (f), 0);
  first = inbox (f);
  g_object_add_weak_pointer (G_OBJECT (first), &first);
  pc_ui_close_window (f);
  pc_ui_wait_for (f, pointer_cleared, &first, "the first inbox to be let go");
  pc_mock_state_generate_invitations (state, PC_MOCK_DEMO_EMAIL, 1);
  g_ptr_array_set_size (announced, 0);
  second = pc_inbox_new (f->session, NULL);
  g_signal_connect (second, "new-invitation", G_CALLBACK (on_new_invitation), announced);
  pc_ui_wait_for (f, announced_some, announced, "the invitation added meanwhile");
  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (announced, 0), ==, "generated-invitation-00002");
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
  sign_in_with (f, PC_MOCK_DEMO_TOKEN, 7);
  /* Every workspace by its title, in the list and in the header's switcher. */
  g_assert_true (row_shown (f, "Workspace c1d2e3f4"));
  g_assert_true (switcher_has (f, "Workspace a3f5c1d2 (Owner)"));
  g_assert_true (switcher_has (f, "Workspace b7e9d3c4 (Editor)"));
  g_assert_cmpuint (badge (f), ==, 6);

  /* Without a token: no Accept, no Decline, and where to answer instead. */
  for (guint i = 0; i < 2; i++)
    {
      const char *workspace = i == 0 ? GAZE_ATLAS : FIELD_TRIALS;
      PcInvitationRow *incomplete = row (f, workspace);

      g_assert_nonnull (incomplete);
      g_assert_null (pc_ui_find_button (GTK_WIDGET (incomplete), "_Accept"));
      g_assert_null (pc_ui_find_button (GTK_WIDGET (incomplete), "_Decline"));
      g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (incomplete)),
                                       "\nAnswer it with the link in the invitation email."));
    }
  pc_ui_screenshot (f, "invitations-incomplete");

  /* Nor does the inbox send anything for one. */
  without_token = pc_invitation_row_get_invitation (row (f, GAZE_ATLAS));
  pc_inbox_accept_async (inbox (f), without_token, NULL, pc_test_keep_result, &result);
  pc_inbox_accept_finish (inbox (f), pc_test_wait (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  pc_inbox_decline_later (inbox (f), without_token, 0);
  g_assert_true (row_shown (f, GAZE_ATLAS));

  /* Without an id: answered as any other. */
  hint = pc_ui_find_widget (GTK_WIDGET (row (f, EYE_LAB)), GTK_TYPE_LABEL, "text:Answer it with the link");
  g_assert_null (hint);
  click (row_button (f, EYE_LAB, "_Accept"));
  wait_for_toast (f, "You joined " EYE_LAB " as Viewer");
  pc_ui_wait_for (f, row_gone, EYE_LAB, "the row to leave");
  g_assert_cmpuint (pc_mock_server_count_requests (f->mock, "POST",
                                                   "/auth/profile/invites/" EYE_LAB_TOKEN "/accept"), ==, 1);
  g_assert_cmpuint (badge (f), ==, 5);
  pc_ui_wait_for (f, switcher_has, EYE_LAB " (Viewer)", "the workspace in the switcher");

  /* Declining with a 204 and no body. */
  click (row_button (f, "Workspace d4e5f6a7", "_Decline"));
  gtk_window_close (GTK_WINDOW (f->window)); /* sends it at once */
  wait_for_requests (f, "DELETE", "/auth/profile/invites/" READING_TOKEN, 1);
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

  sign_in (f);
  pc_ui_wait_for (f, seen_file_has, "inv-0001", "the ids seen");
  /* The brackets written as %5B and %5D. */
  group = g_strdup_printf ("[http://%%5B::1%%5D%s %s]", strstr (f->server, "]:") + 1, PC_MOCK_DEMO_EMAIL);
  g_assert_true (seen_file_has (f, group));

  /* A later run knows them: nothing is announced, but what is new. It
   * starts once the first inbox has ended: a check of it still under way
   * (the page's, say) would see the new invitation and record it first. */
  first = inbox (f);
  g_object_add_weak_pointer (G_OBJECT (first), &first);
  pc_ui_close_window (f);
  pc_ui_wait_for (f, pointer_cleared, &first, "the first inbox to be let go");
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

  sign_in (f);
  g_assert_cmpuint (pc_inbox_get_check_interval (inbox (f)), ==, 300);
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
  g_assert_cmpuint (pc_inbox_get_check_interval (inbox (f)), ==, 900);

  /* Off: no checks, so nothing to announce or to run on for. */
  adw_combo_row_set_selected (check, 0);
  g_assert_cmpuint (pc_inbox_get_check_interval (inbox (f)), ==, 0);
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

/* The application: notifications and pupil-cloud:// links */

/* What GNOME Shell is to the app: the owner of org.gtk.Notifications, on
 * a connection of its own, keeping every notification it is handed. */
typedef struct
{
  GDBusConnection *connection;
  GPtrArray *added;    /* (s id, a{sv} notification) */
  GPtrArray *removed;  /* ids */
  gboolean owned;
} Shell;

static const char notifications_xml[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s'/><arg type='s'/><arg type='a{sv}'/></method>"
  "<method name='RemoveNotification'><arg type='s'/><arg type='s'/></method>"
  "</interface></node>";

static void
shell_method_call (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  Shell *shell = user_data;
  const char *app_id;
  const char *id;

  if (g_str_equal (method, "AddNotification"))
    {
      g_autoptr(GVariant) notification = NULL;

      g_variant_get (parameters, "(&s&s@a{sv})", &app_id, &id, &notification);
      g_assert_cmpstr (app_id, ==, APP_ID);
      g_ptr_array_add (shell->added, g_variant_ref_sink (g_variant_new ("(s@a{sv})", id, notification)));
    }
  else
    {
      g_variant_get (parameters, "(&s&s)", &app_id, &id);
      g_ptr_array_add (shell->removed, g_strdup (id));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
shell_name_acquired (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ((Shell *) user_data)->owned = TRUE;
}

static gboolean
shell_ready (Fixture       *f,
             gconstpointer  shell)
{
  return ((Shell *) shell)->owned;
}

static void
shell_start (Fixture *f,
             Shell   *shell)
{
  static const GDBusInterfaceVTable vtable = { shell_method_call };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  shell->added = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  shell->removed = g_ptr_array_new_with_free_func (g_free);
  shell->connection = g_dbus_connection_new_for_address_sync (address,
                                                              G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                              NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (shell->connection, "/org/gtk/Notifications", node->interfaces[0], &vtable,
                                     shell, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (shell->connection, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                shell_name_acquired, NULL, shell, NULL);
  pc_ui_wait_for (f, shell_ready, shell, "the notification server");
}

static void
shell_stop (Shell *shell)
{
  g_dbus_connection_close_sync (shell->connection, NULL, NULL);
  g_clear_object (&shell->connection);
  g_clear_pointer (&shell->added, g_ptr_array_unref);
  g_clear_pointer (&shell->removed, g_ptr_array_unref);
}

static GVariant *
shell_find (Shell      *shell,
            const char *id,
            guint      *count)
{
  GVariant *found = NULL;

  *count = 0;
  for (guint i = 0; i < shell->added->len; i++)
    {
      GVariant *entry = g_ptr_array_index (shell->added, i);
      const char *entry_id;

      g_variant_get_child (entry, 0, "&s", &entry_id);
      if (g_str_equal (entry_id, id))
        {
          found = entry;
          (*count)++;
        }
    }
  return found;
}

typedef struct
{
  Shell *shell;
  const char *id;
} Awaited;

static gboolean
notified (Fixture       *f,
          gconstpointer  data)
{
  const Awaited *awaited = data;
  guint count;
  return shell_find (awaited->shell, awaited->id, &count) != NULL;
}

static GVariant *
wait_for_notification (Fixture    *f,
                       Shell      *shell,
                       const char *id)
{
  Awaited awaited = { shell, id };
  guint count;

  pc_ui_wait_for (f, notified, &awaited, id);
  return g_variant_get_child_value (shell_find (shell, id, &count), 1);
}

static char *
lookup_string (GVariant   *dict,
               const char *key)
{
  g_autofree char *value = NULL;

  g_variant_lookup (dict, key, "s", &value);
  return g_steal_pointer (&value);
}

static gboolean
withdrawn (Fixture       *f,
           gconstpointer  data)
{
  const Awaited *awaited = data;
  return g_ptr_array_find_with_equal_func (awaited->shell->removed, awaited->id, g_str_equal, NULL);
}

/* As GNOME Shell activates a notification's button: over D-Bus. */
static void
activate_remotely (Shell      *shell,
                   const char *action,
                   GVariant   *target)
{
  GVariantBuilder parameter;

  g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
  if (target != NULL)
    g_variant_builder_add (&parameter, "v", target);
  g_dbus_connection_call (shell->connection, APP_ID, "/io/github/pupil_cloud/Desktop",
                          "org.freedesktop.Application", "ActivateAction",
                          g_variant_new ("(sav@a{sv})", action, &parameter,
                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

static gboolean
view_is (Fixture       *f,
         gconstpointer  name)
{
  return g_strcmp0 (pc_window_get_view_name (f->window), name) == 0;
}

static void
test_application (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PcApplication) application = NULL;
  g_autoptr(GVariant) notification = NULL;
  g_autoptr(GVariant) answer = NULL;
  g_autoptr(GVariant) buttons = NULL;
  g_autoptr(GVariant) accept = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GFile) link = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  g_autofree char *action = NULL;
  Awaited gone = { NULL, "invitation-generated-invitation-00001" };
  Shell shell = { NULL, };
  guint count;
  guint checks;

  shell_start (f, &shell);
  gone.shell = &shell;
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  g_setenv ("PUPIL_CLOUD_SERVER", pc_ui_server (f), TRUE);
  g_settings_set_uint (settings, "invitation-check-interval", 1);

  application = pc_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (application));
  f->window = g_object_ref (PC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application))));
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, has_rows, GUINT_TO_POINTER (n_demo), "the invitations");
  g_assert_true (pc_window_get_inbox (f->window) == pc_application_get_inbox (application));

  /* A new invitation: one notification, with Accept and Show. */
  pc_mock_state_generate_invitations (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, 1);
  notification = wait_for_notification (f, &shell, "invitation-generated-invitation-00001");
  title = lookup_string (notification, "title");
  g_assert_cmpstr (title, ==, seed_only ? "Invitation to Workspace generate" : "Invitation to Generated workspace 1");
  buttons = g_variant_lookup_value (notification, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_nonnull (buttons);
  g_assert_cmpuint (g_variant_n_children (buttons), ==, 2);
  accept = g_variant_get_child_value (buttons, 0);
  label = lookup_string (accept, "label");
  action = lookup_string (accept, "action");
  target = g_variant_lookup_value (accept, "target", NULL);
  g_assert_cmpstr (label, ==, "Accept");
  g_assert_cmpstr (action, ==, "app.accept-invitation");
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "generated-invitation-00001");
  g_assert_cmpuint (badge (f), ==, n_waiting + 1);

  /* Accept, from the notification: answered, the notification withdrawn,
   * and the result told in another. */
  activate_remotely (&shell, "accept-invitation", target);
  answer = wait_for_notification (f, &shell, "answer-generated-invitation-00001");
  g_free (title);
  title = lookup_string (answer, "title");
  g_assert_cmpstr (title, ==, seed_only ? "You joined Workspace generate as Viewer"
                                        : "You joined Generated workspace 1 as Viewer");
  pc_ui_wait_for (f, withdrawn, &gone, "the notification to be withdrawn");
  g_assert_cmpuint (badge (f), ==, n_waiting);

  /* Checks go on; the same invitation is never announced twice. */
  checks = pc_mock_server_count_requests (f->mock, "GET", "/auth/profile/invites");
  wait_for_requests (f, "GET", "/auth/profile/invites", checks + 2);
  shell_find (&shell, "invitation-generated-invitation-00001", &count);
  g_assert_cmpuint (count, ==, 1);
  g_settings_set_uint (settings, "invitation-check-interval", 0);

  /* Show opens the list. */
  g_assert_cmpstr (pc_window_get_view_name (f->window), ==, "tokens");
  activate_remotely (&shell, "show-invitations", NULL);
  pc_ui_wait_for (f, view_is, "invitations", "the Invitations page");

  /* A pupil-cloud:// link opens the invitation. */
  link = g_file_new_for_uri ("pupil-cloud://invite/" DRIVING_TOKEN);
  g_application_open (G_APPLICATION (application), &link, 1, "");
  pc_ui_wait_for (f, dialog_shows, DRIVING, "the invitation's details");
  gtk_window_destroy (GTK_WINDOW (dialog ()));

  g_settings_reset (settings, "invitation-check-interval");
  g_unsetenv ("PUPIL_CLOUD_SERVER");
  shell_stop (&shell);
}

/* Started with --background, as a real process: no window, yet checks,
 * notifications and an Accept answered from the notification. */
static void
test_background (Fixture       *f,
                 gconstpointer  data)
{
  const char *argv[] = { g_getenv ("PUPIL_CLOUD_DESKTOP"), "--server", pc_ui_server (f), "--background", NULL };
  g_autofree char *folder = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (folder, "keyfile", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GVariant) notification = NULL;
  g_autoptr(GVariant) answer = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *title = NULL;
  Awaited gone = { NULL, "invitation-generated-invitation-00001" };
  Shell shell = { NULL, };
  gboolean ended = FALSE;

  /* The app's own settings, in a file: a check every second. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/pupil_cloud/Desktop]\n"
                                               "invitation-check-interval=uint32 1\n", -1, NULL));
  shell_start (f, &shell);
  gone.shell = &shell;
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  process = pc_ui_spawn (launcher, argv, &ended);

  /* Signed in from the keyring, checking, with no window to show it. */
  wait_for_requests (f, "GET", "/auth/profile/invites", 2);
  pc_mock_state_generate_invitations (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, 1);
  notification = wait_for_notification (f, &shell, "invitation-generated-invitation-00001");
  title = lookup_string (notification, "title");
  g_assert_cmpstr (title, ==, seed_only ? "Invitation to Workspace generate" : "Invitation to Generated workspace 1");

  target = g_variant_ref_sink (g_variant_new_string ("generated-invitation-00001"));
  activate_remotely (&shell, "accept-invitation", target);
  answer = wait_for_notification (f, &shell, "answer-generated-invitation-00001");
  g_free (title);
  title = lookup_string (answer, "title");
  g_assert_cmpstr (title, ==, seed_only ? "You joined Workspace generate as Viewer"
                                        : "You joined Generated workspace 1 as Viewer");
  pc_ui_wait_for (f, withdrawn, &gone, "the notification to be withdrawn");
  g_assert_false (ended);

  /* Quit ends it, cleanly. */
  activate_remotely (&shell, "quit", NULL);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &ended, "the app to end");
  g_assert_true (g_subprocess_get_successful (process));
  shell_stop (&shell);
}

int
main (int   argc,
      char *argv[])
{
  const char *later = "opened by the test";

  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  seed_only = g_strcmp0 (g_getenv ("PUPIL_CLOUD_MOCK_SEED_ONLY"), "1") == 0;
  DRIVING = seed_only ? "Workspace c1d2e3f4" : "Driving Study 2026";
  READING = seed_only ? "Workspace d4e5f6a7" : "Reading Research";
  RETAIL = seed_only ? "Workspace e5f6a7b8" : "Retail Pilot";
  VISION = seed_only ? "Workspace b7e9d3c4" : "Vision Lab";
  n_demo = seed_only ? 7 : 4;
  n_waiting = seed_only ? 6 : 3;

#define ADD(path, func) g_test_add (path, Fixture, later, pc_ui_setup, func, pc_ui_teardown)
  ADD ("/invitations/list", test_list);
  ADD ("/invitations/empty", test_empty);
  ADD ("/invitations/load-failure", test_load_failure);
  ADD ("/invitations/accept", test_accept);
  ADD ("/invitations/accept/late-list", test_accept_then_late_list);
  ADD ("/invitations/accept/already-member", test_accept_already_member);
  ADD ("/invitations/accept/gone", test_accept_gone);
  ADD ("/invitations/accept/not-found", test_accept_not_found);
  ADD ("/invitations/accept/fails", test_accept_fails);
  ADD ("/invitations/decline/undo", test_decline_undo);
  ADD ("/invitations/decline/close", test_decline_then_close);
  ADD ("/invitations/decline/fails", test_decline_fails);
  ADD ("/invitations/decline/while-listing", test_decline_while_listing);
  ADD ("/invitations/decline/gone", test_decline_gone);
  ADD ("/invitations/decline/not-found", test_decline_not_found);
  ADD ("/invitations/open/token", test_open_by_token);
  ADD ("/invitations/open/before-sign-in", test_open_link_before_sign_in);
  ADD ("/invitations/new", test_new_invitations);
  ADD ("/invitations/seed-only/incomplete", test_incomplete);
  ADD ("/invitations/seen-ipv6", test_seen_ipv6);
  ADD ("/invitations/preferences", test_preferences);
  ADD ("/invitations/background", test_background);
  ADD ("/invitations/application", test_application);
#undef ADD
  return g_test_run ();
}
