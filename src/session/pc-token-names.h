/* pc-token-names.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PC_TYPE_TOKEN_NAMES (pc_token_names_get_type ())
G_DECLARE_FINAL_TYPE (PcTokenNames, pc_token_names, PC, TOKEN_NAMES, GObject)

PcTokenNames *pc_token_names_new         (const char   *path);
const char   *pc_token_names_get_path    (PcTokenNames *self);
const char   *pc_token_names_get_set_aside_path (PcTokenNames *self);
const char   *pc_token_names_lookup      (PcTokenNames *self,
                                          const char   *server,
                                          const char   *token_id);
gboolean      pc_token_names_set         (PcTokenNames *self,
                                          const char   *server,
                                          const char   *token_id,
                                          const char   *name,
                                          GError      **error);
gboolean      pc_token_names_remove      (PcTokenNames *self,
                                          const char   *server,
                                          const char   *token_id,
                                          GError      **error);

G_END_DECLS
