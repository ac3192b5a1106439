/* test-profile-late.c: the Profile page when answers land after the person
 * moved on (a picture changed or removed meanwhile, a save after signing
 * out, feedback after the window closed), and the picture decoder's size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, in the private D-Bus session with a real gnome-keyring, against
 * the mock cloud served from this same main loop; each test with its own
 * HOME and XDG folders.
 */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "pc-client.h"
#include "pc-login-page.h"
#include "pc-picture-texture.h"
#include "pc-profile-page.h"
#include "pc-test-ui.h"
#include "pc-tokens-page.h"
#include "test-profile-common.h"

typedef PcUiFixture Fixture;

/* Answers that land after the person moved on */

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      done)
{
  g_autoptr(GError) error = NULL;

  pc_session_refresh_finish (PC_SESSION (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) done = TRUE;
}

/* The profile changes on the server and the app hears of it. */
static void
change_photo (Fixture    *f,
              const char *url)
{
  gboolean done = FALSE;

  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, url);
  pc_session_refresh_async (f->session, NULL, refresh_done, &done);
  pc_ui_wait_for (f, pc_ui_flag_is_set, &done, "the profile again");
  g_assert_cmpstr (pc_profile_get_photo_url (pc_session_get_profile (f->session)), ==, url);
}

static AdwAvatar *
avatar (Fixture *f)
{
  return ADW_AVATAR (pc_ui_find_widget (prof_page (f), ADW_TYPE_AVATAR, NULL));
}

static int
shown_width (Fixture *f)
{
  GdkPaintable *image = adw_avatar_get_custom_image (avatar (f));
  return image ? gdk_paintable_get_intrinsic_width (image) : 0;
}

static gboolean
shows_width (Fixture       *f,
             gconstpointer  width)
{
  return shown_width (f) == GPOINTER_TO_INT (width);
}

typedef struct
{
  PcUiPictures *pictures;
  guint size;
  guint times;
} Asked;

static gboolean
picture_requested (Fixture       *f,
                   gconstpointer  data)
{
  const Asked *asked = data;
  return pc_ui_pictures_asked (asked->pictures, asked->size) >= asked->times;
}

/* Every picture the avatar shows, by width, in order. */
static void
record_picture (AdwAvatar  *avatar,
                GParamSpec *pspec,
                GArray     *widths)
{
  GdkPaintable *image = adw_avatar_get_custom_image (avatar);
  int width = image ? gdk_paintable_get_intrinsic_width (image) : 0;

  g_array_append_val (widths, width);
}

static void
test_picture_changed_in_flight (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PcUiPictures) pictures = pc_ui_pictures_new ();
  g_autofree char *first = pc_ui_pictures_url (pictures, 4);
  g_autofree char *second = pc_ui_pictures_url (pictures, 6);
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (int));
  gulong id;

  pc_ui_pictures_hold (pictures, TRUE);
  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, first);
  prof_sign_in (f);
  pc_ui_wait_for (f, picture_requested, &(Asked) { pictures, 4, 1 }, "the first picture to be asked for");

  /* Another picture while the first is on its way; both wait. */
  change_photo (f, second);
  pc_ui_wait_for (f, picture_requested, &(Asked) { pictures, 6, 1 }, "the second picture to be asked for");
  g_assert_cmpint (shown_width (f), ==, 0);
  id = g_signal_connect (avatar (f), "notify::custom-image", G_CALLBACK (record_picture), widths);

  /* The first arrives late: never shown for the second. */
  pc_ui_pictures_release (pictures, 4);
  pc_ui_pictures_release (pictures, 6);
  pc_ui_wait_for (f, shows_width, GINT_TO_POINTER (6), "the second picture");
  for (guint i = 0; i < widths->len; i++)
    g_assert_cmpint (g_array_index (widths, int, i), !=, 4);
  g_signal_handler_disconnect (avatar (f), id);

  /* Each kept under its own address: back and forth, the right one each time. */
  pc_mock_server_set_latency (f->mock, 300);
  change_photo (f, first);
  pc_ui_wait_for (f, shows_width, GINT_TO_POINTER (4), "the first picture again");
  change_photo (f, second);
  g_assert_cmpint (shown_width (f), ==, 6);
  g_assert_cmpuint (pc_ui_pictures_asked (pictures, 6), ==, 1);
}

static void
test_picture_removed_in_flight (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PcUiPictures) pictures = pc_ui_pictures_new ();
  g_autofree char *url = pc_ui_pictures_url (pictures, 5);

  pc_ui_pictures_hold (pictures, TRUE);
  pc_mock_state_set_photo_url (pc_mock_server_get_state (f->mock), PC_MOCK_DEMO_EMAIL, url);
  prof_sign_in (f);
  pc_ui_wait_for (f, picture_requested, &(Asked) { pictures, 5, 1 }, "the picture to be asked for");

  /* The profile loses its picture while it is on its way. */
  change_photo (f, NULL);
  pc_ui_pictures_release (pictures, 5);
  g_assert_null (adw_avatar_get_custom_image (avatar (f)));
  g_assert_true (adw_avatar_get_show_initials (avatar (f)));

  /* It arrives: no crash, initials stay. The round trip of another
   * profile (slowed down) lets it land first; then, asked for again, it
   * comes from what was kept, not from the network. */
  pc_mock_server_set_latency (f->mock, 300);
  {
    gboolean done = FALSE;
    pc_session_refresh_async (f->session, NULL, refresh_done, &done);
    pc_ui_wait_for (f, pc_ui_flag_is_set, &done, "the profile again");
  }
  g_assert_null (adw_avatar_get_custom_image (avatar (f)));
  g_assert_cmpstr (adw_avatar_get_text (avatar (f)), ==, "Ada Demo");
  change_photo (f, url);
  g_assert_cmpint (shown_width (f), ==, 5);
  g_assert_cmpuint (pc_ui_pictures_asked (pictures, 5), ==, 1);
}

static gboolean
login_shown (Fixture       *f,
             gconstpointer  data)
{
  return pc_ui_page_is (f, "login");
}

/* Each profile the session is given, by name ("" for none). */
static void
record_profile (PcSession  *session,
                GParamSpec *pspec,
                GPtrArray  *names)
{
  PcProfile *profile = pc_session_get_profile (session);
  g_ptr_array_add (names, g_strdup (profile ? pc_profile_get_display_name (profile) : ""));
}

static gboolean
dialog_found (Fixture       *f,
              gconstpointer  data)
{
  return pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
saved_once (Fixture       *f,
            gconstpointer  data)
{
  return prof_patches (f) == 1;
}

static gboolean
name_row_says (Fixture       *f,
               gconstpointer  text)
{
  return prof_profile_shown (f, NULL) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (prof_row (f, "Name"))), text) == 0;
}

static void
test_save_after_sign_out (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  AdwMessageDialog *dialog;
  GtkWidget *login;
  gulong id;

  prof_sign_in (f);
  pc_mock_server_set_latency (f->mock, 400);
  prof_apply (f, "Name", "Late Name");
  pc_ui_wait_for (f, saved_once, NULL, "the save to reach the server");

  /* Signed out while the save is on its way. */
  id = g_signal_connect (f->session, "notify::profile", G_CALLBACK (record_profile), names);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  pc_ui_wait_for (f, dialog_found, NULL, "the sign-out confirmation");
  dialog = ADW_MESSAGE_DIALOG (pc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "sign-out");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pc_ui_wait_for (f, login_shown, NULL, "the login page");

  /* Another person signs in; their profile, asked for after the save,
   * is answered after it. */
  login = pc_ui_find_widget (GTK_WIDGET (f->window), PC_TYPE_LOGIN_PAGE, NULL);
  gtk_editable_set_text (GTK_EDITABLE (pc_ui_find_widget (login, ADW_TYPE_ENTRY_ROW, "API Token")),
                         PC_UI_COLLEAGUE_TOKEN);
  g_assert_true (gtk_widget_activate_action (login, "login.sign-in", NULL));
  pc_ui_wait_for_page (f, "main");
  pc_window_show_view (f->window, "profile");
  pc_ui_wait_for (f, name_row_says, "Grace Colleague", "the colleague's profile");
  g_assert_cmpstr (pc_session_get_display_name (f->session), ==, "Grace Colleague");

  /* The old profile never came back, not even for a moment. */
  g_assert_cmpuint (names->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "");
  for (guint i = 0; i < names->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (names, i), !=, "Ada Demo");
      g_assert_cmpstr (g_ptr_array_index (names, i), !=, "Late Name");
    }
  g_signal_handler_disconnect (f->session, id);
}

static gboolean
sso_asked (Fixture       *f,
           gconstpointer  data)
{
  return pc_mock_server_count_requests (f->mock, "GET", "/auth/canny-sso") > 0;
}

/* The feedback token arrives for a window already closed: nothing opens,
 * nothing is said, the window is let go. */
static void
test_feedback_after_close (Fixture       *f,
                           gconstpointer  data)
{
  gpointer window;

  prof_sign_in (f);
  g_settings_set_string (f->settings, "feedback-sso-url", "https://board.example/sso?token={token}&to={board}");
  pc_mock_server_set_latency (f->mock, 500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.feedback", NULL));
  pc_ui_wait_for (f, sso_asked, NULL, "the feedback token to be asked for");
  window = f->window;
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  pc_ui_close_window (f);
  pc_ui_wait_for (f, pc_ui_pointer_cleared, &window, "the window to be let go");
}

/* A grey JPEG of @width × @height, as a camera or an attacker makes it. */
static GBytes *
make_jpeg (int width,
           int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "10", NULL));
  return g_bytes_new_take (buffer, size);
}

/* The decoder's own idea of the size decides: a picture wider than the
 * limit is not decoded, whatever its header was taken to say. A JPEG
 * whose real frame hides behind stuffing (FF 00), with a small frame
 * after it for header readers, is refused by the client's reader too. */
static void
test_picture_decoder_size (void)
{
  g_autoptr(GBytes) small = make_jpeg (64, 48);
  g_autoptr(GBytes) wide = make_jpeg (PC_PICTURE_MAX_SIDE + 1, 8);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) polyglot = g_byte_array_new ();
  g_autoptr(GBytes) hidden = NULL;
  gsize wide_length;
  const guint8 *wide_data = g_bytes_get_data (wide, &wide_length);
  guint width, height;
  static const guint8 small_frame[] = { 0xff, 0xd9, 0x00, 0x02, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x40,
                                        0x00, 0x40, 0x01, 0x01, 0x11, 0x00 };

  texture = pc_picture_texture_new (small, PC_PICTURE_MAX_SIDE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 64);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 48);
  g_clear_object (&texture);

  texture = pc_picture_texture_new (wide, PC_PICTURE_MAX_SIDE, &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* FF D8, FF 00 and a length that skips the real JPEG (SOI left out),
   * then an end and a 64 × 64 frame. */
  g_byte_array_append (polyglot, (const guint8 *) "\xff\xd8\xff\x00", 4);
  g_byte_array_append (polyglot, (const guint8[]) { (wide_length) >> 8, (wide_length) & 0xff }, 2);
  g_byte_array_append (polyglot, wide_data + 2, wide_length - 2);
  g_byte_array_append (polyglot, small_frame, sizeof small_frame);
  hidden = g_bytes_new (polyglot->data, polyglot->len);
  g_assert_false (pc_picture_get_size (hidden, &width, &height));
  texture = pc_picture_texture_new (hidden, PC_PICTURE_MAX_SIDE, &error);
  g_assert_null (texture);
}
int
main (int   argc,
      char *argv[])
{
  pc_ui_init (&argc, &argv, PC_UI_INIT_ISOLATE_DIRS);

  g_test_add_func ("/profile/picture/decoder-size", test_picture_decoder_size);
  pc_ui_add ("/profile/late/picture-changed", test_picture_changed_in_flight);
  pc_ui_add ("/profile/late/picture-removed", test_picture_removed_in_flight);
  pc_ui_add ("/profile/late/save-after-sign-out", test_save_after_sign_out);
  pc_ui_add ("/profile/late/feedback-after-close", test_feedback_after_close);
  return g_test_run ();
}
