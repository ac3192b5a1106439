/* pc-login-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-session.h"

G_BEGIN_DECLS

#define PC_TYPE_LOGIN_PAGE (pc_login_page_get_type ())
G_DECLARE_FINAL_TYPE (PcLoginPage, pc_login_page, PC, LOGIN_PAGE, AdwBin)

void pc_login_page_set_identity_provider (PcLoginPage *self,
                                          const char  *idp_url,
                                          const char  *idp_key);
void pc_login_page_reset                 (PcLoginPage *self,
                                          const char  *message,
                                          const char  *email);

G_END_DECLS
