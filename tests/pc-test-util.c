/* pc-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pc-test-util.h"

void
pc_test_keep_result (GObject      *object,
                     GAsyncResult *result,
                     gpointer      slot)
{
  GAsyncResult **kept = slot;

  g_assert_null (*kept);
  *kept = g_object_ref (result);
}

/* Turns the main loop (which also serves an in-process mock) until the
 * call is done. Returns (transfer full) its result. */
GAsyncResult *
pc_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}
