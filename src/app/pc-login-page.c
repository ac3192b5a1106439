/* pc-login-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing in, with an API token or with email and password. The form is a
 * small state machine; set_state() is the one place that decides what can
 * be touched, whether the spinner turns and what the error line says. What
 * the form sends, and how each answer changes the state, is in
 * pc-login-page-flows.c.
 *
 * With an identity provider, the email way also creates an account (email,
 * password with a strength hint, the password again, the product-updates
 * choice) and sends a password reset. The provider's refusals are said
 * next to the field they concern.
 */
#define G_LOG_DOMAIN "PcLoginPage"

#include <glib/gi18n.h>

#include "pc-a11y.h"
#include "pc-builder.h"
#include "pc-login-page-private.h"

#define TOKEN_PAGE_PRODUCTION "https://cloud.pupil-labs.com/settings/developer"
#define TOKEN_PAGE_STAGING "https://cloud.pupil-labs.dev/settings/developer"

typedef enum {
  SERVER_PRODUCTION,
  SERVER_STAGING,
  SERVER_CUSTOM,
} ServerChoice;

G_DEFINE_FINAL_TYPE (PcLoginPage, pc_login_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNED_IN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void ensure_forms (PcLoginPage *self);

gboolean
_pc_login_page_using_token (PcLoginPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->method_stack), "token") == 0;
}

gboolean
_pc_login_page_creating (PcLoginPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->method_stack), "create") == 0;
}

static gboolean
has_identity_provider (PcLoginPage *self)
{
  return self->idp_url != NULL && *self->idp_url != '\0' && self->idp_key != NULL && *self->idp_key != '\0';
}

static gboolean
is_blank (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  return *text == '\0';
}

gboolean
_pc_login_page_form_complete (PcLoginPage *self)
{
  if (adw_combo_row_get_selected (self->server_row) == SERVER_CUSTOM && is_blank (self->custom_row))
    return FALSE;
  if (_pc_login_page_using_token (self))
    return !is_blank (self->token_row);
  if (self->email_stack == NULL)
    return FALSE;
  if (_pc_login_page_creating (self))
    return has_identity_provider (self) && !is_blank (self->new_email_row) &&
           *gtk_editable_get_text (GTK_EDITABLE (self->new_password_row)) != '\0' &&
           *gtk_editable_get_text (GTK_EDITABLE (self->confirm_row)) != '\0';
  return has_identity_provider (self) && !is_blank (self->email_row) &&
         *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';
}

/* What the new password still lacks, in plain words. */
char *
_pc_login_page_strength_hint (const char *password)
{
  glong length = g_utf8_strlen (password, -1);
  gboolean letters = FALSE, others = FALSE;

  if (length == 0)
    return g_strdup_printf (_("Use at least %d characters."), PC_MIN_PASSWORD_LENGTH);
  if (length < PC_MIN_PASSWORD_LENGTH)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Too short: %ld more character needed.",
                                         "Too short: %ld more characters needed.",
                                         PC_MIN_PASSWORD_LENGTH - length),
                            PC_MIN_PASSWORD_LENGTH - length);
  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        letters = TRUE;
      else
        others = TRUE;
    }
  if (!letters || !others || length < 10)
    return g_strdup (_("Long enough. A longer password with letters, digits and symbols is stronger."));
  return g_strdup (_("Long enough, with letters and other characters."));
}

static void
show_field_error (GtkLabel    *label,
                  AdwEntryRow *row,
                  const char  *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  /* Only a shown error is styled as one (the page's own error line is the
   * label found by that style). */
  if (text != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
    }
}

/* The forms' own lines, once built: the email form or its "not set up"
 * note, the new account's field errors and its password's strength hint. */
static void
update_forms (PcLoginPage *self)
{
  g_autofree char *hint = NULL;
  gboolean field_error = self->state == STATE_ERROR && self->error_field != FIELD_NONE;

  if (self->email_stack == NULL)
    return;
  gtk_stack_set_visible_child_name (self->email_stack, has_identity_provider (self) ? "form" : "unavailable");
  show_field_error (self->new_email_error, self->new_email_row,
                    field_error && self->error_field == FIELD_EMAIL ? self->error_text : NULL);
  show_field_error (self->confirm_error, self->confirm_row,
                    field_error && self->error_field == FIELD_CONFIRM ? self->error_text : NULL);
  if (field_error && self->error_field == FIELD_PASSWORD)
    {
      show_field_error (self->strength_label, self->new_password_row, self->error_text);
      gtk_widget_add_css_class (GTK_WIDGET (self->strength_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->strength_label), "dim-label");
    }
  else
    {
      hint = _pc_login_page_strength_hint (gtk_editable_get_text (GTK_EDITABLE (self->new_password_row)));
      show_field_error (self->strength_label, self->new_password_row, hint);
      gtk_widget_remove_css_class (GTK_WIDGET (self->new_password_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->strength_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->strength_label), "dim-label");
    }
}

void
_pc_login_page_set_state (PcLoginPage *self,
                          LoginState   state)
{
  gboolean field_error;
  gboolean busy = state == STATE_BUSY || state == STATE_DONE;
  GtkWidget *inputs[] = {
    GTK_WIDGET (self->server_row), GTK_WIDGET (self->custom_row), GTK_WIDGET (self->method_stack),
  };

  self->state = state;
  if (state != STATE_ERROR)
    self->error_field = FIELD_NONE;
  field_error = state == STATE_ERROR && self->error_field != FIELD_NONE;

  /* Without an identity provider, no account can be created here. */
  gtk_stack_page_set_visible (self->create_page, has_identity_provider (self));
  if (_pc_login_page_creating (self) && !has_identity_provider (self))
    gtk_stack_set_visible_child_name (self->method_stack, "email");

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    gtk_widget_set_sensitive (inputs[i], !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row),
                          adw_combo_row_get_selected (self->server_row) == SERVER_CUSTOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.sign-in",
                                 (state == STATE_READY || state == STATE_ERROR) && _pc_login_page_form_complete (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.cancel", state == STATE_BUSY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.forgot-password",
                                 !busy && has_identity_provider (self));

  gtk_label_set_label (self->button_label, _pc_login_page_creating (self) ? _("_Create Account") : _("_Sign In"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sign_in_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _pc_login_page_creating (self) ? _("Create Account") : _("Sign In"), -1);

  update_forms (self);

  gtk_label_set_label (self->notice_label, self->notice_text != NULL ? self->notice_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), self->notice_text != NULL && state != STATE_ERROR);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), state == STATE_BUSY);
  gtk_spinner_set_spinning (self->spinner, state == STATE_BUSY);

  gtk_label_set_label (self->error_label, state == STATE_ERROR && !field_error ? self->error_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), state == STATE_ERROR && !field_error);
}

void
_pc_login_page_set_field_error (PcLoginPage *self,
                                ErrorField   field,
                                const char  *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  self->error_field = field;
  _pc_login_page_set_state (self, STATE_ERROR);
}

void
_pc_login_page_set_error (PcLoginPage *self,
                          const char  *text)
{
  _pc_login_page_set_field_error (self, FIELD_NONE, text);
}

void
_pc_login_page_set_notice (PcLoginPage *self,
                           const char  *text)
{
  g_free (self->notice_text);
  self->notice_text = g_strdup (text);
}

static void
on_input_changed (PcLoginPage *self)
{
  if (!_pc_login_page_using_token (self))
    ensure_forms (self);
  /* The address typed for signing in is the one to create an account for. */
  if (_pc_login_page_creating (self) && is_blank (self->new_email_row) && !is_blank (self->email_row))
    gtk_editable_set_text (GTK_EDITABLE (self->new_email_row), gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  if (self->clearing || self->state == STATE_BUSY || self->state == STATE_DONE)
    return;
  _pc_login_page_set_state (self, _pc_login_page_form_complete (self) ? STATE_READY : STATE_IDLE);
}

static void
on_entry_activated (PcLoginPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "login.sign-in", NULL);
}

/* The email and new-account forms are built the first time one of them
 * shows, or an address is filled in: the page opens on the token form, and
 * its first frame has no use for six more entry rows. */
static void
ensure_forms (PcLoginPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *create_form;

  /* Built once; never into a page disposed of (its bins are gone then). */
  if (self->email_stack != NULL || self->email_bin == NULL)
    return;

  builder = pc_builder_new_part (RESOURCE_PREFIX "/pc-login-page-forms.ui", "page", G_OBJECT (self),
                                 "on_input_changed", G_CALLBACK (on_input_changed),
                                 "on_entry_activated", G_CALLBACK (on_entry_activated), NULL);
#define GET(name) gtk_builder_get_object (builder, name)
  self->email_stack = GTK_STACK (GET ("email_stack"));
  self->email_row = ADW_ENTRY_ROW (GET ("email_row"));
  self->password_row = ADW_ENTRY_ROW (GET ("password_row"));
  self->new_email_row = ADW_ENTRY_ROW (GET ("new_email_row"));
  self->new_password_row = ADW_ENTRY_ROW (GET ("new_password_row"));
  self->confirm_row = ADW_ENTRY_ROW (GET ("confirm_row"));
  self->new_email_error = GTK_LABEL (GET ("new_email_error"));
  self->strength_label = GTK_LABEL (GET ("strength_label"));
  self->confirm_error = GTK_LABEL (GET ("confirm_error"));
  self->news_switch = GTK_SWITCH (GET ("news_switch"));
  create_form = GTK_WIDGET (GET ("create_form"));
#undef GET

  pc_a11y_name_controls (GTK_WIDGET (self->email_stack));
  pc_a11y_name_controls (create_form);
  adw_bin_set_child (self->email_bin, GTK_WIDGET (self->email_stack));
  adw_bin_set_child (self->create_bin, create_form);
  update_forms (self);
}

const char *
_pc_login_page_chosen_server (PcLoginPage *self)
{
  switch (adw_combo_row_get_selected (self->server_row))
    {
    case SERVER_PRODUCTION:
      return PC_SERVER_PRODUCTION;
    case SERVER_STAGING:
      return PC_SERVER_STAGING;
    default:
      return gtk_editable_get_text (GTK_EDITABLE (self->custom_row));
    }
}

static void
on_server_changed (PcLoginPage *self)
{
  guint selected = adw_combo_row_get_selected (self->server_row);

  /* The token page of the web app that belongs to this server. */
  gtk_widget_set_visible (GTK_WIDGET (self->create_link), selected != SERVER_CUSTOM);
  gtk_link_button_set_uri (self->create_link,
                           selected == SERVER_STAGING ? TOKEN_PAGE_STAGING : TOKEN_PAGE_PRODUCTION);
  on_input_changed (self);
  if (self->state != STATE_BUSY && self->state != STATE_DONE)
    _pc_login_page_set_state (self, self->state);
}

void
_pc_login_page_clear_secret (PcLoginPage *self,
                             AdwEntryRow *row)
{
  /* A form not built yet holds nothing. */
  if (row == NULL)
    return;
  self->clearing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  self->clearing = FALSE;
}

/* Signed in: the form's work is done. */
void
_pc_login_page_signed_in (PcLoginPage *self)
{
  _pc_login_page_set_state (self, STATE_DONE);
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
select_server (PcLoginPage *self,
               const char  *server)
{
  if (g_strcmp0 (server, PC_SERVER_PRODUCTION) == 0)
    adw_combo_row_set_selected (self->server_row, SERVER_PRODUCTION);
  else if (g_strcmp0 (server, PC_SERVER_STAGING) == 0)
    adw_combo_row_set_selected (self->server_row, SERVER_STAGING);
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->custom_row), server);
      adw_combo_row_set_selected (self->server_row, SERVER_CUSTOM);
    }
}

/**
 * pc_login_page_reset:
 * @message: (nullable): why the person is here again, such as an expiry
 * @email: (nullable): the email address to fill in
 *
 * Makes the form ready for a new sign-in on the session's server.
 */
void
pc_login_page_reset (PcLoginPage *self,
                     const char  *message,
                     const char  *email)
{
  g_return_if_fail (PC_IS_LOGIN_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  select_server (self, pc_session_get_server (self->session));
  if (email != NULL)
    ensure_forms (self);
  if (email != NULL && gtk_widget_get_sensitive (GTK_WIDGET (self->email_row)))
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
  if (email != NULL && has_identity_provider (self) &&
      pc_session_get_credentials_kind (self->session) != PC_CREDENTIALS_TOKEN)
    gtk_stack_set_visible_child_name (self->method_stack, "email");

  self->state = STATE_IDLE;
  if (message != NULL)
    _pc_login_page_set_error (self, message);
  else
    _pc_login_page_set_state (self, _pc_login_page_form_complete (self) ? STATE_READY : STATE_IDLE);
}

void
pc_login_page_set_identity_provider (PcLoginPage *self,
                                     const char  *idp_url,
                                     const char  *idp_key)
{
  g_return_if_fail (PC_IS_LOGIN_PAGE (self));

  g_free (self->idp_url);
  g_free (self->idp_key);
  self->idp_url = g_strdup (idp_url);
  self->idp_key = g_strdup (idp_key);
  if (self->state != STATE_BUSY && self->state != STATE_DONE)
    _pc_login_page_set_state (self, self->state == STATE_ERROR            ? STATE_ERROR
                                    : _pc_login_page_form_complete (self) ? STATE_READY
                                                                          : STATE_IDLE);
}

static void
pc_login_page_dispose (GObject *object)
{
  PcLoginPage *self = PC_LOGIN_PAGE (object);

  /* Closing the window cancels a sign-in under way. */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PC_TYPE_LOGIN_PAGE);
  /* The forms went with the template's children. */
  self->email_stack = NULL;
  self->email_row = self->password_row = NULL;
  self->new_email_row = self->new_password_row = self->confirm_row = NULL;
  self->new_email_error = self->strength_label = self->confirm_error = NULL;
  self->news_switch = NULL;
  G_OBJECT_CLASS (pc_login_page_parent_class)->dispose (object);
}

static void
pc_login_page_finalize (GObject *object)
{
  PcLoginPage *self = PC_LOGIN_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_free (self->idp_url);
  g_free (self->idp_key);
  g_free (self->error_text);
  g_free (self->notice_text);
  G_OBJECT_CLASS (pc_login_page_parent_class)->finalize (object);
}

static void
pc_login_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PcLoginPage *self = PC_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_login_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PcLoginPage *self = PC_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          if (self->session != NULL)
            select_server (self, pc_session_get_server (self->session));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_login_page_class_init (PcLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pc_login_page_dispose;
  object_class->finalize = pc_login_page_finalize;
  object_class->get_property = pc_login_page_get_property;
  object_class->set_property = pc_login_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pc-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, custom_row);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, method_stack);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, method_switcher);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, workspace_row);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, create_link);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, email_bin);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, create_bin);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, button_label);
  gtk_widget_class_bind_template_child (widget_class, PcLoginPage, create_page);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed);

  _pc_login_page_class_flows_init (widget_class);
}

static void
pc_login_page_init (PcLoginPage *self)
{
  GtkWidget *button;
  guint i = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* GTK 4.8's stack switcher leaves its buttons unnamed for screen readers:
   * each is named after its page. */
  for (button = gtk_widget_get_first_child (GTK_WIDGET (self->method_switcher)); button != NULL;
       button = gtk_widget_get_next_sibling (button), i++)
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (self->method_stack));
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      if (page != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_stack_page_get_title (page), -1);
    }
  /* Built after the window named its controls: named here, as the
   * other pages name theirs. */
  pc_a11y_name_controls (GTK_WIDGET (self));
  on_server_changed (self);
  _pc_login_page_set_state (self, STATE_IDLE);
}
