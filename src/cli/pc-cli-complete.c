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

/* The tokens' ids, a word a line: a part is a GString of them */
static gpointer
id_new_part (gconstpointer data,
             gsize         size)
{
  return g_string_new (NULL);
}

static gboolean
id_add_item (gpointer        part,
             JsonObject     *item,
             gconstpointer   data,
             GError        **error)
{
  const char *id;

  if (!pc_json_require_string (item, "Token", "id", &id, error))
    return FALSE;
  add_word (part, id);
  return TRUE;
}

static void
free_text (gpointer data)
{
  g_string_free (data, TRUE);
}

static gpointer
id_finish (gpointer      *parts,
           guint          n_parts,
           gconstpointer  data)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      g_string_append_len (out, ((GString *) parts[i])->str, ((GString *) parts[i])->len);
      free_text (parts[i]);
    }
  return out;
}

static const PcListReader id_reader = {
  id_new_part, id_add_item, id_finish, free_text, free_text,
};

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
      GString *ids;

      pc_client_read_tokens_async (cli->client, &id_reader, NULL, NULL, pc_cli_done_cb, cli);
      result = pc_cli_wait (cli);
      ids = pc_client_read_tokens_finish (cli->client, result, NULL);
      if (ids == NULL)
        return PC_EXIT_FAILURE;
      g_string_append_len (out, ids->str, ids->len);
      g_string_free (ids, TRUE);
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
