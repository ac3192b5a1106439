/* pc-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PC_TYPE_PREFERENCES_WINDOW (pc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PcPreferencesWindow, pc_preferences_window, PC, PREFERENCES_WINDOW, AdwPreferencesWindow)

PcPreferencesWindow *pc_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings);

G_END_DECLS
