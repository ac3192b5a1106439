/* pc-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the client's files share: the endpoint files (pc-client-*.c), the
 * transport (pc-request.c) and the client object (pc-client.c).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pc-client.h"
#include "pc-deadline.h"
#include "pc-response-private.h"

G_BEGIN_DECLS

/* Turns the envelope's result (a JSON null when there was none) into what
 * the task returns; NULL with @error set on failure. */
typedef gpointer (*PcParseFunc) (JsonNode  *result,
                                 GError   **error);

typedef enum {
  PC_REQUEST_AUTHENTICATED = 1 << 0, /* send the credentials */
  PC_REQUEST_KEEP_COOKIE = 1 << 1,   /* keep the session cookie of the answer */
  PC_REQUEST_END_SESSION = 1 << 2,   /* forget the session cookie afterwards */
  PC_REQUEST_RAW = 1 << 3,           /* hand back the answer as it is: pc_client_send_raw_async() */
} PcRequestFlags;

/* What kind of request an endpoint makes: the credentials it sends, what
 * it does to the session, the shape of its answer, and how that answer
 * becomes the task's value (freed with @destroy). An answer that is a
 * list is read item by item by @list instead, given @list_data
 * (pc_response_read_list()); its value is freed with @list's free_value. */
typedef struct
{
  PcResponseFormat    format;
  PcRequestFlags      flags;
  PcParseFunc         parse;
  GDestroyNotify      destroy;
  const PcListReader *list;
  gconstpointer       list_data;
} PcRequestKind;

/* pc-request.c: the transport */
GTask   *pc_client_task_new     (PcClient            *self,
                                 gpointer             source_tag,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void     pc_client_send         (PcClient            *self,
                                 GTask               *task,
                                 const char          *method,
                                 GUri                *uri,
                                 JsonNode            *body,
                                 const PcRequestKind *kind);
void     pc_client_call         (PcClient            *self,
                                 gpointer             source_tag,
                                 const char          *method,
                                 GUri                *uri,
                                 JsonNode            *body,
                                 const PcRequestKind *kind,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void     pc_client_send_raw     (PcClient           *self,
                                 GTask              *task,
                                 const char         *method,
                                 GUri               *uri,
                                 const char * const *headers,
                                 GBytes             *body,
                                 const char         *content_type);
gpointer pc_client_task_finish  (PcClient        *self,
                                 GAsyncResult    *result,
                                 gpointer         source_tag,
                                 GError         **error);
gboolean pc_client_task_finish_boolean (PcClient     *self,
                                        GAsyncResult *result,
                                        gpointer      source_tag,
                                        GError      **error);
void     pc_client_wipe_bytes   (GBytes          *bytes);

/* pc-client-raw.c: the answer to pc_client_send_raw_async(), @body decoded */
PcRawResponse *pc_raw_response_new (SoupMessage *message,
                                    GBytes      *body);

/* pc-client-parse.c: readers the endpoint files share */
typedef gpointer (*PcObjectParser) (JsonObject  *object,
                                    GError     **error);

extern const PcRequestKind pc_client_nothing_kind;

gpointer    pc_client_parse_nothing (JsonNode       *result,
                                     GError        **error);
gpointer    pc_client_parse_object  (JsonNode       *result,
                                     const char     *type_name,
                                     PcObjectParser  parse_object,
                                     GError        **error);
char       *pc_client_parse_string_member (JsonNode    *result,
                                           const char  *type_name,
                                           const char  *member,
                                           GError     **error);
gpointer    pc_client_parse_profile (JsonNode       *result,
                                     GError        **error);

/* A list of models of one type, made by its parser; with
 * pc_client_model_list_reader, a GListModel of them */
typedef struct
{
  GType          (*get_type) (void);
  PcObjectParser parse_item;
} PcModelList;

extern const PcListReader pc_client_model_list_reader;

/* pc-client.c: addresses and credentials, as the transport uses them */
GUri    *pc_client_build_uri    (PcClient        *self,
                                 const char      *first_segment,
                                 ...) G_GNUC_NULL_TERMINATED;
void     pc_client_add_credentials (PcClient           *self,
                                    SoupMessageHeaders *headers);
void     pc_client_take_session_cookie (PcClient    *self,
                                        SoupMessage *message);
void     pc_client_forget_session_cookie (PcClient *self);
gboolean pc_client_is_header_value_safe (const char *value);
gboolean pc_client_is_loopback_host (const char *host);
gboolean pc_client_same_origin      (GUri       *a,
                                     GUri       *b);

SoupSession *pc_client_get_soup_session (PcClient *self);
/* The parser behind pc_client_list_tokens_async(), for the benchmarks. */
gpointer pc_client_parse_token_list (JsonNode  *result,
                                     GError   **error);

/* GET /auth/tokens read by a reader of the caller's: for a program that
 * prints the list and needs no models (the command line) */
void     pc_client_read_tokens_async  (PcClient            *self,
                                       const PcListReader  *reader,
                                       gconstpointer        reader_data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gpointer pc_client_read_tokens_finish (PcClient            *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
