/* test-secret-store.c: credentials in a real gnome-keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside the private D-Bus session with an unlocked gnome-keyring that
 * build-aux/run-tests.sh starts (see TESTING.md).
 */
#include <libsecret/secret.h>

#include "pc-secret-store.h"
#include "pc-test-util.h"

static GAsyncResult *the_result;

#define done_cb pc_test_keep_result
#define wait_result() pc_test_wait (&the_result)

static char *
unique_server (void)
{
  return g_strdup_printf ("http://127.0.0.1:%u/v2-test-%u", g_random_int_range (1024, 65535), g_random_int ());
}

static gboolean
save (PcCredentials  *credentials,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_secret_store_save_async (credentials, NULL, done_cb, &the_result);
  result = wait_result ();
  return pc_secret_store_save_finish (result, error);
}

static PcCredentials *
lookup (const char  *server,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_secret_store_lookup_async (server, NULL, done_cb, &the_result);
  result = wait_result ();
  return pc_secret_store_lookup_finish (result, error);
}

static gboolean
clear (const char  *server,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pc_secret_store_clear_async (server, NULL, done_cb, &the_result);
  result = wait_result ();
  return pc_secret_store_clear_finish (result, error);
}

static void
test_round_trip (void)
{
  g_autofree char *server = unique_server ();
  g_autofree char *spelled_otherwise = g_strconcat (server, "/", NULL);
  g_autoptr(PcCredentials) token = pc_credentials_new (server, "ada@example.org", PC_CREDENTIALS_TOKEN,
                                                       "secret-token-value", "ws-1");
  g_autoptr(PcCredentials) cookie = pc_credentials_new (server, "ada@example.org", PC_CREDENTIALS_COOKIE,
                                                        "session=abc123", NULL);
  g_autoptr(PcCredentials) found = NULL;
  g_autoptr(PcCredentials) replaced = NULL;
  g_autoptr(PcCredentials) gone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save (token, &error));
  g_assert_no_error (error);

  /* The same server, whatever trailing slash it was written with. */
  found = lookup (spelled_otherwise, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (pc_credentials_get_kind (found), ==, PC_CREDENTIALS_TOKEN);
  g_assert_cmpstr (pc_credentials_get_secret (found), ==, "secret-token-value");
  g_assert_cmpstr (pc_credentials_get_account (found), ==, "ada@example.org");
  g_assert_cmpstr (pc_credentials_get_workspace_id (found), ==, "ws-1");
  g_assert_cmpstr (pc_credentials_get_server (found), ==, server);

  /* A new sign-in replaces the old one: a server has one. */
  g_assert_true (save (cookie, &error));
  replaced = lookup (server, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pc_credentials_get_kind (replaced), ==, PC_CREDENTIALS_COOKIE);
  g_assert_cmpstr (pc_credentials_get_secret (replaced), ==, "session=abc123");
  g_assert_null (pc_credentials_get_workspace_id (replaced));

  g_assert_true (clear (server, &error));
  g_assert_no_error (error);
  gone = lookup (server, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  g_assert_false (clear (server, &error));
  g_assert_no_error (error);
}

static void
test_servers_apart (void)
{
  g_autofree char *first = unique_server ();
  g_autofree char *second = unique_server ();
  g_autoptr(PcCredentials) a = pc_credentials_new (first, "a@example.org", PC_CREDENTIALS_TOKEN, "token-a", NULL);
  g_autoptr(PcCredentials) b = pc_credentials_new (second, "b@example.org", PC_CREDENTIALS_TOKEN, "token-b", NULL);
  g_autoptr(PcCredentials) found = NULL;
  g_autoptr(PcCredentials) still = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save (a, &error));
  g_assert_true (save (b, &error));
  g_assert_true (clear (first, &error));
  found = lookup (first, &error);
  g_assert_null (found);
  still = lookup (second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pc_credentials_get_secret (still), ==, "token-b");
  clear (second, NULL);
}

static void
test_apply (void)
{
  g_autoptr(PcClient) client = pc_client_new ("http://127.0.0.1:9/v2", NULL);
  const char *server = "http://127.0.0.1:9/v2";
  g_autoptr(PcCredentials) token = pc_credentials_new (server, NULL, PC_CREDENTIALS_TOKEN, "t", "ws-2");
  g_autoptr(PcCredentials) cookie = pc_credentials_new (server, NULL, PC_CREDENTIALS_COOKIE, "session=x", NULL);

  pc_credentials_apply (token, client);
  g_assert_cmpint (pc_client_get_credentials_kind (client), ==, PC_CREDENTIALS_TOKEN);
  g_assert_cmpstr (pc_client_get_workspace_id (client), ==, "ws-2");
  pc_credentials_apply (cookie, client);
  g_assert_cmpint (pc_client_get_credentials_kind (client), ==, PC_CREDENTIALS_COOKIE);
  g_assert_cmpstr (pc_client_get_session_cookie (client), ==, "session=x");
}

/* Looking ahead: the sign-in read in a thread of its own, taken by the
 * first lookup of its server, dropped by a save or a clear. */

typedef struct
{
  GMutex lock;
  GThread *thread;
  char *secret;
  int calls;
} Seen;

/* The store's items, seen by libsecret alone */
static const SecretSchema schema_by_server = {
  "io.github.pupil_cloud.Desktop.Credentials", SECRET_SCHEMA_NONE,
  { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
};

static void
seen_ahead (PcCredentials *credentials,
            gpointer       data)
{
  Seen *seen = data;

  g_mutex_lock (&seen->lock);
  seen->thread = g_thread_self ();
  g_free (seen->secret);
  seen->secret = g_strdup (pc_credentials_get_secret (credentials));
  g_atomic_int_inc (&seen->calls);
  g_mutex_unlock (&seen->lock);
}

static void
test_look_ahead (void)
{
  g_autofree char *server = unique_server ();
  g_autofree char *other = unique_server ();
  g_autoptr(PcCredentials) token = pc_credentials_new (server, "ada@example.org", PC_CREDENTIALS_TOKEN,
                                                       "token-looked-ahead", "ws-3");
  g_autoptr(PcCredentials) newer = pc_credentials_new (server, "ada@example.org", PC_CREDENTIALS_COOKIE,
                                                       "session=newer", NULL);
  g_autoptr(PcCredentials) elsewhere = pc_credentials_new (other, "bo@example.org", PC_CREDENTIALS_TOKEN,
                                                           "token-elsewhere", NULL);
  g_autoptr(PcCredentials) found = NULL;
  g_autoptr(PcCredentials) again = NULL;
  g_autoptr(PcCredentials) replaced = NULL;
  g_autoptr(PcCredentials) other_found = NULL;
  g_autoptr(PcCredentials) gone = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen = { 0, };

  g_mutex_init (&seen.lock);
  g_assert_true (save (token, &error));
  g_assert_true (save (elsewhere, &error));

  /* Found in another thread, and what the lookup gives: even once the
   * keyring lost it behind the store's back. */
  pc_secret_store_look_ahead (server, seen_ahead, &seen);
  while (g_atomic_int_get (&seen.calls) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (secret_password_clear_sync (&schema_by_server, NULL, &error, "server", server, NULL));
  g_assert_no_error (error);
  found = lookup (server, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (pc_credentials_get_secret (found), ==, "token-looked-ahead");
  g_assert_cmpstr (pc_credentials_get_account (found), ==, "ada@example.org");
  g_assert_cmpstr (pc_credentials_get_workspace_id (found), ==, "ws-3");
  g_assert_cmpint (pc_credentials_get_kind (found), ==, PC_CREDENTIALS_TOKEN);
  g_mutex_lock (&seen.lock);
  g_assert_cmpint (seen.calls, ==, 1);
  g_assert_true (seen.thread != g_thread_self ());
  g_assert_cmpstr (seen.secret, ==, "token-looked-ahead");
  g_mutex_unlock (&seen.lock);
  /* Taken once: the next lookup asks the keyring. */
  again = lookup (server, &error);
  g_assert_no_error (error);
  g_assert_null (again);

  /* A save after it has found the sign-in: the lookup gives the saved one. */
  g_assert_true (save (token, &error));
  pc_secret_store_look_ahead (server, seen_ahead, &seen);
  while (g_atomic_int_get (&seen.calls) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (save (newer, &error));
  replaced = lookup (server, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pc_credentials_get_kind (replaced), ==, PC_CREDENTIALS_COOKIE);
  g_assert_cmpstr (pc_credentials_get_secret (replaced), ==, "session=newer");

  /* Another server's lookup is not given it. */
  pc_secret_store_look_ahead (server, NULL, NULL);
  other_found = lookup (other, &error);
  g_assert_cmpstr (pc_credentials_get_secret (other_found), ==, "token-elsewhere");

  /* A clear after it has found the sign-in: nothing is found. */
  pc_secret_store_look_ahead (server, seen_ahead, &seen);
  while (g_atomic_int_get (&seen.calls) < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (clear (server, &error));
  gone = lookup (server, &error);
  g_assert_no_error (error);
  g_assert_null (gone);

  clear (other, NULL);
  g_free (seen.secret);
  g_mutex_clear (&seen.lock);
}

/* A bus name nobody owns stands for "no Secret Service". */
static void
test_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *server = unique_server ();
      g_autoptr(PcCredentials) token = pc_credentials_new (server, "a@example.org", PC_CREDENTIALS_TOKEN, "t", NULL);
      g_autoptr(PcCredentials) found = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (save (token, &error));
      g_assert_error (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE);
      g_assert_nonnull (g_strstr_len (error->message, -1, "keyring"));
      g_clear_error (&error);
      found = lookup (server, &error);
      g_assert_null (found);
      g_assert_error (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE);
      g_clear_error (&error);
      /* So with a look-ahead, whether it is done or not when asked. */
      pc_secret_store_look_ahead (server, NULL, NULL);
      found = lookup (server, &error);
      g_assert_null (found);
      g_assert_error (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE);
      return;
    }

  pc_test_trap_with_secret_service ("org.example.NobodyOwnsThis", 20, G_TEST_SUBPROCESS_DEFAULT);
}

/* A Secret Service that takes every call and answers none: what a hung
 * daemon or a prompt nobody can see looks like. The filter drops each
 * call before GDBus could answer it with an error. */
static GDBusMessage *
swallow_calls (GDBusConnection *connection,
               GDBusMessage    *message,
               gboolean         incoming,
               gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_atomic_int_inc ((int *) user_data);
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static void
test_silent (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *server = unique_server ();
      g_autoptr(PcCredentials) token = pc_credentials_new (server, "a@example.org", PC_CREDENTIALS_TOKEN, "t", NULL);
      g_autoptr(PcCredentials) found = NULL;
      g_autoptr(GError) error = NULL;
      int swallowed = 0;
      g_autoptr(GDBusConnection) service = NULL;
      g_autoptr(GVariant) reply = NULL;
      gint64 start;

      /* A connection of its own, owning the name libsecret will call. */
      service = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
      g_assert_no_error (error);
      reply = g_dbus_connection_call_sync (service, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", "org.example.SilentKeyring", 0),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
      g_dbus_connection_add_filter (service, swallow_calls, &swallowed, NULL);

      pc_secret_store_set_deadline (1);
      start = g_get_monotonic_time ();
      found = lookup (server, &error);
      g_assert_null (found);
      g_assert_error (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE);
      g_assert_cmpstr (error->message, ==, "The keyring (Secret Service) did not answer in time.");
      /* The call reached the service and was given up there, well before
       * D-Bus's own 25 s. */
      g_assert_cmpint (g_atomic_int_get (&swallowed), >, 0);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      g_clear_error (&error);
      /* A look-ahead stuck on it is given up with the lookup. */
      pc_secret_store_look_ahead (server, NULL, NULL);
      start = g_get_monotonic_time ();
      found = lookup (server, &error);
      g_assert_null (found);
      g_assert_error (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE);
      g_assert_cmpstr (error->message, ==, "The keyring (Secret Service) did not answer in time.");
      g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      g_clear_error (&error);
      g_assert_false (save (token, &error));
      g_assert_error (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE);
      g_clear_error (&error);
      g_assert_false (clear (server, &error));
      g_assert_error (error, PC_SECRET_STORE_ERROR, PC_SECRET_STORE_ERROR_UNAVAILABLE);
      return;
    }

  pc_test_trap_with_secret_service ("org.example.SilentKeyring", 30, G_TEST_SUBPROCESS_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-store/round-trip", test_round_trip);
  g_test_add_func ("/secret-store/servers-apart", test_servers_apart);
  g_test_add_func ("/secret-store/apply", test_apply);
  g_test_add_func ("/secret-store/look-ahead", test_look_ahead);
  g_test_add_func ("/secret-store/unavailable", test_unavailable);
  g_test_add_func ("/secret-store/silent", test_silent);
  return g_test_run ();
}
