/* pc-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the pupil-cloud commands share.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pc-credentials.h"
#include "pc-response-private.h"
#include "pc-token-names.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

typedef enum {
  PC_EXIT_OK = 0,
  PC_EXIT_FAILURE = 1,
  PC_EXIT_USAGE = 2,
  PC_EXIT_NOT_SIGNED_IN = 4,
} PcExit;

typedef struct
{
  PcClient *client;
  char *server;
  char *workspace;       /* from --workspace or the environment; NULL if not given */
  PcCredentials *stored; /* what the keyring had, when it was asked */
  GAsyncResult *result;  /* the last call's result, see pc_cli_wait() */
  gboolean json;
} PcCli;

typedef int (*PcCliCommand) (PcCli *cli, int argc, char **argv);

/* Running */
GAsyncResult *pc_cli_wait             (PcCli        *cli);
void          pc_cli_done_cb          (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data);
int           pc_cli_fail             (const GError *error);
int           pc_cli_usage            (const char   *message);
int           pc_cli_sign_in          (PcCli        *cli);
gboolean      pc_cli_parse_options    (const char   *command,
                                       const char   *parameters,
                                       GOptionEntry *entries,
                                       int          *argc,
                                       char       ***argv,
                                       int           n_positional);
char         *pc_cli_read_secret      (const char   *prompt);
void          pc_cli_wipe_secret      (char         *secret);

/* What pc_cli_read_secret() returns, and other secrets: wiped, then freed. */
typedef char *PcSecretText;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (PcSecretText, pc_cli_wipe_secret, NULL)

/* Output */
void          pc_cli_print_json       (GObject      *object);
void          pc_cli_print_json_list  (GListModel   *list);
void          pc_cli_print_json_string (const char  *member,
                                        const char  *value);
void          pc_cli_print_profile    (PcProfile    *profile);
void          pc_cli_print_token      (PcToken      *token,
                                       const char   *local_name);
void          pc_cli_print_json_token (PcToken      *token,
                                       const char   *local_name);
void          pc_cli_write_output     (GString      *text);
void          pc_cli_print_invitation (PcInvitation *invitation);
void          pc_cli_print_invitations (GListModel  *invitations);

/* pc-cli-token-list.c: "tokens list" */
typedef struct _PcCliTokenList PcCliTokenList;

PcCliTokenList     *pc_cli_token_list_new        (PcTokenNames   *names,
                                                  const char     *server,
                                                  gboolean        json);
void                pc_cli_token_list_free       (PcCliTokenList *list);
const PcListReader *pc_cli_token_list_get_reader (PcCliTokenList *list);
void                pc_cli_token_list_print      (PcCliTokenList *list,
                                                  GPtrArray      *output);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcCliTokenList, pc_cli_token_list_free)

/* Commands */
int           pc_cli_remember         (PcCli        *cli,
                                       PcProfile    *profile,
                                       const char   *secret,
                                       PcCredentialsKind kind);

int pc_cli_login         (PcCli *cli, int argc, char **argv);
int pc_cli_register      (PcCli *cli, int argc, char **argv);
int pc_cli_reset_password (PcCli *cli, int argc, char **argv);
int pc_cli_logout        (PcCli *cli, int argc, char **argv);
int pc_cli_status        (PcCli *cli, int argc, char **argv);
int pc_cli_unregister    (PcCli *cli, int argc, char **argv);
int pc_cli_profile       (PcCli *cli, int argc, char **argv);
int pc_cli_tokens        (PcCli *cli, int argc, char **argv);
int pc_cli_invites       (PcCli *cli, int argc, char **argv);
int pc_cli_feedback_token (PcCli *cli, int argc, char **argv);
int pc_cli_api           (PcCli *cli, int argc, char **argv);
int pc_cli_print_api_token (PcCli *cli, int argc, char **argv);
int pc_cli_complete      (PcCli *cli, int argc, char **argv);

G_END_DECLS
