/* pc-cli-account.c: register, reset-password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creating an account and asking for a password reset, at the identity
 * provider of an email sign-in. The password comes from standard input.
 */
#define G_LOG_DOMAIN "PupilCloud"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "pc-cli.h"

/* The provider from the options, else from the environment; FALSE (and
 * said why) without one. */
static gboolean
find_identity_provider (char **idp_url,
                        char **idp_key)
{
  if (*idp_url == NULL)
    *idp_url = g_strdup (g_getenv ("PUPIL_CLOUD_IDP_URL"));
  if (*idp_key == NULL)
    *idp_key = g_strdup (g_getenv ("PUPIL_CLOUD_IDP_KEY"));
  if (*idp_url == NULL || **idp_url == '\0' || *idp_key == NULL || **idp_key == '\0')
    {
      g_printerr (_("pupil-cloud: Email accounts need an identity provider: set --idp-url and --idp-key "
                    "(or PUPIL_CLOUD_IDP_URL and PUPIL_CLOUD_IDP_KEY).\n"));
      return FALSE;
    }
  return TRUE;
}

int
pc_cli_register (PcCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *idp_url = NULL;
  g_autofree char *idp_key = NULL;
  g_autofree char *product_updates = NULL;
  g_auto(PcSecretText) password = NULL;
  g_auto(PcSecretText) again = NULL;
  g_auto(PcSecretText) id_token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) sent_result = NULL;
  g_autoptr(GAsyncResult) login_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sent_error = NULL;
  g_autoptr(PcProfile) profile = NULL;
  gboolean updates = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("Create the account for this email address; the password is read from standard input"), N_("ADDRESS") },
    { "product-updates", 0, 0, G_OPTION_ARG_STRING, &product_updates,
      N_("Send me news about Pupil Cloud (default: off)"), N_("on|off") },
    { "idp-url", 0, 0, G_OPTION_ARG_STRING, &idp_url, N_("The identity provider's address"), N_("URL") },
    { "idp-key", 0, 0, G_OPTION_ARG_STRING, &idp_key, N_("The identity provider's key"), N_("KEY") },
    { NULL }
  };

  if (!pc_cli_parse_options ("register", "--email ADDRESS [--product-updates on|off]", entries, &argc, &argv, 0))
    return PC_EXIT_USAGE;
  if (email == NULL)
    return pc_cli_usage (_("Give the new account's address with --email ADDRESS."));
  if (product_updates != NULL)
    {
      if (g_str_equal (product_updates, "on"))
        updates = TRUE;
      else if (!g_str_equal (product_updates, "off"))
        return pc_cli_usage (_("--product-updates takes on or off."));
    }
  if (!find_identity_provider (&idp_url, &idp_key))
    return PC_EXIT_FAILURE;

  password = pc_cli_read_secret (_("New password: "));
  if (password == NULL)
    return pc_cli_usage (_("Give the password on standard input."));
  /* Typed blind, so typed twice; a script's standard input says it once. */
  if (isatty (STDIN_FILENO))
    {
      again = pc_cli_read_secret (_("The same password again: "));
      if (again == NULL || !g_str_equal (again, password))
        {
          g_printerr ("pupil-cloud: %s\n", _("The two passwords are not the same."));
          return PC_EXIT_FAILURE;
        }
    }

  pc_client_sign_up_async (cli->client, idp_url, idp_key, email, password, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  id_token = pc_client_sign_up_finish (cli->client, result, &error);
  if (id_token == NULL)
    return pc_cli_fail (error);

  /* The account is made without the email; the person hears so. */
  pc_client_send_verification_email_async (cli->client, idp_url, idp_key, id_token, NULL, pc_cli_done_cb, cli);
  sent_result = pc_cli_wait (cli);
  if (!pc_client_send_verification_email_finish (cli->client, sent_result, &sent_error))
    g_debug ("Confirmation email not sent: %s", sent_error->message);

  pc_client_login_async (cli->client, id_token, PC_LOGIN_TYPE_REGISTER, updates, NULL, pc_cli_done_cb, cli);
  login_result = pc_cli_wait (cli);
  profile = pc_client_login_finish (cli->client, login_result, &error);
  if (profile == NULL)
    {
      if (g_error_matches (error, PC_ERROR, PC_ERROR_INVALID_INPUT) ||
          g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, PC_ERROR, PC_ERROR_FORBIDDEN))
        {
          g_debug ("Register refused: %s", error->message);
          g_printerr ("pupil-cloud: %s\n", _("Your email address and password were saved, but Pupil Cloud did "
                                             "not open the account. Sign in with them on the web at "
                                             "cloud.pupil-labs.com to finish, then sign in here."));
          return PC_EXIT_FAILURE;
        }
      return pc_cli_fail (error);
    }

  status = pc_cli_remember (cli, profile, pc_client_get_session_cookie (cli->client), PC_CREDENTIALS_COOKIE);
  if (status != PC_EXIT_OK)
    return status;
  if (sent_error == NULL)
    /* Translators: %s is an email address. */
    g_printerr (_("We sent an email to %s: follow its link to confirm the address.\n"), email);
  else
    g_printerr (_("The email to confirm %s could not be sent (%s). Sign in with your email address and "
                  "password in the desktop app to ask for it again.\n"), email, sent_error->message);
  return PC_EXIT_OK;
}

int
pc_cli_reset_password (PcCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *idp_url = NULL;
  g_autofree char *idp_key = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The account's email address"), N_("ADDRESS") },
    { "idp-url", 0, 0, G_OPTION_ARG_STRING, &idp_url, N_("The identity provider's address"), N_("URL") },
    { "idp-key", 0, 0, G_OPTION_ARG_STRING, &idp_key, N_("The identity provider's key"), N_("KEY") },
    { NULL }
  };

  if (!pc_cli_parse_options ("reset-password", "--email ADDRESS", entries, &argc, &argv, 0))
    return PC_EXIT_USAGE;
  if (email == NULL)
    return pc_cli_usage (_("Give the account's address with --email ADDRESS."));
  if (!find_identity_provider (&idp_url, &idp_key))
    return PC_EXIT_FAILURE;

  pc_client_send_password_reset_async (cli->client, idp_url, idp_key, email, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  if (!pc_client_send_password_reset_finish (cli->client, result, &error))
    return pc_cli_fail (error);
  /* The same whether the address has an account or not. */
  g_printerr (_("If %s has an account, an email to choose a new password is on its way.\n"), email);
  return PC_EXIT_OK;
}
