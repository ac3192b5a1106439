/* pc-file-private.h: reading the session's own small files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pc_file_read_bounded (const char  *path,
                               gsize        max_size,
                               char       **data,
                               gsize       *length,
                               gboolean    *broken,
                               GError     **error);

G_END_DECLS
