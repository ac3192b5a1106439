/* pc-mock-server-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the mock server's files share: the object's fields, and each
 * file's entry points for the others.
 */
#pragma once

#include <libsoup/soup.h>

#include "pc-mock-server.h"

G_BEGIN_DECLS

typedef struct
{
  char *method;
  char *pattern;
  PcMockFaultKind kind;
  guint status;
} Fault;

struct _PcMockServer
{
  GObject parent_instance;
  SoupServer *server;
  PcMockState *state;
  GPtrArray *faults;
  GPtrArray *stalled;
  GPtrArray *drips; /* Drip, each with its timeout source */
  char *base_url;
  char *idp_url;
  guint latency_ms;
  guint request_count;
  GPtrArray *requests; /* "METHOD /path", relative to /v2, in order */
  char *last_workspace_id;
  gboolean last_had_credentials;
  PcMockCompression compression;
  guint compressed_count;
  GPtrArray *held; /* answers made and waiting for pc_mock_server_set_held (FALSE), or NULL */
  gboolean hold_all;
  GHashTable *hold_only; /* "METHOD /path" of the answers to hold */
  guint64 streamed; /* bytes of endless and huge bodies written */
};

/* pc-mock-routes.c: which request goes where, and the envelope */
void      pc_mock_server_handle          (SoupServer        *server,
                                          SoupServerMessage *msg,
                                          const char        *path,
                                          GHashTable        *query,
                                          gpointer           user_data);
void      pc_mock_respond_json           (SoupServerMessage *msg,
                                          guint              status,
                                          JsonNode          *root);
void      pc_mock_respond_reply          (SoupServerMessage *msg,
                                          PcMockReply       *reply);

/* pc-mock-faults.c */
void      pc_mock_fault_free             (Fault             *fault);
Fault    *pc_mock_server_find_fault      (PcMockServer      *self,
                                          const char        *method,
                                          const char        *relative_path,
                                          const char        *path);
void      pc_mock_server_apply_fault     (PcMockServer      *self,
                                          SoupServerMessage *msg,
                                          Fault             *fault);
gboolean  pc_mock_fault_answers_normally (PcMockFaultKind    kind);

/* pc-mock-compress.c */
GBytes   *pc_mock_compress_bytes         (GZlibCompressorFormat  format,
                                          const void            *data,
                                          gsize                  length);
void      pc_mock_server_compress        (PcMockServer      *self,
                                          SoupServerMessage *msg);

/* pc-mock-timing.c: answers held, sent late, or dripped */
void      pc_mock_server_send            (PcMockServer      *self,
                                          SoupServerMessage *msg,
                                          const char        *request,
                                          guint              latency_ms);
void      pc_mock_server_start_drip      (PcMockServer      *self,
                                          SoupServerMessage *msg,
                                          gboolean           endless);
void      pc_mock_server_stop_drips      (PcMockServer      *self);
void      pc_mock_server_count_streamed  (PcMockServer      *self,
                                          SoupServerMessage *msg);

G_END_DECLS
