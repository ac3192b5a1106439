/* test-a11y.c: accessible names and roles, and four jobs done with the
 * keyboard alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb against the mock cloud. The keyboard is what GTK does with
 * it: Tab moves the focus (gtk_widget_child_focus), Enter and Space
 * activate the focused widget (gtk_widget_activate), and a shortcut runs
 * the action its window's shortcut controllers bind to the keys.
 */
#include <adwaita.h>

#include "pc-invitation-row.h"
#include "pc-new-token-dialog.h"
#include "pc-test-ui.h"
#include "test-ui-common.h"

typedef PcUiFixture Fixture;

/* Every control named */

static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_TEXT (widget) || GTK_IS_DROP_DOWN (widget);
}

/* Within a row or a menu button the row's or the button's name is the
 * control's: what a screen reader says is the row with its switch. */
static gboolean
named_by_parent (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return parent != NULL && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent) ||
                            ADW_IS_ENTRY_ROW (gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW)) ||
                            GTK_IS_SEARCH_ENTRY (parent) || GTK_IS_WINDOW_CONTROLS (parent) ||
                            GTK_IS_WINDOW_CONTROLS (gtk_widget_get_parent (parent)));
}

static void
find_unnamed (GtkWidget *root,
              GString   *unnamed,
              guint     *checked)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (is_control (root) && !named_by_parent (root))
    {
      gboolean icon_only = GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL &&
                           gtk_button_get_icon_name (GTK_BUTTON (root)) != NULL;

      (*checked)++;
      if (!has_name (root) && !(GTK_IS_SWITCH (root) && gtk_widget_get_ancestor (root, ADW_TYPE_ACTION_ROW)))
        g_string_append_printf (unnamed, "%s without a name; ", G_OBJECT_TYPE_NAME (root));
      if (icon_only && gtk_widget_get_tooltip_text (root) == NULL)
        g_string_append_printf (unnamed, "%s (%s) without a tooltip; ", G_OBJECT_TYPE_NAME (root),
                                gtk_button_get_icon_name (GTK_BUTTON (root)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    find_unnamed (child, unnamed, checked);
}

static void
assert_all_named (GtkWidget  *root,
                  const char *where)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint checked = 0;

  find_unnamed (root, unnamed, &checked);
  g_test_message ("%s: %u controls checked", where, checked);
  g_assert_cmpuint (checked, >, 0);
  if (unnamed->len > 0)
    g_error ("%s: %s", where, unnamed->str);
}

static gboolean
invitations_loaded (Fixture       *f,
                    gconstpointer  data)
{
  return pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_INVITATION_ROW, NULL) != NULL;
}

static gboolean
profile_loaded (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *row = pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_PREFERENCES_ROW, "User ID");
  return row != NULL && gtk_widget_get_mapped (row);
}

static void
test_names_and_roles (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *accept;

  assert_all_named (GTK_WIDGET (f->window), "the login page");
  /* Its other forms, built when chosen. */
  ui_choose_email (f);
  assert_all_named (GTK_WIDGET (f->window), "the email form");
  gtk_stack_set_visible_child_name (GTK_STACK (pc_ui_find_widget (GTK_WIDGET (ui_login_page (f)), GTK_TYPE_STACK,
                                                                  NULL)), "create");
  assert_all_named (GTK_WIDGET (f->window), "the new-account form");

  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_close_window (f);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  window = GTK_WIDGET (f->window);
  assert_all_named (window, "the Tokens page");
  gtk_test_accessible_assert_role (pc_ui_find_widget (window, GTK_TYPE_LIST_VIEW, NULL),
                                   GTK_ACCESSIBLE_ROLE_LIST);
  gtk_test_accessible_assert_property (pc_ui_find_widget (window, GTK_TYPE_MENU_BUTTON, NULL),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  /* Banners are what their text says, and status pages their title. */
  for (GtkWidget *bar = pc_ui_find_widget (window, GTK_TYPE_INFO_BAR, NULL); bar != NULL;
       bar = gtk_widget_get_next_sibling (bar))
    if (GTK_IS_INFO_BAR (bar))
      g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  {
    GtkWidget *status = pc_ui_find_widget (window, ADW_TYPE_STATUS_PAGE, NULL);

    g_assert_nonnull (status);
    gtk_test_accessible_assert_property (status, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         adw_status_page_get_title (ADW_STATUS_PAGE (status)));
  }

  pc_window_show_view (f->window, "invitations");
  pc_ui_wait_for (f, invitations_loaded, NULL, "the invitations");
  assert_all_named (window, "the Invitations page");
  accept = pc_ui_find_button (window, "_Accept");
  gtk_test_accessible_assert_role (accept, GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_role (gtk_widget_get_ancestor (accept, GTK_TYPE_LIST_BOX), GTK_ACCESSIBLE_ROLE_LIST);
  gtk_test_accessible_assert_property (gtk_widget_get_ancestor (accept, GTK_TYPE_LIST_BOX),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Workspace invitations");

  pc_window_show_view (f->window, "profile");
  pc_ui_wait_for (f, profile_loaded, NULL, "the profile");
  assert_all_named (window, "the Profile page");
  gtk_test_accessible_assert_role (pc_ui_find_widget (window, GTK_TYPE_SWITCH, NULL), GTK_ACCESSIBLE_ROLE_SWITCH);
}

/* The keyboard */

typedef gboolean (*FocusWanted) (GtkWidget *widget, gconstpointer data);

/* Presses Tab until the focus is where @wanted says, at most 60 times. */
static GtkWidget *
tab_to (GtkWindow     *window,
        FocusWanted    wanted,
        gconstpointer  data)
{
  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focused = gtk_root_get_focus (GTK_ROOT (window));

      if (focused != NULL && wanted (focused, data))
        return focused;
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD); /* wrapped around */
    }
  g_error ("Tab never reached the control");
  return NULL;
}

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_text_in_row (GtkWidget     *widget,
                gconstpointer  title)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  return GTK_IS_TEXT (widget) && row != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0;
}

/* Presses the keys @accelerator in @widget: runs what its shortcut
 * controllers bind to them, as a key press does. */
static void
press_in (GtkWidget  *widget,
          const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("No shortcut for %s in %s", accelerator, G_OBJECT_TYPE_NAME (widget));
}

#define press(widget, accelerator) press_in (GTK_WIDGET (widget), accelerator)

/* Types into the focused text, then presses Enter. */
static void
type_and_enter (GtkWidget  *text,
                const char *what)
{
  gtk_editable_set_text (GTK_EDITABLE (text), what);
  press (text, "Return");
}

static gboolean
accepted (Fixture       *f,
          gconstpointer  path)
{
  return pc_mock_server_count_requests (f->mock, "POST", path) == 1;
}

static gboolean
dialog_has_secret (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog = pc_ui_find_toplevel (PC_TYPE_NEW_TOKEN_DIALOG);
  return dialog != NULL && pc_ui_find_button (GTK_WIDGET (dialog), "_Copy") != NULL;
}

static gboolean
clipboard_read (Fixture       *f,
                gconstpointer  data)
{
  return *(char **) data != NULL;
}

static void
text_read (GObject      *clipboard,
           GAsyncResult *result,
           gpointer      data)
{
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  *(char **) data = text ? text : g_strdup ("");
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_set (Fixture       *f,
          gconstpointer  flag)
{
  return *(const gboolean *) flag;
}

static gboolean
name_is (Fixture       *f,
         gconstpointer  name)
{
  return g_strcmp0 (pc_session_get_display_name (f->session), name) == 0;
}

static void
test_keyboard_jobs (Fixture       *f,
                    gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  GtkWindow *dialog;
  GdkClipboard *clipboard;
  GtkWidget *focus;
  GtkWidget *status;
  gboolean clipboard_changed = FALSE;
  g_autofree char *copied = NULL;

  /* Sign in: to the token field, type it, Enter. */
  type_and_enter (tab_to (window, is_text_in_row, "API Token"), PC_MOCK_DEMO_TOKEN);
  pc_ui_wait_for_page (f, "main");

  /* Create a token and copy it: Ctrl+N, a name, Enter, then Tab to Copy
   * and Enter. */
  press (window, "<Control>n");
  dialog = pc_ui_find_toplevel (PC_TYPE_NEW_TOKEN_DIALOG);
  g_assert_nonnull (dialog);
  /* It opens where the person types: in the name. */
  focus = gtk_window_get_focus (dialog);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, pc_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name")));
  type_and_enter (tab_to (dialog, is_text_in_row, "Name"), "keyboard token");
  pc_ui_wait_for (f, dialog_has_secret, NULL, "the new token");
  /* After Create, on Copy. */
  focus = gtk_window_get_focus (dialog);
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "_Copy");
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
  g_signal_connect_swapped (clipboard, "changed", G_CALLBACK (set_flag), &clipboard_changed);
  gtk_widget_activate (tab_to (dialog, is_button, "_Copy"));
  pc_ui_wait_for (f, flag_set, &clipboard_changed, "the copy");
  g_signal_handlers_disconnect_by_func (clipboard, set_flag, &clipboard_changed);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL, text_read, &copied);
  pc_ui_wait_for (f, clipboard_read, &copied, "the clipboard");
  /* Said to assistive technology: the status label's name is the toast's,
   * with when the clipboard will be cleared. */
  status = g_object_get_data (G_OBJECT (pc_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_TOAST_OVERLAY, NULL)),
                              "pc-a11y-status");
  g_assert_nonnull (status);
  gtk_test_accessible_assert_role (status, GTK_ACCESSIBLE_ROLE_STATUS);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), "Token copied."));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "clipboard will be cleared"));
  gtk_test_accessible_assert_property (status, GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (GTK_LABEL (status)));
  /* What was copied is the new token: the server knows it. */
  g_assert_true (pc_mock_state_revoke_token (pc_mock_server_get_state (f->mock), copied));
  gtk_window_destroy (dialog);

  /* Accept an invitation: Ctrl+2, Tab to the first Accept, Enter. */
  press (window, "<Control>2");
  g_assert_cmpstr (pc_window_get_view_name (f->window), ==, "invitations");
  pc_ui_wait_for (f, invitations_loaded, NULL, "the invitations");
  gtk_widget_activate (tab_to (window, is_button, "_Accept"));
  pc_ui_wait_for (f, accepted, "/auth/profile/invites/invite-driving-viewer-7f3a9c/accept", "the acceptance");

  /* Change the name: Ctrl+3, Tab to the name, type, Enter. */
  press (window, "<Control>3");
  g_assert_cmpstr (pc_window_get_view_name (f->window), ==, "profile");
  pc_ui_wait_for (f, profile_loaded, NULL, "the profile");
  type_and_enter (tab_to (window, is_text_in_row, "Name"), "Ada by Keyboard");
  pc_ui_wait_for (f, name_is, "Ada by Keyboard", "the new name");

  /* And back: Ctrl+1. */
  press (window, "<Control>1");
  g_assert_cmpstr (pc_window_get_view_name (f->window), ==, "tokens");
}

/* The shortcuts window lists every shortcut the window has. */
static void
collect_accelerators (GtkWidget *root,
                      GPtrArray *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (root, "accelerator", &accelerator, "action-name", &action, NULL);
      g_ptr_array_add (listed, g_strdup (accelerator && *accelerator ? accelerator : action));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_accelerators (child, listed);
}

static gboolean
listed_in (GPtrArray  *listed,
           const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  for (guint i = 0; i < listed->len; i++)
    {
      g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (g_ptr_array_index (listed, i));
      if (trigger != NULL && wanted != NULL && gtk_shortcut_trigger_equal (trigger, wanted))
        return TRUE;
      if (g_strcmp0 (g_ptr_array_index (listed, i), accelerator) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_shortcuts_listed (Fixture       *f,
                       gconstpointer  data)
{
  const char *expected[] = { "<Control>n", "<Control>r", "<Control>f", "<Control>1", "<Control>2", "<Control>3",
                             "<Control>comma", "<Control><Shift>l", "<Control>o", "app.quit",
                             "win.show-help-overlay" };
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GtkWindow *shortcuts;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  shortcuts = pc_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  collect_accelerators (GTK_WIDGET (shortcuts), listed);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!listed_in (listed, expected[i]))
      g_error ("The shortcuts window does not list %s", expected[i]);

  /* Nor does the window bind a key the list leaves out. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          /* The app's own (win.*), not GTK's focus keys. */
          if (!GTK_IS_NAMED_ACTION (action) ||
              !g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win."))
            continue;
          if (!g_str_equal (trigger, "<Control>question") && !listed_in (listed, trigger))
            g_error ("The window binds %s, which the shortcuts window does not list", trigger);
        }
    }
  gtk_window_destroy (shortcuts);

  /* The style follows the system's light or dark choice. */
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  /* The test accessibility backend keeps what controls say about
   * themselves (the other suites run with none). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  pc_ui_init (&argc, &argv, PC_UI_INIT_ISOLATE_DIRS | PC_UI_INIT_TOLERATE_FOCUS_OUT);

  pc_ui_add_at_login ("/a11y/names-and-roles", test_names_and_roles);
  pc_ui_add_at_login ("/a11y/keyboard-jobs", test_keyboard_jobs);
  pc_ui_add_at_login ("/a11y/shortcuts-listed", test_shortcuts_listed);
  return g_test_run ();
}
