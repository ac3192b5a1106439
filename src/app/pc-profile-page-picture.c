/* pc-profile-page-picture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Profile page's picture: fetched from the address the profile gives,
 * decoded in a worker thread, kept once per run under that address, and
 * shown only if the profile still points there when it arrives.
 */
#define G_LOG_DOMAIN "PcProfilePage"

#include "pc-picture-texture.h"
#include "pc-profile-page-private.h"

/* Pictures, decoded once per run, by address. */
static GHashTable *
picture_cache (void)
{
  static GHashTable *cache;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return cache;
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = pc_picture_texture_new (data, PC_PICTURE_MAX_SIDE, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* A picture on its way, fetched then decoded: the address asked for
 * travels with it, since the profile may have moved on (another picture,
 * or none) before it arrives. */
typedef struct
{
  PcProfilePage *self;
  char *url;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->self);
  g_free (fetch->url);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  PcProfilePage *self = fetch->self;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      /* Initials, said nothing about: a picture is not worth a message. */
      g_debug ("The picture could not be decoded: %s", error->message);
      return;
    }
  /* Kept under the address it came from, shown only if still wanted. */
  g_hash_table_insert (picture_cache (), g_strdup (fetch->url), g_object_ref (texture));
  if (g_strcmp0 (fetch->url, self->picture_url) == 0)
    adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
  else
    g_debug ("A picture arrived for an address no longer shown; kept for later");
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  PcProfilePage *self = fetch->self;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) decode = NULL;

  bytes = pc_client_fetch_picture_finish (PC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      g_debug ("No picture: %s", error->message);
      return;
    }
  decode = g_task_new (self, self->cancellable, decoded_cb, g_steal_pointer (&fetch));
  g_task_set_task_data (decode, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (decode, decode_in_thread);
}

void
_pc_profile_page_show_picture (PcProfilePage *self,
                               const char    *url)
{
  GdkTexture *cached;
  Fetch *fetch;

  if (g_strcmp0 (url, self->picture_url) == 0)
    return;
  g_free (self->picture_url);
  self->picture_url = g_strdup (url);
  cached = url ? g_hash_table_lookup (picture_cache (), url) : NULL;
  adw_avatar_set_custom_image (self->avatar, cached ? GDK_PAINTABLE (cached) : NULL);
  if (url == NULL || cached != NULL)
    return;
  fetch = g_new0 (Fetch, 1);
  fetch->self = g_object_ref (self);
  fetch->url = g_strdup (url);
  pc_client_fetch_picture_async (pc_session_get_client (self->session), url, self->cancellable, fetched_cb, fetch);
}
