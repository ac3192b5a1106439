/* test-load.c: many tokens, many invitations, many calls at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mock serves 10,000 tokens and 1,000 invitations to the client and to
 * the command line; 100 creates and then 100 deletes run in parallel from
 * one client, and afterwards no token is lost or doubled and no file
 * descriptor or memory is left behind.
 */
#include <json-glib/json-glib.h>
#include <malloc.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "pc-mock-server.h"
#include "pc-test-mock.h"
#include "pc-test-util.h"
#include "pupilcloud.h"

typedef PcTestMockFixture Fixture;

/* Long lists */

static void
test_long_lists (Fixture       *f,
                 gconstpointer  data)
{
  PcMockState *state = pc_mock_server_get_state (f->mock);
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GListModel) invitations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  pc_mock_state_generate_tokens (state, PC_MOCK_DEMO_EMAIL, 10000);
  pc_mock_state_generate_invitations (state, PC_MOCK_DEMO_EMAIL, 1000);

  tokens = pc_test_mock_list_tokens (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, 10004);
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(PcToken) token = g_list_model_get_item (tokens, i);
      g_assert_true (g_hash_table_add (ids, (gpointer) pc_token_get_id (token)));
    }

  invitations = pc_test_mock_list_invitations (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (invitations), ==, 1004);
}

/* The command line, against a mock of its own */

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static JsonNode *
cli_json (const char *base_url,
          const char *what)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_subprocess_launcher_setenv (launcher, "PUPIL_CLOUD_SERVER", base_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "PUPIL_CLOUD_TOKEN", PC_MOCK_DEMO_TOKEN, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PUPIL_CLOUD_CLI"), "--json", what, "list",
                                         NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_command_line (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autoptr(JsonNode) tokens = NULL;
  g_autoptr(JsonNode) invitations = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  mock = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PUPIL_CLOUD_MOCK"), "--port=0",
                                      "--generate-tokens=10000", "--generate-invitations=1000", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mock));
  base_url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);

  tokens = cli_json (base_url, "tokens");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (tokens)), ==, 10004);
  invitations = cli_json (base_url, "invites");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (invitations)), ==, 1004);

  g_subprocess_send_signal (mock, SIGTERM);
  g_subprocess_wait (mock, NULL, NULL);
}

/* 100 at once */

#define PARALLEL 100

typedef struct
{
  Fixture *f;
  guint pending;
  GPtrArray *ids;
  GPtrArray *secrets;
  guint failures;
} Batch;

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(PcToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = pc_client_create_token_finish (PC_CLIENT (object), result, &error);
  if (token == NULL)
    {
      g_test_message ("create: %s", error->message);
      batch->failures++;
    }
  else
    {
      g_ptr_array_add (batch->ids, g_strdup (pc_token_get_id (token)));
      g_ptr_array_add (batch->secrets, g_strdup (pc_token_get_token (token)));
    }
  batch->pending--;
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;

  if (!pc_client_delete_token_finish (PC_CLIENT (object), result, &error))
    {
      g_test_message ("delete: %s", error->message);
      batch->failures++;
    }
  batch->pending--;
}

static void
wait_batch (Batch *batch)
{
  while (batch->pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static guint
count_tokens (Fixture *f)
{
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GError) error = NULL;

  tokens = pc_test_mock_list_tokens (f, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (tokens);
}

static void
round_trip (Fixture *f)
{
  guint before = count_tokens (f);
  Batch batch = { f, 0, g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GHashTable) distinct_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) distinct_secrets = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < PARALLEL; i++)
    {
      g_autofree char *name = g_strdup_printf ("parallel %u", i);
      batch.pending++;
      pc_client_create_token_async (f->client, name, NULL, created_cb, &batch);
    }
  wait_batch (&batch);
  g_assert_cmpuint (batch.failures, ==, 0);
  g_assert_cmpuint (batch.ids->len, ==, PARALLEL);
  for (guint i = 0; i < PARALLEL; i++)
    {
      g_assert_true (g_hash_table_add (distinct_ids, g_ptr_array_index (batch.ids, i)));
      g_assert_true (g_hash_table_add (distinct_secrets, g_ptr_array_index (batch.secrets, i)));
    }
  /* None lost, none doubled, on the server too. */
  g_assert_cmpuint (count_tokens (f), ==, before + PARALLEL);

  for (guint i = 0; i < PARALLEL; i++)
    {
      batch.pending++;
      pc_client_delete_token_async (f->client, g_ptr_array_index (batch.ids, i), NULL, deleted_cb, &batch);
    }
  wait_batch (&batch);
  g_assert_cmpuint (batch.failures, ==, 0);
  g_assert_cmpuint (count_tokens (f), ==, before);

  g_ptr_array_unref (batch.ids);
  g_ptr_array_unref (batch.secrets);
}

static guint
open_files (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info;

  malloc_trim (0);
  info = mallinfo2 ();
  return info.uordblks + info.hblkhd;
}

static void
settle (void)
{
  /* Let closed connections be finished with. */
  for (guint i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* The mock in a process of its own, so that only the client's files and
 * memory are counted here. (libsoup 3.2's server leaves connections the
 * client closed in CLOSE-WAIT; in this process they would be counted.) */
static GSubprocess *
start_mock_child (char **base_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *mock;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  mock = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PUPIL_CLOUD_MOCK"), "--port=0", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mock));
  *base_url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  return mock;
}

static void
test_parallel (void)
{
  Fixture fixture = { NULL, };
  Fixture *f = &fixture;
  g_autofree char *base_url = NULL;
  g_autoptr(GSubprocess) mock = start_mock_child (&base_url);
  g_autoptr(GError) error = NULL;
  guint files_before, files_after;
  gsize heap_before, heap_after;

  f->client = pc_client_new (base_url, &error);
  g_assert_no_error (error);
  pc_client_set_api_token (f->client, PC_MOCK_DEMO_TOKEN);

  /* A first round warms up what is made once (connections, type classes). */
  round_trip (f);
  settle ();
  files_before = open_files ();
  heap_before = heap_in_use ();

  for (guint i = 0; i < 3; i++)
    round_trip (f);
  settle ();
  files_after = open_files ();
  heap_after = heap_in_use ();

  g_test_message ("open files %u → %u; heap in use %" G_GSIZE_FORMAT " → %" G_GSIZE_FORMAT " bytes", files_before,
                  files_after, heap_before, heap_after);
  /* The client keeps a few connections alive for reuse, no more. */
  g_assert_cmpuint (files_after, <=, files_before + 2);
  /* 600 more calls; what stays must not grow with them. */
  g_assert_cmpint ((gssize) heap_after - (gssize) heap_before, <, 256 * 1024);

  g_clear_object (&f->client);
  settle ();
  g_subprocess_send_signal (mock, SIGTERM);
  g_subprocess_wait (mock, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/load/long-lists", Fixture, NULL, pc_test_mock_setup, test_long_lists, pc_test_mock_teardown);
  g_test_add_func ("/load/command-line", test_command_line);
  g_test_add_func ("/load/parallel", test_parallel);
  return g_test_run ();
}
