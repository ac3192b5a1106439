/* pc-test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memfd_create() */

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "pc-test-cli.h"

void
pc_cli_run_clear (PcCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}


/* The mock must not outlive a test that failed half-way: it holds the
 * test's standard error open, and meson would wait on it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_mock (PcCliFixture       *f,
            const char * const *extra)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("PUPIL_CLOUD_MOCK"));
  g_ptr_array_add (argv, (char *) "--port=0");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->mock = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* The first line is the base URL; reading it waits for the server. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->mock));
  f->base_url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (f->base_url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (f->base_url, "/v2"));
  f->idp_url = g_strdup_printf ("%.*s/idp", (int) strlen (f->base_url) - 3, f->base_url);
  /* The second line names the identity provider. */
  second = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_nonnull (strstr (second, f->idp_url));
}

void
pc_cli_setup (PcCliFixture  *f,
              gconstpointer  extra_mock_args)
{
  start_mock (f, extra_mock_args);
}

void
pc_cli_teardown (PcCliFixture  *f,
                 gconstpointer  data)
{
  g_subprocess_send_signal (f->mock, SIGTERM);
  g_subprocess_wait (f->mock, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (f->mock));
  g_clear_object (&f->mock);
  g_clear_pointer (&f->base_url, g_free);
  g_clear_pointer (&f->idp_url, g_free);
}

gboolean pc_cli_without_wrapper;

/* Standard input as a file in memory, read from its start: a pipe would
 * kill this process (SIGPIPE) whenever pupil-cloud exits before reading
 * all of it, as it rightly does when it refuses a command first. */
static int
input_fd (const char *input)
{
  int fd = memfd_create ("pupil-cloud-input", MFD_CLOEXEC);
  gsize length = input != NULL ? strlen (input) : 0;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, input != NULL ? input : "", length), ==, (gssize) length);
  g_assert_cmpint (lseek (fd, 0, SEEK_SET), ==, 0);
  return fd;
}

/* @program with the arguments in @args, in the environment a command-line
 * test wants: this mock's address, none of the person's own settings.
 * Under the valgrind test setup pupil-cloud itself runs under valgrind too
 * (@wrap), but for the fault matrix's many runs (some 3 s each under
 * valgrind; the AddressSanitizer build checks those, leaks included). */
static void
run_valist (PcCliFixture       *f,
            PcCliRun           *run,
            const char         *input,
            const char * const *env,
            gboolean            wrap,
            const char         *program,
            va_list             args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;

  g_subprocess_launcher_setenv (launcher, "PUPIL_CLOUD_SERVER", f->base_url, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "PUPIL_CLOUD_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "PUPIL_CLOUD_WORKSPACE");
  g_subprocess_launcher_unsetenv (launcher, "PUPIL_CLOUD_IDP_URL");
  g_subprocess_launcher_unsetenv (launcher, "PUPIL_CLOUD_IDP_KEY");
  g_subprocess_launcher_unsetenv (launcher, "PUPIL_CLOUD_DEBUG");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  wrap = wrap && g_getenv ("PUPIL_CLOUD_CLI_WRAPPER") != NULL && !pc_cli_without_wrapper;
  if (wrap)
    g_ptr_array_add (argv, (char *) g_getenv ("PUPIL_CLOUD_CLI_WRAPPER"));
  g_ptr_array_add (argv, (char *) program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_take_stdin_fd (launcher, input_fd (input));
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("%s %s → %d\nstdout: %s\nstderr: %s", program, (char *) argv->pdata[wrap ? 2 : 1],
                  run->status, run->out, run->err);
}

/**
 * pc_cli_run:
 * @input: (nullable): standard input
 * @env: (nullable): NAME=VALUE pairs to add for this run
 * @...: pupil-cloud's arguments, %NULL-terminated
 */
void
pc_cli_run (PcCliFixture       *f,
            PcCliRun           *run,
            const char         *input,
            const char * const *env,
            ...)
{
  va_list args;

  va_start (args, env);
  run_valist (f, run, input, env, TRUE, g_getenv ("PUPIL_CLOUD_CLI"), args);
  va_end (args);
}

/* Another program (a shell, script(1)) in the same environment. */
void
pc_cli_run_program (PcCliFixture       *f,
                    PcCliRun           *run,
                    const char * const *env,
                    const char         *program,
                    ...)
{
  va_list args;

  va_start (args, program);
  run_valist (f, run, NULL, env, FALSE, program, args);
  va_end (args);
}

JsonNode *
pc_cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/* Errors are one line. */
void
pc_cli_assert_one_line_error (PcCliRun *run)
{
  g_assert_true (g_str_has_prefix (run->err, "pupil-cloud: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

void
pc_cli_sign_in_by_email (PcCliFixture *f)
{
  g_autofree char *idp_env = g_strconcat ("PUPIL_CLOUD_IDP_URL=", f->idp_url, NULL);
  const char *env[] = { idp_env, "PUPIL_CLOUD_IDP_KEY=" IDP_KEY, NULL };
  g_auto(PcCliRun) login = { 0, };
  g_auto(PcCliRun) status = { 0, };

  pc_cli_run (f, &login, DEMO_PASSWORD "\n", env, "login", "--email", DEMO_EMAIL, NULL);
  g_assert_cmpint (login.status, ==, 0);
  pc_cli_run (f, &status, NULL, NULL, "status", NULL);
  g_assert_cmpint (status.status, ==, 0);
  g_assert_nonnull (strstr (status.out, "email and password"));
}
