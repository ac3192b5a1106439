/* pc-token-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One token in the list: its name and masked secret (or its id), when it was created
 * and last used (relative, the exact date in a tooltip), a mark when it
 * has not been used for 90 days, and a delete button, which stays
 * insensitive while the token is being deleted (bound to PcToken:deleting).
 */
#define G_LOG_DOMAIN "PcTokenRow"

#include <glib/gi18n.h>

#include "pc-token-row.h"

struct _PcTokenRow
{
  GtkWidget parent_instance;

  /* Few widgets: GtkListView keeps up to 200 rows alive, so every widget
   * here is built and styled 200 times when a long list first shows. The
   * row lays them out itself (a GtkBoxLayout), and the mark is built for
   * the first token that needs it. */
  GtkLabel *title_label; /* the name, and the masked secret under it */
  GtkLabel *dates_label; /* created, and last used under it */
  GtkWidget *unused_tag; /* or NULL */
  GtkWidget *delete_button;
  PcToken *token;        /* for the exact dates, computed when a tooltip asks */
  PcTokenNames *names;   /* the names given here, followed while bound */
  char *server;
  /* The item's own state, followed while the row shows it: the list
   * recycles rows, so the source changes with each bind. */
  GBindingGroup *bindings;
};

G_DEFINE_FINAL_TYPE (PcTokenRow, pc_token_row, GTK_TYPE_WIDGET)

/**
 * pc_token_dup_title:
 *
 * The name given here, else the one the server sends, else "Unnamed
 * token" and the start of its id: see pc_format_token_title().
 */
char *
pc_token_dup_title (PcToken      *token,
                    PcTokenNames *names,
                    const char   *server)
{
  const char *local = names && server ? pc_token_names_lookup (names, server, pc_token_get_id (token)) : NULL;

  return pc_format_token_title (token, local);
}

gboolean
pc_token_is_unused (PcToken   *token,
                    GDateTime *now)
{
  GDateTime *since = pc_token_get_last_used_at (token) ? pc_token_get_last_used_at (token)
                                                        : pc_token_get_created_at (token);

  return since != NULL && g_date_time_difference (now, since) >= PC_UNUSED_DAYS * G_TIME_SPAN_DAY;
}

static void set_tooltip_unasked (GtkWidget *widget, const char *text);

static void
show_unused_tag (PcTokenRow *self)
{
  if (self->unused_tag == NULL)
    {
      self->unused_tag = gtk_label_new (_("Unused for 90 days"));
      gtk_widget_set_valign (self->unused_tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->unused_tag, "warning");
      gtk_widget_add_css_class (self->unused_tag, "caption-heading");
      set_tooltip_unasked (self->unused_tag, _("Not used for 90 days or more: a candidate to delete"));
      gtk_widget_insert_after (self->unused_tag, GTK_WIDGET (self), GTK_WIDGET (self->title_label));
    }
  gtk_widget_set_visible (self->unused_tag, TRUE);
}

static void
show_token (PcTokenRow *self)
{
  PcToken *token = self->token;
  g_autofree char *name = pc_token_dup_title (token, self->names, self->server);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *masked = NULL;
  g_autofree char *title = NULL;
  g_autofree char *created = NULL;
  g_autofree char *used = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *used_text = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *accessible = NULL;

  /* Under the name, the masked secret; a server that sends no secret after
   * creation (as the seed's) leaves the id to tell tokens apart. */
  if (pc_token_get_token (token) != NULL)
    masked = pc_token_dup_masked (token);
  else
    /* Translators: under a token's name; %s is its id. */
    masked = g_strdup_printf (_("ID %s"), pc_token_get_id (token));
  title = g_markup_printf_escaped ("<b>%s</b>\n<span font_family=\"monospace\" alpha=\"60%%\">%s</span>",
                                   name, masked);
  gtk_label_set_markup (self->title_label, title);

  created = pc_token_get_created_at (token) ? pc_format_relative_date (pc_token_get_created_at (token), now) : NULL;
  used = pc_token_get_last_used_at (token) ? pc_format_relative_date (pc_token_get_last_used_at (token), now) : NULL;
  /* Translators: %s is a relative date such as "3 days ago". */
  created_text = created ? g_strdup_printf (_("Created %s"), created) : g_strdup ("");
  /* Translators: %s is a relative date such as "3 days ago". */
  used_text = used ? g_strdup_printf (_("Last used %s"), used) : g_strdup (_("Never used"));
  dates = g_strconcat (created_text, "\n", used_text, NULL);
  gtk_label_set_label (self->dates_label, dates);
  if (pc_token_is_unused (token, now))
    show_unused_tag (self);
  else if (self->unused_tag != NULL)
    gtk_widget_set_visible (self->unused_tag, FALSE);

  /* The target first: the action takes a token id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s", pc_token_get_id (token));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "tokens.delete");
  /* Translators: the accessible name of a row's delete button; %s is the token's name. */
  accessible = g_strdup_printf (_("Delete %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  /* What a screen reader says on the list's item: the name and the dates,
   * not the masked secret. The list item is GTK's widget around the row,
   * and nothing else names it. */
  g_free (accessible);
  if (pc_token_is_unused (token, now))
    /* Translators: a token row's accessible name: the name, "Created ...", "Last used ...", "Unused for 90 days". */
    accessible = g_strdup_printf (_("%s, %s, %s, %s"), name, created_text, used_text, _("Unused for 90 days"));
  else
    /* Translators: a token row's accessible name: the name, "Created ...", "Last used ...". */
    accessible = g_strdup_printf (_("%s, %s, %s"), name, created_text, used_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* A name given or taken away (here, in another window, or by the command
 * line through the same file) shows at once. */
static void
on_name_changed (PcTokenRow *self,
                 const char *server,
                 const char *token_id)
{
  if (self->token != NULL && g_strcmp0 (server, self->server) == 0 &&
      g_strcmp0 (token_id, pc_token_get_id (self->token)) == 0)
    show_token (self);
}

/**
 * pc_token_row_bind:
 * @names: (nullable): the names given here, followed while the row shows
 *   @token
 * @server: (nullable): the server @token belongs to
 */
void
pc_token_row_bind (PcTokenRow   *self,
                   PcToken      *token,
                   PcTokenNames *names,
                   const char   *server)
{
  g_return_if_fail (PC_IS_TOKEN_ROW (self));
  g_return_if_fail (PC_IS_TOKEN (token));

  g_set_object (&self->token, token);
  g_free (self->server);
  self->server = g_strdup (server);
  if (names != self->names)
    {
      if (self->names != NULL)
        g_signal_handlers_disconnect_by_func (self->names, on_name_changed, self);
      g_set_object (&self->names, names);
      if (names != NULL)
        g_signal_connect_object (names, "changed", G_CALLBACK (on_name_changed), self, G_CONNECT_SWAPPED);
    }
  g_binding_group_set_source (self->bindings, token);
  show_token (self);
}

/* The row goes back to the list's pool: it no longer follows the token. */
void
pc_token_row_unbind (PcTokenRow *self)
{
  g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->token);
}

/* The exact dates, only when someone hovers them. */
static gboolean
query_dates_tooltip (GtkWidget  *label,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     PcTokenRow *self)
{
  g_autofree char *created = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;

  if (self->token == NULL)
    return FALSE;
  created = pc_format_exact_date (pc_token_get_created_at (self->token));
  used = pc_format_exact_date (pc_token_get_last_used_at (self->token));
  /* Translators: a tooltip with two exact dates. */
  text = g_strdup_printf (_("Created: %s\nLast used: %s"), created ? created : _("unknown"),
                          used ? used : _("never"));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GTK 4.8 asks the display where the pointer is each time the tooltip of
 * a visible widget is set (gtk_tooltip_trigger_tooltip_query()): on X11 a
 * round trip to the server, two for each of the 200 rows a long list
 * builds when it first shows. A new row's widgets get theirs hidden. */
static void
set_tooltip_unasked (GtkWidget  *widget,
                     const char *text)
{
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}

static GtkLabel *
add_label (PcTokenRow *self,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return GTK_LABEL (label);
}

static void
pc_token_row_dispose (GObject *object)
{
  PcTokenRow *self = PC_TOKEN_ROW (object);
  GtkWidget *child;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->bindings);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->token);
  if (self->names != NULL)
    g_signal_handlers_disconnect_by_func (self->names, on_name_changed, self);
  g_clear_object (&self->names);
  g_clear_pointer (&self->server, g_free);
  G_OBJECT_CLASS (pc_token_row_parent_class)->dispose (object);
}

static void
pc_token_row_class_init (PcTokenRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pc_token_row_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
}

static void
pc_token_row_init (PcTokenRow *self)
{
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 8);

  self->title_label = add_label (self, NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);

  self->dates_label = add_label (self, "caption");
  gtk_widget_set_size_request (GTK_WIDGET (self->dates_label), 170, -1);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->dates_label), TRUE);
  g_signal_connect (self->dates_label, "query-tooltip", G_CALLBACK (query_dates_tooltip), self);

  self->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (self->delete_button, GTK_ALIGN_CENTER);
  set_tooltip_unasked (self->delete_button, _("Delete Token"));
  gtk_widget_add_css_class (self->delete_button, "flat");
  gtk_widget_set_parent (self->delete_button, GTK_WIDGET (self));

  /* A token being deleted cannot be asked about twice. */
  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "deleting", self->delete_button, "sensitive",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

GtkWidget *
pc_token_row_new (void)
{
  return g_object_new (PC_TYPE_TOKEN_ROW, NULL);
}
