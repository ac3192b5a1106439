/* pc-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Waiting for one asynchronous call in a test: pass pc_test_keep_result as
 * the callback and the address of an empty slot as its data, then
 * pc_test_wait() on the same slot.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void          pc_test_keep_result (GObject       *object,
                                   GAsyncResult  *result,
                                   gpointer       slot);
GAsyncResult *pc_test_wait        (GAsyncResult **slot);

/* Runs the current test again in a subprocess whose Secret Service is
 * @bus_name on the session bus (one nobody owns, say), for @seconds at the
 * most, and asserts that it passed. The test tells its second run by
 * g_test_subprocess (). */
void          pc_test_trap_with_secret_service (const char           *bus_name,
                                                guint                 seconds,
                                                GTestSubprocessFlags  flags);

/* Microseconds for dates with a fraction: every digit in every place of
 * the six, then a sweep of the second (a step prime to ten, so that the
 * places' digits vary together). @i runs to PC_TEST_N_MICROSECONDS. */
#define PC_TEST_N_MICROSECONDS (60 + G_USEC_PER_SEC / 997)
int           pc_test_microseconds (guint i);

G_END_DECLS
