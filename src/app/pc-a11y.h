/* pc-a11y.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void pc_a11y_name_controls (GtkWidget  *root);
void pc_a11y_announce      (GtkWidget  *status,
                            const char *text);
void pc_a11y_add_toast_status (AdwToastOverlay *overlay);
void pc_a11y_add_toast        (AdwToastOverlay *overlay,
                               AdwToast        *toast);

G_END_DECLS
