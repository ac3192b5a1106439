/* pc-mock-routes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which request goes where: a fault, a profile picture, the identity
 * provider, or the Auth API, each answer in its envelope. The service's
 * rules are in pc-mock-state.c and the files it names.
 */
#define G_LOG_DOMAIN "PcMock"

#include <string.h>

#include "pc-mock-server-private.h"

#define SLOW_MS 500

/* Answers */

void
pc_mock_respond_json (SoupServerMessage *msg,
                      guint              status,
                      JsonNode          *root)
{
  gsize length;
  char *data = json_to_string (root, FALSE);

  length = strlen (data);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

void
pc_mock_respond_reply (SoupServerMessage *msg,
                       PcMockReply       *reply)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean ok = reply->status >= 200 && reply->status < 300;

  if (reply->status == SOUP_STATUS_NO_CONTENT)
    {
      /* No body, not even an envelope: the seed's "void" endpoints. */
      soup_server_message_set_status (msg, reply->status, NULL);
      if (reply->set_cookie != NULL)
        soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                                     reply->set_cookie);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, reply->status);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, ok ? "success" : "error");
  if (!ok)
    {
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, reply->message ? reply->message : "Error");
    }
  else if (reply->result != NULL)
    {
      json_builder_set_member_name (b, "result");
      json_builder_add_value (b, json_node_ref (reply->result));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  pc_mock_respond_json (msg, reply->status, root);
  if (reply->set_cookie != NULL)
    soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                                 reply->set_cookie);
}

/* Requests */

static char *
dup_session_cookie (PcMockServer      *self,
                    SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Cookie");
  g_autoptr(GHashTable) cookies = NULL;

  if (header == NULL)
    return NULL;
  cookies = soup_header_parse_semi_param_list (header);
  return g_strdup (g_hash_table_lookup (cookies, pc_mock_state_get_cookie_name (self->state)));
}

static void
serve_picture (SoupServerMessage *msg,
               const char        *name)
{
  g_autoptr(GBytes) picture = NULL;

  /* Redirects: to the picture on this host, or to a host without https. */
  if (g_str_equal (name, "moved"))
    {
      soup_server_message_set_redirect (msg, 302, "/pictures/ada.png");
      return;
    }
  if (g_str_equal (name, "moved-to-http"))
    {
      soup_server_message_set_redirect (msg, 302, "http://pictures.example.com/ada.png");
      return;
    }
  /* A few bytes that say 100,000 × 100,000 pixels: 40 GB once decoded. */
  if (g_str_equal (name, "giant.png"))
    {
      static const guint8 giant[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
        0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 8, 6, 0, 0, 0, 0, 0, 0, 0,
      };
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, (const char *) giant, sizeof giant);
      return;
    }
  if (!g_str_equal (name, "ada.png"))
    {
      /* Not a picture at all: what a login wall or an error page sends. */
      soup_server_message_set_status (msg, g_str_equal (name, "login-wall") ? 200 : 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html></html>", 13);
      return;
    }
  picture = g_resources_lookup_data ("/io/github/pupil_cloud/Mock/picture.png", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, g_bytes_get_data (picture, NULL),
                                    g_bytes_get_size (picture));
}

void
pc_mock_server_handle (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  PcMockServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  gboolean is_idp = g_str_has_prefix (path, "/idp/");
  const char *relative = g_str_has_prefix (path, "/v2/") ? path + 3 : path;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *session = NULL;
  PcMockReply reply = { 0, };
  guint latency_ms = self->latency_ms;
  g_autofree char *request = NULL;
  Fault *fault;

  self->request_count++;
  g_ptr_array_add (self->requests, g_strdup_printf ("%s %s", method, relative));
  g_free (self->last_workspace_id);
  self->last_workspace_id = g_strdup (soup_message_headers_get_one (headers, "workspace-id"));
  self->last_had_credentials = soup_message_headers_get_one (headers, "api-key") != NULL ||
                               soup_message_headers_get_one (headers, "Cookie") != NULL;

  fault = pc_mock_server_find_fault (self, method, relative, path);
  /* Slow: answered as usual (the answer made now), but sent late. */
  if (fault != NULL && fault->kind == PC_MOCK_FAULT_SLOW)
    {
      latency_ms = SLOW_MS;
      fault = NULL;
    }
  if (fault != NULL)
    {
      pc_mock_server_apply_fault (self, msg, fault);
      if (pc_mock_fault_answers_normally (fault->kind))
        pc_mock_server_compress (self, msg);
      return;
    }

  /* Profile pictures, as another host would serve them. */
  if (g_str_has_prefix (path, "/pictures/"))
    {
      serve_picture (msg, path + strlen ("/pictures/"));
      pc_mock_server_compress (self, msg);
      return;
    }

  if (request_body->length > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, request_body->data, request_body->length, NULL))
        {
          reply.status = 400;
          reply.message = g_strdup ("The body is not JSON");
          pc_mock_respond_reply (msg, &reply);
          pc_mock_reply_clear (&reply);
          return;
        }
      body = json_parser_steal_root (parser);
    }

  if (is_idp)
    {
      const char *key = query ? g_hash_table_lookup (query, "key") : NULL;

      if (!g_str_equal (method, "POST") ||
          (!g_str_equal (path, "/idp/v1/accounts:signInWithPassword") &&
           !g_str_equal (path, "/idp/v1/accounts:signUp") && !g_str_equal (path, "/idp/v1/accounts:sendOobCode")))
        {
          soup_server_message_set_status (msg, 404, NULL);
          return;
        }
      if (g_strcmp0 (key, PC_MOCK_IDP_KEY) != 0)
        {
          const char *refused = "{\"error\":{\"code\":400,\"message\":"
                                "\"API key not valid. Please pass a valid API key.\"}}";
          soup_server_message_set_status (msg, 400, NULL);
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                            refused, strlen (refused));
          return;
        }
      if (g_str_equal (path, "/idp/v1/accounts:signUp"))
        pc_mock_state_sign_up (self->state, body, &reply);
      else if (g_str_equal (path, "/idp/v1/accounts:sendOobCode"))
        pc_mock_state_send_oob_code (self->state, body, &reply);
      else
        pc_mock_state_sign_in (self->state, body, &reply);
      pc_mock_respond_json (msg, reply.status, reply.result);
    }
  /* Mock only: what following the link in a confirmation email does. */
  else if (g_str_equal (path, "/mock/verify") && g_str_equal (method, "POST"))
    {
      const char *email = query ? g_hash_table_lookup (query, "email") : NULL;
      gboolean known = pc_mock_state_verify_email (self->state, email);

      soup_server_message_set_status (msg, known ? 204 : 404, NULL);
      return;
    }
  else if (g_str_has_prefix (path, "/v2/"))
    {
      session = dup_session_cookie (self, msg);
      pc_mock_state_handle (self->state, method, relative,
                            soup_message_headers_get_one (headers, "api-key"),
                            soup_message_headers_get_one (headers, "workspace-id"),
                            session, body, &reply);
      pc_mock_respond_reply (msg, &reply);
    }
  else
    {
      reply.status = 404;
      reply.message = g_strdup ("Not found");
      pc_mock_respond_reply (msg, &reply);
    }
  pc_mock_reply_clear (&reply);
  pc_mock_server_compress (self, msg);

  request = g_strdup_printf ("%s %s", method, relative);
  pc_mock_server_send (self, msg, request, latency_ms);
}
