/* pc-token-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Token model of the API has no name; the name a person gives a token
 * when creating it is kept here, in a small JSON file in the user's data
 * folder: {"server": {"token id": "name"}}. Names are not secret; nothing
 * else is written. The file is read through the strict JSON scanner; one
 * that is broken is set aside, never a reason to stop. The app and the
 * command line both change it, each change made to what is on disk then.
 */
#define G_LOG_DOMAIN "PcTokenNames"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pc-client.h"
#include "pc-file-private.h"
#include "pc-json-private.h"
#include "pc-token-names.h"

/* A token names file larger than this is not read (10,000 names take about
 * 700 KB). */
#define MAX_FILE_SIZE (16 * 1024 * 1024)

struct _PcTokenNames
{
  GObject parent_instance;
  char *path;
  char *set_aside_path;
  GHashTable *servers; /* server → (token id → name) */
};

G_DEFINE_FINAL_TYPE (PcTokenNames, pc_token_names, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SET_ASIDE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
pc_token_names_finalize (GObject *object)
{
  PcTokenNames *self = PC_TOKEN_NAMES (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->set_aside_path, g_free);
  g_clear_pointer (&self->servers, g_hash_table_unref);
  G_OBJECT_CLASS (pc_token_names_parent_class)->finalize (object);
}

static void
pc_token_names_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PcTokenNames *self = PC_TOKEN_NAMES (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SET_ASIDE_PATH:
      g_value_set_string (value, self->set_aside_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_token_names_class_init (PcTokenNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pc_token_names_finalize;
  object_class->get_property = pc_token_names_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PcTokenNames:set-aside-path:
   *
   * Where the last file found broken was moved to, or %NULL.
   */
  properties[PROP_SET_ASIDE_PATH] =
    g_param_spec_string ("set-aside-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PcTokenNames::changed:
   * @server: the server the token belongs to
   * @token_id: the token whose name was given or taken away here
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_STRING);
}

static GHashTable *
servers_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
}

static void
pc_token_names_init (PcTokenNames *self)
{
  self->servers = servers_new ();
}

static GHashTable *
server_table (GHashTable *servers,
              const char *server,
              gboolean    create)
{
  g_autofree char *key = NULL;
  GHashTable *names;

  /* The keys are normalized addresses, and so is what most callers pass: a
   * lookup for each of 10,000 tokens copies nothing when it is found, or
   * when no server has names at all. */
  names = g_hash_table_lookup (servers, server);
  if (names != NULL || (!create && g_hash_table_size (servers) == 0))
    return names;
  key = pc_client_normalize_url (server);
  names = g_hash_table_lookup (servers, key);

  if (names == NULL && create)
    {
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (servers, g_steal_pointer (&key), names);
    }
  return names;
}

/* The file's names into a new table: an absent file is an empty table; a
 * file that is not strict JSON, or not an object, is an error (@broken set),
 * as is one that cannot be read (@broken not set). Members of the wrong
 * type are skipped. */
static GHashTable *
read_file (const char  *path,
           gboolean    *broken,
           GError     **error)
{
  g_autoptr(GHashTable) servers = servers_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  JsonObjectIter iter;
  const char *server;
  JsonNode *node;

  *broken = FALSE;
  if (!pc_file_read_bounded (path, MAX_FILE_SIZE, PC_FILE_FOLLOW_LINKS, &data, &length, broken, error))
    {
      if (error != NULL && g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (error);
          return g_steal_pointer (&servers);
        }
      return NULL;
    }
  root = pc_json_parse_strict (data, length, PC_JSON_PARSE_DEFAULT, NULL, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *broken = TRUE;
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: not a JSON object", path);
      return NULL;
    }

  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &server, &node))
    {
      JsonObjectIter tokens;
      const char *id;
      JsonNode *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      json_object_iter_init (&tokens, json_node_get_object (node));
      while (json_object_iter_next (&tokens, &id, &name))
        if (JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
          g_hash_table_insert (server_table (servers, server, TRUE), g_strdup (id),
                               g_strdup (json_node_get_string (name)));
    }
  return g_steal_pointer (&servers);
}

/* A broken file is moved aside, never overwritten: it may be the only copy
 * of names someone wants back. */
static void
set_aside (PcTokenNames *self,
           const char   *reason)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = NULL;

  for (guint n = 0; n < 100; n++)
    {
      g_free (target);
      target = n == 0 ? g_strdup_printf ("%s.corrupt-%s", self->path, stamp)
                      : g_strdup_printf ("%s.corrupt-%s-%u", self->path, stamp, n);
      if (!g_file_test (target, G_FILE_TEST_EXISTS))
        break;
    }
  if (g_rename (self->path, target) != 0)
    {
      int saved_errno = errno;

      g_warning ("Token names file is broken (%s) and could not be set aside: %s", reason, g_strerror (saved_errno));
      return;
    }
  g_warning ("Token names file is broken (%s); set aside as %s", reason, target);
  g_free (self->set_aside_path);
  self->set_aside_path = g_steal_pointer (&target);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SET_ASIDE_PATH]);
}

/* What is on disk now; a broken file is set aside and reads as empty. */
static GHashTable *
reread (PcTokenNames  *self,
        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean broken = FALSE;
  GHashTable *servers = read_file (self->path, &broken, &local_error);

  if (servers != NULL)
    return servers;
  if (broken)
    {
      set_aside (self, local_error->message);
      return servers_new ();
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* Writers, and whoever may set a broken file aside, hold this lock, so
 * that no process moves aside a file another has just written whole.
 * Returns the lock's descriptor, or -1 without one (then a change is still
 * whole; only one made by another process at the same instant may be
 * lost). */
static int
take_lock (PcTokenNames *self)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  int lock = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (lock >= 0 && flock (lock, LOCK_EX) == 0)
    return lock;
  g_debug ("Token names not locked: %s", g_strerror (errno));
  if (lock >= 0)
    close (lock);
  return -1;
}

/* The names are a comfort: a file that cannot be read must not stop the
 * app, so the store starts empty. */
static void
load (PcTokenNames *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (self->path);
  int lock = g_file_test (folder, G_FILE_TEST_IS_DIR) ? take_lock (self) : -1;
  GHashTable *servers = reread (self, &error);

  if (lock >= 0)
    close (lock);

  if (servers == NULL)
    {
      g_debug ("Token names not read: %s", error->message);
      return;
    }
  g_hash_table_unref (self->servers);
  self->servers = servers;
}

/* json-glib 1.6.6 writes U+001F into a string unescaped, which is not JSON:
 * the file would be refused when read back. Outside strings its output is
 * plain ASCII, so every such byte is inside one. */
static char *
escape_unit_separator (char *text)
{
  GString *out;

  if (strchr (text, 0x1f) == NULL)
    return text;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (*p == 0x1f)
      g_string_append (out, "\\u001f");
    else
      g_string_append_c (out, *p);
  g_free (text);
  return g_string_free (out, FALSE);
}

/* Written whole to a temporary file, then renamed: never half-written. */
static gboolean
write_file (const char  *path,
            GHashTable  *servers,
            GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  GHashTableIter iter;
  gpointer server, names;

  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, servers);
  while (g_hash_table_iter_next (&iter, &server, &names))
    {
      GHashTableIter tokens;
      gpointer id, name;

      if (g_hash_table_size (names) == 0)
        continue;
      json_builder_set_member_name (builder, server);
      json_builder_begin_object (builder);
      g_hash_table_iter_init (&tokens, names);
      while (g_hash_table_iter_next (&tokens, &id, &name))
        {
          json_builder_set_member_name (builder, id);
          json_builder_add_string_value (builder, name);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  data = escape_unit_separator (json_to_string (root, TRUE));

  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* @name %NULL removes; whether anything changed. */
static gboolean
apply (GHashTable *servers,
       const char *server,
       const char *token_id,
       const char *name)
{
  GHashTable *names = server_table (servers, server, name != NULL);

  if (name == NULL)
    return names != NULL && g_hash_table_remove (names, token_id);
  if (g_strcmp0 (g_hash_table_lookup (names, token_id), name) == 0)
    return FALSE;
  g_hash_table_insert (names, g_strdup (token_id), g_strdup (name));
  return TRUE;
}

/* Takes @servers as the store's content, in place, so that a name looked
 * up earlier stays valid unless it changed. */
static void
adopt (PcTokenNames *self,
       GHashTable   *servers)
{
  GHashTableIter iter;
  gpointer server, names;

  g_hash_table_iter_init (&iter, self->servers);
  while (g_hash_table_iter_next (&iter, &server, &names))
    {
      GHashTable *fresh = g_hash_table_lookup (servers, server);
      GHashTableIter tokens;
      gpointer id;

      g_hash_table_iter_init (&tokens, names);
      while (g_hash_table_iter_next (&tokens, &id, NULL))
        if (fresh == NULL || !g_hash_table_contains (fresh, id))
          g_hash_table_iter_remove (&tokens);
    }
  g_hash_table_iter_init (&iter, servers);
  while (g_hash_table_iter_next (&iter, &server, &names))
    {
      GHashTableIter tokens;
      gpointer id, name;

      g_hash_table_iter_init (&tokens, names);
      while (g_hash_table_iter_next (&tokens, &id, &name))
        apply (self->servers, server, id, name);
    }
}

/* The app and the command line both write the file: each change is made
 * to what is on disk at that moment, under a lock, so that neither loses a
 * name the other wrote since it last read. @name %NULL removes. */
static gboolean
change (PcTokenNames  *self,
        const char    *server,
        const char    *token_id,
        const char    *name,
        GError       **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autoptr(GHashTable) servers = NULL;
  gboolean ok = TRUE;
  int lock = -1;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      apply (self->servers, server, token_id, name);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s",
                   folder, g_strerror (saved_errno));
      g_signal_emit (self, signals[CHANGED], 0, server, token_id);
      return FALSE;
    }
  lock = take_lock (self);

  servers = reread (self, error);
  if (servers == NULL)
    {
      /* Unreadable (not broken): left alone, the change kept for now. */
      apply (self->servers, server, token_id, name);
      ok = FALSE;
    }
  else
    {
      if (apply (servers, server, token_id, name))
        ok = write_file (self->path, servers, error);
      adopt (self, servers);
    }

  if (lock >= 0)
    close (lock);
  /* In memory it has changed either way: rows, searches and orders
   * follow. */
  g_signal_emit (self, signals[CHANGED], 0, server, token_id);
  return ok;
}

/**
 * pc_token_names_new:
 * @path: (nullable): the file; the user's data folder when %NULL
 */
PcTokenNames *
pc_token_names_new (const char *path)
{
  PcTokenNames *self = g_object_new (PC_TYPE_TOKEN_NAMES, NULL);

  self->path = path ? g_strdup (path)
                    : g_build_filename (g_get_user_data_dir (), "pupil-cloud-desktop", "token-names.json", NULL);
  load (self);
  return self;
}

const char *
pc_token_names_get_path (PcTokenNames *self)
{
  g_return_val_if_fail (PC_IS_TOKEN_NAMES (self), NULL);
  return self->path;
}

/**
 * pc_token_names_get_set_aside_path:
 *
 * Returns: (nullable): where a broken file was moved to, when one was
 */
const char *
pc_token_names_get_set_aside_path (PcTokenNames *self)
{
  g_return_val_if_fail (PC_IS_TOKEN_NAMES (self), NULL);
  return self->set_aside_path;
}

const char *
pc_token_names_lookup (PcTokenNames *self,
                       const char   *server,
                       const char   *token_id)
{
  GHashTable *names;

  g_return_val_if_fail (PC_IS_TOKEN_NAMES (self), NULL);

  names = server_table (self->servers, server, FALSE);
  return names && token_id ? g_hash_table_lookup (names, token_id) : NULL;
}

gboolean
pc_token_names_set (PcTokenNames  *self,
                    const char    *server,
                    const char    *token_id,
                    const char    *name,
                    GError       **error)
{
  g_return_val_if_fail (PC_IS_TOKEN_NAMES (self), FALSE);
  g_return_val_if_fail (server != NULL && token_id != NULL && name != NULL, FALSE);

  return change (self, server, token_id, name, error);
}

gboolean
pc_token_names_remove (PcTokenNames  *self,
                       const char    *server,
                       const char    *token_id,
                       GError       **error)
{
  g_return_val_if_fail (PC_IS_TOKEN_NAMES (self), FALSE);
  g_return_val_if_fail (server != NULL && token_id != NULL, FALSE);

  return change (self, server, token_id, NULL, error);
}
