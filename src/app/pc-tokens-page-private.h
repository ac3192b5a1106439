/* pc-tokens-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Tokens page's insides, for the files that make it up:
 * pc-tokens-page.c (the view, filtering and sorting, the session),
 * pc-tokens-page-loading.c (what the list holds and how it gets there),
 * pc-tokens-page-actions.c (what a person does with it).
 */
#pragma once

#include "pc-tokens-page.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

typedef enum {
  PC_TOKENS_SORT_LAST_USED,
  PC_TOKENS_SORT_CREATED,
  PC_TOKENS_SORT_NAME,
} PcTokensSort;

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
  GCancellable *cancellable;      /* the page's life: cancelled in dispose */
  GCancellable *load_cancellable; /* the list being loaded, replaced by each load */
  GHashTable *deleting; /* token ids with a DELETE in flight */
  char *search;
  PcTokensSort order;
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

/* pc-tokens-page.c */
GCancellable *_pc_tokens_page_new_call         (PcTokensPage *self,
                                                gboolean      with_sign_in);
char         *_pc_tokens_page_dup_title        (PcTokensPage *self,
                                                PcToken      *token);
void          _pc_tokens_page_toast            (PcTokensPage *self,
                                                const char   *title);
void          _pc_tokens_page_update_view      (PcTokensPage *self);
void          _pc_tokens_page_set_loading      (PcTokensPage *self,
                                                gboolean      loading);
int           _pc_tokens_page_compare          (gconstpointer a,
                                                gconstpointer b,
                                                gpointer      user_data);
gboolean      _pc_tokens_page_find_token       (PcTokensPage *self,
                                                const char   *id,
                                                guint        *position);
void          _pc_tokens_page_follow_deleting  (PcTokensPage *self,
                                                PcToken      *token);

/* pc-tokens-page-loading.c */
void          _pc_tokens_page_stop_incoming    (PcTokensPage *self);
void          _pc_tokens_page_show_cached      (PcTokensPage *self);
void          _pc_tokens_page_schedule_save    (PcTokensPage *self);
void          _pc_tokens_page_save_now         (PcTokensPage *self,
                                                gboolean      now);

/* pc-tokens-page-actions.c */
void          _pc_tokens_page_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
