/* test-wayland.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clipboard promise on GNOME's Wayland: the app on mutter headless
 * (build-aux/wayland-session.sh), a second Wayland client (this program
 * again, with --hold-focus) to take the keyboard focus away, and
 * wl-clipboard to read the clipboard from outside, as a clipboard manager
 * would. mutter takes a new selection only from the focused client and
 * keeps a copy of the text when the owner changes.
 */
#include <adwaita.h>
#include <gdk/wayland/gdkwayland.h>
#include <signal.h>
#include <string.h>

#include "pc-clipboard.h"
#include "pc-new-token-dialog.h"
#include "pc-test-ui.h"

typedef PcUiFixture Fixture;

/* The keyboard mutter's headless seat lacks until a remote desktop
 * session sends a key; it stays open for the whole run. */
static void
start_keyboard (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;
  const char *path;

  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.gnome.Mutter.RemoteDesktop", "/org/gnome/Mutter/RemoteDesktop",
                                       "org.gnome.Mutter.RemoteDesktop", "CreateSession", NULL,
                                       G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&o)", &path);
  g_dbus_connection_call_sync (bus, "org.gnome.Mutter.RemoteDesktop", path, "org.gnome.Mutter.RemoteDesktop.Session",
                               "Start", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  for (int pressed = 1; pressed >= 0; pressed--)
    {
      /* 42: the left Shift key, which types nothing. */
      g_dbus_connection_call_sync (bus, "org.gnome.Mutter.RemoteDesktop", path,
                                   "org.gnome.Mutter.RemoteDesktop.Session", "NotifyKeyboardKeycode",
                                   g_variant_new ("(ub)", 42, pressed), NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL,
                                   &error);
      g_assert_no_error (error);
    }
}

/* A notification server of our own on the test's bus: what the app says
 * to the person, as org.freedesktop.Notifications receives it. */
static GDBusConnection *notifications_bus;
static GPtrArray *notified;

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "<signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "</interface></node>";

static void
notifications_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               data)
{
  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;
      g_autofree const char **actions = NULL;
      g_autofree char *joined = NULL;

      g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, &summary, &body, &actions, NULL, NULL);
      joined = g_strjoinv ("|", (char **) actions);
      g_ptr_array_add (notified, g_strdup_printf ("%s\n%s\n%s", summary, body, joined));
      g_test_message ("Notify: \"%s\" \"%s\" actions [%s]", summary, body, joined);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notified->len));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "pupil", "1", "1.2"));
}

static void
start_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_call };
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  notifications_bus = g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                              NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (notifications_bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (notifications_bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  notified = g_ptr_array_new_with_free_func (g_free);
}

/* The application that sends the notifications, with the action the real
 * one has (pc-application.c): clear when a window of ours is back. */
static Fixture *current;

static void
clear_clipboard_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       data)
{
  pc_clipboard_clear_when_back (g_variant_get_string (parameter, NULL));
  pc_ui_open_window (current);
}

static GApplication *
start_application (void)
{
  static const GActionEntry actions[] = { { "clear-clipboard", clear_clipboard_activated, "s" } };
  g_autoptr(GError) error = NULL;
  GApplication *application = g_application_new ("io.github.pupil_cloud.Desktop.WaylandTest",
                                                 G_APPLICATION_NON_UNIQUE);

  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), NULL);
  g_application_register (application, NULL, &error);
  g_assert_no_error (error);
  pc_clipboard_set_notifier (application);
  return application;
}

/* Processes from outside: wl-paste and wl-copy, and the focus holder. */
typedef struct
{
  gboolean done;
  int status;
  char *out;
  char *err;
} Run;

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  Run *run = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, NULL);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

/* wl-paste ARGS, while this main loop serves the selection; what it said
 * goes to the log. Returns its output, its exit status in @status. */
static char *
wl_paste (Fixture    *f,
          const char *args,
          int        *status)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strconcat ("wl-paste ", args, NULL);
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;
  Run run = { FALSE };

  g_shell_parse_argv (command, NULL, &argv, &error);
  g_assert_no_error (error);
  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, run_done, &run);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &run.done, command);
  out = g_strdelimit (g_strdup (run.out ? run.out : ""), "\n", ' ');
  g_test_message ("%s: exit %d, out \"%s\", err \"%s\"", command, run.status, out,
                  run.err ? g_strstrip (run.err) : "");
  g_free (run.err);
  if (status != NULL)
    *status = run.status;
  return run.out ? run.out : g_strdup ("");
}

static gboolean
any_active (Fixture       *f,
            gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_is_active (window))
        return TRUE;
    }
  return FALSE;
}

static gboolean
window_active (Fixture       *f,
               gconstpointer  window)
{
  return gtk_window_is_active ((GtkWindow *) window);
}

static gboolean
none_active (Fixture       *f,
             gconstpointer  data)
{
  return !any_active (f, data);
}

static GSubprocess *holder;
static gboolean holder_ended;

/* Another Wayland client opens a window and, as mutter gives new windows
 * the focus, takes it from us. */
static void
take_focus_away (Fixture *f)
{
  const char *argv[] = { g_test_get_filename (G_TEST_BUILT, "test-wayland", NULL), "--hold-focus", NULL };

  holder_ended = FALSE;
  holder = pc_ui_spawn (NULL, argv, &holder_ended);
  pc_ui_wait_for (f, none_active, NULL, "another client to take the focus");
}

/* It goes, and mutter gives the focus back to our window. */
static void
give_focus_back (Fixture *f)
{
  g_subprocess_send_signal (holder, SIGTERM);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &holder_ended, "the focus holder to end");
  g_clear_object (&holder);
  pc_ui_wait_for (f, any_active, NULL, "the focus back");
}

static gboolean
clear_deferred (Fixture       *f,
                gconstpointer  data)
{
  return pc_clipboard_clear_deferred ();
}

/* Signed in, a token created, its secret copied as @format; returns the
 * dialog, the secret in @secret. */
static PcNewTokenDialog *
copy_new_token (Fixture     *f,
                guint        clear_after,
                const char  *format,
                char       **secret)
{
  PcNewTokenDialog *dialog;

  current = f;
  g_settings_set_int (f->settings, "clipboard-clear-seconds", clear_after);
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-token", NULL));
  pc_ui_wait_for (f, pc_ui_toplevel_shown, GSIZE_TO_POINTER (PC_TYPE_NEW_TOKEN_DIALOG), "the new-token dialog");
  dialog = PC_NEW_TOKEN_DIALOG (pc_ui_find_toplevel (PC_TYPE_NEW_TOKEN_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (pc_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name")),
                         "on wayland");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL));
  pc_ui_wait_for (f, pc_ui_new_secret_shown, dialog, "the new secret");
  *secret = g_strdup (pc_ui_new_secret (dialog));
  /* mutter focuses a new window once it has drawn: the dialog, then. */
  pc_ui_wait_for (f, window_active, dialog, "the focus on the dialog");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.copy", "s", format));
  return dialog;
}

/* Each test leaves no window of its own for the next one to focus. */
static void
close_dialog (Fixture *f)
{
  GtkWindow *dialog = pc_ui_find_toplevel (PC_TYPE_NEW_TOKEN_DIALOG);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
}

static void
assert_cleared (Fixture *f)
{
  g_autofree char *types = NULL;
  g_autofree char *text = NULL;
  int status;

  types = wl_paste (f, "--list-types", &status);
  g_assert_cmpstr (types, ==, "");
  text = wl_paste (f, "--no-newline", &status);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (text, ==, "");
}

static void
test_cleared_while_focused (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *secret = NULL;
  g_autofree char *text = NULL;
  g_autofree char *types = NULL;
  g_autofree char *hint = NULL;
  int status;

  copy_new_token (f, 2, "plain", &secret);
  text = wl_paste (f, "--no-newline", NULL);
  g_assert_cmpstr (text, ==, secret);
  /* The hint is not offered where GTK 4.8 cannot serve it (see
   * pc-clipboard.c): listed, it gave readers 0 bytes. */
  types = wl_paste (f, "--list-types", NULL);
  g_assert_nonnull (strstr (types, "text/plain;charset=utf-8\n"));
  g_assert_null (strstr (types, "x-kde-passwordManagerHint"));
  hint = wl_paste (f, "--no-newline --type x-kde-passwordManagerHint", &status);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (hint, ==, "");

  pc_ui_wait_for (f, pc_ui_clipboard_clear_done, NULL, "the clear, confirmed");
  assert_cleared (f);
  close_dialog (f);
}

/* Recorded by a handler connected after the app's own, the first time
 * one of our windows is back: 1 if the clear still waited then. */
static int deferred_when_back = -1;

static void
window_back (GtkWindow *window)
{
  if (gtk_window_is_active (window) && deferred_when_back == -1)
    deferred_when_back = pc_clipboard_clear_deferred ();
}

static gboolean
back_seen (Fixture       *f,
           gconstpointer  data)
{
  return deferred_when_back != -1;
}

static void
test_cleared_when_focus_returns (Fixture       *f,
                                 gconstpointer  data)
{
  PcNewTokenDialog *dialog;
  g_autofree char *secret = NULL;
  g_autofree char *during = NULL;

  /* Long enough for the other client to take the focus first. */
  dialog = copy_new_token (f, 4, "env", &secret);
  take_focus_away (f);
  g_assert_true (pc_clipboard_clear_pending ());
  g_assert_false (pc_clipboard_clear_deferred ());
  deferred_when_back = -1;
  g_signal_connect (dialog, "notify::is-active", G_CALLBACK (window_back), NULL);
  g_signal_connect (f->window, "notify::is-active", G_CALLBACK (window_back), NULL);

  /* The delay ends while another client has the focus: mutter would
   * refuse the clear, so it waits, and nothing claims it was made. */
  pc_ui_wait_for (f, clear_deferred, NULL, "the delay to end");
  g_assert_true (pc_clipboard_clear_pending ());
  during = wl_paste (f, "--no-newline", NULL);
  g_assert_true (g_str_has_prefix (during, "PUPIL_CLOUD_TOKEN="));
  g_assert_nonnull (strstr (during, secret));

  /* Back: cleared first thing. */
  give_focus_back (f);
  pc_ui_wait_for (f, back_seen, NULL, "our window's focus-in");
  g_assert_cmpint (deferred_when_back, ==, 0);
  pc_ui_wait_for (f, pc_ui_clipboard_clear_done, NULL, "the clear, confirmed");
  assert_cleared (f);
  close_dialog (f);
}

static gboolean
notified_once (Fixture       *f,
               gconstpointer  data)
{
  return notified->len == 1;
}

static void
test_closed_while_unfocused (Fixture       *f,
                             gconstpointer  data)
{
  PcNewTokenDialog *dialog;
  g_autofree char *secret = NULL;
  g_autofree char *still = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (notified, 0);
  dialog = copy_new_token (f, 30, "curl", &secret);
  take_focus_away (f);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (f->window));
  g_clear_object (&f->window);

  /* Told, and it is true: the secret is still there. */
  pc_ui_wait_for (f, notified_once, NULL, "the notification");
  parts = g_strsplit (notified->pdata[0], "\n", 3);
  g_assert_cmpstr (parts[0], ==, "The token you copied is still on the clipboard");
  g_assert_nonnull (strstr (parts[2], "Clear Clipboard"));
  g_assert_true (pc_clipboard_clear_pending ());
  still = wl_paste (f, "--no-newline", NULL);
  g_assert_true (g_str_has_prefix (still, "curl -H 'api-key: "));
  g_assert_nonnull (strstr (still, secret));

  /* The person takes the notification's action: as org.freedesktop.
   * Notifications says so. A window comes back, and with it the clear. */
  g_dbus_connection_emit_signal (notifications_bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", 1, "default"), &error);
  g_assert_no_error (error);
  pc_ui_wait_for (f, pc_ui_clipboard_clear_done, NULL, "the clear, confirmed");
  assert_cleared (f);
  give_focus_back (f);
}

static gboolean
moved_on (Fixture       *f,
          gconstpointer  data)
{
  return pc_clipboard_get_fingerprint () == NULL;
}

static void
test_other_program_copied (Fixture       *f,
                           gconstpointer  data)
{
  const char *argv[] = { "wl-copy", "--foreground", "other program's text", NULL };
  g_autoptr(GSubprocess) wl_copy = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *after = NULL;
  gboolean ended = FALSE;

  /* The delay ends while we are elsewhere; then another program copies
   * (wl-copy takes the focus to do so, as mutter wants). */
  copy_new_token (f, 4, "plain", &secret);
  take_focus_away (f);
  pc_ui_wait_for (f, clear_deferred, NULL, "the delay to end");
  wl_copy = pc_ui_spawn (NULL, argv, &ended);
  pc_ui_wait_for (f, moved_on, NULL, "the other program's copy");
  g_assert_false (pc_clipboard_clear_pending ());

  /* Focus back: what the other program copied is left alone. */
  give_focus_back (f);
  after = wl_paste (f, "--no-newline", NULL);
  g_assert_cmpstr (after, ==, "other program's text");
  g_subprocess_send_signal (wl_copy, SIGTERM);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &ended, "wl-copy to end");
  close_dialog (f);
}

static void
holder_active (GtkWindow *window)
{
  g_print ("# focus holder: %s\n", gtk_window_is_active (window) ? "focused" : "not focused");
}

/* Where the focus goes, in the log: which of our windows, and when. */
static void
log_focus (GtkWindow *window)
{
  g_test_message ("focus: %s %s at %.3f s", G_OBJECT_TYPE_NAME (window),
                  gtk_window_is_active (window) ? "active" : "inactive", g_get_monotonic_time () / 1e6);
}

static void
log_focus_of_new (GListModel *toplevels,
                  guint       position,
                  guint       removed,
                  guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      g_signal_connect (window, "notify::is-active", G_CALLBACK (log_focus), NULL);
    }
}

static int
hold_focus (void)
{
  GtkWidget *window;

  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Focus holder");
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Another program"));
  g_signal_connect (window, "notify::is-active", G_CALLBACK (holder_active), NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) application = NULL;
  int status;

  if (argc > 1 && g_str_equal (argv[1], "--hold-focus"))
    return hold_focus ();

  pc_ui_init (&argc, &argv, PC_UI_INIT_TOLERATE_FOCUS_OUT);
  /* Not skipped into a pass: without mutter there is nothing to test. */
  g_assert_true (GDK_IS_WAYLAND_DISPLAY (gdk_display_get_default ()));
  start_keyboard ();
  start_notifications ();
  application = start_application ();
  g_signal_connect (gtk_window_get_toplevels (), "items-changed", G_CALLBACK (log_focus_of_new), NULL);

  pc_ui_add ("/wayland/clipboard/cleared-while-focused", test_cleared_while_focused);
  pc_ui_add ("/wayland/clipboard/cleared-when-focus-returns", test_cleared_when_focus_returns);
  pc_ui_add ("/wayland/clipboard/closed-while-unfocused", test_closed_while_unfocused);
  pc_ui_add ("/wayland/clipboard/other-program-copied", test_other_program_copied);
  status = g_test_run ();
  pc_clipboard_set_notifier (NULL);
  return status;
}
