/* pc-cli-commands.c: profile, tokens, invites, feedback-token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "PupilCloud"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pc-cli.h"
#include "pc-client-private.h"
#include "pc-token-names.h"

#define MAX_NAME_CHARS 100

typedef gpointer (*FinishFunc) (PcClient *client, GAsyncResult *result, GError **error);
typedef gboolean (*BooleanFinishFunc) (PcClient *client, GAsyncResult *result, GError **error);

/* Waits for the call just started and returns its value, or prints the
 * error and sets @status. */
static gpointer
finish (PcCli      *cli,
        FinishFunc  finish_func,
        int        *status)
{
  g_autoptr(GAsyncResult) result = pc_cli_wait (cli);
  g_autoptr(GError) error = NULL;
  gpointer value = finish_func (cli->client, result, &error);

  if (error != NULL)
    *status = pc_cli_fail (error);
  return value;
}

static gboolean
finish_boolean (PcCli             *cli,
                BooleanFinishFunc  finish_func,
                int               *status)
{
  g_autoptr(GAsyncResult) result = pc_cli_wait (cli);
  g_autoptr(GError) error = NULL;

  if (!finish_func (cli->client, result, &error))
    {
      *status = pc_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

/* A name as people type it: trimmed, 1 to 100 characters. The reason is
 * printed when it is refused. */
static char *
check_name (const char *raw)
{
  g_autofree char *name = g_utf8_make_valid (raw, -1);

  g_strstrip (name);
  if (*name == '\0')
    {
      pc_cli_usage (_("The name is empty."));
      return NULL;
    }
  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_autofree char *message = g_strdup_printf (_("The name is longer than %d characters."), MAX_NAME_CHARS);
      pc_cli_usage (message);
      return NULL;
    }
  return g_steal_pointer (&name);
}

/* A command group's verb and the one argument it may take. */
typedef struct
{
  const char *name;
  const char *parameter; /* NULL when it takes none */
  int n_arguments;       /* how many words @parameter names */
} Verb;

/* Parses "GROUP VERB [ARGUMENT]" and the verb's options; returns the verb,
 * or NULL with @status set after saying why. */
static const char *
parse_verb (const char   *group,
            const Verb   *verbs,
            const char   *usage,
            int          *argc,
            char       ***argv,
            int          *status)
{
  const char *name = *argc >= 2 ? (*argv)[1] : "";

  for (const Verb *verb = verbs; verb->name != NULL; verb++)
    {
      g_autofree char *command = NULL;

      if (!g_str_equal (name, verb->name))
        continue;
      command = g_strconcat (group, " ", verb->name, NULL);
      (*argc)--, (*argv)++;
      if (!pc_cli_parse_options (command, verb->parameter ? _(verb->parameter) : NULL, NULL, argc, argv,
                                 verb->n_arguments))
        {
          *status = PC_EXIT_USAGE;
          return NULL;
        }
      return verb->name;
    }
  *status = pc_cli_usage (usage);
  return NULL;
}

/* profile */

static void
print_profile (PcCli     *cli,
               PcProfile *profile)
{
  if (cli->json)
    pc_cli_print_json (G_OBJECT (profile));
  else
    pc_cli_print_profile (profile);
}

static int
profile_set (PcCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *photo_url = NULL;
  g_autofree char *product_updates = NULL;
  g_autoptr(PcProfileChanges) changes = pc_profile_changes_new ();
  g_autoptr(PcProfile) profile = NULL;
  int status = PC_EXIT_OK;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Your name"), N_("TEXT") },
    { "photo-url", 0, 0, G_OPTION_ARG_STRING, &photo_url,
      N_("An https:// address of your picture; empty to remove it"), N_("URL") },
    { "product-updates", 0, 0, G_OPTION_ARG_STRING, &product_updates, N_("Product updates by email"), N_("on|off") },
    { NULL }
  };

  if (!pc_cli_parse_options ("profile set", "[--name TEXT] [--photo-url URL] [--product-updates on|off]",
                             entries, &argc, &argv, 0))
    return PC_EXIT_USAGE;

  if (name != NULL)
    {
      g_autofree char *checked = check_name (name);
      if (checked == NULL)
        return PC_EXIT_USAGE;
      pc_profile_changes_set_name (changes, checked);
    }
  if (photo_url != NULL)
    {
      g_strstrip (photo_url);
      if (*photo_url == '\0')
        pc_profile_changes_set_photo_url (changes, NULL);
      else if (!g_str_has_prefix (photo_url, "https://") || !g_uri_is_valid (photo_url, G_URI_FLAGS_NONE, NULL))
        return pc_cli_usage (_("The photo address must be a web address starting with https://."));
      else
        pc_profile_changes_set_photo_url (changes, photo_url);
    }
  if (product_updates != NULL)
    {
      if (g_str_equal (product_updates, "on"))
        pc_profile_changes_set_product_updates_subscribed (changes, TRUE);
      else if (g_str_equal (product_updates, "off"))
        pc_profile_changes_set_product_updates_subscribed (changes, FALSE);
      else
        return pc_cli_usage (_("--product-updates takes “on” or “off”."));
    }
  if (pc_profile_changes_is_empty (changes))
    return pc_cli_usage (_("Say what to change: --name, --photo-url or --product-updates."));

  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;
  pc_client_update_profile_async (cli->client, changes, NULL, pc_cli_done_cb, cli);
  profile = finish (cli, (FinishFunc) pc_client_update_profile_finish, &status);
  if (profile == NULL)
    return status;

  print_profile (cli, profile);
  return PC_EXIT_OK;
}

int
pc_cli_profile (PcCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(PcProfile) profile = NULL;
  int status = PC_EXIT_OK;

  if (argc >= 2 && g_str_equal (argv[1], "set"))
    return profile_set (cli, argc - 1, argv + 1);
  if (argc < 2 || !g_str_equal (argv[1], "show"))
    return pc_cli_usage (_("Usage: pupil-cloud profile show | "
                           "profile set [--name TEXT] [--photo-url URL] [--product-updates on|off]"));

  argc--, argv++;
  if (!pc_cli_parse_options ("profile show", NULL, NULL, &argc, &argv, 0))
    return PC_EXIT_USAGE;
  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  pc_client_get_profile_async (cli->client, NULL, pc_cli_done_cb, cli);
  profile = finish (cli, (FinishFunc) pc_client_get_profile_finish, &status);
  if (profile != NULL)
    print_profile (cli, profile);
  return status;
}

/* tokens */

static int
tokens_create (PcCli      *cli,
               const char *raw_name)
{
  g_autofree char *name = check_name (raw_name);
  g_autoptr(PcToken) token = NULL;
  int status = PC_EXIT_OK;

  if (name == NULL)
    return PC_EXIT_USAGE;
  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  pc_client_create_token_async (cli->client, name, NULL, pc_cli_done_cb, cli);
  token = finish (cli, (FinishFunc) pc_client_create_token_finish, &status);
  if (token == NULL)
    return status;

  if (pc_token_get_token (token) == NULL)
    {
      g_printerr (_("pupil-cloud: The token was created (id %s), but the server did not send its secret. "
                    "Delete it and create another.\n"),
                  pc_token_get_id (token));
      return PC_EXIT_FAILURE;
    }

  /* The secret alone on standard output, so that it can be piped on; and
   * out before any file is touched, so that a failing write never loses it. */
  if (cli->json)
    pc_cli_print_json_token (token, name);
  else
    g_print ("%s\n", pc_token_get_token (token));
  fflush (stdout);
  g_printerr (_("Created the token “%s” (id %s). This is the only time it is shown: keep it now.\n"),
              name, pc_token_get_id (token));

  /* The name is kept here, as the desktop app keeps it: the API's Token has none. */
  {
    g_autoptr(PcTokenNames) names = pc_token_names_new (NULL);
    g_autoptr(GError) names_error = NULL;

    if (!pc_token_names_set (names, cli->server, pc_token_get_id (token), name, &names_error))
      g_printerr (_("pupil-cloud: The name could not be kept on this computer (%s). "
                    "Name the token again with “pupil-cloud tokens rename %s NAME”.\n"),
                  names_error->message, pc_token_get_id (token));
  }
  return PC_EXIT_OK;
}

/* Names a token on this computer, once the server has said it is there. */
static int
tokens_rename (PcCli      *cli,
               const char *id,
               const char *raw_name)
{
  g_autofree char *name = check_name (raw_name);
  g_autoptr(PcToken) token = NULL;
  g_autoptr(PcTokenNames) names = NULL;
  g_autoptr(GError) error = NULL;
  int status = PC_EXIT_OK;

  if (name == NULL)
    return PC_EXIT_USAGE;
  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  pc_client_get_token_async (cli->client, id, NULL, pc_cli_done_cb, cli);
  token = finish (cli, (FinishFunc) pc_client_get_token_finish, &status);
  if (token == NULL)
    return status;

  names = pc_token_names_new (NULL);
  if (!pc_token_names_set (names, cli->server, pc_token_get_id (token), name, &error))
    {
      g_printerr (_("pupil-cloud: The name could not be kept on this computer (%s).\n"), error->message);
      return PC_EXIT_FAILURE;
    }
  if (cli->json)
    pc_cli_print_json_token (token, name);
  /* Translators: the first %s is a token's id, the second its new name. */
  g_printerr (_("The token %s is now called “%s” on this computer.\n"), pc_token_get_id (token), name);
  return PC_EXIT_OK;
}

int
pc_cli_tokens (PcCli  *cli,
               int     argc,
               char  **argv)
{
  static const Verb verbs[] = {
    { "list", NULL, 0 }, { "show", N_("ID"), 1 }, { "create", N_("NAME"), 1 }, { "rename", N_("ID NAME"), 2 },
    { "delete", N_("ID"), 1 }, { NULL }
  };
  int status = PC_EXIT_OK;
  const char *verb = parse_verb ("tokens", verbs,
                                 _("Usage: pupil-cloud tokens list | show ID | create NAME | rename ID NAME | "
                                   "delete ID"),
                                 &argc, &argv, &status);
  g_autoptr(PcTokenNames) names = NULL;

  if (verb == NULL)
    return status;

  if (g_str_equal (verb, "create"))
    return tokens_create (cli, argv[1]);
  if (g_str_equal (verb, "rename"))
    return tokens_rename (cli, argv[1], argv[2]);

  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  if (g_str_equal (verb, "list"))
    {
      g_autoptr(PcCliTokenList) list = NULL;
      GPtrArray *output;

      /* Written as the answer is read: ten thousand models, or json-glib's
       * tree of them, would take longer to build than the answer takes to
       * arrive. */
      names = pc_token_names_new (NULL);
      list = pc_cli_token_list_new (names, cli->server, cli->json);
      pc_client_read_tokens_async (cli->client, pc_cli_token_list_get_reader (list), list, NULL, pc_cli_done_cb, cli);
      output = finish (cli, (FinishFunc) pc_client_read_tokens_finish, &status);
      if (output != NULL)
        pc_cli_token_list_print (list, output);
    }
  else if (g_str_equal (verb, "show"))
    {
      g_autoptr(PcToken) token = NULL;

      pc_client_get_token_async (cli->client, argv[1], NULL, pc_cli_done_cb, cli);
      token = finish (cli, (FinishFunc) pc_client_get_token_finish, &status);
      names = pc_token_names_new (NULL);
      if (token != NULL && cli->json)
        pc_cli_print_json_token (token, pc_token_names_lookup (names, cli->server, pc_token_get_id (token)));
      else if (token != NULL)
        pc_cli_print_token (token, pc_token_names_lookup (names, cli->server, pc_token_get_id (token)));
    }
  else
    {
      pc_client_delete_token_async (cli->client, argv[1], NULL, pc_cli_done_cb, cli);
      if (finish_boolean (cli, pc_client_delete_token_finish, &status))
        {
          g_autoptr(GError) error = NULL;

          g_printerr (_("Deleted the token %s. Programs that used it can no longer sign in with it.\n"), argv[1]);
          /* Its name goes with it, as in the desktop app. */
          names = pc_token_names_new (NULL);
          if (!pc_token_names_remove (names, cli->server, argv[1], &error))
            g_debug ("Token name not forgotten: %s", error->message);
        }
    }
  return status;
}

/* invites */

static int
invites_accept (PcCli      *cli,
                const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcWorkspaceMember) member = NULL;
  g_autoptr(PcInvitation) invitation = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *sentence = NULL;
  int status = PC_EXIT_OK;
  PcAnswer answer;

  /* The invitation first, for the workspace's name in the message. */
  pc_client_get_invitation_async (cli->client, token, NULL, pc_cli_done_cb, cli);
  invitation = finish (cli, (FinishFunc) pc_client_get_invitation_finish, &status);
  if (invitation == NULL)
    return status;
  workspace = pc_invitation_dup_workspace_name (invitation);

  pc_client_accept_invitation_async (cli->client, token, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  member = pc_client_accept_invitation_finish (cli->client, result, &error);
  answer = pc_answer_for_accept (error);
  if (answer == PC_ANSWER_FAILED)
    return pc_cli_fail (error);

  sentence = pc_format_answer (answer, workspace, member ? pc_workspace_member_get_role (member)
                                                         : pc_invitation_get_role (invitation));
  if (answer == PC_ANSWER_NO_LONGER_VALID)
    {
      g_printerr ("pupil-cloud: %s.\n", sentence);
      return PC_EXIT_FAILURE;
    }
  if (member != NULL && cli->json)
    pc_cli_print_json (G_OBJECT (member));
  /* Already a member: what the person wanted is true. */
  g_printerr ("%s.\n", sentence);
  return PC_EXIT_OK;
}

static int
invites_decline (PcCli      *cli,
                 const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  PcAnswer answer;

  pc_client_decline_invitation_async (cli->client, token, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  pc_client_decline_invitation_finish (cli->client, result, &error);
  answer = pc_answer_for_decline (error);
  if (answer == PC_ANSWER_FAILED)
    return pc_cli_fail (error);
  sentence = pc_format_answer (answer, NULL, NULL);
  if (answer == PC_ANSWER_NO_LONGER_VALID)
    {
      g_printerr ("pupil-cloud: %s.\n", sentence);
      return PC_EXIT_FAILURE;
    }
  g_printerr ("%s.\n", sentence);
  return PC_EXIT_OK;
}

int
pc_cli_invites (PcCli  *cli,
                int     argc,
                char  **argv)
{
  static const Verb verbs[] = {
    { "list", NULL, 0 }, { "show", N_("TOKEN"), 1 }, { "accept", N_("TOKEN"), 1 }, { "decline", N_("TOKEN"), 1 },
    { NULL }
  };
  int status = PC_EXIT_OK;
  const char *verb = parse_verb ("invites", verbs,
                                 _("Usage: pupil-cloud invites list | show TOKEN | accept TOKEN | decline TOKEN"),
                                 &argc, &argv, &status);
  g_autofree char *token = NULL;

  if (verb == NULL)
    return status;
  /* A link from the invitation email does as well as the bare token. */
  /* What was given is not echoed: it may be a token with something around it. */
  if (argc > 1 && (token = pc_invitation_token_from_text (argv[1])) == NULL)
    return pc_cli_usage (_("This is not an invitation token or link."));
  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  if (g_str_equal (verb, "list"))
    {
      g_autoptr(GListModel) invitations = NULL;

      pc_client_list_invitations_async (cli->client, NULL, pc_cli_done_cb, cli);
      invitations = finish (cli, (FinishFunc) pc_client_list_invitations_finish, &status);
      if (invitations != NULL && cli->json)
        pc_cli_print_json_list (invitations);
      else if (invitations != NULL)
        pc_cli_print_invitations (invitations);
    }
  else if (g_str_equal (verb, "show"))
    {
      g_autoptr(PcInvitation) invitation = NULL;

      pc_client_get_invitation_async (cli->client, token, NULL, pc_cli_done_cb, cli);
      invitation = finish (cli, (FinishFunc) pc_client_get_invitation_finish, &status);
      if (invitation != NULL && cli->json)
        pc_cli_print_json (G_OBJECT (invitation));
      else if (invitation != NULL)
        pc_cli_print_invitation (invitation);
    }
  else if (g_str_equal (verb, "accept"))
    status = invites_accept (cli, token);
  else
    status = invites_decline (cli, token);
  return status;
}

int
pc_cli_feedback_token (PcCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autofree char *token = NULL;
  int status = PC_EXIT_OK;

  if (!pc_cli_parse_options ("feedback-token", NULL, NULL, &argc, &argv, 0))
    return PC_EXIT_USAGE;
  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  pc_client_get_feedback_token_async (cli->client, NULL, pc_cli_done_cb, cli);
  token = finish (cli, (FinishFunc) pc_client_get_feedback_token_finish, &status);
  if (token == NULL)
    return status;
  if (cli->json)
    pc_cli_print_json_string ("token", token);
  else
    g_print ("%s\n", token);
  return PC_EXIT_OK;
}
