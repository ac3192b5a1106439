/* test-cli-api.c: pupil-cloud api, print-token, completions and manuals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against a pupil-cloud-mock child, as test-cli.c: the real program, its
 * exit status, standard output and standard error; the shells load the
 * completions from the source tree; the manuals are read with man -l.
 */
#include <glib/gstdio.h>
#include <sys/prctl.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "pc-test-cli.h"

typedef PcCliFixture Fixture;

#define TOKEN_FOR_WORKSPACE ((const char * const[]) { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, "PUPIL_CLOUD_DEBUG=1", NULL })

static void
test_api_methods (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(PcCliRun) get = { 0, };
  g_auto(PcCliRun) post = { 0, };
  g_auto(PcCliRun) patch = { 0, };
  g_auto(PcCliRun) del = { 0, };
  g_auto(PcCliRun) gone = { 0, };
  g_auto(PcCliRun) absolute = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *url = g_strdup_printf ("%s/auth/profile?x=1#fragment", f->base_url);
  const char *id;

  pc_cli_run (f, &get, NULL, TOKEN_ENV, "api", "/auth/profile", NULL);
  g_assert_cmpint (get.status, ==, 0);
  root = pc_cli_parse_json (get.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (root),
                                                                                 "result"), "email"), ==, DEMO_EMAIL);
  /* As the server sent it: not indented when not on a terminal. */
  g_assert_null (strchr (get.out, '\n'));

  /* Fields and no -X: POST. */
  pc_cli_run (f, &post, NULL, TOKEN_ENV, "api", "auth/tokens", "-f", "name=api-made", NULL);
  g_assert_cmpint (post.status, ==, 0);
  created = pc_cli_parse_json (post.out);
  id = json_object_get_string_member (json_object_get_object_member (json_node_get_object (created), "result"), "id");
  g_assert_nonnull (id);

  pc_cli_run (f, &patch, NULL, TOKEN_ENV, "api", "-X", "PATCH", "auth/profile", "-f", "name=Ada Api",
              "-F", "product_updates_subscribed=true", "--jq", ".result | [.name, .product_updates_subscribed]", NULL);
  g_assert_cmpint (patch.status, ==, 0);
  g_assert_cmpstr (patch.out, ==, "[\"Ada Api\",true]\n");

  {
    g_autofree char *path = g_strdup_printf ("auth/tokens/%s", id);
    pc_cli_run (f, &del, NULL, TOKEN_ENV, "api", "-X", "DELETE", path, "--silent", NULL);
    g_assert_cmpint (del.status, ==, 0);
    g_assert_cmpstr (del.out, ==, "");
    pc_cli_run (f, &gone, NULL, TOKEN_ENV, "api", path, NULL);
    g_assert_cmpint (gone.status, ==, 1);
    pc_cli_assert_one_line_error (&gone);
    g_assert_cmpstr (gone.out, ==, "");
  }

  /* An absolute address on the server's own origin is fine. */
  pc_cli_run (f, &absolute, NULL, TOKEN_ENV, "api", url, "--jq", ".result.email", NULL);
  g_assert_cmpint (absolute.status, ==, 0);
  g_assert_cmpstr (absolute.out, ==, DEMO_EMAIL "\n");
}

static void
test_api_fields (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(PcCliRun) typed = { 0, };
  g_auto(PcCliRun) bad = { 0, };
  g_auto(PcCliRun) query = { 0, };
  g_autofree char *dir = g_dir_make_tmp ("pupil-cloud-api-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "name.txt", NULL);
  g_autofree char *at_file = g_strconcat ("name=@", file, NULL);

  g_assert_true (g_file_set_contents (file, "From a file", -1, NULL));
  /* The body as it went out, in the trace. */
  pc_cli_run (f, &typed, NULL, TOKEN_FOR_WORKSPACE, "api", "-X", "PATCH", "auth/profile", "-F", at_file,
              "-F", "product_updates_subscribed=false", "-F", "n=12", "-F", "x=1.5", "-F", "z=null", "-f", "s=true",
              "--jq", ".result.name", NULL);
  g_assert_cmpint (typed.status, ==, 0);
  g_assert_cmpstr (typed.out, ==, "From a file\n");
  g_assert_nonnull (strstr (typed.err, "\"product_updates_subscribed\":false"));
  g_assert_nonnull (strstr (typed.err, "\"n\":12"));
  g_assert_nonnull (strstr (typed.err, "\"x\":1.5"));
  g_assert_nonnull (strstr (typed.err, "\"z\":null"));
  g_assert_nonnull (strstr (typed.err, "\"s\":\"true\""));
  g_assert_nonnull (strstr (typed.err, "> PATCH "));

  pc_cli_run (f, &bad, NULL, TOKEN_ENV, "api", "auth/profile", "-f", "novalue", NULL);
  g_assert_cmpint (bad.status, ==, 2);

  /* With GET, the fields are the query. */
  pc_cli_run (f, &query, NULL, TOKEN_FOR_WORKSPACE, "api", "-X", "GET", "auth/tokens", "-f", "a=b c", NULL);
  g_assert_cmpint (query.status, ==, 0);
  g_assert_nonnull (strstr (query.err, "> GET "));
  g_assert_nonnull (strstr (query.err, "/v2/auth/tokens?[REDACTED]"));

  g_unlink (file);
  g_rmdir (dir);
}

static void
test_api_input (Fixture       *f,
                gconstpointer  data)
{
  g_auto(PcCliRun) from_file = { 0, };
  g_auto(PcCliRun) from_stdin = { 0, };
  g_auto(PcCliRun) both = { 0, };
  g_auto(PcCliRun) missing = { 0, };
  g_autofree char *dir = g_dir_make_tmp ("pupil-cloud-api-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "body.json", NULL);

  g_assert_true (g_file_set_contents (file, "{\"name\": \"Input File\"}", -1, NULL));
  pc_cli_run (f, &from_file, NULL, TOKEN_ENV, "api", "-X", "PATCH", "auth/profile", "--input", file,
              "--jq", ".result.name", NULL);
  g_assert_cmpint (from_file.status, ==, 0);
  g_assert_cmpstr (from_file.out, ==, "Input File\n");

  pc_cli_run (f, &from_stdin, "{\"name\": \"Standard Input\"}", TOKEN_ENV, "api", "-X", "PATCH", "auth/profile",
              "--input", "-", "--jq", ".result.name", NULL);
  g_assert_cmpint (from_stdin.status, ==, 0);
  g_assert_cmpstr (from_stdin.out, ==, "Standard Input\n");

  pc_cli_run (f, &both, NULL, TOKEN_ENV, "api", "auth/profile", "--input", file, "-f", "a=b", NULL);
  g_assert_cmpint (both.status, ==, 2);
  pc_cli_run (f, &missing, NULL, TOKEN_ENV, "api", "-X", "PATCH", "auth/profile", "--input", "/nonexistent/x", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  pc_cli_assert_one_line_error (&missing);

  g_unlink (file);
  g_rmdir (dir);
}

static void
test_api_headers (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(PcCliRun) added = { 0, };
  g_auto(PcCliRun) credential = { 0, };
  g_auto(PcCliRun) cookie = { 0, };
  g_auto(PcCliRun) include = { 0, };
  g_auto(PcCliRun) workspace = { 0, };
  const char *env[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, "PUPIL_CLOUD_DEBUG=1", "PUPIL_CLOUD_WORKSPACE=ws-env", NULL };

  pc_cli_run (f, &added, NULL, TOKEN_FOR_WORKSPACE, "api", "auth/profile", "-H", "X-Trace: yes", "--silent", NULL);
  g_assert_cmpint (added.status, ==, 0);
  g_assert_nonnull (strstr (added.err, "> X-Trace: yes"));
  /* The trace never shows the token. */
  g_assert_null (strstr (added.err, DEMO_TOKEN));

  pc_cli_run (f, &credential, NULL, TOKEN_ENV, "api", "auth/profile", "-H", "api-key: stolen", NULL);
  g_assert_cmpint (credential.status, ==, 2);
  pc_cli_run (f, &cookie, NULL, TOKEN_ENV, "api", "auth/profile", "-H", "Cookie: session=x", NULL);
  g_assert_cmpint (cookie.status, ==, 2);

  pc_cli_run (f, &include, NULL, TOKEN_ENV, "api", "-i", "auth/profile", NULL);
  g_assert_cmpint (include.status, ==, 0);
  g_assert_true (g_str_has_prefix (include.out, "HTTP/1.1 200 OK\n"));
  g_assert_nonnull (strstr (include.out, "Content-Type: application/json\n"));
  g_assert_nonnull (strstr (include.out, "\n\n{"));

  /* PUPIL_CLOUD_WORKSPACE applies, and --workspace over it. */
  pc_cli_run (f, &workspace, NULL, env, "--workspace", "ws-flag", "api", "auth/profile", "--silent", NULL);
  g_assert_nonnull (strstr (workspace.err, "> workspace-id: ws-flag"));
}

static void
test_api_other_origin (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) accepted = NULL;
  g_autoptr(GError) error = NULL;
  /* Another port on this computer, by address and by name; and one that
   * reads as a path below the server. */
  const guint n_hosts = 3;

  g_assert_true (g_socket_bind (listener, any_port, TRUE, NULL));
  g_assert_true (g_socket_listen (listener, NULL));
  g_socket_set_blocking (listener, FALSE);
  bound = g_socket_get_local_address (listener, NULL);

  for (guint i = 0; i < n_hosts; i++)
    {
      g_auto(PcCliRun) run = { 0, };
      guint port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      g_autofree char *url = i == 0   ? g_strdup_printf ("http://127.0.0.1:%u/v2/auth/profile", port)
                             : i == 1 ? g_strdup_printf ("http://localhost:%u/auth/profile", port)
                                      : g_strdup_printf ("//127.0.0.1:%u/auth/profile", port);

      pc_cli_run (f, &run, NULL, TOKEN_ENV, "api", url, NULL);
      /* "//host" is a path below the server, which the mock does not know. */
      g_assert_cmpint (run.status, ==, i == 2 ? 1 : 2);
      pc_cli_assert_one_line_error (&run);
    }
  /* Nothing came: not a connection. */
  accepted = g_socket_accept (listener, NULL, &error);
  g_assert_null (accepted);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

static const char * const api_error_args[] = {
  "--fault", "GET /auth/profile=status:500", "--fault", "GET /auth/tokens=status:401",
  "--fault", "GET /auth/tokens/tok-0001=html:500", "--fault", "GET /auth/tokens/tok-0002=single-quotes",
  "--fault", "GET /auth/tokens/tok-0003=chunked-cut", "--fault", "GET /auth/tokens/tok-0005=huge",
  "--fault", "GET /auth/profile/invites=html:200", "--fault", "GET /auth/canny-sso=short", NULL
};

static void
test_api_errors (Fixture       *f,
                 gconstpointer  data)
{
  static const struct {
    const char *path;
    const char *jq;
    int status;
  } cases[] = {
    { "auth/profile", NULL, 1 },
    { "auth/tokens", NULL, 4 },
    { "auth/tokens/tok-0001", NULL, 1 },
    { "auth/tokens/tok-0002", NULL, 1 },
    { "auth/tokens/tok-0003", NULL, 1 },
    { "auth/tokens/tok-0005", NULL, 1 },
    { "auth/canny-sso", NULL, 1 },
    { "auth/profile/invites", ".", 1 },
  };
  g_auto(PcCliRun) html = { 0, };
  g_auto(PcCliRun) bad_jq = { 0, };
  g_auto(PcCliRun) failing_jq = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(PcCliRun) run = { 0, };

      if (cases[i].jq != NULL)
        pc_cli_run (f, &run, NULL, TOKEN_ENV, "--timeout", "2", "api", cases[i].path, "--jq", cases[i].jq, NULL);
      else
        pc_cli_run (f, &run, NULL, TOKEN_ENV, "--timeout", "2", "api", cases[i].path, NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      pc_cli_assert_one_line_error (&run);
      g_assert_null (strchr (run.err, '<'));
      g_assert_cmpstr (run.out, ==, "");
    }

  /* A page that is not JSON, with a 2xx, is printed as it is. */
  pc_cli_run (f, &html, NULL, TOKEN_ENV, "api", "auth/profile/invites", NULL);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_true (g_str_has_prefix (html.out, "<!DOCTYPE html>"));

  pc_cli_run (f, &bad_jq, NULL, TOKEN_ENV, "api", "auth/tokens/tok-0005", "--jq", ".[", NULL);
  g_assert_cmpint (bad_jq.status, ==, 2);
  pc_cli_run (f, &failing_jq, NULL, TOKEN_ENV, "api", "auth/canny-sso", "--jq", "error(\"no\")", NULL);
  g_assert_cmpint (failing_jq.status, ==, 1);
}

static void
test_api_unauthorized (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(PcCliRun) wrong = { 0, };
  g_auto(PcCliRun) nobody = { 0, };
  const char *env[] = { "PUPIL_CLOUD_TOKEN=wrong-token", NULL };

  pc_cli_run (f, &wrong, NULL, env, "api", "auth/profile", NULL);
  g_assert_cmpint (wrong.status, ==, 4);
  pc_cli_assert_one_line_error (&wrong);
  pc_cli_run (f, &nobody, NULL, NULL, "api", "auth/profile", NULL);
  g_assert_cmpint (nobody.status, ==, 4);
}

/* Runs the command line on a terminal (script(1) gives it a pty). */
static void
run_on_terminal (Fixture            *f,
                 PcCliRun           *run,
                 const char * const *env,
                 const char         *arguments)
{
  g_autofree char *command = g_strdup_printf ("%s %s", g_getenv ("PUPIL_CLOUD_CLI"), arguments);

  pc_cli_without_wrapper = TRUE;
  pc_cli_run_program (f, run, env, "script", "-qec", command, "/dev/null", NULL);
  pc_cli_without_wrapper = FALSE;
}

static void
test_print_token (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(PcCliRun) login = { 0, };
  g_auto(PcCliRun) piped = { 0, };
  g_auto(PcCliRun) terminal = { 0, };
  g_auto(PcCliRun) forced = { 0, };
  g_auto(PcCliRun) env_token = { 0, };
  g_auto(PcCliRun) pretty = { 0, };
  g_auto(PcCliRun) pretty_list = { 0, };
  g_auto(PcCliRun) pretty_profile = { 0, };
  g_auto(PcCliRun) logout = { 0, };
  g_auto(PcCliRun) email = { 0, };
  g_auto(PcCliRun) cookie = { 0, };
  g_auto(PcCliRun) logout_again = { 0, };
  g_autofree char *idp_url = g_strdup_printf ("PUPIL_CLOUD_IDP_URL=%s", f->idp_url);
  const char *idp_env[] = { idp_url, "PUPIL_CLOUD_IDP_KEY=" IDP_KEY, NULL };

  pc_cli_run (f, &login, DEMO_TOKEN "\n", NULL, "login", "--with-token", NULL);
  g_assert_cmpint (login.status, ==, 0);

  pc_cli_run (f, &piped, NULL, NULL, "print-token", NULL);
  g_assert_cmpint (piped.status, ==, 0);
  g_assert_cmpstr (piped.out, ==, DEMO_TOKEN "\n");
  g_assert_cmpstr (piped.err, ==, "");

  run_on_terminal (f, &terminal, NULL, "print-token");
  g_assert_cmpint (terminal.status, ==, 1);
  g_assert_null (strstr (terminal.out, DEMO_TOKEN));
  g_assert_nonnull (strstr (terminal.out, "--force"));

  run_on_terminal (f, &forced, NULL, "print-token --force");
  g_assert_cmpint (forced.status, ==, 0);
  g_assert_nonnull (strstr (forced.out, DEMO_TOKEN));

  /* On a terminal, api indents. */
  run_on_terminal (f, &pretty, NULL, "api auth/profile");
  g_assert_cmpint (pretty.status, ==, 0);
  g_assert_nonnull (strstr (pretty.out, "{\r\n  \"code\" : 200"));
  /* So does --json, as json-glib indents, also where it is written
   * without json-glib (tokens list). */
  run_on_terminal (f, &pretty_list, NULL, "--json tokens list");
  g_assert_cmpint (pretty_list.status, ==, 0);
  g_assert_true (g_str_has_prefix (pretty_list.out, "[\r\n  {\r\n    \"id\" : \"tok-"));
  g_assert_nonnull (strstr (pretty_list.out, "\",\r\n    \"local_name\" : null,\r\n    \"title\" : \""));
  g_assert_true (g_str_has_suffix (pretty_list.out, "\"\r\n  }\r\n]\r\n"));
  run_on_terminal (f, &pretty_profile, NULL, "--json profile show");
  g_assert_true (g_str_has_prefix (pretty_profile.out, "{\r\n  \"id\" : "));

  pc_cli_run (f, &env_token, NULL, (const char * const[]) { "PUPIL_CLOUD_TOKEN=other-token", NULL },
              "print-token", NULL);
  g_assert_cmpstr (env_token.out, ==, "other-token\n");

  pc_cli_run (f, &logout, NULL, NULL, "logout", NULL);
  g_assert_cmpint (logout.status, ==, 0);

  pc_cli_run (f, &email, DEMO_PASSWORD "\n", idp_env, "login", "--email", DEMO_EMAIL, NULL);
  g_assert_cmpint (email.status, ==, 0);
  pc_cli_run (f, &cookie, NULL, NULL, "print-token", NULL);
  g_assert_cmpint (cookie.status, ==, 1);
  pc_cli_assert_one_line_error (&cookie);
  g_assert_nonnull (strstr (cookie.err, "tokens create"));
  g_assert_cmpstr (cookie.out, ==, "");
  pc_cli_run (f, &logout_again, NULL, NULL, "logout", NULL);
}

/* Completion gives up after one second, where any other command waits the
 * 15 s timeout. The bound sits between the two: the program's start on a
 * loaded machine, or under valgrind, may take a few seconds (3 s in all
 * failed for no fault of ours), never 15. */
#define COMPLETE_BOUND (10 * G_USEC_PER_SEC)

static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  g_auto(PcCliRun) tokens = { 0, };
  g_auto(PcCliRun) invites = { 0, };
  g_auto(PcCliRun) signed_out = { 0, };
  g_auto(PcCliRun) offline = { 0, };
  const char *offline_env[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, "PUPIL_CLOUD_SERVER=http://127.0.0.1:9/v2", NULL };
  gint64 start;

  /* Valgrind's slowdown spends the one second before the answer is read
   * (CI's loaded machine, two tests at once): the answers are read
   * unwrapped; the AddressSanitizer build checks their memory. */
  pc_cli_without_wrapper = TRUE;
  pc_cli_run (f, &tokens, NULL, TOKEN_ENV, "__complete", "tokens", NULL);
  g_assert_cmpint (tokens.status, ==, 0);
  g_assert_nonnull (strstr (tokens.out, "tok-0001\n"));
  pc_cli_run (f, &invites, NULL, TOKEN_ENV, "__complete", "invites", NULL);
  pc_cli_without_wrapper = FALSE;
  g_assert_nonnull (strstr (invites.out, "invite-driving-viewer-7f3a9c\n"));

  pc_cli_run (f, &signed_out, NULL, NULL, "__complete", "tokens", NULL);
  g_assert_cmpstr (signed_out.out, ==, "");
  g_assert_cmpstr (signed_out.err, ==, "");

  start = g_get_monotonic_time ();
  pc_cli_run (f, &offline, NULL, offline_env, "__complete", "tokens", NULL);
  g_assert_cmpstr (offline.out, ==, "");
  g_assert_cmpstr (offline.err, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, COMPLETE_BOUND);
}

static const char * const stall_args[] = { "--fault", "/auth/*=stall", NULL };

static void
test_complete_stalled (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(PcCliRun) run = { 0, };
  gint64 start = g_get_monotonic_time ();

  pc_cli_run (f, &run, NULL, TOKEN_ENV, "__complete", "tokens", NULL);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, COMPLETE_BOUND);
}

/* Runs @script in @shell with the source tree's completion for it, the
 * build's pupil-cloud first on PATH. */
static void
run_shell (Fixture    *f,
           PcCliRun   *run,
           const char *shell,
           const char *script)
{
  g_autofree char *bin = g_path_get_dirname (g_getenv ("PUPIL_CLOUD_CLI"));
  g_autofree char *path = g_strdup_printf ("PATH=%s:%s", bin, g_getenv ("PATH"));
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "doc", "completions", NULL);
  g_autofree char *dir_env = g_strdup_printf ("COMPLETIONS=%s", dir);
  const char *env[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, path, dir_env, NULL };

  pc_cli_without_wrapper = TRUE;
  pc_cli_run_program (f, run, env, shell, "-c", script, NULL);
  pc_cli_without_wrapper = FALSE;
}

static void
test_completion_bash (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(PcCliRun) command = { 0, };
  g_auto(PcCliRun) flag = { 0, };
  g_auto(PcCliRun) token = { 0, };
  g_auto(PcCliRun) invite = { 0, };
  const char *complete = ". \"$COMPLETIONS/pupil-cloud.bash\"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                         "_pupil_cloud; printf '%s\\n' \"${COMPREPLY[@]}\"";
  g_autofree char *s1 = g_strdup_printf ("COMP_WORDS=(pupil-cloud tok); %s", complete);
  g_autofree char *s2 = g_strdup_printf ("COMP_WORDS=(pupil-cloud api auth/profile --j); %s", complete);
  g_autofree char *s3 = g_strdup_printf ("COMP_WORDS=(pupil-cloud tokens delete tok-000); %s", complete);
  g_autofree char *s4 = g_strdup_printf ("COMP_WORDS=(pupil-cloud invites accept invite-d); %s", complete);

  run_shell (f, &command, "bash", s1);
  g_assert_cmpstr (command.out, ==, "tokens\n");
  run_shell (f, &flag, "bash", s2);
  g_assert_cmpstr (flag.out, ==, "--jq\n");
  run_shell (f, &token, "bash", s3);
  g_assert_cmpstr (token.out, ==, "tok-0001\ntok-0002\ntok-0003\ntok-0005\n");
  run_shell (f, &invite, "bash", s4);
  g_assert_cmpstr (invite.out, ==, "invite-driving-viewer-7f3a9c\n");
}

static void
test_completion_fish (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(PcCliRun) command = { 0, };
  g_auto(PcCliRun) flag = { 0, };
  g_auto(PcCliRun) token = { 0, };
  g_autofree char *fish = g_find_program_in_path ("fish");
  const char *load = "source $COMPLETIONS/pupil-cloud.fish; ";
  g_autofree char *s1 = g_strconcat (load, "complete -C 'pupil-cloud print-'", NULL);
  g_autofree char *s2 = g_strconcat (load, "complete -C 'pupil-cloud api x --sil'", NULL);
  g_autofree char *s3 = g_strconcat (load, "complete -C 'pupil-cloud tokens show tok-000'", NULL);

  if (fish == NULL)
    {
      g_test_skip ("fish is not installed");
      return;
    }
  run_shell (f, &command, fish, s1);
  g_assert_true (g_str_has_prefix (command.out, "print-token"));
  run_shell (f, &flag, fish, s2);
  g_assert_true (g_str_has_prefix (flag.out, "--silent"));
  run_shell (f, &token, fish, s3);
  g_assert_nonnull (strstr (token.out, "tok-0002"));
}

static void
test_completion_zsh (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(PcCliRun) load = { 0, };
  g_autofree char *zsh = g_find_program_in_path ("zsh");

  if (zsh == NULL)
    {
      g_test_skip ("zsh is not installed");
      return;
    }
  /* zsh completes only on a terminal: here it is loaded and checked for
   * mistakes, and registered for pupil-cloud. */
  run_shell (f, &load, zsh, "fpath=($COMPLETIONS $fpath); autoload -U compinit; compinit -u -D; "
                            "autoload -U _pupil-cloud && zcompile -U /dev/null $COMPLETIONS/_pupil-cloud 2>&1; "
                            "zsh -n $COMPLETIONS/_pupil-cloud && print ${_comps[pupil-cloud]}");
  g_assert_cmpint (load.status, ==, 0);
  g_assert_cmpstr (load.out, ==, "_pupil-cloud\n");
}

static char *
read_manual (const char *page)
{
  g_autofree char *file = g_test_build_filename (G_TEST_BUILT, "..", "doc", "man", page, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "man", "--warnings", "-l", file, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "MANWIDTH", "1000", TRUE);
  int status;

  env = g_environ_setenv (env, "MAN_KEEP_FORMATTING", "", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (err, ==, "");
  return g_steal_pointer (&out);
}

static void
test_manuals (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *manual = read_manual ("pupil-cloud.1");
  g_autofree char *desktop = read_manual ("pupil-cloud-desktop.1");
  const char *groups[] = { "profile", "tokens", "invites" };
  const char *leaves[] = { "api", "print-token" };

  g_assert_nonnull (strstr (desktop, "pupil-cloud-desktop - a GNOME client for Pupil Cloud"));
  /* help COMMAND and COMMAND --help say what the manual says. */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_auto(PcCliRun) help = { 0, };
      g_auto(PcCliRun) flag = { 0, };
      g_autofree char *usage = NULL;

      pc_cli_run (f, &help, NULL, NULL, "help", groups[i], NULL);
      pc_cli_run (f, &flag, NULL, NULL, groups[i], "--help", NULL);
      g_assert_cmpint (help.status, ==, 0);
      g_assert_cmpstr (help.out, ==, flag.out);
      g_assert_true (g_str_has_prefix (help.out, "Usage: pupil-cloud "));
      usage = g_strndup (help.out + strlen ("Usage: pupil-cloud "),
                         strcspn (help.out, "\n") - strlen ("Usage: pupil-cloud "));
      g_assert_nonnull (strstr (manual, usage));
    }
  for (guint i = 0; i < G_N_ELEMENTS (leaves); i++)
    {
      g_auto(PcCliRun) help = { 0, };
      g_auto(PcCliRun) flag = { 0, };
      g_auto(GStrv) lines = NULL;

      pc_cli_run (f, &help, NULL, NULL, "help", leaves[i], NULL);
      pc_cli_run (f, &flag, NULL, NULL, leaves[i], "--help", NULL);
      g_assert_cmpint (help.status, ==, 0);
      g_assert_cmpstr (help.out, ==, flag.out);
      /* Every option the help lists is in the manual. */
      lines = g_strsplit (help.out, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          const char *option = strstr (lines[l], "--");
          g_autofree char *name = NULL;

          if (option == NULL || g_str_has_prefix (option, "--help"))
            continue;
          name = g_strndup (option, strcspn (option, "= "));
          g_test_message ("%s: %s", leaves[i], name);
          g_assert_nonnull (strstr (manual, name));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, args) g_test_add (path, Fixture, args, pc_cli_setup, func, pc_cli_teardown)
  ADD ("/cli-api/api/methods", test_api_methods, NULL);
  ADD ("/cli-api/api/fields", test_api_fields, NULL);
  ADD ("/cli-api/api/input", test_api_input, NULL);
  ADD ("/cli-api/api/headers", test_api_headers, NULL);
  ADD ("/cli-api/api/other-origin", test_api_other_origin, NULL);
  ADD ("/cli-api/api/errors", test_api_errors, api_error_args);
  ADD ("/cli-api/api/unauthorized", test_api_unauthorized, NULL);
  ADD ("/cli-api/print-token", test_print_token, NULL);
  ADD ("/cli-api/complete", test_complete, NULL);
  ADD ("/cli-api/complete/stalled", test_complete_stalled, stall_args);
  ADD ("/cli-api/completion/bash", test_completion_bash, NULL);
  ADD ("/cli-api/completion/fish", test_completion_fish, NULL);
  ADD ("/cli-api/completion/zsh", test_completion_zsh, NULL);
  ADD ("/cli-api/manuals", test_manuals, NULL);
#undef ADD

  return g_test_run ();
}
