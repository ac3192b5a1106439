/* pc-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words for people, shared by the command line and the desktop app.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *pc_format_relative_date (GDateTime  *date,
                                     GDateTime  *now);
const char *pc_format_role          (const char *role);
const char *pc_format_role_summary  (const char *role);

G_END_DECLS
