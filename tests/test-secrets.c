/* test-secrets.c: no secret ever leaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line and the app go through signing in (with a password and
 * with a token), creating a token, using it and signing out, with every
 * debug output on (PUPIL_CLOUD_DEBUG=1, G_MESSAGES_DEBUG=all). Then every
 * secret the mock cloud handed out, and the password, is searched for in
 * standard output (but for the one line "tokens create" prints), standard
 * error, and every file under this test's own HOME and XDG folders.
 */
#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pc-login-page.h"
#include "pc-new-token-dialog.h"
#include "pc-test-ui.h"

typedef PcUiFixture Fixture;

/* Everything written where a secret must not be */
typedef struct
{
  GString *text;       /* outputs, to search */
  GPtrArray *allowed;  /* what may appear once on standard output: a new token */
} Written;

static Written written;

static void
add_written (const char *what,
             const char *text)
{
  g_string_append_printf (written.text, "\n--- %s ---\n%s", what, text ? text : "");
}

/* Running the command line while this main loop serves the mock */

typedef struct
{
  gboolean done;
  char *out;
  char *err;
  int status;
} Run;

static void
communicated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

static gboolean
run_done (Fixture       *f,
          gconstpointer  run)
{
  return ((const Run *) run)->done;
}

static void
cli (Fixture    *f,
     Run        *run,
     const char *input,
     const char *token,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_subprocess_launcher_setenv (launcher, "PUPIL_CLOUD_SERVER", pc_ui_server (f), TRUE);
  g_subprocess_launcher_setenv (launcher, "PUPIL_CLOUD_IDP_URL", pc_mock_server_get_idp_url (f->mock), TRUE);
  g_subprocess_launcher_setenv (launcher, "PUPIL_CLOUD_IDP_KEY", PC_MOCK_IDP_KEY, TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "PUPIL_CLOUD_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "PUPIL_CLOUD_TOKEN");
  g_ptr_array_add (argv, (char *) g_getenv ("PUPIL_CLOUD_CLI"));
  va_start (args, token);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, input ? input : "", NULL, communicated, run);
  pc_ui_wait_for (f, run_done, run, (const char *) argv->pdata[1]);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
walk_command_line (Fixture *f)
{
  Run run;
  g_autofree char *created = NULL;

  /* Email and password, the session kept in the keyring. */
  cli (f, &run, PC_MOCK_DEMO_PASSWORD "\n", NULL, "login", "--email", PC_MOCK_DEMO_EMAIL, NULL);
  g_assert_cmpint (run.status, ==, 0);
  add_written ("login --email: out", run.out);
  add_written ("login --email: err", run.err);
  run_clear (&run);

  cli (f, &run, NULL, NULL, "tokens", "create", "leak check", NULL);
  if (run.status != 0)
    g_error ("tokens create: %s", run.err);
  /* The one intended line: the new secret, alone on standard output. */
  created = g_strstrip (g_strdup (run.out));
  g_ptr_array_add (written.allowed, g_strdup (created));
  add_written ("tokens create: err", run.err);
  run_clear (&run);

  cli (f, &run, NULL, NULL, "--json", "tokens", "list", NULL);
  add_written ("tokens list: out", run.out);
  add_written ("tokens list: err", run.err);
  run_clear (&run);

  cli (f, &run, NULL, NULL, "logout", NULL);
  g_assert_cmpint (run.status, ==, 0);
  add_written ("logout: out", run.out);
  add_written ("logout: err", run.err);
  run_clear (&run);

  /* The new token, on standard input, then in the environment. */
  {
    g_autofree char *input = g_strconcat (created, "\n", NULL);
    cli (f, &run, input, NULL, "login", "--with-token", NULL);
  }
  if (run.status != 0)
    g_error ("login --with-token: %d [%s] [%s]", run.status, run.out, run.err);
  add_written ("login --with-token: out", run.out);
  add_written ("login --with-token: err", run.err);
  run_clear (&run);

  cli (f, &run, NULL, created, "status", NULL);
  add_written ("status: out", run.out);
  add_written ("status: err", run.err);
  run_clear (&run);

  cli (f, &run, NULL, NULL, "feedback-token", NULL);
  /* The feedback token is for standard output: that is what it is for. */
  g_ptr_array_add (written.allowed, g_strstrip (g_strdup (run.out)));
  add_written ("feedback-token: err", run.err);
  run_clear (&run);

  cli (f, &run, NULL, NULL, "logout", NULL);
  add_written ("logout again: out", run.out);
  add_written ("logout again: err", run.err);
  run_clear (&run);
}

/* The app, in this process, its standard error caught in a file */

static gboolean
secret_shown (Fixture       *f,
              gconstpointer  data)
{
  GtkWindow *dialog = pc_ui_find_toplevel (PC_TYPE_NEW_TOKEN_DIALOG);
  GtkWidget *hint = dialog ? pc_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "text:Copy it now") : NULL;

  return hint != NULL && gtk_widget_get_mapped (hint);
}

static void
walk_app (Fixture *f)
{
  GtkWidget *login;
  GtkWindow *dialog;

  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "login");
  login = pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_LOGIN_PAGE, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (pc_ui_find_widget (login, GTK_TYPE_STACK, NULL)), "email");
  gtk_editable_set_text (GTK_EDITABLE (pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_ENTRY_ROW, "Email")),
                         PC_MOCK_DEMO_EMAIL);
  gtk_editable_set_text (GTK_EDITABLE (pc_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_PREFERENCES_ROW,
                                                          "Password")), PC_MOCK_DEMO_PASSWORD);
  g_assert_true (gtk_widget_activate_action (login, "login.sign-in", NULL));
  pc_ui_wait_for_page (f, "main");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-token", NULL));
  dialog = pc_ui_find_toplevel (PC_TYPE_NEW_TOKEN_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (pc_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name")),
                         "app leak check");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.create", NULL));
  pc_ui_wait_for (f, secret_shown, NULL, "the new token");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-token.copy", "s", "plain"));
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for_page (f, "login");
  pc_ui_close_window (f);
}

/* Searching */

static void
read_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          g_string_append_printf (written.text, "\n--- file %s ---\n", path);
          g_string_append_len (written.text, contents, length);
          g_test_message ("Searched %s (%" G_GSIZE_FORMAT " bytes)", path, length);
        }
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      read_tree (child);
    }
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_no_leaks (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *stderr_path = g_build_filename (g_get_user_runtime_dir (), "app-stderr", NULL);
  g_autofree char *app_stderr = NULL;
  GPtrArray *secrets;
  int saved_stderr;
  int capture;
  guint searched = 0;

  written.text = g_string_new (NULL);
  written.allowed = g_ptr_array_new_with_free_func (g_free);

  walk_command_line (f);
  g_assert_nonnull (strstr (written.text->str, "api-key: [REDACTED]"));
  g_assert_nonnull (strstr (written.text->str, "Cookie: [REDACTED]"));

  /* The app's standard error, in a file of its own while it runs. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_runtime_dir (), 0700), ==, 0);
  capture = open (stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (capture, >=, 0);
  fflush (stderr);
  saved_stderr = dup (STDERR_FILENO);
  dup2 (capture, STDERR_FILENO);
  walk_app (f);
  fflush (stderr);
  dup2 (saved_stderr, STDERR_FILENO);
  close (saved_stderr);
  close (capture);
  app_stderr = read_file (stderr_path);
  /* The debug trace was on, and it is where credentials would have shown. */
  g_assert_nonnull (strstr (app_stderr, "[REDACTED]"));
  add_written ("the app's standard error", app_stderr);
  g_unlink (stderr_path);

  /* Every file written under this test's HOME and XDG folders. */
  read_tree (g_get_home_dir ());
  read_tree (g_get_user_data_dir ());
  read_tree (g_get_user_config_dir ());
  read_tree (g_get_user_cache_dir ());
  read_tree (g_get_user_state_dir ());
  read_tree (g_get_user_runtime_dir ());

  /* The secrets: the password, and all the mock cloud handed out. */
  secrets = pc_mock_state_get_issued_secrets (pc_mock_server_get_state (f->mock));
  g_assert_cmpuint (secrets->len, >=, 6);
  for (guint i = 0; i <= secrets->len; i++)
    {
      const char *secret = i < secrets->len ? g_ptr_array_index (secrets, i) : PC_MOCK_DEMO_PASSWORD;
      const char *found = strstr (written.text->str, secret);

      searched++;
      if (found != NULL)
        {
          gssize at = found - written.text->str;
          g_autofree char *context = g_strndup (written.text->str + MAX (0, at - 200), 260);
          g_error ("A secret (%.6s…) was written: …%s…", secret, context);
        }
    }
  g_test_message ("%u secrets searched for in %" G_GSIZE_FORMAT " bytes of output and files", searched,
                  written.text->len);
  /* The new token did reach its one line: the search looked at the right things. */
  g_assert_cmpuint (written.allowed->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (secrets, g_ptr_array_index (written.allowed, 0), g_str_equal,
                                                   NULL));

  g_string_free (written.text, TRUE);
  g_ptr_array_unref (written.allowed);
}

int
main (int   argc,
      char *argv[])
{
  /* Everything that can say more, saying it. */
  g_setenv ("PUPIL_CLOUD_DEBUG", "1", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  /* Debug messages to standard error, with the rest of what the app says:
   * there they are searched with it, and standard output stays TAP alone
   * (meson's "Unknown TAP output" would hide a malformed line). */
  g_log_writer_default_set_use_stderr (TRUE);
  pc_ui_init (&argc, &argv, PC_UI_INIT_ISOLATE_DIRS | PC_UI_INIT_TOLERATE_FOCUS_OUT);

  pc_ui_add ("/secrets/no-leaks", test_no_leaks);
  return g_test_run ();
}
