/* pc-token-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-session.h"
#include "pc-token-names.h"

G_BEGIN_DECLS

GtkWindow *pc_token_details_show (GtkWindow    *parent,
                                  PcSession    *session,
                                  PcTokenNames *names,
                                  GtkWidget    *page,
                                  PcToken      *token,
                                  const char   *title);

G_END_DECLS
