/* pc-clipboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets on the clipboard: offered with the x-kde-passwordManagerHint
 * "secret" where we can serve it (X11, below), and taken off again after a
 * delay, or when the window closes, but only while the clipboard still
 * holds what we put there. Our copy of the text is wiped once the
 * clipboard lets go of it (cleared, or replaced by anyone).
 *
 * GNOME on Wayland (mutter) only takes a new selection from the client
 * that has the keyboard focus, and keeps a copy of the text whenever the
 * owner changes, which it puts back when the owner's source goes away. A
 * clear tried while none of our windows has the focus would be refused and
 * GTK would still believe it: so on Wayland the clear waits, untouched,
 * until one of our windows gets the focus back, and is made then, first.
 * A window closed (or the app quitting) in the meantime says so in a
 * notification whose action brings the app back to clear it.
 */
#define G_LOG_DOMAIN "PcClipboard"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "pc-clipboard.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#ifdef GDK_WINDOWING_WAYLAND
#include <gdk/wayland/gdkwayland.h>
#endif

#define HINT_TARGET "x-kde-passwordManagerHint"
#define NOTIFICATION_ID "clipboard-secret"

typedef struct
{
  GdkClipboard *clipboard;
  GdkContentProvider *provider;
  /* A salted HMAC of the secret under a key of this process, never the
   * secret: what the notification's action carries, to recognise the text
   * on the clipboard later. */
  char *fingerprint;
  guint timeout_id;
  gulong changed_id;
  gboolean deferred;     /* the delay ended while unfocused: clear at focus */
  GApplication *held;    /* kept running for the notification's action */
} Copied;

/* One secret on the clipboard at a time, per process. */
static Copied copied;
/* A secret that a notification's action asked to clear, copied by a
 * process that may be gone: recognised by its fingerprint. */
static char *wanted;
static gboolean verifying;

static void window_active_changed (GtkWindow *window);

/* The text as bytes the providers serve, wiped when the last holder goes. */
static void
wipe_text (gpointer text)
{
  explicit_bzero (text, strlen (text));
  g_free (text);
}

static GBytes *
wiped_bytes (const char *text)
{
  char *copy = g_strdup (text);

  return g_bytes_new_with_free_func (copy, strlen (copy), wipe_text, copy);
}

/* The fingerprint's key never leaves this process: what travels to the
 * notification server cannot be used to test guesses at the secret, and
 * no other program can make a target that matches one. (So only this run
 * recognises its own secret: it stays running until the clear.) */
static const guchar *
fingerprint_key (void)
{
  static guchar key[32];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      /* From the kernel's generator; GRand is not made for keys. */
      if (getrandom (key, sizeof key, 0) != sizeof key)
        g_error ("No random bytes for the clipboard's fingerprint key");
      g_once_init_leave (&ready, 1);
    }
  return key;
}

static char *
fingerprint_with_salt (const char *salt,
                       const char *text)
{
  g_autofree char *salted = g_strconcat (salt, ":", text, NULL);
  g_autofree char *hmac = g_compute_hmac_for_string (G_CHECKSUM_SHA256, fingerprint_key (), 32, salted, -1);

  explicit_bzero (salted, strlen (salted));
  return g_strconcat (salt, ":", hmac, NULL);
}

static char *
new_fingerprint (const char *text)
{
  g_autofree char *salt = g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (), g_random_int (),
                                           g_random_int ());

  return fingerprint_with_salt (salt, text);
}

static gboolean
fingerprint_matches (const char *fingerprint,
                     const char *text)
{
  const char *colon = fingerprint != NULL ? strchr (fingerprint, ':') : NULL;
  g_autofree char *salt = NULL;
  g_autofree char *again = NULL;

  if (colon == NULL || text == NULL)
    return FALSE;
  salt = g_strndup (fingerprint, colon - fingerprint);
  again = fingerprint_with_salt (salt, text);
  return g_str_equal (again, fingerprint);
}

static void
forget (void)
{
  g_clear_handle_id (&copied.timeout_id, g_source_remove);
  if (copied.clipboard != NULL)
    g_clear_signal_handler (&copied.changed_id, copied.clipboard);
  g_clear_object (&copied.provider);
  g_clear_object (&copied.clipboard);
  g_clear_pointer (&copied.fingerprint, g_free);
  copied.deferred = FALSE;
  if (copied.held != NULL)
    {
      g_application_withdraw_notification (copied.held, NOTIFICATION_ID);
      g_application_release (copied.held);
      g_clear_object (&copied.held);
    }
}

static gboolean
is_wayland (GdkDisplay *display)
{
#ifdef GDK_WINDOWING_WAYLAND
  return GDK_IS_WAYLAND_DISPLAY (display);
#else
  return FALSE;
#endif
}

/* Whether the compositor takes a new selection from us now: on X11 always;
 * on Wayland only while one of our windows has the keyboard focus. */
static gboolean
can_set_selection (GdkDisplay *display)
{
  GListModel *toplevels;

  if (!is_wayland (display))
    return TRUE;
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_display (GTK_WIDGET (window)) == display && gtk_window_is_active (window))
        return TRUE;
    }
  return FALSE;
}

static gboolean
still_ours (void)
{
  return copied.clipboard != NULL && gdk_clipboard_is_local (copied.clipboard) &&
         gdk_clipboard_get_content (copied.clipboard) == copied.provider;
}

typedef struct
{
  char *fingerprint;
  gboolean after_clear; /* a check after our clear, or the check before one */
} Check;

static void
check_free (Check *check)
{
  g_free (check->fingerprint);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

static void read_back (GdkClipboard *clipboard,
                       const char   *fingerprint,
                       gboolean      after_clear);

/* What the clipboard reports decides what we say, never what we asked.
 * On Wayland GTK 4.8 ignores the compositor's offer for a source of its
 * own (gdk_wayland_clipboard_claim_remote, gdk/wayland/
 * gdkclipboard-wayland.c:315), so the read-back there is GTK's view: hence
 * a clear is only tried while one of our windows has the keyboard focus,
 * the condition on which mutter takes it. */
static void
read_back_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GdkClipboard *clipboard = GDK_CLIPBOARD (object);
  g_autoptr(Check) check = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (clipboard, result, NULL);
  gboolean holds_secret = fingerprint_matches (check->fingerprint, text);

  if (text != NULL)
    explicit_bzero (text, strlen (text));
  if (check->after_clear)
    {
      verifying = FALSE;
      g_debug ("Clearing the copied secret: %s", holds_secret ? "refused, it is still on the clipboard" : "done");
    }
  else if (!holds_secret)
    {
      verifying = FALSE;
      g_debug ("Clearing the copied secret: the clipboard has moved on");
    }
  else if (can_set_selection (gdk_clipboard_get_display (clipboard)))
    {
      gdk_clipboard_set_content (clipboard, NULL);
      read_back (clipboard, check->fingerprint, TRUE);
    }
  else
    verifying = FALSE;
  if (check->after_clear || !holds_secret)
    g_clear_pointer (&wanted, g_free);
}

static void
read_back (GdkClipboard *clipboard,
           const char   *fingerprint,
           gboolean      after_clear)
{
  Check *check = g_new0 (Check, 1);

  check->fingerprint = g_strdup (fingerprint);
  check->after_clear = after_clear;
  verifying = TRUE;
  gdk_clipboard_read_text_async (clipboard, NULL, read_back_cb, check);
}

/* Clears now if the clipboard still holds our secret and the compositor
 * lets us; otherwise, on Wayland, the clear waits for the focus. */
static gboolean
clear_now (void)
{
  g_autofree char *fingerprint = NULL;
  GdkClipboard *clipboard;

  g_clear_handle_id (&copied.timeout_id, g_source_remove);
  if (!still_ours ())
    {
      if (copied.clipboard != NULL)
        g_debug ("Clearing the copied secret: the clipboard has moved on");
      forget ();
      return FALSE;
    }
  if (!can_set_selection (gdk_clipboard_get_display (copied.clipboard)))
    {
      if (!copied.deferred)
        g_debug ("Clearing the copied secret: waiting for the focus (the compositor refuses it until then)");
      copied.deferred = TRUE;
      return FALSE;
    }

  clipboard = g_object_ref (copied.clipboard);
  fingerprint = g_strdup (copied.fingerprint);
  /* Our own clear is no other program's copy. */
  forget ();
  gdk_clipboard_set_content (clipboard, NULL);
  read_back (clipboard, fingerprint, TRUE);
  g_object_unref (clipboard);
  return TRUE;
}

/**
 * pc_clipboard_clear_secret:
 *
 * Empties the clipboard if it still holds the secret we copied and the
 * compositor lets us now. Returns whether it asked for it; whether it was
 * done is logged once the clipboard has said so.
 */
gboolean
pc_clipboard_clear_secret (GdkDisplay *display)
{
  if (copied.clipboard == NULL ||
      (display != NULL && gdk_clipboard_get_display (copied.clipboard) != display))
    return FALSE;
  return clear_now ();
}

static gboolean
clear_cb (gpointer data)
{
  copied.timeout_id = 0;
  clear_now ();
  return G_SOURCE_REMOVE;
}

/* Whether a copied secret is still waiting to be cleared, or the clear
 * still to be confirmed. */
gboolean
pc_clipboard_clear_pending (void)
{
  return copied.timeout_id != 0 || copied.deferred || verifying;
}

/* Whether the delay ended while the compositor would not let us clear. */
gboolean
pc_clipboard_clear_deferred (void)
{
  return copied.deferred;
}

/* The fingerprint of the secret on the clipboard, for the notification's
 * action and for tests; NULL if none. */
const char *
pc_clipboard_get_fingerprint (void)
{
  return copied.fingerprint;
}

/* Before anything else: the window that gets the focus back clears what
 * waited for it. */
static void
window_active_changed (GtkWindow *window)
{
  GdkClipboard *clipboard;

  if (!gtk_window_is_active (window))
    return;
  if (copied.deferred)
    {
      clear_now ();
      return;
    }
  if (wanted == NULL || verifying)
    return;
  /* A secret copied by an earlier run: cleared only if the clipboard still
   * holds exactly that text. */
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  if (gdk_clipboard_is_local (clipboard))
    {
      g_clear_pointer (&wanted, g_free);
      return;
    }
  read_back (clipboard, wanted, FALSE);
}

static void
watch_window (GtkWindow *window)
{
  if (g_object_get_data (G_OBJECT (window), "pc-clipboard-watched") != NULL)
    return;
  g_object_set_data (G_OBJECT (window), "pc-clipboard-watched", GINT_TO_POINTER (TRUE));
  g_signal_connect (window, "notify::is-active", G_CALLBACK (window_active_changed), NULL);
}

static void
toplevels_changed (GListModel *toplevels,
                   guint       position,
                   guint       removed,
                   guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      watch_window (window);
    }
}

static void
watch_focus (void)
{
  static gboolean watching;
  GListModel *toplevels;

  if (watching)
    return;
  watching = TRUE;
  toplevels = gtk_window_get_toplevels ();
  g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed), NULL);
  toplevels_changed (toplevels, 0, 0, g_list_model_get_n_items (toplevels));
}

/* Another program (or another copy) took the clipboard: nothing left to
 * clear, and our copy of the text goes now. */
static void
clipboard_changed (GdkClipboard *clipboard)
{
  if (gdk_clipboard_get_content (clipboard) != copied.provider)
    {
      g_debug ("Clearing the copied secret: not needed, the clipboard has moved on");
      forget ();
    }
}

static GNotification *
still_there_notification (void)
{
  g_autoptr(GNotification) notification = g_notification_new (_("The token you copied is still on the clipboard"));

  g_notification_set_body (notification, _("GNOME lets only the app in front change the clipboard. "
                                           "Come back to Pupil Cloud to clear it."));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.clear-clipboard", "s", copied.fingerprint);
  g_notification_add_button_with_target (notification, _("Clear Clipboard"), "app.clear-clipboard", "s",
                                         copied.fingerprint);
  return g_steal_pointer (&notification);
}

static void
tell (GApplication *application,
      gboolean      hold)
{
  g_autoptr(GNotification) notification = NULL;

  if (application == NULL || !g_application_get_is_registered (application))
    {
      g_debug ("Clipboard: a secret stays on the clipboard and there is no application to say so");
      return;
    }
  notification = still_there_notification ();
  g_application_send_notification (application, NOTIFICATION_ID, notification);
  g_debug ("Clipboard: notification sent, the secret is still on the clipboard");
  /* The process keeps the clipboard's content, and the notification's
   * action needs us: we stay until the clear or another copy. */
  if (hold && copied.held == NULL)
    {
      copied.held = g_object_ref (application);
      g_application_hold (application);
    }
}

/**
 * pc_clipboard_window_closing:
 *
 * A token copied from this window does not outlive it: cleared now if we
 * can, or else said in a notification.
 */
/* The application that sends our notifications, named once at its
 * startup rather than looked for as the process's default. */
static GApplication *notifier;

/**
 * pc_clipboard_set_notifier:
 * @application: (nullable): the application that tells the person of a
 *   secret left on the clipboard; %NULL at its shutdown
 */
void
pc_clipboard_set_notifier (GApplication *application)
{
  g_set_object (&notifier, application);
}

void
pc_clipboard_window_closing (GtkWindow *window)
{
  if (copied.clipboard == NULL ||
      gdk_clipboard_get_display (copied.clipboard) != gtk_widget_get_display (GTK_WIDGET (window)))
    return;
  if (clear_now () || copied.clipboard == NULL)
    return;
  if (notifier != NULL)
    tell (notifier, TRUE);
}

/**
 * pc_clipboard_quitting:
 *
 * The process ends: a secret still there is said in a notification whose
 * action clears it from a new run.
 */
void
pc_clipboard_quitting (GApplication *application)
{
  if (copied.clipboard == NULL || clear_now () || copied.clipboard == NULL)
    return;
  tell (application, FALSE);
}

/**
 * pc_clipboard_clear_when_back:
 * @fingerprint: from the notification's action
 *
 * The next time one of our windows has the focus, clears the clipboard if
 * it still holds the secret with that fingerprint.
 */
void
pc_clipboard_clear_when_back (const char *fingerprint)
{
  g_return_if_fail (fingerprint != NULL);

  watch_focus ();
  if (copied.fingerprint != NULL && g_str_equal (copied.fingerprint, fingerprint))
    {
      if (still_ours ())
        copied.deferred = TRUE;
      return;
    }
  g_free (wanted);
  wanted = g_strdup (fingerprint);
}

#ifdef GDK_WINDOWING_X11
/* GTK 4.8 lists x-kde-passwordManagerHint among the TARGETS but cannot
 * serve it: gdk_x11_selection_output_streams_request()
 * (gdk/x11/gdkselectionoutputstream-x11.c:853) maps the target with
 * gdk_intern_mime_type(), which returns NULL for a name without a slash
 * (gdk/gdkcontentformats.c:97). So we answer that one SelectionRequest
 * ourselves. GTK's own clipboard handler of GdkX11Display::xevent is
 * connected when the display opens (gdk/x11/gdkclipboard-x11.c:880) and
 * stops the emission for every request on CLIPBOARD, so no handler of ours
 * would run: an emission hook runs before the handlers, answers, and
 * takes the request out of GTK's way. */
static gboolean
hint_request_hook (GSignalInvocationHint *hint,
                   guint                  n_values,
                   const GValue          *values,
                   gpointer               data)
{
  GdkDisplay *display = g_value_get_object (&values[0]);
  XEvent *xevent = g_value_get_pointer (&values[1]);
  XSelectionRequestEvent *request;
  Display *xdisplay;
  XEvent notify = { 0 };
  Atom property;

  if (xevent == NULL || xevent->type != SelectionRequest || !still_ours () ||
      gdk_clipboard_get_display (copied.clipboard) != display)
    return TRUE;
  request = &xevent->xselectionrequest;
  if (request->selection != gdk_x11_get_xatom_by_name_for_display (display, "CLIPBOARD") ||
      request->target != gdk_x11_get_xatom_by_name_for_display (display, HINT_TARGET) ||
      request->requestor == None)
    return TRUE;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  property = request->property != None ? request->property : request->target;
  gdk_x11_display_error_trap_push (display);
  XChangeProperty (xdisplay, request->requestor, property, request->target, 8, PropModeReplace,
                   (const unsigned char *) "secret", strlen ("secret"));
  notify.xselection.type = SelectionNotify;
  notify.xselection.display = xdisplay;
  notify.xselection.requestor = request->requestor;
  notify.xselection.selection = request->selection;
  notify.xselection.target = request->target;
  notify.xselection.property = property;
  notify.xselection.time = request->time;
  XSendEvent (xdisplay, request->requestor, False, NoEventMask, &notify);
  XFlush (xdisplay);
  gdk_x11_display_error_trap_pop_ignored (display);
  /* Answered: GTK's handler must not answer it again (with a refusal). */
  request->selection = None;
  return TRUE;
}

static void
serve_hint_on_x11 (void)
{
  static gboolean hooked;

  if (hooked)
    return;
  hooked = TRUE;
  g_signal_add_emission_hook (g_signal_lookup ("xevent", GDK_TYPE_X11_DISPLAY), 0, hint_request_hook, NULL, NULL);
}
#endif

/**
 * pc_clipboard_copy_secret:
 * @clear_after_seconds: 0 to leave it there
 */
void
pc_clipboard_copy_secret (GtkWidget  *widget,
                          const char *text,
                          guint       clear_after_seconds)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GBytes) hint = g_bytes_new_static ("secret", strlen ("secret"));
  g_autoptr(GBytes) bytes = NULL;
  GdkContentProvider *providers[3];
  guint n_providers = 0;

  g_return_if_fail (text != NULL);

  forget ();
  g_clear_pointer (&wanted, g_free);
  watch_focus ();
  /* Bytes of our own rather than a string value, whose copies GTK frees
   * without wiping. */
  bytes = wiped_bytes (text);
  providers[n_providers++] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  providers[n_providers++] = gdk_content_provider_new_for_bytes ("text/plain", bytes);
  /* The hint only where it can be served. On Wayland GTK 4.8 offers every
   * type of the content (gdk/wayland/gdkclipboard-wayland.c:199,
   * gdk_wayland_clipboard_claim) but, asked for one without a slash,
   * gdk_wayland_clipboard_data_source_send() (line 112) passes NULL from
   * gdk_intern_mime_type() (gdk/gdkcontentformats.c:97) to
   * gdk_clipboard_write_async(), which refuses it (gdk/gdkclipboard.c:1072,
   * a Gdk-CRITICAL): a reader gets 0 bytes. The wl_data_source and its
   * listener are GDK's own (line 166, static data_source_listener), with
   * no signal to answer in its place; only a second wl_data_device of our
   * own, outside GdkClipboard, could. So the hint is not offered there,
   * and a short clear delay is the protection. */
#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (display))
    {
      serve_hint_on_x11 ();
      providers[n_providers++] = gdk_content_provider_new_for_bytes (HINT_TARGET, hint);
    }
#endif
  copied.provider = gdk_content_provider_new_union (providers, n_providers);
  copied.clipboard = g_object_ref (clipboard);
  copied.fingerprint = new_fingerprint (text);
  gdk_clipboard_set_content (clipboard, copied.provider);
  copied.changed_id = g_signal_connect (clipboard, "changed", G_CALLBACK (clipboard_changed), NULL);

  if (clear_after_seconds > 0)
    copied.timeout_id = g_timeout_add_seconds (clear_after_seconds, clear_cb, NULL);
}

/* Whether the clear may have to wait for the focus on this display. */
gboolean
pc_clipboard_clear_may_wait (GtkWidget *widget)
{
  return is_wayland (gtk_widget_get_display (widget));
}
