/* pc-token-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-session.h"
#include "pc-token-names.h"

G_BEGIN_DECLS

#define PC_TYPE_TOKEN_DETAILS (pc_token_details_get_type ())
G_DECLARE_FINAL_TYPE (PcTokenDetails, pc_token_details, PC, TOKEN_DETAILS, AdwWindow)

PcTokenDetails *pc_token_details_new (GtkWindow    *parent,
                                      PcSession    *session,
                                      PcTokenNames *names,
                                      PcToken      *token,
                                      const char   *title);

G_END_DECLS
