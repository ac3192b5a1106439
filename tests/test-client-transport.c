/* test-client-transport.c: the client's transport against the mock cloud:
 * pictures, redirects, cancellation and time, what servers get wrong, and
 * the debug trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pc-debug-private.h"
#include "pc-mock-server.h"
#include "pc-test-mock.h"
#include "pc-test-util.h"
#include "pupilcloud.h"

typedef PcTestMockFixture Fixture;

#define done_cb pc_test_keep_result
#define wait_result(f) pc_test_wait (&(f)->result)

/* Profile pictures */

static char *
picture_url (Fixture    *f,
             const char *name)
{
  g_autoptr(GUri) base = g_uri_parse (pc_mock_server_get_base_url (f->mock), G_URI_FLAGS_NONE, NULL);
  return g_strdup_printf ("http://%s:%d/pictures/%s", g_uri_get_host (base), g_uri_get_port (base), name);
}

static GBytes *
fetch_picture (Fixture     *f,
               const char  *url,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_fetch_picture_async (f->client, url, NULL, done_cb, &f->result);
  result = wait_result (f);
  return pc_client_fetch_picture_finish (f->client, result, error);
}

static void
test_picture (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *good = picture_url (f, "ada.png");
  g_autofree char *wall = picture_url (f, "login-wall");
  g_autofree char *missing = picture_url (f, "nobody.png");
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GError) error = NULL;
  guint requests;

  pc_client_set_workspace_id (f->client, "c1d2e3f4-0000-4000-8000-000000000003");
  picture = fetch_picture (f, good, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (picture, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  /* Pictures live on other hosts: no token, cookie or workspace goes along. */
  g_assert_false (pc_mock_server_get_last_had_credentials (f->mock));
  g_assert_null (pc_mock_server_get_last_workspace_id (f->mock));

  /* A page that is not a picture, or none at all. */
  g_clear_pointer (&picture, g_bytes_unref);
  picture = fetch_picture (f, wall, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  g_assert_null (picture);
  g_clear_error (&error);
  picture = fetch_picture (f, missing, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  g_clear_error (&error);

  /* Unencrypted to another computer: not even asked. */
  requests = pc_mock_server_get_request_count (f->mock);
  picture = fetch_picture (f, "http://pictures.example.com/ada.png", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_URL);
  g_clear_error (&error);
  picture = fetch_picture (f, "not an address", &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_INVALID_URL);
  g_assert_cmpuint (pc_mock_server_get_request_count (f->mock), ==, requests);
}

/* Redirects to another origin: never followed, so credentials stay */

static void
other_origin_handler (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  guint *seen = user_data;

  (*seen)++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
test_redirect_other_origin (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GUri) base = g_uri_parse (pc_mock_server_get_base_url (f->mock), G_URI_FLAGS_NONE, NULL);
  g_autoptr(SoupServer) other = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback2 = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback2, (guint16) g_uri_get_port (base));
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint seen = 0;

  /* Where the mock sends its redirects: 127.0.0.2, the same port. */
  g_assert_true (soup_server_listen (other, address, 0, &error));
  g_assert_no_error (error);
  soup_server_add_handler (other, NULL, other_origin_handler, &seen, NULL);

  /* With an API token. */
  pc_mock_server_add_fault_spec (f->mock, "GET /auth/profile=redirect", NULL);
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_null (profile);
  g_assert_error (error, PC_ERROR, PC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "not followed"));
  g_clear_error (&error);

  /* With a session cookie, and a body that would carry it elsewhere. */
  pc_client_clear_credentials (f->client);
  pc_client_set_session_cookie (f->client, "session=some-session-value");
  pc_mock_server_add_fault_spec (f->mock, "PATCH /auth/profile=redirect", NULL);
  {
    g_autoptr(PcProfileChanges) changes = pc_profile_changes_new ();
    pc_profile_changes_set_name (changes, "Elsewhere");
    pc_client_update_profile_async (f->client, changes, NULL, done_cb, &f->result);
    result = wait_result (f);
    g_assert_null (pc_client_update_profile_finish (f->client, result, &error));
    g_assert_error (error, PC_ERROR, PC_ERROR_SERVER);
  }

  /* Nothing ever reached the other origin, which was there to be reached:
   * a plain request (a picture fetch, without credentials) gets through. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen, ==, 0);
  {
    g_autofree char *probe = g_strdup_printf ("http://127.0.0.2:%d/probe", g_uri_get_port (base));
    g_autoptr(GBytes) picture = fetch_picture (f, probe, NULL);
    g_assert_null (picture);
  }
  g_assert_cmpuint (seen, ==, 1);
  soup_server_disconnect (other);
}

/* Cancellation and time */

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;

  pc_mock_server_set_latency (f->mock, 2000);
  pc_client_get_profile_async (f->client, cancellable, done_cb, &f->result);
  /* Cancel once the request has reached the server. */
  while (pc_mock_server_get_request_count (f->mock) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  result = wait_result (f);
  profile = pc_client_get_profile_finish (f->client, result, &error);
  g_assert_null (profile);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;
  gint64 start;

  /* The answer comes after 10 s, the timeout is 1 s: the bound between
   * them leaves a loaded machine 7 s, where 2.4 s against an answer at 2.5 s
   * failed for no fault of the client. */
  pc_mock_server_set_latency (f->mock, 10000);
  pc_client_set_timeout (f->client, 1);
  start = g_get_monotonic_time ();
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_error (error, PC_ERROR, PC_ERROR_TIMEOUT);
  /* Gave up at the timeout, not when the answer finally came. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_USEC_PER_SEC);
}

/* What the server gets wrong: every answer goes through one choke point. */

typedef struct
{
  PcMockFaultKind kind;
  guint status;
  PcErrorCode code;
} FaultCase;

static const FaultCase fault_cases[] = {
  { PC_MOCK_FAULT_STATUS, 400, PC_ERROR_INVALID_INPUT },
  { PC_MOCK_FAULT_STATUS, 401, PC_ERROR_UNAUTHORIZED },
  { PC_MOCK_FAULT_STATUS, 403, PC_ERROR_FORBIDDEN },
  { PC_MOCK_FAULT_STATUS, 404, PC_ERROR_NOT_FOUND },
  { PC_MOCK_FAULT_STATUS, 409, PC_ERROR_CONFLICT },
  { PC_MOCK_FAULT_STATUS, 410, PC_ERROR_GONE },
  { PC_MOCK_FAULT_STATUS, 429, PC_ERROR_RATE_LIMITED },
  { PC_MOCK_FAULT_STATUS, 500, PC_ERROR_SERVER },
  { PC_MOCK_FAULT_HTML, 502, PC_ERROR_SERVER },
  { PC_MOCK_FAULT_HTML, 200, PC_ERROR_PARSE },
  { PC_MOCK_FAULT_WRONG_TYPES, 0, PC_ERROR_PARSE },
  { PC_MOCK_FAULT_EMPTY, 0, PC_ERROR_PARSE },
  { PC_MOCK_FAULT_SHORT, 0, PC_ERROR_NETWORK },
  { PC_MOCK_FAULT_CHUNKED_CUT, 0, PC_ERROR_NETWORK },
  { PC_MOCK_FAULT_RESET_BEFORE, 0, PC_ERROR_NETWORK },
  { PC_MOCK_FAULT_RESET_AFTER, 0, PC_ERROR_NETWORK },
  { PC_MOCK_FAULT_HUGE, 0, PC_ERROR_PARSE },
  { PC_MOCK_FAULT_DEEP, 0, PC_ERROR_PARSE },
  { PC_MOCK_FAULT_REDIRECT, 0, PC_ERROR_SERVER },
};

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const FaultCase *fault = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;
  g_autoptr(PcProfile) recovered = NULL;

  pc_mock_server_add_fault (f->mock, "GET", "/auth/profile", fault->kind, fault->status);
  profile = pc_test_mock_get_profile (f, &error);
  g_assert_null (profile);
  g_assert_error (error, PC_ERROR, (gint) fault->code);
  /* A sentence, never the body: no markup, no JSON. */
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (strchr (error->message, '<'));
  g_assert_null (strchr (error->message, '{'));
  g_clear_error (&error);

  /* The client is not left broken by it. */
  pc_mock_server_clear_faults (f->mock);
  recovered = pc_test_mock_get_profile (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovered);
}

/* The debug trace */

static void
test_debug_redaction (void)
{
  const char *json = "{\"result\":{\"token\":\"s3cr3t-token\",\"id\":\"tok-1\","
                     "\"nested\":[{\"password\":\"hunter2\",\"idToken\":\"eyJabc\"}]},"
                     "\"csrf_token\":\"csrf-value\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(GBytes) html = g_bytes_new_static ("<html>token=abc</html>", 22);
  g_autofree char *redacted = pc_debug_redact_body (body);
  g_autofree char *redacted_html = pc_debug_redact_body (html);
  g_autoptr(GUri) uri = g_uri_parse ("http://127.0.0.1:1/v2/auth/profile/invites/invite-secret/accept",
                                     G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) idp = g_uri_parse ("http://127.0.0.1:1/idp/v1/accounts:signInWithPassword?key=k3y",
                                     G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *redacted_uri = pc_debug_redact_uri (uri);
  g_autofree char *redacted_idp = pc_debug_redact_uri (idp);

  g_assert_null (strstr (redacted, "s3cr3t"));
  g_assert_null (strstr (redacted, "hunter2"));
  g_assert_null (strstr (redacted, "eyJabc"));
  g_assert_null (strstr (redacted, "csrf-value"));
  g_assert_nonnull (strstr (redacted, "tok-1"));
  g_assert_null (strstr (redacted_html, "abc"));
  g_assert_null (strstr (redacted_uri, "invite-secret"));
  g_assert_nonnull (strstr (redacted_uri, "/accept"));
  g_assert_null (strstr (redacted_idp, "k3y"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, pc_test_mock_setup, func, pc_test_mock_teardown)
  ADD ("/client/cancel", test_cancel);
  ADD ("/client/timeout", test_timeout);
  g_test_add_func ("/client/debug/redaction", test_debug_redaction);
  ADD ("/client/picture", test_picture);
  ADD ("/client/redirect/other-origin", test_redirect_other_origin);
#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      static const char *names[] = {
        "status", "html", "wrong-types", "empty", "short", "chunked-cut", "reset-before",
        "reset-after", "stall", "huge", "deep", "redirect",
      };
      g_autofree char *path = g_strdup_printf ("/client/fault/%s/%u", names[fault_cases[i].kind],
                                               fault_cases[i].status);
      g_test_add (path, Fixture, &fault_cases[i], pc_test_mock_setup, test_fault, pc_test_mock_teardown);
    }

  return g_test_run ();
}
