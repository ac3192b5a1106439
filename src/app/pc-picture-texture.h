/* pc-picture-texture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *pc_picture_texture_new (GBytes   *data,
                                    guint     max_side,
                                    GError  **error);

G_END_DECLS
