/* pc-json-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lenient readers for server JSON: an absent member, a null and a member of
 * the wrong type all read as "absent", so that optional fields degrade
 * instead of failing. Required fields go through pc_json_require_*.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting any answer of this API needs is 4; json-glib 1.6
 * overflows the stack on very deep input, so anything deeper than this is
 * refused before the parser sees it. */
#define PC_JSON_MAX_DEPTH 32
/* json-glib spends some 40 bytes on each value: 16 MiB of "0," would
 * take 350 MB. Ten thousand tokens are some 70,000 values. */
#define PC_JSON_MAX_VALUES 1000000

typedef enum {
  PC_JSON_SCAN_VALID,
  PC_JSON_SCAN_INVALID,
  PC_JSON_SCAN_TOO_DEEP,
  PC_JSON_SCAN_CUT_SHORT,
  PC_JSON_SCAN_TOO_LARGE, /* more than PC_JSON_MAX_VALUES values */
} PcJsonScan;

typedef enum {
  PC_JSON_PARSE_DEFAULT = 0,
  PC_JSON_PARSE_IMMUTABLE = 1 << 0,
} PcJsonParseFlags;

PcJsonScan  pc_json_scan          (const char        *data,
                                   gsize              length,
                                   guint              max_depth,
                                   gsize             *offset);
JsonNode   *pc_json_parse_strict  (const char        *data,
                                   gsize              length,
                                   PcJsonParseFlags   flags,
                                   gboolean          *cut_short,
                                   GError           **error);

const char *pc_json_get_string    (JsonObject  *object,
                                   const char  *member);
gboolean    pc_json_get_boolean   (JsonObject  *object,
                                   const char  *member,
                                   gboolean     fallback);
GDateTime  *pc_json_get_datetime  (JsonObject  *object,
                                   const char  *member);
JsonObject *pc_json_get_object    (JsonObject  *object,
                                   const char  *member);
JsonArray  *pc_json_get_array     (JsonObject  *object,
                                   const char  *member);
gboolean    pc_json_require_string (JsonObject  *object,
                                    const char  *type_name,
                                    const char  *member,
                                    const char **out,
                                    GError     **error);
JsonObject *pc_json_node_get_object_checked (JsonNode   *node,
                                             const char *type_name,
                                             GError    **error);
GDateTime  *pc_json_parse_datetime (const char *text);

/* A date in the form the service writes, such as "2026-05-15T04:08:40Z"
 * or "2026-05-15T04:08:40.047229Z" */
typedef struct
{
  guint year, month, day, hour, minute, second;
  gboolean has_fraction;
  guint microsecond;
} PcJsonDate;

gboolean    pc_json_read_date      (const char *text,
                                    PcJsonDate *date);

void        pc_json_node_wipe_strings (JsonNode *node);

G_END_DECLS
