/* pc-cli-complete.c: the hidden __complete command for shell completion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `pupil-cloud __complete tokens|invites` prints the token ids or the
 * invitation tokens of the current sign-in, one a line, for the bash, zsh
 * and fish completions. A completion must never hang a shell nor write on
 * its prompt: everything ends within a second, and any failure prints
 * nothing at all.
 */
#define G_LOG_DOMAIN "PupilCloud"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pc-cli.h"
#include "pc-client-private.h"
#include "pc-json-private.h"

#define COMPLETE_SECONDS 1

static gboolean
give_up_cb (gpointer data)
{
  fflush (stdout);
  _exit (PC_EXIT_FAILURE);
  return G_SOURCE_REMOVE;
}

static void
add_word (GString    *out,
          const char *word)
{
  /* A word with white space in it would complete as two. */
  if (word != NULL && *word != '\0' && strpbrk (word, " \t\n\r'\"\\") == NULL)
    g_string_append_printf (out, "%s\n", word);
}

int
pc_cli_complete (PcCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean tokens;
  int null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);

  /* Nothing on the shell's screen: messages, warnings and traces go. */
  if (null_fd >= 0)
    {
      dup2 (null_fd, STDERR_FILENO);
      close (null_fd);
    }
  if (argc != 2 || (!g_str_equal (argv[1], "tokens") && !g_str_equal (argv[1], "invites")))
    return PC_EXIT_USAGE;
  tokens = g_str_equal (argv[1], "tokens");

  /* The keyring and the server together get one second. */
  g_timeout_add_seconds (COMPLETE_SECONDS, give_up_cb, NULL);
  pc_client_set_timeout (cli->client, COMPLETE_SECONDS);
  pc_client_set_deadline (cli->client, COMPLETE_SECONDS);
  if (pc_cli_sign_in (cli) != PC_EXIT_OK)
    return PC_EXIT_FAILURE;

  if (tokens)
    {
      /* The ids straight from the answer: no model for each token. */
      JsonNode *answer;
      JsonArray *array;

      pc_client_list_tokens_json_async (cli->client, NULL, pc_cli_done_cb, cli);
      result = pc_cli_wait (cli);
      answer = pc_client_list_tokens_json_finish (cli->client, result, NULL);
      if (answer == NULL)
        return PC_EXIT_FAILURE;
      array = json_node_get_array (answer);
      for (guint i = 0; i < json_array_get_length (array); i++)
        add_word (out, pc_json_get_string (json_array_get_object_element (array, i), "id"));
      pc_client_json_free (answer);
    }
  else
    {
      pc_client_list_invitations_async (cli->client, NULL, pc_cli_done_cb, cli);
      result = pc_cli_wait (cli);
      items = pc_client_list_invitations_finish (cli->client, result, NULL);
      if (items == NULL)
        return PC_EXIT_FAILURE;
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(PcInvitation) invitation = g_list_model_get_item (items, i);
          add_word (out, pc_invitation_get_token (invitation));
        }
    }
  fputs (out->str, stdout);
  return PC_EXIT_OK;
}
