/* pc-token-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Token model of the API has no name; the name a person gives a token
 * when creating it is kept here, in a small JSON file in the user's data
 * folder: {"server": {"token id": "name"}}. Names are not secret; nothing
 * else is written.
 */
#define G_LOG_DOMAIN "PcTokenNames"

#include <json-glib/json-glib.h>

#include "pc-client.h"
#include "pc-token-names.h"

struct _PcTokenNames
{
  GObject parent_instance;
  char *path;
  GHashTable *servers; /* server → (token id → name) */
};

G_DEFINE_FINAL_TYPE (PcTokenNames, pc_token_names, G_TYPE_OBJECT)

static void
pc_token_names_finalize (GObject *object)
{
  PcTokenNames *self = PC_TOKEN_NAMES (object);

  g_free (self->path);
  g_hash_table_unref (self->servers);
  G_OBJECT_CLASS (pc_token_names_parent_class)->finalize (object);
}

static void
pc_token_names_class_init (PcTokenNamesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pc_token_names_finalize;
}

static void
pc_token_names_init (PcTokenNames *self)
{
  self->servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
}

static GHashTable *
server_table (PcTokenNames *self,
              const char   *server,
              gboolean      create)
{
  g_autofree char *key = pc_client_normalize_url (server);
  GHashTable *names = g_hash_table_lookup (self->servers, key);

  if (names == NULL && create)
    {
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->servers, g_steal_pointer (&key), names);
    }
  return names;
}

/* A file that cannot be read is treated as empty: the names are a comfort,
 * and losing them must not stop the app. */
static void
load (PcTokenNames *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObjectIter servers;
  const char *server;
  JsonNode *node;

  if (!json_parser_load_from_mapped_file (parser, self->path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Token names not read: %s", error->message);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  json_object_iter_init (&servers, json_node_get_object (root));
  while (json_object_iter_next (&servers, &server, &node))
    {
      JsonObjectIter tokens;
      const char *id;
      JsonNode *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      json_object_iter_init (&tokens, json_node_get_object (node));
      while (json_object_iter_next (&tokens, &id, &name))
        if (JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
          g_hash_table_insert (server_table (self, server, TRUE), g_strdup (id),
                               g_strdup (json_node_get_string (name)));
    }
}

/* Written whole to a temporary file, then renamed: never half-written. */
static gboolean
save (PcTokenNames  *self,
      GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *data = NULL;
  GHashTableIter servers;
  gpointer server, names;

  json_builder_begin_object (builder);
  g_hash_table_iter_init (&servers, self->servers);
  while (g_hash_table_iter_next (&servers, &server, &names))
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
  data = json_to_string (root, TRUE);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", folder, g_strerror (errno));
      return FALSE;
    }
  return g_file_set_contents_full (self->path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
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

const char *
pc_token_names_lookup (PcTokenNames *self,
                       const char   *server,
                       const char   *token_id)
{
  GHashTable *names;

  g_return_val_if_fail (PC_IS_TOKEN_NAMES (self), NULL);

  names = server_table (self, server, FALSE);
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

  g_hash_table_insert (server_table (self, server, TRUE), g_strdup (token_id), g_strdup (name));
  return save (self, error);
}

gboolean
pc_token_names_remove (PcTokenNames  *self,
                       const char    *server,
                       const char    *token_id,
                       GError       **error)
{
  GHashTable *names;

  g_return_val_if_fail (PC_IS_TOKEN_NAMES (self), FALSE);

  names = server_table (self, server, FALSE);
  if (names == NULL || !g_hash_table_remove (names, token_id))
    return TRUE;
  return save (self, error);
}
