/* pc-test-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pc_response_read_list() held against the answer parsed whole and walked
 * item by item: for tests/test-json.c and the response-list fuzzer.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pc_test_list_compare (guint   status,
                            GBytes *body,
                            guint  *n_items);

G_END_DECLS
