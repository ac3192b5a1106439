/* pc-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person may change about the app; every row is a GSettings key.
 */
#define G_LOG_DOMAIN "PcPreferencesWindow"

#include "pc-preferences-window.h"

/* The clipboard delays offered, in seconds, in the order of the combo row. */
static const int clear_delays[] = { 0, 10, 30, 60, 120 };

struct _PcPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *clear_row;
  GtkSwitch *copy_switch;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PcPreferencesWindow, pc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_clear_changed (PcPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->clear_row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (clear_delays))
    g_settings_set_int (self->settings, "clipboard-clear-seconds", clear_delays[selected]);
}

static void
show_clear_delay (PcPreferencesWindow *self)
{
  int seconds = g_settings_get_int (self->settings, "clipboard-clear-seconds");
  guint nearest = 0;

  /* A value set elsewhere shows as the nearest one offered. */
  for (guint i = 1; i < G_N_ELEMENTS (clear_delays); i++)
    if (ABS (clear_delays[i] - seconds) < ABS (clear_delays[nearest] - seconds))
      nearest = i;
  adw_combo_row_set_selected (self->clear_row, nearest);
}

static void
pc_preferences_window_finalize (GObject *object)
{
  PcPreferencesWindow *self = PC_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pc_preferences_window_parent_class)->finalize (object);
}

static void
pc_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PC_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (pc_preferences_window_parent_class)->dispose (object);
}

static void
pc_preferences_window_class_init (PcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pc_preferences_window_dispose;
  object_class->finalize = pc_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PcPreferencesWindow, clear_row);
  gtk_widget_class_bind_template_child (widget_class, PcPreferencesWindow, copy_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_changed);
}

static void
pc_preferences_window_init (PcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PcPreferencesWindow *
pc_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  PcPreferencesWindow *self = g_object_new (PC_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  self->settings = g_object_ref (settings);
  show_clear_delay (self);
  g_signal_connect_object (settings, "changed::clipboard-clear-seconds", G_CALLBACK (show_clear_delay), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (settings, "copy-new-tokens", self->copy_switch, "active", G_SETTINGS_BIND_DEFAULT);
  return self;
}
