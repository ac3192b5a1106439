/* test-cli.c: the pupil-cloud command line, end to end: signing in and
 * out, the profile, translations, JSON, errors, the debug trace and the
 * fault matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts its own pupil-cloud-mock child (a fresh cloud on its own
 * port, so the keyring items of tests never meet) and runs the real
 * pupil-cloud program against it, reading its exit status, standard output
 * and standard error. Sign-ins go to the gnome-keyring of the private
 * session that build-aux/run-tests.sh starts.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pc-test-cli.h"

typedef PcCliFixture Fixture;

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(PcCliRun) none = { 0, };
  g_auto(PcCliRun) bogus = { 0, };
  g_auto(PcCliRun) incomplete = { 0, };
  g_auto(PcCliRun) missing = { 0, };
  g_auto(PcCliRun) insecure = { 0, };
  g_auto(PcCliRun) help = { 0, };

  pc_cli_run (f, &none, NULL, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  pc_cli_run (f, &bogus, NULL, NULL, "frobnicate", NULL);
  g_assert_cmpint (bogus.status, ==, 2);
  pc_cli_assert_one_line_error (&bogus);
  g_assert_nonnull (strstr (bogus.err, "frobnicate"));
  pc_cli_run (f, &incomplete, NULL, NULL, "tokens", NULL);
  g_assert_cmpint (incomplete.status, ==, 2);
  pc_cli_run (f, &missing, NULL, TOKEN_ENV, "tokens", "show", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  pc_cli_run (f, &insecure, NULL, NULL, "--server", "http://api.example.org/v2", "status", NULL);
  g_assert_cmpint (insecure.status, ==, 2);
  g_assert_nonnull (strstr (insecure.err, "https://"));
  pc_cli_run (f, &help, NULL, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "tokens list"));
}

static void
test_not_signed_in (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(PcCliRun) status = { 0, };
  g_auto(PcCliRun) tokens = { 0, };
  g_auto(PcCliRun) logout = { 0, };

  pc_cli_run (f, &status, NULL, NULL, "status", NULL);
  g_assert_cmpint (status.status, ==, 4);
  g_assert_nonnull (strstr (status.err, "not signed in"));
  pc_cli_run (f, &tokens, NULL, NULL, "tokens", "list", NULL);
  g_assert_cmpint (tokens.status, ==, 4);
  pc_cli_run (f, &logout, NULL, NULL, "logout", NULL);
  g_assert_cmpint (logout.status, ==, 0);
}

static void
test_login_token (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(PcCliRun) login = { 0, };
  g_auto(PcCliRun) status = { 0, };
  g_auto(PcCliRun) json = { 0, };
  g_auto(PcCliRun) logout = { 0, };
  g_auto(PcCliRun) after = { 0, };
  g_autoptr(JsonNode) root = NULL;

  pc_cli_run (f, &login, DEMO_TOKEN "\n", NULL, "login", "--with-token", NULL);
  g_assert_cmpint (login.status, ==, 0);
  g_assert_nonnull (strstr (login.err, DEMO_EMAIL));
  g_assert_null (strstr (login.out, DEMO_TOKEN));
  g_assert_null (strstr (login.err, DEMO_TOKEN));

  pc_cli_run (f, &status, NULL, NULL, "status", NULL);
  g_assert_cmpint (status.status, ==, 0);
  g_assert_nonnull (strstr (status.out, DEMO_EMAIL));
  g_assert_nonnull (strstr (status.out, f->base_url));
  g_assert_nonnull (strstr (status.out, "API token"));

  pc_cli_run (f, &json, NULL, NULL, "--json", "status", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = pc_cli_parse_json (json.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "email"), ==, DEMO_EMAIL);

  pc_cli_run (f, &logout, NULL, NULL, "logout", NULL);
  g_assert_cmpint (logout.status, ==, 0);
  g_assert_nonnull (strstr (logout.err, "stays valid"));

  pc_cli_run (f, &after, NULL, NULL, "status", NULL);
  g_assert_cmpint (after.status, ==, 4);
}

static void
test_login_token_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(PcCliRun) login = { 0, };
  g_auto(PcCliRun) status = { 0, };
  g_auto(PcCliRun) empty = { 0, };

  pc_cli_run (f, &login, "wrong-token\n", NULL, "login", "--with-token", NULL);
  g_assert_cmpint (login.status, ==, 4);
  pc_cli_assert_one_line_error (&login);
  /* Nothing was stored. */
  pc_cli_run (f, &status, NULL, NULL, "status", NULL);
  g_assert_cmpint (status.status, ==, 4);
  pc_cli_run (f, &empty, "", NULL, "login", "--with-token", NULL);
  g_assert_cmpint (empty.status, ==, 2);
}

static void
test_login_email (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(PcCliRun) tokens = { 0, };
  g_auto(PcCliRun) logout = { 0, };
  g_auto(PcCliRun) after = { 0, };

  pc_cli_sign_in_by_email (f);
  pc_cli_run (f, &tokens, NULL, NULL, "tokens", "list", NULL);
  g_assert_cmpint (tokens.status, ==, 0);
  g_assert_nonnull (strstr (tokens.out, "analysis script"));

  pc_cli_run (f, &logout, NULL, NULL, "logout", NULL);
  g_assert_cmpint (logout.status, ==, 0);
  g_assert_null (strstr (logout.err, "stays valid"));
  pc_cli_run (f, &after, NULL, NULL, "status", NULL);
  g_assert_cmpint (after.status, ==, 4);
}

static void
test_login_email_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(PcCliRun) wrong = { 0, };
  g_auto(PcCliRun) unknown = { 0, };
  g_auto(PcCliRun) no_idp = { 0, };

  pc_cli_run (f, &wrong, "not-the-password\n", NULL, "login", "--email", DEMO_EMAIL,
              "--idp-url", f->idp_url, "--idp-key", IDP_KEY, NULL);
  g_assert_cmpint (wrong.status, ==, 4);
  pc_cli_assert_one_line_error (&wrong);
  g_assert_nonnull (strstr (wrong.err, "password"));

  pc_cli_run (f, &unknown, "x\n", NULL, "login", "--email", "nobody@example.org",
              "--idp-url", f->idp_url, "--idp-key", IDP_KEY, NULL);
  g_assert_cmpint (unknown.status, ==, 4);
  g_assert_cmpstr (unknown.err, ==, wrong.err);

  pc_cli_run (f, &no_idp, DEMO_PASSWORD "\n", NULL, "login", "--email", DEMO_EMAIL, NULL);
  g_assert_cmpint (no_idp.status, ==, 1);
  pc_cli_assert_one_line_error (&no_idp);
  g_assert_nonnull (strstr (no_idp.err, "--with-token"));
}

/* Translated: the same commands, in German. */
static void
test_german (Fixture       *f,
             gconstpointer  data)
{
  const char *german[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, "LANGUAGE=de", NULL };
  g_auto(PcCliRun) invites = { 0, };
  g_auto(PcCliRun) usage = { 0, };
  g_auto(PcCliRun) accept = { 0, };

  pc_cli_run (f, &invites, NULL, german, "invites", "list", NULL);
  g_assert_cmpint (invites.status, ==, 0);
  g_assert_nonnull (strstr (invites.out, "ARBEITSBEREICH"));
  g_assert_nonnull (strstr (invites.out, "EINGELADEN VON"));
  g_assert_nonnull (strstr (invites.out, "Betrachter"));
  g_assert_nonnull (strstr (invites.out, "in 2 Tagen"));

  pc_cli_run (f, &usage, NULL, german, "tokens", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "Aufruf: pupil-cloud tokens list"));

  pc_cli_run (f, &accept, NULL, german, "invites", "accept", "invite-driving-viewer-7f3a9c", NULL);
  g_assert_cmpint (accept.status, ==, 0);
  g_assert_nonnull (strstr (accept.err, "Sie sind Driving Study 2026 als Betrachter beigetreten."));
}

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  g_auto(PcCliRun) show = { 0, };
  g_auto(PcCliRun) set = { 0, };
  g_auto(PcCliRun) json = { 0, };
  g_auto(PcCliRun) bad_photo = { 0, };
  g_auto(PcCliRun) bad_switch = { 0, };
  g_auto(PcCliRun) nothing = { 0, };
  g_auto(PcCliRun) too_long = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *long_name = g_strnfill (101, 'a');
  JsonObject *object;

  pc_cli_run (f, &show, NULL, TOKEN_ENV, "profile", "show", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "Ada Demo"));
  g_assert_nonnull (strstr (show.out, "Vision Lab"));

  pc_cli_run (f, &set, NULL, TOKEN_ENV, "profile", "set", "--name", " Ada Lovelace ",
              "--photo-url", "https://example.org/ada.png", "--product-updates", "on", NULL);
  g_assert_cmpint (set.status, ==, 0);
  g_assert_nonnull (strstr (set.out, "Ada Lovelace"));

  pc_cli_run (f, &json, NULL, TOKEN_ENV, "--json", "profile", "show", NULL);
  root = pc_cli_parse_json (json.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Ada Lovelace");
  g_assert_cmpstr (json_object_get_string_member (object, "photo_url"), ==, "https://example.org/ada.png");
  g_assert_true (json_object_get_boolean_member (object, "product_updates_subscribed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "workspaces")), ==, 2);

  pc_cli_run (f, &bad_photo, NULL, TOKEN_ENV, "profile", "set", "--photo-url", "http://example.org/a.png", NULL);
  g_assert_cmpint (bad_photo.status, ==, 2);
  pc_cli_run (f, &bad_switch, NULL, TOKEN_ENV, "profile", "set", "--product-updates", "maybe", NULL);
  g_assert_cmpint (bad_switch.status, ==, 2);
  pc_cli_run (f, &nothing, NULL, TOKEN_ENV, "profile", "set", NULL);
  g_assert_cmpint (nothing.status, ==, 2);
  pc_cli_run (f, &too_long, NULL, TOKEN_ENV, "profile", "set", "--name", long_name, NULL);
  g_assert_cmpint (too_long.status, ==, 2);
  g_assert_nonnull (strstr (too_long.err, "100"));
}

/* Every command that prints a result prints valid JSON with --json. */
static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  static const char * const commands[][5] = {
    { "tokens", "show", "tok-0001", NULL },
    { "tokens", "create", "json token", NULL },
    { "invites", "show", "invite-reading-admin-2b8e4d", NULL },
    { "invites", "accept", "invite-driving-viewer-7f3a9c", NULL },
    { "profile", "set", "--name", "Jason", NULL },
    { "status", NULL },
  };
  static const char *expected_member[] = { "created_at", "token", "workspace_id", "role", "email", "email" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(PcCliRun) run = { 0, };
      g_autoptr(JsonNode) root = NULL;

      pc_cli_run (f, &run, NULL, TOKEN_ENV, "--json", commands[i][0], commands[i][1], commands[i][2],
                  commands[i][3], NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = pc_cli_parse_json (run.out);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      g_assert_true (json_object_has_member (json_node_get_object (root), expected_member[i]));
    }
}

static void
test_feedback_token (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(PcCliRun) plain = { 0, };
  g_auto(PcCliRun) json = { 0, };
  g_autoptr(JsonNode) root = NULL;

  pc_cli_run (f, &plain, NULL, TOKEN_ENV, "feedback-token", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_true (g_str_has_prefix (plain.out, "canny."));
  pc_cli_run (f, &json, NULL, TOKEN_ENV, "--json", "feedback-token", NULL);
  root = pc_cli_parse_json (json.out);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (root), "token"), "canny."));
}

static void
test_unregister (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(PcCliRun) unconfirmed = { 0, };
  g_auto(PcCliRun) mismatch = { 0, };
  g_auto(PcCliRun) still = { 0, };
  g_auto(PcCliRun) done = { 0, };
  g_auto(PcCliRun) gone = { 0, };

  pc_cli_run (f, &unconfirmed, NULL, TOKEN_ENV, "unregister", NULL);
  g_assert_cmpint (unconfirmed.status, ==, 2);
  pc_cli_run (f, &mismatch, NULL, TOKEN_ENV, "unregister", "--confirm", "someone@example.org", NULL);
  g_assert_cmpint (mismatch.status, ==, 2);
  pc_cli_run (f, &still, NULL, TOKEN_ENV, "status", NULL);
  g_assert_cmpint (still.status, ==, 0);

  pc_cli_run (f, &done, NULL, TOKEN_ENV, "unregister", "--confirm", DEMO_EMAIL, NULL);
  g_assert_cmpint (done.status, ==, 0);
  pc_cli_run (f, &gone, NULL, TOKEN_ENV, "status", NULL);
  g_assert_cmpint (gone.status, ==, 4);
}

static const char * const server_error_args[] = { "--fault", "GET /auth/tokens=status:500", "--fault",
                                                  "GET /auth/profile/invites=reset-before", NULL };

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(PcCliRun) tokens = { 0, };
  g_auto(PcCliRun) invites = { 0, };
  g_auto(PcCliRun) profile = { 0, };

  pc_cli_run (f, &tokens, NULL, TOKEN_ENV, "tokens", "list", NULL);
  g_assert_cmpint (tokens.status, ==, 1);
  pc_cli_assert_one_line_error (&tokens);
  g_assert_cmpstr (tokens.out, ==, "");

  pc_cli_run (f, &invites, NULL, TOKEN_ENV, "invites", "list", NULL);
  g_assert_cmpint (invites.status, ==, 1);
  pc_cli_assert_one_line_error (&invites);
  g_assert_nonnull (strstr (invites.err, "could not be reached"));

  pc_cli_run (f, &profile, NULL, TOKEN_ENV, "profile", "show", NULL);
  g_assert_cmpint (profile.status, ==, 0);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(PcCliRun) run = { 0, };

  pc_cli_run (f, &run, NULL, TOKEN_ENV, "--server", "http://127.0.0.1:9/v2", "tokens", "list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  pc_cli_assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "could not be reached"));
}

static gboolean
directory_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  return dir != NULL && g_dir_read_name (dir) == NULL;
}

static void
test_no_secret_service (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *home = g_dir_make_tmp ("pupil-cloud-home-XXXXXX", NULL);
  g_autofree char *home_env = g_strconcat ("HOME=", home, NULL);
  g_autofree char *data_env = g_strconcat ("XDG_DATA_HOME=", home, "/data", NULL);
  g_autofree char *config_env = g_strconcat ("XDG_CONFIG_HOME=", home, "/config", NULL);
  g_autofree char *cache_env = g_strconcat ("XDG_CACHE_HOME=", home, "/cache", NULL);
  const char *env[] = { "SECRET_SERVICE_BUS_NAME=org.example.NobodyOwnsThis", home_env, data_env,
                        config_env, cache_env, NULL };
  g_auto(PcCliRun) login = { 0, };
  g_auto(PcCliRun) status = { 0, };

  pc_cli_run (f, &login, DEMO_TOKEN "\n", env, "login", "--with-token", NULL);
  g_assert_cmpint (login.status, ==, 1);
  g_assert_nonnull (strstr (login.err, "keyring"));
  /* Nothing was written anywhere instead. */
  g_assert_true (directory_is_empty (home));

  pc_cli_run (f, &status, NULL, env, "status", NULL);
  g_assert_cmpint (status.status, ==, 4);
  pc_cli_assert_one_line_error (&status);
  g_assert_nonnull (strstr (status.err, "PUPIL_CLOUD_TOKEN"));
  g_assert_true (directory_is_empty (home));
  g_rmdir (home);
}

static void
test_debug_redacts (Fixture       *f,
                    gconstpointer  data)
{
  const char *env[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, "PUPIL_CLOUD_DEBUG=1", NULL };
  g_auto(PcCliRun) create = { 0, };
  g_autofree char *secret = NULL;

  pc_cli_run (f, &create, NULL, env, "tokens", "create", "traced", NULL);
  g_assert_cmpint (create.status, ==, 0);
  secret = g_strstrip (g_strdup (create.out));
  /* The trace is there, and shows neither the key sent nor the secret received. */
  g_assert_nonnull (strstr (create.err, "pupil-cloud-debug > POST"));
  g_assert_nonnull (strstr (create.err, "api-key: [REDACTED]"));
  g_assert_null (strstr (create.err, DEMO_TOKEN));
  g_assert_null (strstr (create.err, secret));
}

/* A redirect's Location may carry a token: the trace shows only where it
 * leads. */
static void
test_debug_redacts_location (Fixture       *f,
                             gconstpointer  data)
{
  const char *env[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, "PUPIL_CLOUD_DEBUG=1", NULL };
  g_auto(PcCliRun) show = { 0, };

  pc_cli_run (f, &show, NULL, env, "invites", "show", "invite-reading-admin-2b8e4d", NULL);
  g_assert_cmpint (show.status, ==, 1);
  g_assert_nonnull (strstr (show.err, "pupil-cloud-debug < Location: http://127.0.0.2:"));
  g_assert_nonnull (strstr (show.err, "/[REDACTED]"));
  g_assert_null (strstr (show.err, "invite-reading-admin-2b8e4d"));
}

/* The fault matrix, walked through the command line: every command against
 * a server that gets every endpoint wrong in one way. Each ends with its
 * exit status and one line for a person, and prints nothing else. */
static const char *matrix_faults[] = {
  "status:400", "status:401", "status:403", "status:404", "status:409", "status:410", "status:429",
  "status:500", "html:502", "html:200", "wrong-types", "empty", "short", "chunked-cut", "reset-before",
  "reset-after", "stall", "huge", "deep", "redirect", "html:401", "html:403", "gzip-short", "gzip-truncated",
  "single-quotes", "comment", "nan", "endless", "short-whole",
};

static void
test_fault_matrix (Fixture       *f,
                   gconstpointer  data)
{
  const char * const *args = data;
  const char *fault = strchr (args[1], '=') + 1;
  struct {
    const char *argv[8];
    const char *input;
    gboolean result_ignored; /* done once the server says 200, whatever its body */
  } commands[] = {
    { { "status" } },
    { { "profile", "set", "--name", "Matrix" } },
    { { "tokens", "list" } },
    { { "tokens", "show", "tok-0001" } },
    { { "tokens", "create", "matrix" } },
    { { "tokens", "delete", "tok-0002" }, NULL, TRUE },
    { { "invites", "list" } },
    { { "invites", "show", "invite-reading-admin-2b8e4d" } },
    { { "invites", "accept", "invite-driving-viewer-7f3a9c" } },
    { { "invites", "decline", "invite-reading-admin-2b8e4d" }, NULL, TRUE },
    { { "feedback-token" } },
    { { "unregister", "--confirm", DEMO_EMAIL } },
    { { "login", "--email", DEMO_EMAIL, "--idp-url", f->idp_url, "--idp-key", IDP_KEY }, DEMO_PASSWORD "\n" },
  };
  gboolean garbage_ok = g_str_equal (fault, "wrong-types") || g_str_equal (fault, "empty");
  gboolean unauthorized = g_str_equal (fault, "status:401");
  gboolean forbidden = g_str_equal (fault, "status:403");

  pc_cli_without_wrapper = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(PcCliRun) run = { 0, };
      const char *a[8] = { NULL, };
      const char *env[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, NULL };
      gboolean is_login = g_str_equal (commands[i].argv[0], "login");
      /* 4 when the sign-in is refused: any 401, and a 403 to "status", which
       * checks the sign-in; a 403 to anything else is "not allowed", 1. */
      gboolean is_status = g_str_equal (commands[i].argv[0], "status");
      int expected = commands[i].result_ignored && garbage_ok ? 0 : unauthorized || (forbidden && is_status) ? 4 : 1;

      memcpy (a, commands[i].argv, sizeof a);
      pc_cli_run (f, &run, commands[i].input, is_login ? NULL : env, "--timeout", "1",
                  a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_test_message ("%s %s: %d", fault, a[0], run.status);
      /* The identity provider says "wrong password" with 400 and 401 alike. */
      if (is_login && (g_str_equal (fault, "status:400") || g_str_equal (fault, "status:401") ||
                       g_str_equal (fault, "html:401")))
        g_assert_true (run.status == 1 || run.status == 4);
      else
        g_assert_cmpint (run.status, ==, expected);
      if (expected == 0)
        continue;
      /* A proxy's page says nothing about the sign-in. */
      if ((g_str_equal (fault, "html:403") || g_str_equal (fault, "html:401")) && !is_login)
        {
          g_assert_null (strstr (run.err, "no longer valid"));
          g_assert_nonnull (strstr (run.err, "proxy"));
        }
      pc_cli_assert_one_line_error (&run);
      g_assert_null (strchr (run.err, '<'));
      g_assert_null (strchr (run.err, '{'));
      g_assert_cmpstr (run.out, ==, "");
    }
  pc_cli_without_wrapper = FALSE;
}

static const char *redirect_args[] = { "--fault", "GET /auth/profile/invites/*=redirect", NULL };

/* register and reset-password against a child mock that writes what it
 * sends to a file (see the mock's --sent-emails). */
static const char *sent_emails_args[] = { "--sent-emails", "sent-emails.txt", NULL };

static void
test_register (Fixture       *f,
               gconstpointer  data)
{
  g_auto(PcCliRun) reg = { 0, };
  g_auto(PcCliRun) profile = { 0, };
  g_auto(PcCliRun) exists = { 0, };
  g_auto(PcCliRun) weak = { 0, };
  g_auto(PcCliRun) known = { 0, };
  g_auto(PcCliRun) unknown = { 0, };
  g_auto(PcCliRun) german = { 0, };
  g_autofree char *idp_env = g_strconcat ("PUPIL_CLOUD_IDP_URL=", f->idp_url, NULL);
  const char *env[] = { idp_env, "PUPIL_CLOUD_IDP_KEY=" IDP_KEY, NULL };
  const char *env_de[] = { idp_env, "PUPIL_CLOUD_IDP_KEY=" IDP_KEY, "LANGUAGE=de", NULL };
  g_autofree char *sent = NULL;

  pc_cli_run (f, &reg, "new-secret-1\n", env, "register", "--email", "grace@example.org",
              "--product-updates", "on", NULL);
  g_assert_cmpint (reg.status, ==, 0);
  g_assert_nonnull (strstr (reg.err, "grace@example.org"));
  g_assert_nonnull (strstr (reg.err, "follow its link"));
  g_assert_null (strstr (reg.err, "new-secret-1"));
  pc_cli_run (f, &profile, NULL, NULL, "--json", "profile", "show", NULL);
  g_assert_cmpint (profile.status, ==, 0);
  /* Piped, --json is compact: the same document as on a terminal. */
  g_assert_nonnull (strstr (profile.out, "\"product_updates_subscribed\":true"));
  g_assert_nonnull (strstr (profile.out, "\"email_verified\":false"));
  g_assert_null (strchr (g_strchomp (profile.out), '\n'));

  pc_cli_run (f, &exists, "new-secret-1\n", env, "register", "--email", "grace@example.org", NULL);
  g_assert_cmpint (exists.status, ==, 1);
  g_assert_nonnull (strstr (exists.err, "exists already"));
  pc_cli_run (f, &weak, "12345\n", env, "register", "--email", "weak@example.org", NULL);
  g_assert_cmpint (weak.status, ==, 1);
  g_assert_nonnull (strstr (weak.err, "at least 6"));

  pc_cli_run (f, &known, NULL, env, "reset-password", "--email", DEMO_EMAIL, NULL);
  pc_cli_run (f, &unknown, NULL, env, "reset-password", "--email", "nobody@example.org", NULL);
  g_assert_cmpint (known.status, ==, 0);
  g_assert_cmpint (unknown.status, ==, 0);
  g_assert_nonnull (strstr (unknown.err, "If nobody@example.org has an account"));
  pc_cli_run (f, &german, NULL, env_de, "reset-password", "--email", "nobody@example.org", NULL);
  g_assert_nonnull (strstr (german.err, "Falls nobody@example.org ein Konto hat"));

  g_assert_true (g_file_get_contents ("sent-emails.txt", &sent, NULL, NULL));
  g_assert_nonnull (strstr (sent, "VERIFY_EMAIL grace@example.org\n"));
  g_assert_nonnull (strstr (sent, "PASSWORD_RESET " DEMO_EMAIL "\n"));
  g_assert_null (strstr (sent, "nobody@example.org"));
  g_assert_null (strstr (sent, "weak@example.org"));
  g_unlink ("sent-emails.txt");
}

int
main (int   argc,
      char *argv[])
{
  /* The fault-matrix mocks' arguments, kept while the tests run. */
  g_autoptr(GPtrArray) matrix_args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, args) g_test_add (path, Fixture, args, pc_cli_setup, func, pc_cli_teardown)
  ADD ("/cli/usage", test_usage, NULL);
  ADD ("/cli/not-signed-in", test_not_signed_in, NULL);
  ADD ("/cli/login/token", test_login_token, NULL);
  ADD ("/cli/register", test_register, sent_emails_args);
  ADD ("/cli/login/token-refused", test_login_token_refused, NULL);
  ADD ("/cli/login/email", test_login_email, NULL);
  ADD ("/cli/login/email-refused", test_login_email_refused, NULL);
  ADD ("/cli/login/no-secret-service", test_no_secret_service, NULL);
  ADD ("/cli/german", test_german, NULL);
  ADD ("/cli/profile", test_profile, NULL);
  ADD ("/cli/json", test_json, NULL);
  ADD ("/cli/feedback-token", test_feedback_token, NULL);
  ADD ("/cli/unregister", test_unregister, NULL);
  ADD ("/cli/errors/server", test_server_errors, server_error_args);
  ADD ("/cli/errors/unreachable", test_unreachable, NULL);
  ADD ("/cli/debug-redacts", test_debug_redacts, NULL);
  ADD ("/cli/debug-redacts-location", test_debug_redacts_location, redirect_args);
  for (guint i = 0; i < G_N_ELEMENTS (matrix_faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/fault-matrix/%s", matrix_faults[i]);
      char **args = g_new0 (char *, 5);

      g_ptr_array_add (matrix_args, args);

      args[0] = g_strdup ("--fault");
      args[1] = g_strdup_printf ("/auth/*=%s", matrix_faults[i]);
      args[2] = g_strdup ("--fault");
      args[3] = g_strdup_printf ("/idp/*=%s", matrix_faults[i]);
      ADD (path, test_fault_matrix, args);
    }
#undef ADD

  status = g_test_run ();
  return status;
}
