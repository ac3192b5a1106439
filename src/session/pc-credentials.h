/* pc-credentials.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pc-client.h"

G_BEGIN_DECLS

#define PC_TYPE_CREDENTIALS (pc_credentials_get_type ())
G_DECLARE_FINAL_TYPE (PcCredentials, pc_credentials, PC, CREDENTIALS, GObject)

PcCredentials     *pc_credentials_new              (const char        *server,
                                                    const char        *account,
                                                    PcCredentialsKind  kind,
                                                    const char        *secret,
                                                    const char        *workspace_id);
const char        *pc_credentials_get_server       (PcCredentials     *self);
const char        *pc_credentials_get_account      (PcCredentials     *self);
PcCredentialsKind  pc_credentials_get_kind         (PcCredentials     *self);
const char        *pc_credentials_get_secret       (PcCredentials     *self);
const char        *pc_credentials_get_workspace_id (PcCredentials     *self);
const char        *pc_credentials_get_name         (PcCredentials     *self);
void               pc_credentials_set_name         (PcCredentials     *self,
                                                    const char        *name);
void               pc_credentials_apply            (PcCredentials     *self,
                                                    PcClient          *client);

G_END_DECLS
