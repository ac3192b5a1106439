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

G_END_DECLS
