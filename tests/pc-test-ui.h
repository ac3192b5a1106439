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
#include "pc-window.h"
#include "pupilcloud.h"

G_BEGIN_DECLS

#define PC_UI_WAIT_LIMIT_SECONDS 15

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

G_END_DECLS
