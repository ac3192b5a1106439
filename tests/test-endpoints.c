/* test-endpoints.c: the same faults, against each of the 14 endpoints and
 * the identity provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The provider's sign-up and its two emails are in the matrix too.
 *
 * For every endpoint: a refused credential, every error status the service
 * uses, HTML where JSON belongs (with 502 and with 200), wrong JSON types, an
 * empty body, a body shorter than announced, a chunked body cut short,
 * connection resets before and after the headers, a stall past the
 * timeout, 50 MB, 100,000 nested arrays, a redirect to another origin,
 * gzip answers cut short three ways, JSON-like answers that are not JSON
 * (single quotes, a comment, a byte order mark, NaN, trailing commas), a
 * server that drips a byte at a time for ever, a late answer, and
 * cancellation while the server thinks. Each must come back as its PcError,
 * with a sentence for a person, within the client's timeout.
 */
#include <string.h>

#include "pc-mock-server.h"
#include "pc-test-mock.h"
#include "pc-test-util.h"
#include "pupilcloud.h"

typedef enum {
  GET_PROFILE, UPDATE_PROFILE, LIST_TOKENS, GET_TOKEN, CREATE_TOKEN, DELETE_TOKEN,
  LIST_INVITATIONS, GET_INVITATION, ACCEPT_INVITATION, DECLINE_INVITATION,
  LOGIN, LOGOUT, UNREGISTER, FEEDBACK_TOKEN, IDP_SIGN_IN, IDP_SIGN_UP, IDP_VERIFY_EMAIL, IDP_PASSWORD_RESET,
  N_ENDPOINTS
} Endpoint;

static const struct {
  const char *name;
  const char *method;
  const char *path;
  gboolean authenticated;
} endpoints[N_ENDPOINTS] = {
  [GET_PROFILE] = { "get-profile", "GET", "/auth/profile", TRUE },
  [UPDATE_PROFILE] = { "update-profile", "PATCH", "/auth/profile", TRUE },
  [LIST_TOKENS] = { "list-tokens", "GET", "/auth/tokens", TRUE },
  [GET_TOKEN] = { "get-token", "GET", "/auth/tokens/*", TRUE },
  [CREATE_TOKEN] = { "create-token", "POST", "/auth/tokens", TRUE },
  [DELETE_TOKEN] = { "delete-token", "DELETE", "/auth/tokens/*", TRUE },
  [LIST_INVITATIONS] = { "list-invitations", "GET", "/auth/profile/invites", TRUE },
  [GET_INVITATION] = { "get-invitation", "GET", "/auth/profile/invites/*", TRUE },
  [ACCEPT_INVITATION] = { "accept-invitation", "POST", "/auth/profile/invites/*/accept", TRUE },
  [DECLINE_INVITATION] = { "decline-invitation", "DELETE", "/auth/profile/invites/*", TRUE },
  [LOGIN] = { "login", "POST", "/auth/login", FALSE },
  [LOGOUT] = { "logout", "POST", "/auth/logout", FALSE },
  [UNREGISTER] = { "unregister", "POST", "/auth/unregister", TRUE },
  [FEEDBACK_TOKEN] = { "feedback-token", "GET", "/auth/canny-sso", TRUE },
  [IDP_SIGN_IN] = { "identity-provider", "POST", "/idp/v1/accounts:signInWithPassword", FALSE },
  [IDP_SIGN_UP] = { "identity-provider-sign-up", "POST", "/idp/v1/accounts:signUp", FALSE },
  [IDP_VERIFY_EMAIL] = { "identity-provider-verify-email", "POST", "/idp/v1/accounts:sendOobCode", FALSE },
  [IDP_PASSWORD_RESET] = { "identity-provider-password-reset", "POST", "/idp/v1/accounts:sendOobCode", FALSE },
};

typedef PcTestMockFixture Fixture;

typedef struct
{
  Endpoint endpoint;
  const char *fault; /* a mock fault spec's kind, or a case below */
} Case;

#define done_cb pc_test_keep_result

static void
start (Fixture      *f,
       Endpoint      endpoint,
       GCancellable *cancellable)
{
  g_autoptr(PcProfileChanges) changes = pc_profile_changes_new ();
  g_autofree char *id_token = NULL;

  switch (endpoint)
    {
    case GET_PROFILE:
      pc_client_get_profile_async (f->client, cancellable, done_cb, &f->result);
      break;
    case UPDATE_PROFILE:
      pc_profile_changes_set_name (changes, "Changed");
      pc_client_update_profile_async (f->client, changes, cancellable, done_cb, &f->result);
      break;
    case LIST_TOKENS:
      pc_client_list_tokens_async (f->client, cancellable, done_cb, &f->result);
      break;
    case GET_TOKEN:
      pc_client_get_token_async (f->client, "tok-0001", cancellable, done_cb, &f->result);
      break;
    case CREATE_TOKEN:
      pc_client_create_token_async (f->client, "matrix", cancellable, done_cb, &f->result);
      break;
    case DELETE_TOKEN:
      pc_client_delete_token_async (f->client, "tok-0001", cancellable, done_cb, &f->result);
      break;
    case LIST_INVITATIONS:
      pc_client_list_invitations_async (f->client, cancellable, done_cb, &f->result);
      break;
    case GET_INVITATION:
      pc_client_get_invitation_async (f->client, "invite-driving-viewer-7f3a9c", cancellable, done_cb, &f->result);
      break;
    case ACCEPT_INVITATION:
      pc_client_accept_invitation_async (f->client, "invite-driving-viewer-7f3a9c", cancellable, done_cb, &f->result);
      break;
    case DECLINE_INVITATION:
      pc_client_decline_invitation_async (f->client, "invite-driving-viewer-7f3a9c", cancellable, done_cb, &f->result);
      break;
    case LOGIN:
      id_token = pc_mock_state_issue_id_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, 600);
      pc_client_login_async (f->client, id_token, PC_LOGIN_TYPE_LOGIN, FALSE, cancellable, done_cb, &f->result);
      break;
    case LOGOUT:
      pc_client_logout_async (f->client, cancellable, done_cb, &f->result);
      break;
    case UNREGISTER:
      pc_client_unregister_async (f->client, cancellable, done_cb, &f->result);
      break;
    case FEEDBACK_TOKEN:
      pc_client_get_feedback_token_async (f->client, cancellable, done_cb, &f->result);
      break;
    case IDP_SIGN_IN:
      pc_client_sign_in_with_password_async (f->client, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                             PC_MOCK_DEMO_EMAIL, PC_MOCK_DEMO_PASSWORD, cancellable,
                                             done_cb, &f->result);
      break;
    case IDP_SIGN_UP:
      pc_client_sign_up_async (f->client, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                               "matrix@example.org", "matrix-password", cancellable, done_cb, &f->result);
      break;
    case IDP_VERIFY_EMAIL:
      id_token = pc_mock_state_issue_id_token (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, 600);
      pc_client_send_verification_email_async (f->client, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                               id_token, cancellable, done_cb, &f->result);
      break;
    case IDP_PASSWORD_RESET:
      pc_client_send_password_reset_async (f->client, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY,
                                           PC_MOCK_DEMO_EMAIL, cancellable, done_cb, &f->result);
      break;
    case N_ENDPOINTS:
    default:
      g_assert_not_reached ();
    }
}

/* Finishes any endpoint; TRUE when it succeeded. */
static gboolean
finish (Fixture   *f,
        Endpoint   endpoint,
        GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) object = NULL;
  g_autofree char *text = NULL;

  result = pc_test_wait (&f->result);

  switch (endpoint)
    {
    case GET_PROFILE:
      object = G_OBJECT (pc_client_get_profile_finish (f->client, result, error));
      return object != NULL;
    case UPDATE_PROFILE:
      object = G_OBJECT (pc_client_update_profile_finish (f->client, result, error));
      return object != NULL;
    case LIST_TOKENS:
      object = G_OBJECT (pc_client_list_tokens_finish (f->client, result, error));
      return object != NULL;
    case GET_TOKEN:
      object = G_OBJECT (pc_client_get_token_finish (f->client, result, error));
      return object != NULL;
    case CREATE_TOKEN:
      object = G_OBJECT (pc_client_create_token_finish (f->client, result, error));
      return object != NULL;
    case DELETE_TOKEN:
      return pc_client_delete_token_finish (f->client, result, error);
    case LIST_INVITATIONS:
      object = G_OBJECT (pc_client_list_invitations_finish (f->client, result, error));
      return object != NULL;
    case GET_INVITATION:
      object = G_OBJECT (pc_client_get_invitation_finish (f->client, result, error));
      return object != NULL;
    case ACCEPT_INVITATION:
      object = G_OBJECT (pc_client_accept_invitation_finish (f->client, result, error));
      return object != NULL;
    case DECLINE_INVITATION:
      return pc_client_decline_invitation_finish (f->client, result, error);
    case LOGIN:
      object = G_OBJECT (pc_client_login_finish (f->client, result, error));
      return object != NULL;
    case LOGOUT:
      return pc_client_logout_finish (f->client, result, error);
    case UNREGISTER:
      return pc_client_unregister_finish (f->client, result, error);
    case FEEDBACK_TOKEN:
      text = pc_client_get_feedback_token_finish (f->client, result, error);
      return text != NULL;
    case IDP_SIGN_IN:
      text = pc_client_sign_in_with_password_finish (f->client, result, error);
      return text != NULL;
    case IDP_SIGN_UP:
      text = pc_client_sign_up_finish (f->client, result, error);
      return text != NULL;
    case IDP_VERIFY_EMAIL:
      return pc_client_send_verification_email_finish (f->client, result, error);
    case IDP_PASSWORD_RESET:
      return pc_client_send_password_reset_finish (f->client, result, error);
    case N_ENDPOINTS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  pc_test_mock_setup (f, data);
  pc_client_set_timeout (f->client, 1);
}

static void
test_success (Fixture       *f,
              gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;

  start (f, c->endpoint, NULL);
  g_assert_true (finish (f, c->endpoint, &error));
  g_assert_no_error (error);
  /* The run against a compressing mock really met a compressed answer
   * (the seed-only mock's 204s have no body to compress). */
  if (g_getenv ("PUPIL_CLOUD_MOCK_COMPRESS") != NULL)
    g_assert_cmpuint (pc_mock_server_get_compressed_count (f->mock), >, 0);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;

  pc_client_set_api_token (f->client, "revoked-token");
  start (f, c->endpoint, NULL);
  g_assert_false (finish (f, c->endpoint, &error));
  g_assert_error (error, PC_ERROR, PC_ERROR_UNAUTHORIZED);
}

/* Deleting, declining, signing out, unregistering and the provider's
 * emails are done once the server says 200: what its body holds does not
 * matter, so wrong types or no body at all are success (HTML is not: that
 * is some other server). */
static gboolean
result_ignored (Endpoint endpoint)
{
  return endpoint == DELETE_TOKEN || endpoint == DECLINE_INVITATION || endpoint == LOGOUT ||
         endpoint == UNREGISTER || endpoint == IDP_VERIFY_EMAIL || endpoint == IDP_PASSWORD_RESET;
}

static gboolean
is_identity_provider (Endpoint endpoint)
{
  return endpoint == IDP_SIGN_IN || endpoint == IDP_SIGN_UP || endpoint == IDP_VERIFY_EMAIL ||
         endpoint == IDP_PASSWORD_RESET;
}

#define SUCCESS ((PcErrorCode) -1)

/* What each fault must come back as. */
static PcErrorCode
expected_code (const Case *c)
{
  static const struct { const char *fault; PcErrorCode code; } codes[] = {
    { "status:400", PC_ERROR_INVALID_INPUT }, { "status:401", PC_ERROR_UNAUTHORIZED },
    { "status:403", PC_ERROR_FORBIDDEN }, { "status:404", PC_ERROR_NOT_FOUND },
    { "status:409", PC_ERROR_CONFLICT }, { "status:410", PC_ERROR_GONE },
    { "status:429", PC_ERROR_RATE_LIMITED }, { "status:500", PC_ERROR_SERVER },
    { "html:502", PC_ERROR_SERVER }, { "html:200", PC_ERROR_PARSE }, { "wrong-types", PC_ERROR_PARSE },
    { "empty", PC_ERROR_PARSE }, { "short", PC_ERROR_NETWORK }, { "chunked-cut", PC_ERROR_NETWORK },
    { "reset-before", PC_ERROR_NETWORK }, { "reset-after", PC_ERROR_NETWORK }, { "stall", PC_ERROR_TIMEOUT },
    { "huge", PC_ERROR_PARSE }, { "deep", PC_ERROR_PARSE }, { "redirect", PC_ERROR_SERVER },
    { "gzip-short", PC_ERROR_NETWORK }, { "gzip-chunked-cut", PC_ERROR_NETWORK },
    { "gzip-truncated", PC_ERROR_NETWORK }, { "single-quotes", PC_ERROR_PARSE }, { "comment", PC_ERROR_PARSE },
    { "bom", PC_ERROR_PARSE }, { "nan", PC_ERROR_PARSE }, { "trailing-comma", PC_ERROR_PARSE },
    { "drip", PC_ERROR_TIMEOUT }, { "endless", PC_ERROR_PARSE }, { "huge-chunked", PC_ERROR_PARSE },
    { "short-whole", PC_ERROR_NETWORK },
  };

  if (result_ignored (c->endpoint) && (g_str_equal (c->fault, "wrong-types") || g_str_equal (c->fault, "empty")))
    return SUCCESS;
  /* A page in the way (a proxy's, a gateway's) is not the service saying
   * no; the identity provider's own refusals are its own. */
  if (g_str_equal (c->fault, "html:401") || g_str_equal (c->fault, "html:403"))
    return !is_identity_provider (c->endpoint) ? PC_ERROR_BLOCKED
                                      : g_str_equal (c->fault, "html:401") ? PC_ERROR_UNAUTHORIZED
                                                                           : PC_ERROR_FORBIDDEN;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (codes[i].fault, c->fault))
      return codes[i].code;
  g_assert_not_reached ();
}

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = g_strdup_printf ("%s %s=%s", endpoints[c->endpoint].method,
                                           endpoints[c->endpoint].path, c->fault);
  PcErrorCode expected = expected_code (c);
  gint64 start_time = g_get_monotonic_time ();

  pc_mock_server_add_fault_spec (f->mock, spec, &error);
  g_assert_no_error (error);
  /* A byte every 100 ms never lets the one-second timeout fire: only the
   * deadline ends it. */
  if (g_str_equal (c->fault, "drip"))
    pc_client_set_deadline (f->client, 1);
  start (f, c->endpoint, NULL);
  if (expected == SUCCESS)
    {
      g_assert_true (finish (f, c->endpoint, &error));
      g_assert_no_error (error);
      return;
    }
  g_assert_false (finish (f, c->endpoint, &error));
  g_assert_error (error, PC_ERROR, (gint) expected);
  /* A sentence for a person: not the body, no markup, no JSON. */
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (strchr (error->message, '<'));
  g_assert_null (strchr (error->message, '{'));
  g_assert_null (strchr (error->message, '\n'));
  /* No request outlives its deadline (the code says which limit ended
   * it). The two seconds past it are for a busy machine, not for the
   * client: the timeout plus a little failed on loaded runs. */
  g_assert_cmpint (g_get_monotonic_time () - start_time, <,
                   (pc_client_get_deadline (f->client) + 2) * G_USEC_PER_SEC);
  /* An answer with no length is read no further than the size cap: the
   * client hung up, so most of a 50 MB or endless body never left the
   * mock (16 MB read, plus what the connection's buffers hold). */
  if (g_str_equal (c->fault, "huge-chunked") || g_str_equal (c->fault, "endless"))
    g_assert_cmpuint (pc_mock_server_get_streamed_bytes (f->mock), <, 32 * 1024 * 1024);
  /* An announced length over the cap is not read at all: what was sent is
   * only what the connection's buffers took (a few MB), short of the 16 MB
   * a client reading up to its cap would have taken. */
  if (g_str_equal (c->fault, "huge"))
    g_assert_cmpuint (pc_mock_server_get_streamed_bytes (f->mock), <, 16 * 1024 * 1024);
}

/* An answer that comes late, but within the timeout, is an answer. */
static void
test_late (Fixture       *f,
           gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;

  pc_mock_server_set_latency (f->mock, 400);
  start (f, c->endpoint, NULL);
  g_assert_true (finish (f, c->endpoint, &error));
  g_assert_no_error (error);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  pc_client_set_timeout (f->client, 15);
  pc_mock_server_set_latency (f->mock, 5000);
  start (f, c->endpoint, cancellable);
  while (pc_mock_server_get_request_count (f->mock) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  g_assert_false (finish (f, c->endpoint, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  /* The whole matrix: every endpoint, every way an answer can go wrong. */
  static const char *faults[] = {
    "status:400", "status:401", "status:403", "status:404", "status:409", "status:410", "status:429",
    "status:500", "html:401", "html:403", "html:502", "html:200", "wrong-types", "empty", "short", "chunked-cut",
    "reset-before",
    "reset-after", "stall", "huge", "deep", "redirect", "gzip-short", "gzip-chunked-cut", "gzip-truncated",
    "single-quotes", "comment", "bom", "nan", "trailing-comma", "drip", "endless", "huge-chunked", "short-whole",
  };
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (Endpoint e = 0; e < N_ENDPOINTS; e++)
    {
      Case *c = g_new0 (Case, 1);
      g_autofree char *success = g_strdup_printf ("/endpoints/%s/success", endpoints[e].name);
      g_autofree char *cancel = g_strdup_printf ("/endpoints/%s/cancel", endpoints[e].name);

      c->endpoint = e;
      g_ptr_array_add (cases, c);
      /* Logout ends a session and answers success without one. */
      if (e != LOGOUT)
        {
          g_autofree char *late = g_strdup_printf ("/endpoints/%s/late", endpoints[e].name);
          g_test_add (success, Fixture, c, setup, test_success, pc_test_mock_teardown);
          g_test_add (late, Fixture, c, setup, test_late, pc_test_mock_teardown);
        }
      if (endpoints[e].authenticated)
        {
          g_autofree char *path = g_strdup_printf ("/endpoints/%s/unauthorized", endpoints[e].name);
          g_test_add (path, Fixture, c, setup, test_unauthorized, pc_test_mock_teardown);
        }
      g_test_add (cancel, Fixture, c, setup, test_cancel, pc_test_mock_teardown);

      for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
        {
          Case *fc = g_new0 (Case, 1);
          g_autofree char *path = g_strdup_printf ("/endpoints/%s/fault/%s", endpoints[e].name, faults[i]);

          fc->endpoint = e;
          fc->fault = faults[i];
          g_ptr_array_add (cases, fc);
          g_test_add (path, Fixture, fc, setup, test_fault, pc_test_mock_teardown);
        }
    }

  return g_test_run ();
}
