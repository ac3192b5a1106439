/* pc-workspace-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PC_TYPE_WORKSPACE_SUMMARY (pc_workspace_summary_get_type ())
G_DECLARE_FINAL_TYPE (PcWorkspaceSummary, pc_workspace_summary, PC, WORKSPACE_SUMMARY, GObject)

const char *pc_workspace_summary_get_id          (PcWorkspaceSummary *self);
const char *pc_workspace_summary_get_name        (PcWorkspaceSummary *self);
const char *pc_workspace_summary_get_picture_url (PcWorkspaceSummary *self);

G_END_DECLS
