/* pc-test-mock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client suites' fixture: the mock cloud served from the test's own
 * main loop and a client signed in to it with the demo token. Use
 * pc_test_mock_setup and pc_test_mock_teardown with g_test_add, and
 * f->result as the slot for pc_test_keep_result and pc_test_wait.
 */
#pragma once

#include "pc-mock-server.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

typedef struct
{
  PcMockServer *mock;
  PcClient *client;
  GAsyncResult *result;
} PcTestMockFixture;

void pc_test_mock_setup    (PcTestMockFixture *f,
                            gconstpointer      data);
void pc_test_mock_teardown (PcTestMockFixture *f,
                            gconstpointer      data);
/* GET /auth/profile, waited for. */
PcProfile  *pc_test_mock_get_profile       (PcTestMockFixture  *f,
                                            GError            **error);
/* The lists of tokens and invitations, waited for. */
GListModel *pc_test_mock_list_tokens       (PcTestMockFixture  *f,
                                            GError            **error);
GListModel *pc_test_mock_list_invitations  (PcTestMockFixture  *f,
                                            GError            **error);

G_END_DECLS
