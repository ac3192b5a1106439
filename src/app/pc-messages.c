/* pc-messages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place where the app turns an error into a sentence for a person.
 * The detail stays in the debug log.
 */
#define G_LOG_DOMAIN "PcMessages"

#include <glib/gi18n.h>

#include "pc-messages.h"
#include "pupilcloud.h"

const char *
pc_messages_for_error (const GError     *error,
                       PcMessageContext  context)
{
  g_return_val_if_fail (error != NULL, NULL);

  g_debug ("Error %s %d: %s", g_quark_to_string (error->domain), error->code, error->message);

  if (error->domain != PC_ERROR)
    return _("Something went wrong. Try again.");

  switch ((PcErrorCode) error->code)
    {
    case PC_ERROR_UNAUTHORIZED:
      if (context == PC_MESSAGE_SIGN_IN_TOKEN)
        return _("This API token was not accepted. Check that it was copied whole, or create a new one.");
      if (context == PC_MESSAGE_SIGN_IN_PASSWORD)
        return error->message; /* the identity provider's words, already a sentence */
      return _("Your session has expired. Sign in again.");
    case PC_ERROR_FORBIDDEN:
      if (context == PC_MESSAGE_SIGN_IN_TOKEN)
        return _("This API token has expired or may not be used here. Create a new one, or check the workspace.");
      if (context == PC_MESSAGE_SIGN_IN_PASSWORD)
        return _("The sign-in has expired. Try again.");
      return _("You are not allowed to do this in this workspace.");
    case PC_ERROR_NETWORK:
    case PC_ERROR_TIMEOUT:
      return _("The server could not be reached. Check your connection and the server address.");
    case PC_ERROR_SERVER:
      return _("The server had a problem. Try again later.");
    case PC_ERROR_PARSE:
      return _("The server's answer could not be understood. Check that this is a Pupil Cloud server.");
    case PC_ERROR_INVALID_URL:
    case PC_ERROR_NO_IDP:
    case PC_ERROR_RATE_LIMITED:
    case PC_ERROR_TLS:
    case PC_ERROR_INVALID_INPUT:
    case PC_ERROR_NOT_FOUND:
    case PC_ERROR_CONFLICT:
    case PC_ERROR_GONE:
    case PC_ERROR_NOT_SIGNED_IN:
    case PC_ERROR_BLOCKED:
    case PC_ERROR_FAILED:
    default:
      return error->message;
    }
}

/**
 * pc_messages_for_answer:
 * @invitation: (nullable): the invitation, unless it could not be found
 * @error: (nullable): why accepting failed, with %PC_ANSWER_FAILED
 *
 * What accepting @invitation came to, in one sentence: for a toast in the
 * window and for a notification alike.
 */
char *
pc_messages_for_answer (PcInvitation *invitation,
                        PcAnswer      answer,
                        const GError *error)
{
  g_autofree char *workspace = invitation ? pc_invitation_dup_workspace_name (invitation) : NULL;
  char *sentence;

  g_return_val_if_fail (invitation != NULL || answer == PC_ANSWER_FAILED, NULL);

  sentence = pc_format_answer (answer, workspace, invitation ? pc_invitation_get_role (invitation) : NULL);
  if (sentence != NULL)
    return sentence;
  /* Not answered: why, as the client's error says it. */
  if (pc_answer_for_accept (error) == PC_ANSWER_NO_LONGER_VALID)
    return pc_format_answer (PC_ANSWER_NO_LONGER_VALID, NULL, NULL);
  if (error == NULL)
    return g_strdup (_("Something went wrong. Try again."));
  return g_strdup (pc_messages_for_error (error, PC_MESSAGE_GENERAL));
}
