/* test-models.c: building models from the JSON the service sends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pupilcloud.h"

#include "pc-test-util.h"

typedef gpointer (*NewFromJson) (JsonObject *object, GError **error);

static gpointer
load (const char   *name,
      NewFromJson   parse,
      GError      **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  json_parser_load_from_file (parser, path, &local_error);
  g_assert_no_error (local_error);
  return parse (json_node_get_object (json_parser_get_root (parser)), error);
}

static void
assert_date (GDateTime  *date,
             const char *expected_utc)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (date);
  utc = g_date_time_to_utc (date);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_assert_cmpstr (text, ==, expected_utc);
}

static void
test_profile_complete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = load ("profile-complete.json", (NewFromJson) pc_profile_new_from_json, &error);
  g_autoptr(PcWorkspaceMembership) owner = NULL;
  g_autoptr(PcWorkspaceMembership) unknown = NULL;
  g_autofree char *short_name = NULL;
  GListModel *workspaces;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_profile_get_id (profile), ==, "5f1c2a9e-7d0b-4e1a-9c3f-2b8d6e4a1f00");
  g_assert_cmpstr (pc_profile_get_email (profile), ==, "ada@example.org");
  g_assert_cmpstr (pc_profile_get_name (profile), ==, "Ada Lovelace");
  g_assert_cmpstr (pc_profile_get_display_name (profile), ==, "Ada Lovelace");
  g_assert_cmpstr (pc_profile_get_photo_url (profile), ==, "https://example.org/ada.png");
  g_assert_cmpstr (pc_profile_get_provider (profile), ==, "google.com");
  g_assert_cmpstr (pc_profile_get_uid (profile), ==, "uid-ada");
  g_assert_cmpstr (pc_profile_get_default_workspace_id (profile), ==, "ws-1");
  g_assert_true (pc_profile_get_email_verified (profile));
  g_assert_true (pc_profile_get_product_updates_subscribed (profile));
  assert_date (pc_profile_get_onboarded_at (profile), "2025-03-04T10:20:30Z");

  workspaces = pc_profile_get_workspaces (profile);
  g_assert_cmpuint (g_list_model_get_n_items (workspaces), ==, 2);
  owner = g_list_model_get_item (workspaces, 0);
  g_assert_cmpstr (pc_workspace_membership_get_role (owner), ==, "OWNER");
  assert_date (pc_workspace_membership_get_created_at (owner), "2024-01-02T03:04:05Z");
  g_assert_cmpstr (pc_workspace_summary_get_name (pc_workspace_membership_get_workspace (owner)), ==, "Personal");

  /* A role nobody documented is kept as the server wrote it. */
  unknown = g_list_model_get_item (workspaces, 1);
  g_assert_cmpstr (pc_workspace_membership_get_role (unknown), ==, "SUPERVISOR");
  g_assert_cmpstr (pc_format_role ("SUPERVISOR"), ==, "SUPERVISOR");
  g_assert_null (pc_format_role_summary ("SUPERVISOR"));
  /* Without a name, a workspace is called by the start of its id. */
  short_name = pc_workspace_membership_dup_display_name (unknown);
  g_assert_cmpstr (short_name, ==, "Workspace 01234567");

  /* Properties say the same as getters. */
  {
    g_autofree char *name = NULL;
    g_autoptr(GListModel) list = NULL;
    g_object_get (profile, "name", &name, "workspaces", &list, NULL);
    g_assert_cmpstr (name, ==, "Ada Lovelace");
    g_assert_true (list == workspaces);
  }
}

static void
test_profile_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = load ("profile-minimal.json", (NewFromJson) pc_profile_new_from_json, &error);

  g_assert_no_error (error);
  g_assert_null (pc_profile_get_name (profile));
  g_assert_cmpstr (pc_profile_get_display_name (profile), ==, "min@example.org");
  g_assert_null (pc_profile_get_onboarded_at (profile));
  g_assert_false (pc_profile_get_email_verified (profile));
  g_assert_cmpuint (g_list_model_get_n_items (pc_profile_get_workspaces (profile)), ==, 0);
}

static void
test_profile_nulls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = load ("profile-nulls.json", (NewFromJson) pc_profile_new_from_json, &error);

  g_assert_no_error (error);
  g_assert_null (pc_profile_get_name (profile));
  g_assert_null (pc_profile_get_photo_url (profile));
  g_assert_null (pc_profile_get_default_workspace_id (profile));
  g_assert_null (pc_profile_get_onboarded_at (profile));
  g_assert_false (pc_profile_get_product_updates_subscribed (profile));
  g_assert_cmpuint (g_list_model_get_n_items (pc_profile_get_workspaces (profile)), ==, 0);
}

static void
test_profile_unknown_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = load ("profile-unknown-fields.json", (NewFromJson) pc_profile_new_from_json, &error);
  g_autoptr(PcWorkspaceMembership) nine = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_profile_get_name (profile), ==, "New Fields");
  /* Of three memberships, the two unreadable ones are left out. */
  g_assert_cmpuint (g_list_model_get_n_items (pc_profile_get_workspaces (profile)), ==, 1);
  nine = g_list_model_get_item (pc_profile_get_workspaces (profile), 0);
  g_assert_cmpstr (pc_workspace_membership_get_workspace_id (nine), ==, "ws-9");
}

static void
test_profile_wrong_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = load ("profile-wrong-types.json", (NewFromJson) pc_profile_new_from_json, &error);

  /* Optional fields of the wrong type read as absent. */
  g_assert_no_error (error);
  g_assert_null (pc_profile_get_name (profile));
  g_assert_null (pc_profile_get_photo_url (profile));
  g_assert_null (pc_profile_get_onboarded_at (profile));
  g_assert_false (pc_profile_get_email_verified (profile));
  g_assert_false (pc_profile_get_product_updates_subscribed (profile));
  g_assert_cmpuint (g_list_model_get_n_items (pc_profile_get_workspaces (profile)), ==, 0);
}

static void
test_missing_required (gconstpointer data)
{
  const char *name = data;
  NewFromJson parse = g_str_has_prefix (name, "profile") ? (NewFromJson) pc_profile_new_from_json
                    : g_str_has_prefix (name, "token") ? (NewFromJson) pc_token_new_from_json
                    : g_str_has_prefix (name, "invitation") ? (NewFromJson) pc_invitation_new_from_json
                    : (NewFromJson) pc_workspace_member_new_from_json;
  g_autoptr(GError) error = NULL;
  gpointer model = load (name, parse, &error);

  g_assert_null (model);
  g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
}

static void
test_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcToken) complete = load ("token-complete.json", (NewFromJson) pc_token_new_from_json, &error);
  g_autoptr(PcToken) minimal = NULL;
  g_autoptr(PcToken) nulls = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *masked_minimal = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_token_get_id (complete), ==, "tok-1");
  g_assert_cmpstr (pc_token_get_name (complete), ==, "analysis script");
  assert_date (pc_token_get_created_at (complete), "2026-01-02T03:04:05Z");
  /* An offset is honoured. */
  assert_date (pc_token_get_last_used_at (complete), "2026-02-03T03:05:06Z");
  masked = pc_token_dup_masked (complete);
  g_assert_cmpstr (masked, ==, "••••kM8n");

  minimal = load ("token-minimal.json", (NewFromJson) pc_token_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_null (pc_token_get_name (minimal));
  g_assert_null (pc_token_get_created_at (minimal));
  masked_minimal = pc_token_dup_masked (minimal);
  g_assert_cmpstr (masked_minimal, ==, "••••");

  nulls = load ("token-nulls.json", (NewFromJson) pc_token_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_null (pc_token_get_token (nulls));
  g_assert_null (pc_token_get_last_used_at (nulls));
}

static void
test_invitation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcInvitation) invitation =
    load ("invitation-complete.json", (NewFromJson) pc_invitation_new_from_json, &error);
  g_autoptr(PcInvitation) unknown = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_utc (2026, 11, 2, 0, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2026, 11, 3, 0, 0, 1);
  g_autofree char *name = NULL;
  g_autofree char *short_name = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_invitation_get_role (invitation), ==, "EDITOR");
  g_assert_cmpstr (pc_format_role (pc_invitation_get_role (invitation)), ==, "Editor");
  name = pc_invitation_dup_workspace_name (invitation);
  g_assert_cmpstr (name, ==, "Vision Lab");
  /* Without a name, the inviter is known by email. */
  g_assert_cmpstr (pc_user_get_display_name (pc_invitation_get_created_by (invitation)), ==, "grace@example.org");
  g_assert_false (pc_invitation_is_expired (invitation, before));
  g_assert_true (pc_invitation_is_expired (invitation, after));

  unknown = load ("invitation-unknown-role.json", (NewFromJson) pc_invitation_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pc_format_role (pc_invitation_get_role (unknown)), ==, "Owner");
  /* A workspace without an id is dropped, and the id stands in for the name. */
  g_assert_null (pc_invitation_get_workspace (unknown));
  short_name = pc_invitation_dup_workspace_name (unknown);
  g_assert_cmpstr (short_name, ==, "Workspace 0f1e2d3c");
  g_assert_false (pc_invitation_is_expired (unknown, after));
  g_assert_null (pc_invitation_get_token (unknown));
}

/* Dates as the seed shows them, without an offset, are UTC. */
static void
test_dates_without_offset (void)
{
  g_autoptr(GDateTime) plain = NULL;
  g_autoptr(GDateTime) fraction = NULL;
  g_autoptr(GDateTime) zulu = NULL;
  g_autoptr(GDateTime) offset = NULL;
  g_autoptr(GDateTime) broken = NULL;

  /* Not the machine's zone, whatever it is: a zone far from UTC. */
  g_setenv ("TZ", "America/St_Johns", TRUE);
  plain = pc_json_parse_datetime ("2026-11-30T09:12:00");
  fraction = pc_json_parse_datetime ("2026-11-30T09:12:00.250000");
  zulu = pc_json_parse_datetime ("2026-11-30T09:12:00Z");
  offset = pc_json_parse_datetime ("2026-11-30T11:12:00+02:00");
  broken = pc_json_parse_datetime ("30.11.2026 09:12");
  assert_date (plain, "2026-11-30T09:12:00Z");
  g_assert_cmpint (g_date_time_get_utc_offset (plain), ==, 0);
  assert_date (fraction, "2026-11-30T09:12:00Z");
  g_assert_cmpint (g_date_time_get_microsecond (fraction), ==, 250000);
  g_assert_true (g_date_time_equal (plain, zulu));
  g_assert_true (g_date_time_equal (plain, offset));
  g_assert_null (broken);
}

/* The service's own form of a date is read without GLib's ISO 8601
 * parser: what comes of it is what that parser makes of it, to the
 * microsecond, at the ends of the years GDateTime takes and on leap days;
 * a date that does not exist is none. */
static void
assert_read_as_glib (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) ours = pc_json_parse_datetime (text);
  g_autoptr(GDateTime) glib = g_date_time_new_from_iso8601 (text, utc);
  g_autofree char *ours_text = NULL;
  g_autofree char *glib_text = NULL;

  if (glib == NULL)
    {
      if (ours != NULL)
        g_error ("%s is read, GLib does not read it", text);
      return;
    }
  if (ours == NULL)
    g_error ("%s is not read, GLib reads it", text);
  ours_text = g_date_time_format (ours, "%FT%T.%f %z %Z");
  glib_text = g_date_time_format (glib, "%FT%T.%f %z %Z");
  if (!g_date_time_equal (ours, glib) || !g_str_equal (ours_text, glib_text))
    g_error ("%s is read as %s, GLib reads %s", text, ours_text, glib_text);
}

static void
test_service_dates (void)
{
  static const char * const days[] = {
    "2026-05-15", "0001-01-01", "9999-12-31", "2024-02-29", "2000-02-29", "2026-12-31",
  };
  static const char * const not_dates[] = {
    "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
    "2026-04-31T00:00:00Z", "2026-05-15T24:00:00Z", "2026-05-15T23:60:00Z", "2026-05-15T23:59:60Z",
    "0000-01-01T00:00:00Z", "2026-05-15T23:59:59.12345Z", "2026-05-15T23:59:59.1234567Z",
    "2026-05-15T23:59:59.-12345Z", "2026-05-15 23:59:59Z", "2026-05-15T23:59:59z", "+026-05-15T23:59:59Z",
    "2026-05-15T23:59:59.000000Z", "2026-05-15T23:59:59+00:00", "2026-05-15T23:59:59",
  };
  PcJsonDate fields;

  /* Without a fraction, and with the fractions of pc_test_microseconds(). */
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (int i = -1; i < PC_TEST_N_MICROSECONDS; i++)
      {
        char text[32];

        if (i < 0)
          g_snprintf (text, sizeof text, "%sT23:59:59Z", days[d]);
        else
          g_snprintf (text, sizeof text, "%sT23:59:59.%06dZ", days[d], pc_test_microseconds (i));
        g_assert_true (pc_json_read_date (text, &fields));
        assert_read_as_glib (text);
      }
  for (guint i = 0; i < G_N_ELEMENTS (not_dates); i++)
    assert_read_as_glib (not_dates[i]);
  g_assert_false (pc_json_read_date ("2026-02-29T00:00:00Z", &fields));
  g_assert_false (pc_json_read_date ("2026-05-15T23:59:59.12345Z", &fields));
}

/* Only what the seed's models list: no token name, no secret after
 * creation, no workspace or inviter objects, dates without an offset. */
static void
test_seed_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcToken) token = load ("token-seed-only.json", (NewFromJson) pc_token_new_from_json, &error);
  g_autoptr(PcInvitation) invitation = NULL;
  g_autoptr(PcInvitation) without_id = NULL;
  g_autoptr(PcInvitation) without_token = NULL;
  g_autoptr(PcInvitation) answerable = NULL;
  g_autoptr(PcInvitation) same = NULL;
  g_autoptr(PcProfile) profile = NULL;
  g_autoptr(PcWorkspaceMembership) owner = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_utc (2026, 12, 1, 9, 12, 0);
  g_autofree char *title = NULL;
  g_autofree char *named = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *membership = NULL;

  g_assert_no_error (error);
  g_assert_null (pc_token_get_name (token));
  g_assert_null (pc_token_get_token (token));
  assert_date (pc_token_get_created_at (token), "2026-11-30T09:12:00Z");
  /* An unnamed token is told apart by the start of its id; a name kept here wins. */
  title = pc_format_token_title (token, NULL);
  g_assert_cmpstr (title, ==, "Unnamed token 9b1f0c2e");
  named = pc_format_token_title (token, "analysis script");
  g_assert_cmpstr (named, ==, "analysis script");

  invitation = load ("invitation-seed-only.json", (NewFromJson) pc_invitation_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_null (pc_invitation_get_workspace (invitation));
  g_assert_null (pc_invitation_get_created_by (invitation));
  workspace = pc_invitation_dup_workspace_name (invitation);
  g_assert_cmpstr (workspace, ==, "Workspace c1d2e3f4");
  assert_date (pc_invitation_get_expires_at (invitation), "2026-12-01T09:12:00Z");
  g_assert_false (pc_invitation_is_expired (invitation, before));
  g_assert_cmpstr (pc_invitation_get_key (invitation), ==, "inv-seed-1");
  g_assert_true (pc_invitation_can_answer (invitation));

  /* Without an id: a key all the same, and never the token. */
  without_id = load ("invitation-without-id.json", (NewFromJson) pc_invitation_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_null (pc_invitation_get_id (without_id));
  g_assert_nonnull (pc_invitation_get_key (without_id));
  g_assert_null (strstr (pc_invitation_get_key (without_id), "invite-seed-without-id"));
  g_assert_cmpstr (pc_invitation_get_key (without_id), !=, pc_invitation_get_key (invitation));
  g_assert_true (pc_invitation_can_answer (without_id));

  /* Without a token: known, but not answerable from a list. */
  without_token = load ("invitation-without-token.json", (NewFromJson) pc_invitation_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pc_invitation_get_key (without_token), ==, "inv-seed-2");
  g_assert_false (pc_invitation_can_answer (without_token));
  answerable = pc_invitation_with_token (without_token, "invite-looked-up");
  g_assert_true (pc_invitation_can_answer (answerable));
  g_assert_cmpstr (pc_invitation_get_token (answerable), ==, "invite-looked-up");
  g_assert_cmpstr (pc_invitation_get_key (answerable), ==, "inv-seed-2");
  g_assert_true (pc_invitation_get_expires_at (answerable) == pc_invitation_get_expires_at (without_token));
  same = pc_invitation_with_token (invitation, "invite-other");
  g_assert_true (same == invitation);

  profile = load ("profile-seed-only.json", (NewFromJson) pc_profile_new_from_json, &error);
  g_assert_no_error (error);
  assert_date (pc_profile_get_onboarded_at (profile), "2026-08-03T01:31:35Z");
  g_assert_cmpuint (g_list_model_get_n_items (pc_profile_get_workspaces (profile)), ==, 2);
  owner = g_list_model_get_item (pc_profile_get_workspaces (profile), 0);
  g_assert_null (pc_workspace_membership_get_workspace (owner));
  assert_date (pc_workspace_membership_get_created_at (owner), "2025-10-27T01:31:35Z");
  membership = pc_workspace_membership_dup_display_name (owner);
  g_assert_cmpstr (membership, ==, "Workspace a3f5c1d2");
}

static void
test_workspace_title (void)
{
  g_autofree char *named = pc_format_workspace_title ("c1d2e3f4-0000", "Driving Study 2026");
  g_autofree char *unnamed = pc_format_workspace_title ("c1d2e3f4-0000", NULL);
  g_autofree char *empty_name = pc_format_workspace_title ("c1d2e3f4-0000", "");
  g_autofree char *short_id = pc_format_workspace_title ("ws-7", NULL);
  g_autofree char *no_id = pc_format_workspace_title (NULL, NULL);

  g_assert_cmpstr (named, ==, "Driving Study 2026");
  g_assert_cmpstr (unnamed, ==, "Workspace c1d2e3f4");
  g_assert_cmpstr (empty_name, ==, "Workspace c1d2e3f4");
  g_assert_cmpstr (short_id, ==, "Workspace ws-7");
  g_assert_cmpstr (no_id, ==, "Unknown workspace");
}

static void
test_member (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcWorkspaceMember) member =
    load ("member-complete.json", (NewFromJson) pc_workspace_member_new_from_json, &error);
  PcUser *user;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_workspace_member_get_role (member), ==, "VIEWER");
  assert_date (pc_workspace_member_get_updated_at (member), "2026-11-02T00:00:00Z");
  user = pc_workspace_member_get_user (member);
  g_assert_cmpstr (pc_user_get_email (user), ==, "ada@example.org");
  g_assert_true (pc_user_get_email_verified (user));
  g_assert_null (pc_user_get_photo_url (user));
}

static void
test_relative_dates (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  static const struct {
    double offset_seconds;
    const char *expected;
  } cases[] = {
    { -10, "just now" },
    { -5 * 60, "5 minutes ago" },
    { -60, "1 minute ago" },
    { -3 * 3600, "3 hours ago" },
    { -3 * 86400, "3 days ago" },
    { 2 * 86400 + 60, "in 2 days" },
    { 2 * 86400 - 0.005, "in 2 days" },
    { 47 * 3600 + 59 * 60, "in 2 days" },
    { -20 * 3600, "20 hours ago" },
    { -400 * 86400, "1 year ago" },
    { -90 * 86400, "3 months ago" },
    { -800 * 86400, "2 years ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_seconds (now, cases[i].offset_seconds);
      g_autofree char *text = pc_format_relative_date (date, now);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_invitation_token_from_text (void)
{
  struct { const char *text; const char *token; } cases[] = {
    { "invite-driving-viewer-7f3a9c", "invite-driving-viewer-7f3a9c" },
    { "  invite-abc\n", "invite-abc" },
    { "pupil-cloud://invite/invite-abc", "invite-abc" },
    { "pupil-cloud://invite/invite-abc/", "invite-abc" },
    { "PUPIL-CLOUD://invite/invite%2Dabc", "invite-abc" },
    { "https://cloud.pupil-labs.com/invite/invite-abc", "invite-abc" },
    { "https://cloud.pupil-labs.com/workspaces/join?token=invite-abc&x=1", "invite-abc" },
    { "https://cloud.pupil-labs.com/accept?invite_token=invite-abc", "invite-abc" },
    { "https://cloud.pupil-labs.com/invite/", NULL },
    { "https://cloud.pupil-labs.com/", NULL },
    { "pupil-cloud://token/invite-abc", NULL },
    { "pupil-cloud://invite/", NULL },
    { "pupil-cloud://invite/two words", NULL },
    { "ftp://example.com/invite-abc", NULL },
    { "two words", NULL },
    { "", NULL },
    { "   ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *token = pc_invitation_token_from_text (cases[i].text);
      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (token, ==, cases[i].token);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char *missing[] = {
    "profile-missing-required.json", "profile-required-wrong-type.json",
    "token-missing-required.json", "invitation-missing-required.json", "member-missing-required.json",
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/profile/complete", test_profile_complete);
  g_test_add_func ("/models/profile/minimal", test_profile_minimal);
  g_test_add_func ("/models/profile/nulls", test_profile_nulls);
  g_test_add_func ("/models/profile/unknown-fields", test_profile_unknown_fields);
  g_test_add_func ("/models/profile/wrong-types", test_profile_wrong_types);
  g_test_add_func ("/models/token", test_token);
  g_test_add_func ("/models/invitation", test_invitation);
  g_test_add_func ("/models/invitation-token-from-text", test_invitation_token_from_text);
  g_test_add_func ("/models/member", test_member);
  g_test_add_func ("/models/dates-without-offset", test_dates_without_offset);
  g_test_add_func ("/models/service-dates", test_service_dates);
  g_test_add_func ("/models/seed-only", test_seed_only);
  g_test_add_func ("/models/workspace-title", test_workspace_title);
  g_test_add_func ("/models/relative-dates", test_relative_dates);
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autofree char *path = g_strdup_printf ("/models/missing-required/%s", missing[i]);
      g_test_add_data_func (path, missing[i], test_missing_required);
    }
  return g_test_run ();
}
