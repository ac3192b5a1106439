/* test-invitations-common.c: what the invitation programs share: the
 * world's workspace names, signing in to the Invitations page, its rows
 * and buttons, toasts, the requests the mock saw, the badge, the switcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "pc-inbox.h"
#include "pc-invitation-row.h"
#include "test-invitations-common.h"

typedef PcUiFixture Fixture;

/* With PUPIL_CLOUD_MOCK_SEED_ONLY=1 the mock sends no workspace names and
 * no inviters, and gives three more invitations (without an id, a token or
 * both): the same tests run there, reading what the app shows there. */
gboolean seed_only;
const char *DRIVING;
const char *READING;
const char *RETAIL;
const char *VISION;
guint n_demo;    /* the demo user's invitations */
guint n_waiting; /* of them not expired */

void
inv_init_world (void)
{
  seed_only = g_strcmp0 (g_getenv ("PUPIL_CLOUD_MOCK_SEED_ONLY"), "1") == 0;
  DRIVING = seed_only ? "Workspace c1d2e3f4" : "Driving Study 2026";
  READING = seed_only ? "Workspace d4e5f6a7" : "Reading Research";
  RETAIL = seed_only ? "Workspace e5f6a7b8" : "Retail Pilot";
  VISION = seed_only ? "Workspace b7e9d3c4" : "Vision Lab";
  n_demo = seed_only ? 7 : 4;
  n_waiting = seed_only ? 6 : 3;
}

PcInbox *
inv_inbox (Fixture *f)
{
  return pc_window_get_inbox (f->window);
}

guint
inv_n_rows (Fixture *f)
{
  return g_list_model_get_n_items (pc_inbox_get_model (inv_inbox (f)));
}

gboolean
inv_has_rows (Fixture       *f,
              gconstpointer  count)
{
  return pc_inbox_get_loaded (inv_inbox (f)) && inv_n_rows (f) == GPOINTER_TO_UINT (count);
}

void
inv_sign_in_with (Fixture    *f,
                  const char *token,
                  guint       count)
{
  pc_ui_store (f, token);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_window_show_view (f->window, "invitations");
  pc_ui_wait_for (f, inv_has_rows, GUINT_TO_POINTER (count), "the invitations");
}

void
inv_sign_in (Fixture *f)
{
  inv_sign_in_with (f, PC_MOCK_DEMO_TOKEN, n_demo);
}

/* "You joined %s as Viewer" and the like, with a workspace's title. */
char *
inv_about (const char *format,
           ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

PcInvitationRow *
inv_row (Fixture    *f,
         const char *workspace)
{
  return PC_INVITATION_ROW (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_INVITATION_ROW, workspace));
}

gboolean
inv_row_gone (Fixture       *f,
              gconstpointer  workspace)
{
  return pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_INVITATION_ROW, workspace) == NULL;
}

gboolean
inv_row_shown (Fixture       *f,
               gconstpointer  workspace)
{
  return !inv_row_gone (f, workspace);
}

/* A click, as the pointer gives it: clicked at once. (Activating a button
 * from the keyboard clicks it a moment later.) */
void
inv_click (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_signal_emit_by_name (widget, "clicked");
}

GtkWidget *
inv_row_button (Fixture    *f,
                const char *workspace,
                const char *label)
{
  GtkWidget *found = pc_ui_find_button (GTK_WIDGET (inv_row (f, workspace)), label);

  g_assert_nonnull (found);
  return found;
}

/* A toast, or any other label in the window, saying @text. */
void
inv_wait_for_toast (Fixture    *f,
                    const char *text)
{
  pc_ui_wait_for (f, pc_ui_window_says, text, text);
}

void
inv_wait_for_toast_about (Fixture    *f,
                          const char *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  inv_wait_for_toast (f, text);
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

void
inv_wait_for_requests (Fixture    *f,
                       const char *method,
                       const char *path,
                       guint       count)
{
  Requests r = { method, path, count };
  pc_ui_wait_for (f, requests_seen, &r, path);
}

guint
inv_badge (Fixture *f)
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

gboolean
inv_switcher_has (Fixture       *f,
                  gconstpointer  label)
{
  GtkWidget *menu_button = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, NULL);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));

  return menu_has (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)), label);
}
