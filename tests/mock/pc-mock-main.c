/* pc-mock-main.c: the pupil-cloud-mock program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the base URL on its first line (so that a test or a script can
 * read it), then what a person needs to sign in, and serves until it is
 * interrupted or terminated.
 */
#include <glib-unix.h>
#include <stdio.h>

#include "pc-mock-server.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcMockServer) mock = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *fixture = NULL;
  g_auto(GStrv) faults = NULL;
  g_autofree char *compression = NULL;
  int port = 0;
  int latency_ms = 0;
  int generate_tokens = 0;
  int generate_invitations = 0;
  gboolean seed_only = FALSE;
  g_autofree char *sent_emails = NULL;
  g_autofree char *idp_error = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1; 0 picks a free one", "PORT" },
    { "fixture", 'f', 0, G_OPTION_ARG_FILENAME, &fixture,
      "JSON fixture to start from (default: the built-in demo)", "FILE" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay every answer by this many milliseconds", "MS" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Inject a fault: [METHOD ]PATH=KIND[:STATUS]", "SPEC" },
    { "compress", 0, 0, G_OPTION_ARG_STRING, &compression,
      "Compress answers: gzip, deflate, gzip-chunked or deflate-chunked (also PUPIL_CLOUD_MOCK_COMPRESS)", "HOW" },
    { "generate-tokens", 0, 0, G_OPTION_ARG_INT, &generate_tokens, "Give the demo user this many more tokens", "N" },
    { "generate-invitations", 0, 0, G_OPTION_ARG_INT, &generate_invitations,
      "Give the demo user this many more invitations", "N" },
    { "seed-only", 0, 0, G_OPTION_ARG_NONE, &seed_only,
      "Answer with only the seed's fields (as PUPIL_CLOUD_MOCK_SEED_ONLY=1 does)", NULL },
    { "sent-emails", 0, 0, G_OPTION_ARG_FILENAME, &sent_emails,
      "Write each email the identity provider sends to FILE, a line \"KIND address\" each "
      "(POST /mock/verify?email=ADDRESS follows a confirmation link)", "FILE" },
    { "idp-error", 0, 0, G_OPTION_ARG_STRING, &idp_error,
      "Answer the identity provider's first request with this error, e.g. TOO_MANY_ATTEMPTS_TRY_LATER", "WORD" },
    { NULL }
  };

  context = g_option_context_new ("- a local Pupil Cloud for tests and demos");
  g_option_context_set_summary (context,
                                "Fault kinds: status, html, wrong-types, empty, short, chunked-cut,\n"
                                "reset-before, reset-after, stall, huge, deep, redirect, gzip-short,\n"
                                "gzip-chunked-cut, gzip-truncated, single-quotes, comment, bom, nan,\n"
                                "trailing-comma, drip, slow, endless, huge-chunked, short-whole.\n"
                                "Example: --fault 'GET /auth/profile=status:500'");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      port < 0 || port > 65535 || latency_ms < 0 || generate_tokens < 0 || generate_invitations < 0)
    {
      g_printerr ("pupil-cloud-mock: %s\n", error ? error->message : "a number is out of range");
      return 2;
    }

  if (seed_only)
    g_setenv ("PUPIL_CLOUD_MOCK_SEED_ONLY", "1", TRUE);
  mock = pc_mock_server_new (fixture, &error);
  if (mock != NULL && compression != NULL && !pc_mock_server_set_compression_name (mock, compression, &error))
    g_clear_object (&mock);
  for (guint i = 0; mock != NULL && faults != NULL && faults[i] != NULL; i++)
    if (!pc_mock_server_add_fault_spec (mock, faults[i], &error))
      g_clear_object (&mock);
  if (mock == NULL || !pc_mock_server_listen (mock, port, &error))
    {
      g_printerr ("pupil-cloud-mock: %s\n", error->message);
      return 1;
    }
  pc_mock_server_set_latency (mock, latency_ms);
  pc_mock_state_set_sent_emails_file (pc_mock_server_get_state (mock), sent_emails);
  pc_mock_state_set_next_idp_error (pc_mock_server_get_state (mock), idp_error);
  if (generate_tokens > 0)
    pc_mock_state_generate_tokens (pc_mock_server_get_state (mock), PC_MOCK_DEMO_EMAIL, generate_tokens);
  if (generate_invitations > 0)
    pc_mock_state_generate_invitations (pc_mock_server_get_state (mock), PC_MOCK_DEMO_EMAIL,
                                        generate_invitations);

  g_print ("%s\n", pc_mock_server_get_base_url (mock));
  g_print ("identity provider: %s (key %s)\n", pc_mock_server_get_idp_url (mock), PC_MOCK_IDP_KEY);
  if (fixture == NULL)
    g_print ("demo account: %s, password %s, API token %s\n",
             PC_MOCK_DEMO_EMAIL, PC_MOCK_DEMO_PASSWORD, PC_MOCK_DEMO_TOKEN);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
