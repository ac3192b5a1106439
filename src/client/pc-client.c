/* pc-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PcClient owns one SoupSession, the server address and the credentials,
 * and carries every request: send, follow same-origin redirects only, read
 * the body up to a cap, and hand it to the choke point in pc-response.c.
 * The endpoints themselves are in pc-client-api.c.
 */
#define G_LOG_DOMAIN "PcClient"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "pc-client-private.h"
#include "pc-debug-private.h"
#include "pc-error.h"
#include "pc-json-private.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK (16 * 1024)

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

typedef struct
{
  char *method;
  GUri *uri;
  GBytes *body;
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *buffer;
  PcParseFunc parse;
  GDestroyNotify destroy;
  PcResponseFormat format;
  PcRequestFlags flags;
  char *content_type;  /* of @body: JSON unless pc_client_send_raw_async() says otherwise */
  GStrv extra_headers; /* name, value, name, value, …: pc_client_send_raw_async() only */
  goffset announced; /* the Content-Length, or -1 */
  gsize chunk;       /* the size of the read under way */
  guint redirects;
  PcDeadline deadline;
} Request;

static void
request_free (Request *request)
{
  pc_deadline_clear (&request->deadline);
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->content_type, g_free);
  g_clear_pointer (&request->extra_headers, g_strfreev);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_free (request);
}

static void
wipe_string (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

/* Request bodies can hold a password or an ID token. */
static void
wipe_and_free (gpointer data)
{
  explicit_bzero (data, strlen (data));
  g_free (data);
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
  return self->deadline ? self->deadline : self->timeout * PC_CLIENT_DEADLINE_FACTOR;
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
static gboolean
is_header_safe (const char *value)
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
  if (is_header_safe (trimmed))
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
  if (is_header_safe (cookie) && strchr (cookie, ';') == NULL && strchr (cookie, '=') != NULL)
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

static void start_request (GTask *task);
static void finish_raw_request (GTask *task, guint status, SoupMessageHeaders *headers, GBytes *raw);

/* Returns a failure of the connection, or of the deadline that cut it. */
static void
return_transport_error (GTask        *task,
                        const GError *error)
{
  Request *request = g_task_get_task_data (task);
  GError *mapped = NULL;

  if (pc_deadline_cut_short (&request->deadline, error))
    mapped = g_error_new_literal (PC_ERROR, PC_ERROR_TIMEOUT, pc_error_code_describe (PC_ERROR_TIMEOUT));
  else
    pc_response_set_transport_error (&mapped, error);
  g_task_return_error (task, mapped);
}


/* Answers this large (a few thousand tokens) are parsed in a worker thread,
 * so that the main loop, and the window it draws, never waits on them. */
#define PARSE_IN_THREAD_BYTES (128 * 1024)

/* Answers can carry a token, an ID token or a sign-in address for the
 * feedback board: nothing of them stays behind in freed memory. */
static void
wipe_bytes (GBytes *bytes)
{
  gsize length;
  gpointer data;

  if (bytes == NULL)
    return;
  data = (gpointer) g_bytes_get_data (bytes, &length);
  if (data != NULL)
    explicit_bzero (data, length);
}

/* The body as sent, decoded, traced and parsed: what may run in a worker
 * thread. */
static JsonNode *
decode_and_parse (PcResponseFormat     format,
                  guint                status,
                  const char          *reason,
                  SoupMessageHeaders  *headers,
                  GBytes              *raw,
                  GError             **error)
{
  g_autoptr(GBytes) body = pc_response_decode_body (headers, raw, PC_RESPONSE_MAX_BODY, error);
  JsonNode *result;

  pc_debug_log_response (status, reason, headers, body ? body : raw);
  if (body == NULL)
    return NULL;
  result = pc_response_parse (format, status, body, error);
  wipe_bytes (body);
  return result;
}

typedef struct
{
  PcResponseFormat format;
  guint status;
  char *reason;
  SoupMessageHeaders *headers;
  GBytes *body;
  PcParseFunc parse;
  GDestroyNotify destroy;
  gboolean caller_wipes;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  soup_message_headers_unref (job->headers);
  wipe_bytes (job->body);
  g_bytes_unref (job->body);
  g_free (job->reason);
  g_free (job);
}

static void
parse_in_thread (GTask        *inner,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  ParseJob *job = data;
  g_autoptr(JsonNode) result = NULL;
  GError *error = NULL;
  gpointer value;

  result = decode_and_parse (job->format, job->status, job->reason, job->headers, job->body, &error);
  if (result == NULL)
    {
      g_task_return_error (inner, error);
      return;
    }
  if (job->parse == NULL)
    {
      g_task_return_pointer (inner, g_steal_pointer (&result), (GDestroyNotify) json_node_unref);
      return;
    }
  value = job->parse (result, &error);
  /* The models have their own copies: what the answer said, a token or
   * an ID token among it, goes. A value that is the answer itself wipes
   * it when it is freed. */
  if (!job->caller_wipes || error != NULL)
    pc_json_node_wipe_strings (result);
  if (error != NULL)
    g_task_return_error (inner, error);
  else
    g_task_return_pointer (inner, value, job->destroy);
}

/* What the choke point made of the answer (@result, or @error), turned
 * into what the endpoint returns. */
static void
complete_request (GTask    *task,
                  JsonNode *result,
                  GError   *error)
{
  Request *request = g_task_get_task_data (task);
  PcClient *self = g_task_get_source_object (task);
  gpointer value;

  /* Logging out ends the session whether the server still knew it or not. */
  if ((request->flags & PC_REQUEST_END_SESSION) &&
      (result != NULL || g_error_matches (error, PC_ERROR, PC_ERROR_UNAUTHORIZED)))
    wipe_string (&self->cookie);

  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (request->flags & PC_REQUEST_KEEP_COOKIE)
    {
      pc_client_take_session_cookie (self, request->message);
      if (self->cookie == NULL)
        {
          g_debug ("Login answered without a session cookie");
          g_task_return_new_error (task, PC_ERROR, PC_ERROR_PARSE, "%s",
                                   _("The server accepted the sign-in but started no session."));
          return;
        }
    }

  error = NULL;
  value = request->parse (result, &error);
  if (!(request->flags & PC_REQUEST_CALLER_WIPES) || error != NULL)
    pc_json_node_wipe_strings (result);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, request->destroy);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  ParseJob *job = g_task_get_task_data (G_TASK (result));
  gboolean modelled = job->parse != NULL;
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL && pc_deadline_cut_short (&request->deadline, error))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_TIMEOUT, "%s", pc_error_code_describe (PC_ERROR_TIMEOUT));
    }
  else if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else if (!modelled)
    {
      g_autoptr(JsonNode) node = value;
      complete_request (task, node, error);
    }
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, request->destroy);
}

static void
finish_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
  g_autoptr(JsonNode) result = NULL;
  GError *error = NULL;
  guint status = soup_message_get_status (request->message);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  gsize raw_length = g_bytes_get_size (body);
  gboolean compressed = soup_message_headers_get_one (headers, "Content-Encoding") != NULL;

  if (request->flags & PC_REQUEST_RAW)
    {
      finish_raw_request (task, status, headers, body);
      return;
    }

  /* A compressed answer can be small and still decode to many megabytes:
   * those, and large ones, are decoded and parsed away from the main loop.
   * Only plain requests are turned into models there too; sign-in and
   * sign-out keep their cookie handling here. */
  if (compressed || raw_length >= PARSE_IN_THREAD_BYTES)
    {
      ParseJob *job = g_new0 (ParseJob, 1);
      g_autoptr(GTask) inner = g_task_new (NULL, request->deadline.cancellable, parsed_cb, g_object_ref (task));

      job->format = request->format;
      job->status = status;
      job->reason = g_strdup (soup_message_get_reason_phrase (request->message));
      job->headers = soup_message_headers_ref (headers);
      job->body = g_steal_pointer (&body);
      job->parse = (request->flags & ~PC_REQUEST_CALLER_WIPES) == PC_REQUEST_AUTHENTICATED ? request->parse : NULL;
      job->caller_wipes = (request->flags & PC_REQUEST_CALLER_WIPES) != 0;
      job->destroy = request->destroy;
      g_task_set_source_tag (inner, finish_request);
      g_task_set_task_data (inner, job, (GDestroyNotify) parse_job_free);
      g_task_run_in_thread (inner, parse_in_thread);
      return;
    }

  result = decode_and_parse (request->format, status, soup_message_get_reason_phrase (request->message),
                             headers, body, &error);
  wipe_bytes (body);
  complete_request (task, result, error);
}

/* A raw request's answer: decoded and checked as every answer is, then
 * handed over whatever its status; what the body means is the caller's. */
static void
finish_raw_request (GTask              *task,
                    guint               status,
                    SoupMessageHeaders *headers,
                    GBytes             *raw)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  PcRawResponse *response;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GPtrArray *lines = g_ptr_array_new ();

  body = pc_response_decode_body (headers, raw, PC_RESPONSE_MAX_BODY, &error);
  pc_debug_log_response (status, soup_message_get_reason_phrase (request->message), headers, body ? body : raw);
  if (body == NULL)
    {
      g_ptr_array_unref (lines);
      g_task_return_error (task, error);
      return;
    }

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_ptr_array_add (lines, g_strdup (name));
      g_ptr_array_add (lines, g_strdup (value));
    }
  g_ptr_array_add (lines, NULL);

  response = g_new0 (PcRawResponse, 1);
  response->status = status;
  response->reason = g_strdup (soup_message_get_reason_phrase (request->message));
  response->http_version = soup_message_get_http_version (request->message) == SOUP_HTTP_2_0 ? "HTTP/2"
                           : soup_message_get_http_version (request->message) == SOUP_HTTP_1_0 ? "HTTP/1.0"
                           : "HTTP/1.1";
  response->headers = (GStrv) g_ptr_array_free (lines, FALSE);
  response->body = g_steal_pointer (&body);
  g_task_return_pointer (task, response, (GDestroyNotify) pc_raw_response_free);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* Reads into the buffer's spare room: what is left of an announced length
 * in one go, otherwise a chunk at a time. */
static void
read_more (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = request->deadline.cancellable;
  gsize chunk = READ_CHUNK;

  if (request->announced > (goffset) request->buffer->len)
    chunk = request->announced - request->buffer->len;
  else if (request->announced >= 0)
    chunk = 1; /* only the end is left to read */
  request->chunk = chunk;
  g_byte_array_set_size (request->buffer, request->buffer->len + chunk);
  g_input_stream_read_async (request->stream, request->buffer->data + request->buffer->len - chunk,
                             chunk, G_PRIORITY_DEFAULT, cancellable, read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  /* Give back the part of the spare room that was not filled. */
  g_byte_array_set_size (request->buffer, request->buffer->len - request->chunk + MAX (n_read, 0));

  if (n_read < 0)
    {
      return_transport_error (task, error);
      return;
    }

  /* Read to the end, also past an announced length: only then is the
   * message done and its connection free for the next request. The choke
   * point compares the length with the announced one, since libsoup 3.2
   * reports a body cut short as an ordinary end. */
  if (n_read == 0)
    {
      /* The connection goes back to the session now, not when the caller
       * lets go of the result: a program that keeps two results would
       * otherwise wait for ever for a third connection to the host. */
      g_clear_object (&request->stream);
      finish_request (task);
      return;
    }

  if (request->buffer->len > PC_RESPONSE_MAX_BODY)
    {
      g_debug ("Answer over %d bytes; stopped reading", PC_RESPONSE_MAX_BODY);
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_PARSE, "%s",
                               _("The server's answer was too large to be read."));
      return;
    }

  read_more (g_steal_pointer (&task));
}

static gboolean
follow_redirect (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  const char *location;
  g_autoptr(GUri) target = NULL;

  if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
    return FALSE;

  location = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                           "Location");
  if (location == NULL || request->redirects >= MAX_REDIRECTS)
    return FALSE;

  target = g_uri_parse_relative (request->uri, location, G_URI_FLAGS_ENCODED, NULL);
  /* Credentials are custom headers that libsoup would carry along to any
   * host; only the same origin gets them, and so only it is followed. */
  if (target == NULL || !pc_client_same_origin (target, request->uri))
    {
      g_debug ("Not following a redirect to another origin");
      return FALSE;
    }

  request->redirects++;
  g_uri_unref (request->uri);
  request->uri = g_steal_pointer (&target);
  if (status == 303 && !g_str_equal (request->method, "HEAD"))
    {
      g_free (request->method);
      request->method = g_strdup ("GET");
      g_clear_pointer (&request->body, g_bytes_unref);
    }
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  start_request (g_object_ref (task));
  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset announced;
  SoupMessageHeaders *headers;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  if (follow_redirect (task))
    return;

  headers = soup_message_get_response_headers (request->message);
  announced = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
                ? soup_message_headers_get_content_length (headers)
                : -1;
  if (announced > PC_RESPONSE_MAX_BODY)
    {
      g_debug ("Answer of %" G_GOFFSET_FORMAT " bytes announced; not read", announced);
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_PARSE, "%s",
                               _("The server's answer was too large to be read."));
      return;
    }

  request->announced = announced;
  request->buffer = g_byte_array_sized_new (announced > 0 ? announced : READ_CHUNK);
  if (announced == 0)
    finish_request (task);
  else
    read_more (g_steal_pointer (&task));
}

static void
start_request (GTask *task)
{
  PcClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  request->message = soup_message_new_from_uri (request->method, request->uri);
  if (request->message == NULL)
    {
      g_debug ("No request can be made for this address");
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_SERVER, "%s", pc_error_code_describe (PC_ERROR_SERVER));
      g_object_unref (task);
      return;
    }
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  for (guint i = 0; request->extra_headers != NULL && request->extra_headers[i] != NULL; i += 2)
    soup_message_headers_append (headers, request->extra_headers[i], request->extra_headers[i + 1]);
  /* Only the codings the choke point decodes, whatever was asked for. */
  soup_message_headers_replace (headers, "Accept-Encoding", "gzip, deflate");

  if (request->flags & PC_REQUEST_AUTHENTICATED)
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

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message,
                                              request->content_type ? request->content_type : "application/json",
                                              request->body);

  pc_debug_log_request (request->message, request->body);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->deadline.cancellable, send_cb, task);
}

/**
 * pc_client_send:
 * @task: (transfer full): the endpoint's task, its source tag set
 * @body: (nullable): a JSON body to send; its strings are wiped once it is
 *   written out (it may hold a password or an ID token)
 *
 * Carries one request; @task returns what @parse made of the result.
 */
void
pc_client_send (PcClient         *self,
                GTask            *task,
                const char       *method,
                GUri             *uri,
                JsonNode         *body,
                PcResponseFormat  format,
                PcRequestFlags    flags,
                PcParseFunc       parse,
                GDestroyNotify    destroy)
{
  Request *request;

  if (uri == NULL)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_INPUT, "%s",
                               _("An id or an invitation cannot be empty, “.” or “..”."));
      g_object_unref (task);
      return;
    }

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->uri = g_uri_ref (uri);
  request->format = format;
  request->flags = flags;
  request->parse = parse;
  request->destroy = destroy;
  if (body != NULL)
    {
      gsize length;
      char *data = json_to_string (body, FALSE);

      length = strlen (data);
      request->body = g_bytes_new_with_free_func (data, length, wipe_and_free, data);
      pc_json_node_wipe_strings (body);
    }
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  /* The timeout ends a request that stops moving; the deadline one that
   * moves too slowly to ever end (a byte now and then). */
  pc_deadline_start (&request->deadline, pc_client_get_deadline (self), g_task_get_cancellable (task));

  if ((flags & PC_REQUEST_AUTHENTICATED) && pc_client_get_credentials_kind (self) == PC_CREDENTIALS_NONE)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_NOT_SIGNED_IN, "%s",
                               pc_error_code_describe (PC_ERROR_NOT_SIGNED_IN));
      g_object_unref (task);
      return;
    }

  start_request (task);
}

gpointer
pc_client_task_finish (PcClient      *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  g_return_val_if_fail (PC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
pc_client_task_finish_boolean (PcClient      *self,
                               GAsyncResult  *result,
                               gpointer       source_tag,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  pc_client_task_finish (self, result, source_tag, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
pc_raw_response_free (PcRawResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->reason);
  g_strfreev (response->headers);
  if (response->body != NULL)
    wipe_bytes (response->body);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

const char *
pc_raw_response_get_header (PcRawResponse *response,
                            const char    *name)
{
  g_return_val_if_fail (response != NULL, NULL);
  for (guint i = 0; response->headers[i] != NULL; i += 2)
    if (g_ascii_strcasecmp (response->headers[i], name) == 0)
      return response->headers[i + 1];
  return NULL;
}

/* Headers the client sets itself: the credentials and what the transport
 * depends on. A caller's header of these names is refused. */
static const char * const reserved_headers[] = {
  "api-key", "workspace-id", "cookie", "authorization", "host", "content-length", "transfer-encoding",
  "content-encoding", "accept-encoding", "connection", "upgrade",
};

gboolean
pc_client_is_reserved_header (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved_headers); i++)
    if (g_ascii_strcasecmp (name, reserved_headers[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_header_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;
  return TRUE;
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

/**
 * pc_client_send_raw_async:
 * @method: an HTTP method
 * @path: see pc_client_resolve_path()
 * @headers: (nullable) (array zero-terminated=1): name, value, name, value…;
 *   the credentials and transport headers cannot be among them
 * @body: (nullable): the body to send, as it is
 * @content_type: (nullable): its type; JSON when %NULL
 *
 * Sends one request through the client's one request path (credentials,
 * same-origin redirects, deadline, size cap, decoding, redacted trace) and
 * hands back the answer whatever its status. The body is decoded on the
 * calling thread.
 */
void
pc_client_send_raw_async (PcClient            *self,
                          const char          *method,
                          const char          *path,
                          const char * const  *headers,
                          GBytes              *body,
                          const char          *content_type,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;

  g_return_if_fail (PC_IS_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_client_send_raw_async);

  if (!is_header_name (method))
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_INPUT, _("“%s” is not an HTTP method."), method);
      return;
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    {
      if (!is_header_name (headers[i]) || headers[i + 1] == NULL || !is_header_safe (headers[i + 1]))
        {
          g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_INPUT, "%s",
                                   _("A header must look like “Name: value”, on one line."));
          return;
        }
      if (pc_client_is_reserved_header (headers[i]))
        {
          g_task_return_new_error (task, PC_ERROR, PC_ERROR_INVALID_INPUT,
                                   _("The header “%s” is set by pupil-cloud itself."), headers[i]);
          return;
        }
    }
  uri = pc_client_resolve_path (self, path, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request = g_new0 (Request, 1);
  request->method = g_ascii_strup (method, -1);
  request->uri = g_steal_pointer (&uri);
  request->flags = PC_REQUEST_AUTHENTICATED | PC_REQUEST_RAW;
  request->body = body ? g_bytes_ref (body) : NULL;
  request->content_type = g_strdup (content_type);
  request->extra_headers = g_strdupv ((char **) headers);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  pc_deadline_start (&request->deadline, pc_client_get_deadline (self), cancellable);

  if (pc_client_get_credentials_kind (self) == PC_CREDENTIALS_NONE)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_NOT_SIGNED_IN, "%s",
                               pc_error_code_describe (PC_ERROR_NOT_SIGNED_IN));
      return;
    }
  start_request (g_steal_pointer (&task));
}

/**
 * pc_client_send_raw_finish:
 *
 * Returns: (transfer full): the answer, any status; %NULL with an error
 *   when there was none, or it could not be read (cut short, too large,
 *   undecodable, late)
 */
PcRawResponse *
pc_client_send_raw_finish (PcClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return pc_client_task_finish (self, result, pc_client_send_raw_async, error);
}
