/* pc-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's files share: pc-window.c follows the session and shows
 * its pages; pc-window-actions.c holds the "win." actions.
 */
#pragma once

#include "pc-inbox.h"
#include "pc-invitations-page.h"
#include "pc-login-page.h"
#include "pc-profile-page.h"
#include "pc-tokens-page.h"
#include "pc-window.h"

G_BEGIN_DECLS

struct _PcWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  GtkSpinner *loading_spinner;
  AdwBin *login_bin;
  PcLoginPage *login_page;        /* built when it first shows */
  char *idp_url;                  /* for it, until then */
  char *idp_key;
  AdwBin *main_bin;
  /* The signed-in view (pc-window-main.ui): NULL until it first shows. */
  GtkInfoBar *offline_bar;
  GtkLabel *offline_label;
  GtkInfoBar *keyring_bar;
  GtkInfoBar *verify_bar;
  GtkLabel *verify_label;
  GtkWidget *resend_button;
  AdwBin *profile_bin;
  PcProfilePage *profile_page;    /* built after the Tokens page */
  AdwViewStack *view_stack;
  AdwBin *tokens_bin;
  PcTokensPage *tokens_page; /* NULL until the signed-in view first shows */
  AdwBin *invitations_bin;
  PcInvitationsPage *invitations_page; /* built after the Tokens page */
  guint pages_idle;               /* builds those two */
  AdwViewStackPage *invitations_stack_page;
  GMenu *workspace_section;

  PcSession *session;
  GSettings *settings;
  PcTokenNames *names;
  PcInbox *inbox;
  GCancellable *cancellable;  /* cancelled in dispose */
  gboolean drawn;             /* its first frame is drawn */
  char *invitation_to_open; /* a link that came before the sign-in */
};

void          pc_window_add_actions         (PcWindow   *self);
void          pc_window_toast               (PcWindow   *self,
                                             const char *title);
GCancellable *pc_window_call_cancellable    (PcWindow   *self);
void          pc_window_update_verification (PcWindow   *self);
void          pc_window_ensure_pages        (PcWindow   *self);
void          pc_window_ensure_main_view    (PcWindow   *self);

G_END_DECLS
