/* test-invitations-app.c: invitations reaching the application: opened by
 * their token or a pupil-cloud:// link, notifications, the background
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
  inv_click (pc_ui_find_button (GTK_WIDGET (dialog ()), "_Look Up"));
}

static void
test_open_by_token (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *entry;

  inv_sign_in (f);
  inv_click (pc_ui_find_button (GTK_WIDGET (f->window), "_Open an Invitation…"));
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
  inv_click (pc_ui_find_button (GTK_WIDGET (dialog ()), "_Accept"));
  pc_ui_wait_for (f, dialog_gone, NULL, "the dialog to close");
  inv_wait_for_toast_about (f, "You joined %s as Admin", READING);
  pc_ui_wait_for (f, inv_row_gone, READING, "the row to leave");
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
  inv_click (pc_ui_find_button (GTK_WIDGET (dialog ()), "_Decline"));
  pc_ui_wait_for (f, dialog_gone, NULL, "the dialog to close");
  inv_wait_for_toast_about (f, "Declined the invitation to %s", DRIVING);
  inv_wait_for_requests (f, "DELETE", "/auth/profile/invites/" DRIVING_TOKEN, 1);
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
  pc_ui_wait_for (f, inv_has_rows, GUINT_TO_POINTER (n_demo), "the invitations");
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
  g_assert_cmpuint (inv_badge (f), ==, n_waiting + 1);

  /* Accept, from the notification: answered, the notification withdrawn,
   * and the result told in another. */
  activate_remotely (&shell, "accept-invitation", target);
  answer = wait_for_notification (f, &shell, "answer-generated-invitation-00001");
  g_free (title);
  title = lookup_string (answer, "title");
  g_assert_cmpstr (title, ==, seed_only ? "You joined Workspace generate as Viewer"
                                        : "You joined Generated workspace 1 as Viewer");
  pc_ui_wait_for (f, withdrawn, &gone, "the notification to be withdrawn");
  g_assert_cmpuint (inv_badge (f), ==, n_waiting);

  /* Checks go on; the same invitation is never announced twice. */
  checks = pc_mock_server_count_requests (f->mock, "GET", "/auth/profile/invites");
  inv_wait_for_requests (f, "GET", "/auth/profile/invites", checks + 2);
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
  inv_wait_for_requests (f, "GET", "/auth/profile/invites", 2);
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
  pc_ui_init (&argc, &argv, PC_UI_INIT_ISOLATE_DIRS);
  inv_init_world ();

  pc_ui_add ("/invitations/open/token", test_open_by_token);
  pc_ui_add ("/invitations/open/before-sign-in", test_open_link_before_sign_in);
  pc_ui_add ("/invitations/background", test_background);
  pc_ui_add ("/invitations/application", test_application);
  return g_test_run ();
}
