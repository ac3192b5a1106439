/* bench-client.c: what PcClient costs over bare libsoup and json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against a pupil-cloud-mock child (its own process, so the server's
 * work is the same for the client and for the baseline), and prints
 * figures and ratios against baselines measured in this same process:
 *
 *  1. 1,000 sequential GET /auth/profile through PcClient, parsed into a
 *     PcProfile, against the same fetches with bare libsoup and no parsing.
 *  2. Listing 10,000 tokens: PcClient end to end against bare libsoup plus
 *     json-glib on the same answer; and the client's own processing of the
 *     bytes (choke point and models) against json-glib alone parsing them.
 *  3. Heap bytes per PcToken while the list is held.
 *  4. The same list compressed (gzip with a Content-Length, and chunked)
 *     through PcClient, against the uncompressed list through PcClient and
 *     the compressed one through bare libsoup's own decoder.
 *
 * Each timing is the best of several rounds, interleaved, to keep the noise
 * of a shared two-core machine out of the ratios.
 */
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <malloc.h>
#include <signal.h>
#include <string.h>

#include "pc-client-private.h"
#include "pupilcloud.h"

#define DEMO_TOKEN "demo-token-Xk3p9QvL2mN8rT5wZ1yB4cD7fG0hJ6sA"
#define N_FETCHES 1000
#define N_TOKENS 10000
#define ROUNDS 5

static GAsyncResult *the_result;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  the_result = g_object_ref (result);
}

static GAsyncResult *
wait_result (void)
{
  GAsyncResult *result;

  while (the_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = the_result;
  the_result = NULL;
  return result;
}

static GSubprocess *
start_mock_compressed (char       **base_url,
                       const char  *compression)
{
  const char *argv[] = { g_getenv ("PUPIL_CLOUD_MOCK"), "--port=0", "--generate-tokens", "9996",
                         "--compress", compression, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  GSubprocess *mock;

  if (argv[0] == NULL)
    g_error ("Set PUPIL_CLOUD_MOCK to the pupil-cloud-mock program (meson does)");
  mock = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mock));
  *base_url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  return mock;
}

static GSubprocess *
start_mock (char **base_url)
{
  return start_mock_compressed (base_url, "none");
}

/* 1. Profile fetches */

static double
profiles_with_client (PcClient *client,
                      guint     n)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PcProfile) profile = NULL;
      g_autoptr(GError) error = NULL;

      pc_client_get_profile_async (client, NULL, done_cb, NULL);
      result = wait_result ();
      profile = pc_client_get_profile_finish (client, result, &error);
      g_assert_no_error (error);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static GBytes *
fetch_bare (SoupSession *session,
            const char  *url)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  soup_message_headers_replace (soup_message_get_request_headers (message), "api-key", DEMO_TOKEN);
  soup_message_headers_replace (soup_message_get_request_headers (message), "workspace-id", "default");
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, done_cb, NULL);
  result = wait_result ();
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  return body;
}

static double
profiles_bare (SoupSession *session,
               const char  *url,
               guint        n)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    g_bytes_unref (fetch_bare (session, url));
  return (g_get_monotonic_time () - start) / 1e6;
}

/* 2. Token lists */

static double
tokens_with_client (PcClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pc_client_list_tokens_async (client, NULL, done_cb, NULL);
  result = wait_result ();
  tokens = pc_client_list_tokens_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, N_TOKENS);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
parse_with_json_glib (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
}

static double
tokens_bare (SoupSession *session,
             const char  *url)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GBytes) body = fetch_bare (session, url);

  parse_with_json_glib (body);
  return (g_get_monotonic_time () - start) / 1e6;
}

static GListModel *
process_with_client (GBytes *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = pc_response_parse (PC_RESPONSE_ENVELOPE, 200, body, &error);
  GListModel *tokens;

  g_assert_no_error (error);
  tokens = pc_client_parse_token_list (result, &error);
  g_assert_no_error (error);
  return tokens;
}

static double
time_process_with_client (GBytes *body)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GListModel) tokens G_GNUC_UNUSED = process_with_client (body);

  return (g_get_monotonic_time () - start) / 1e6;
}

static double
time_parse_with_json_glib (GBytes *body)
{
  gint64 start = g_get_monotonic_time ();

  parse_with_json_glib (body);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(PcClient) client = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) token_bytes = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *profile_url = NULL;
  g_autofree char *tokens_url = NULL;
  double client_profiles = G_MAXDOUBLE, bare_profiles = G_MAXDOUBLE;
  double client_list = G_MAXDOUBLE, bare_list = G_MAXDOUBLE;
  double client_process = G_MAXDOUBLE, json_process = G_MAXDOUBLE;
  size_t before, after;
  double ratio_profiles, ratio_list, ratio_process, per_token;
  gboolean ok;
  gboolean ok_compressed = TRUE;

  mock = start_mock (&base_url);
  profile_url = g_strconcat (base_url, "/auth/profile", NULL);
  tokens_url = g_strconcat (base_url, "/auth/tokens", NULL);

  client = pc_client_new (base_url, &error);
  g_assert_no_error (error);
  pc_client_set_api_token (client, DEMO_TOKEN);
  session = soup_session_new_with_options ("timeout", 15, NULL);

  /* Warm both up: connections, types, caches. */
  profiles_with_client (client, 50);
  profiles_bare (session, profile_url, 50);

  for (guint round = 0; round < ROUNDS; round++)
    {
      bare_profiles = MIN (bare_profiles, profiles_bare (session, profile_url, N_FETCHES));
      client_profiles = MIN (client_profiles, profiles_with_client (client, N_FETCHES));
    }

  token_bytes = fetch_bare (session, tokens_url);
  for (guint round = 0; round < ROUNDS; round++)
    {
      bare_list = MIN (bare_list, tokens_bare (session, tokens_url));
      client_list = MIN (client_list, tokens_with_client (client));
      json_process = MIN (json_process, time_parse_with_json_glib (token_bytes));
      client_process = MIN (client_process, time_process_with_client (token_bytes));
    }

  /* Heap held by the models: measured with G_SLICE=always-malloc so that
   * every GObject is a malloc block mallinfo2 can see. */
  {
    g_autoptr(GListModel) held = NULL;
    g_autoptr(GListModel) warm = process_with_client (token_bytes);

    g_clear_object (&warm);
    malloc_trim (0);
    before = mallinfo2 ().uordblks;
    held = process_with_client (token_bytes);
    malloc_trim (0);
    after = mallinfo2 ().uordblks;
    g_assert_cmpuint (g_list_model_get_n_items (held), ==, N_TOKENS);
  }

  ratio_profiles = client_profiles / bare_profiles;
  ratio_list = client_list / bare_list;
  ratio_process = client_process / json_process;
  per_token = (double) (after - before) / N_TOKENS;

  g_print ("answer of GET /auth/tokens: %" G_GSIZE_FORMAT " bytes for %d tokens\n",
           g_bytes_get_size (token_bytes), N_TOKENS);
  g_print ("profile x%d  PcClient %.1f ms (%.0f µs each)  bare libsoup %.1f ms (%.0f µs each)  "
           "ratio %.2f (target <= 1.30)\n",
           N_FETCHES, client_profiles * 1e3, client_profiles * 1e6 / N_FETCHES,
           bare_profiles * 1e3, bare_profiles * 1e6 / N_FETCHES, ratio_profiles);
  g_print ("tokens list end to end  PcClient %.1f ms  bare libsoup + json-glib %.1f ms  ratio %.2f\n",
           client_list * 1e3, bare_list * 1e3, ratio_list);
  g_print ("tokens list processing  PcClient %.1f ms  json-glib alone %.1f ms  ratio %.2f (target <= 1.50)\n",
           client_process * 1e3, json_process * 1e3, ratio_process);
  g_print ("memory  %.0f bytes per PcToken held (%zu bytes for %d)\n", per_token, after - before, N_TOKENS);

  /* 4. Compressed lists */
  {
    const char *ways[] = { "gzip", "gzip-chunked" };

    for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
      {
        g_autofree char *packed_url = NULL;
        g_autofree char *packed_tokens_url = NULL;
        g_autoptr(GSubprocess) packed_mock = start_mock_compressed (&packed_url, ways[w]);
        g_autoptr(PcClient) packed_client = pc_client_new (packed_url, &error);
        double packed = G_MAXDOUBLE, plain = G_MAXDOUBLE, decoder = G_MAXDOUBLE;

        g_assert_no_error (error);
        pc_client_set_api_token (packed_client, DEMO_TOKEN);
        packed_tokens_url = g_strconcat (packed_url, "/auth/tokens", NULL);
        for (guint round = 0; round < ROUNDS; round++)
          {
            plain = MIN (plain, tokens_with_client (client));
            packed = MIN (packed, tokens_with_client (packed_client));
            decoder = MIN (decoder, tokens_bare (session, packed_tokens_url));
          }
        g_print ("tokens list %s  PcClient %.1f ms  uncompressed %.1f ms  ratio %.2f  "
                 "(bare libsoup's decoder + json-glib %.1f ms)\n",
                 ways[w], packed * 1e3, plain * 1e3, packed / plain, decoder * 1e3);
        ok_compressed = ok_compressed && packed / plain <= 1.3;
        g_subprocess_send_signal (packed_mock, SIGTERM);
        g_subprocess_wait (packed_mock, NULL, NULL);
      }
  }

  g_subprocess_send_signal (mock, SIGTERM);
  g_subprocess_wait (mock, NULL, NULL);

  ok = ratio_profiles <= 1.3 && ratio_process <= 1.5 && ok_compressed;
  g_print ("%s\n", ok ? "targets met" : "TARGETS MISSED");
  return ok ? 0 : 1;
}
