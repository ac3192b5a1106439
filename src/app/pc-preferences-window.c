/* pc-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person may change about the app; every row is a GSettings key.
 */
#define G_LOG_DOMAIN "PcPreferencesWindow"

#include "pc-a11y.h"
#include "pc-preferences-window.h"

/* The clipboard delays offered, in seconds, in the order of the combo row. */
/* A combo row offering a few values of a number setting. */
typedef struct
{
  const char *key;
  const gint64 *values;
  guint n_values;
} Choice;

static const gint64 clear_delays[] = { 0, 10, 30, 60, 120 };
static const gint64 check_intervals[] = { 0, 60, 5 * 60, 15 * 60, 60 * 60 };
static const Choice clear_choice = { "clipboard-clear-seconds", clear_delays, G_N_ELEMENTS (clear_delays) };
static const Choice check_choice = { "invitation-check-interval", check_intervals, G_N_ELEMENTS (check_intervals) };

struct _PcPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *clear_row;
  GtkSwitch *copy_switch;
  AdwComboRow *check_row;
  GtkSwitch *notify_switch;
  GtkSwitch *background_switch;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PcPreferencesWindow, pc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
choice_store (PcPreferencesWindow *self,
              AdwComboRow         *row,
              const Choice        *choice)
{
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GVariant) current = NULL;
  gint64 value;

  if (self->settings == NULL || selected >= choice->n_values)
    return;
  value = choice->values[selected];
  current = g_settings_get_value (self->settings, choice->key);
  if (g_variant_is_of_type (current, G_VARIANT_TYPE_UINT32))
    g_settings_set_uint (self->settings, choice->key, (guint) value);
  else
    g_settings_set_int (self->settings, choice->key, (int) value);
}

static void
choice_show (PcPreferencesWindow *self,
             AdwComboRow         *row,
             const Choice        *choice)
{
  g_autoptr(GVariant) current = g_settings_get_value (self->settings, choice->key);
  gint64 value = g_variant_is_of_type (current, G_VARIANT_TYPE_UINT32) ? (gint64) g_variant_get_uint32 (current)
                                                                       : (gint64) g_variant_get_int32 (current);
  guint nearest = 0;

  /* A value set elsewhere shows as the nearest one offered. */
  for (guint i = 1; i < choice->n_values; i++)
    if (ABS (choice->values[i] - value) < ABS (choice->values[nearest] - value))
      nearest = i;
  adw_combo_row_set_selected (row, nearest);
}

static gboolean
checks_on (GValue   *value,
           GVariant *variant,
           gpointer  user_data)
{
  g_value_set_boolean (value, g_variant_get_uint32 (variant) > 0);
  return TRUE;
}

static void
on_clear_changed (PcPreferencesWindow *self)
{
  choice_store (self, self->clear_row, &clear_choice);
}

static void
on_check_changed (PcPreferencesWindow *self)
{
  choice_store (self, self->check_row, &check_choice);
}

static void
on_settings_changed (PcPreferencesWindow *self)
{
  choice_show (self, self->clear_row, &clear_choice);
  choice_show (self, self->check_row, &check_choice);
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
  gtk_widget_class_bind_template_child (widget_class, PcPreferencesWindow, check_row);
  gtk_widget_class_bind_template_child (widget_class, PcPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, PcPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_check_changed);
}

static void
pc_preferences_window_init (PcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pc_a11y_name_controls (GTK_WIDGET (self));
}

PcPreferencesWindow *
pc_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  PcPreferencesWindow *self = g_object_new (PC_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  self->settings = g_object_ref (settings);
  on_settings_changed (self);
  g_signal_connect_object (settings, "changed::clipboard-clear-seconds", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::invitation-check-interval", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);
  g_settings_bind (settings, "copy-new-tokens", self->copy_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "invitation-notifications", self->notify_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* Without checks there is nothing to announce, nor to stay for. */
  g_settings_bind_with_mapping (settings, "invitation-check-interval", self->notify_switch, "sensitive",
                                G_SETTINGS_BIND_GET, checks_on, NULL, NULL, NULL);
  g_settings_bind_with_mapping (settings, "invitation-check-interval", self->background_switch, "sensitive",
                                G_SETTINGS_BIND_GET, checks_on, NULL, NULL, NULL);
  return self;
}
