/* test-format.c: the display rules both programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A token's title, an invitation's description, exact dates and what an
 * answer to an invitation means: the desktop app and the command line
 * call these, so each is checked once here, in English and in German.
 */
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "pc-model-private.h"
#include "pupilcloud.h"

/* Translations from the build folder; LANGUAGE picks one (the test runs in
 * C.UTF-8, where only LANGUAGE moves gettext). */
static void
use_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* Tells gettext that what it looked up may have changed. */
  setlocale (LC_ALL, "");
}

static PcInvitation *
invitation_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  PcInvitation *invitation;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  invitation = pc_invitation_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return invitation;
}

#define WITH_INVITER                                                                    \
  "{\"id\": \"inv-1\", \"token\": \"invite-abc\", \"email\": \"ada@example.org\","     \
  " \"role\": \"VIEWER\", \"workspace_id\": \"ws-7\","                                  \
  " \"created_at\": \"2026-11-01T00:00:00Z\", \"expires_at\": \"2026-11-03T00:00:00Z\"," \
  " \"workspace\": {\"id\": \"ws-7\", \"name\": \"Vision Lab\"},"                       \
  " \"created_by\": {\"id\": \"u-9\", \"email\": \"grace@example.org\", \"name\": \"Grace\"}}"

#define BY_EMAIL_ONLY                                                                   \
  "{\"id\": \"inv-2\", \"token\": \"invite-def\", \"email\": \"ada@example.org\","     \
  " \"role\": \"EDITOR\", \"workspace_id\": \"ws-8\","                                  \
  " \"created_at\": \"2026-11-01T00:00:00Z\", \"expires_at\": \"2026-11-03T00:00:00Z\"," \
  " \"created_by\": {\"id\": \"u-9\", \"email\": \"grace@example.org\", \"name\": \"\"}}"

#define UNKNOWN_ROLE_NO_END                                                             \
  "{\"id\": \"inv-3\", \"token\": \"invite-ghi\", \"email\": \"ada@example.org\","     \
  " \"role\": \"OWNER_OF_ALL\", \"workspace_id\": \"ws-9\","                            \
  " \"created_at\": \"2026-11-01T00:00:00Z\"}"

static void
test_exact_date (void)
{
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 5, 1, 12, 3, 0);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 11, 30, 9, 12, 0);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *german = NULL;

  g_assert_null (pc_format_exact_date (NULL));
  /* No space before a day below 10, which %e would pad with. */
  first = pc_format_exact_date (early);
  g_assert_cmpstr (first, ==, "1 May 2026, 12:03");
  second = pc_format_exact_date (late);
  g_assert_cmpstr (second, ==, "30 November 2026, 09:12");

  use_language ("de");
  german = pc_format_exact_date (early);
  use_language (NULL);
  /* The month's name follows LC_TIME (C here); the order is the translation's. */
  g_assert_cmpstr (german, ==, "1. May 2026, 12:03");
}

static void
test_token_title (void)
{
  g_autofree char *unnamed = pc_format_token_title_from_fields ("tok-0001-abcdef", NULL, NULL);
  g_autofree char *empty = pc_format_token_title_from_fields ("tok-0001-abcdef", "", "");
  g_autofree char *server = pc_format_token_title_from_fields ("tok-0001-abcdef", "from the server", NULL);
  g_autofree char *local = pc_format_token_title_from_fields ("tok-0001-abcdef", "from the server", "lab laptop");
  g_autofree char *german = NULL;

  g_assert_cmpstr (unnamed, ==, "Unnamed token tok-0001");
  g_assert_cmpstr (empty, ==, "Unnamed token tok-0001");
  g_assert_cmpstr (server, ==, "from the server");
  g_assert_cmpstr (local, ==, "lab laptop");

  use_language ("de");
  german = pc_format_token_title_from_fields ("tok-0001-abcdef", NULL, NULL);
  use_language (NULL);
  g_assert_true (g_str_has_suffix (german, " tok-0001"));
  g_assert_cmpstr (german, !=, "Unnamed token tok-0001");
}

static void
test_invitation_summary (void)
{
  g_autoptr(PcInvitation) with_inviter = invitation_from (WITH_INVITER);
  g_autoptr(PcInvitation) by_email = invitation_from (BY_EMAIL_ONLY);
  g_autoptr(PcInvitation) unknown = invitation_from (UNKNOWN_ROLE_NO_END);
  g_autoptr(GDateTime) before = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2026, 11, 6, 0, 0, 0);
  g_autofree char *role = pc_format_invitation_role (with_inviter);
  g_autofree char *unknown_role = pc_format_invitation_role (unknown);
  g_autofree char *expires = pc_format_invitation_expiry (with_inviter, before);
  g_autofree char *expired = pc_format_invitation_expiry (with_inviter, after);
  g_autofree char *summary = pc_format_invitation_summary (with_inviter, before);
  g_autofree char *summary_by_email = pc_format_invitation_summary (by_email, before);
  g_autofree char *summary_expired = pc_format_invitation_summary (by_email, after);
  g_autofree char *summary_unknown = pc_format_invitation_summary (unknown, before);
  g_autofree char *german = NULL;

  g_assert_cmpstr (role, ==, "Viewer: Can view and download recordings");
  g_assert_cmpstr (unknown_role, ==, "OWNER_OF_ALL");
  g_assert_cmpstr (pc_format_invitation_inviter (with_inviter), ==, "Grace");
  g_assert_cmpstr (pc_format_invitation_inviter (by_email), ==, "grace@example.org");
  g_assert_null (pc_format_invitation_inviter (unknown));
  g_assert_cmpstr (expires, ==, "expires in 2 days");
  g_assert_cmpstr (expired, ==, "expired 3 days ago");
  g_assert_null (pc_format_invitation_expiry (unknown, before));

  /* The app's lines: the command line prints the same parts in columns. */
  g_assert_cmpstr (summary, ==, "Viewer: Can view and download recordings\nInvited by Grace, expires in 2 days");
  g_assert_cmpstr (summary_by_email, ==,
                   "Editor: Can edit, enrich and delete recordings\nInvited by grace@example.org, expires in 2 days");
  g_assert_cmpstr (summary_expired, ==, "Editor. Expired: ask a workspace admin to invite you again");
  g_assert_cmpstr (summary_unknown, ==, "OWNER_OF_ALL");

  use_language ("de");
  german = pc_format_invitation_summary (with_inviter, before);
  use_language (NULL);
  g_assert_true (g_str_has_prefix (german, "Betrachter"));
  g_assert_nonnull (strstr (german, "Grace"));
  g_assert_nonnull (strstr (german, "in 2 Tagen"));
}

static void
test_answers (void)
{
  g_autoptr(GError) conflict = g_error_new_literal (PC_ERROR, PC_ERROR_CONFLICT, "conflict");
  g_autoptr(GError) gone = g_error_new_literal (PC_ERROR, PC_ERROR_GONE, "gone");
  g_autoptr(GError) not_found = g_error_new_literal (PC_ERROR, PC_ERROR_NOT_FOUND, "not found");
  g_autoptr(GError) server = g_error_new_literal (PC_ERROR, PC_ERROR_SERVER, "server");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  g_autofree char *joined = NULL;
  g_autofree char *member = NULL;
  g_autofree char *declined = NULL;
  g_autofree char *declined_to = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *german = NULL;

  g_assert_cmpint (pc_answer_for_accept (NULL), ==, PC_ANSWER_JOINED);
  g_assert_cmpint (pc_answer_for_accept (conflict), ==, PC_ANSWER_ALREADY_MEMBER);
  g_assert_cmpint (pc_answer_for_accept (gone), ==, PC_ANSWER_NO_LONGER_VALID);
  g_assert_cmpint (pc_answer_for_accept (not_found), ==, PC_ANSWER_NO_LONGER_VALID);
  g_assert_cmpint (pc_answer_for_accept (server), ==, PC_ANSWER_FAILED);
  g_assert_cmpint (pc_answer_for_accept (cancelled), ==, PC_ANSWER_FAILED);
  g_assert_cmpint (pc_answer_for_decline (NULL), ==, PC_ANSWER_DECLINED);
  g_assert_cmpint (pc_answer_for_decline (gone), ==, PC_ANSWER_NO_LONGER_VALID);
  g_assert_cmpint (pc_answer_for_decline (not_found), ==, PC_ANSWER_NO_LONGER_VALID);
  /* A 409 to a decline is no membership. */
  g_assert_cmpint (pc_answer_for_decline (conflict), ==, PC_ANSWER_FAILED);
  g_assert_cmpint (pc_answer_for_decline (server), ==, PC_ANSWER_FAILED);

  joined = pc_format_answer (PC_ANSWER_JOINED, "Vision Lab", "EDITOR");
  g_assert_cmpstr (joined, ==, "You joined Vision Lab as Editor");
  member = pc_format_answer (PC_ANSWER_ALREADY_MEMBER, "Vision Lab", "EDITOR");
  g_assert_cmpstr (member, ==, "You are already a member of Vision Lab");
  declined = pc_format_answer (PC_ANSWER_DECLINED, NULL, NULL);
  g_assert_cmpstr (declined, ==, "Declined the invitation");
  declined_to = pc_format_answer (PC_ANSWER_DECLINED, "Vision Lab", NULL);
  g_assert_cmpstr (declined_to, ==, "Declined the invitation to Vision Lab");
  invalid = pc_format_answer (PC_ANSWER_NO_LONGER_VALID, "Vision Lab", "EDITOR");
  g_assert_cmpstr (invalid, ==, "This invitation is no longer valid");
  unknown = pc_format_answer (PC_ANSWER_JOINED, NULL, "VIEWER");
  g_assert_cmpstr (unknown, ==, "You joined Unknown workspace as Viewer");
  g_assert_null (pc_format_answer (PC_ANSWER_FAILED, "Vision Lab", "EDITOR"));

  use_language ("de");
  german = pc_format_answer (PC_ANSWER_JOINED, "Driving Study 2026", "VIEWER");
  use_language (NULL);
  g_assert_cmpstr (german, ==, "Sie sind Driving Study 2026 als Betrachter beigetreten");
}

int
main (int   argc,
      char *argv[])
{
  /* Exact dates in a known zone. */
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PUPIL_CLOUD_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/exact-date", test_exact_date);
  g_test_add_func ("/format/token-title", test_token_title);
  g_test_add_func ("/format/invitation-summary", test_invitation_summary);
  g_test_add_func ("/format/answers", test_answers);
  return g_test_run ();
}
