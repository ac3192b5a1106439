/* test-token-names.c: the names people give tokens, kept on this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
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

static void
test_unreadable_file (void)
{
  g_autofree char *path = scratch_file ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(PcTokenNames) names = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (path, "{ not json", -1, NULL);
  /* A broken file reads as empty, and is replaced whole on the next change. */
  names = pc_token_names_new (path);
  g_assert_null (pc_token_names_lookup (names, "https://a.example/v2", "tok-1"));
  g_assert_true (pc_token_names_set (names, "https://a.example/v2", "tok-1", "fresh", &error));
  g_assert_no_error (error);
  g_clear_object (&names);
  names = pc_token_names_new (path);
  g_assert_cmpstr (pc_token_names_lookup (names, "https://a.example/v2", "tok-1"), ==, "fresh");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/token-names/round-trip", test_round_trip);
  g_test_add_func ("/token-names/unreadable-file", test_unreadable_file);
  return g_test_run ();
}
