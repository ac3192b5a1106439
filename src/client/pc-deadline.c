/* pc-deadline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Requests, picture fetches and keyring calls each run under a deadline
 * of their own: a server that drips a byte now and then, or a keyring
 * that never answers, must not hold a sign-in, a spinner or a quit.
 */
#define G_LOG_DOMAIN "PcDeadline"

#include "pc-deadline.h"

static gboolean
deadline_cb (gpointer data)
{
  PcDeadline *deadline = data;

  g_debug ("A call took longer than its deadline; given up");
  deadline->source = 0;
  deadline->passed = TRUE;
  g_cancellable_cancel (deadline->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

/**
 * pc_deadline_start:
 * @caller: (nullable): the caller's cancellable
 *
 * Use @deadline's cancellable for the call from now on.
 */
void
pc_deadline_start (PcDeadline   *deadline,
                   guint         seconds,
                   GCancellable *caller)
{
  g_return_if_fail (deadline->cancellable == NULL);

  deadline->cancellable = g_cancellable_new ();
  if (caller != NULL)
    {
      deadline->caller = g_object_ref (caller);
      deadline->handler = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                                 g_object_ref (deadline->cancellable), g_object_unref);
    }
  deadline->source = g_timeout_add (seconds * 1000, deadline_cb, deadline);
}

/* Never from within the caller's "cancelled" handler: disconnecting there
 * would wait for itself. GIO delivers cancellation to a call's callback
 * from the main loop, so freeing a call's data is always outside it. */
void
pc_deadline_clear (PcDeadline *deadline)
{
  if (deadline->handler != 0)
    g_cancellable_disconnect (deadline->caller, deadline->handler);
  deadline->handler = 0;
  g_clear_object (&deadline->caller);
  g_clear_handle_id (&deadline->source, g_source_remove);
  g_clear_object (&deadline->cancellable);
}

/**
 * pc_deadline_cut_short:
 *
 * Returns: whether @error is the cancellation the passing deadline caused
 */
gboolean
pc_deadline_cut_short (PcDeadline   *deadline,
                       const GError *error)
{
  return deadline->passed && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
