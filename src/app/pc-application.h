/* pc-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pc-inbox.h"

G_BEGIN_DECLS

#define PC_TYPE_APPLICATION (pc_application_get_type ())
G_DECLARE_FINAL_TYPE (PcApplication, pc_application, PC, APPLICATION, AdwApplication)

PcApplication *pc_application_new       (void);
PcInbox       *pc_application_get_inbox (PcApplication *self);

G_END_DECLS
