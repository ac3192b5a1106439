/* pc-debug.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trace never carries a secret: credential headers, secret members of
 * JSON bodies, invitation tokens in paths and the identity provider's key
 * in the query are replaced before anything is written.
 */
#define G_LOG_DOMAIN "PcDebug"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pc-debug-private.h"
#include "pc-json-private.h"

static const char * const secret_headers[] = {
  "api-key", "cookie", "set-cookie", "authorization", "proxy-authorization", "x-csrf-token",
};

static const char * const secret_members[] = {
  "token", "password", "idToken", "id_token", "refreshToken", "refresh_token",
  "csrf_token", "secret", "api_key", "session",
};

gboolean
pc_debug_enabled (void)
{
  static gsize enabled;

  if (g_once_init_enter (&enabled))
    g_once_init_leave (&enabled, 1 + (g_strcmp0 (g_getenv ("PUPIL_CLOUD_DEBUG"), "1") == 0));
  return enabled == 2;
}

static gboolean
is_secret (const char         *name,
           const char * const *list,
           gsize               n_list)
{
  for (gsize i = 0; i < n_list; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
redact_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (is_secret (name, secret_members, G_N_ELEMENTS (secret_members)) &&
              !JSON_NODE_HOLDS_NULL (member))
            json_node_set_string (member, PC_DEBUG_REDACTED);
          else
            redact_node (member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redact_node (json_array_get_element (array, i));
    }
}

char *
pc_debug_redact_body (GBytes *body)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *data;
  gsize length;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return g_strdup ("(no body)");

  data = g_bytes_get_data (body, &length);
  root = pc_json_parse_strict (data, length, PC_JSON_PARSE_DEFAULT, NULL, NULL);
  if (root == NULL)
    /* Not JSON: it cannot be redacted member by member, so it is not shown. */
    return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes, not JSON, not shown)", length);

  redact_node (root);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  if (length > 4096)
    {
      g_autofree char *text = json_generator_to_data (generator, NULL);
      return g_strdup_printf ("%.4096s… (%" G_GSIZE_FORMAT " bytes)", text, length);
    }
  return json_generator_to_data (generator, NULL);
}

char *
pc_debug_redact_uri (GUri *uri)
{
  g_autofree char *path = g_strdup (g_uri_get_path (uri));
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autofree char *joined = NULL;
  const char *query = g_uri_get_query (uri);

  /* An invitation token in the path is a capability: whoever has it can
   * answer the invitation. */
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (i > 0 && g_str_equal (segments[i - 1], "invites") && *segments[i] != '\0')
        {
          g_free (segments[i]);
          segments[i] = g_strdup (PC_DEBUG_REDACTED);
        }
    }
  joined = g_strjoinv ("/", segments);

  /* An IPv6 address keeps its brackets, or the port reads as part of it. */
  return g_strdup_printf ("%s://%s%s%s:%d%s%s", g_uri_get_scheme (uri),
                          strchr (g_uri_get_host (uri), ':') ? "[" : "", g_uri_get_host (uri),
                          strchr (g_uri_get_host (uri), ':') ? "]" : "", g_uri_get_port (uri), joined,
                          query ? "?" PC_DEBUG_REDACTED : "");
}

/* Whether a header's value is a credential: the trace and the command
 * line's `api -i` show it redacted. */
gboolean
pc_debug_header_is_secret (const char *name)
{
  return is_secret (name, secret_headers, G_N_ELEMENTS (secret_headers));
}

static void
log_headers (const char         *prefix,
             SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      gboolean secret = pc_debug_header_is_secret (name);

      /* A redirect's target may carry a token in its path or query: only
       * where it leads is shown. */
      if (g_ascii_strcasecmp (name, "location") == 0)
        {
          g_autoptr(GUri) target = g_uri_parse (value, G_URI_FLAGS_ENCODED, NULL);
          g_autofree char *shown = NULL;

          if (target != NULL && g_uri_get_host (target) != NULL)
            shown = g_strdup_printf ("%s://%s:%d/" PC_DEBUG_REDACTED, g_uri_get_scheme (target),
                                     g_uri_get_host (target), g_uri_get_port (target));
          g_printerr ("%s %s: %s\n", prefix, name, shown ? shown : PC_DEBUG_REDACTED);
          continue;
        }
      g_printerr ("%s %s: %s\n", prefix, name, secret ? PC_DEBUG_REDACTED : value);
    }
}

void
pc_debug_log_request (SoupMessage *message,
                      GBytes      *body)
{
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;

  if (!pc_debug_enabled ())
    return;

  uri = pc_debug_redact_uri (soup_message_get_uri (message));
  text = pc_debug_redact_body (body);
  g_printerr ("pupil-cloud-debug > %s %s\n", soup_message_get_method (message), uri);
  log_headers ("pupil-cloud-debug >", soup_message_get_request_headers (message));
  g_printerr ("pupil-cloud-debug > %s\n", text);
}

/* May run in a worker thread: it touches only what it is given. */
void
pc_debug_log_response (guint               status,
                       const char         *reason,
                       SoupMessageHeaders *headers,
                       GBytes             *body)
{
  g_autofree char *text = NULL;

  if (!pc_debug_enabled ())
    return;

  text = pc_debug_redact_body (body);
  g_printerr ("pupil-cloud-debug < %u %s\n", status, reason ? reason : "");
  log_headers ("pupil-cloud-debug <", headers);
  g_printerr ("pupil-cloud-debug < %s\n", text);
}
