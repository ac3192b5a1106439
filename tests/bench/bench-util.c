/* bench-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "bench-util.h"

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), compare);
  return values[n / 2];
}
