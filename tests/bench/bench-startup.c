/* bench-startup.c: time to the first frame of the login page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts pupil-cloud-desktop and a minimal libadwaita window in turns, the
 * same number of times each, under the same X server and renderer
 * (bench-startup.sh sets them up), and reads from each the moment of its
 * first frame and its peak resident memory at that moment. Prints medians
 * and the ratios the targets speak of.
 */
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNS 7

typedef struct
{
  double milliseconds[RUNS];
  double peak_kib[RUNS];
} Series;

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare);
  return values[RUNS / 2];
}

static void
run_once (const char * const *argv,
          double             *milliseconds,
          double             *peak_kib)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 frame = 0;
  long peak = -1;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (out == NULL || sscanf (strstr (out, "first-frame") ? strstr (out, "first-frame") : "",
                             "first-frame %" G_GINT64_FORMAT " %ld", &frame, &peak) != 2)
    g_error ("%s did not report its first frame: %s", argv[0], out ? out : "(nothing)");
  *milliseconds = (frame - start) / 1000.0;
  *peak_kib = peak;
}

int
main (int   argc,
      char *argv[])
{
  Series app = { 0, }, minimal = { 0, };
  double app_ms, minimal_ms, app_peak, minimal_peak, ratio, extra_mib;
  gboolean ok;

  if (argc < 4)
    g_error ("Usage: %s APP SERVER MINIMAL", argv[0]);

  for (guint i = 0; i < RUNS; i++)
    {
      const char *app_argv[] = { argv[1], "--server", argv[2], NULL };
      const char *minimal_argv[] = { argv[3], NULL };

      run_once (minimal_argv, &minimal.milliseconds[i], &minimal.peak_kib[i]);
      run_once (app_argv, &app.milliseconds[i], &app.peak_kib[i]);
    }

  app_ms = median (app.milliseconds);
  minimal_ms = median (minimal.milliseconds);
  app_peak = median (app.peak_kib);
  minimal_peak = median (minimal.peak_kib);
  ratio = app_ms / minimal_ms;
  extra_mib = (app_peak - minimal_peak) / 1024.0;

  g_print ("first frame of the login page, median of %d: pupil-cloud-desktop %.0f ms, minimal window %.0f ms, "
           "ratio %.2f (target <= 1.30)\n", RUNS, app_ms, minimal_ms, ratio);
  g_print ("peak resident memory then: pupil-cloud-desktop %.1f MiB, minimal window %.1f MiB, extra %.1f MiB "
           "(target <= 20)\n", app_peak / 1024.0, minimal_peak / 1024.0, extra_mib);

  ok = ratio <= 1.3 && extra_mib <= 20;
  g_print ("%s\n", ok ? "targets met" : "TARGETS MISSED");
  return ok ? 0 : 1;
}
