/* test-client.c: every endpoint against the mock cloud over loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pc-mock-server.h"
#include "pc-test-mock.h"
#include "pc-test-util.h"
#include "pupilcloud.h"

typedef PcTestMockFixture Fixture;

#define done_cb pc_test_keep_result
#define wait_result(f) pc_test_wait (&(f)->result)

/* Addresses */

static void
test_url_check (void)
{
  static const struct {
    const char *url;
    gboolean ok;
  } cases[] = {
    { PC_SERVER_PRODUCTION, TRUE },
    { PC_SERVER_STAGING, TRUE },
    { "http://127.0.0.1:8080/v2", TRUE },
    { "http://localhost/v2", TRUE },
    { "http://[::1]:9000/v2", TRUE },
    { "http://api.cloud.pupil-labs.com/v2", FALSE },
    { "http://192.168.1.10/v2", FALSE },
    { "ftp://example.org/v2", FALSE },
    { "not a url", FALSE },
    { "https://example.org/v2?x=1", FALSE },
    { "https://user:secret@example.org/v2", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = pc_client_check_url (cases[i].url, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_URL);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_url_normalized (void)
{
  g_autoptr(PcClient) client = pc_client_new ("  https://api.cloud.pupil-labs.com/v2//  ", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PcClient) refused = pc_client_new ("http://example.org/v2", &error);

  g_assert_cmpstr (pc_client_get_base_url (client), ==, PC_SERVER_PRODUCTION);
  g_assert_null (refused);
  g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_URL);
}

/* Profile */

static void
test_profile_get (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = pc_test_mock_get_profile (f, &error);
  g_autoptr(PcWorkspaceMembership) first = NULL;
  GListModel *workspaces;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_profile_get_email (profile), ==, PC_MOCK_DEMO_EMAIL);
  g_assert_cmpstr (pc_profile_get_name (profile), ==, "Ada Demo");
  g_assert_true (pc_profile_get_email_verified (profile));
  g_assert_nonnull (pc_profile_get_onboarded_at (profile));
  g_assert_null (pc_profile_get_photo_url (profile));
  workspaces = pc_profile_get_workspaces (profile);
  g_assert_cmpuint (g_list_model_get_n_items (workspaces), ==, 2);
  first = g_list_model_get_item (workspaces, 0);
  g_assert_cmpstr (pc_workspace_membership_get_role (first), ==, "OWNER");
  g_assert_cmpstr (pc_workspace_summary_get_name (pc_workspace_membership_get_workspace (first)), ==,
                   "Ada's workspace");
}

static void
test_profile_unauthorized (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;

  pc_client_set_api_token (f->client, "not-a-token");
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_null (profile);
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
  /* The server's own words reach the person. */
  g_assert_cmpstr (error->message, ==, "Authentication is required");
}

static void
test_profile_expired_token (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;

  pc_client_set_api_token (f->client, PC_MOCK_EXPIRED_TOKEN);
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_FORBIDDEN);
}

static void
test_profile_foreign_workspace (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;

  pc_client_set_workspace_id (f->client, "c1d2e3f4-0000-4000-8000-000000000003");
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_FORBIDDEN);

  g_clear_error (&error);
  pc_client_set_workspace_id (f->client, "b7e9d3c4-0000-4000-8000-000000000002");
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
}

static void
test_profile_not_signed_in (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;

  pc_client_clear_credentials (f->client);
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_NOT_SIGNED_IN);
  /* Nothing was sent without credentials. */
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, 0);
}

static PcProfile *
update_profile (Fixture           *f,
                PcProfileChanges  *changes,
                GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_update_profile_async (f->client, changes, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_update_profile_finish (f->client, result, error);
}

static void
test_profile_update (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PcProfileChanges) changes = pc_profile_changes_new ();
  g_autoptr(PcProfileChanges) bad = pc_profile_changes_new ();
  g_autoptr(PcProfile) updated = NULL;
  g_autoptr(PcProfile) again = NULL;
  g_autoptr(PcProfile) refused = NULL;
  g_autoptr(GError) error = NULL;

  pc_profile_changes_set_name (changes, "Ada Lovelace");
  pc_profile_changes_set_photo_url (changes, "https://example.org/ada.png");
  updated = update_profile (f, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pc_profile_get_name (updated), ==, "Ada Lovelace");
  g_assert_cmpstr (pc_profile_get_photo_url (updated), ==, "https://example.org/ada.png");
  /* What was not named stays as it was. */
  g_assert_false (pc_profile_get_product_updates_subscribed (updated));

  pc_profile_changes_set_photo_url (bad, "http://example.org/ada.png");
  refused = update_profile (f, bad, &error);
  g_assert_null (refused);
  g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  again = pc_test_mock_get_profile (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pc_profile_get_photo_url (again), ==, "https://example.org/ada.png");
}

static void
test_profile_onboarding (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PcProfileChanges) changes = pc_profile_changes_new ();
  g_autoptr(PcProfile) updated = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pc_profile_changes_is_empty (changes));
  pc_profile_changes_set_product_updates_subscribed (changes, TRUE);
  pc_profile_changes_set_onboarded (changes, TRUE);
  g_assert_false (pc_profile_changes_is_empty (changes));
  updated = update_profile (f, changes, &error);
  g_assert_no_error (error);
  g_assert_true (pc_profile_get_product_updates_subscribed (updated));
  g_assert_nonnull (pc_profile_get_onboarded_at (updated));
}

/* Tokens */

static void
test_tokens_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = pc_test_mock_list_tokens (f, &error);
  g_autoptr(PcToken) first = NULL;
  g_autoptr(PcToken) third = NULL;
  g_autofree char *masked = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, 4);
  g_assert_true (g_list_model_get_item_type (tokens) == PC_TYPE_TOKEN);
  first = g_list_model_get_item (tokens, 0);
  third = g_list_model_get_item (tokens, 2);
  g_assert_cmpstr (pc_token_get_name (first), ==, "analysis script");
  g_assert_nonnull (pc_token_get_created_at (first));
  g_assert_null (pc_token_get_last_used_at (third));
  /* A list never carries the whole secret. */
  g_assert_null (strstr (pc_token_get_token (first), "Xk3p9QvL"));
  masked = pc_token_dup_masked (first);
  g_assert_cmpstr (masked, ==, "••••J6sA");
}

static PcToken *
get_token (Fixture     *f,
           const char  *id,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_get_token_async (f->client, id, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_get_token_finish (f->client, result, error);
}

static void
test_tokens_get (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcToken) token = get_token (f, "tok-0002", &error);
  g_autoptr(PcToken) missing = NULL;
  g_autoptr(PcToken) foreign = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_token_get_name (token), ==, "lab upload station");

  missing = get_token (f, "tok-9999", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Another person's token is not found, and a path in the id stays an id. */
  foreign = get_token (f, "tok-0004", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&foreign);
  foreign = get_token (f, "../profile", &error);
  g_assert_null (foreign);
  g_assert_true (g_error_matches (error, PC_ERROR, PC_ERROR_NOT_FOUND) ||
                 g_error_matches (error, PC_ERROR, PC_ERROR_INVALID_INPUT));
}

static PcToken *
create_token (Fixture     *f,
              const char  *name,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_create_token_async (f->client, name, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_create_token_finish (f->client, result, error);
}

static void
test_tokens_create (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcToken) token = create_token (f, "new script", &error);
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(PcProfile) profile = NULL;
  g_autoptr(PcToken) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_token_get_name (token), ==, "new script");
  g_assert_cmpuint (strlen (pc_token_get_token (token)), >=, 20);

  tokens = pc_test_mock_list_tokens (f, &error);
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, 5);

  /* The new secret works on its own. */
  pc_client_set_api_token (f->client, pc_token_get_token (token));
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pc_profile_get_email (profile), ==, PC_MOCK_DEMO_EMAIL);

  refused = create_token (f, "   ", &error);
  g_assert_null (refused);
  g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_INPUT);
}

static gboolean
delete_token (Fixture     *f,
              const char  *id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_delete_token_async (f->client, id, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_delete_token_finish (f->client, result, error);
}

static void
test_tokens_delete (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;

  g_assert_true (delete_token (f, "tok-0002", &error));
  g_assert_no_error (error);
  tokens = pc_test_mock_list_tokens (f, &error);
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, 3);

  g_assert_false (delete_token (f, "tok-0002", &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_NOT_FOUND);
}

/* Invitations */

static void
test_invitations_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) invitations = pc_test_mock_list_invitations (f, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint expired = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (invitations), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PcInvitation) invitation = g_list_model_get_item (invitations, i);
      g_autofree char *workspace = pc_invitation_dup_workspace_name (invitation);

      g_assert_nonnull (pc_invitation_get_token (invitation));
      g_assert_cmpstr (workspace, !=, "");
      g_assert_cmpstr (pc_user_get_display_name (pc_invitation_get_created_by (invitation)), ==, "Grace Colleague");
      if (pc_invitation_is_expired (invitation, now))
        {
          expired++;
          g_assert_cmpstr (workspace, ==, "Retail Pilot");
        }
    }
  g_assert_cmpuint (expired, ==, 1);
}

static PcInvitation *
get_invitation (Fixture     *f,
                const char  *token,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_get_invitation_async (f->client, token, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_get_invitation_finish (f->client, result, error);
}

static void
test_invitations_get (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcInvitation) invitation = get_invitation (f, "invite-reading-admin-2b8e4d", &error);
  g_autoptr(PcInvitation) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_invitation_get_role (invitation), ==, "ADMIN");
  g_assert_cmpstr (pc_workspace_summary_get_name (pc_invitation_get_workspace (invitation)), ==, "Reading Research");

  missing = get_invitation (f, "no-such-invitation", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_NOT_FOUND);
}

static PcWorkspaceMember *
accept_invitation (Fixture     *f,
                   const char  *token,
                   GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_accept_invitation_async (f->client, token, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_accept_invitation_finish (f->client, result, error);
}

static void
test_invitations_accept (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcWorkspaceMember) member = accept_invitation (f, "invite-driving-viewer-7f3a9c", &error);
  g_autoptr(PcWorkspaceMember) conflict = NULL;
  g_autoptr(PcWorkspaceMember) gone = NULL;
  g_autoptr(PcWorkspaceMember) missing = NULL;
  g_autoptr(PcProfile) profile = NULL;
  g_autoptr(GListModel) invitations = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pc_workspace_member_get_role (member), ==, "VIEWER");
  g_assert_cmpstr (pc_workspace_member_get_workspace_id (member), ==, "c1d2e3f4-0000-4000-8000-000000000003");
  g_assert_cmpstr (pc_user_get_email (pc_workspace_member_get_user (member)), ==, PC_MOCK_DEMO_EMAIL);

  profile = pc_test_mock_get_profile (f, &error);
  g_assert_cmpuint (g_list_model_get_n_items (pc_profile_get_workspaces (profile)), ==, 3);
  invitations = pc_test_mock_list_invitations (f, &error);
  g_assert_cmpuint (g_list_model_get_n_items (invitations), ==, 3);

  conflict = accept_invitation (f, "invite-vision-member-already-5d2f", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_CONFLICT);
  g_clear_error (&error);

  gone = accept_invitation (f, "invite-retail-editor-expired-91c0", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_GONE);
  g_clear_error (&error);

  missing = accept_invitation (f, "invite-driving-viewer-7f3a9c", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_NOT_FOUND);
}

static gboolean
decline_invitation (Fixture     *f,
                    const char  *token,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_decline_invitation_async (f->client, token, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_decline_invitation_finish (f->client, result, error);
}

static void
test_invitations_decline (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) invitations = NULL;

  g_assert_true (decline_invitation (f, "invite-reading-admin-2b8e4d", &error));
  g_assert_no_error (error);
  invitations = pc_test_mock_list_invitations (f, &error);
  g_assert_cmpuint (g_list_model_get_n_items (invitations), ==, 3);

  g_assert_false (decline_invitation (f, "invite-reading-admin-2b8e4d", &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_NOT_FOUND);
}

/* Signing in with a password and a session cookie */

static char *
sign_in_with_password (Fixture     *f,
                       const char  *idp_url,
                       const char  *idp_key,
                       const char  *email,
                       const char  *password,
                       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_sign_in_with_password_async (f->client, idp_url, idp_key, email, password, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_sign_in_with_password_finish (f->client, result, error);
}

static PcProfile *
login (Fixture     *f,
       const char  *id_token,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_login_async (f->client, id_token, PC_LOGIN_TYPE_LOGIN, FALSE, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_login_finish (f->client, result, error);
}

static gboolean
logout (Fixture  *f,
        GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_logout_async (f->client, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_logout_finish (f->client, result, error);
}

static void
test_login_session (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id_token = NULL;
  g_autofree char *cookie = NULL;
  g_autoptr(PcProfile) signed_in = NULL;
  g_autoptr(PcProfile) profile = NULL;
  g_autoptr(PcProfile) after = NULL;

  pc_client_clear_credentials (f->client);
  id_token = sign_in_with_password (f, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                    PC_MOCK_DEMO_EMAIL, PC_MOCK_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id_token);

  signed_in = login (f, id_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pc_profile_get_email (signed_in), ==, PC_MOCK_DEMO_EMAIL);
  g_assert_cmpint (pc_client_get_credentials_kind (f->client), ==, PC_CREDENTIALS_COOKIE);
  cookie = g_strdup (pc_client_get_session_cookie (f->client));
  g_assert_true (g_str_has_prefix (cookie, "session="));

  profile = pc_test_mock_get_profile (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pc_mock_state_count_sessions (pc_mock_server_get_state (f->mock)), ==, 1);

  g_assert_true (logout (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pc_client_get_credentials_kind (f->client), ==, PC_CREDENTIALS_NONE);
  g_assert_cmpuint (pc_mock_state_count_sessions (pc_mock_server_get_state (f->mock)), ==, 0);

  /* The ended session is refused if someone replays it. */
  pc_client_set_session_cookie (f->client, cookie);
  after = pc_test_mock_get_profile (f, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
}

static void
test_login_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) bad = NULL;
  g_autoptr(PcProfile) expired = NULL;

  pc_client_clear_credentials (f->client);
  bad = login (f, "forged-id-token", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  expired = login (f, "expired-id-token-for-demo", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_FORBIDDEN);
  g_assert_cmpint (pc_client_get_credentials_kind (f->client), ==, PC_CREDENTIALS_NONE);
}

static void
test_identity_provider_errors (Fixture       *f,
                               gconstpointer  data)
{
  const char *idp = pc_mock_server_get_idp_url (f->mock);
  g_autoptr(GError) error = NULL;
  char *id_token;

  id_token = sign_in_with_password (f, idp, PC_MOCK_IDP_KEY, PC_MOCK_DEMO_EMAIL, "wrong", &error);
  g_assert_null (id_token);
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  id_token = sign_in_with_password (f, idp, PC_MOCK_IDP_KEY, "nobody@example.org", "x", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  id_token = sign_in_with_password (f, idp, "wrong-key", PC_MOCK_DEMO_EMAIL, PC_MOCK_DEMO_PASSWORD, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_NO_IDP);
  g_clear_error (&error);
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, 3);

  /* Without a provider, or with a clear-text remote one, nothing is sent. */
  id_token = sign_in_with_password (f, NULL, NULL, PC_MOCK_DEMO_EMAIL, PC_MOCK_DEMO_PASSWORD, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_NO_IDP);
  g_clear_error (&error);
  id_token = sign_in_with_password (f, "http://idp.example.org", "key", PC_MOCK_DEMO_EMAIL,
                                    PC_MOCK_DEMO_PASSWORD, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_URL);
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, 3);
}

/* Account */

static void
test_unregister (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;

  pc_client_unregister_async (f->client, NULL, done_cb, &f->result);
  result = wait_result (f);
  g_assert_true (pc_client_unregister_finish (f->client, result, &error));
  g_assert_no_error (error);
  g_assert_false (pc_mock_state_has_user (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL));

  profile = pc_test_mock_get_profile (f, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
}

static void
test_feedback_token (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  pc_client_get_feedback_token_async (f->client, NULL, done_cb, &f->result);
  result = wait_result (f);
  token = pc_client_get_feedback_token_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (token, "canny."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, pc_test_mock_setup, func, pc_test_mock_teardown)
  g_test_add_func ("/client/url/check", test_url_check);
  g_test_add_func ("/client/url/normalized", test_url_normalized);
  ADD ("/client/profile/get", test_profile_get);
  ADD ("/client/profile/unauthorized", test_profile_unauthorized);
  ADD ("/client/profile/expired-token", test_profile_expired_token);
  ADD ("/client/profile/foreign-workspace", test_profile_foreign_workspace);
  ADD ("/client/profile/not-signed-in", test_profile_not_signed_in);
  ADD ("/client/profile/update", test_profile_update);
  ADD ("/client/profile/onboarding", test_profile_onboarding);
  ADD ("/client/tokens/list", test_tokens_list);
  ADD ("/client/tokens/get", test_tokens_get);
  ADD ("/client/tokens/create", test_tokens_create);
  ADD ("/client/tokens/delete", test_tokens_delete);
  ADD ("/client/invitations/list", test_invitations_list);
  ADD ("/client/invitations/get", test_invitations_get);
  ADD ("/client/invitations/accept", test_invitations_accept);
  ADD ("/client/invitations/decline", test_invitations_decline);
  ADD ("/client/login/session", test_login_session);
  ADD ("/client/login/refused", test_login_refused);
  ADD ("/client/login/identity-provider-errors", test_identity_provider_errors);
  ADD ("/client/account/unregister", test_unregister);
  ADD ("/client/account/feedback-token", test_feedback_token);
#undef ADD

  return g_test_run ();
}
