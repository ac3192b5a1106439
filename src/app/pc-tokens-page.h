/* pc-tokens-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-session.h"
#include "pc-token-names.h"

G_BEGIN_DECLS

#define PC_TYPE_TOKENS_PAGE (pc_tokens_page_get_type ())
G_DECLARE_FINAL_TYPE (PcTokensPage, pc_tokens_page, PC, TOKENS_PAGE, AdwBin)

void        pc_tokens_page_setup   (PcTokensPage *self,
                                    PcSession    *session,
                                    GSettings    *settings,
                                    PcTokenNames *names);
void        pc_tokens_page_refresh (PcTokensPage *self);
GListModel *pc_tokens_page_get_model (PcTokensPage *self);

G_END_DECLS
