/* test-tokens-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Tokens programs (test-tokens.c, test-tokens-create.c) share:
 * the page and its list, signing in with the demo token's tokens, and
 * answering a message dialog.
 */
#pragma once

#include "pc-test-ui.h"
#include "pc-tokens-page.h"

G_BEGIN_DECLS

PcTokensPage *tok_tokens_page    (PcUiFixture      *f);
GListModel   *tok_tokens         (PcUiFixture      *f);
/* No filtering or sorting still under way a slice at a time. */
gboolean      tok_settled        (PcUiFixture      *f);
/* Settled, with GPOINTER_TO_UINT (@count) tokens. */
gboolean      tok_has_tokens     (PcUiFixture      *f,
                                  gconstpointer     count);
/* The title the list shows at @position, names kept here included. */
char         *tok_title_at       (PcUiFixture      *f,
                                  guint             position);
/* PUPIL_CLOUD_MOCK_SEED_ONLY=1: the mock sends no token names. */
gboolean      tok_seed_only      (void);
/* Signs in with the demo token and waits for its @count tokens;
 * tok_sign_in first keeps the demo tokens' names here where the server
 * keeps none. */
void          tok_sign_in_as_is  (PcUiFixture      *f,
                                  guint             count);
void          tok_sign_in        (PcUiFixture      *f,
                                  guint             count);
/* Answers @dialog with @response and closes it, as a click does. */
void          tok_respond        (AdwMessageDialog *dialog,
                                  const char       *response);

G_END_DECLS
