/* pc-messages.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pc-inbox.h"

G_BEGIN_DECLS

typedef enum {
  PC_MESSAGE_SIGN_IN_TOKEN,
  PC_MESSAGE_SIGN_IN_PASSWORD,
  PC_MESSAGE_GENERAL,
} PcMessageContext;

const char *pc_messages_for_error (const GError     *error,
                                   PcMessageContext  context);

char       *pc_messages_for_answer (PcInvitation     *invitation,
                                   PcAnswer          answer,
                                   const GError     *error);

G_END_DECLS
