/* pc-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PC_TYPE_PROFILE (pc_profile_get_type ())
G_DECLARE_FINAL_TYPE (PcProfile, pc_profile, PC, PROFILE, GObject)

const char *pc_profile_get_id                         (PcProfile *self);
const char *pc_profile_get_uid                        (PcProfile *self);
const char *pc_profile_get_email                      (PcProfile *self);
gboolean    pc_profile_get_email_verified             (PcProfile *self);
const char *pc_profile_get_name                       (PcProfile *self);
const char *pc_profile_get_photo_url                  (PcProfile *self);
const char *pc_profile_get_provider                   (PcProfile *self);
const char *pc_profile_get_default_workspace_id       (PcProfile *self);
GDateTime  *pc_profile_get_onboarded_at               (PcProfile *self);
gboolean    pc_profile_get_product_updates_subscribed (PcProfile *self);
GListModel *pc_profile_get_workspaces                 (PcProfile *self);
const char *pc_profile_get_display_name               (PcProfile *self);

/* What a PATCH /auth/profile sends: only the fields that were set. */
typedef struct _PcProfileChanges PcProfileChanges;

#define PC_TYPE_PROFILE_CHANGES (pc_profile_changes_get_type ())
GType             pc_profile_changes_get_type  (void) G_GNUC_CONST;
PcProfileChanges *pc_profile_changes_new       (void);
PcProfileChanges *pc_profile_changes_ref       (PcProfileChanges *self);
void              pc_profile_changes_unref     (PcProfileChanges *self);
void              pc_profile_changes_set_name  (PcProfileChanges *self,
                                                const char       *name);
void              pc_profile_changes_set_photo_url (PcProfileChanges *self,
                                                    const char       *photo_url);
void              pc_profile_changes_set_product_updates_subscribed (PcProfileChanges *self,
                                                                     gboolean          subscribed);
void              pc_profile_changes_set_onboarded (PcProfileChanges *self,
                                                    gboolean          onboarded);
gboolean          pc_profile_changes_is_empty  (PcProfileChanges *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcProfileChanges, pc_profile_changes_unref)

G_END_DECLS
