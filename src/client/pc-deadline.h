/* pc-deadline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A call's own cancellable, cancelled with the caller's or when the
 * deadline passes (then @passed is set): a timeout ends a call that stops
 * moving, a deadline one that moves too slowly to ever end. Embedded in a
 * call's data; not an object. */
typedef struct
{
  GCancellable *cancellable;
  GCancellable *caller;
  gulong handler;
  guint source;
  gboolean passed;
} PcDeadline;

void     pc_deadline_start           (PcDeadline   *deadline,
                                      guint         seconds,
                                      GCancellable *caller);
void     pc_deadline_clear           (PcDeadline   *deadline);
gboolean pc_deadline_cut_short       (PcDeadline   *deadline,
                                      const GError *error);

G_END_DECLS
