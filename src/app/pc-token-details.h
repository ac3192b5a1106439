/* pc-token-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-session.h"

G_BEGIN_DECLS

GtkWindow *pc_token_details_show (GtkWindow  *parent,
                                  PcSession  *session,
                                  PcToken    *token,
                                  const char *title);

G_END_DECLS
