/* pc-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Credentials in the Secret Service, through libsecret's asynchronous
 * calls. When no Secret Service answers, every call fails with
 * PC_SECRET_STORE_ERROR_UNAVAILABLE and nothing is written anywhere else.
 */
#define G_LOG_DOMAIN "PcSecretStore"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "pc-deadline.h"
#include "pc-secret-store.h"

G_DEFINE_QUARK (pc-secret-store-error-quark, pc_secret_store_error)

#define KIND_TOKEN "token"
#define KIND_COOKIE "cookie"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.pupil_cloud.Desktop.Credentials",
    SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "workspace", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static GHashTable *
server_attributes (const char *server)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (char *) "server", pc_client_normalize_url (server));
  return attributes;
}

/* Every call has a deadline: a Secret Service that never answers (or a
 * prompt nobody sees) must not hold a sign-in, a sign-out or the spinner
 * for ever. Long enough for a person to type a keyring password. */
static guint deadline_seconds = 60;

static void
deadline_free (PcDeadline *deadline)
{
  pc_deadline_clear (deadline);
  g_free (deadline);
}

/* A task whose calls to libsecret take task_cancellable(). */
static GTask *
new_task (GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  PcDeadline *deadline = g_new0 (PcDeadline, 1);

  g_task_set_source_tag (task, source_tag);
  pc_deadline_start (deadline, deadline_seconds, cancellable);
  g_object_set_data_full (G_OBJECT (task), "pc-secret-store-deadline", deadline, (GDestroyNotify) deadline_free);
  return task;
}

static GCancellable *
task_cancellable (GTask *task)
{
  PcDeadline *deadline = g_object_get_data (G_OBJECT (task), "pc-secret-store-deadline");
  return deadline->cancellable;
}

/**
 * pc_secret_store_set_deadline:
 *
 * How long any one call may take, in seconds (60 unless set): for tests.
 */
void
pc_secret_store_set_deadline (guint seconds)
{
  g_return_if_fail (seconds > 0);
  deadline_seconds = seconds;
}

static void drop_ahead (void);

/* Removes what is stored for @server, in the deadline of @task (taken),
 * which @callback gets back. Saving does it first, forgetting does only
 * that. */
static void
clear_server (GTask               *task,
              const char          *server,
              GAsyncReadyCallback  callback)
{
  g_autoptr(GHashTable) attributes = server_attributes (server);

  /* What was read ahead is no longer what is stored. */
  drop_ahead ();
  secret_password_clearv (get_schema (), attributes, task_cancellable (task), callback, task);
}

/* The _finish of a call of @source_tag that returns a boolean. */
static gboolean
finish_boolean (GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* libsecret reports a missing bus, a missing daemon and a locked keyring
 * in several domains; to the person they all mean the same thing. */
static void
return_unavailable (GTask  *task,
                    GError *error)
{
  PcDeadline *deadline = g_object_get_data (G_OBJECT (task), "pc-secret-store-deadline");

  if (pc_deadline_cut_short (deadline, error))
    {
      g_error_free (error);
      g_task_return_new_error (task, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE, "%s",
                               _("The keyring (Secret Service) did not answer in time."));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("Secret Service: %s (%s, %d)", error->message, g_quark_to_string (error->domain), error->code);
  g_error_free (error);
  g_task_return_new_error (task, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE, "%s",
                           _("The keyring (Secret Service) is not available, so the sign-in cannot be remembered."));
}

/* Saving: the old sign-in for the server goes first, then the new one is
 * stored, so that a server never has two. */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_unavailable (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_clear_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GCancellable *cancellable;
  g_autoptr(GTask) task = user_data;
  PcCredentials *credentials = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  const char *account = pc_credentials_get_account (credentials);
  const char *workspace = pc_credentials_get_workspace_id (credentials);
  const char *name = pc_credentials_get_name (credentials);
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      return_unavailable (task, error);
      return;
    }

  attributes = server_attributes (pc_credentials_get_server (credentials));
  g_hash_table_insert (attributes, (char *) "account", g_strdup (account ? account : ""));
  g_hash_table_insert (attributes, (char *) "kind",
                       g_strdup (pc_credentials_get_kind (credentials) == PC_CREDENTIALS_TOKEN
                                   ? KIND_TOKEN : KIND_COOKIE));
  g_hash_table_insert (attributes, (char *) "workspace",
                       g_strdup (workspace ? workspace : ""));
  g_hash_table_insert (attributes, (char *) "name", g_strdup (name ? name : ""));
  /* Translators: the keyring item's name; the first %s is an email address,
   * the second a server address. */
  label = g_strdup_printf (_("Pupil Cloud sign-in for %s on %s"), account ? account : "",
                           pc_credentials_get_server (credentials));

  cancellable = task_cancellable (task);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          pc_credentials_get_secret (credentials), cancellable,
                          store_cb, g_steal_pointer (&task));
}

void
pc_secret_store_save_async (PcCredentials       *credentials,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PC_IS_CREDENTIALS (credentials));

  task = new_task (cancellable, callback, user_data, pc_secret_store_save_async);
  g_task_set_task_data (task, g_object_ref (credentials), g_object_unref);
  clear_server (task, pc_credentials_get_server (credentials), save_clear_cb);
}

gboolean
pc_secret_store_save_finish (GAsyncResult  *result,
                             GError       **error)
{
  return finish_boolean (result, pc_secret_store_save_async, error);
}

/* Looking up */

typedef struct
{
  GHashTable *attributes;
  char *server;
  gboolean retried;
} LookupData;

/* An item removed (by another program, or our own sign-out) between being
 * listed and being read. */
static gboolean
item_vanished (const GError *error)
{
  return g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD);
}

static void start_search (GTask *task);

static void
lookup_data_free (LookupData *data)
{
  g_clear_pointer (&data->attributes, g_hash_table_unref);
  g_free (data->server);
  g_free (data);
}

/* The sign-in an item holds: NULL for an empty secret. */
static PcCredentials *
credentials_from_item (GHashTable  *attributes,
                       SecretValue *value)
{
  const char *text = secret_value_get_text (value);
  const char *kind = g_hash_table_lookup (attributes, "kind");
  const char *account = g_hash_table_lookup (attributes, "account");
  const char *workspace = g_hash_table_lookup (attributes, "workspace");
  const char *name = g_hash_table_lookup (attributes, "name");
  PcCredentials *credentials;

  if (text == NULL || *text == '\0')
    return NULL;
  credentials = pc_credentials_new (g_hash_table_lookup (attributes, "server"),
                                    account && *account ? account : NULL,
                                    g_strcmp0 (kind, KIND_COOKIE) == 0 ? PC_CREDENTIALS_COOKIE
                                                                       : PC_CREDENTIALS_TOKEN,
                                    text,
                                    workspace && *workspace ? workspace : NULL);
  if (name != NULL && *name != '\0')
    pc_credentials_set_name (credentials, name);
  return credentials;
}

static void
retrieve_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(SecretValue) value = NULL;
  GError *error = NULL;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (error != NULL && item_vanished (error))
    {
      g_debug ("Stored sign-in went away: %s", error->message);
      g_clear_error (&error);
    }
  if (value == NULL)
    {
      if (error != NULL)
        return_unavailable (task, error);
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_pointer (task, credentials_from_item (data->attributes, value), g_object_unref);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GCancellable *cancellable;
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;
  SecretRetrievable *item;

  items = secret_password_search_finish (result, &error);
  if (error != NULL && item_vanished (error) && !data->retried)
    {
      g_debug ("A stored sign-in went away while listing; listing again");
      g_clear_error (&error);
      data->retried = TRUE;
      start_search (g_steal_pointer (&task));
      return;
    }
  if (error != NULL)
    {
      return_unavailable (task, error);
      return;
    }
  if (items == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  item = items->data;
  data->attributes = secret_retrievable_get_attributes (item);
  cancellable = task_cancellable (task);
  secret_retrievable_retrieve_secret (item, cancellable, retrieve_cb, g_steal_pointer (&task));
  g_list_free_full (items, g_object_unref);
}

/**
 * pc_secret_store_lookup_async:
 *
 * Finds the sign-in stored for @server. Its _finish returns %NULL without
 * an error when there is none.
 */
static void
start_search (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = server_attributes (data->server);
  GCancellable *cancellable = task_cancellable (task);

  /* The secret is loaded afterwards, from the one item used. */
  secret_password_searchv (get_schema (), attributes, SECRET_SEARCH_UNLOCK, cancellable, search_cb, task);
}

/* Looking ahead: while the app starts (GTK's start takes some 200 ms, the
 * keyring's round trips some 50), a thread of its own looks up the sign-in
 * with a Secret Service connection of its own (libsecret's shared one
 * belongs to the main thread), and the first lookup of that server takes
 * what it found. A save or a clear drops it, found or on its way. */

typedef struct
{
  char *server;                /* normalized */
  PcSecretStoreAheadFunc then;
  gpointer then_data;
  GCancellable *cancellable;
  GTask *waiting;              /* the lookup that takes it, once it is done */
  gulong cancelled_id;         /* on that lookup's cancellable */
} Ahead;

static GTask *ahead_task;     /* the look-ahead on its way, or done */

static void
ahead_free (Ahead *ahead)
{
  g_free (ahead->server);
  g_clear_object (&ahead->cancellable);
  g_free (ahead);
}

/* The lookup of start_search() and retrieve_cb(), in the calling thread */
static PcCredentials *
lookup_sync (const char    *server,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GHashTable) attributes = server_attributes (server);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) item_attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  GError *local_error = NULL;
  GList *items = NULL;
  SecretItem *item;

  service = secret_service_open_sync (SECRET_TYPE_SERVICE, NULL, SECRET_SERVICE_NONE, cancellable, error);
  if (service == NULL)
    return NULL;
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      items = secret_service_search_sync (service, get_schema (), attributes, SECRET_SEARCH_UNLOCK, cancellable,
                                          &local_error);
      if (local_error == NULL || !item_vanished (local_error) || attempt > 0)
        break;
      g_debug ("A stored sign-in went away while listing; listing again");
      g_clear_error (&local_error);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (items == NULL)
    return NULL;

  item = g_object_ref (items->data);
  g_list_free_full (items, g_object_unref);
  if (!secret_item_load_secret_sync (item, cancellable, &local_error))
    {
      g_object_unref (item);
      if (item_vanished (local_error))
        {
          g_debug ("Stored sign-in went away: %s", local_error->message);
          g_clear_error (&local_error);
          return NULL;
        }
      g_propagate_error (error, local_error);
      return NULL;
    }
  value = secret_item_get_secret (item);
  item_attributes = secret_item_get_attributes (item);
  g_object_unref (item);
  return value ? credentials_from_item (item_attributes, value) : NULL;
}

static void
ahead_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Ahead *ahead = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  PcCredentials *credentials;
  GError *error = NULL;

  /* The connection's signals come here, not to the main thread. */
  g_main_context_push_thread_default (context);
  credentials = lookup_sync (ahead->server, ahead->cancellable, &error);
  if (credentials != NULL && ahead->then != NULL)
    ahead->then (credentials, ahead->then_data);
  /* What the connection's proxies left to do once gone (the clean-up of
   * their signal subscriptions, posted to this context) is done here,
   * not dropped with the context. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, g_object_unref);
}

/* The lookup waiting for it gets what was found, as start_search() would
 * have given it. */
static void
ahead_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Ahead *ahead = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) waiting = g_steal_pointer (&ahead->waiting);
  g_autoptr(PcCredentials) credentials = NULL;
  GError *error = NULL;

  /* None yet: the result stays in the task for the lookup to come. */
  if (waiting == NULL)
    return;
  g_cancellable_disconnect (task_cancellable (waiting), ahead->cancelled_id);
  credentials = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL && !g_cancellable_is_cancelled (task_cancellable (waiting)))
    {
      /* A keyring that failed the thread is asked again, in the usual way. */
      g_debug ("Looking ahead failed: %s", error->message);
      g_clear_error (&error);
      start_search (g_steal_pointer (&waiting));
    }
  else if (error != NULL)
    return_unavailable (waiting, error);
  else
    g_task_return_pointer (waiting, g_steal_pointer (&credentials), g_object_unref);
}

static void
ahead_cancelled_cb (GCancellable *cancellable,
                    GCancellable *ahead_cancellable)
{
  g_cancellable_cancel (ahead_cancellable);
}

/* Whether @task (taken then) takes the look-ahead: once, for its server. */
static gboolean
take_ahead (GTask      *task,
            const char *server)
{
  g_autoptr(GTask) ahead_result = g_steal_pointer (&ahead_task);
  g_autofree char *normalized = NULL;
  Ahead *ahead;

  if (ahead_result == NULL)
    return FALSE;
  ahead = g_task_get_task_data (ahead_result);
  normalized = pc_client_normalize_url (server);
  if (g_strcmp0 (normalized, ahead->server) != 0)
    {
      g_cancellable_cancel (ahead->cancellable);
      return FALSE;
    }

  if (g_task_get_completed (ahead_result))
    {
      g_autoptr(PcCredentials) credentials = NULL;
      GError *error = NULL;

      credentials = g_task_propagate_pointer (ahead_result, &error);
      if (error != NULL)
        {
          g_debug ("Looking ahead failed: %s", error->message);
          g_clear_error (&error);
          return FALSE;
        }
      g_task_return_pointer (task, g_steal_pointer (&credentials), g_object_unref);
      g_object_unref (task);
      return TRUE;
    }
  /* Still on its way: @task's deadline and cancellable stop it. */
  ahead->waiting = task;
  ahead->cancelled_id = g_cancellable_connect (task_cancellable (task), G_CALLBACK (ahead_cancelled_cb),
                                               g_object_ref (ahead->cancellable), g_object_unref);
  return TRUE;
}

static void
drop_ahead (void)
{
  g_autoptr(GTask) ahead_result = g_steal_pointer (&ahead_task);
  Ahead *ahead;

  if (ahead_result == NULL)
    return;
  ahead = g_task_get_task_data (ahead_result);
  g_cancellable_cancel (ahead->cancellable);
}

/**
 * pc_secret_store_look_ahead:
 * @then: (nullable): called in the thread with a sign-in it found, before
 *   the lookup gets it (to read what goes with it, such as cached lists)
 *
 * Starts looking up the sign-in stored for @server in a thread of its own,
 * for the first pc_secret_store_lookup_async() of @server to take: for an
 * app's start, before its toolkit starts. Any other lookup, save or clear
 * drops it.
 */
void
pc_secret_store_look_ahead (const char             *server,
                            PcSecretStoreAheadFunc  then,
                            gpointer                then_data)
{
  g_autoptr(GTask) task = NULL;
  Ahead *ahead;

  g_return_if_fail (server != NULL);

  drop_ahead ();
  ahead = g_new0 (Ahead, 1);
  ahead->server = pc_client_normalize_url (server);
  ahead->then = then;
  ahead->then_data = then_data;
  ahead->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, NULL, ahead_done_cb, NULL);
  g_task_set_source_tag (task, pc_secret_store_look_ahead);
  g_task_set_task_data (task, ahead, (GDestroyNotify) ahead_free);
  ahead_task = g_object_ref (task);
  g_task_run_in_thread (task, ahead_thread);
}

void
pc_secret_store_lookup_async (const char          *server,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  LookupData *data;

  g_return_if_fail (server != NULL);

  task = new_task (cancellable, callback, user_data, pc_secret_store_lookup_async);
  data = g_new0 (LookupData, 1);
  data->server = g_strdup (server);
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);
  if (!take_ahead (task, server))
    start_search (task);
}

PcCredentials *
pc_secret_store_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_secret_store_lookup_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Forgetting */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed = secret_password_clear_finish (result, &error);

  if (error != NULL)
    return_unavailable (task, error);
  else
    g_task_return_boolean (task, removed);
}

void
pc_secret_store_clear_async (const char          *server,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (server != NULL);

  clear_server (new_task (cancellable, callback, user_data, pc_secret_store_clear_async), server, clear_cb);
}

/* Returns whether a stored sign-in was removed; FALSE without an error
 * when there was none. */
gboolean
pc_secret_store_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  return finish_boolean (result, pc_secret_store_clear_async, error);
}
