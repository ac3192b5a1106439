/* pc-test-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command-line suites' harness: a pupil-cloud-mock child per test
 * (a fresh cloud on its own port), and the real pupil-cloud program run
 * against it, its exit status, standard output and standard error kept.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DEMO_TOKEN "demo-token-Xk3p9QvL2mN8rT5wZ1yB4cD7fG0hJ6sA"
#define DEMO_EMAIL "demo@pupil-cloud.test"
#define DEMO_PASSWORD "demo-password"
#define IDP_KEY "mock-identity-provider-key"
#define TOKEN_ENV ((const char * const[]) { "PUPIL_CLOUD_TOKEN=" DEMO_TOKEN, NULL })

typedef struct
{
  GSubprocess *mock;
  char *base_url;
  char *idp_url;
} PcCliFixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} PcCliRun;

void pc_cli_run_clear (PcCliRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PcCliRun, pc_cli_run_clear)

/* Set while pupil-cloud is run many times (the fault matrix): not under
 * the valgrind wrapper then. */
extern gboolean pc_cli_without_wrapper;

void      pc_cli_setup               (PcCliFixture       *f,
                                      gconstpointer       extra_mock_args);
void      pc_cli_teardown            (PcCliFixture       *f,
                                      gconstpointer       data);
void      pc_cli_run                 (PcCliFixture       *f,
                                      PcCliRun           *run,
                                      const char         *input,
                                      const char * const *env,
                                      ...) G_GNUC_NULL_TERMINATED;
void      pc_cli_run_program         (PcCliFixture       *f,
                                      PcCliRun           *run,
                                      const char * const *env,
                                      const char         *program,
                                      ...) G_GNUC_NULL_TERMINATED;
JsonNode *pc_cli_parse_json          (const char         *text);
void      pc_cli_assert_one_line_error (PcCliRun         *run);
/* `login --email` with the demo password through the mock's identity
 * provider, and `status` saying so. */
void      pc_cli_sign_in_by_email    (PcCliFixture       *f);

G_END_DECLS
