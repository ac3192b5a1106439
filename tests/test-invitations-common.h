/* test-invitations-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the invitation programs (test-invitations.c,
 * test-invitations-checks.c, test-invitations-app.c) share: the world's
 * workspace names, signing in to the Invitations page, its rows and
 * buttons, toasts, the requests the mock saw, the badge and the switcher.
 */
#pragma once

#include "pc-inbox.h"
#include "pc-invitation-row.h"
#include "pc-test-ui.h"

G_BEGIN_DECLS

#define DRIVING_TOKEN "invite-driving-viewer-7f3a9c"
#define READING_TOKEN "invite-reading-admin-2b8e4d"
#define VISION_TOKEN "invite-vision-member-already-5d2f"

/* Set by inv_init_world () from PUPIL_CLOUD_MOCK_SEED_ONLY: the workspaces'
 * titles as the app shows them in this world, and the demo user's
 * invitations (all of them, and those not expired). */
extern gboolean seed_only;
extern const char *DRIVING;
extern const char *READING;
extern const char *RETAIL;
extern const char *VISION;
extern guint n_demo;
extern guint n_waiting;

void             inv_init_world           (void);

PcInbox         *inv_inbox                (PcUiFixture   *f);
guint            inv_n_rows               (PcUiFixture   *f);
/* The inbox has loaded, with GPOINTER_TO_UINT (@count) invitations. */
gboolean         inv_has_rows             (PcUiFixture   *f,
                                           gconstpointer  count);
/* Signs in with @token, shows the Invitations page and waits for its
 * @count rows; inv_sign_in with the demo token and its invitations. */
void             inv_sign_in_with         (PcUiFixture   *f,
                                           const char    *token,
                                           guint          count);
void             inv_sign_in              (PcUiFixture   *f);
/* "You joined %s as Viewer" and the like, with a workspace's title. */
char            *inv_about                (const char    *format,
                                           ...) G_GNUC_PRINTF (1, 2);
PcInvitationRow *inv_row                  (PcUiFixture   *f,
                                           const char    *workspace);
gboolean         inv_row_gone             (PcUiFixture   *f,
                                           gconstpointer  workspace);
gboolean         inv_row_shown            (PcUiFixture   *f,
                                           gconstpointer  workspace);
/* A click, as the pointer gives it: clicked at once. */
void             inv_click                (GtkWidget     *widget);
GtkWidget       *inv_row_button           (PcUiFixture   *f,
                                           const char    *workspace,
                                           const char    *label);
void             inv_wait_for_toast       (PcUiFixture   *f,
                                           const char    *text);
void             inv_wait_for_toast_about (PcUiFixture   *f,
                                           const char    *format,
                                           ...) G_GNUC_PRINTF (2, 3);
/* Waits until the mock has seen @count requests @method @path. */
void             inv_wait_for_requests    (PcUiFixture   *f,
                                           const char    *method,
                                           const char    *path,
                                           guint          count);
/* The number on the Invitations page's badge. */
guint            inv_badge                (PcUiFixture   *f);
/* Whether the header menu's workspace switcher lists @label. */
gboolean         inv_switcher_has         (PcUiFixture   *f,
                                           gconstpointer  label);

G_END_DECLS
