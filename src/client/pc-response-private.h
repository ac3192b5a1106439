/* pc-response-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place every answer passes through.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Bodies larger than this are refused unread: the largest real answer (ten
 * thousand tokens) is about 2 MiB. */
#define PC_RESPONSE_MAX_BODY (16 * 1024 * 1024)

typedef enum {
  PC_RESPONSE_ENVELOPE,          /* {code, status, result} or {code, status, message} */
  PC_RESPONSE_IDENTITY_PROVIDER, /* a bare object, or {error: {code, message}} */
  PC_RESPONSE_IDENTITY_PROVIDER_RESET, /* the same, where EMAIL_NOT_FOUND is a success */
  PC_RESPONSE_ENVELOPE_LIST,     /* an envelope whose result may be a long list: see pc_response_parse_list() */
} PcResponseFormat;

JsonNode *pc_response_parse          (PcResponseFormat    format,
                                      guint               status,
                                      GBytes             *body,
                                      GError            **error);
JsonNode *pc_response_parse_list     (guint               status,
                                      GBytes             *body,
                                      GError            **error);
GBytes   *pc_response_decode_body    (SoupMessageHeaders *headers,
                                      GBytes             *raw,
                                      gsize               max_size,
                                      GError            **error);
/* For tests only: see pc_response_set_list_split_threshold() */
void      pc_response_set_list_split_threshold (gsize bytes);
void      pc_response_set_transport_error (GError       **error,
                                           const GError  *transport_error);

G_END_DECLS
