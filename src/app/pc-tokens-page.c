/* pc-tokens-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Tokens page: every API token in a recycling list, filtered by name
 * and sorted as chosen, refreshed in place. Creating is in
 * pc-new-token-dialog.c, the details of one token in pc-token-details.c.
 */
#define G_LOG_DOMAIN "PcTokensPage"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-messages.h"
#include "pc-new-token-dialog.h"
#include "pc-token-details.h"
#include "pc-token-cache.h"
#include "pc-token-row.h"
#include "pc-tokens-page.h"


typedef enum {
  SORT_LAST_USED,
  SORT_CREATED,
  SORT_NAME,
} SortOrder;

static const char * const sort_keys[] = { "last-used", "created", "name" };

struct _PcTokensPage
{
  AdwBin parent_instance;

  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_status;
  GtkLabel *count_label;
  GtkWidget *refreshing_label;
  GtkDropDown *sort_dropdown;
  GtkToggleButton *search_button;
  GtkStack *list_stack;
  GtkListView *list_view;

  GListStore *store;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkCustomSorter *sorter;
  GtkSortListModel *sorted;

  PcSession *session;
  GSettings *settings;
  PcTokenNames *names;
  GCancellable *cancellable;
  GHashTable *deleting; /* token ids with a DELETE in flight */
  char *search;
  SortOrder order;
  gint64 last_refresh;
  GPtrArray *incoming;  /* a first load, sorted, going in a slice at a time */
  guint incoming_pos;
  guint incoming_source;
  guint spinner_source;
  guint save_source;
  guint stale_after;    /* seconds after which showing the page refreshes it */
  gboolean loading;
  gboolean cached;       /* what was known at the last run shows, the server not yet asked */
};

G_DEFINE_FINAL_TYPE (PcTokensPage, pc_tokens_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_LOADING, PROP_STALE_AFTER, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* GtkListView (GTK 4.8) keeps up to 200 rows alive; building them is what
 * costs when a long list first shows. So the first 200 tokens go in a few
 * at a time, for as long as one main-loop turn may take before the window
 * must paint again; the rest go in at once, as they build no rows. */
#define FIRST_ROWS 200
#define ROWS_PER_SLICE 8
#define SLICE_BUDGET_US (25 * G_TIME_SPAN_MILLISECOND)

static void
toast (PcTokensPage *self,
       const char   *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    pc_a11y_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static char *
title_of (PcTokensPage *self,
          PcToken      *token)
{
  return pc_token_dup_title (token, self->names, self->session ? pc_session_get_server (self->session) : NULL);
}

static void
update_view (PcTokensPage *self)
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

static void
set_loading (PcTokensPage *self,
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

static void
stop_incoming (PcTokensPage *self)
{
  g_clear_handle_id (&self->incoming_source, g_source_remove);
  g_clear_pointer (&self->incoming, g_ptr_array_unref);
  self->incoming_pos = 0;
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
  title = title_of (self, item);
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

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  PcTokensPage *self = user_data;
  PcToken *x = (PcToken *) a;
  PcToken *y = (PcToken *) b;
  int result = 0;

  switch (self->order)
    {
    case SORT_LAST_USED:
      result = compare_dates (pc_token_get_last_used_at (x), pc_token_get_last_used_at (y));
      break;
    case SORT_CREATED:
      break;
    case SORT_NAME:
      {
        g_autofree char *tx = title_of (self, x);
        g_autofree char *ty = title_of (self, y);
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
  update_view (self);
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
  PcToken *token = gtk_list_item_get_item (item);
  g_autofree char *title = title_of (self, token);

  pc_token_row_bind (PC_TOKEN_ROW (gtk_list_item_get_child (item)), token, title);
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
static void
follow_deleting (PcTokensPage *self,
                 PcToken      *token)
{
  pc_token_set_deleting (token, g_hash_table_contains (self->deleting, pc_token_get_id (token)));
}

static gboolean
find_token (PcTokensPage *self,
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

/* Shows that a token's row changed: its title, which comes from the names
 * kept on this computer and is no property of the token. */
static void
touch_token (PcTokensPage *self,
             const char   *id)
{
  guint position;

  if (find_token (self, id, &position))
    g_list_model_items_changed (G_LIST_MODEL (self->store), position, 1, 1);
}

/* A name given in the details window: the row, the search and the order
 * by name follow it. */
static void
on_renamed (PcTokensPage *self,
            const char   *id)
{
  touch_token (self, id);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
on_row_activated (PcTokensPage *self,
                  guint         position)
{
  g_autoptr(PcToken) token = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  g_autofree char *title = NULL;
  PcTokenDetails *details;

  if (token == NULL)
    return;
  title = title_of (self, token);
  details = pc_token_details_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                  self->names, token, title);
  g_signal_connect_object (details, "renamed", G_CALLBACK (on_renamed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (details));
}

/* Refreshing */

static void
finish_loading (PcTokensPage *self)
{
  self->last_refresh = g_get_monotonic_time ();
  set_loading (self, FALSE);
  update_view (self);
}

static int
sort_array_func (gconstpointer a,
                 gconstpointer b,
                 gpointer      self)
{
  return sort_func (*(gpointer *) a, *(gpointer *) b, self);
}

static gboolean insert_slice_cb (gpointer data);

static void
insert_slice (PcTokensPage *self)
{
  gint64 start = g_get_monotonic_time ();

  do
    {
      guint remaining = self->incoming->len - self->incoming_pos;
      guint count = self->incoming_pos < FIRST_ROWS ? MIN (ROWS_PER_SLICE, remaining) : remaining;

      for (guint i = 0; i < count; i++)
        follow_deleting (self, self->incoming->pdata[self->incoming_pos + i]);
      g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                           self->incoming->pdata + self->incoming_pos, count);
      self->incoming_pos += count;
    }
  while (self->incoming_pos < self->incoming->len && g_get_monotonic_time () - start < SLICE_BUDGET_US);
  update_view (self);

  if (self->incoming_pos < self->incoming->len)
    self->incoming_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, insert_slice_cb, self, NULL);
  else
    {
      stop_incoming (self);
      if (self->cached)
        update_view (self); /* still loading: the server has not been asked */
      else
        finish_loading (self);
    }
}

static gboolean
insert_slice_cb (gpointer data)
{
  PcTokensPage *self = data;

  self->incoming_source = 0;
  insert_slice (self);
  return G_SOURCE_REMOVE;
}

static gboolean
same_dates (GDateTime *a,
            GDateTime *b)
{
  return (a == NULL && b == NULL) || (a != NULL && b != NULL && g_date_time_equal (a, b));
}

static gboolean
token_changed (PcToken *old,
               PcToken *new)
{
  return g_strcmp0 (pc_token_get_name (old), pc_token_get_name (new)) != 0 ||
         g_strcmp0 (pc_token_get_token (old), pc_token_get_token (new)) != 0 ||
         !same_dates (pc_token_get_created_at (old), pc_token_get_created_at (new)) ||
         !same_dates (pc_token_get_last_used_at (old), pc_token_get_last_used_at (new));
}

/* A refresh changes only what changed: rows stay, and so does the place
 * the person scrolled to. */
static gboolean
merge (PcTokensPage *self,
       GPtrArray    *items)
{
  g_autoptr(GHashTable) fresh = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  gboolean changed = FALSE;

  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (fresh, (gpointer) pc_token_get_id (items->pdata[i]), items->pdata[i]);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->store)); i > 0; i--)
    {
      g_autoptr(PcToken) old = g_list_model_get_item (G_LIST_MODEL (self->store), i - 1);
      PcToken *new = g_hash_table_lookup (fresh, pc_token_get_id (old));

      if (new == NULL)
        {
          g_list_store_remove (self->store, i - 1);
          changed = TRUE;
        }
      else
        {
          if (token_changed (old, new))
            {
              follow_deleting (self, new);
              g_list_store_splice (self->store, i - 1, 1, (gpointer *) &new, 1);
              changed = TRUE;
            }
          g_hash_table_remove (fresh, pc_token_get_id (old));
        }
    }

  for (guint i = 0; i < items->len; i++)
    if (g_hash_table_contains (fresh, pc_token_get_id (items->pdata[i])))
      {
        follow_deleting (self, items->pdata[i]);
        g_ptr_array_add (added, items->pdata[i]);
      }
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       added->pdata, added->len);
  return changed || added->len > 0;
}

/* What the next start shows at once, kept a while after the list changed:
 * not while a long list is being drawn, and once for several changes. */
#define SAVE_DELAY_SECONDS 2

/* @now: written before returning, as when the window closes and the
 * process may end before a worker thread would have written it. */
static void
save_now (PcTokensPage *self,
          gboolean      now)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *server;
  const char *account;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->session == NULL || self->cached || self->incoming != NULL ||
      pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    return; /* not the whole list the server has, or nobody's */
  server = pc_session_get_server (self->session);
  account = pc_session_get_account (self->session);
  /* A copy, as the store goes on changing here while the cache writes it
   * in a worker thread. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->store), i));
  if (!now)
    pc_token_cache_save_async (server, account, items, NULL, NULL, NULL);
  else if (!pc_token_cache_save (server, account, items, &error))
    g_debug ("Tokens not kept for the next start: %s", error->message);
}

static gboolean
save_cb (gpointer data)
{
  PcTokensPage *self = data;

  if (self->incoming != NULL)
    return G_SOURCE_CONTINUE; /* once the list is in; the source stays ours to remove */
  self->save_source = 0;
  save_now (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (PcTokensPage *self)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add_seconds (SAVE_DELAY_SECONDS, save_cb, self);
}

static void
cache_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PcTokensPage) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = pc_token_cache_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (items == NULL)
    g_debug ("Tokens known at the last run not read: %s", error->message);
  /* Only while the server has not answered, and nothing else shows. */
  if (items == NULL || items->len == 0 || !pc_session_get_restoring (self->session) || self->incoming != NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    return;

  self->cached = TRUE;
  set_loading (self, TRUE);
  g_ptr_array_sort_with_data (items, sort_array_func, self);
  self->incoming = g_steal_pointer (&items);
  insert_slice (self);
}

/* A stored sign-in found at start: show what was known of the account
 * while the server is asked whether the sign-in still holds. */
static void
show_cached (PcTokensPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  pc_token_cache_load_async (pc_session_get_server (self->session), pc_session_get_account (self->session),
                             self->cancellable, cache_cb, g_object_ref (self));
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PcTokensPage) self = user_data;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  tokens = pc_client_list_tokens_finish (PC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->cached = FALSE;

  if (tokens == NULL)
    {
      set_loading (self, FALSE);
      if (!pc_session_report_error (self->session, error))
        {
          const char *message = pc_messages_for_error (error, PC_MESSAGE_GENERAL);

          /* A list on screen stays as it was. */
          if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
            toast (self, message);
          else
            {
              adw_status_page_set_description (self->error_status, message);
              gtk_stack_set_visible_child_name (self->stack, "error");
            }
        }
      update_view (self);
      return;
    }

  n = g_list_model_get_n_items (tokens);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (tokens, i));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    {
      /* Sorted first, so that each slice lands after the rows already
       * shown and nothing on screen moves. */
      g_ptr_array_sort_with_data (items, sort_array_func, self);
      self->incoming = g_steal_pointer (&items);
      schedule_save (self);
      insert_slice (self);
    }
  else
    {
      if (merge (self, items))
        schedule_save (self);
      finish_loading (self);
    }
}

void
pc_tokens_page_refresh (PcTokensPage *self)
{
  g_return_if_fail (PC_IS_TOKENS_PAGE (self));

  if (self->session == NULL || pc_session_get_state (self->session) != PC_SESSION_SIGNED_IN)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->incoming != NULL)
    {
      /* A first load still going in: start over from an empty list. */
      stop_incoming (self);
      g_list_store_remove_all (self->store);
    }
  g_signal_connect_object (pc_session_get_cancellable (self->session), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->cancellable, G_CONNECT_SWAPPED);
  set_loading (self, TRUE);
  update_view (self);
  pc_client_list_tokens_async (pc_session_get_client (self->session), self->cancellable, list_cb,
                               g_object_ref (self));
}

GListModel *
pc_tokens_page_get_model (PcTokensPage *self)
{
  g_return_val_if_fail (PC_IS_TOKENS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
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
          show_cached (self);
          break;
        }
      /* Nothing of one account stays on screen for the next, not even
       * what was searched for. */
      self->cached = FALSE;
      g_clear_handle_id (&self->save_source, g_source_remove);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      g_cancellable_cancel (self->cancellable);
      stop_incoming (self);
      set_loading (self, FALSE);
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
          set_loading (self, FALSE);
          update_view (self);
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

/* Deleting */

typedef struct
{
  PcTokensPage *self;
  char *id;
  char *title;
} Deletion;

static void
deletion_free (Deletion *deletion)
{
  g_object_unref (deletion->self);
  g_free (deletion->id);
  g_free (deletion->title);
  g_free (deletion);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Deletion *deletion = user_data;
  PcTokensPage *self = deletion->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean gone;
  guint position;

  gone = pc_client_delete_token_finish (PC_CLIENT (object), result, &error) ||
         g_error_matches (error, PC_ERROR, PC_ERROR_NOT_FOUND);
  g_hash_table_remove (self->deleting, deletion->id);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;
  else if (gone)
    {
      if (find_token (self, deletion->id, &position))
        g_list_store_remove (self->store, position);
      schedule_save (self);
      if (self->names != NULL)
        pc_token_names_remove (self->names, pc_session_get_server (self->session), deletion->id, NULL);
      if (error != NULL)
        /* Translators: %s is a token's name. */
        message = g_strdup_printf (_("“%s” had already been deleted"), deletion->title);
      else
        /* Translators: %s is a token's name. */
        message = g_strdup_printf (_("Deleted “%s”"), deletion->title);
      toast (self, message);
      update_view (self);
    }
  else if (!pc_session_report_error (self->session, error))
    {
      /* Translators: the first %s is a token's name, the second the reason. */
      message = g_strdup_printf (_("“%s” was not deleted: %s"), deletion->title,
                                 pc_messages_for_error (error, PC_MESSAGE_GENERAL));
      toast (self, message);
      if (find_token (self, deletion->id, &position))
        {
          g_autoptr(PcToken) token = g_list_model_get_item (G_LIST_MODEL (self->store), position);
          follow_deleting (self, token);
        }
    }
  deletion_free (deletion);
}

/* The question owns @asked; the call under way gets its own copy. */
static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Deletion         *asked)
{
  PcTokensPage *self = asked->self;
  Deletion *deletion;
  guint position;

  if (!g_str_equal (response, "delete") || g_hash_table_contains (self->deleting, asked->id))
    return;

  deletion = g_new0 (Deletion, 1);
  deletion->self = g_object_ref (self);
  deletion->id = g_strdup (asked->id);
  deletion->title = g_strdup (asked->title);
  g_hash_table_add (self->deleting, g_strdup (deletion->id));
  if (find_token (self, deletion->id, &position))
    {
      g_autoptr(PcToken) token = g_list_model_get_item (G_LIST_MODEL (self->store), position);
      follow_deleting (self, token);
    }
  pc_client_delete_token_async (pc_session_get_client (self->session), deletion->id,
                                pc_session_get_cancellable (self->session), delete_cb, deletion);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PcTokensPage *self = PC_TOKENS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(PcToken) token = NULL;
  g_autofree char *heading = NULL;
  Deletion *deletion;
  AdwMessageDialog *dialog;
  guint position;

  if (g_hash_table_contains (self->deleting, id) || !find_token (self, id, &position))
    return;
  token = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  deletion = g_new0 (Deletion, 1);
  deletion->self = g_object_ref (self);
  deletion->id = g_strdup (id);
  deletion->title = title_of (self, token);

  /* Translators: %s is a token's name. */
  heading = g_strdup_printf (_("Delete “%s”?"), deletion->title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                                       _("Scripts and programs that use this token will stop "
                                                         "working. This cannot be undone.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pc-deletion", deletion, (GDestroyNotify) deletion_free);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), deletion);
  pc_a11y_name_controls (GTK_WIDGET (GTK_WINDOW (dialog)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Creating */

static void
on_token_created (PcTokensPage *self,
                  PcToken      *token)
{
  g_list_store_insert (self->store, 0, token);
  schedule_save (self);
  update_view (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PcTokensPage *self = PC_TOKENS_PAGE (widget);
  GtkWindow *dialog;

  if (self->session == NULL || pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    return;
  dialog = GTK_WINDOW (pc_new_token_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session,
                                                self->settings, self->names));
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_token_created), self, G_CONNECT_SWAPPED);
  pc_a11y_name_controls (GTK_WIDGET (dialog));
  gtk_window_present (dialog);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pc_tokens_page_refresh (PC_TOKENS_PAGE (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PcTokensPage *self = PC_TOKENS_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * pc_tokens_page_setup:
 *
 * Gives the page what it works with; it loads as soon as the session is
 * signed in.
 */
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
  stop_incoming (self);
  if (self->save_source != 0)
    save_now (self, TRUE); /* the window closes soon after a change */
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
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "tokens.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "tokens.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "tokens.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "tokens.delete", "s", delete_action);

}

static void
pc_tokens_page_init (PcTokensPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pc_a11y_name_controls (GTK_WIDGET (self));

  self->stale_after = 60;
  self->deleting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->store = g_list_store_new (PC_TYPE_TOKEN);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), GTK_SORTER (self->sorter));
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (update_view), self);

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
