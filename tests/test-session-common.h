/* test-session-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the session programs (test-session.c, test-session-account.c)
 * share: the in-process mock with a session made for it, and the session's
 * calls waited for. Use sess_setup and sess_teardown with g_test_add, and
 * f->result as the slot for done_cb and wait_result.
 */
#pragma once

#include "pc-mock-server.h"
#include "pc-session.h"
#include "pc-test-util.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

typedef struct
{
  PcMockServer *mock;
  PcSession *session;
  GAsyncResult *result;
  guint n_ended;
  gboolean last_ended_expired;
} SessionFixture;

#define done_cb pc_test_keep_result
#define wait_result(f) pc_test_wait (&(f)->result)

/* A session on the mock whose "ended" signals the fixture counts. */
PcSession *sess_new_session   (SessionFixture  *f);
void       sess_setup         (SessionFixture  *f,
                               gconstpointer    data);
/* Clears the keyring's sign-in for the mock, as it was found. */
void       sess_teardown      (SessionFixture  *f,
                               gconstpointer    data);
gboolean   sess_sign_in_token (SessionFixture  *f,
                               PcSession       *session,
                               const char      *token,
                               GError         **error);
gboolean   sess_restore       (SessionFixture  *f,
                               PcSession       *session,
                               GError         **error);
gboolean   sess_refresh       (SessionFixture  *f,
                               PcSession       *session,
                               GError         **error);

G_END_DECLS
