/* test-profile-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Profile programs (test-profile.c, test-profile-late.c) share:
 * the page and its rows, signing in to it, the profile's saves and applying
 * an edit.
 */
#pragma once

#include "pc-test-ui.h"

G_BEGIN_DECLS

GtkWidget *prof_page          (PcUiFixture   *f);
/* The page shows the profile (not its loading or error state). */
gboolean   prof_profile_shown (PcUiFixture   *f,
                               gconstpointer  data);
/* Signs in with @token and waits for the Profile page to show it;
 * prof_sign_in with the demo token. */
void       prof_sign_in_with  (PcUiFixture   *f,
                               const char    *token);
void       prof_sign_in       (PcUiFixture   *f);
/* The page's row titled @title. */
GtkWidget *prof_row           (PcUiFixture   *f,
                               const char    *title);
/* The PATCH /auth/profile requests the mock has seen. */
guint      prof_patches       (PcUiFixture   *f);
/* Types @text in the entry row @title and applies it. */
void       prof_apply         (PcUiFixture   *f,
                               const char    *title,
                               const char    *text);

G_END_DECLS
