/* pc-token-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One token in the list: its name and masked secret, when it was created
 * and last used (relative, the exact date in a tooltip), a mark when it
 * has not been used for 90 days, and a delete button.
 */
#define G_LOG_DOMAIN "PcTokenRow"

#include <glib/gi18n.h>

#include "pc-token-row.h"

struct _PcTokenRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *name_label;
  GtkLabel *secret_label;
  GtkLabel *created_label;
  GtkLabel *used_label;
  GtkWidget *unused_tag;
  GtkWidget *delete_button;
};

G_DEFINE_FINAL_TYPE (PcTokenRow, pc_token_row, GTK_TYPE_WIDGET)

char *
pc_format_exact_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return NULL;
  local = g_date_time_to_local (date);
  /* Translators: an exact date and time, see strftime(3). */
  return g_date_time_format (local, _("%e %B %Y, %H:%M"));
}

/**
 * pc_token_dup_title:
 *
 * A name the server sends wins; then the one given here at creation; then
 * "Unnamed token".
 */
char *
pc_token_dup_title (PcToken      *token,
                    PcTokenNames *names,
                    const char   *server)
{
  const char *name = pc_token_get_name (token);

  if (name == NULL || *name == '\0')
    name = names ? pc_token_names_lookup (names, server, pc_token_get_id (token)) : NULL;
  return g_strdup (name && *name ? name : _("Unnamed token"));
}

gboolean
pc_token_is_unused (PcToken   *token,
                    GDateTime *now)
{
  GDateTime *since = pc_token_get_last_used_at (token) ? pc_token_get_last_used_at (token)
                                                        : pc_token_get_created_at (token);

  return since != NULL && g_date_time_difference (now, since) >= PC_UNUSED_DAYS * G_TIME_SPAN_DAY;
}

static void
set_date (GtkLabel   *label,
          GDateTime  *date,
          GDateTime  *now,
          gboolean    created)
{
  g_autofree char *relative = date ? pc_format_relative_date (date, now) : NULL;
  g_autofree char *exact = pc_format_exact_date (date);
  g_autofree char *text = NULL;

  if (relative == NULL)
    text = g_strdup (created ? "" : _("Never used"));
  else if (created)
    /* Translators: %s is a relative date such as "3 days ago". */
    text = g_strdup_printf (_("Created %s"), relative);
  else
    /* Translators: %s is a relative date such as "3 days ago". */
    text = g_strdup_printf (_("Last used %s"), relative);
  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), exact);
}

void
pc_token_row_bind (PcTokenRow *self,
                   PcToken    *token,
                   const char *name,
                   gboolean    deleting)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *masked = pc_token_dup_masked (token);
  g_autofree char *accessible = NULL;

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->secret_label, masked);
  set_date (self->created_label, pc_token_get_created_at (token), now, TRUE);
  set_date (self->used_label, pc_token_get_last_used_at (token), now, FALSE);
  gtk_widget_set_visible (self->unused_tag, pc_token_is_unused (token, now));

  /* The target first: the action takes a token id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s", pc_token_get_id (token));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "tokens.delete");
  gtk_widget_set_sensitive (self->delete_button, !deleting);
  /* Translators: the accessible name of a row's delete button; %s is the token's name. */
  accessible = g_strdup_printf (_("Delete %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static GtkLabel *
add_label (GtkWidget  *box,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
pc_token_row_dispose (GObject *object)
{
  PcTokenRow *self = PC_TOKEN_ROW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (pc_token_row_parent_class)->dispose (object);
}

static void
pc_token_row_class_init (PcTokenRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pc_token_row_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
pc_token_row_init (PcTokenRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *dates = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);

  gtk_widget_set_hexpand (text, TRUE);
  self->name_label = add_label (text, "heading");
  self->secret_label = add_label (text, "monospace");
  gtk_widget_add_css_class (GTK_WIDGET (self->secret_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), text);

  self->unused_tag = gtk_label_new (_("Unused for 90 days"));
  gtk_widget_set_valign (self->unused_tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->unused_tag, "warning");
  gtk_widget_add_css_class (self->unused_tag, "caption-heading");
  gtk_widget_set_tooltip_text (self->unused_tag, _("Not used for 90 days or more: a candidate to delete"));
  gtk_box_append (GTK_BOX (self->box), self->unused_tag);

  gtk_widget_set_valign (dates, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (dates, 170, -1);
  self->created_label = add_label (dates, "caption");
  self->used_label = add_label (dates, "caption");
  gtk_box_append (GTK_BOX (self->box), dates);

  self->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (self->delete_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->delete_button, _("Delete Token"));
  gtk_widget_add_css_class (self->delete_button, "flat");
  gtk_box_append (GTK_BOX (self->box), self->delete_button);
}

GtkWidget *
pc_token_row_new (void)
{
  return g_object_new (PC_TYPE_TOKEN_ROW, NULL);
}
