/* test-token-names.c: the names people give tokens, kept on this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <string.h>

#include "pc-token-names.h"

static char *
scratch_file (void)
{
  g_autofree char *folder = g_dir_make_tmp ("pc-token-names-XXXXXX", NULL);
  return g_build_filename (folder, "sub", "token-names.json", NULL);
}

static void
test_round_trip (void)
{
  g_autofree char *path = scratch_file ();
  g_autoptr(PcTokenNames) names = pc_token_names_new (path);
  g_autoptr(PcTokenNames) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf info;

  g_assert_null (pc_token_names_lookup (names, "https://a.example/v2", "tok-1"));
  g_assert_true (pc_token_names_set (names, "https://a.example/v2/", "tok-1", "analysis", &error));
  g_assert_no_error (error);
  g_assert_true (pc_token_names_set (names, "https://b.example/v2", "tok-1", "other server", &error));
  /* The same server however it is spelled; another server apart. */
  g_assert_cmpstr (pc_token_names_lookup (names, "https://a.example/v2", "tok-1"), ==, "analysis");
  g_assert_cmpstr (pc_token_names_lookup (names, "https://b.example/v2", "tok-1"), ==, "other server");

  /* Kept for the next start, readable by its owner only. */
  reread = pc_token_names_new (path);
  g_assert_cmpstr (pc_token_names_lookup (reread, "https://a.example/v2", "tok-1"), ==, "analysis");
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_nonnull (strstr (contents, "analysis"));

  g_assert_true (pc_token_names_remove (reread, "https://a.example/v2", "tok-1", &error));
  g_clear_object (&names);
  names = pc_token_names_new (path);
  g_assert_null (pc_token_names_lookup (names, "https://a.example/v2", "tok-1"));
  g_assert_cmpstr (pc_token_names_lookup (names, "https://b.example/v2", "tok-1"), ==, "other server");
}

static char *
write_broken (const char *contents,
              gssize      length)
{
  g_autofree char *path = scratch_file ();
  g_autofree char *folder = g_path_get_dirname (path);

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return g_steal_pointer (&path);
}

/* A broken file is moved aside with its contents whole, the store starts
 * empty, and the next change writes a fresh file. */
static void
test_broken_file (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *walk_around = g_strconcat ("{\"https://a.example/v2\": {\"x\": '\"'}, \"b\": ", deep, NULL);
  const char * const broken[] = {
    "{ not json",
    "{\"https://a.example/v2\": {\"tok-1\": 'single quotes'}}",
    "{\"https://a.example/v2\": {\"tok-1\": \"x\"} /* comment */}",
    "\xef\xbb\xbf{}",
    "{\"https://a.example/v2\": {\"tok-1\": \"x\",}}",
    "[\"an array\"]",
    "{\"https://a.example/v2\": {\"tok-1\": \"\\u0000\"}}",
    "{\"a\": 1} {\"b\": 2}",
    "",
    walk_around,
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = write_broken (broken[i], -1);
      g_autoptr(PcTokenNames) names = NULL;
      g_autoptr(PcTokenNames) reread = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *kept = NULL;
      g_autofree char *set_aside = NULL;
      g_autofree char *dirname = g_path_get_dirname (path);

      g_test_expect_message ("PcTokenNames", G_LOG_LEVEL_WARNING, "*set aside as*token-names.json.corrupt-*");
      names = pc_token_names_new (path);
      g_test_assert_expected_messages ();

      g_assert_null (pc_token_names_lookup (names, "https://a.example/v2", "tok-1"));
      g_object_get (names, "set-aside-path", &set_aside, NULL);
      g_assert_nonnull (set_aside);
      g_assert_cmpstr (set_aside, ==, pc_token_names_get_set_aside_path (names));
      g_assert_true (g_str_has_prefix (set_aside, path));
      g_assert_true (g_file_get_contents (set_aside, &kept, NULL, NULL));
      g_assert_cmpstr (kept, ==, broken[i]);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

      g_assert_true (pc_token_names_set (names, "https://a.example/v2", "tok-1", "fresh", &error));
      g_assert_no_error (error);
      reread = pc_token_names_new (path);
      g_assert_cmpstr (pc_token_names_lookup (reread, "https://a.example/v2", "tok-1"), ==, "fresh");
      g_assert_null (pc_token_names_get_set_aside_path (reread));
      /* The broken file is still there for whoever wants it back. */
      g_assert_true (g_file_test (set_aside, G_FILE_TEST_EXISTS));
    }
}

/* The command line (another process, here another instance) writes a name
 * between the app's start and the app's own change: neither is lost, and
 * a removal made elsewhere stays removed. */
static void
test_concurrent_writers (void)
{
  g_autofree char *path = scratch_file ();
  g_autoptr(PcTokenNames) first = NULL;
  g_autoptr(PcTokenNames) app = NULL;
  g_autoptr(PcTokenNames) cli = NULL;
  g_autoptr(PcTokenNames) reread = NULL;
  g_autoptr(GError) error = NULL;
  const char *server = "https://a.example/v2";

  first = pc_token_names_new (path);
  g_assert_true (pc_token_names_set (first, server, "tok-0", "old", &error));
  g_assert_no_error (error);

  app = pc_token_names_new (path);
  cli = pc_token_names_new (path);
  g_assert_true (pc_token_names_set (cli, server, "tok-cli", "from the command line", &error));
  g_assert_true (pc_token_names_remove (cli, server, "tok-0", &error));
  g_assert_no_error (error);
  /* The app still has its view from the start... */
  g_assert_cmpstr (pc_token_names_lookup (app, server, "tok-0"), ==, "old");
  g_assert_null (pc_token_names_lookup (app, server, "tok-cli"));

  /* ...and its change is made to what is on disk now. */
  g_assert_true (pc_token_names_set (app, server, "tok-app", "from the app", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pc_token_names_lookup (app, server, "tok-cli"), ==, "from the command line");
  g_assert_null (pc_token_names_lookup (app, server, "tok-0"));

  reread = pc_token_names_new (path);
  g_assert_cmpstr (pc_token_names_lookup (reread, server, "tok-cli"), ==, "from the command line");
  g_assert_cmpstr (pc_token_names_lookup (reread, server, "tok-app"), ==, "from the app");
  g_assert_null (pc_token_names_lookup (reread, server, "tok-0"));

  /* A removal by the app keeps what the command line wrote meanwhile. */
  g_assert_true (pc_token_names_set (cli, server, "tok-cli-2", "second", &error));
  g_assert_true (pc_token_names_remove (app, server, "tok-app", &error));
  g_assert_no_error (error);
  g_clear_object (&reread);
  reread = pc_token_names_new (path);
  g_assert_cmpstr (pc_token_names_lookup (reread, server, "tok-cli-2"), ==, "second");
  g_assert_cmpstr (pc_token_names_lookup (reread, server, "tok-cli"), ==, "from the command line");
  g_assert_null (pc_token_names_lookup (reread, server, "tok-app"));
}

/* Every character a name may hold comes back as it was: json-glib 1.6.6
 * writes U+001F unescaped, which the strict reader would refuse. */
static void
test_any_name (void)
{
  g_autofree char *path = scratch_file ();
  g_autoptr(PcTokenNames) names = pc_token_names_new (path);
  g_autoptr(PcTokenNames) reread = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = "a\x1f" "b\x01\t\"\\/\x7f \xc3\xa9 \xf0\x9f\x98\x80";

  g_assert_true (pc_token_names_set (names, "https://a.example/v2", "tok-\x1f", name, &error));
  g_assert_no_error (error);
  reread = pc_token_names_new (path);
  g_assert_null (pc_token_names_get_set_aside_path (reread));
  g_assert_cmpstr (pc_token_names_lookup (reread, "https://a.example/v2", "tok-\x1f"), ==, name);
}

/* Something that is not a regular file where the names belong (a FIFO no
 * one writes to, which would block a plain read for ever): set aside at
 * once, and the store works on. */
static void
test_not_a_file (void)
{
  g_autofree char *path = scratch_file ();
  g_autoptr(PcTokenNames) names = NULL;
  g_autoptr(GError) error = NULL;
  const char *aside;
  g_autofree char *folder = g_path_get_dirname (path);
  GStatBuf info;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_test_expect_message ("PcTokenNames", G_LOG_LEVEL_WARNING, "*not a regular file*set aside*");
  names = pc_token_names_new (path);
  g_test_assert_expected_messages ();
  aside = pc_token_names_get_set_aside_path (names);
  g_assert_nonnull (aside);
  g_assert_cmpint (g_stat (aside, &info), ==, 0);
  g_assert_true (S_ISFIFO (info.st_mode));
  g_assert_true (pc_token_names_set (names, "https://api.example.com/v2", "tok-1", "laptop", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_true (S_ISREG (info.st_mode));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/token-names/round-trip", test_round_trip);
  g_test_add_func ("/token-names/broken-file", test_broken_file);
  g_test_add_func ("/token-names/concurrent-writers", test_concurrent_writers);
  g_test_add_func ("/token-names/any-name", test_any_name);
  g_test_add_func ("/token-names/not-a-file", test_not_a_file);
  return g_test_run ();
}
