/* pc-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per process, unique on the session bus: a second launch
 * raises the first window. The server and identity provider come from the
 * command line, then the environment, then the settings.
 */
#define G_LOG_DOMAIN "PcApplication"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pc-application.h"
#include "pc-clipboard.h"
#include "pc-inbox.h"
#include "pc-invitation-row.h"
#include "pc-messages.h"
#include "pc-window.h"

struct _PcApplication
{
  AdwApplication parent_instance;

  char *server;
  char *idp_url;
  char *idp_key;
  gboolean background;      /* started without a window, to check */

  GSettings *settings;
  PcSession *session;
  PcInbox *inbox;
  gboolean held;            /* running on with no window */
  gboolean inbox_held;      /* held while an answer is on its way */
};

G_DEFINE_FINAL_TYPE (PcApplication, pc_application, ADW_TYPE_APPLICATION)

static char *
first_of (const char *option,
          const char *variable,
          GSettings  *settings,
          const char *key)
{
  g_autofree char *stored = NULL;

  if (option != NULL && *option != '\0')
    return g_strdup (option);
  if (g_getenv (variable) != NULL && *g_getenv (variable) != '\0')
    return g_strdup (g_getenv (variable));
  stored = g_settings_get_string (settings, key);
  return *stored != '\0' ? g_steal_pointer (&stored) : NULL;
}

/* Running on without a window: while the person allows it, or for a run
 * started with --background. */
static void
update_hold (PcApplication *self)
{
  gboolean hold = self->background || g_settings_get_boolean (self->settings, "run-in-background");

  if (hold == self->held)
    return;
  self->held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* Notifications */

static char *
notification_id (PcInvitation *invitation)
{
  return g_strconcat ("invitation-", pc_invitation_get_key (invitation), NULL);
}

static gboolean
invitations_in_view (PcApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return window != NULL && gtk_window_is_active (window) &&
         g_strcmp0 (pc_window_get_page_name (PC_WINDOW (window)), "main") == 0 &&
         g_strcmp0 (pc_window_get_view_name (PC_WINDOW (window)), "invitations") == 0;
}

static void
on_new_invitation (PcApplication *self,
                   PcInvitation  *invitation)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *workspace = pc_invitation_dup_workspace_name (invitation);
  g_autofree char *title = NULL;
  g_autofree char *body = pc_format_invitation_summary (invitation, NULL);
  g_autofree char *id = notification_id (invitation);
  g_autoptr(GIcon) icon = g_themed_icon_new ("mail-unread-symbolic");

  /* Someone looking at the list sees it arrive. */
  if (!g_settings_get_boolean (self->settings, "invitation-notifications") || invitations_in_view (self))
    return;

  /* Translators: the title of a notification; %s is a workspace's name. */
  title = g_strdup_printf (_("Invitation to %s"), workspace);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action (notification, "app.show-invitations");
  /* The invitation's key (its id), never its token, travels with the
   * button; one without a token cannot be answered from here. */
  if (pc_invitation_can_answer (invitation))
    g_notification_add_button_with_target (notification, _("Accept"), "app.accept-invitation", "s",
                                           pc_invitation_get_key (invitation));
  g_notification_add_button (notification, _("Show"), "app.show-invitations");
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
on_answered (PcApplication *self,
             PcInvitation  *invitation)
{
  g_autofree char *id = notification_id (invitation);

  g_application_withdraw_notification (G_APPLICATION (self), id);
}

static void
notify_result (PcApplication *self,
               PcInvitation  *invitation,
               const char    *message,
               gboolean       success)
{
  g_autoptr(GNotification) notification = g_notification_new (message);
  g_autofree char *id = g_strconcat ("answer-", pc_invitation_get_key (invitation), NULL);

  if (!success)
    g_notification_set_body (notification, _("Open Pupil Cloud to try again."));
  g_notification_set_default_action (notification, "app.show-invitations");
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* Holding the application while an answer is on its way lets a window
 * close, or the app quit, without losing an answer already given. */
static void
on_inbox_busy (PcApplication *self)
{
  gboolean busy = pc_inbox_get_busy (self->inbox);

  if (busy == self->inbox_held)
    return;
  self->inbox_held = busy;
  if (busy)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* The session, restored from the keyring when there is no window yet */

static void
ensure_session (PcApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;

  if (self->session != NULL)
    return;

  server = first_of (self->server, "PUPIL_CLOUD_SERVER", self->settings, "server");
  self->session = pc_session_new (server ? server : PC_SERVER_PRODUCTION, &error);
  if (self->session == NULL)
    {
      /* A bad address from the command line must not keep the app shut. */
      g_printerr (_("%s Using Pupil Cloud instead.\n"), error->message);
      self->session = pc_session_new (PC_SERVER_PRODUCTION, NULL);
    }
  self->inbox = pc_inbox_new (self->session, NULL);
  g_settings_bind (self->settings, "invitation-check-interval", self->inbox, "check-interval",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->inbox, "new-invitation", G_CALLBACK (on_new_invitation), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inbox, "answered", G_CALLBACK (on_answered), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inbox, "notify::busy", G_CALLBACK (on_inbox_busy), self, G_CONNECT_SWAPPED);
}

typedef void (*SignedInFunc) (PcApplication *self,
                              gpointer       data);

typedef struct
{
  PcApplication *application;
  SignedInFunc func;
  gpointer data;
  GDestroyNotify destroy;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->destroy != NULL)
    pending->destroy (pending->data);
  g_application_release (G_APPLICATION (pending->application));
  g_object_unref (pending->application);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(GError) error = NULL;

  pc_session_restore_finish (PC_SESSION (object), result, &error);
  if (pc_session_get_state (PC_SESSION (object)) != PC_SESSION_SIGNED_OUT)
    pending->func (pending->application, pending->data);
  else
    g_debug ("No sign-in to act with: %s", error ? error->message : "none stored");
}

/* Runs @func once signed in; restores the stored sign-in when no window has. */
static void
when_signed_in (PcApplication  *self,
                SignedInFunc    func,
                gpointer        data,
                GDestroyNotify  destroy)
{
  Pending *pending;

  ensure_session (self);
  if (pc_session_get_state (self->session) != PC_SESSION_SIGNED_OUT)
    {
      func (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  pending = g_new0 (Pending, 1);
  pending->application = g_object_ref (self);
  pending->func = func;
  pending->data = data;
  pending->destroy = destroy;
  g_application_hold (G_APPLICATION (self));
  pc_session_restore_async (self->session, pc_session_get_cancellable (self->session), restored_cb, pending);
}

/* Windows */

static PcWindow *
ensure_window (PcApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *idp_url = NULL;
  g_autofree char *idp_key = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return PC_WINDOW (window);
    }

  ensure_session (self);
  idp_url = first_of (self->idp_url, "PUPIL_CLOUD_IDP_URL", self->settings, "idp-url");
  idp_key = first_of (self->idp_key, "PUPIL_CLOUD_IDP_KEY", self->settings, "idp-key");
  window = g_object_new (PC_TYPE_WINDOW, "application", self, "session", self->session, "settings",
                         self->settings, "inbox", self->inbox, NULL);
  pc_window_set_identity_provider (PC_WINDOW (window), idp_url, idp_key);
  /* The first page is chosen before the window shows. */
  pc_window_start (PC_WINDOW (window));
  gtk_window_present (window);
  return PC_WINDOW (window);
}

static void
pc_application_activate (GApplication *application)
{
  PcApplication *self = PC_APPLICATION (application);

  /* Started to run in the background: no window, only the checks. */
  if (self->background && gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL &&
      self->session == NULL)
    {
      ensure_session (self);
      pc_session_restore_async (self->session, pc_session_get_cancellable (self->session), NULL, NULL);
      return;
    }
  ensure_window (self);
}

/* pupil-cloud://invite/TOKEN, from a link in a browser or an email. */
static void
pc_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PcApplication *self = PC_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *token = pc_invitation_token_from_text (uri);

      /* Not echoed: a mangled link may still carry an invitation token. */
      if (token == NULL || !g_str_has_prefix (uri, "pupil-cloud:"))
        {
          g_printerr (_("This is not an invitation link.\n"));
          continue;
        }
      pc_window_open_invitation (ensure_window (self), uri);
    }
}

static int
pc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  PcApplication *self = PC_APPLICATION (application);

  g_variant_dict_lookup (options, "server", "s", &self->server);
  g_variant_dict_lookup (options, "idp-url", "s", &self->idp_url);
  g_variant_dict_lookup (options, "idp-key", "s", &self->idp_key);
  self->background = g_variant_dict_contains (options, "background");
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pupil-cloud-desktop %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { "Pupil Cloud Desktop contributors", NULL };
  const char *built_on[] = { "GTK https://gtk.org", "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
                             "libsoup https://libsoup.org", "json-glib https://gitlab.gnome.org/GNOME/json-glib",
                             "libsecret https://gnome.pages.gitlab.gnome.org/libsecret/", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (application));
  adw_about_window_set_application_name (about, _("Pupil Cloud"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, "Pupil Cloud Desktop contributors");
  adw_about_window_set_comments (about, _("Sign in, manage API tokens, answer workspace invitations and keep your "
                                          "profile up to date, for Pupil Labs' Pupil Cloud."));
  adw_about_window_set_website (about, "https://github.com/pupil-cloud/desktop");
  adw_about_window_set_issue_url (about, "https://github.com/pupil-cloud/desktop/issues");
  adw_about_window_add_link (about, _("Pupil Cloud"), "https://cloud.pupil-labs.com");
  adw_about_window_add_link (about, _("Pupil Cloud Documentation"), "https://docs.pupil-labs.com");
  adw_about_window_set_release_notes_version (about, PACKAGE_VERSION);
  adw_about_window_set_release_notes (about, _("<p>The first release: sign in, API tokens, workspace invitations "
                                               "with notifications, and the profile.</p>"));
  adw_about_window_set_developers (about, developers);
  /* Translators: a credits heading; the libraries the app is built on follow. */
  adw_about_window_add_acknowledgement_section (about, _("Built On"), built_on);
  adw_about_window_set_copyright (about, "© 2026 Pupil Cloud Desktop contributors");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: replace with your names, one per line, to be credited. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

/* Quitting waits for the answers already sent and for a sign-out under
 * way (the window marks the application busy meanwhile), each bounded by
 * the client's timeout. */
static void
quit_when_answered (PcApplication *self)
{
  if ((self->inbox == NULL || !pc_inbox_get_busy (self->inbox)) &&
      !g_application_get_is_busy (G_APPLICATION (self)))
    g_application_quit (G_APPLICATION (self));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PcApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing windows lets them save their state and send what the person
   * already decided; the app ends once those answers have arrived. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (windows->data);
      windows = next;
    }
  self->background = FALSE;
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
  if (self->inbox != NULL)
    g_signal_connect_object (self->inbox, "notify::busy", G_CALLBACK (quit_when_answered), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-busy", G_CALLBACK (quit_when_answered), NULL);
  quit_when_answered (self);
}

static void
show_invitations_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PcApplication *self = user_data;

  pc_window_show_view (ensure_window (self), "invitations");
}

static void
accept_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PcApplication) self = user_data;
  g_autoptr(PcInvitation) invitation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PcAnswer answer;

  answer = pc_inbox_accept_finish (PC_INBOX (object), result, &invitation, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = pc_messages_for_answer (invitation, answer, error);
  notify_result (self, invitation, message, answer == PC_ANSWER_JOINED || answer == PC_ANSWER_ALREADY_MEMBER);
}

static void
accept_found (PcApplication *self,
              const char    *id)
{
  PcInvitation *invitation = pc_inbox_find (self->inbox, id);

  if (invitation == NULL)
    {
      /* Answered elsewhere, or gone since. */
      g_autoptr(GNotification) notification = g_notification_new (_("This invitation is no longer waiting"));
      g_application_send_notification (G_APPLICATION (self), "answer-unknown", notification);
      return;
    }
  pc_inbox_accept_async (self->inbox, invitation, NULL, accept_cb, g_object_ref (self));
}

/* An Accept from a notification waiting for the list, the application
 * held meanwhile. */
typedef struct
{
  PcApplication *self;
  char *id;
} AcceptLater;

static void
accept_later_free (AcceptLater *later)
{
  g_application_release (G_APPLICATION (later->self));
  g_object_unref (later->self);
  g_free (later->id);
  g_free (later);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcceptLater, accept_later_free)

static void
accept_refreshed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AcceptLater) later = user_data;

  pc_inbox_refresh_finish (PC_INBOX (object), result, NULL);
  accept_found (later->self, later->id);
}

static void
accept_signed_in (PcApplication *self,
                  gpointer       data)
{
  const char *id = data;
  AcceptLater *later;

  if (pc_inbox_find (self->inbox, id) != NULL)
    {
      accept_found (self, id);
      return;
    }
  /* Started by the notification itself: the list first. */
  later = g_new0 (AcceptLater, 1);
  later->self = g_object_ref (self);
  later->id = g_strdup (id);
  g_application_hold (G_APPLICATION (self));
  pc_inbox_refresh_async (self->inbox, NULL, accept_refreshed_cb, later);
}

/* The Accept button of a notification: answered without opening a window. */
static void
accept_invitation_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PcApplication *self = user_data;

  when_signed_in (self, accept_signed_in, g_variant_dup_string (parameter, NULL), g_free);
}

/* The notification about a token left on the clipboard: a window gets the
 * focus, and with it the clear. */
static void
clear_clipboard_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  pc_clipboard_clear_when_back (g_variant_get_string (parameter, NULL));
  ensure_window (user_data);
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "quit", quit_activated },
  { "show-invitations", show_invitations_activated },
  { "accept-invitation", accept_invitation_activated, "s" },
  { "clear-clipboard", clear_clipboard_activated, "s" },
};

static void
pc_application_startup (GApplication *application)
{
  PcApplication *self = PC_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  g_autofree char *server = NULL;

  /* The stored sign-in, and the list a window shows first, are read while
   * GTK starts. */
  self->settings = g_settings_new (APP_ID);
  server = first_of (self->server, "PUPIL_CLOUD_SERVER", self->settings, "server");
  pc_session_look_ahead (server ? server : PC_SERVER_PRODUCTION, !self->background);

  G_APPLICATION_CLASS (pc_application_parent_class)->startup (application);
  pc_clipboard_set_notifier (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  g_signal_connect_object (self->settings, "changed::run-in-background", G_CALLBACK (update_hold), self,
                           G_CONNECT_SWAPPED);
  update_hold (self);
}

static void
pc_application_shutdown (GApplication *application)
{
  PcApplication *self = PC_APPLICATION (application);

  if (self->session != NULL)
    g_cancellable_cancel (pc_session_get_cancellable (self->session));
  pc_clipboard_quitting (application);
  pc_clipboard_set_notifier (NULL);
  G_APPLICATION_CLASS (pc_application_parent_class)->shutdown (application);
}

PcInbox *
pc_application_get_inbox (PcApplication *self)
{
  g_return_val_if_fail (PC_IS_APPLICATION (self), NULL);
  return self->inbox;
}

static void
pc_application_finalize (GObject *object)
{
  PcApplication *self = PC_APPLICATION (object);

  g_free (self->server);
  g_free (self->idp_url);
  g_free (self->idp_key);
  g_clear_object (&self->inbox);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pc_application_parent_class)->finalize (object);
}

static void
pc_application_class_init (PcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pc_application_finalize;
  application_class->activate = pc_application_activate;
  application_class->startup = pc_application_startup;
  application_class->shutdown = pc_application_shutdown;
  application_class->open = pc_application_open;
  application_class->handle_local_options = pc_application_handle_local_options;
}

static void
pc_application_init (PcApplication *self)
{
  static const GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, NULL, N_("The API address to use (default: Pupil Cloud)"), N_("URL") },
    { "idp-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The identity provider for email sign-in"), N_("URL") },
    { "idp-key", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The identity provider's key"), N_("KEY") },
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start without a window and keep checking for invitations"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

PcApplication *
pc_application_new (void)
{
  return g_object_new (PC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
