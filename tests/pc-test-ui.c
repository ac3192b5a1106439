/* pc-test-ui.c: what the UI suites share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>

#include "pc-clipboard.h"
#include "pc-secret-store.h"
#include "pc-test-ui.h"

/* Waiting: turn the main loop until @done holds, failing after a limit. A
 * periodic wake-up keeps the deadline checked when nothing else happens. */

static gboolean
pc_ui_wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
pc_ui_wait_for (PcUiFixture   *f,
                PcUiCondition  done,
                gconstpointer  data,
                const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + PC_UI_WAIT_LIMIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (100, pc_ui_wake_up, NULL);

  while (!done (f, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited %d s for %s", PC_UI_WAIT_LIMIT_SECONDS, what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

/* The page @name shows, and a stored sign-in found at start has had the
 * server's word: the signed-in view shows before it, with what was known. */
gboolean
pc_ui_page_is (PcUiFixture   *f,
               gconstpointer  name)
{
  return g_strcmp0 (pc_window_get_page_name (f->window), name) == 0 &&
         (f->session == NULL || !pc_session_get_restoring (f->session));
}

void
pc_ui_wait_for_page (PcUiFixture *f,
                     const char  *name)
{
  pc_ui_wait_for (f, pc_ui_page_is, name, name);
}

/* Finding widgets */

static gboolean
pc_ui_widget_matches (GtkWidget  *widget,
                      GType       type,
                      const char *text)
{
  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (text, "text:"))
    return strstr (gtk_label_get_label (GTK_LABEL (widget)), text + strlen ("text:")) != NULL;
  if (GTK_IS_LABEL (widget))
    return gtk_widget_has_css_class (widget, text);
  return FALSE;
}

GtkWidget *
pc_ui_find_widget (GtkWidget  *root,
                   GType       type,
                   const char *text)
{
  if (pc_ui_widget_matches (root, type, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pc_ui_find_widget (child, type, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible window of @type, such as a dialog, or NULL. */
GtkWindow *
pc_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

gboolean
pc_ui_toplevel_shown (PcUiFixture   *f,
                      gconstpointer  type)
{
  return pc_ui_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

gboolean
pc_ui_pointer_cleared (PcUiFixture   *f,
                       gconstpointer  pointer)
{
  return *(gpointer *) pointer == NULL;
}

gboolean
pc_ui_window_says (PcUiFixture   *f,
                   gconstpointer  text)
{
  g_autofree char *wanted = g_strconcat ("text:", text, NULL);
  return pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, wanted) != NULL;
}

/* The new-token dialog and the clipboard */

const char *
pc_ui_new_secret (PcNewTokenDialog *dialog)
{
  GtkWidget *label = pc_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "monospace");
  return label ? gtk_label_get_label (GTK_LABEL (label)) : "";
}

gboolean
pc_ui_new_secret_shown (PcUiFixture   *f,
                        gconstpointer  dialog)
{
  return *pc_ui_new_secret ((PcNewTokenDialog *) dialog) != '\0';
}

gboolean
pc_ui_clipboard_clear_done (PcUiFixture   *f,
                            gconstpointer  data)
{
  return !pc_clipboard_clear_pending ();
}

/* Processes: the app itself, started as a person would */

static void
pc_ui_die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
pc_ui_process_ended (GObject      *process,
                     GAsyncResult *result,
                     gpointer      ended)
{
  g_subprocess_wait_finish (G_SUBPROCESS (process), result, NULL);
  *(gboolean *) ended = TRUE;
}

/**
 * pc_ui_spawn:
 * @launcher: (nullable): with the environment wanted, or %NULL
 * @ended: set to %TRUE once the process has ended
 *
 * Starts @argv; it never outlives the test (meson would wait on it).
 */
GSubprocess *
pc_ui_spawn (GSubprocessLauncher *launcher,
             const char * const  *argv,
             gboolean            *ended)
{
  g_autoptr(GSubprocessLauncher) own = launcher ? g_object_ref (launcher)
                                                : g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (own, pc_ui_die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (own, argv, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, pc_ui_process_ended, ended);
  return process;
}

gboolean
pc_ui_flag_is_set (PcUiFixture   *f,
                   gconstpointer  flag)
{
  return *(const gboolean *) flag;
}

/* A button on screen by the words on it (with its mnemonic underscore). */
GtkWidget *
pc_ui_find_button (GtkWidget  *root,
                   const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pc_ui_find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
pc_ui_no_transition (PcUiFixture   *f,
                     gconstpointer  window)
{
  GtkWidget *stack = pc_ui_find_widget ((GtkWidget *) window, GTK_TYPE_STACK, NULL);
  return stack == NULL || !gtk_stack_get_transition_running (GTK_STACK (stack));
}

/* A window that has been laid out and has something to draw: a dialog
 * just presented on a busy machine may not have either yet. */
static gboolean
pc_ui_window_drawable (PcUiFixture   *f,
                       gconstpointer  window)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;

  if (!gtk_widget_get_mapped ((GtkWidget *) window))
    return FALSE;
  paintable = gtk_widget_paintable_new ((GtkWidget *) window);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  if (width <= 0 || height <= 0)
    return FALSE;
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return node != NULL;
}

/* Screenshots, for a person to look at in the test log folder. */
void
pc_ui_screenshot_window (PcUiFixture *f,
                         GtkWindow   *window,
                         const char  *name)
{
  const char *folder = g_getenv ("PUPIL_CLOUD_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (folder == NULL)
    return;
  /* The page crossfades in: wait for it to stand alone. */
  pc_ui_wait_for (f, pc_ui_no_transition, window, "the page transition");
  pc_ui_wait_for (f, pc_ui_window_drawable, window, "the window to be drawn");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (folder, 0755);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

void
pc_ui_screenshot (PcUiFixture *f,
                  const char  *name)
{
  pc_ui_screenshot_window (f, GTK_WINDOW (f->window), name);
}

/* The keyring */

static GAsyncResult *pc_ui_keyring_result;

static void
pc_ui_keyring_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  pc_ui_keyring_result = g_object_ref (result);
}

static gboolean
pc_ui_keyring_done (PcUiFixture   *f,
                    gconstpointer  data)
{
  return pc_ui_keyring_result != NULL;
}

PcCredentials *
pc_ui_stored (PcUiFixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PcCredentials *credentials;

  pc_secret_store_lookup_async (pc_ui_server (f), NULL, pc_ui_keyring_cb, NULL);
  pc_ui_wait_for (f, pc_ui_keyring_done, NULL, "the keyring");
  result = g_steal_pointer (&pc_ui_keyring_result);
  credentials = pc_secret_store_lookup_finish (result, &error);
  g_assert_no_error (error);
  return credentials;
}

void
pc_ui_store (PcUiFixture *f,
             const char  *token)
{
  g_autoptr(PcCredentials) credentials = pc_credentials_new (pc_ui_server (f),
                                                             PC_MOCK_DEMO_EMAIL, PC_CREDENTIALS_TOKEN,
                                                             token, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  pc_credentials_set_name (credentials, "Ada Demo");
  /* As the run that pc_ui_stored it would have left it. */
  g_settings_set_boolean (f->settings, "expect-sign-in", TRUE);
  pc_secret_store_save_async (credentials, NULL, pc_ui_keyring_cb, NULL);
  pc_ui_wait_for (f, pc_ui_keyring_done, NULL, "the keyring");
  result = g_steal_pointer (&pc_ui_keyring_result);
  g_assert_true (pc_secret_store_save_finish (result, NULL));
}

/* Pictures on another host, answered when the test says */

struct _PcUiPictures
{
  SoupServer *server;
  char *base;
  GHashTable *asked;  /* size → requests seen */
  GPtrArray *held;    /* paused messages */
  gboolean hold;
};

static GBytes *
pc_ui_picture_png (guint size)
{
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *data = g_malloc (size * size * 4);

  for (guint i = 0; i < size * size; i++)
    {
      data[i * 4] = (size * 40) & 0xff;
      data[i * 4 + 1] = 0x80;
      data[i * 4 + 2] = 0x40;
      data[i * 4 + 3] = 0xff;
    }
  pixels = g_bytes_new_take (data, size * size * 4);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_R8G8B8A8, pixels, size * 4);
  return gdk_texture_save_to_png_bytes (texture);
}

static void
pc_ui_picture_answer (SoupServerMessage *msg)
{
  g_autofree char *name = g_path_get_basename (g_uri_get_path (soup_server_message_get_uri (msg)));
  g_autoptr(GBytes) png = pc_ui_picture_png ((guint) g_ascii_strtoull (name, NULL, 10));

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, g_bytes_get_data (png, NULL),
                                    g_bytes_get_size (png));
}

static void
pc_ui_pictures_handle (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  PcUiPictures *self = user_data;
  guint size = (guint) g_ascii_strtoull (path + 1, NULL, 10);
  guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (self->asked, GUINT_TO_POINTER (size)));

  g_hash_table_insert (self->asked, GUINT_TO_POINTER (size), GUINT_TO_POINTER (seen + 1));
  if (!self->hold)
    {
      pc_ui_picture_answer (msg);
      return;
    }
  soup_server_message_pause (msg);
  g_ptr_array_add (self->held, g_object_ref (msg));
}

PcUiPictures *
pc_ui_pictures_new (void)
{
  PcUiPictures *self = g_new0 (PcUiPictures, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  self->server = soup_server_new (NULL, NULL);
  self->asked = g_hash_table_new (NULL, NULL);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  soup_server_add_handler (self->server, NULL, pc_ui_pictures_handle, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return self;
}

char *
pc_ui_pictures_url (PcUiPictures *self,
                    guint         size)
{
  /* The base ends with a slash. */
  return g_strdup_printf ("%s%u.png", self->base, size);
}

guint
pc_ui_pictures_asked (PcUiPictures *self,
                      guint         size)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->asked, GUINT_TO_POINTER (size)));
}

void
pc_ui_pictures_release (PcUiPictures *self,
                        guint         size)
{
  for (guint i = self->held->len; i > 0; i--)
    {
      SoupServerMessage *msg = g_ptr_array_index (self->held, i - 1);
      g_autofree char *name = g_path_get_basename (g_uri_get_path (soup_server_message_get_uri (msg)));

      if ((guint) g_ascii_strtoull (name, NULL, 10) != size)
        continue;
      pc_ui_picture_answer (msg);
      soup_server_message_unpause (msg);
      g_ptr_array_remove_index (self->held, i - 1);
    }
}

/* While held, pictures are asked for but not answered. */
void
pc_ui_pictures_hold (PcUiPictures *self,
                     gboolean      hold)
{
  self->hold = hold;
}

void
pc_ui_pictures_free (PcUiPictures *self)
{
  soup_server_disconnect (self->server);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_object (&self->server);
  g_hash_table_unref (self->asked);
  g_free (self->base);
  g_free (self);
}

/* Set-up */

static void
pc_ui_page_changed (GtkStack    *stack,
                    GParamSpec  *pspec,
                    PcUiFixture *f)
{
  g_ptr_array_add (f->pages_seen, g_strdup (gtk_stack_get_visible_child_name (stack)));
}

/* The server the window and the keyring items use. */
const char *
pc_ui_server (PcUiFixture *f)
{
  return f->server ? f->server : pc_mock_server_get_base_url (f->mock);
}

void
pc_ui_open_window (PcUiFixture *f)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *stack;

  g_clear_object (&f->session);
  f->session = pc_session_new (pc_ui_server (f), &error);
  g_assert_no_error (error);
  f->window = g_object_ref_sink (pc_window_new (NULL, f->session, f->settings));
  pc_window_set_identity_provider (f->window, pc_mock_server_get_idp_url (f->mock), PC_MOCK_IDP_KEY);
  stack = pc_ui_find_widget (GTK_WIDGET (f->window), GTK_TYPE_STACK, NULL);
  g_signal_connect (stack, "notify::visible-child-name", G_CALLBACK (pc_ui_page_changed), f);
  gtk_window_present (GTK_WINDOW (f->window));
  pc_window_start (f->window);
}

void
pc_ui_close_window (PcUiFixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_ptr_array_set_size (f->pages_seen, 0);
}

void
pc_ui_setup (PcUiFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  f->mock = pc_mock_server_start (&error);
  g_assert_no_error (error);
  f->settings = g_settings_new_with_backend (APP_ID, backend);
  f->pages_seen = g_ptr_array_new_with_free_func (g_free);
  if (data == NULL)
    {
      pc_ui_open_window (f);
      pc_ui_wait_for_page (f, "login");
    }
}

void
pc_ui_teardown (PcUiFixture   *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (f->window != NULL)
    pc_ui_close_window (f);
  pc_secret_store_clear_async (pc_ui_server (f), NULL, pc_ui_keyring_cb, NULL);
  pc_ui_wait_for (f, pc_ui_keyring_done, NULL, "the keyring");
  result = g_steal_pointer (&pc_ui_keyring_result);
  /* The run against a compressing mock really met compressed answers. */
  if (f->mock != NULL && g_getenv ("PUPIL_CLOUD_MOCK_COMPRESS") != NULL)
    g_assert_true (pc_mock_server_get_compressed_count (f->mock) > 0 ||
                   pc_mock_server_get_request_count (f->mock) == 0);
  g_clear_object (&f->session);
  g_clear_object (&f->settings);
  g_clear_object (&f->mock);
  g_clear_pointer (&f->server, g_free);
  g_clear_pointer (&f->pages_seen, g_ptr_array_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Xvfb has no window manager, so no window is ever active and a text that
 * loses the focus is not told so; GTK 4.8 then warns from the text's
 * cursor blink. Warnings are not fatal here, then, but any other one fails
 * the test. */
static GLogWriterOutput
watch_warnings (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         data)
{
  if (level & G_LOG_LEVEL_WARNING)
    {
      const char *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE"))
          message = fields[i].value;
      if (message == NULL || strstr (message, "did not receive a focus-out event") == NULL)
        g_test_fail ();
    }
  return g_log_writer_default (level, fields, n_fields, data);
}

/* After gtk_test_init(), which makes every warning fatal. */
void
pc_ui_tolerate_focus_out (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (watch_warnings, NULL, NULL);
}

void
pc_ui_init (int             *argc,
            char          ***argv,
            PcUiInitFlags    flags)
{
  if (flags & PC_UI_INIT_ISOLATE_DIRS)
    gtk_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  else
    gtk_test_init (argc, argv, NULL);
  adw_init ();
  if (flags & PC_UI_INIT_TOLERATE_FOCUS_OUT)
    pc_ui_tolerate_focus_out ();
}

/* pc_ui_setup's data: non-NULL, the test opens the window itself. */
static const char pc_ui_opened_by_the_test[] = "opened by the test";

void
pc_ui_add (const char *path,
           PcUiTest    test)
{
  g_test_add (path, PcUiFixture, pc_ui_opened_by_the_test, pc_ui_setup, test, pc_ui_teardown);
}

void
pc_ui_add_at_login (const char *path,
                    PcUiTest    test)
{
  g_test_add (path, PcUiFixture, NULL, pc_ui_setup, test, pc_ui_teardown);
}
