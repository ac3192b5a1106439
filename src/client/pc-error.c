/* pc-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "pc-error.h"

G_DEFINE_QUARK (pc-error-quark, pc_error)

PcErrorCode
pc_error_code_from_status (guint status)
{
  switch (status)
    {
    case 400:
    case 422:
      return PC_ERROR_INVALID_INPUT;
    case 401:
      return PC_ERROR_UNAUTHORIZED;
    case 403:
      return PC_ERROR_FORBIDDEN;
    case 404:
      return PC_ERROR_NOT_FOUND;
    case 409:
      return PC_ERROR_CONFLICT;
    case 410:
      return PC_ERROR_GONE;
    case 429:
      return PC_ERROR_RATE_LIMITED;
    case 408:
    case 504:
      return PC_ERROR_TIMEOUT;
    default:
      if (status >= 500 && status < 600)
        return PC_ERROR_SERVER;
      return PC_ERROR_FAILED;
    }
}

/* The sentence shown when the server did not say anything better. */
const char *
pc_error_code_describe (PcErrorCode code)
{
  switch (code)
    {
    case PC_ERROR_INVALID_INPUT:
      return _("The server refused the request as invalid.");
    case PC_ERROR_UNAUTHORIZED:
      return _("You are not signed in, or your sign-in is no longer valid.");
    case PC_ERROR_FORBIDDEN:
      return _("You are not allowed to do this.");
    case PC_ERROR_NOT_FOUND:
      return _("The server does not know this item.");
    case PC_ERROR_CONFLICT:
      return _("This was already done.");
    case PC_ERROR_GONE:
      return _("This is no longer valid.");
    case PC_ERROR_RATE_LIMITED:
      return _("Too many requests. Wait a moment and try again.");
    case PC_ERROR_SERVER:
      return _("The server had a problem. Try again later.");
    case PC_ERROR_NETWORK:
      return _("The server could not be reached. Check your connection.");
    case PC_ERROR_TIMEOUT:
      return _("The server did not answer in time.");
    case PC_ERROR_TLS:
      return _("The server's identity could not be verified.");
    case PC_ERROR_PARSE:
      return _("The server's answer could not be understood.");
    case PC_ERROR_INVALID_URL:
      return _("The server address is not valid.");
    case PC_ERROR_NO_IDP:
      return _("Email sign-in is not available for this server. Sign in with an API token instead.");
    case PC_ERROR_NOT_SIGNED_IN:
      return _("You are not signed in.");
    case PC_ERROR_BLOCKED:
      return _("Something between this computer and the server, such as a proxy or a firewall, refused the "
               "request. Your sign-in is kept.");
    case PC_ERROR_INVALID_EMAIL:
      return _("This is not a valid email address.");
    case PC_ERROR_WEAK_PASSWORD:
      return _("This password is too weak. Use at least 6 characters.");
    case PC_ERROR_EMAIL_EXISTS:
      return _("An account with this email address exists already. Sign in instead.");
    case PC_ERROR_FAILED:
    default:
      return _("Something went wrong.");
    }
}

gboolean
pc_error_is_auth (const GError *error)
{
  return g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, PC_ERROR, PC_ERROR_NOT_SIGNED_IN);
}
