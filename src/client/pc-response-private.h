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
} PcResponseFormat;

/* How a list answer's items become a value (pc_response_read_list()): a
 * part at a time, in order, and a long list in two parts at once, each in a
 * thread of its own, so the functions may run in two threads together.
 * @new_part is told how many bytes of JSON the part's items are. @add_item
 * copies what it keeps of @item, whose strings are wiped once it returns;
 * it may refuse the item, and with it the list. @finish takes the parts,
 * in order, and makes the value of them. */
typedef struct
{
  gpointer (*new_part)  (gconstpointer   data,
                         gsize           size);
  gboolean (*add_item)  (gpointer        part,
                         JsonObject     *item,
                         gconstpointer   data,
                         GError        **error);
  gpointer (*finish)    (gpointer       *parts,
                         guint           n_parts,
                         gconstpointer   data);
  GDestroyNotify free_part;
  GDestroyNotify free_value;
} PcListReader;

JsonNode *pc_response_parse          (PcResponseFormat    format,
                                      guint               status,
                                      GBytes             *body,
                                      GError            **error);
gpointer  pc_response_read_list      (guint               status,
                                      GBytes             *body,
                                      const PcListReader *reader,
                                      gconstpointer       data,
                                      GError            **error);
gpointer  pc_response_read_list_node (JsonNode           *result,
                                      const PcListReader *reader,
                                      gconstpointer       data,
                                      GError            **error);
GBytes   *pc_response_decode_body    (SoupMessageHeaders *headers,
                                      GBytes             *raw,
                                      gsize               max_size,
                                      GError            **error);
/* For tests only: see pc_response_set_list_split_threshold() in pc-response-list.c */
void      pc_response_set_list_split_threshold (gsize bytes);
void      pc_response_set_transport_error (GError       **error,
                                           const GError  *transport_error);

G_END_DECLS
