/* pc-file-private.h: reading the session's own small files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PC_FILE_FOLLOW_LINKS, /* a file a person may have linked on purpose (dotfiles) */
  PC_FILE_NO_LINKS,     /* a file only this program writes */
} PcFileLinks;

gboolean pc_file_read_bounded (const char  *path,
                               gsize        max_size,
                               PcFileLinks  links,
                               char       **data,
                               gsize       *length,
                               gboolean    *broken,
                               GError     **error);

G_END_DECLS
