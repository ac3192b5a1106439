/* pc-token-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Tokens page showed last, so that a signed-in start shows it at
 * once while the server is asked: ids, names, dates and the last four
 * characters of a secret the server sent masked, never more of it. One file per server
 * and account in $XDG_CACHE_HOME/pupil-cloud-desktop/, named by a hash of
 * both (no email address in a file name), 0600, written whole or not at
 * all, read through the strict JSON scanner and dropped when broken. A
 * sign-out or a deleted account drops it; a save that was already under
 * way then writes nothing.
 */
#define G_LOG_DOMAIN "PcTokenCache"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pc-client.h"
#include "pc-file-private.h"
#include "pc-json-private.h"
#include "pc-model-private.h"
#include "pc-token-cache.h"

#define CACHE_VERSION 1
/* 10,000 tokens take about 1.3 MB; a list far longer than anyone keeps is
 * not a list of ours. */
#define MAX_FILE_SIZE (32 * 1024 * 1024)
#define MAX_TOKENS 100000
/* At most this much of a token's masked secret is kept: its last four
 * characters, behind dots, the form pc_token_dup_masked() shows. */
#define MASK "••••"

/* Drops and saves take turns: a save checks, under the lock, that no drop
 * came since it started before it writes. */
G_LOCK_DEFINE_STATIC (cache);
static guint drops;

/**
 * pc_token_cache_dup_path:
 *
 * Where the list of @account on @server is kept, or %NULL without both.
 */
char *
pc_token_cache_dup_path (const char *server,
                         const char *account)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  if (server == NULL || account == NULL || *account == '\0')
    return NULL;
  normalized = pc_client_normalize_url (server);
  folded = g_utf8_casefold (account, -1);
  key = g_strconcat (normalized ? normalized : server, "\n", folded, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strconcat ("tokens-", hash, ".json", NULL);
  return g_build_filename (g_get_user_cache_dir (), "pupil-cloud-desktop", name, NULL);
}

/* Loading */

/* @path: from the calling thread (GLib's user folders may change under a
 * worker, as GLib's test framework does between tests). */
static GPtrArray *
load_path (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  JsonObject *object;
  JsonArray *array;
  gboolean broken = FALSE;
  gsize length = 0;

  if (path == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  if (!pc_file_read_bounded (path, MAX_FILE_SIZE, PC_FILE_NO_LINKS, &data, &length, &broken, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_ptr_array_new_with_free_func (g_object_unref);
      if (broken)
        g_unlink (path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  root = pc_json_parse_strict (data, length, PC_JSON_PARSE_DEFAULT, NULL, NULL);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  array = object != NULL && json_object_get_int_member_with_default (object, "version", 0) == CACHE_VERSION &&
          json_object_has_member (object, "tokens") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tokens"))
            ? json_object_get_array_member (object, "tokens") : NULL;
  if (array == NULL || json_array_get_length (array) > MAX_TOKENS)
    {
      /* Broken, or of another version: it is only a cache. */
      g_unlink (path);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: not a list of tokens", path);
      return NULL;
    }

  tokens = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PcToken *token = JSON_NODE_HOLDS_OBJECT (node) ? pc_token_new_from_json (json_node_get_object (node), NULL)
                                                     : NULL;

      if (token != NULL)
        g_ptr_array_add (tokens, token);
    }
  return g_steal_pointer (&tokens);
}

GPtrArray *
pc_token_cache_load (const char  *server,
                     const char  *account,
                     GError     **error)
{
  g_autofree char *path = pc_token_cache_dup_path (server, account);

  return load_path (path, error);
}

typedef struct
{
  char *path;
  GPtrArray *tokens;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->tokens, g_ptr_array_unref);
  g_free (job);
}

/* The path is found here, in the caller's thread, not in the worker's. */
static Job *
job_new (const char *server,
         const char *account,
         GPtrArray  *tokens)
{
  Job *job = g_new0 (Job, 1);

  job->path = pc_token_cache_dup_path (server, account);
  job->tokens = tokens ? g_ptr_array_ref (tokens) : NULL;
  return job;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  GPtrArray *tokens = load_path (job->path, &error);

  if (tokens == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) g_ptr_array_unref);
}

/* The list read ahead (pc_token_cache_read_ahead()), under the lock; a
 * drop or a save of that list clears it. */
static Job *ahead;

/**
 * pc_token_cache_read_ahead:
 *
 * Reads the list kept for @account on @server, in the calling thread, for
 * the next pc_token_cache_load_async() to take if it asks for that list
 * and no drop came in between: for an app's start, in the thread that
 * looks up its sign-in (pc_secret_store_look_ahead()).
 */
void
pc_token_cache_read_ahead (const char *server,
                           const char *account)
{
  Job *job = job_new (server, account, NULL);
  guint drops_before;

  if (job->path == NULL)
    {
      job_free (job);
      return;
    }
  G_LOCK (cache);
  drops_before = drops;
  G_UNLOCK (cache);
  job->tokens = load_path (job->path, NULL);

  G_LOCK (cache);
  g_clear_pointer (&ahead, job_free);
  if (job->tokens != NULL && drops == drops_before)
    ahead = g_steal_pointer (&job);
  G_UNLOCK (cache);
  g_clear_pointer (&job, job_free);
}

/* The list read ahead, when it is the one of @job: taken once. Any load
 * drops another one. */
static GPtrArray *
take_ahead (Job *job)
{
  g_autoptr(GPtrArray) tokens = NULL;

  G_LOCK (cache);
  if (ahead != NULL && g_strcmp0 (ahead->path, job->path) == 0)
    tokens = g_steal_pointer (&ahead->tokens);
  g_clear_pointer (&ahead, job_free);
  G_UNLOCK (cache);
  return g_steal_pointer (&tokens);
}

/**
 * pc_token_cache_load_async:
 *
 * Reads the list kept for @account on @server in a worker thread: an
 * array of #PcToken, empty when none was kept.
 */
void
pc_token_cache_load_async (const char          *server,
                           const char          *account,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = job_new (server, account, NULL);
  GPtrArray *tokens;

  g_task_set_source_tag (task, pc_token_cache_load_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  tokens = take_ahead (job);
  if (tokens != NULL)
    g_task_return_pointer (task, tokens, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_run_in_thread (task, load_thread);
}

GPtrArray *
pc_token_cache_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_token_cache_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving */

/* Written out by hand, not through a JsonBuilder tree: a list of 10,000
 * tokens is saved while the page loads, and a tree of it would cost more
 * memory than the list itself. The strict scanner reads it back. */
static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (out, ", \"%s\": ", name);
  append_string (out, value);
}

static void
append_date (GString    *out,
             const char *name,
             GDateTime  *date)
{
  g_autofree char *text = date ? g_date_time_format_iso8601 (date) : NULL;

  append_member (out, name, text);
}

/* Whether the server sent @token masked, as lists do: a whole secret (the
 * answer to a creation, or a server that lists them whole) leaves nothing
 * of itself in the file, not even its last characters. */
static gboolean
masked_by_server (const char *token)
{
  return token != NULL && (strstr (token, "•") != NULL || strchr (token, '*') != NULL);
}

static void
append_token (GString *out,
              PcToken *token)
{
  g_autofree char *masked = masked_by_server (pc_token_get_token (token)) ? pc_token_dup_masked (token) : NULL;
  g_autofree char *kept = NULL;

  /* The dots again in front, so that the form read back is long enough to
   * show its tail: MASK MASK and four characters. */
  if (masked != NULL && g_str_has_prefix (masked, MASK) && g_utf8_strlen (masked, -1) == 8)
    kept = g_strconcat (MASK, masked, NULL);

  g_string_append (out, "{\"id\": ");
  append_string (out, pc_token_get_id (token));
  append_member (out, "name", pc_token_get_name (token));
  append_member (out, "token", kept);
  append_date (out, "created_at", pc_token_get_created_at (token));
  append_date (out, "last_used_at", pc_token_get_last_used_at (token));
  g_string_append_c (out, '}');
}

static gboolean
save_path (const char  *path,
           GPtrArray   *tokens,
           GError     **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GString) data = NULL;
  guint drops_before;
  gboolean saved;

  g_return_val_if_fail (tokens != NULL, FALSE);

  if (path == NULL)
    return TRUE;
  G_LOCK (cache);
  drops_before = drops;
  G_UNLOCK (cache);

  data = g_string_sized_new (160 * tokens->len + 64);
  g_string_append_printf (data, "{\"version\": %d, \"tokens\": [", CACHE_VERSION);
  for (guint i = 0; i < tokens->len; i++)
    {
      if (i > 0)
        g_string_append (data, ",\n");
      append_token (data, tokens->pdata[i]);
    }
  g_string_append (data, "]}\n");

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  G_LOCK (cache);
  /* Signed out (or the account deleted) since this save began. */
  saved = drops != drops_before ||
          g_file_set_contents_full (path, data->str, data->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  /* What was read ahead of this list is older than it. */
  if (ahead != NULL && g_str_equal (ahead->path, path))
    g_clear_pointer (&ahead, job_free);
  G_UNLOCK (cache);
  return saved;
}

/**
 * pc_token_cache_save:
 * @tokens: (element-type PcToken): the list as the server gave it
 *
 * Keeps @tokens for @account on @server, replacing what was kept.
 */
gboolean
pc_token_cache_save (const char  *server,
                     const char  *account,
                     GPtrArray   *tokens,
                     GError     **error)
{
  g_autofree char *path = pc_token_cache_dup_path (server, account);

  return save_path (path, tokens, error);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (save_path (job->path, job->tokens, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * pc_token_cache_save_async:
 * @tokens: (element-type PcToken): held until saved; not to be changed meanwhile
 *
 * pc_token_cache_save() in a worker thread.
 */
void
pc_token_cache_save_async (const char          *server,
                           const char          *account,
                           GPtrArray           *tokens,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (tokens != NULL);

  g_task_set_source_tag (task, pc_token_cache_save_async);
  g_task_set_task_data (task, job_new (server, account, tokens), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
pc_token_cache_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_token_cache_save_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pc_token_cache_drop:
 *
 * Forgets the list kept for @account on @server, and any save of it still
 * under way.
 */
void
pc_token_cache_drop (const char *server,
                     const char *account)
{
  g_autofree char *path = pc_token_cache_dup_path (server, account);

  G_LOCK (cache);
  drops++;
  g_clear_pointer (&ahead, job_free);
  if (path != NULL && g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Token cache not removed: %s", g_strerror (errno));
  G_UNLOCK (cache);
}
