/* pc-builder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkBuilder *pc_builder_new_part (const char *resource,
                                 const char *owner_name,
                                 GObject    *owner,
                                 const char *first_callback_name,
                                 ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
