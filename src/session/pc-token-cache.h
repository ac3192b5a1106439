/* pc-token-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char      *pc_token_cache_dup_path    (const char           *server,
                                       const char           *account);
GPtrArray *pc_token_cache_load        (const char           *server,
                                       const char           *account,
                                       GError              **error);
void       pc_token_cache_read_ahead  (const char           *server,
                                       const char           *account);
void       pc_token_cache_load_async  (const char           *server,
                                       const char           *account,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GPtrArray *pc_token_cache_load_finish (GAsyncResult         *result,
                                       GError              **error);
gboolean   pc_token_cache_save        (const char           *server,
                                       const char           *account,
                                       GPtrArray            *tokens,
                                       GError              **error);
void       pc_token_cache_save_async  (const char           *server,
                                       const char           *account,
                                       GPtrArray            *tokens,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean   pc_token_cache_save_finish (GAsyncResult         *result,
                                       GError              **error);
void       pc_token_cache_drop        (const char           *server,
                                       const char           *account);

G_END_DECLS
