/* pc-debug-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PUPIL_CLOUD_DEBUG=1 traces requests and answers on standard error, with
 * every secret replaced by a marker.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PC_DEBUG_REDACTED "[REDACTED]"

gboolean pc_debug_enabled        (void);
void     pc_debug_log_request    (SoupMessage *message,
                                  GBytes      *body);
void     pc_debug_log_response   (guint               status,
                                  const char         *reason,
                                  SoupMessageHeaders *headers,
                                  GBytes             *body);
char    *pc_debug_redact_uri     (GUri        *uri);
char    *pc_debug_redact_body    (GBytes      *body);
gboolean pc_debug_header_is_secret (const char *name);

G_END_DECLS
