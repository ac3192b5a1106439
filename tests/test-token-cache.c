/* test-token-cache.c: what the Tokens page knew, kept for the next start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache is read and written for real under this run's own
 * XDG_CACHE_HOME; the session's sign-out and account deletion against the
 * in-process mock and the real gnome-keyring of the test run.
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pc-mock-server.h"
#include "pc-model-private.h"
#include "pc-secret-store.h"
#include "pc-session.h"
#include "pc-test-util.h"
#include "pc-token-cache.h"
#include "pupilcloud.h"

#define SERVER "https://cloud.example/v2"
#define ACCOUNT "ada@example.org"
#define SECRET "pcd-whole-secret-never-kept-Z9q4"

static PcToken *
token_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  PcToken *token = pc_token_new_from_json (json_node_get_object (node), NULL);

  g_assert_nonnull (token);
  return token;
}

static GPtrArray *
some_tokens (void)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_object_unref);

  /* As a creation answers: the whole secret. */
  g_ptr_array_add (tokens, token_from ("{\"id\": \"tok-1\", \"name\": \"analysis\", "
                                       "\"created_at\": \"2026-01-02T03:04:05Z\", "
                                       "\"last_used_at\": \"2026-11-30T10:00:00+01:00\", "
                                       "\"token\": \"" SECRET "\"}"));
  /* As a list answers: the secret masked by the server. */
  g_ptr_array_add (tokens, token_from ("{\"id\": \"tok-5\", \"name\": \"listed\", "
                                       "\"token\": \"••••••••Z9q4\"}"));
  /* As the seed's list answers: no name, no secret, no dates. */
  g_ptr_array_add (tokens, token_from ("{\"id\": \"tok-2\"}"));
  /* Masked by the server, too short to show a tail. */
  g_ptr_array_add (tokens, token_from ("{\"id\": \"tok-3\", \"name\": \"short\", \"token\": \"ab\"}"));
  /* A name that must be escaped to be kept. */
  g_ptr_array_add (tokens, token_from ("{\"id\": \"tok-4\", \"name\": \"a \\\"quoted\\\" \\\\ name\\twith é\"}"));
  return tokens;
}

static guint
count_in (const char *text,
          const char *part)
{
  guint count = 0;

  for (const char *p = strstr (text, part); p != NULL; p = strstr (p + 1, part))
    count++;
  return count;
}

static void
assert_same_date (GDateTime *a,
                  GDateTime *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    g_assert_true (g_date_time_equal (a, b));
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) tokens = some_tokens ();
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pc_token_cache_dup_path (SERVER, ACCOUNT);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autofree char *masked = NULL;
  GStatBuf info;

  g_assert_true (g_str_has_prefix (path, g_get_user_cache_dir ()));
  g_assert_null (strstr (path, ACCOUNT)); /* no email address in a file name */

  g_assert_true (pc_token_cache_save (SERVER, ACCOUNT, tokens, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
  /* Of a whole secret, nothing at all. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, SECRET));
  g_assert_null (strstr (contents, "-Z9q4"));
  g_assert_cmpuint (count_in (contents, "Z9q4"), ==, 1); /* the listed one's tail */

  read = pc_token_cache_load (SERVER, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, tokens->len);
  for (guint i = 0; i < read->len; i++)
    {
      PcToken *before = tokens->pdata[i];
      PcToken *after = read->pdata[i];
      g_autofree char *masked_before = pc_token_get_token (before) ? pc_token_dup_masked (before) : NULL;
      g_autofree char *masked_after = pc_token_get_token (after) ? pc_token_dup_masked (after) : NULL;

      g_assert_cmpstr (pc_token_get_id (after), ==, pc_token_get_id (before));
      g_assert_cmpstr (pc_token_get_name (after), ==, pc_token_get_name (before));
      assert_same_date (pc_token_get_created_at (after), pc_token_get_created_at (before));
      assert_same_date (pc_token_get_last_used_at (after), pc_token_get_last_used_at (before));
      /* What the row showed of a secret the server sent masked; nothing of
       * a whole one (the creation's answer), nor "••••" alone. */
      if (i == 1)
        g_assert_cmpstr (masked_after, ==, masked_before);
      else
        g_assert_null (pc_token_get_token (after));
    }
  g_assert_cmpstr (pc_token_get_name (read->pdata[4]), ==, "a \"quoted\" \\ name\twith é");
  masked = pc_token_dup_masked (read->pdata[1]);
  g_assert_cmpstr (masked, ==, "••••Z9q4");
}

/* One list per server and account (an address in any case), and none
 * without both. */
static void
test_apart (void)
{
  g_autoptr(GPtrArray) tokens = some_tokens ();
  g_autoptr(GPtrArray) other_account = NULL;
  g_autoptr(GPtrArray) other_server = NULL;
  g_autoptr(GPtrArray) same = NULL;

  g_assert_true (pc_token_cache_save (SERVER, ACCOUNT, tokens, NULL));
  other_account = pc_token_cache_load (SERVER, "grace@example.org", NULL);
  other_server = pc_token_cache_load ("https://other.example/v2", ACCOUNT, NULL);
  same = pc_token_cache_load (SERVER "/", "Ada@Example.org", NULL);
  g_assert_cmpuint (other_account->len, ==, 0);
  g_assert_cmpuint (other_server->len, ==, 0);
  g_assert_cmpuint (same->len, ==, tokens->len);
  g_assert_null (pc_token_cache_dup_path (SERVER, NULL));
  g_assert_null (pc_token_cache_dup_path (SERVER, ""));
}

static void
test_drop (void)
{
  g_autoptr(GPtrArray) tokens = some_tokens ();
  g_autoptr(GPtrArray) read = NULL;
  g_autofree char *path = pc_token_cache_dup_path (SERVER, ACCOUNT);

  g_assert_true (pc_token_cache_save (SERVER, ACCOUNT, tokens, NULL));
  pc_token_cache_drop (SERVER, ACCOUNT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  read = pc_token_cache_load (SERVER, ACCOUNT, NULL);
  g_assert_cmpuint (read->len, ==, 0);
  pc_token_cache_drop (SERVER, ACCOUNT); /* nothing there: no harm */
}

/* A broken cache is no reason to stop: it reads as an error, is dropped,
 * and the next start asks the server as if nothing was kept. */
static void
test_broken (void)
{
  const char *broken[] = {
    "not json",
    "{\"version\": 1, \"tokens\": [{\"id\": \"tok-1\"},]}", /* trailing comma: not strict JSON */
    "{\"version\": 99, \"tokens\": []}",                    /* another version */
    "{\"version\": 1, \"tokens\": {}}",
    "[]",
  };
  g_autofree char *path = pc_token_cache_dup_path (SERVER, ACCOUNT);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) read = NULL;

      g_assert_true (g_file_set_contents (path, broken[i], -1, NULL));
      read = pc_token_cache_load (SERVER, ACCOUNT, &error);
      g_assert_null (read);
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  /* Entries that are not tokens are skipped, the others kept. */
  {
    g_autoptr(GPtrArray) read = NULL;

    g_assert_true (g_file_set_contents (path, "{\"version\": 1, \"tokens\": [{\"id\": \"tok-1\"}, 7, {\"name\": "
                                              "\"no id\"}, {\"id\": \"tok-2\"}]}", -1, NULL));
    read = pc_token_cache_load (SERVER, ACCOUNT, NULL);
    g_assert_cmpuint (read->len, ==, 2);
  }

  /* A link in its place is not followed, and goes; what it pointed to
   * stays as it was. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) read = NULL;
    g_autofree char *target = g_build_filename (folder, "elsewhere.json", NULL);
    g_autofree char *after = NULL;

    g_assert_true (g_file_set_contents (target, "{\"version\": 1, \"tokens\": [{\"id\": \"tok-1\"}]}", -1, NULL));
    g_unlink (path);
    g_assert_cmpint (symlink (target, path), ==, 0);
    read = pc_token_cache_load (SERVER, ACCOUNT, &error);
    g_assert_null (read);
    g_assert_nonnull (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));
    g_assert_true (g_file_get_contents (target, &after, NULL, NULL));
    g_assert_nonnull (strstr (after, "tok-1"));
  }

  /* A list far longer than anyone keeps is not one of ours. */
  {
    g_autoptr(GString) many = g_string_new ("{\"version\": 1, \"tokens\": [");
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) read = NULL;

    for (guint i = 0; i <= 100000; i++)
      g_string_append_printf (many, "%s{\"id\": \"t%u\"}", i ? "," : "", i);
    g_string_append (many, "]}");
    g_assert_true (g_file_set_contents (path, many->str, many->len, NULL));
    read = pc_token_cache_load (SERVER, ACCOUNT, &error);
    g_assert_null (read);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  }

  /* A FIFO in its place is not waited on. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) read = NULL;

    g_unlink (path);
    g_assert_cmpint (mkfifo (path, 0600), ==, 0);
    read = pc_token_cache_load (SERVER, ACCOUNT, &error);
    g_assert_null (read);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

static void
test_async (void)
{
  g_autoptr(GPtrArray) tokens = some_tokens ();
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;

  pc_token_cache_save_async (SERVER, ACCOUNT, tokens, NULL, pc_test_keep_result, &slot);
  saved = pc_test_wait (&slot);
  g_assert_true (pc_token_cache_save_finish (saved, &error));
  g_assert_no_error (error);

  pc_token_cache_load_async (SERVER, ACCOUNT, NULL, pc_test_keep_result, &slot);
  loaded = pc_test_wait (&slot);
  read = pc_token_cache_load_finish (loaded, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, tokens->len);
}

static guint
load_count (const char *server,
            const char *account)
{
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pc_token_cache_load_async (server, account, NULL, pc_test_keep_result, &slot);
  loaded = pc_test_wait (&slot);
  read = pc_token_cache_load_finish (loaded, &error);
  g_assert_no_error (error);
  return read->len;
}

/* A list read ahead is what the next load of it gives, once, unless it was
 * saved anew or dropped in between; the file is removed behind its back to
 * tell a list read ahead from one read from disk. */
static void
test_read_ahead (void)
{
  g_autoptr(GPtrArray) tokens = some_tokens ();
  g_autoptr(GPtrArray) fewer = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = pc_token_cache_dup_path (SERVER, ACCOUNT);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (fewer, g_object_ref (tokens->pdata[0]));

  g_assert_true (pc_token_cache_save (SERVER, ACCOUNT, tokens, &error));
  pc_token_cache_read_ahead (SERVER, ACCOUNT);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpuint (load_count (SERVER, ACCOUNT), ==, tokens->len);
  g_assert_cmpuint (load_count (SERVER, ACCOUNT), ==, 0);

  /* Another account's load drops it. */
  g_assert_true (pc_token_cache_save (SERVER, ACCOUNT, tokens, &error));
  pc_token_cache_read_ahead (SERVER, ACCOUNT);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpuint (load_count (SERVER, "grace@example.org"), ==, 0);
  g_assert_cmpuint (load_count (SERVER, ACCOUNT), ==, 0);

  /* A save in between: the saved list. */
  g_assert_true (pc_token_cache_save (SERVER, ACCOUNT, tokens, &error));
  pc_token_cache_read_ahead (SERVER, ACCOUNT);
  g_assert_true (pc_token_cache_save (SERVER, ACCOUNT, fewer, &error));
  g_assert_cmpuint (load_count (SERVER, ACCOUNT), ==, 1);

  /* A drop in between: nothing. */
  g_assert_true (pc_token_cache_save (SERVER, ACCOUNT, tokens, &error));
  pc_token_cache_read_ahead (SERVER, ACCOUNT);
  pc_token_cache_drop (SERVER, ACCOUNT);
  g_assert_cmpuint (load_count (SERVER, ACCOUNT), ==, 0);
}

/* The session: signing out and deleting the account drop what was known
 * of the account; a new sign-in to it does not. */

static gboolean
sign_in (PcSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pc_session_sign_in_with_token_async (session, PC_MOCK_DEMO_TOKEN, NULL, NULL, pc_test_keep_result, &slot);
  result = pc_test_wait (&slot);
  return pc_session_sign_in_finish (session, result, NULL);
}

static void
clear_keyring (const char *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pc_secret_store_clear_async (server, NULL, pc_test_keep_result, &slot);
  result = pc_test_wait (&slot);
}

static void
test_session_drops (gconstpointer data)
{
  gboolean delete_account = GPOINTER_TO_INT (data);
  g_autoptr(PcMockServer) mock = pc_mock_server_start (NULL);
  const char *server = pc_mock_server_get_base_url (mock);
  g_autoptr(PcSession) session = pc_session_new (server, NULL);
  g_autoptr(GPtrArray) tokens = some_tokens ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = NULL;
  GAsyncResult *slot = NULL;

  g_assert_true (sign_in (session));
  g_assert_cmpstr (pc_session_get_account (session), ==, PC_MOCK_DEMO_EMAIL);
  path = pc_token_cache_dup_path (server, PC_MOCK_DEMO_EMAIL);
  g_assert_true (pc_token_cache_save (server, PC_MOCK_DEMO_EMAIL, tokens, NULL));
  /* Signing in again keeps it. */
  g_assert_true (sign_in (session));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (delete_account)
    {
      pc_session_unregister_async (session, NULL, pc_test_keep_result, &slot);
      result = pc_test_wait (&slot);
      g_assert_true (pc_session_unregister_finish (session, result, NULL));
    }
  else
    {
      pc_session_sign_out_async (session, NULL, pc_test_keep_result, &slot);
      /* A window closing while the sign-out is under way keeps what it
       * showed: that goes too, once the sign-out is done. */
      g_assert_true (pc_token_cache_save (server, PC_MOCK_DEMO_EMAIL, tokens, NULL));
      result = pc_test_wait (&slot);
      g_assert_true (pc_session_sign_out_finish (session, result, NULL));
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  clear_keyring (server);
}

/* A stored sign-in: the account is known (restoring) before the server
 * has answered, and restoring ends after the state has changed. */
static void
state_seen (PcSession  *session,
            GParamSpec *pspec,
            GString    *seen)
{
  g_string_append_printf (seen, "%s:%d,%d ", pspec->name, pc_session_get_state (session),
                          pc_session_get_restoring (session));
}

static void
test_session_restoring (void)
{
  g_autoptr(PcMockServer) mock = pc_mock_server_start (NULL);
  const char *server = pc_mock_server_get_base_url (mock);
  g_autoptr(PcSession) first = pc_session_new (server, NULL);
  g_autoptr(PcSession) second = pc_session_new (server, NULL);
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *expected = NULL;
  GAsyncResult *slot = NULL;

  g_assert_true (sign_in (first));
  g_signal_connect (second, "notify::state", G_CALLBACK (state_seen), seen);
  g_signal_connect (second, "notify::restoring", G_CALLBACK (state_seen), seen);
  pc_mock_server_set_held (mock, TRUE);
  pc_session_restore_async (second, NULL, pc_test_keep_result, &slot);
  while (pc_mock_server_count_held (mock) == 0)
    g_main_context_iteration (NULL, TRUE);
  /* Asked about the profile, not yet answered: the account is known. */
  g_assert_true (pc_session_get_restoring (second));
  g_assert_cmpint (pc_session_get_state (second), ==, PC_SESSION_SIGNED_OUT);
  g_assert_cmpstr (pc_session_get_account (second), ==, PC_MOCK_DEMO_EMAIL);
  pc_mock_server_set_held (mock, FALSE);
  result = pc_test_wait (&slot);
  g_assert_true (pc_session_restore_finish (second, result, NULL));
  expected = g_strdup_printf ("restoring:%d,1 state:%d,1 restoring:%d,0 ", PC_SESSION_SIGNED_OUT,
                              PC_SESSION_SIGNED_IN, PC_SESSION_SIGNED_IN);
  g_assert_cmpstr (seen->str, ==, expected);
  clear_keyring (server);
}

/* An app's start: the sign-in and its list read while GTK would start,
 * the list only when asked for. */
static void
test_session_look_ahead (gconstpointer data)
{
  gboolean with_tokens = GPOINTER_TO_INT (data);
  g_autoptr(PcMockServer) mock = pc_mock_server_start (NULL);
  const char *server = pc_mock_server_get_base_url (mock);
  g_autoptr(PcSession) first = pc_session_new (server, NULL);
  g_autoptr(PcSession) second = pc_session_new (server, NULL);
  g_autoptr(GPtrArray) tokens = some_tokens ();
  g_autofree char *path = pc_token_cache_dup_path (server, PC_MOCK_DEMO_EMAIL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  g_assert_true (sign_in (first));
  g_assert_true (pc_token_cache_save (server, PC_MOCK_DEMO_EMAIL, tokens, &error));

  pc_session_look_ahead (server, with_tokens);
  pc_session_restore_async (second, NULL, pc_test_keep_result, &slot);
  result = pc_test_wait (&slot);
  g_assert_true (pc_session_restore_finish (second, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_session_get_state (second), ==, PC_SESSION_SIGNED_IN);
  g_assert_cmpstr (pc_session_get_account (second), ==, PC_MOCK_DEMO_EMAIL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpuint (load_count (server, PC_MOCK_DEMO_EMAIL), ==, with_tokens ? tokens->len : 0);
  clear_keyring (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("pc-token-cache-XXXXXX", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  /* A cache folder of this run's own, before GLib reads where it is. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-cache/round-trip", test_round_trip);
  g_test_add_func ("/token-cache/apart", test_apart);
  g_test_add_func ("/token-cache/drop", test_drop);
  g_test_add_func ("/token-cache/broken", test_broken);
  g_test_add_func ("/token-cache/async", test_async);
  g_test_add_func ("/token-cache/read-ahead", test_read_ahead);
  g_test_add_data_func ("/token-cache/session/sign-out", GINT_TO_POINTER (FALSE), test_session_drops);
  g_test_add_data_func ("/token-cache/session/delete-account", GINT_TO_POINTER (TRUE), test_session_drops);
  g_test_add_func ("/token-cache/session/restoring", test_session_restoring);
  g_test_add_data_func ("/token-cache/session/look-ahead", GINT_TO_POINTER (TRUE), test_session_look_ahead);
  g_test_add_data_func ("/token-cache/session/look-ahead-without-list", GINT_TO_POINTER (FALSE),
                        test_session_look_ahead);
  return g_test_run ();
}
