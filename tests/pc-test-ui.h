/* pc-test-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The UI suites' fixture: a mock cloud served from the test's own main
 * loop, a session, settings in memory and the real window; and the ways to
 * wait, find widgets by what a person reads, and take screenshots.
 */
#pragma once

#include <adwaita.h>

#include "pc-mock-server.h"
#include "pc-new-token-dialog.h"
#include "pc-window.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

#define PC_UI_WAIT_LIMIT_SECONDS 15

/* The demo world's second person, Grace: her API token
 * (mock/demo-fixture.json). */
#define PC_UI_COLLEAGUE_TOKEN "demo-token-Colleague00000000000000000000000"

typedef struct
{
  PcMockServer *mock;
  char *server; /* another server than the in-process mock, such as a mock child */
  PcSession *session;
  GSettings *settings;
  PcWindow *window;
  GPtrArray *pages_seen;
} PcUiFixture;

typedef gboolean (*PcUiCondition) (PcUiFixture *f, gconstpointer data);

void           pc_ui_wait_for      (PcUiFixture   *f,
                                    PcUiCondition  done,
                                    gconstpointer  data,
                                    const char    *what);
gboolean       pc_ui_page_is       (PcUiFixture   *f,
                                    gconstpointer  name);
void           pc_ui_wait_for_page (PcUiFixture   *f,
                                    const char    *name);
GtkWidget     *pc_ui_find_widget   (GtkWidget     *root,
                                    GType          type,
                                    const char    *text);
GtkWindow     *pc_ui_find_toplevel (GType          type);
/* A visible top-level window of the type GPOINTER_TO_SIZE (@type) is open. */
gboolean       pc_ui_toplevel_shown (PcUiFixture  *f,
                                     gconstpointer type);
/* The gpointer at @pointer is NULL: a weak pointer, say, once its object
 * is let go. */
gboolean       pc_ui_pointer_cleared (PcUiFixture  *f,
                                      gconstpointer pointer);
/* A toast, or any other label in the window, saying @text. */
gboolean       pc_ui_window_says   (PcUiFixture   *f,
                                    gconstpointer  text);
/* The secret a new-token dialog shows once it has created the token (""
 * until then), and a condition that it shows one (@dialog: the
 * PcNewTokenDialog). */
const char    *pc_ui_new_secret    (PcNewTokenDialog *dialog);
gboolean       pc_ui_new_secret_shown (PcUiFixture  *f,
                                       gconstpointer dialog);
/* No clipboard clear is pending any more. */
gboolean       pc_ui_clipboard_clear_done (PcUiFixture  *f,
                                           gconstpointer data);
GSubprocess   *pc_ui_spawn         (GSubprocessLauncher *launcher,
                                    const char * const  *argv,
                                    gboolean            *ended);
gboolean       pc_ui_flag_is_set   (PcUiFixture   *f,
                                    gconstpointer  flag);
GtkWidget     *pc_ui_find_button   (GtkWidget     *root,
                                    const char    *label);
void           pc_ui_screenshot    (PcUiFixture   *f,
                                    const char    *name);
void           pc_ui_screenshot_window (PcUiFixture *f,
                                        GtkWindow   *window,
                                        const char  *name);
PcCredentials *pc_ui_stored        (PcUiFixture   *f);
void           pc_ui_store         (PcUiFixture   *f,
                                    const char    *token);
const char    *pc_ui_server        (PcUiFixture   *f);
void           pc_ui_open_window   (PcUiFixture   *f);
void           pc_ui_close_window  (PcUiFixture   *f);
/* A picture host whose answers wait until the test lets them go: NAME is
 * a number, and the picture a square PNG that many pixels wide. */
typedef struct _PcUiPictures PcUiPictures;

PcUiPictures  *pc_ui_pictures_new      (void);
void           pc_ui_pictures_free     (PcUiPictures  *pictures);
char          *pc_ui_pictures_url      (PcUiPictures  *pictures,
                                        guint          size);
guint          pc_ui_pictures_asked    (PcUiPictures  *pictures,
                                        guint          size);
void           pc_ui_pictures_hold     (PcUiPictures  *pictures,
                                        gboolean       hold);
void           pc_ui_pictures_release  (PcUiPictures  *pictures,
                                        guint          size);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcUiPictures, pc_ui_pictures_free)

void           pc_ui_setup         (PcUiFixture   *f,
                                    gconstpointer  data);
void           pc_ui_teardown      (PcUiFixture   *f,
                                    gconstpointer  data);

void           pc_ui_tolerate_focus_out (void);

typedef enum
{
  PC_UI_INIT_DEFAULT = 0,
  /* G_TEST_OPTION_ISOLATE_DIRS: a home and XDG folders of each test's own. */
  PC_UI_INIT_ISOLATE_DIRS = 1 << 0,
  /* pc_ui_tolerate_focus_out (). */
  PC_UI_INIT_TOLERATE_FOCUS_OUT = 1 << 1,
} PcUiInitFlags;

/* The start of a UI program's main (): gtk_test_init () and adw_init (). */
void           pc_ui_init          (int           *argc,
                                    char        ***argv,
                                    PcUiInitFlags  flags);

typedef void (*PcUiTest) (PcUiFixture  *f,
                          gconstpointer data);

/* g_test_add () with pc_ui_setup and pc_ui_teardown: pc_ui_add for a test
 * that opens the window itself, pc_ui_add_at_login for one that starts
 * with the window open on the login page. */
void           pc_ui_add           (const char    *path,
                                    PcUiTest       test);
void           pc_ui_add_at_login  (const char    *path,
                                    PcUiTest       test);

G_END_DECLS
