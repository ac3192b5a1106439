/* test-tokens-common.c: what the Tokens programs share: the page and its
 * list, signing in with the demo token's tokens, top-level windows, and
 * answering a message dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "pc-token-row.h"
#include "pc-tokens-page.h"
#include "test-tokens-common.h"

typedef PcUiFixture Fixture;

PcTokensPage *
tok_tokens_page (Fixture *f)
{
  return PC_TOKENS_PAGE (pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_TOKENS_PAGE, NULL));
}

GListModel *
tok_tokens (Fixture *f)
{
  return pc_tokens_page_get_model (tok_tokens_page (f));
}

/* Settled: no filtering or sorting still under way a slice at a time. */
gboolean
tok_settled (Fixture *f)
{
  GtkSortListModel *sorted = GTK_SORT_LIST_MODEL (tok_tokens (f));
  GtkFilterListModel *filtered = GTK_FILTER_LIST_MODEL (gtk_sort_list_model_get_model (sorted));

  return gtk_sort_list_model_get_pending (sorted) == 0 && gtk_filter_list_model_get_pending (filtered) == 0;
}

gboolean
tok_has_tokens (Fixture       *f,
                gconstpointer  count)
{
  return tok_settled (f) && g_list_model_get_n_items (tok_tokens (f)) == GPOINTER_TO_UINT (count);
}

/* The title the list shows, names kept on this computer included. */
char *
tok_title_at (Fixture *f,
              guint    position)
{
  g_autoptr(PcToken) token = g_list_model_get_item (tok_tokens (f), position);
  g_autoptr(PcTokenNames) names = pc_token_names_new (NULL);

  return pc_token_dup_title (token, names, pc_ui_server (f));
}

/* PUPIL_CLOUD_MOCK_SEED_ONLY=1: the mock sends no token names. */
gboolean
tok_seed_only (void)
{
  return g_strcmp0 (g_getenv ("PUPIL_CLOUD_MOCK_SEED_ONLY"), "1") == 0;
}

/* Signs in with the demo token and waits for its @count tokens. Where the
 * server keeps no names, the demo tokens carry the names a person gave them
 * on this computer, which is where the app then finds them. */
void
tok_sign_in_as_is (Fixture *f,
                   guint    count)
{
  pc_ui_store (f, PC_MOCK_DEMO_TOKEN);
  pc_ui_open_window (f);
  pc_ui_wait_for_page (f, "main");
  pc_ui_wait_for (f, tok_has_tokens, GUINT_TO_POINTER (count), "the token list");
}

void
tok_sign_in (Fixture *f,
             guint    count)
{
  static const char *names[][2] = {
    { "tok-0001", "analysis script" }, { "tok-0002", "lab upload station" }, { "tok-0003", "notebook" },
    { "tok-0005", "old laptop" },
  };

  if (tok_seed_only () && f->server == NULL)
    {
      g_autoptr(PcTokenNames) kept = pc_token_names_new (NULL);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          pc_token_names_set (kept, pc_ui_server (f), names[i][0], names[i][1], &error);
          g_assert_no_error (error);
        }
    }
  tok_sign_in_as_is (f, count);
}

void
tok_respond (AdwMessageDialog *dialog,
             const char       *response)
{
  /* As a click on a response button does: answer, then close. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}
