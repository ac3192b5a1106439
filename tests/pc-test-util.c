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

void
pc_test_trap_with_secret_service (const char           *bus_name,
                                  guint                 seconds,
                                  GTestSubprocessFlags  flags)
{
  g_setenv ("SECRET_SERVICE_BUS_NAME", bus_name, TRUE);
  g_test_trap_subprocess (NULL, seconds * G_USEC_PER_SEC, flags);
  g_unsetenv ("SECRET_SERVICE_BUS_NAME");
  g_test_trap_assert_passed ();
}

int
pc_test_microseconds (guint i)
{
  static const int place[] = { 1, 10, 100, 1000, 10000, 100000 };

  g_assert_cmpuint (i, <, PC_TEST_N_MICROSECONDS);
  return i < 60 ? i % 10 * place[i / 10] : (i - 60) * 997;
}
