/* pc-test-mock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pc-test-mock.h"
#include "pc-test-util.h"

void
pc_test_mock_setup (PcTestMockFixture *f,
                    gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  f->mock = pc_mock_server_start (&error);
  g_assert_no_error (error);
  f->client = pc_client_new (pc_mock_server_get_base_url (f->mock), &error);
  g_assert_no_error (error);
  pc_client_set_api_token (f->client, PC_MOCK_DEMO_TOKEN);
}

void
pc_test_mock_teardown (PcTestMockFixture *f,
                       gconstpointer      data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->mock);
  /* Let the session's closing connections finish. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

PcProfile *
pc_test_mock_get_profile (PcTestMockFixture  *f,
                          GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_get_profile_async (f->client, NULL, pc_test_keep_result, &f->result);
  result = pc_test_wait (&f->result);
  return pc_client_get_profile_finish (f->client, result, error);
}

GListModel *
pc_test_mock_list_tokens (PcTestMockFixture  *f,
                          GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_list_tokens_async (f->client, NULL, pc_test_keep_result, &f->result);
  result = pc_test_wait (&f->result);
  return pc_client_list_tokens_finish (f->client, result, error);
}

GListModel *
pc_test_mock_list_invitations (PcTestMockFixture  *f,
                               GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_client_list_invitations_async (f->client, NULL, pc_test_keep_result, &f->result);
  result = pc_test_wait (&f->result);
  return pc_client_list_invitations_finish (f->client, result, error);
}
