/* pc-inbox-seen.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invitations already announced, by id (never by token), in a small
 * key file with a group per server and account, so that a restart does not
 * announce them again.
 */
#define G_LOG_DOMAIN "PcInbox"

#include <errno.h>
#include <glib/gstdio.h>

#include "pc-inbox-private.h"
#include "pupilcloud.h"

/* The ids seen, kept across restarts */

/* A key file's group name may hold neither brackets nor control
 * characters, and an IPv6 address ("http://[::1]:8080") has brackets: they
 * and "%" are written as %XX, which leaves every other address as it was. */
static char *
escape_group (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '[' || *p == ']' || *p == '%' || g_ascii_iscntrl (*p))
        g_string_append_printf (out, "%%%02X", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
seen_group_for (PcInbox *self)
{
  const char *account = pc_session_get_account (self->session);
  g_autofree char *server = pc_client_normalize_url (pc_session_get_server (self->session));
  g_autofree char *group = NULL;

  if (account == NULL)
    return NULL;
  group = g_strdup_printf ("%s %s", server, account);
  return escape_group (group);
}

void
pc_inbox_seen_load (PcInbox *self)
{
  g_autofree char *group = seen_group_for (self);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) ids = NULL;

  if (g_strcmp0 (group, self->seen_group) == 0)
    return;
  g_free (self->seen_group);
  self->seen_group = g_steal_pointer (&group);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  if (self->seen_group == NULL || !g_key_file_load_from_file (file, self->seen_path, G_KEY_FILE_NONE, NULL))
    return;
  ids = g_key_file_get_string_list (file, self->seen_group, "seen", NULL, NULL);
  if (ids == NULL)
    return;
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (self->seen, g_strdup (ids[i]));
}

void
pc_inbox_seen_save (PcInbox *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (self->seen_path);
  g_autofree const char **ids = NULL;
  g_autofree char *data = NULL;
  gsize length;
  guint n;

  g_key_file_load_from_file (file, self->seen_path, G_KEY_FILE_NONE, NULL);
  ids = (const char **) g_hash_table_get_keys_as_array (self->seen, &n);
  g_key_file_set_string_list (file, self->seen_group, "seen", ids, n);
  data = g_key_file_to_data (file, &length, NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0 ||
      !g_file_set_contents_full (self->seen_path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Could not remember the invitations seen: %s", error ? error->message : g_strerror (errno));
}
