/* test-ui-common.c: what the login and window programs share: the login
 * page's fields, the window's bars and dialogs, the Tokens page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pc-login-page.h"
#include "pc-tokens-page.h"
#include "test-ui-common.h"

typedef PcUiFixture Fixture;

PcLoginPage *
ui_login_page (Fixture *f)
{
  return PC_LOGIN_PAGE (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_LOGIN_PAGE, NULL));
}

GtkEditable *
ui_row (Fixture    *f,
        const char *title)
{
  GtkWidget *found = pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (found);
  return GTK_EDITABLE (found);
}

const char *
ui_error_text (Fixture *f)
{
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), GTK_TYPE_LABEL, "error");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

gboolean
ui_has_error (Fixture       *f,
              gconstpointer  data)
{
  return ui_error_text (f) != NULL && *ui_error_text (f) != '\0';
}

void
ui_sign_in (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_login_page (f)), "login.sign-in", NULL));
}

void
ui_choose_email (Fixture *f)
{
  GtkStack *stack = GTK_STACK (pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), GTK_TYPE_STACK, NULL));
  gtk_stack_set_visible_child_name (stack, "email");
}

void
ui_choose_custom_server (Fixture    *f,
                         const char *url)
{
  GtkWidget *page = GTK_WIDGET (ui_login_page (f));
  AdwComboRow *server = ADW_COMBO_ROW (pc_ui_find_widget (page, ADW_TYPE_COMBO_ROW, "Server"));

  adw_combo_row_set_selected (server, 2);
  gtk_editable_set_text (ui_row (f, "Server Address"), url);
}

gboolean
ui_info_bar_revealed (Fixture    *f,
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

void
ui_sign_in_by_email (Fixture *f)
{
  ui_choose_custom_server (f, pc_mock_server_get_base_url (f->mock));
  ui_choose_email (f);
  gtk_editable_set_text (ui_row (f, "Email"), PC_MOCK_DEMO_EMAIL);
  gtk_editable_set_text (ui_row (f, "Password"), PC_MOCK_DEMO_PASSWORD);
  ui_sign_in (f);
  pc_ui_wait_for_page (f, "main");
}

gboolean
ui_saw_page (Fixture    *f,
             const char *name)
{
  for (guint i = 0; i < f->pages_seen->len; i++)
    if (g_str_equal (g_ptr_array_index (f->pages_seen, i), name))
      return TRUE;
  return FALSE;
}

GListModel *
ui_shown_tokens (Fixture *f)
{
  GtkWidget *page = pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL);

  return pc_tokens_page_get_model (PC_TOKENS_PAGE (page));
}

gboolean
ui_tokens_loaded (Fixture       *f,
                  gconstpointer  count)
{
  gboolean loading;

  g_object_get (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL), "loading", &loading, NULL);
  return !loading && g_list_model_get_n_items (ui_shown_tokens (f)) == GPOINTER_TO_UINT (count);
}

gboolean
ui_dialog_open (Fixture       *f,
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
