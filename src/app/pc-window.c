/* pc-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a loading spinner while the stored sign-in is checked,
 * then the login page or the signed-in view, following the session's
 * state. The header's primary menu names the person (bound in the .ui),
 * switches the active workspace and signs out; the "win." actions are in
 * pc-window-actions.c.
 */
#define G_LOG_DOMAIN "PcWindow"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-builder.h"
#include "pc-clipboard.h"
#include "pc-messages.h"
#include "pc-window-private.h"
#include "pupilcloud.h"


G_DEFINE_FINAL_TYPE (PcWindow, pc_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_SESSION, PROP_SETTINGS, PROP_INBOX, N_PROPS };
static GParamSpec *properties[N_PROPS];

void
pc_window_toast (PcWindow   *self,
                 const char *title)
{
  pc_a11y_add_toast (self->toast_overlay, adw_toast_new (title));
}


/* Until the address is confirmed, checked again with every fresh profile.
 * A link is sent again only with this run's ID token; otherwise signing
 * in with email and password brings one. */
void
pc_window_update_verification (PcWindow *self)
{
  PcProfile *profile = pc_session_get_profile (self->session);
  gboolean show = pc_session_get_state (self->session) != PC_SESSION_SIGNED_OUT && profile != NULL &&
                  pc_profile_get_email (profile) != NULL && *pc_profile_get_email (profile) != '\0' &&
                  !pc_profile_get_email_verified (profile);
  gboolean can_resend = pc_session_get_can_resend_verification (self->session);
  GAction *resend = g_action_map_lookup_action (G_ACTION_MAP (self), "resend-verification");

  if (resend != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (resend), show && can_resend);
  /* The bar is set when the signed-in view is built. */
  if (self->verify_bar == NULL)
    return;
  if (show)
    {
      g_autofree char *text = NULL;

      if (can_resend)
        text = g_strdup_printf (_("Confirm your email address: we sent a link to %s."), pc_profile_get_email (profile));
      else
        text = g_strdup_printf (_("Confirm your email address %s: sign in again with your email and password "
                                  "to get a new link."),
                                pc_profile_get_email (profile));
      gtk_label_set_label (self->verify_label, text);
    }
  gtk_widget_set_visible (self->resend_button, can_resend);
  gtk_info_bar_set_revealed (self->verify_bar, show);
}

/* A call made for this window: cancelled when the window goes, or when the
 * sign-in it was made in ends. */
GCancellable *
pc_window_call_cancellable (PcWindow *self)
{
  GCancellable *call = g_cancellable_new ();
  GCancellable *sign_in = pc_session_get_cancellable (self->session);

  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel), call,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sign_in, "cancelled", G_CALLBACK (g_cancellable_cancel), call, G_CONNECT_SWAPPED);
  if (g_cancellable_is_cancelled (self->cancellable) || g_cancellable_is_cancelled (sign_in))
    g_cancellable_cancel (call);
  return call;
}

static void ensure_tokens_page (PcWindow *self);

static PcLoginPage *ensure_login_page (PcWindow *self);

static void
show_page (PcWindow   *self,
           const char *name)
{
  if (g_str_equal (name, "main"))
    ensure_tokens_page (self);
  else if (g_str_equal (name, "login"))
    ensure_login_page (self);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  /* Before the window's first frame, a page shows at once: a crossfade
   * from a page never seen would only hold back the one that is. */
  gtk_stack_set_visible_child_full (self->main_stack, name,
                                    self->drawn ? gtk_stack_get_transition_type (self->main_stack)
                                                : GTK_STACK_TRANSITION_TYPE_NONE);
}

/* The workspaces in the menu follow the session. */
static void
update_workspaces (PcWindow *self)
{
  PcProfile *profile = pc_session_get_profile (self->session);
  const char *active = pc_session_get_workspace_id (self->session);
  GAction *workspace_action = g_action_map_lookup_action (G_ACTION_MAP (self), "workspace");
  GListModel *workspaces = profile ? pc_profile_get_workspaces (profile) : NULL;

  g_simple_action_set_state (G_SIMPLE_ACTION (workspace_action), g_variant_new_string (active));
  /* The menu is filled when the signed-in view is built. */
  if (self->workspace_section == NULL)
    return;
  g_menu_remove_all (self->workspace_section);
  {
    g_autoptr(GMenuItem) personal = g_menu_item_new (_("Personal Workspace"), NULL);
    g_menu_item_set_action_and_target_value (personal, "win.workspace",
                                             g_variant_new_string (PC_DEFAULT_WORKSPACE));
    g_menu_append_item (self->workspace_section, personal);
  }
  for (guint i = 0; workspaces != NULL && i < g_list_model_get_n_items (workspaces); i++)
    {
      g_autoptr(PcWorkspaceMembership) membership = g_list_model_get_item (workspaces, i);
      g_autofree char *workspace = pc_workspace_membership_dup_display_name (membership);
      /* Translators: a workspace in the menu: its name, then the role in it. */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), workspace,
                                                pc_format_role (pc_workspace_membership_get_role (membership)));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      const char *id = pc_workspace_membership_get_workspace_id (membership);

      g_menu_item_set_action_and_target_value (item, "win.workspace", g_variant_new_string (id));
      g_menu_append_item (self->workspace_section, item);
    }
}

static void on_account_deleted (PcWindow *self);

/* The pages of the signed-in view are built when it first shows: a start
 * that ends on the login page never pays for them (GTK styles a hidden
 * page too, and loads the icons of its status pages then). The Tokens page
 * comes first; the other two once the main loop is idle after it (its
 * first frame drawn), or at once when one of them is asked for. */

static gboolean
build_pages_cb (gpointer data)
{
  PcWindow *self = data;

  self->pages_idle = 0;
  pc_window_ensure_pages (self);
  return G_SOURCE_REMOVE;
}

static void
ensure_tokens_page (PcWindow *self)
{
  if (self->tokens_page != NULL)
    return;

  pc_window_ensure_main_view (self);
  /* Set up before it is in the window, where it may map at once. */
  self->tokens_page = g_object_new (PC_TYPE_TOKENS_PAGE, NULL);
  pc_tokens_page_setup (self->tokens_page, self->session, self->settings, self->names);
  adw_bin_set_child (self->tokens_bin, GTK_WIDGET (self->tokens_page));
  if (self->invitations_page == NULL)
    self->pages_idle = g_idle_add_full (G_PRIORITY_LOW, build_pages_cb, self, NULL);
}

static void
on_view_changed (PcWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name != NULL && !g_str_equal (name, "tokens"))
    pc_window_ensure_pages (self);
}

void
pc_window_ensure_pages (PcWindow *self)
{
  ensure_tokens_page (self);
  if (self->invitations_page != NULL)
    return;
  g_clear_handle_id (&self->pages_idle, g_source_remove);

  self->invitations_page = g_object_new (PC_TYPE_INVITATIONS_PAGE, NULL);
  pc_invitations_page_setup (self->invitations_page, self->inbox);
  adw_bin_set_child (self->invitations_bin, GTK_WIDGET (self->invitations_page));

  self->profile_page = g_object_new (PC_TYPE_PROFILE_PAGE, NULL);
  pc_profile_page_setup (self->profile_page, self->session);
  g_signal_connect_object (self->profile_page, "account-deleted", G_CALLBACK (on_account_deleted), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->profile_bin, GTK_WIDGET (self->profile_page));
}

/* The signed-in view's bars, once it is built: why the sign-in is not
 * confirmed (out of reach, or refused: a 403 keeps the sign-in), in the
 * bar's own words when nothing better is known; none when signed out. */
static void
update_bars (PcWindow *self)
{
  PcSessionState state = pc_session_get_state (self->session);

  if (self->offline_bar == NULL)
    return;
  if (state == PC_SESSION_OFFLINE)
    gtk_label_set_label (self->offline_label, pc_session_get_offline_reason (self->session)
                                                ? pc_session_get_offline_reason (self->session)
                                                : _("The server could not be reached. What you see is what was "
                                                    "known when you last signed in."));
  gtk_info_bar_set_revealed (self->offline_bar, state == PC_SESSION_OFFLINE);
  if (state == PC_SESSION_SIGNED_OUT)
    gtk_info_bar_set_revealed (self->keyring_bar, FALSE);
}

static void
update_state (PcWindow *self)
{
  PcSessionState state = pc_session_get_state (self->session);

  /* A window closed while a call still holds it shows nothing new. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (state != PC_SESSION_SIGNED_OUT)
    pc_window_ensure_main_view (self);
  update_bars (self);
  pc_window_update_verification (self);
  if (state == PC_SESSION_SIGNED_OUT)
    {
      /* Still asking the server about a stored sign-in: not yet. */
      if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "loading") &&
          !pc_session_get_restoring (self->session))
        show_page (self, "login");
    }
  else
    show_page (self, "main");

  if (state == PC_SESSION_SIGNED_IN && self->invitation_to_open != NULL)
    {
      g_autofree char *text = g_steal_pointer (&self->invitation_to_open);
      pc_window_open_invitation (self, text);
    }
}

static void
remember_server (PcWindow *self)
{
  const char *server = pc_session_get_server (self->session);

  g_settings_set_string (self->settings, "server", g_strcmp0 (server, PC_SERVER_PRODUCTION) == 0 ? "" : server);
}

static void
on_signed_in (PcWindow *self)
{
  remember_server (self);
  g_settings_set_boolean (self->settings, "expect-sign-in", pc_session_get_remembered (self->session));
  g_settings_set_string (self->settings, "workspace-id", pc_session_get_workspace_id (self->session));
  /* Said once, plainly, and only when it is true. */
  pc_window_ensure_main_view (self);
  gtk_info_bar_set_revealed (self->keyring_bar, !pc_session_get_remembered (self->session));
  update_state (self);
}

/* The login page is built the first time it is needed: a signed-in start
 * never builds it (GTK would style it hidden, with its forms). */
static PcLoginPage *
ensure_login_page (PcWindow *self)
{
  if (self->login_page != NULL)
    return self->login_page;

  self->login_page = g_object_new (PC_TYPE_LOGIN_PAGE, "session", self->session, NULL);
  g_signal_connect_object (self->login_page, "signed-in", G_CALLBACK (on_signed_in), self, G_CONNECT_SWAPPED);
  pc_login_page_set_identity_provider (self->login_page, self->idp_url, self->idp_key);
  adw_bin_set_child (self->login_bin, GTK_WIDGET (self->login_page));
  return self->login_page;
}

static void
on_account_deleted (PcWindow *self)
{
  pc_login_page_reset (ensure_login_page (self), _("Your account was deleted."), NULL);
  show_page (self, "login");
}

static void
on_keyring_bar_response (PcWindow *self,
                         int       response)
{
  gtk_info_bar_set_revealed (self->keyring_bar, FALSE);
}

/* The signed-in view is built the first time it is needed, as the login
 * page is: a start that ends on the login page does not build, style and
 * measure a header with its menu, three bars and a view stack it does not
 * show. Its pages come later still (ensure_tokens_page()). */
void
pc_window_ensure_main_view (PcWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *view;

  /* Built once; never into a window disposed of (its bin is gone then). */
  if (self->view_stack != NULL || self->main_bin == NULL)
    return;

  builder = pc_builder_new_part (RESOURCE_PREFIX "/pc-window-main.ui", "window", G_OBJECT (self),
                                 "on_keyring_bar_response", G_CALLBACK (on_keyring_bar_response), NULL);
#define GET(name) gtk_builder_get_object (builder, name)
  self->offline_bar = GTK_INFO_BAR (GET ("offline_bar"));
  self->offline_label = GTK_LABEL (GET ("offline_label"));
  self->verify_bar = GTK_INFO_BAR (GET ("verify_bar"));
  self->verify_label = GTK_LABEL (GET ("verify_label"));
  self->resend_button = GTK_WIDGET (GET ("resend_button"));
  self->keyring_bar = GTK_INFO_BAR (GET ("keyring_bar"));
  self->view_stack = ADW_VIEW_STACK (GET ("view_stack"));
  self->tokens_bin = ADW_BIN (GET ("tokens_bin"));
  self->invitations_bin = ADW_BIN (GET ("invitations_bin"));
  self->profile_bin = ADW_BIN (GET ("profile_bin"));
  self->invitations_stack_page = ADW_VIEW_STACK_PAGE (GET ("invitations_stack_page"));
  self->workspace_section = G_MENU (GET ("workspace_section"));
  view = GTK_WIDGET (GET ("main_view"));
#undef GET

  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_view_changed), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->inbox, "n-waiting", self->invitations_stack_page, "badge-number",
                          G_BINDING_SYNC_CREATE);
  pc_a11y_name_controls (view);
  adw_bin_set_child (self->main_bin, view);
  update_workspaces (self);
  update_bars (self);
  pc_window_update_verification (self);
}

static void
on_session_ended (PcWindow  *self,
                  gboolean   expired,
                  PcSession *session)
{
  g_settings_set_boolean (self->settings, "expect-sign-in", FALSE);
  if (expired)
    pc_login_page_reset (ensure_login_page (self), _("Your session has expired. Sign in again."),
                         pc_session_get_account (session));
  else
    pc_login_page_reset (ensure_login_page (self), NULL, NULL);
  update_state (self);
}

/* A stored sign-in was found where one was expected: the signed-in view
 * shows at once, with what was known of the account, while the server is
 * asked about it. One not expected waits for the server's word, as the
 * login page shows and someone may be typing in it. */
static void
on_restoring (PcWindow *self)
{
  if (pc_session_get_restoring (self->session) && g_strcmp0 (pc_window_get_page_name (self), "loading") == 0)
    show_page (self, "main");
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean found;
  gboolean on_login;

  found = pc_session_restore_finish (self->session, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("Stored sign-in looked up at %" G_GINT64_FORMAT " µs", g_get_monotonic_time ());
  on_login = g_strcmp0 (pc_window_get_page_name (self), "login") == 0;
  g_settings_set_boolean (self->settings, "expect-sign-in", pc_session_get_remembered (self->session));

  if (g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED))
    {
      pc_login_page_reset (ensure_login_page (self), _("Your session has expired. Sign in again."),
                           pc_session_get_account (self->session));
      show_page (self, "login");
    }
  else if (!found || pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    {
      /* Nothing stored, or no keyring to ask. The login page may already
       * be showing, with the person typing: leave it be. */
      if (!on_login)
        {
          pc_login_page_reset (ensure_login_page (self), NULL, NULL);
          show_page (self, "login");
        }
    }
  else
    {
      /* A token stored with a workspace keeps it; otherwise the last choice. */
      g_autofree char *workspace = g_settings_get_string (self->settings, "workspace-id");
      if (g_str_equal (pc_session_get_workspace_id (self->session), PC_DEFAULT_WORKSPACE))
        pc_session_set_workspace_id (self->session, workspace);
      show_page (self, "main");
    }
  update_state (self);
}

/**
 * pc_window_start:
 *
 * Looks for a stored sign-in and shows the signed-in view or the login page.
 * Asking the keyring takes a while (some 40 ms); when the last run ended
 * signed out, the login page shows meanwhile, and a sign-in stored since
 * (by the command line) still takes over when it is found.
 */
void
pc_window_start (PcWindow *self)
{
  g_return_if_fail (PC_IS_WINDOW (self));

  /* A window opened again while the app ran in the background. */
  if (pc_session_get_state (self->session) != PC_SESSION_SIGNED_OUT)
    {
      update_state (self);
      return;
    }

  g_debug ("Looking up the stored sign-in at %" G_GINT64_FORMAT " µs", g_get_monotonic_time ());
  if (g_settings_get_boolean (self->settings, "expect-sign-in"))
    show_page (self, "loading");
  else
    {
      pc_login_page_reset (ensure_login_page (self), NULL, NULL);
      show_page (self, "login");
    }
  {
    g_autoptr(GCancellable) call = pc_window_call_cancellable (self);
    pc_session_restore_async (self->session, call, restore_cb, g_object_ref (self));
  }
}

const char *
pc_window_get_page_name (PcWindow *self)
{
  g_return_val_if_fail (PC_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
pc_window_set_identity_provider (PcWindow   *self,
                                 const char *idp_url,
                                 const char *idp_key)
{
  g_return_if_fail (PC_IS_WINDOW (self));
  g_free (self->idp_url);
  g_free (self->idp_key);
  self->idp_url = g_strdup (idp_url);
  self->idp_key = g_strdup (idp_key);
  if (self->login_page != NULL)
    pc_login_page_set_identity_provider (self->login_page, idp_url, idp_key);
}

/**
 * pc_window_open_invitation:
 * @text: an invitation token, or a link holding one
 *
 * Shows the invitation in the "Open an Invitation" dialog over the
 * Invitations page; before a sign-in, once it has happened.
 */
void
pc_window_open_invitation (PcWindow   *self,
                           const char *text)
{
  g_return_if_fail (PC_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  if (pc_session_get_state (self->session) != PC_SESSION_SIGNED_IN)
    {
      g_free (self->invitation_to_open);
      self->invitation_to_open = g_strdup (text);
      return;
    }
  pc_window_ensure_pages (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "invitations");
  pc_invitations_page_open (self->invitations_page, text);
}

/* Shows one of the signed-in view's pages: tokens, invitations, profile. */
void
pc_window_show_view (PcWindow   *self,
                     const char *name)
{
  g_return_if_fail (PC_IS_WINDOW (self));
  pc_window_ensure_main_view (self);
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* The signed-in view's page shown; NULL before that view was first built. */
const char *
pc_window_get_view_name (PcWindow *self)
{
  g_return_val_if_fail (PC_IS_WINDOW (self), NULL);
  return self->view_stack != NULL ? adw_view_stack_get_visible_child_name (self->view_stack) : NULL;
}

PcInbox *
pc_window_get_inbox (PcWindow *self)
{
  g_return_val_if_fail (PC_IS_WINDOW (self), NULL);
  return self->inbox;
}


/* The window's size is remembered, as GNOME apps do. */
static gboolean
pc_window_close_request (GtkWindow *window)
{
  PcWindow *self = PC_WINDOW (window);
  int width, height;

  /* A token copied from this window does not outlive it (or, where the
   * compositor refuses the clear, a notification says so); a decline still
   * waiting for its Undo is sent now. */
  pc_clipboard_window_closing (window);
  pc_inbox_flush_declines (self->inbox);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (pc_window_parent_class)->close_request (window);
}

static void
pc_window_constructed (GObject *object)
{
  PcWindow *self = PC_WINDOW (object);

  G_OBJECT_CLASS (pc_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->names = g_object_ref (pc_session_get_token_names (self->session));

  /* The application shares its inbox with the notifications; a window on
   * its own (as in tests) checks for itself. */
  if (self->inbox == NULL)
    {
      self->inbox = pc_inbox_new (self->session, NULL);
      g_settings_bind (self->settings, "invitation-check-interval", self->inbox, "check-interval",
                       G_SETTINGS_BIND_GET);
    }
  g_signal_connect_object (self->session, "ended", G_CALLBACK (on_session_ended), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::restoring", G_CALLBACK (on_restoring), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::offline-reason", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::profile", G_CALLBACK (update_workspaces), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::profile", G_CALLBACK (pc_window_update_verification), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::can-resend-verification", G_CALLBACK (pc_window_update_verification),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::workspace-id", G_CALLBACK (update_workspaces), self,
                           G_CONNECT_SWAPPED);
  update_workspaces (self);
  pc_window_update_verification (self);
}

static void
after_first_paint_cb (GdkFrameClock *clock,
                      PcWindow      *self)
{
  self->drawn = TRUE;
  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, self);
}

static void
pc_window_realize (GtkWidget *widget)
{
  PcWindow *self = PC_WINDOW (widget);

  GTK_WIDGET_CLASS (pc_window_parent_class)->realize (widget);
  if (!self->drawn)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (after_first_paint_cb),
                             self, 0);
}

/* GTK 4 does not dispose a destroyed window while a callback still holds
 * it: destroying unrealizes it, so its calls are cancelled here too. */
static void
pc_window_unrealize (GtkWidget *widget)
{
  g_cancellable_cancel (PC_WINDOW (widget)->cancellable);
  GTK_WIDGET_CLASS (pc_window_parent_class)->unrealize (widget);
}

static void
pc_window_dispose (GObject *object)
{
  PcWindow *self = PC_WINDOW (object);

  /* Answers still on their way find the window gone and leave it be; so
   * do the session's signals, while a late callback keeps it alive. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pages_idle, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PC_TYPE_WINDOW);
  /* What was built later went with the template's children: a late caller
   * finds nothing rather than freed widgets. */
  self->login_page = NULL;
  self->tokens_page = NULL;
  self->invitations_page = NULL;
  self->profile_page = NULL;
  self->offline_bar = self->verify_bar = self->keyring_bar = NULL;
  self->offline_label = self->verify_label = NULL;
  self->resend_button = NULL;
  self->view_stack = NULL;
  self->tokens_bin = self->invitations_bin = self->profile_bin = NULL;
  self->invitations_stack_page = NULL;
  self->workspace_section = NULL;
  G_OBJECT_CLASS (pc_window_parent_class)->dispose (object);
}

static void
pc_window_finalize (GObject *object)
{
  PcWindow *self = PC_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->names);
  g_clear_object (&self->inbox);
  g_clear_object (&self->cancellable);
  g_free (self->invitation_to_open);
  g_free (self->idp_url);
  g_free (self->idp_key);
  G_OBJECT_CLASS (pc_window_parent_class)->finalize (object);
}

static void
pc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PcWindow *self = PC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_INBOX:
      g_value_set_object (value, self->inbox);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PcWindow *self = PC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_INBOX:
      self->inbox = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_window_class_init (PcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pc_window_constructed;
  object_class->dispose = pc_window_dispose;
  object_class->finalize = pc_window_finalize;
  object_class->get_property = pc_window_get_property;
  object_class->set_property = pc_window_set_property;
  widget_class->realize = pc_window_realize;
  widget_class->unrealize = pc_window_unrealize;
  window_class->close_request = pc_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INBOX] =
    g_param_spec_object ("inbox", NULL, NULL, PC_TYPE_INBOX,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PcWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PcWindow, login_bin);
  gtk_widget_class_bind_template_child (widget_class, PcWindow, main_bin);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.retry", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-token", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-invitation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sign-out",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.show-view", "s", "tokens");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.show-view", "s",
                                       "invitations");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.show-view", "s", "profile");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);

  g_type_ensure (PC_TYPE_LOGIN_PAGE);
}

static void
pc_window_init (PcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pc_a11y_add_toast_status (self->toast_overlay);
  pc_a11y_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  pc_window_add_actions (self);
}

PcWindow *
pc_window_new (GtkApplication *application,
               PcSession      *session,
               GSettings      *settings)
{
  g_return_val_if_fail (PC_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PC_TYPE_WINDOW, "application", application, "session", session, "settings", settings,
                       NULL);
}
