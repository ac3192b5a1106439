/* pc-login-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The login page's insides, for the files that make it up:
 * pc-login-page.c (the form and its state) and pc-login-page-flows.c
 * (what is sent: sign-in with a token or a password, a new account, a
 * password reset).
 */
#pragma once

#include "pc-login-page.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

#define PC_MIN_PASSWORD_LENGTH 6 /* the identity provider's own minimum */

typedef enum {
  STATE_IDLE,  /* the form is not complete */
  STATE_READY, /* it can be sent */
  STATE_BUSY,  /* it is being sent */
  STATE_ERROR, /* it was refused, and says why */
  STATE_DONE,  /* signed in */
} LoginState;

typedef enum {
  FIELD_NONE,     /* the error line under the form */
  FIELD_EMAIL,    /* under the new account's email */
  FIELD_PASSWORD, /* under its password */
  FIELD_CONFIRM,  /* under the password again */
} ErrorField;

struct _PcLoginPage
{
  AdwBin parent_instance;

  AdwComboRow *server_row;
  AdwEntryRow *custom_row;
  GtkStack *method_stack;
  GtkStackSwitcher *method_switcher;
  AdwEntryRow *token_row;
  AdwEntryRow *workspace_row;
  GtkLinkButton *create_link;
  AdwBin *email_bin;
  AdwBin *create_bin;
  /* The email and new-account forms (pc-login-page-forms.ui): NULL until
   * one of them first shows. */
  GtkStack *email_stack;
  AdwEntryRow *email_row;
  AdwEntryRow *password_row;
  AdwEntryRow *new_email_row;
  AdwEntryRow *new_password_row;
  AdwEntryRow *confirm_row;
  GtkLabel *new_email_error;
  GtkLabel *strength_label;
  GtkLabel *confirm_error;
  GtkSwitch *news_switch;

  GtkLabel *error_label;
  GtkLabel *notice_label;
  GtkSpinner *spinner;
  GtkButton *sign_in_button;
  GtkLabel *button_label;
  GtkStackPage *create_page;

  PcSession *session;
  GCancellable *cancellable;
  char *idp_url;
  char *idp_key;
  char *error_text;
  ErrorField error_field;
  char *notice_text; /* what was done besides signing in, such as a reset email sent */
  LoginState state;
  gboolean clearing; /* emptying a secret field is not the person typing */
};

/* pc-login-page.c */
gboolean    _pc_login_page_using_token     (PcLoginPage *self);
gboolean    _pc_login_page_creating        (PcLoginPage *self);
gboolean    _pc_login_page_form_complete   (PcLoginPage *self);
char       *_pc_login_page_strength_hint   (const char  *password);
void        _pc_login_page_set_state       (PcLoginPage *self,
                                            LoginState   state);
void        _pc_login_page_set_field_error (PcLoginPage *self,
                                            ErrorField   field,
                                            const char  *text);
void        _pc_login_page_set_error       (PcLoginPage *self,
                                            const char  *text);
void        _pc_login_page_set_notice      (PcLoginPage *self,
                                            const char  *text);
void        _pc_login_page_clear_secret    (PcLoginPage *self,
                                            AdwEntryRow *row);
const char *_pc_login_page_chosen_server   (PcLoginPage *self);
void        _pc_login_page_signed_in       (PcLoginPage *self);

/* pc-login-page-flows.c */
void        _pc_login_page_class_flows_init (GtkWidgetClass *widget_class);

G_END_DECLS
