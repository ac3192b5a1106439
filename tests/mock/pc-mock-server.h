/* pc-mock-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pupil-cloud-mock: the Auth API and a Firebase-shaped identity provider
 * on loopback, with faults to inject. Usable in-process or as a program.
 */
#pragma once

#include <glib-object.h>

#include "pc-mock-state.h"

G_BEGIN_DECLS

typedef enum {
  PC_MOCK_FAULT_STATUS,       /* the status with a JSON error envelope */
  PC_MOCK_FAULT_HTML,         /* the status (502 unless given) with an HTML page */
  PC_MOCK_FAULT_WRONG_TYPES,  /* 200 whose JSON has the wrong types */
  PC_MOCK_FAULT_EMPTY,        /* 200 with no body */
  PC_MOCK_FAULT_SHORT,        /* a body shorter than its Content-Length */
  PC_MOCK_FAULT_CHUNKED_CUT,  /* a chunked body that ends too soon */
  PC_MOCK_FAULT_RESET_BEFORE, /* the connection reset before any header */
  PC_MOCK_FAULT_RESET_AFTER,  /* the connection reset after the headers */
  PC_MOCK_FAULT_STALL,        /* no answer at all */
  PC_MOCK_FAULT_HUGE,         /* a 50 MB body */
  PC_MOCK_FAULT_DEEP,         /* 100,000 nested arrays */
  PC_MOCK_FAULT_REDIRECT,     /* a redirect to another origin */
  PC_MOCK_FAULT_GZIP_SHORT,   /* gzip, fewer bytes than the Content-Length */
  PC_MOCK_FAULT_GZIP_CHUNKED_CUT, /* gzip, chunked, the connection closed early */
  PC_MOCK_FAULT_GZIP_TRUNCATED, /* whole framing around a gzip stream without its end */
  PC_MOCK_FAULT_LENIENT_QUOTES, /* JSON-like with single quotes */
  PC_MOCK_FAULT_LENIENT_COMMENT, /* a comment before the JSON */
  PC_MOCK_FAULT_LENIENT_BOM,  /* a byte order mark before the JSON */
  PC_MOCK_FAULT_LENIENT_NAN,  /* NaN and Infinity as numbers */
  PC_MOCK_FAULT_LENIENT_COMMA, /* trailing commas */
  PC_MOCK_FAULT_DRIP,         /* 200, then one byte every 100 ms, never ending */
  PC_MOCK_FAULT_SLOW,         /* the usual answer, made at once but sent 500 ms later */
  PC_MOCK_FAULT_ENDLESS,      /* 200, chunked, 64 KiB every millisecond, never ending */
  PC_MOCK_FAULT_HUGE_CHUNKED, /* a 50 MB body, chunked: no length announced */
  PC_MOCK_FAULT_SHORT_WHOLE,  /* whole JSON, but shorter than its Content-Length */
} PcMockFaultKind;

typedef enum {
  PC_MOCK_COMPRESS_NONE,
  PC_MOCK_COMPRESS_GZIP,            /* gzip with a Content-Length */
  PC_MOCK_COMPRESS_DEFLATE,         /* deflate (zlib) with a Content-Length */
  PC_MOCK_COMPRESS_GZIP_CHUNKED,    /* gzip, chunked */
  PC_MOCK_COMPRESS_DEFLATE_CHUNKED, /* deflate, chunked */
} PcMockCompression;

#define PC_MOCK_IDP_KEY "mock-identity-provider-key"
#define PC_MOCK_DEMO_EMAIL "demo@pupil-cloud.test"
#define PC_MOCK_DEMO_PASSWORD "demo-password"
#define PC_MOCK_DEMO_TOKEN "demo-token-Xk3p9QvL2mN8rT5wZ1yB4cD7fG0hJ6sA"
#define PC_MOCK_EXPIRED_TOKEN "demo-token-Expired0000000000000000000000000"

#define PC_TYPE_MOCK_SERVER (pc_mock_server_get_type ())
G_DECLARE_FINAL_TYPE (PcMockServer, pc_mock_server, PC, MOCK_SERVER, GObject)

PcMockServer *pc_mock_server_new          (const char      *fixture_path,
                                           GError         **error);
PcMockServer *pc_mock_server_start        (GError         **error);
gboolean      pc_mock_server_listen       (PcMockServer    *self,
                                           guint            port,
                                           GError         **error);
gboolean      pc_mock_server_listen_ipv6  (PcMockServer    *self,
                                           GError         **error);
const char   *pc_mock_server_get_base_url (PcMockServer    *self);
const char   *pc_mock_server_get_idp_url  (PcMockServer    *self);
PcMockState  *pc_mock_server_get_state    (PcMockServer    *self);
void          pc_mock_server_set_latency  (PcMockServer    *self,
                                           guint            milliseconds);
void          pc_mock_server_set_held     (PcMockServer    *self,
                                           gboolean         held);
void          pc_mock_server_hold         (PcMockServer    *self,
                                           const char      *request);
guint         pc_mock_server_count_held   (PcMockServer    *self);
guint         pc_mock_server_release      (PcMockServer    *self,
                                           const char      *request);
void          pc_mock_server_add_fault    (PcMockServer    *self,
                                           const char      *method,
                                           const char      *path_pattern,
                                           PcMockFaultKind  kind,
                                           guint            status);
gboolean      pc_mock_server_add_fault_spec (PcMockServer  *self,
                                             const char    *spec,
                                             GError       **error);
void          pc_mock_server_clear_faults (PcMockServer    *self);
void          pc_mock_server_set_compression (PcMockServer      *self,
                                              PcMockCompression  compression);
guint         pc_mock_server_get_compressed_count (PcMockServer *self);
gboolean      pc_mock_server_set_compression_name (PcMockServer  *self,
                                                   const char    *name,
                                                   GError       **error);
guint         pc_mock_server_get_request_count (PcMockServer *self);
guint         pc_mock_server_count_requests (PcMockServer  *self,
                                             const char    *method,
                                             const char    *path);
const char   *pc_mock_server_get_last_workspace_id (PcMockServer *self);
gboolean      pc_mock_server_get_last_had_credentials (PcMockServer *self);
guint64       pc_mock_server_get_streamed_bytes (PcMockServer *self);

G_END_DECLS
