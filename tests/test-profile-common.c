/* test-profile-common.c: what the Profile programs share: the page and its
 * rows, signing in to it, the profile's saves and applying an edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "pc-profile-page.h"
#include "test-profile-common.h"

typedef PcUiFixture Fixture;

GtkWidget *
prof_page (Fixture *f)
{
  return pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_PROFILE_PAGE, NULL);
}

gboolean
prof_profile_shown (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *stack = pc_ui_find_widget (prof_page (f), GTK_TYPE_STACK, NULL);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "profile") == 0;
}

void
prof_sign_in_with (Fixture    *f,
                   const char *token)
{
  pc_ui_store (f, token);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_window_show_view (f->window, "profile");
  pc_ui_wait_for (f, prof_profile_shown, NULL, "the profile");
}

void
prof_sign_in (Fixture *f)
{
  prof_sign_in_with (f, PC_MOCK_DEMO_TOKEN);
}

GtkWidget *
prof_row (Fixture    *f,
          const char *title)
{
  GtkWidget *found = pc_ui_find_widget (prof_page (f), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (found);
  return found;
}

guint
prof_patches (Fixture *f)
{
  return pc_mock_server_count_requests (f->mock, "PATCH", "/auth/profile");
}

void
prof_apply (Fixture    *f,
            const char *title,
            const char *text)
{
  GtkWidget *entry = prof_row (f, title);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
}
