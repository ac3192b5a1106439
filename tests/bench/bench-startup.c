/* bench-startup.c: time and memory to the first useful frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the app (bench-app: pupil-cloud-desktop with a probe) and a
 * minimal libadwaita window in turns, the same number of times each,
 * under the same X server, and reads from each the moment of its first
 * frame and its peak resident memory then. A ratio is the median of each
 * run's against the minimal window's run just before it: what weighs on
 * the machine for a while (GL's own start moves by 40 ms from one series
 * to the next here) weighs on both of a pair. Three cases:
 *  - signed out, to the login page, with the cairo renderer and with GL;
 *  - signed in (the keyring holds the sign-in, the server answers 300 ms
 *    late, as a real network may), to the Tokens page with its list: what
 *    the app knew at its last run, shown at once.
 * Prints medians and the ratios the targets speak of.
 */
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"

#define RUNS 15

static void
run_once (const char * const *argv,
          const char         *renderer,
          const char         *until,
          double             *milliseconds,
          double             *peak_kib)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  const char *line;
  gint64 start = g_get_monotonic_time ();
  gint64 frame = 0;
  long peak = -1;

  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  g_subprocess_launcher_setenv (launcher, "BENCH_APP_UNTIL", until, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  line = out != NULL ? strstr (out, "first-frame") : NULL;
  if (line == NULL || sscanf (line, "first-frame %" G_GINT64_FORMAT " %ld", &frame, &peak) != 2)
    g_error ("%s did not report its first frame: %s", argv[0], out ? out : "(nothing)");
  *milliseconds = (frame - start) / 1000.0;
  *peak_kib = peak;
}

typedef struct
{
  double app_ms, minimal_ms, app_mib, minimal_mib;
  double ratio;     /* the median of the runs' ratios */
  double extra_mib; /* the median of the runs' differences */
} Figures;

/* The app and the minimal window in turns, RUNS times each. */
static Figures
measure (const char * const *app_argv,
         const char * const *minimal_argv,
         const char         *renderer,
         const char         *until)
{
  double app_ms[RUNS], minimal_ms[RUNS], app_kib[RUNS], minimal_kib[RUNS], ratios[RUNS], extra_kib[RUNS];
  Figures figures;

  for (guint i = 0; i < RUNS; i++)
    {
      run_once (minimal_argv, renderer, until, &minimal_ms[i], &minimal_kib[i]);
      run_once (app_argv, renderer, until, &app_ms[i], &app_kib[i]);
      ratios[i] = app_ms[i] / minimal_ms[i];
      extra_kib[i] = app_kib[i] - minimal_kib[i];
    }
  figures.ratio = bench_median (ratios, RUNS);
  figures.extra_mib = bench_median (extra_kib, RUNS) / 1024.0;
  figures.app_ms = bench_median (app_ms, RUNS);
  figures.minimal_ms = bench_median (minimal_ms, RUNS);
  figures.app_mib = bench_median (app_kib, RUNS) / 1024.0;
  figures.minimal_mib = bench_median (minimal_kib, RUNS) / 1024.0;
  return figures;
}

#define FIRST_FRAME_RATIO 1.2
#define EXTRA_MIB 15.0
#define SIGNED_IN_RATIO 1.5

static gboolean
report_login (const char *renderer,
              Figures     f)
{
  g_print ("signed out, login page, %s renderer, median of %d: pupil-cloud-desktop %.0f ms, minimal window %.0f ms, "
           "ratio %.2f run by run (%.2f of the medians; target <= %.2f)\n", renderer, RUNS, f.app_ms, f.minimal_ms,
           f.ratio, f.app_ms / f.minimal_ms, FIRST_FRAME_RATIO);
  g_print ("  peak resident memory then: pupil-cloud-desktop %.1f MiB, minimal window %.1f MiB, extra %.1f MiB "
           "(target <= %.0f)\n", f.app_mib, f.minimal_mib, f.extra_mib, EXTRA_MIB);
  return f.ratio <= FIRST_FRAME_RATIO && f.extra_mib <= EXTRA_MIB;
}

int
main (int   argc,
      char *argv[])
{
  Figures cairo, gl, signed_in;
  gboolean ok = TRUE;

  if (argc != 5)
    g_error ("Usage: %s APP MINIMAL SERVER SLOW_SERVER", argv[0]);

  {
    const char *app_argv[] = { argv[1], "--server", argv[3], NULL };
    const char *minimal_argv[] = { argv[2], NULL };

    cairo = measure (app_argv, minimal_argv, "cairo", "login");
    gl = measure (app_argv, minimal_argv, "gl", "login");
  }
  {
    const char *app_argv[] = { argv[1], "--server", argv[4], NULL };
    const char *minimal_argv[] = { argv[2], NULL };
    double ignored_ms, ignored_kib;

    /* Once first, so that there is a last run to have known the tokens. */
    run_once (app_argv, "cairo", "tokens", &ignored_ms, &ignored_kib);
    signed_in = measure (app_argv, minimal_argv, "cairo", "tokens");
  }

  ok &= report_login ("cairo", cairo);
  ok &= report_login ("GL", gl);
  g_print ("signed in, server 300 ms away, Tokens page with its list, median of %d: pupil-cloud-desktop %.0f ms, "
           "minimal window's first frame %.0f ms, ratio %.2f run by run (%.2f of the medians; target <= %.2f)\n",
           RUNS, signed_in.app_ms, signed_in.minimal_ms, signed_in.ratio, signed_in.app_ms / signed_in.minimal_ms,
           SIGNED_IN_RATIO);
  ok &= signed_in.ratio <= SIGNED_IN_RATIO;

  g_print ("%s\n", ok ? "targets met" : "TARGETS MISSED");
  return ok ? 0 : 1;
}
