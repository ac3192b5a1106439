/* pc-cli-main.c: the pupil-cloud command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command waits on the same asynchronous client the desktop app
 * uses, turning the main loop until its call is done. Results go to
 * standard output; messages and errors go to standard error, one line each.
 */
#define G_LOG_DOMAIN "PupilCloud"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pc-cli.h"
#include "pc-secret-store.h"

void
pc_cli_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PcCli *cli = user_data;

  g_assert (cli->result == NULL);
  cli->result = g_object_ref (result);
}

/**
 * pc_cli_wait:
 *
 * Turns the main loop until the call started with pc_cli_done_cb() as its
 * callback is done. Returns (transfer full) its result.
 */
GAsyncResult *
pc_cli_wait (PcCli *cli)
{
  GAsyncResult *result;

  while (cli->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = cli->result;
  cli->result = NULL;
  return result;
}

int
pc_cli_fail (const GError *error)
{
  g_printerr ("pupil-cloud: %s\n", error->message);

  if (pc_error_is_auth (error))
    return PC_EXIT_NOT_SIGNED_IN;
  if (g_error_matches (error, PC_ERROR, PC_ERROR_INVALID_URL))
    return PC_EXIT_USAGE;
  return PC_EXIT_FAILURE;
}

int
pc_cli_usage (const char *message)
{
  /* Translators: %s is what was wrong with the command. */
  g_printerr (_("pupil-cloud: %s (see “pupil-cloud --help”)\n"), message);
  return PC_EXIT_USAGE;
}

/**
 * pc_cli_parse_options:
 * @n_positional: how many arguments the command takes after its options
 *
 * Parses a command's own options; on failure prints why and returns FALSE.
 */
gboolean
pc_cli_parse_options (const char     *command,
                      const char     *parameters,
                      GOptionEntry   *entries,
                      int            *argc,
                      char         ***argv,
                      int             n_positional)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_strdup_printf ("pupil-cloud %s", command);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      pc_cli_usage (error->message);
      return FALSE;
    }
  if (*argc - 1 != n_positional)
    {
      /* Translators: %s is a command such as "tokens create" with what it takes. */
      g_autofree char *message = g_strdup_printf (_("Usage: pupil-cloud %s %s"), command, parameters ? parameters : "");
      pc_cli_usage (g_strstrip (message));
      return FALSE;
    }
  return TRUE;
}

void
pc_cli_wipe_secret (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* One line from standard input, without its line end; with a terminal, the
 * prompt goes to standard error and what is typed is not echoed. */
char *
pc_cli_read_secret (const char *prompt)
{
  struct termios saved;
  gboolean terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char *line = NULL;
  size_t capacity = 0;
  ssize_t length;
  char *secret = NULL;

  if (terminal)
    {
      struct termios quiet = saved;
      quiet.c_lflag &= ~ECHO;
      g_printerr ("%s", prompt);
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  length = getline (&line, &capacity, stdin);

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  if (length > 0)
    secret = g_strstrip (g_strdup (line));
  if (line != NULL)
    explicit_bzero (line, capacity);
  free (line);

  if (secret != NULL && *secret == '\0')
    g_clear_pointer (&secret, g_free);
  return secret;
}

/**
 * pc_cli_sign_in:
 *
 * Gives the client its credentials: PUPIL_CLOUD_TOKEN when set (for CI),
 * otherwise the sign-in stored for this server. Returns an exit status,
 * PC_EXIT_OK when the client is ready.
 */
int
pc_cli_sign_in (PcCli *cli)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *env_token = g_getenv ("PUPIL_CLOUD_TOKEN");

  if (env_token != NULL && *env_token != '\0')
    {
      pc_client_set_api_token (cli->client, env_token);
      pc_client_set_workspace_id (cli->client, cli->workspace);
      return PC_EXIT_OK;
    }

  pc_secret_store_lookup_async (cli->server, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  cli->stored = pc_secret_store_lookup_finish (result, &error);
  if (error != NULL)
    {
      /* Translators: %s says that the keyring is not available. */
      g_printerr (_("pupil-cloud: %s Set PUPIL_CLOUD_TOKEN to use an API token without it.\n"),
                  error->message);
      return PC_EXIT_NOT_SIGNED_IN;
    }
  if (cli->stored == NULL)
    {
      g_printerr (_("pupil-cloud: You are not signed in to %s. Sign in with “pupil-cloud login”.\n"),
                  cli->server);
      return PC_EXIT_NOT_SIGNED_IN;
    }

  pc_credentials_apply (cli->stored, cli->client);
  if (cli->workspace != NULL)
    pc_client_set_workspace_id (cli->client, cli->workspace);
  return PC_EXIT_OK;
}

static const struct {
  const char *name;
  PcCliCommand run;
} commands[] = {
  { "login", pc_cli_login },
  { "register", pc_cli_register },
  { "reset-password", pc_cli_reset_password },
  { "logout", pc_cli_logout },
  { "status", pc_cli_status },
  { "profile", pc_cli_profile },
  { "tokens", pc_cli_tokens },
  { "invites", pc_cli_invites },
  { "feedback-token", pc_cli_feedback_token },
  { "unregister", pc_cli_unregister },
  { "api", pc_cli_api },
  { "print-token", pc_cli_print_api_token },
  { "__complete", pc_cli_complete },
};

/* The command groups' help: what their verbs do (the manual says the same). */
static const char *
describe_group (const char *group)
{
  if (g_str_equal (group, "profile"))
    return _("Usage: pupil-cloud profile show | profile set [--name TEXT] [--photo-url URL] "
             "[--product-updates on|off]\n"
             "\n"
             "  show                      Show your profile\n"
             "  set                       Change your name, your picture's address or product-update emails\n");
  if (g_str_equal (group, "tokens"))
    return _("Usage: pupil-cloud tokens list | show ID | create NAME | rename ID NAME | delete ID\n"
             "\n"
             "  list                      List your API tokens\n"
             "  show ID                   Show one token\n"
             "  create NAME               Create a token and print its secret alone on standard output\n"
             "  rename ID NAME            Name a token on this computer\n"
             "  delete ID                 Delete a token\n");
  if (g_str_equal (group, "invites"))
    return _("Usage: pupil-cloud invites list | show TOKEN | accept TOKEN | decline TOKEN\n"
             "\n"
             "  list                      List the workspace invitations waiting for you\n"
             "  show TOKEN                Show one invitation (TOKEN may be the invitation link)\n"
             "  accept TOKEN              Join the workspace\n"
             "  decline TOKEN             Decline the invitation\n");
  return NULL;
}

static const char *
describe_commands (void)
{
  return _("Commands:\n"
           "  login --with-token        Sign in with an API token read from standard input\n"
           "  login --email ADDRESS     Sign in with a password read from standard input\n"
           "  register --email ADDRESS [--product-updates on|off]\n"
           "                            Create an account with a password read from standard input\n"
           "  reset-password --email ADDRESS  Send an email to choose a new password\n"
           "  logout                    Sign out and forget the stored sign-in\n"
           "  status                    Who is signed in, and where (exit status 4: nobody)\n"
           "  profile show              Show your profile\n"
           "  profile set [--name TEXT] [--photo-url URL] [--product-updates on|off]\n"
           "  tokens list | show ID | create NAME | rename ID NAME | delete ID\n"
           "  invites list | show TOKEN | accept TOKEN | decline TOKEN\n"
           "  feedback-token            Print a sign-in token for the feedback board\n"
           "  unregister --confirm EMAIL  Delete your account\n"
           "  api [-X METHOD] PATH [-f KEY=VALUE] [-F KEY=VALUE] [--input FILE] [-H HEADER] [-i] [--jq EXPR]\n"
           "                            Send any request to the signed-in server\n"
           "  print-token [--force]     Print the API token of the current sign-in\n"
           "  help COMMAND              Help on a command (also “pupil-cloud COMMAND --help”)\n"
           "\n"
           "Environment: PUPIL_CLOUD_SERVER, PUPIL_CLOUD_WORKSPACE, PUPIL_CLOUD_TOKEN (used instead\n"
           "of the stored sign-in), PUPIL_CLOUD_IDP_URL, PUPIL_CLOUD_IDP_KEY, PUPIL_CLOUD_DEBUG=1.\n"
           "Exit status: 0 success, 1 failure, 2 usage, 4 not signed in or not authorized.");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *workspace = NULL;
  gboolean json = FALSE;
  gboolean version = FALSE;
  int timeout = PC_CLIENT_DEFAULT_TIMEOUT;
  PcCli cli = { 0, };
  int status = PC_EXIT_USAGE;
  GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, N_("The API address (default: Pupil Cloud)"), N_("URL") },
    { "workspace", 'w', 0, G_OPTION_ARG_STRING, &workspace,
      N_("The workspace to act in (default: your personal one)"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print results as JSON"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up on a server that has not answered after this many "
                                                      "seconds (default: 15)"), N_("SECONDS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* PUPIL_CLOUD_LOCALEDIR: translations from elsewhere, such as a build folder. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PUPIL_CLOUD_LOCALEDIR") ? g_getenv ("PUPIL_CLOUD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("pupil-cloud");
  /* Standard output is for results (a new token, JSON): every log message,
   * debug ones included, goes to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context, _("Pupil Cloud from the command line: sign in, API tokens, "
                                           "workspace invitations and your profile."));
  g_option_context_set_description (context, describe_commands ());
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage (error->message);

  if (version)
    {
      g_print ("pupil-cloud %s\n", PACKAGE_VERSION);
      return PC_EXIT_OK;
    }
  if (argc < 2)
    return pc_cli_usage (_("Name a command."));
  if (timeout < 1 || timeout > 600)
    return pc_cli_usage (_("--timeout takes a number of seconds from 1 to 600."));

  if (server == NULL && g_getenv ("PUPIL_CLOUD_SERVER") != NULL)
    server = g_strdup (g_getenv ("PUPIL_CLOUD_SERVER"));
  if (workspace == NULL && g_getenv ("PUPIL_CLOUD_WORKSPACE") != NULL && *g_getenv ("PUPIL_CLOUD_WORKSPACE") != '\0')
    workspace = g_strdup (g_getenv ("PUPIL_CLOUD_WORKSPACE"));

  cli.client = pc_client_new (server ? server : PC_SERVER_PRODUCTION, &error);
  if (cli.client == NULL)
    return pc_cli_fail (error);
  pc_client_set_timeout (cli.client, (guint) timeout);
  cli.server = g_strdup (pc_client_get_base_url (cli.client));
  cli.workspace = g_steal_pointer (&workspace);
  cli.json = json;

  /* "help COMMAND" is "COMMAND --help"; "help" alone the overview. */
  if (g_str_equal (argv[1], "help"))
    {
      if (argc < 3)
        {
          g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
          g_print ("%s", help);
          status = PC_EXIT_OK;
          goto out;
        }
      argv[1] = argv[2];
      argv[2] = (char *) "--help";
      argc = 3;
    }
  if (argc >= 3 && (g_str_equal (argv[2], "--help") || g_str_equal (argv[2], "-h")) && describe_group (argv[1]))
    {
      g_print ("%s", describe_group (argv[1]));
      status = PC_EXIT_OK;
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          /* The command sees itself as argv[0]. */
          status = commands[i].run (&cli, argc - 1, argv + 1);
          goto out;
        }
    }
  {
    g_autofree char *message = g_strdup_printf (_("“%s” is not a command."), argv[1]);
    status = pc_cli_usage (message);
  }

out:
  g_clear_object (&cli.client);
  g_clear_object (&cli.stored);
  g_free (cli.server);
  g_free (cli.workspace);
  return status;
}
