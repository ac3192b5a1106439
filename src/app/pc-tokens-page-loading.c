/* pc-tokens-page-loading.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Tokens page lists, and how it gets there: what was known at the
 * last run while the server is asked, a first load put in a slice at a
 * time, a refresh merged in place, and the copy kept for the next start.
 */
#define G_LOG_DOMAIN "PcTokensPage"

#include "pc-messages.h"
#include "pc-token-cache.h"
#include "pc-tokens-page-private.h"

/* GtkListView (GTK 4.8) keeps up to 200 rows alive; building them, and
 * measuring them in the frame that follows, is what costs when a long list
 * first shows. So the first 200 tokens go in 40 at a time, a slice or two
 * a main-loop turn, each followed by a frame; the rest go in at once, as
 * they build no rows. (8 a slice took 25 frames, and 200 at once stalled
 * the main loop for 90 ms.) */
#define FIRST_ROWS 200
#define ROWS_PER_SLICE 40
#define SLICE_BUDGET_US (8 * G_TIME_SPAN_MILLISECOND)

void
_pc_tokens_page_stop_incoming (PcTokensPage *self)
{
  g_clear_handle_id (&self->incoming_source, g_source_remove);
  g_clear_pointer (&self->incoming, g_ptr_array_unref);
  self->incoming_pos = 0;
}

static void
finish_loading (PcTokensPage *self)
{
  self->last_refresh = g_get_monotonic_time ();
  _pc_tokens_page_set_loading (self, FALSE);
  _pc_tokens_page_update_view (self);
}

static int
sort_array_func (gconstpointer a,
                 gconstpointer b,
                 gpointer      self)
{
  return _pc_tokens_page_compare (*(gpointer *) a, *(gpointer *) b, self);
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
        _pc_tokens_page_follow_deleting (self, self->incoming->pdata[self->incoming_pos + i]);
      g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                           self->incoming->pdata + self->incoming_pos, count);
      self->incoming_pos += count;
    }
  while (self->incoming_pos < self->incoming->len && g_get_monotonic_time () - start < SLICE_BUDGET_US);
  _pc_tokens_page_update_view (self);

  if (self->incoming_pos < self->incoming->len)
    self->incoming_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, insert_slice_cb, self, NULL);
  else
    {
      _pc_tokens_page_stop_incoming (self);
      if (self->cached)
        _pc_tokens_page_update_view (self); /* still loading: the server has not been asked */
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
              _pc_tokens_page_follow_deleting (self, new);
              g_list_store_splice (self->store, i - 1, 1, (gpointer *) &new, 1);
              changed = TRUE;
            }
          g_hash_table_remove (fresh, pc_token_get_id (old));
        }
    }

  for (guint i = 0; i < items->len; i++)
    if (g_hash_table_contains (fresh, pc_token_get_id (items->pdata[i])))
      {
        _pc_tokens_page_follow_deleting (self, items->pdata[i]);
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
void
_pc_tokens_page_save_now (PcTokensPage *self,
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
  _pc_tokens_page_save_now (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
_pc_tokens_page_schedule_save (PcTokensPage *self)
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
  _pc_tokens_page_set_loading (self, TRUE);
  g_ptr_array_sort_with_data (items, sort_array_func, self);
  self->incoming = g_steal_pointer (&items);
  insert_slice (self);
}

/* A stored sign-in found at start: show what was known of the account
 * while the server is asked whether the sign-in still holds. */
void
_pc_tokens_page_show_cached (PcTokensPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = _pc_tokens_page_new_call (self, FALSE);
  pc_token_cache_load_async (pc_session_get_server (self->session), pc_session_get_account (self->session),
                             self->load_cancellable, cache_cb, g_object_ref (self));
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
      _pc_tokens_page_set_loading (self, FALSE);
      if (!pc_session_report_error (self->session, error))
        {
          const char *message = pc_messages_for_error (error, PC_MESSAGE_GENERAL);

          /* A list on screen stays as it was. */
          if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
            _pc_tokens_page_toast (self, message);
          else
            {
              adw_status_page_set_description (self->error_status, message);
              gtk_stack_set_visible_child_name (self->stack, "error");
            }
        }
      _pc_tokens_page_update_view (self);
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
      _pc_tokens_page_schedule_save (self);
      insert_slice (self);
    }
  else
    {
      if (merge (self, items))
        _pc_tokens_page_schedule_save (self);
      finish_loading (self);
    }
}

void
pc_tokens_page_refresh (PcTokensPage *self)
{
  g_return_if_fail (PC_IS_TOKENS_PAGE (self));

  if (self->session == NULL || pc_session_get_state (self->session) != PC_SESSION_SIGNED_IN)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  /* Cancelled with the page, or when the sign-in ends. */
  self->load_cancellable = _pc_tokens_page_new_call (self, TRUE);
  if (self->incoming != NULL)
    {
      /* A first load still going in: start over from an empty list. */
      _pc_tokens_page_stop_incoming (self);
      g_list_store_remove_all (self->store);
    }
  _pc_tokens_page_set_loading (self, TRUE);
  _pc_tokens_page_update_view (self);
  pc_client_list_tokens_async (pc_session_get_client (self->session), self->load_cancellable, list_cb,
                               g_object_ref (self));
}
