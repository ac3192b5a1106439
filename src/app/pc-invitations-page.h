/* pc-invitations-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-inbox.h"

G_BEGIN_DECLS

#define PC_TYPE_INVITATIONS_PAGE (pc_invitations_page_get_type ())
G_DECLARE_FINAL_TYPE (PcInvitationsPage, pc_invitations_page, PC, INVITATIONS_PAGE, AdwBin)

void      pc_invitations_page_setup   (PcInvitationsPage *self,
                                       PcInbox           *inbox);
void      pc_invitations_page_refresh (PcInvitationsPage *self);
GtkWidget *pc_invitations_page_open   (PcInvitationsPage *self,
                                       const char        *text);

G_END_DECLS
