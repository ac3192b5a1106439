/* pc-secret-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pc-credentials.h"

G_BEGIN_DECLS

#define PC_SECRET_STORE_ERROR (pc_secret_store_error_quark ())

typedef enum {
  PC_SECRET_STORE_ERROR_UNAVAILABLE, /* no bus, no daemon, or a locked keyring without a prompt */
} PcSecretStoreError;

GQuark         pc_secret_store_error_quark  (void);

/* One stored sign-in per server, shared by the desktop app and the command
 * line. Attributes name the server, the account and the kind of secret;
 * none of them is secret. */
void           pc_secret_store_save_async   (PcCredentials        *credentials,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       pc_secret_store_save_finish  (GAsyncResult         *result,
                                             GError              **error);
void           pc_secret_store_lookup_async (const char           *server,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
PcCredentials *pc_secret_store_lookup_finish (GAsyncResult        *result,
                                              GError             **error);
void           pc_secret_store_clear_async  (const char           *server,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       pc_secret_store_clear_finish (GAsyncResult         *result,
                                             GError              **error);
void           pc_secret_store_set_deadline (guint                 seconds);

/* Called in the look-ahead's thread with the sign-in it found. */
typedef void (*PcSecretStoreAheadFunc) (PcCredentials *credentials,
                                        gpointer       data);

void           pc_secret_store_look_ahead   (const char            *server,
                                             PcSecretStoreAheadFunc then,
                                             gpointer               then_data);

G_END_DECLS
