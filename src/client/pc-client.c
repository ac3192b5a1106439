/* pc-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PcClient owns one SoupSession, the server address and the credentials
 * (an API token, or a session cookie), and decides which addresses those
 * may go to. The transport that carries a request is in pc-request.c; the
 * endpoints are in the pc-client-*.c files named after what they hold.
 */
#define G_LOG_DOMAIN "PcClient"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "pc-client-private.h"
#include "pc-error.h"

struct _PcClient
{
  GObject parent_instance;

  SoupSession *session;
  GUri *base_uri;
  char *base_url;
  char *workspace_id;
  char *api_token;
  char *cookie; /* "name=value", as the server set it */
  guint timeout;
  guint deadline; /* 0: PC_CLIENT_DEADLINE_FACTOR timeouts */
};

static void pc_client_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PcClient, pc_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, pc_client_initable_iface_init))

enum { PROP_0, PROP_BASE_URL, PROP_WORKSPACE_ID, PROP_TIMEOUT, PROP_DEADLINE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
wipe_string (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
pc_client_finalize (GObject *object)
{
  PcClient *self = PC_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->workspace_id, g_free);
  wipe_string (&self->api_token);
  wipe_string (&self->cookie);
  G_OBJECT_CLASS (pc_client_parent_class)->finalize (object);
}

static void
pc_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PcClient *self = PC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_WORKSPACE_ID:
      g_value_set_string (value, pc_client_get_workspace_id (self));
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, pc_client_get_deadline (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PcClient *self = PC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = pc_client_normalize_url (g_value_get_string (value));
      break;
    case PROP_WORKSPACE_ID:
      pc_client_set_workspace_id (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      pc_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_DEADLINE:
      pc_client_set_deadline (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_client_class_init (PcClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pc_client_finalize;
  object_class->get_property = pc_client_get_property;
  object_class->set_property = pc_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, PC_SERVER_PRODUCTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSPACE_ID] =
    g_param_spec_string ("workspace-id", NULL, NULL, PC_DEFAULT_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, PC_CLIENT_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PcClient:deadline:
   *
   * The most seconds a request may take, redirects and reading included,
   * however steadily the server answers; 0 means four timeouts.
   */
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 0, 3600, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pc_client_init (PcClient *self)
{
  g_autofree char *user_agent =
    g_strdup_printf ("%s/%s (libpupilcloud)", g_get_prgname () ? g_get_prgname () : "pupil-cloud",
                     PACKAGE_VERSION);

  self->timeout = PC_CLIENT_DEFAULT_TIMEOUT;
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 NULL);
  /* Compressed answers are decoded in the choke point, which checks that a
   * stream ends where its body ends and caps what it decodes to; libsoup's
   * decoder does neither. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
}

static gboolean
pc_client_initable_init (GInitable     *initable,
                         GCancellable  *cancellable,
                         GError       **error)
{
  PcClient *self = PC_CLIENT (initable);

  if (!pc_client_check_url (self->base_url, error))
    return FALSE;
  self->base_uri = g_uri_parse (self->base_url, G_URI_FLAGS_ENCODED, NULL);
  return self->base_uri != NULL;
}

static void
pc_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = pc_client_initable_init;
}

/**
 * pc_client_new:
 * @base_url: (nullable): the API's address, production when %NULL
 *
 * Returns: (transfer full): a client, or %NULL with %PC_ERROR_INVALID_URL
 */
PcClient *
pc_client_new (const char  *base_url,
               GError     **error)
{
  return g_initable_new (PC_TYPE_CLIENT, NULL, error,
                         "base-url", base_url ? base_url : PC_SERVER_PRODUCTION,
                         NULL);
}

gboolean
pc_client_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      memmove (bare, bare + 1, strlen (bare));
      if (g_str_has_suffix (bare, "]"))
        bare[strlen (bare) - 1] = '\0';
    }
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * pc_client_normalize_url:
 *
 * The address as the client keeps it: surrounding white space and trailing
 * slashes removed, so that one server has one spelling (it is also the key
 * under which credentials are stored).
 */
char *
pc_client_normalize_url (const char *url)
{
  char *copy;
  gsize length;

  if (url == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (url));
  length = strlen (copy);
  while (length > 0 && copy[length - 1] == '/')
    copy[--length] = '\0';
  return copy;
}

/**
 * pc_client_check_url:
 *
 * Whether @url can be used as a server or identity provider address:
 * https, or http to this machine only, with a host and nothing after the
 * path. Credentials and passwords never travel in clear text.
 */
gboolean
pc_client_check_url (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, PC_ERROR, PC_ERROR_INVALID_URL, _("Enter a server address."));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PC_ERROR, PC_ERROR_INVALID_URL,
                   _("“%s” is not a server address. It should look like https://api.example.com/v2."),
                   url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, PC_ERROR, PC_ERROR_INVALID_URL,
                   _("“%s” is not a server address. It should start with https://."), url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !pc_client_is_loopback_host (g_uri_get_host (uri)))
    {
      g_set_error (error, PC_ERROR, PC_ERROR_INVALID_URL,
                   _("“%s” is not encrypted. Use an https:// address; http:// is allowed only for "
                     "this computer (localhost)."),
                   url);
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, PC_ERROR, PC_ERROR_INVALID_URL,
                   _("“%s” is not a server address: it must not contain a user name, “?” or “#”."),
                   url);
      return FALSE;
    }

  return TRUE;
}

SoupSession *
pc_client_get_soup_session (PcClient *self)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), NULL);
  return self->session;
}

const char *
pc_client_get_base_url (PcClient *self)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), NULL);
  return self->base_url;
}

guint
pc_client_get_timeout (PcClient *self)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), 0);
  return self->timeout;
}

void
pc_client_set_timeout (PcClient *self,
                       guint     seconds)
{
  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
pc_client_get_deadline (PcClient *self)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), 0);
  return self->deadline ? self->deadline : (self->timeout * PC_CLIENT_DEADLINE_FACTOR);
}

void
pc_client_set_deadline (PcClient *self,
                        guint     seconds)
{
  g_return_if_fail (PC_IS_CLIENT (self));

  if (self->deadline == seconds)
    return;
  self->deadline = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

const char *
pc_client_get_workspace_id (PcClient *self)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), NULL);
  return self->workspace_id ? self->workspace_id : PC_DEFAULT_WORKSPACE;
}

/**
 * pc_client_set_workspace_id:
 * @workspace_id: (nullable): a workspace id; %NULL or empty for "default"
 */
void
pc_client_set_workspace_id (PcClient   *self,
                            const char *workspace_id)
{
  g_autofree char *value = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));

  if (workspace_id != NULL && *workspace_id != '\0' && !g_str_equal (workspace_id, PC_DEFAULT_WORKSPACE))
    value = g_strstrip (g_strdup (workspace_id));
  if (g_strcmp0 (value, self->workspace_id) == 0)
    return;
  g_free (self->workspace_id);
  self->workspace_id = g_steal_pointer (&value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_ID]);
}

/* A header value must not carry a line break; anything else a server or a
 * person gives us is sent as is. */
gboolean
pc_client_is_header_value_safe (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return *value != '\0';
}

void
pc_client_set_api_token (PcClient   *self,
                         const char *token)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (token != NULL);

  trimmed = g_strstrip (g_strdup (token));
  wipe_string (&self->cookie);
  wipe_string (&self->api_token);
  if (pc_client_is_header_value_safe (trimmed))
    self->api_token = g_steal_pointer (&trimmed);
  else
    wipe_string (&trimmed);
}

void
pc_client_set_session_cookie (PcClient   *self,
                              const char *cookie)
{
  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (cookie != NULL);

  wipe_string (&self->api_token);
  wipe_string (&self->cookie);
  if (pc_client_is_header_value_safe (cookie) && strchr (cookie, ';') == NULL && strchr (cookie, '=') != NULL)
    self->cookie = g_strdup (cookie);
}

const char *
pc_client_get_session_cookie (PcClient *self)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), NULL);
  return self->cookie;
}

PcCredentialsKind
pc_client_get_credentials_kind (PcClient *self)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), PC_CREDENTIALS_NONE);
  if (self->api_token != NULL)
    return PC_CREDENTIALS_TOKEN;
  if (self->cookie != NULL)
    return PC_CREDENTIALS_COOKIE;
  return PC_CREDENTIALS_NONE;
}

void
pc_client_clear_credentials (PcClient *self)
{
  g_return_if_fail (PC_IS_CLIENT (self));
  wipe_string (&self->api_token);
  wipe_string (&self->cookie);
}

/* Only the cookie goes: an API token was never part of the session. */
void
pc_client_forget_session_cookie (PcClient *self)
{
  wipe_string (&self->cookie);
}

/* The credentials of an authenticated request: the API token with the
 * workspace it acts in, or else the session cookie, with the workspace
 * only when one was chosen (the cookie's own is the default). */
void
pc_client_add_credentials (PcClient           *self,
                           SoupMessageHeaders *headers)
{
  if (self->api_token != NULL)
    {
      soup_message_headers_replace (headers, "api-key", self->api_token);
      soup_message_headers_replace (headers, "workspace-id", pc_client_get_workspace_id (self));
    }
  else if (self->cookie != NULL)
    {
      soup_message_headers_replace (headers, "Cookie", self->cookie);
      if (self->workspace_id != NULL)
        soup_message_headers_replace (headers, "workspace-id", self->workspace_id);
    }
}

/* Keeps the session cookie a login answered with: the one named "session"
 * when there is one (the contract's name), else the first HttpOnly one. */
void
pc_client_take_session_cookie (PcClient    *self,
                               SoupMessage *message)
{
  GSList *cookies = soup_cookies_from_response (message);
  SoupCookie *chosen = NULL;

  for (GSList *l = cookies; l != NULL; l = l->next)
    {
      SoupCookie *cookie = l->data;

      if (g_str_equal (soup_cookie_get_name (cookie), "session"))
        {
          chosen = cookie;
          break;
        }
      if (chosen == NULL && soup_cookie_get_http_only (cookie))
        chosen = cookie;
    }

  if (chosen != NULL && *soup_cookie_get_value (chosen) != '\0')
    {
      g_autofree char *pair = g_strdup_printf ("%s=%s", soup_cookie_get_name (chosen),
                                               soup_cookie_get_value (chosen));
      pc_client_set_session_cookie (self, pair);
      explicit_bzero (pair, strlen (pair));
    }
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
}

/**
 * pc_client_new_csrf_token:
 *
 * 32 bytes from the kernel's random source, as hex: a fresh one per login.
 */
char *
pc_client_new_csrf_token (void)
{
  guint8 bytes[32];
  gsize filled = 0;

  while (filled < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + filled, sizeof bytes - filled, 0);
      if (n < 0)
        g_error ("No random numbers: %s", g_strerror (errno));
      filled += n;
    }
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes, sizeof bytes);
}

/**
 * pc_client_build_uri:
 *
 * The base address plus path segments, each escaped, so that an id or a
 * token a person pasted can never change the path.
 *
 * Returns: (nullable): the address, or %NULL when a segment is empty,
 *   "." or "..": escaping leaves those as they are, and a proxy that
 *   normalises paths would turn `DELETE …/invites/..` into
 *   `DELETE …/profile`
 */
GUri *
pc_client_build_uri (PcClient   *self,
                     const char *first_segment,
                     ...)
{
  g_autoptr(GString) path = g_string_new (g_uri_get_path (self->base_uri));
  va_list args;

  va_start (args, first_segment);
  for (const char *segment = first_segment; segment != NULL; segment = va_arg (args, const char *))
    {
      if (*segment == '\0' || g_str_equal (segment, ".") || g_str_equal (segment, ".."))
        {
          va_end (args);
          return NULL;
        }
      g_string_append_c (path, '/');
      g_string_append_uri_escaped (path, segment, NULL, TRUE);
    }
  va_end (args);

  return g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (self->base_uri), NULL,
                      g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                      path->str, NULL, NULL);
}

gboolean
pc_client_same_origin (GUri *a,
                       GUri *b)
{
  /* g_ascii_strcasecmp() calls NULL equal to anything: "http:/steal" has
   * no host, and must not pass for this server. */
  if (g_uri_get_host (a) == NULL || g_uri_get_host (b) == NULL ||
      g_uri_get_scheme (a) == NULL || g_uri_get_scheme (b) == NULL)
    return FALSE;
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

/**
 * pc_client_resolve_path:
 * @path: a path below the base address (`auth/profile`, `/auth/profile?x=1`),
 *   or an absolute address on the base address's origin
 *
 * Returns: (transfer full) (nullable): the address, or %NULL with
 *   %PC_ERROR_INVALID_URL: the credentials never leave the server's origin
 */
GUri *
pc_client_resolve_path (PcClient    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (PC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  scheme = g_uri_parse_scheme (path);
  if (scheme != NULL)
    {
      uri = g_uri_parse (path, G_URI_FLAGS_ENCODED, NULL);
      if (uri == NULL || !pc_client_same_origin (uri, self->base_uri) || g_uri_get_userinfo (uri) != NULL)
        {
          g_set_error (error, PC_ERROR, PC_ERROR_INVALID_URL,
                       _("Only addresses on the signed-in server (%s) can be used: your credentials "
                         "are never sent elsewhere."),
                       self->base_url);
          return NULL;
        }
    }
  else
    {
      g_autofree char *joined = NULL;
      const char *rest = path;

      /* "//host/x" would name another host: leading slashes only mean "from the base". */
      while (*rest == '/')
        rest++;
      joined = g_strconcat (self->base_url, "/", rest, NULL);
      uri = g_uri_parse (joined, G_URI_FLAGS_ENCODED, NULL);
      if (uri == NULL || !pc_client_same_origin (uri, self->base_uri))
        {
          g_set_error (error, PC_ERROR, PC_ERROR_INVALID_URL, _("“%s” is not a path on the server."), path);
          return NULL;
        }
    }

  /* A fragment is never sent. */
  return g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                      g_uri_get_port (uri), g_uri_get_path (uri), g_uri_get_query (uri), NULL);
}
