/* test-ui-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the login and window programs (test-ui-login.c, test-ui-restart.c,
 * test-ui.c) share: the login page's fields and actions, the window's
 * bars and dialogs, the Tokens page's list and the pages seen.
 */
#pragma once

#include "pc-login-page.h"
#include "pc-test-ui.h"

G_BEGIN_DECLS

PcLoginPage *ui_login_page           (PcUiFixture   *f);
/* The login page's entry row titled @title. */
GtkEditable *ui_row                  (PcUiFixture   *f,
                                      const char    *title);
/* The login page's error, or NULL when none shows. */
const char  *ui_error_text           (PcUiFixture   *f);
gboolean     ui_has_error            (PcUiFixture   *f,
                                      gconstpointer  data);
void         ui_sign_in              (PcUiFixture   *f);
void         ui_choose_email         (PcUiFixture   *f);
void         ui_choose_custom_server (PcUiFixture   *f,
                                      const char    *url);
/* Signs in to the mock by email and password and waits for the main page. */
void         ui_sign_in_by_email     (PcUiFixture   *f);
/* Whether a revealed info bar in the window says something starting with
 * @label_start. */
gboolean     ui_info_bar_revealed    (PcUiFixture   *f,
                                      const char    *label_start);
/* Whether the window showed the page @name since it opened. */
gboolean     ui_saw_page             (PcUiFixture   *f,
                                      const char    *name);
GListModel  *ui_shown_tokens         (PcUiFixture   *f);
/* The Tokens page is done loading and lists GPOINTER_TO_UINT (@count). */
gboolean     ui_tokens_loaded        (PcUiFixture   *f,
                                      gconstpointer  count);
/* A message dialog is open: it is put in the AdwMessageDialog * at @data. */
gboolean     ui_dialog_open          (PcUiFixture   *f,
                                      gconstpointer  data);

G_END_DECLS
