/* pc-profile-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Profile page's insides, for the files that make it up:
 * pc-profile-page.c (what the page shows, and deleting the account),
 * pc-profile-page-form.c (the fields a person edits, and saving them),
 * pc-profile-page-picture.c (the profile picture, fetched and decoded).
 */
#pragma once

#include "pc-profile-page.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

struct _PcProfilePage
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkSpinner *spinner;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *email_label;
  AdwEntryRow *name_row;
  AdwEntryRow *photo_row;
  GtkSwitch *updates_switch;
  GtkLabel *edit_error;
  AdwPreferencesGroup *account_group;
  AdwPreferencesGroup *workspaces_group;
  GPtrArray *account_rows;    /* rows added to the groups above, to remove them */
  GPtrArray *workspace_rows;

  PcSession *session;
  GCancellable *cancellable;

  char *shown_name;           /* what the server last said, to tell edits apart */
  char *shown_photo;
  char *picture_url;          /* the picture asked for */
  char *onboarded_account;    /* onboarding marked done for this account */
  GtkWidget *name_spinner;
  GtkWidget *photo_spinner;
  gboolean updating_switch;
};

/* pc-profile-page-form.c */
void _pc_profile_page_show_form         (PcProfilePage  *self,
                                         PcProfile      *profile);
void _pc_profile_page_clear_form        (PcProfilePage  *self);
void _pc_profile_page_mark_onboarded    (PcProfilePage  *self);
void _pc_profile_page_init_form         (PcProfilePage  *self);
void _pc_profile_page_class_form_init   (GtkWidgetClass *widget_class);

/* pc-profile-page-picture.c */
void _pc_profile_page_show_picture      (PcProfilePage  *self,
                                         const char     *url);

G_END_DECLS
