/* bench-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmark programs share.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The median of the @n @values, which it sorts. */
double bench_median (double *values,
                     guint   n);

G_END_DECLS
