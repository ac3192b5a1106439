/* pc-profile-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-session.h"

G_BEGIN_DECLS

#define PC_TYPE_PROFILE_PAGE (pc_profile_page_get_type ())
G_DECLARE_FINAL_TYPE (PcProfilePage, pc_profile_page, PC, PROFILE_PAGE, AdwBin)

void pc_profile_page_setup (PcProfilePage *self,
                            PcSession     *session);

G_END_DECLS
