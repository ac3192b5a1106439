/* pc-tokens-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Tokens page: every API token in a recycling list, filtered by name
 * and sorted as chosen, refreshed in place. This file holds the view and
 * what it follows (the session, the search, the order); what the list
 * holds and how it loads is in pc-tokens-page-loading.c, what a person
 * does with it in pc-tokens-page-actions.c. Creating is in
 * pc-new-token-dialog.c, the details of one token in pc-token-details.c.
 */
#define G_LOG_DOMAIN "PcTokensPage"

#include <glib/gi18n.h>
#include <string.h>

#include "pc-a11y.h"
#include "pc-token-row.h"
#include "pc-tokens-page-private.h"

/* The sort orders' names in GSettings, in the order of PcTokensSort. */
static const char * const sort_keys[] = { "last-used", "created", "name" };

G_DEFINE_FINAL_TYPE (PcTokensPage, pc_tokens_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_LOADING, PROP_STALE_AFTER, N_PROPS };
static GParamSpec *properties[N_PROPS];

void
_pc_tokens_page_toast (PcTokensPage *self,
                       const char   *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    pc_a11y_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

char *
_pc_tokens_page_dup_title (PcTokensPage *self,
                           PcToken      *token)
{
  return pc_token_dup_title (token, self->names, self->session ? pc_session_get_server (self->session) : NULL);
}

void
_pc_tokens_page_update_view (PcTokensPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *count = NULL;

  if (self->loading && total == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (total == 0)
    {
      if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "error"))
        gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "rows" : "no-results");
  /* A list on screen while the server is asked: what was known, marked. */
  gtk_widget_set_visible (self->refreshing_label, self->loading);
  if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token", "%u tokens", total), total);
  else
    /* Translators: "3 of 12 tokens", while searching. */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u token", "%u of %u tokens", total),
                             shown, total);
  gtk_label_set_label (self->count_label, count);
}

/* The spinner shows only once loading has taken a while: a quick answer
 * should not flash one (and an animation costs the machine while it waits). */
#define SPINNER_DELAY_MS 600

static gboolean
start_spinner (gpointer data)
{
  PcTokensPage *self = data;

  self->spinner_source = 0;
  gtk_spinner_set_spinning (self->spinner, self->loading);
  return G_SOURCE_REMOVE;
}

void
_pc_tokens_page_set_loading (PcTokensPage *self,
                             gboolean      loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (loading)
    self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, start_spinner, self);
  else
    gtk_spinner_set_spinning (self->spinner, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Filtering and sorting */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PcTokensPage *self = user_data;
  g_autofree char *title = NULL;
  g_autofree char *folded = NULL;

  if (self->search == NULL)
    return TRUE;
  title = _pc_tokens_page_dup_title (self, item);
  folded = g_utf8_casefold (title, -1);
  return strstr (folded, self->search) != NULL;
}

static int
compare_dates (GDateTime *a,
               GDateTime *b)
{
  /* Newest first; no date last. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return -g_date_time_compare (a, b);
}

int
_pc_tokens_page_compare (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  PcTokensPage *self = user_data;
  PcToken *x = (PcToken *) a;
  PcToken *y = (PcToken *) b;
  int result = 0;

  switch (self->order)
    {
    case PC_TOKENS_SORT_LAST_USED:
      result = compare_dates (pc_token_get_last_used_at (x), pc_token_get_last_used_at (y));
      break;
    case PC_TOKENS_SORT_CREATED:
      break;
    case PC_TOKENS_SORT_NAME:
      {
        g_autofree char *tx = _pc_tokens_page_dup_title (self, x);
        g_autofree char *ty = _pc_tokens_page_dup_title (self, y);
        result = g_utf8_collate (tx, ty);
      }
      break;
    default:
      break;
    }
  if (result == 0)
    result = compare_dates (pc_token_get_created_at (x), pc_token_get_created_at (y));
  return result;
}

static void
on_search_changed (PcTokensPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  _pc_tokens_page_update_view (self);
}

static void
on_sort_changed (PcTokensPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (selected >= G_N_ELEMENTS (sort_keys))
    return;
  self->order = selected;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "tokens-sort", sort_keys[selected]);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Rows */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, pc_token_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  PcTokensPage *self = user_data;

  pc_token_row_bind (PC_TOKEN_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item), self->names,
                     self->session ? pc_session_get_server (self->session) : NULL);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  pc_token_row_unbind (PC_TOKEN_ROW (gtk_list_item_get_child (item)));
}

/* A token's row shows whether it is being deleted: the token says so from
 * the moment it is in the list, whichever copy of it the server sent. */
void
_pc_tokens_page_follow_deleting (PcTokensPage *self,
                                 PcToken      *token)
{
  pc_token_set_deleting (token, g_hash_table_contains (self->deleting, pc_token_get_id (token)));
}

gboolean
_pc_tokens_page_find_token (PcTokensPage *self,
                            const char   *id,
                            guint        *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PcToken) token = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      if (g_strcmp0 (pc_token_get_id (token), id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

GListModel *
pc_tokens_page_get_model (PcTokensPage *self)
{
  g_return_val_if_fail (PC_IS_TOKENS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/* A call of the page's: cancelled when the page goes and, @with_sign_in,
 * when the sign-in it was made in ends. */
GCancellable *
_pc_tokens_page_new_call (PcTokensPage *self,
                          gboolean      with_sign_in)
{
  GCancellable *call = g_cancellable_new ();

  /* A page already going starts nothing that could call back into it. */
  if (g_cancellable_is_cancelled (self->cancellable))
    g_cancellable_cancel (call);
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel), call,
                           G_CONNECT_SWAPPED);
  if (with_sign_in)
    g_signal_connect_object (pc_session_get_cancellable (self->session), "cancelled",
                             G_CALLBACK (g_cancellable_cancel), call, G_CONNECT_SWAPPED);
  return call;
}

static void
on_session_state (PcTokensPage *self)
{
  switch (pc_session_get_state (self->session))
    {
    case PC_SESSION_SIGNED_IN:
      pc_tokens_page_refresh (self);
      break;
    case PC_SESSION_SIGNED_OUT:
      if (pc_session_get_restoring (self->session))
        {
          _pc_tokens_page_show_cached (self);
          break;
        }
      /* Nothing of one account stays on screen for the next, not even
       * what was searched for. */
      self->cached = FALSE;
      g_clear_handle_id (&self->save_source, g_source_remove);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      g_cancellable_cancel (self->load_cancellable);
      _pc_tokens_page_stop_incoming (self);
      _pc_tokens_page_set_loading (self, FALSE);
      g_list_store_remove_all (self->store);
      g_hash_table_remove_all (self->deleting);
      self->last_refresh = 0;
      gtk_stack_set_visible_child_name (self->stack, "loading");
      break;
    case PC_SESSION_OFFLINE:
      /* What was known stays, as the window's bar says; no longer marked
       * as being refreshed. */
      if (self->cached)
        {
          self->cached = FALSE;
          _pc_tokens_page_set_loading (self, FALSE);
          _pc_tokens_page_update_view (self);
        }
      if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
        {
          /* Why the sign-in is not confirmed (out of reach, or refused),
           * as the window's bar says too. */
          const char *reason = pc_session_get_offline_reason (self->session);

          adw_status_page_set_description (self->error_status,
                                           reason ? reason
                                                  : _("The server could not be reached. Check your connection."));
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      break;
    default:
      break;
    }
}

static void
on_map (PcTokensPage *self)
{
  if (self->last_refresh != 0 &&
      g_get_monotonic_time () - self->last_refresh >= (gint64) self->stale_after * G_TIME_SPAN_SECOND)
    pc_tokens_page_refresh (self);
}

/**
 * pc_tokens_page_setup:
 *
 * Gives the page what it works with; it loads as soon as the session is
 * signed in.
 */
/* A name given or taken away: the rows follow it themselves; the search
 * and the order by name are asked again. */
static void
on_names_changed (PcTokensPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

void
pc_tokens_page_setup (PcTokensPage *self,
                      PcSession    *session,
                      GSettings    *settings,
                      PcTokenNames *names)
{
  g_autofree char *sort = NULL;

  g_return_if_fail (PC_IS_TOKENS_PAGE (self));

  g_set_object (&self->session, session);
  g_set_object (&self->settings, settings);
  g_set_object (&self->names, names);

  sort = g_settings_get_string (settings, "tokens-sort");
  for (guint i = 0; i < G_N_ELEMENTS (sort_keys); i++)
    if (g_str_equal (sort, sort_keys[i]))
      gtk_drop_down_set_selected (self->sort_dropdown, i);

  g_signal_connect_object (names, "changed", G_CALLBACK (on_names_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (on_session_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::restoring", G_CALLBACK (on_session_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::workspace-id", G_CALLBACK (pc_tokens_page_refresh), self,
                           G_CONNECT_SWAPPED);
  on_session_state (self);
}

static void
pc_tokens_page_dispose (GObject *object)
{
  PcTokensPage *self = PC_TOKENS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  _pc_tokens_page_stop_incoming (self);
  if (self->save_source != 0)
    _pc_tokens_page_save_now (self, TRUE); /* the window closes soon after a change */
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (self->sorted != NULL)
    {
      /* No more sorting or filtering slices calling back into a page that is going. */
      g_signal_handlers_disconnect_by_data (self->sorted, self);
      gtk_sort_list_model_set_sorter (self->sorted, NULL);
      gtk_filter_list_model_set_filter (self->filtered, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PC_TYPE_TOKENS_PAGE);
  G_OBJECT_CLASS (pc_tokens_page_parent_class)->dispose (object);
}

static void
pc_tokens_page_finalize (GObject *object)
{
  PcTokensPage *self = PC_TOKENS_PAGE (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sorted);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->names);
  g_clear_pointer (&self->deleting, g_hash_table_unref);
  g_free (self->search);
  G_OBJECT_CLASS (pc_tokens_page_parent_class)->finalize (object);
}

static void
pc_tokens_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, PC_TOKENS_PAGE (object)->loading);
      break;
    case PROP_STALE_AFTER:
      g_value_set_uint (value, PC_TOKENS_PAGE (object)->stale_after);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_tokens_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STALE_AFTER:
      PC_TOKENS_PAGE (object)->stale_after = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_tokens_page_class_init (PcTokensPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pc_tokens_page_dispose;
  object_class->finalize = pc_tokens_page_finalize;
  object_class->get_property = pc_tokens_page_get_property;
  object_class->set_property = pc_tokens_page_set_property;

  /* Whether tokens are being fetched or are still going into the list. */
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  /* Showing the page again after this many seconds refreshes it. */
  properties[PROP_STALE_AFTER] = g_param_spec_uint ("stale-after", NULL, NULL, 0, G_MAXUINT, 60,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pc-tokens-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, refreshing_label);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PcTokensPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);
  _pc_tokens_page_class_actions_init (widget_class);
}

static void
pc_tokens_page_init (PcTokensPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pc_a11y_name_controls (GTK_WIDGET (self));

  self->stale_after = 60;
  self->cancellable = g_cancellable_new ();
  self->deleting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->store = g_list_store_new (PC_TYPE_TOKEN);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (_pc_tokens_page_compare, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), GTK_SORTER (self->sorter));
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (_pc_tokens_page_update_view), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)))));

  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}
