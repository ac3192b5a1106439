/* test-cli-lists.c: the pupil-cloud command line's lists, end to end:
 * tokens and invitations as listed, in full, in two parts and at length, and
 * in the seed-only world where names and ids may be missing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against a pupil-cloud-mock child, as test-cli.c: the real program, its
 * exit status, standard output and standard error.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pc-response-private.h"
#include "pc-test-cli.h"
#include "pc-test-list.h"
#include "pc-test-util.h"

typedef PcCliFixture Fixture;

static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  g_auto(PcCliRun) list = { 0, };
  g_auto(PcCliRun) json = { 0, };
  g_auto(PcCliRun) create = { 0, };
  g_auto(PcCliRun) with_new = { 0, };
  g_auto(PcCliRun) show = { 0, };
  g_auto(PcCliRun) del = { 0, };
  g_auto(PcCliRun) gone = { 0, };
  g_auto(PcCliRun) empty = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *secret_env = NULL;

  pc_cli_run (f, &list, NULL, TOKEN_ENV, "tokens", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "ID"));
  g_assert_nonnull (strstr (list.out, "lab upload station"));
  g_assert_nonnull (strstr (list.out, "never"));
  g_assert_nonnull (strstr (list.out, "ago"));
  g_assert_null (strstr (list.out, DEMO_TOKEN));

  pc_cli_run (f, &json, NULL, TOKEN_ENV, "--json", "tokens", "list", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = pc_cli_parse_json (json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);

  pc_cli_run (f, &create, NULL, TOKEN_ENV, "tokens", "create", "  ci pipeline  ", NULL);
  g_assert_cmpint (create.status, ==, 0);
  /* Standard output holds the secret alone. */
  g_assert_true (g_str_has_suffix (create.out, "\n"));
  secret = g_strndup (create.out, strlen (create.out) - 1);
  g_assert_null (strchr (secret, '\n'));
  g_assert_cmpuint (strlen (secret), >=, 20);
  g_assert_nonnull (strstr (create.err, "ci pipeline"));
  g_assert_null (strstr (create.err, secret));

  secret_env = g_strconcat ("PUPIL_CLOUD_TOKEN=", secret, NULL);
  pc_cli_run (f, &with_new, NULL, (const char * const[]) { secret_env, NULL }, "status", NULL);
  g_assert_cmpint (with_new.status, ==, 0);

  pc_cli_run (f, &show, NULL, TOKEN_ENV, "tokens", "show", "tok-0001", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "analysis script"));

  pc_cli_run (f, &del, NULL, TOKEN_ENV, "tokens", "delete", "tok-0002", NULL);
  g_assert_cmpint (del.status, ==, 0);
  pc_cli_run (f, &gone, NULL, TOKEN_ENV, "tokens", "show", "tok-0002", NULL);
  g_assert_cmpint (gone.status, ==, 1);
  pc_cli_assert_one_line_error (&gone);

  pc_cli_run (f, &empty, NULL, TOKEN_ENV, "tokens", "create", "   ", NULL);
  g_assert_cmpint (empty.status, ==, 2);
}

/* With no token left (signed in with a password, every token deleted),
 * the table says so on standard error and prints nothing; the JSON is an
 * empty list. */
static void
test_tokens_list_empty (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const ids[] = { "tok-0001", "tok-0002", "tok-0003", "tok-0005" };
  g_autofree char *idp_url = g_strdup_printf ("PUPIL_CLOUD_IDP_URL=%s", f->idp_url);
  const char *idp_env[] = { idp_url, "PUPIL_CLOUD_IDP_KEY=" IDP_KEY, NULL };
  g_auto(PcCliRun) login = { 0, };
  g_auto(PcCliRun) table = { 0, };
  g_auto(PcCliRun) json = { 0, };
  g_auto(PcCliRun) logout = { 0, };

  pc_cli_run (f, &login, DEMO_PASSWORD "\n", idp_env, "login", "--email", DEMO_EMAIL, NULL);
  g_assert_cmpint (login.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_auto(PcCliRun) del = { 0, };

      pc_cli_run (f, &del, NULL, NULL, "tokens", "delete", ids[i], NULL);
      g_assert_cmpint (del.status, ==, 0);
    }

  pc_cli_run (f, &table, NULL, NULL, "tokens", "list", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_cmpstr (table.out, ==, "");
  g_assert_nonnull (strstr (table.err, "You have no API tokens"));
  pc_cli_run (f, &json, NULL, NULL, "--json", "tokens", "list", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpstr (json.out, ==, "[]\n");
  g_assert_cmpstr (json.err, ==, "");
  pc_cli_run (f, &logout, NULL, NULL, "logout", NULL);
}

/* "tokens list" prints from the answer's JSON, "tokens show" from a
 * PcToken's properties: both give the same document for a token. */
static void
test_tokens_list_document (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(PcCliRun) rename = { 0, };
  g_auto(PcCliRun) list = { 0, };
  g_autoptr(JsonNode) root = NULL;
  const char *odd_name = "quote \" back \\ tab\tend";
  JsonArray *array;

  pc_cli_run (f, &rename, NULL, TOKEN_ENV, "tokens", "rename", "tok-0002", odd_name, NULL);
  g_assert_cmpint (rename.status, ==, 0);

  pc_cli_run (f, &list, NULL, TOKEN_ENV, "--json", "tokens", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  /* Piped: compact, one line. */
  g_assert_true (g_str_has_prefix (list.out, "[{\"id\":"));
  g_assert_true (g_str_has_suffix (list.out, "}]\n"));
  g_assert_true (strchr (list.out, '\n') == list.out + strlen (list.out) - 1);
  root = pc_cli_parse_json (list.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *listed = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (listed, "id");
      g_auto(PcCliRun) show = { 0, };
      g_autoptr(JsonNode) shown_root = NULL;
      g_autoptr(GList) members = json_object_get_members (listed);
      g_autoptr(GList) shown_members = NULL;
      JsonObject *shown;

      pc_cli_run (f, &show, NULL, TOKEN_ENV, "--json", "tokens", "show", id, NULL);
      g_assert_cmpint (show.status, ==, 0);
      shown_root = pc_cli_parse_json (show.out);
      shown = json_node_get_object (shown_root);
      shown_members = json_object_get_members (shown);
      g_assert_cmpuint (g_list_length (members), ==, g_list_length (shown_members));
      for (GList *l = members, *m = shown_members; l != NULL; l = l->next, m = m->next)
        {
          /* The same members in the same order... */
          g_assert_cmpstr (l->data, ==, m->data);
          /* ...with the same values, but for the demo token's last use,
           * which is each request. */
          if (g_str_equal (id, "tok-0001") && g_str_equal (l->data, "last_used_at"))
            continue;
          g_assert_true (json_node_equal (json_object_get_member (listed, l->data),
                                          json_object_get_member (shown, l->data)));
        }
      if (g_str_equal (id, "tok-0002"))
        {
          g_assert_cmpstr (json_object_get_string_member (listed, "local_name"), ==, odd_name);
          g_assert_cmpstr (json_object_get_string_member (listed, "title"), ==, odd_name);
        }
      else
        g_assert_true (json_object_get_null_member (listed, "local_name"));
    }
}

/* tokens list writes a date in the service's own form as it came, where
 * tokens show writes what GDateTime made of it: the same text, with every
 * digit in every place of the fraction (pc_test_microseconds()), at the
 * ends of the years GDateTime takes and on a leap day. */
static void
test_tokens_list_dates (void)
{
  static const char * const days[] = { "2026-05-15", "0001-01-01", "9999-12-31", "2024-02-29" };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (int i = -1; i < PC_TEST_N_MICROSECONDS; i++)
      {
        char text[32];
        g_autoptr(GDateTime) date = NULL;
        g_autofree char *written = NULL;

        /* No fraction for none (GDateTime writes none for a zero one). */
        if (i < 0 || pc_test_microseconds (i) == 0)
          g_snprintf (text, sizeof text, "%sT23:59:59Z", days[d]);
        else
          g_snprintf (text, sizeof text, "%sT23:59:59.%06dZ", days[d], pc_test_microseconds (i));
        date = g_date_time_new_from_iso8601 (text, utc);
        g_assert_nonnull (date);
        written = g_date_time_format_iso8601 (date);
        if (!g_str_equal (written, text))
          g_error ("%s comes back as %s", text, written);
      }
}

/* A long list answer is read in two parts at once: whatever the answer,
 * what comes of it is what pc_response_parse() makes of it whole, walked
 * item by item (tests/pc-test-list.c). */
static char *
long_list (const char *before,
           const char *item,
           const char *after,
           guint       n_items)
{
  GString *text = g_string_new (before);

  for (guint i = 0; i < n_items; i++)
    {
      if (i > 0)
        g_string_append (text, i % 7 ? "," : " ,\n ");
      g_string_append_printf (text, "{\"id\":\"tok-%06u\",", i);
      g_string_append (text, item);
    }
  g_string_append (text, after);
  return g_string_free (text, FALSE);
}

static void
assert_parsed_alike (guint       status,
                     const char *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autofree char *difference = pc_test_list_compare (status, body, NULL);

  g_assert_null (difference);
}

static void
test_tokens_list_halves (void)
{
  static const char *item =
    "\"name\":\"a \\\"result\\\": [1, {2}], \\\\\",\"n\":[[1,2],{\"result\":[3,4]}],"
    "\"created_at\":\"2026-05-15T04:08:40.047229Z\",\"s\":\"]}, \\\"\\u005d\"}";
  struct {
    guint status;
    const char *before, *after;
    guint n_items;
  } cases[] = {
    { 200, "{\"code\":200,\"status\":\"success\",\"result\":[", "]}", 3000 },
    { 200, " {\"x\":{\"result\":[1,2]},\"result\" : [ ", " ] , \"status\":\"success\",\"y\":[\"result\"]} ", 3001 },
    { 200, "{\"code\":200,\"status\":\"success\",\"result\":[", "]}", 1 },
    /* Two results, one written with an escape: json-glib keeps the last. */
    { 200, "{\"result\":[1,2,3],\"status\":\"success\",\"result\":[", "]}", 3000 },
    { 200, "{\"status\":\"success\",\"res\\u0075lt\":[1,2,3],\"result\":[", "]}", 3000 },
    { 200, "{\"result\":[", "],\"status\":\"success\",\"res\\u0075lt\":[1,2,3]}", 3000 },
    /* Failures, as the whole answer says them */
    { 200, "{\"code\":403,\"status\":\"error\",\"message\":\"No.\",\"result\":[", "]}", 3000 },
    { 404, "{\"code\":404,\"status\":\"error\",\"message\":\"Gone.\",\"result\":[", "]}", 3000 },
    { 200, "{\"code\":200,\"status\":\"success\",\"result\":[", "", 3000 },
    { 200, "{\"code\":200,\"status\":\"success\",\"result\":[", "]}}", 3000 },
    { 200, "[{\"result\":[", "]}]", 3000 },
    { 200, "{\"result\":{\"a\":[", "]}}", 3000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = long_list (cases[i].before, item, cases[i].after, cases[i].n_items);

      g_test_message ("case %u", i);
      if (cases[i].n_items > 1)
        g_assert_cmpuint (strlen (text), >, 256 * 1024);
      assert_parsed_alike (cases[i].status, text);
    }
  /* Small answers are parsed whole. */
  assert_parsed_alike (200, "{\"status\":\"success\",\"result\":[1,2,3]}");
}

/* A token the models refuse (an empty id) refuses the list, in the JSON
 * and in the table alike: a list is all or nothing. */
static const char *refused_args[] = { "--fixture", NULL, NULL };
static char *refused_fixture;

static void
test_tokens_list_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(PcCliRun) table = { 0, };
  g_auto(PcCliRun) json = { 0, };

  pc_cli_run (f, &table, NULL, TOKEN_ENV, "tokens", "list", NULL);
  pc_cli_run (f, &json, NULL, TOKEN_ENV, "--json", "tokens", "list", NULL);
  g_assert_cmpint (table.status, ==, 1);
  g_assert_cmpint (json.status, ==, 1);
  pc_cli_assert_one_line_error (&table);
  pc_cli_assert_one_line_error (&json);
  g_assert_cmpstr (table.out, ==, "");
  g_assert_cmpstr (json.out, ==, "");
}

/* A list long enough to be read and written in two parts: every token
 * once, in the server's order, in the JSON and in the table. The lists are
 * compared by a digest, in a shell, so that the test's log stays short. */
static const char * const long_list_args[] = { "--generate-tokens", "2500", NULL };

static char *
run_digest (PcCliFixture *f,
            const char   *pipeline)
{
  g_auto(PcCliRun) run = { 0, };
  const char *env[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, NULL };

  pc_cli_run_program (f, &run, env, "sh", "-ec", pipeline, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  return g_steal_pointer (&run.out);
}

static void
test_tokens_long_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *size = run_digest (f, "\"$PUPIL_CLOUD_CLI\" api auth/tokens | wc -c");
  g_autofree char *sent = run_digest (f, "\"$PUPIL_CLOUD_CLI\" api auth/tokens | "
                                         "jq -r '.result[] | .id + \" \" + .name' | sha256sum");
  g_autofree char *listed = run_digest (f, "\"$PUPIL_CLOUD_CLI\" --json tokens list | "
                                           "jq -r '.[] | .id + \" \" + .title' | sha256sum");
  g_autofree char *sent_ids = run_digest (f, "\"$PUPIL_CLOUD_CLI\" api auth/tokens | "
                                             "jq -r '.result[].id' | sha256sum");
  g_autofree char *table_ids = run_digest (f, "\"$PUPIL_CLOUD_CLI\" tokens list | tail -n +2 | "
                                              "cut -d ' ' -f 1 | sha256sum");
  g_autofree char *count = run_digest (f, "\"$PUPIL_CLOUD_CLI\" --json tokens list | jq length");

  /* Over the size that is read in two parts at once, which are joined
   * in order. */
  g_assert_cmpuint (g_ascii_strtoull (size, NULL, 10), >, 256 * 1024);
  g_assert_cmpstr (count, ==, "2504\n");
  g_assert_cmpstr (listed, ==, sent);
  g_assert_cmpstr (table_ids, ==, sent_ids);
}

static void
test_invites (Fixture       *f,
              gconstpointer  data)
{
  g_auto(PcCliRun) list = { 0, };
  g_auto(PcCliRun) json = { 0, };
  g_auto(PcCliRun) show = { 0, };
  g_auto(PcCliRun) accept = { 0, };
  g_auto(PcCliRun) already = { 0, };
  g_auto(PcCliRun) expired = { 0, };
  g_auto(PcCliRun) decline = { 0, };
  g_auto(PcCliRun) declined = { 0, };
  g_auto(PcCliRun) not_link = { 0, };
  g_auto(PcCliRun) after = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) after_root = NULL;

  pc_cli_run (f, &list, NULL, TOKEN_ENV, "invites", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "Driving Study 2026"));
  g_assert_nonnull (strstr (list.out, "Grace Colleague"));
  g_assert_nonnull (strstr (list.out, "expired"));
  g_assert_nonnull (strstr (list.out, "expires in"));

  pc_cli_run (f, &json, NULL, TOKEN_ENV, "--json", "invites", "list", NULL);
  root = pc_cli_parse_json (json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);

  /* The link from the email, or the app's own address, do as well as the token. */
  pc_cli_run (f, &show, NULL, TOKEN_ENV, "invites", "show", "pupil-cloud://invite/invite-reading-admin-2b8e4d", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "manage members"));

  pc_cli_run (f, &accept, NULL, TOKEN_ENV, "invites", "accept", "invite-driving-viewer-7f3a9c", NULL);
  g_assert_cmpint (accept.status, ==, 0);
  g_assert_nonnull (strstr (accept.err, "You joined Driving Study 2026 as Viewer"));

  pc_cli_run (f, &already, NULL, TOKEN_ENV, "invites", "accept", "invite-vision-member-already-5d2f", NULL);
  g_assert_cmpint (already.status, ==, 0);
  g_assert_nonnull (strstr (already.err, "already a member of Vision Lab"));

  pc_cli_run (f, &expired, NULL, TOKEN_ENV, "invites", "accept", "invite-retail-editor-expired-91c0", NULL);
  g_assert_cmpint (expired.status, ==, 1);
  /* The desktop app's words for it (pc_format_answer), as a line of its own. */
  g_assert_cmpstr (expired.err, ==, "pupil-cloud: This invitation is no longer valid.\n");

  pc_cli_run (f, &not_link, NULL, TOKEN_ENV, "invites", "decline", "see my email", NULL);
  g_assert_cmpint (not_link.status, ==, 2);
  g_assert_nonnull (strstr (not_link.err, "not an invitation token or link"));
  g_assert_null (strstr (not_link.err, "see my email"));

  pc_cli_run (f, &decline, NULL, TOKEN_ENV, "invites", "decline",
              "https://cloud.pupil-labs.com/invite/invite-reading-admin-2b8e4d", NULL);
  g_assert_cmpint (decline.status, ==, 0);
  g_assert_cmpstr (decline.err, ==, "Declined the invitation.\n");
  /* Declined already: nothing is left to decline, as the app sees a 404 or 410. */
  pc_cli_run (f, &declined, NULL, TOKEN_ENV, "invites", "decline", "invite-reading-admin-2b8e4d", NULL);
  g_assert_cmpint (declined.status, ==, 1);
  g_assert_cmpstr (declined.err, ==, "pupil-cloud: This invitation is no longer valid.\n");

  pc_cli_run (f, &after, NULL, TOKEN_ENV, "--json", "invites", "list", NULL);
  after_root = pc_cli_parse_json (after.out);
  /* Accepted and declined are gone; the 409 and the expired one stay. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after_root)), ==, 2);
}

/* The seed-only world (pupil-cloud-mock --seed-only) */

static const char * const seed_only_args[] = { "--seed-only", NULL };

static const char *
object_string (JsonNode   *node,
               const char *member)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

/* Tokens without a name are told apart by their id; the names given here
 * are kept on this computer and shown by every command. */
static void
test_seed_only_tokens (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(PcCliRun) list = { 0, };
  g_auto(PcCliRun) create = { 0, };
  g_auto(PcCliRun) show_new = { 0, };
  g_auto(PcCliRun) rename = { 0, };
  g_auto(PcCliRun) show = { 0, };
  g_auto(PcCliRun) renamed = { 0, };
  g_auto(PcCliRun) json = { 0, };
  g_auto(PcCliRun) unknown = { 0, };
  g_auto(PcCliRun) usage = { 0, };
  g_auto(PcCliRun) del = { 0, };
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *new_id = NULL;
  JsonArray *array;
  gboolean found = FALSE;

  pc_cli_run (f, &list, NULL, TOKEN_ENV, "tokens", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "Unnamed token tok-0001"));
  g_assert_nonnull (strstr (list.out, "Unnamed token tok-0005"));
  g_assert_null (strstr (list.out, "analysis script"));
  /* No secret, not even a masked one, is sent after creation. */
  g_assert_null (strstr (list.out, "••••"));
  g_assert_nonnull (strstr (list.out, "ago"));

  pc_cli_run (f, &create, NULL, TOKEN_ENV, "--json", "tokens", "create", "ci pipeline", NULL);
  g_assert_cmpint (create.status, ==, 0);
  created = pc_cli_parse_json (create.out);
  g_assert_cmpuint (strlen (object_string (created, "token")), >=, 20);
  g_assert_null (object_string (created, "name"));
  g_assert_cmpstr (object_string (created, "local_name"), ==, "ci pipeline");
  g_assert_cmpstr (object_string (created, "title"), ==, "ci pipeline");
  new_id = g_strdup (object_string (created, "id"));

  /* What "tokens create NAME" named is remembered. */
  pc_cli_run (f, &show_new, NULL, TOKEN_ENV, "tokens", "show", new_id, NULL);
  g_assert_cmpint (show_new.status, ==, 0);
  g_assert_nonnull (strstr (show_new.out, "ci pipeline"));
  g_assert_null (strstr (show_new.out, "Token "));

  pc_cli_run (f, &rename, NULL, TOKEN_ENV, "tokens", "rename", "tok-0001", " analysis script ", NULL);
  g_assert_cmpint (rename.status, ==, 0);
  g_assert_cmpstr (rename.out, ==, "");
  g_assert_nonnull (strstr (rename.err, "analysis script"));

  pc_cli_run (f, &show, NULL, TOKEN_ENV, "tokens", "show", "tok-0001", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "analysis script"));
  pc_cli_run (f, &renamed, NULL, TOKEN_ENV, "tokens", "list", NULL);
  g_assert_nonnull (strstr (renamed.out, "analysis script"));
  g_assert_nonnull (strstr (renamed.out, "ci pipeline"));
  g_assert_nonnull (strstr (renamed.out, "Unnamed token tok-0002"));

  pc_cli_run (f, &json, NULL, TOKEN_ENV, "--json", "tokens", "list", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = pc_cli_parse_json (json.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *token = json_array_get_element (array, i);

      g_assert_null (object_string (token, "token"));
      if (g_strcmp0 (object_string (token, "id"), "tok-0001") == 0)
        {
          found = TRUE;
          g_assert_cmpstr (object_string (token, "local_name"), ==, "analysis script");
          g_assert_cmpstr (object_string (token, "title"), ==, "analysis script");
        }
      else if (g_strcmp0 (object_string (token, "id"), "tok-0003") == 0)
        {
          g_assert_null (object_string (token, "local_name"));
          g_assert_cmpstr (object_string (token, "title"), ==, "Unnamed token tok-0003");
        }
    }
  g_assert_true (found);

  /* Only tokens the server knows are named. */
  pc_cli_run (f, &unknown, NULL, TOKEN_ENV, "tokens", "rename", "tok-9999", "ghost", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  pc_cli_assert_one_line_error (&unknown);
  pc_cli_run (f, &usage, NULL, TOKEN_ENV, "tokens", "rename", "tok-0001", NULL);
  g_assert_cmpint (usage.status, ==, 2);

  pc_cli_run (f, &del, NULL, TOKEN_ENV, "tokens", "delete", new_id, NULL);
  g_assert_cmpint (del.status, ==, 0);
}

/* The secret reaches standard output even when the name cannot be kept. */
static void
test_seed_only_create_unwritable (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *data_home = g_dir_make_tmp ("pc-cli-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (data_home, "pupil-cloud-desktop", NULL);
  g_autofree char *data_env = g_strconcat ("XDG_DATA_HOME=", data_home, NULL);
  const char *env[] = { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, data_env, NULL };
  g_auto(PcCliRun) create = { 0, };
  g_autofree char *secret = NULL;
  g_autofree char *secret_env = NULL;
  g_auto(PcCliRun) with_new = { 0, };

  /* A file where the folder of names should be: no name can be written. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  pc_cli_run (f, &create, NULL, env, "tokens", "create", "offline laptop", NULL);
  g_assert_cmpint (create.status, ==, 0);
  g_assert_true (g_str_has_suffix (create.out, "\n"));
  secret = g_strndup (create.out, strlen (create.out) - 1);
  g_assert_cmpuint (strlen (secret), >=, 20);
  g_assert_nonnull (strstr (create.err, "could not be kept"));
  g_assert_nonnull (strstr (create.err, "tokens rename"));
  g_assert_null (strstr (create.err, secret));

  secret_env = g_strconcat ("PUPIL_CLOUD_TOKEN=", secret, NULL);
  pc_cli_run (f, &with_new, NULL, (const char * const[]) { secret_env, NULL }, "status", NULL);
  g_assert_cmpint (with_new.status, ==, 0);

  g_unlink (blocker);
  g_rmdir (data_home);
}

/* Invitations without workspace names, inviters, ids or tokens. */
static void
test_seed_only_invites (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(PcCliRun) list = { 0, };
  g_auto(PcCliRun) json = { 0, };
  g_auto(PcCliRun) show = { 0, };
  g_auto(PcCliRun) accept = { 0, };
  g_auto(PcCliRun) accept_without_id = { 0, };
  g_auto(PcCliRun) decline = { 0, };
  g_auto(PcCliRun) after = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) after_root = NULL;
  JsonArray *array;
  guint without_id = 0;
  guint without_token = 0;

  pc_cli_run (f, &list, NULL, TOKEN_ENV, "invites", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "Workspace c1d2e3f4"));
  g_assert_nonnull (strstr (list.out, "Workspace b8c9d0e1"));
  g_assert_null (strstr (list.out, "Driving Study"));
  g_assert_null (strstr (list.out, "c1d2e3f4-0000"));
  g_assert_nonnull (strstr (list.out, "(none)"));
  g_assert_nonnull (strstr (list.err, "link in the invitation email"));

  pc_cli_run (f, &json, NULL, TOKEN_ENV, "--json", "invites", "list", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = pc_cli_parse_json (json.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 7);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      without_id += object_string (json_array_get_element (array, i), "id") == NULL;
      without_token += object_string (json_array_get_element (array, i), "token") == NULL;
    }
  g_assert_cmpuint (without_id, ==, 2);
  g_assert_cmpuint (without_token, ==, 2);

  pc_cli_run (f, &show, NULL, TOKEN_ENV, "invites", "show", "invite-reading-admin-2b8e4d", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "Workspace d4e5f6a7"));
  g_assert_nonnull (strstr (show.out, "manage members"));

  pc_cli_run (f, &accept, NULL, TOKEN_ENV, "invites", "accept", "invite-driving-viewer-7f3a9c", NULL);
  g_assert_cmpint (accept.status, ==, 0);
  g_assert_nonnull (strstr (accept.err, "You joined Workspace c1d2e3f4 as Viewer"));
  pc_cli_run (f, &accept_without_id, NULL, TOKEN_ENV, "invites", "accept", "invite-without-id-eyelab-6a1e", NULL);
  g_assert_cmpint (accept_without_id.status, ==, 0);
  g_assert_nonnull (strstr (accept_without_id.err, "You joined Workspace f6a7b8c9 as Viewer"));

  /* 204 with no body: declined all the same. */
  pc_cli_run (f, &decline, NULL, TOKEN_ENV, "invites", "decline", "invite-reading-admin-2b8e4d", NULL);
  g_assert_cmpint (decline.status, ==, 0);
  g_assert_nonnull (strstr (decline.err, "Declined"));

  pc_cli_run (f, &after, NULL, TOKEN_ENV, "--json", "invites", "list", NULL);
  after_root = pc_cli_parse_json (after.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after_root)), ==, 4);
}

/* Memberships without workspace names; a sign-in whose cookie has another
 * name; an account deleted with a 204. */
static void
test_seed_only_profile (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(PcCliRun) show = { 0, };
  g_auto(PcCliRun) tokens = { 0, };
  g_auto(PcCliRun) logout = { 0, };
  g_auto(PcCliRun) unregister = { 0, };
  g_auto(PcCliRun) gone = { 0, };

  pc_cli_run (f, &show, NULL, TOKEN_ENV, "profile", "show", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "Ada Demo"));
  g_assert_nonnull (strstr (show.out, "Workspace a3f5c1d2 (Owner, a3f5c1d2-0000-4000-8000-000000000001), default"));
  g_assert_nonnull (strstr (show.out, "Workspace b7e9d3c4 (Editor"));
  g_assert_null (strstr (show.out, "Vision Lab"));

  /* The session cookie is "__session" here: kept all the same. */
  pc_cli_sign_in_by_email (f);
  pc_cli_run (f, &tokens, NULL, NULL, "tokens", "list", NULL);
  g_assert_cmpint (tokens.status, ==, 0);
  g_assert_nonnull (strstr (tokens.out, "Unnamed token tok-0001"));
  pc_cli_run (f, &logout, NULL, NULL, "logout", NULL);
  g_assert_cmpint (logout.status, ==, 0);

  pc_cli_run (f, &unregister, NULL, TOKEN_ENV, "unregister", "--confirm", DEMO_EMAIL, NULL);
  g_assert_cmpint (unregister.status, ==, 0);
  pc_cli_run (f, &gone, NULL, TOKEN_ENV, "profile", "show", NULL);
  g_assert_cmpint (gone.status, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *demo_path = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *odd = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The demo account with a token whose id is empty */
  demo_path = g_test_build_filename (G_TEST_DIST, "mock", "demo-fixture.json", NULL);
  g_assert_true (g_file_get_contents (demo_path, &demo, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (demo, "\"id\": \"tok-0003\""));
  folder = g_dir_make_tmp ("pc-cli-lists-XXXXXX", &error);
  g_assert_no_error (error);
  refused_fixture = g_build_filename (folder, "empty-id.json", NULL);
  refused_args[1] = refused_fixture;
  {
    g_auto(GStrv) parts = g_strsplit (demo, "\"id\": \"tok-0003\"", 2);
    odd = g_strjoinv ("\"id\": \"\"", parts);
  }
  g_assert_true (g_file_set_contents (refused_fixture, odd, -1, &error));

#define ADD(path, func, args) g_test_add (path, Fixture, args, pc_cli_setup, func, pc_cli_teardown)
  ADD ("/cli/tokens", test_tokens, NULL);
  ADD ("/cli/tokens/list-document", test_tokens_list_document, NULL);
  ADD ("/cli/tokens/list-empty", test_tokens_list_empty, NULL);
  g_test_add_func ("/cli/tokens/list-dates", test_tokens_list_dates);
  g_test_add_func ("/cli/tokens/list-halves", test_tokens_list_halves);
  ADD ("/cli/tokens/long-list", test_tokens_long_list, long_list_args);
  ADD ("/cli/tokens/list-refused", test_tokens_list_refused, refused_args);
  ADD ("/cli/invites", test_invites, NULL);
  ADD ("/cli/seed-only/tokens", test_seed_only_tokens, seed_only_args);
  ADD ("/cli/seed-only/create-unwritable", test_seed_only_create_unwritable, seed_only_args);
  ADD ("/cli/seed-only/invites", test_seed_only_invites, seed_only_args);
  ADD ("/cli/seed-only/profile", test_seed_only_profile, seed_only_args);
#undef ADD

  {
    int status = g_test_run ();

    g_unlink (refused_fixture);
    g_rmdir (folder);
    g_free (refused_fixture);
    return status;
  }
}
