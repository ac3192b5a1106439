/* pc-user.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PC_TYPE_USER (pc_user_get_type ())
G_DECLARE_FINAL_TYPE (PcUser, pc_user, PC, USER, GObject)

const char *pc_user_get_id                  (PcUser *self);
const char *pc_user_get_uid                 (PcUser *self);
const char *pc_user_get_email               (PcUser *self);
gboolean    pc_user_get_email_verified      (PcUser *self);
const char *pc_user_get_name                (PcUser *self);
const char *pc_user_get_photo_url           (PcUser *self);
const char *pc_user_get_provider            (PcUser *self);
const char *pc_user_get_default_template_id (PcUser *self);
const char *pc_user_get_display_name        (PcUser *self);

G_END_DECLS
