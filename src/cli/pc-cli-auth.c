/* pc-cli-auth.c: login, logout, status, unregister
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets come from standard input, never from arguments, and go to the
 * Secret Service only after the server has accepted them.
 */
#define G_LOG_DOMAIN "PupilCloud"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "pc-cli.h"
#include "pc-secret-store.h"

/* Stores what the client now holds; returns an exit status. */
int
pc_cli_remember (PcCli             *cli,
                 PcProfile         *profile,
                 const char        *secret,
                 PcCredentialsKind  kind)
{
  g_autoptr(PcCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  credentials = pc_credentials_new (cli->server, pc_profile_get_email (profile), kind, secret,
                                    kind == PC_CREDENTIALS_TOKEN ? cli->workspace : NULL);
  pc_credentials_set_name (credentials, pc_profile_get_display_name (profile));
  pc_secret_store_save_async (credentials, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  if (!pc_secret_store_save_finish (result, &error))
    return pc_cli_fail (error);

  if (cli->json)
    pc_cli_print_json (G_OBJECT (profile));
  else
    /* Translators: the first %s is a name, the second an email, the third a server address. */
    g_printerr (_("Signed in as %s <%s> on %s.\n"), pc_profile_get_display_name (profile),
                pc_profile_get_email (profile), cli->server);
  return PC_EXIT_OK;
}

static int
login_with_token (PcCli *cli)
{
  g_auto(PcSecretText) token = pc_cli_read_secret (_("API token: "));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;

  if (token == NULL)
    return pc_cli_usage (_("Give the API token on standard input, for example: "
                           "pupil-cloud login --with-token < token.txt"));

  pc_client_set_api_token (cli->client, token);
  pc_client_set_workspace_id (cli->client, cli->workspace);
  pc_client_get_profile_async (cli->client, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  profile = pc_client_get_profile_finish (cli->client, result, &error);
  if (profile == NULL)
    {
      if (g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED))
        {
          g_printerr ("pupil-cloud: %s\n", _("The server did not accept this API token."));
          return PC_EXIT_NOT_SIGNED_IN;
        }
      return pc_cli_fail (error);
    }

  return pc_cli_remember (cli, profile, token, PC_CREDENTIALS_TOKEN);
}

static int
login_with_password (PcCli      *cli,
                     const char *email,
                     const char *idp_url,
                     const char *idp_key)
{
  g_auto(PcSecretText) password = NULL;
  g_auto(PcSecretText) id_token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) login_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;

  /* Say so before asking for a password that could go nowhere. */
  if (idp_url == NULL || *idp_url == '\0' || idp_key == NULL || *idp_key == '\0')
    {
      g_printerr (_("pupil-cloud: Email sign-in needs an identity provider: set --idp-url and --idp-key "
                    "(or PUPIL_CLOUD_IDP_URL and PUPIL_CLOUD_IDP_KEY), or sign in with "
                    "“pupil-cloud login --with-token”.\n"));
      return PC_EXIT_FAILURE;
    }

  password = pc_cli_read_secret (_("Password: "));
  if (password == NULL)
    return pc_cli_usage (_("Give the password on standard input."));

  pc_client_sign_in_with_password_async (cli->client, idp_url, idp_key, email, password, NULL,
                                         pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  id_token = pc_client_sign_in_with_password_finish (cli->client, result, &error);
  if (id_token == NULL)
    return pc_cli_fail (error);

  pc_client_login_async (cli->client, id_token, PC_LOGIN_TYPE_LOGIN, FALSE, NULL, pc_cli_done_cb, cli);
  login_result = pc_cli_wait (cli);
  profile = pc_client_login_finish (cli->client, login_result, &error);
  if (profile == NULL)
    return pc_cli_fail (error);

  return pc_cli_remember (cli, profile, pc_client_get_session_cookie (cli->client), PC_CREDENTIALS_COOKIE);
}

int
pc_cli_login (PcCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean with_token = FALSE;
  g_autofree char *email = NULL;
  g_autofree char *idp_url = NULL;
  g_autofree char *idp_key = NULL;
  GOptionEntry entries[] = {
    { "with-token", 0, 0, G_OPTION_ARG_NONE, &with_token, N_("Read an API token from standard input"), NULL },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("Sign in with this email address; the password is read from standard input"), N_("ADDRESS") },
    { "idp-url", 0, 0, G_OPTION_ARG_STRING, &idp_url, N_("The identity provider's address"), N_("URL") },
    { "idp-key", 0, 0, G_OPTION_ARG_STRING, &idp_key, N_("The identity provider's key"), N_("KEY") },
    { NULL }
  };

  if (!pc_cli_parse_options ("login", "--with-token | --email ADDRESS", entries, &argc, &argv, 0))
    return PC_EXIT_USAGE;
  if (with_token == (email != NULL))
    return pc_cli_usage (_("Use either --with-token or --email ADDRESS."));

  if (with_token)
    return login_with_token (cli);

  if (idp_url == NULL)
    idp_url = g_strdup (g_getenv ("PUPIL_CLOUD_IDP_URL"));
  if (idp_key == NULL)
    idp_key = g_strdup (g_getenv ("PUPIL_CLOUD_IDP_KEY"));
  return login_with_password (cli, email, idp_url, idp_key);
}

int
pc_cli_logout (PcCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GAsyncResult) lookup_result = NULL;
  g_autoptr(GAsyncResult) clear_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcCredentials) stored = NULL;

  if (!pc_cli_parse_options ("logout", NULL, NULL, &argc, &argv, 0))
    return PC_EXIT_USAGE;

  pc_secret_store_lookup_async (cli->server, NULL, pc_cli_done_cb, cli);
  lookup_result = pc_cli_wait (cli);
  stored = pc_secret_store_lookup_finish (lookup_result, &error);
  if (error != NULL)
    return pc_cli_fail (error);
  if (stored == NULL)
    {
      g_printerr (_("You were not signed in to %s.\n"), cli->server);
      return PC_EXIT_OK;
    }

  /* A session ends on the server too; failing that, it is still forgotten
   * here, and the person is told. */
  if (pc_credentials_get_kind (stored) == PC_CREDENTIALS_COOKIE)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) logout_error = NULL;

      pc_credentials_apply (stored, cli->client);
      pc_client_logout_async (cli->client, NULL, pc_cli_done_cb, cli);
      result = pc_cli_wait (cli);
      if (!pc_client_logout_finish (cli->client, result, &logout_error) &&
          !g_error_matches (logout_error, PC_ERROR, PC_ERROR_UNAUTHORIZED))
        g_printerr (_("pupil-cloud: The server could not end the session (%s); it is forgotten here anyway.\n"),
                    logout_error->message);
    }

  pc_secret_store_clear_async (cli->server, NULL, pc_cli_done_cb, cli);
  clear_result = pc_cli_wait (cli);
  if (!pc_secret_store_clear_finish (clear_result, &error) && error != NULL)
    return pc_cli_fail (error);

  if (pc_credentials_get_kind (stored) == PC_CREDENTIALS_TOKEN)
    g_printerr (_("Signed out of %s. The API token is forgotten on this computer but stays valid on "
                  "the server; delete it with “pupil-cloud tokens delete ID” if nobody needs it.\n"),
                cli->server);
  else
    g_printerr (_("Signed out of %s.\n"), cli->server);
  return PC_EXIT_OK;
}

int
pc_cli_status (PcCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;
  const char *method;
  int status;

  if (!pc_cli_parse_options ("status", NULL, NULL, &argc, &argv, 0))
    return PC_EXIT_USAGE;
  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  pc_client_get_profile_async (cli->client, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  profile = pc_client_get_profile_finish (cli->client, result, &error);
  if (profile == NULL)
    {
      /* The service's own refusal; one from a proxy in the way
       * (PC_ERROR_BLOCKED) says nothing about the sign-in. */
      if (g_error_matches (error, PC_ERROR, PC_ERROR_FORBIDDEN) ||
          g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED))
        {
          g_printerr (_("pupil-cloud: Your sign-in on %s is no longer valid. "
                        "Sign in again with “pupil-cloud login”.\n"),
                      cli->server);
          return PC_EXIT_NOT_SIGNED_IN;
        }
      return pc_cli_fail (error);
    }

  if (cli->json)
    {
      pc_cli_print_json (G_OBJECT (profile));
      return PC_EXIT_OK;
    }

  method = pc_client_get_credentials_kind (cli->client) == PC_CREDENTIALS_TOKEN
             ? (cli->stored ? _("API token (stored)") : _("API token (PUPIL_CLOUD_TOKEN)"))
             : _("email and password");
  {
    g_autofree char *who = g_strdup_printf ("%s <%s>", pc_profile_get_display_name (profile),
                                            pc_profile_get_email (profile));
    const char *workspace = pc_client_get_workspace_id (cli->client);
    const char *fields[] = { _("Server"), cli->server, _("Signed in as"), who,
                             _("Signed in with"), method, _("Workspace"), workspace };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i += 2)
      g_print ("%-16s%s\n", fields[i], fields[i + 1]);
  }
  return PC_EXIT_OK;
}

int
pc_cli_unregister (PcCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autofree char *confirm = NULL;
  g_autoptr(GAsyncResult) profile_result = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) clear_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PcProfile) profile = NULL;
  GOptionEntry entries[] = {
    { "confirm", 0, 0, G_OPTION_ARG_STRING, &confirm, N_("Your email address, to confirm"), N_("EMAIL") },
    { NULL }
  };
  int status;

  if (!pc_cli_parse_options ("unregister", "--confirm EMAIL", entries, &argc, &argv, 0))
    return PC_EXIT_USAGE;
  if (confirm == NULL)
    return pc_cli_usage (_("Deleting your account cannot be undone: "
                           "confirm it with --confirm and your email address."));
  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  pc_client_get_profile_async (cli->client, NULL, pc_cli_done_cb, cli);
  profile_result = pc_cli_wait (cli);
  profile = pc_client_get_profile_finish (cli->client, profile_result, &error);
  if (profile == NULL)
    return pc_cli_fail (error);
  if (g_ascii_strcasecmp (g_strstrip (confirm), pc_profile_get_email (profile)) != 0)
    return pc_cli_usage (_("The confirmation does not match the email address of the signed-in account. "
                           "Nothing was deleted."));

  pc_client_unregister_async (cli->client, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  if (!pc_client_unregister_finish (cli->client, result, &error))
    return pc_cli_fail (error);

  /* The account is gone; a stored sign-in for it is useless. */
  pc_secret_store_clear_async (cli->server, NULL, pc_cli_done_cb, cli);
  clear_result = pc_cli_wait (cli);
  pc_secret_store_clear_finish (clear_result, NULL);

  g_printerr (_("Your account %s was deleted.\n"), pc_profile_get_email (profile));
  return PC_EXIT_OK;
}

/* The API token of the current sign-in, alone on standard output, for other
 * tools: `export PUPIL_CLOUD_TOKEN=$(pupil-cloud print-token)`. Nothing is
 * asked of the server. */
int
pc_cli_print_api_token (PcCli  *cli,
                        int     argc,
                        char  **argv)
{
  gboolean force = FALSE;
  const char *env_token = g_getenv ("PUPIL_CLOUD_TOKEN");
  const char *token = NULL;
  int status;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Print the token even to a terminal"), NULL },
    { NULL }
  };

  if (!pc_cli_parse_options ("print-token", "[--force]", entries, &argc, &argv, 0))
    return PC_EXIT_USAGE;
  /* A token on screen is a token in the scrollback, and over a shoulder. */
  if (isatty (STDOUT_FILENO) && !force)
    {
      g_printerr ("pupil-cloud: %s\n", _("Standard output is a terminal: the token is not printed there. "
                                         "Pipe it to a program, or give --force."));
      return PC_EXIT_FAILURE;
    }
  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  if (env_token != NULL && *env_token != '\0')
    token = env_token;
  else if (cli->stored != NULL && pc_credentials_get_kind (cli->stored) == PC_CREDENTIALS_TOKEN)
    token = pc_credentials_get_secret (cli->stored);

  if (token == NULL)
    {
      g_printerr ("pupil-cloud: %s\n", _("You signed in with email and password, so there is no API token to "
                                         "print. Create one with “pupil-cloud tokens create NAME”."));
      return PC_EXIT_FAILURE;
    }
  g_print ("%s\n", token);
  return PC_EXIT_OK;
}
