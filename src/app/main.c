/* main.c: pupil-cloud-desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "pc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PcApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* PUPIL_CLOUD_LOCALEDIR: translations from elsewhere, such as a build folder. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PUPIL_CLOUD_LOCALEDIR") ? g_getenv ("PUPIL_CLOUD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = pc_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
