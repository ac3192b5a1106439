/* pc-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PC_ERROR (pc_error_quark ())

/**
 * PcError:
 * Codes that mean something to the person using the program; the UI turns
 * each one into a sentence, and a server's own message, when it sent one,
 * is already the error's message.
 */
typedef enum {
  PC_ERROR_FAILED,        /* anything without a better code */
  PC_ERROR_INVALID_INPUT, /* 400, 422: the request was refused as malformed */
  PC_ERROR_UNAUTHORIZED,  /* 401, wrong password or unknown email */
  PC_ERROR_FORBIDDEN,     /* 403: not allowed, or an expired sign-in */
  PC_ERROR_NOT_FOUND,     /* 404 */
  PC_ERROR_CONFLICT,      /* 409, such as "already a member" */
  PC_ERROR_GONE,          /* 410, such as an expired invitation */
  PC_ERROR_RATE_LIMITED,  /* 429 */
  PC_ERROR_SERVER,        /* 5xx, or a redirect we would not follow */
  PC_ERROR_NETWORK,       /* no connection, reset, or a body cut short */
  PC_ERROR_TIMEOUT,       /* no answer within the timeout */
  PC_ERROR_TLS,           /* the server's certificate could not be trusted */
  PC_ERROR_PARSE,         /* an answer that is not what the contract says */
  PC_ERROR_INVALID_URL,   /* a server address we refuse to use */
  PC_ERROR_NO_IDP,        /* email sign-in without an identity provider */
  PC_ERROR_NOT_SIGNED_IN, /* a call that needs credentials, without any */
  PC_ERROR_BLOCKED,       /* 403 or 407 from something in the way (a proxy's or a firewall's page) */
  PC_ERROR_INVALID_EMAIL, /* the identity provider refused the address */
  PC_ERROR_WEAK_PASSWORD, /* the identity provider refused the new password */
  PC_ERROR_EMAIL_EXISTS,  /* an account with this address exists already */
} PcErrorCode;

GQuark       pc_error_quark          (void);
PcErrorCode  pc_error_code_from_status (guint status);
const char  *pc_error_code_describe  (PcErrorCode code);
gboolean     pc_error_is_auth        (const GError *error);

G_END_DECLS
