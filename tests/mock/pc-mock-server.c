/* pc-mock-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mock cloud's object: made from a fixture, listening on loopback, and
 * what it saw of the requests. Its routing is in pc-mock-routes.c, its
 * faults in pc-mock-faults.c, compression in pc-mock-compress.c, held,
 * late and dripped answers in pc-mock-timing.c; the service's rules are in
 * pc-mock-state.c and the files it names.
 */
#define G_LOG_DOMAIN "PcMock"

#include "pc-mock-server-private.h"

G_DEFINE_FINAL_TYPE (PcMockServer, pc_mock_server, G_TYPE_OBJECT)

static void
pc_mock_server_dispose (GObject *object)
{
  PcMockServer *self = PC_MOCK_SERVER (object);

  pc_mock_server_stop_drips (self);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->stalled, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->hold_only, g_hash_table_unref);
  G_OBJECT_CLASS (pc_mock_server_parent_class)->dispose (object);
}

static void
pc_mock_server_finalize (GObject *object)
{
  PcMockServer *self = PC_MOCK_SERVER (object);

  g_clear_pointer (&self->state, pc_mock_state_free);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->idp_url, g_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->last_workspace_id, g_free);
  G_OBJECT_CLASS (pc_mock_server_parent_class)->finalize (object);
}

static void
pc_mock_server_class_init (PcMockServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pc_mock_server_dispose;
  object_class->finalize = pc_mock_server_finalize;
}

static void
pc_mock_server_init (PcMockServer *self)
{
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) pc_mock_fault_free);
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->drips = g_ptr_array_new ();
  self->requests = g_ptr_array_new_with_free_func (g_free);
}

PcMockServer *
pc_mock_server_new (const char  *fixture_path,
                    GError     **error)
{
  g_autoptr(PcMockServer) self = g_object_new (PC_TYPE_MOCK_SERVER, NULL);
  g_autoptr(GBytes) fixture = NULL;

  if (fixture_path != NULL)
    {
      char *data;
      gsize length;

      if (!g_file_get_contents (fixture_path, &data, &length, error))
        return NULL;
      fixture = g_bytes_new_take (data, length);
    }
  else
    {
      fixture = g_resources_lookup_data ("/io/github/pupil_cloud/Mock/demo-fixture.json",
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (fixture == NULL)
        return NULL;
    }

  self->state = pc_mock_state_new (g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture), error);
  if (self->state == NULL)
    return NULL;

  if (!pc_mock_server_set_compression_name (self, g_getenv ("PUPIL_CLOUD_MOCK_COMPRESS"), error))
    return NULL;

  /* Read here, so that in-process mocks and mock programs alike follow it. */
  if (g_strcmp0 (g_getenv ("PUPIL_CLOUD_MOCK_SEED_ONLY"), "1") == 0)
    {
      pc_mock_state_set_seed_only (self->state, TRUE);
      if (fixture_path == NULL)
        pc_mock_state_add_incomplete_invitations (self->state, PC_MOCK_DEMO_EMAIL);
    }

  self->server = soup_server_new ("server-header", "pupil-cloud-mock", NULL);
  soup_server_add_handler (self->server, NULL, pc_mock_server_handle, self, NULL);
  return g_steal_pointer (&self);
}

gboolean
pc_mock_server_listen (PcMockServer  *self,
                       guint          port,
                       GError       **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;
  guint bound;

  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  bound = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->base_url = g_strdup_printf ("http://127.0.0.1:%u/v2", bound);
  self->idp_url = g_strdup_printf ("http://127.0.0.1:%u/idp", bound);
  return TRUE;
}

/* The demo fixture, listening on a free loopback port: what tests start with. */
PcMockServer *
pc_mock_server_start (GError **error)
{
  g_autoptr(PcMockServer) self = pc_mock_server_new (NULL, error);

  if (self == NULL || !pc_mock_server_listen (self, 0, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
pc_mock_server_get_base_url (PcMockServer *self)
{
  return self->base_url;
}

const char *
pc_mock_server_get_idp_url (PcMockServer *self)
{
  return self->idp_url;
}

PcMockState *
pc_mock_server_get_state (PcMockServer *self)
{
  return self->state;
}

guint
pc_mock_server_get_request_count (PcMockServer *self)
{
  return self->request_count;
}

/* How many requests came for exactly @path (relative to /v2), by @method. */
guint
pc_mock_server_count_requests (PcMockServer *self,
                               const char   *method,
                               const char   *path)
{
  g_autofree char *wanted = g_strdup_printf ("%s %s", method, path);
  guint count = 0;

  for (guint i = 0; i < self->requests->len; i++)
    if (g_str_equal (g_ptr_array_index (self->requests, i), wanted))
      count++;
  return count;
}

/* Whether the last request carried an API token or a cookie. */
gboolean
pc_mock_server_get_last_had_credentials (PcMockServer *self)
{
  return self->last_had_credentials;
}

/* The workspace-id header of the last request, NULL when it had none. */
const char *
pc_mock_server_get_last_workspace_id (PcMockServer *self)
{
  return self->last_workspace_id;
}

/**
 * pc_mock_server_listen_ipv6:
 *
 * Serves on [::1] too, on the port already listened on with
 * pc_mock_server_listen(): for addresses that a key file or a URL parser
 * may handle differently (brackets).
 */
gboolean
pc_mock_server_listen_ipv6 (PcMockServer  *self,
                            GError       **error)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (self->base_url != NULL, FALSE);

  base = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, error);
  if (base == NULL)
    return FALSE;
  address = g_inet_socket_address_new (loopback, g_uri_get_port (base));
  return soup_server_listen (self->server, address, 0, error);
}
