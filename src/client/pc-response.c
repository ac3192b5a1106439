/* pc-response.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer from the service and the identity provider passes through
 * pc_response_parse(): the status becomes a PcError code, the server's own
 * message becomes the error's text, and a body that is too large, nested
 * too deeply, shorter than announced or not JSON never reaches a model.
 */
#define G_LOG_DOMAIN "PcResponse"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pc-error.h"
#include "pc-json-private.h"
#include "pc-response-private.h"

/* A server message longer than this is cut: it is shown in one line. */
#define MAX_MESSAGE_CHARS 300

void
pc_response_set_transport_error (GError       **error,
                                 const GError  *transport_error)
{
  PcErrorCode code = PC_ERROR_NETWORK;

  if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, transport_error->message);
      return;
    }
  if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = PC_ERROR_TIMEOUT;
  else if (transport_error->domain == G_TLS_ERROR ||
           g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    code = PC_ERROR_TLS;

  g_debug ("Transport error: %s", transport_error->message);
  g_set_error_literal (error, PC_ERROR, code, pc_error_code_describe (code));
}

/* A message from the server is shown to a person: keep it to one short line
 * of valid text, whatever was sent. */
static char *
sanitize_message (const char *message)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n_chars = 0;

  if (message == NULL)
    return NULL;

  valid = g_utf8_make_valid (message, -1);
  g_strstrip (valid);
  if (*valid == '\0')
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars++ == MAX_MESSAGE_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (g_unichar_iscntrl (c))
        c = ' ';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
parse_json (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  gboolean cut_short = FALSE;

  root = pc_json_parse_strict (data, length, PC_JSON_PARSE_IMMUTABLE, &cut_short, &local_error);
  if (root == NULL)
    {
      /* JSON that stops inside a string or a bracket was cut short on the
       * way (a chunked body ended early, which libsoup 3.2 does not report). */
      if (cut_short)
        g_set_error_literal (error, PC_ERROR, PC_ERROR_NETWORK,
                             _("The connection was closed before the whole answer arrived."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("Answer is JSON but not an object");
      g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
      return NULL;
    }
  return g_steal_pointer (&root);
}

static void set_status_error (GError **error, guint status, JsonObject *object, gboolean foreign);

/* The identity provider's error words, as Firebase sends them; anything
 * after the word (" : details") is detail for the log. */
static void
set_idp_error (GError     **error,
               guint        status,
               const char  *word)
{
  static const struct {
    const char *word;
    PcErrorCode code;
    const char *message;
  } words[] = {
    { "INVALID_PASSWORD", PC_ERROR_UNAUTHORIZED, N_("The email address or the password is wrong.") },
    { "EMAIL_NOT_FOUND", PC_ERROR_UNAUTHORIZED, N_("The email address or the password is wrong.") },
    { "INVALID_LOGIN_CREDENTIALS", PC_ERROR_UNAUTHORIZED, N_("The email address or the password is wrong.") },
    { "INVALID_EMAIL", PC_ERROR_INVALID_EMAIL, N_("This is not a valid email address.") },
    { "MISSING_EMAIL", PC_ERROR_INVALID_EMAIL, N_("Enter your email address.") },
    { "EMAIL_EXISTS", PC_ERROR_EMAIL_EXISTS,
      N_("An account with this email address exists already. Sign in instead.") },
    { "WEAK_PASSWORD", PC_ERROR_WEAK_PASSWORD, N_("This password is too weak. Use at least 6 characters.") },
    { "OPERATION_NOT_ALLOWED", PC_ERROR_FORBIDDEN,
      N_("The identity provider does not allow this. Create the account on the web instead.") },
    { "INVALID_ID_TOKEN", PC_ERROR_UNAUTHORIZED, N_("The sign-in has expired. Sign in again with your password.") },
    { "TOKEN_EXPIRED", PC_ERROR_UNAUTHORIZED, N_("The sign-in has expired. Sign in again with your password.") },
    { "USER_NOT_FOUND", PC_ERROR_UNAUTHORIZED, N_("The sign-in has expired. Sign in again with your password.") },
    { "MISSING_PASSWORD", PC_ERROR_INVALID_INPUT, N_("Enter your password.") },
    { "USER_DISABLED", PC_ERROR_FORBIDDEN, N_("This account has been disabled.") },
    { "TOO_MANY_ATTEMPTS_TRY_LATER", PC_ERROR_RATE_LIMITED, N_("Too many failed attempts. Try again later.") },
    { "API key not valid", PC_ERROR_NO_IDP,
      N_("The identity provider refused its key. Check the identity provider settings.") },
  };
  PcErrorCode code;

  g_debug ("Identity provider error %u: %s", status, word ? word : "(none)");

  /* A redirect, not followed: the password stays with this provider. */
  if (status >= 300 && status < 400)
    {
      set_status_error (error, status, NULL, FALSE);
      return;
    }

  for (guint i = 0; word != NULL && i < G_N_ELEMENTS (words); i++)
    {
      if (g_str_has_prefix (word, words[i].word))
        {
          g_set_error_literal (error, PC_ERROR, words[i].code, _(words[i].message));
          return;
        }
    }

  code = status >= 400 ? pc_error_code_from_status (status) : PC_ERROR_PARSE;
  g_set_error_literal (error, PC_ERROR, code, pc_error_code_describe (code));
}

static void
set_status_error (GError     **error,
                  guint        status,
                  JsonObject  *object,
                  gboolean     foreign)
{
  PcErrorCode code = pc_error_code_from_status (status);
  g_autofree char *message = sanitize_message (pc_json_get_string (object, "message"));

  /* The service answers in its envelope; a refusal that is not JSON came
   * from something in the way, and says nothing about the sign-in. So
   * does a 401 with a page that is not JSON (a proxy's or a gateway's
   * own sign-in): only the service's own 401 (JSON, or nothing) ends a
   * sign-in. */
  if (object == NULL && (status == 403 || status == 407))
    code = PC_ERROR_BLOCKED;
  if (foreign && status == 401)
    code = PC_ERROR_BLOCKED;

  if (status >= 300 && status < 400)
    {
      code = PC_ERROR_SERVER;
      g_clear_pointer (&message, g_free);
      message = g_strdup (_("The server sent the request to another address. It was not followed, "
                            "so that your credentials stay with this server."));
    }

  g_debug ("HTTP status %u → error code %d", status, code);
  g_set_error_literal (error, PC_ERROR, code, message ? message : pc_error_code_describe (code));
}

static void
set_cut_short (GError **error)
{
  g_set_error_literal (error, PC_ERROR, PC_ERROR_NETWORK,
                       _("The connection was closed before the whole answer arrived."));
}

static void
set_too_large (GError **error)
{
  g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, _("The server's answer was too large to be read."));
}

/* Runs a whole compressed body through zlib. Anything but a stream that
 * ends where the body ends (its checksum checked) is an error: libsoup's
 * own decoder takes a stream without its end for a whole one. */
static GBytes *
inflate_body (GZlibCompressorFormat   format,
              GBytes                 *raw,
              gsize                   max_size,
              gboolean               *invalid,
              GError                **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (format);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_length;
  const guint8 *in = g_bytes_get_data (raw, &in_length);
  gsize in_done = 0;

  *invalid = FALSE;
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize room = MIN (MAX (in_length * 4, (gsize) 64 * 1024), max_size + 1 - out->len);
      gsize read = 0, written = 0;
      guint old_length = out->len;
      GConverterResult result;

      g_byte_array_set_size (out, old_length + room);
      result = g_converter_convert (G_CONVERTER (decompressor), in + in_done, in_length - in_done,
                                    out->data + old_length, room, G_CONVERTER_INPUT_AT_END,
                                    &read, &written, &local_error);
      g_byte_array_set_size (out, old_length + written);
      in_done += read;

      if (result == G_CONVERTER_ERROR)
        {
          g_debug ("Compressed answer not decoded: %s", local_error->message);
          *invalid = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) && out->len == 0;
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            set_cut_short (error);
          else
            g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
          return NULL;
        }
      if (out->len > max_size)
        {
          g_debug ("Compressed answer decodes to more than %" G_GSIZE_FORMAT " bytes", max_size);
          set_too_large (error);
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        {
          if (in_done < in_length)
            {
              g_debug ("%" G_GSIZE_FORMAT " bytes after the end of the compressed stream", in_length - in_done);
              g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
              return NULL;
            }
          return g_byte_array_free_to_bytes (g_steal_pointer (&out));
        }
      if (read == 0 && written == 0)
        {
          set_cut_short (error);
          return NULL;
        }
    }
}

/**
 * pc_response_decode_body:
 * @headers: the answer's headers
 * @raw: the body as it came off the connection
 * @max_size: the most bytes the decoded body may have
 *
 * The body a parser may read: whole (as long as its Content-Length says;
 * libsoup 3.2 hands a shorter one over as if it were whole) and, if the
 * server compressed it, decoded and checked to its end.
 *
 * Returns: (transfer full): the body, or %NULL with %PC_ERROR_NETWORK (cut
 *   short) or %PC_ERROR_PARSE (not decodable, too large)
 */
GBytes *
pc_response_decode_body (SoupMessageHeaders  *headers,
                         GBytes              *raw,
                         gsize                max_size,
                         GError             **error)
{
  const char *coding = soup_message_headers_get_list (headers, "Content-Encoding");
  gsize length = g_bytes_get_size (raw);
  gboolean invalid = FALSE;
  GBytes *decoded;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) != (goffset) length)
    {
      g_debug ("Body of %" G_GSIZE_FORMAT " bytes, %" G_GOFFSET_FORMAT " announced",
               length, soup_message_headers_get_content_length (headers));
      set_cut_short (error);
      return NULL;
    }

  if (coding == NULL || *coding == '\0' || g_ascii_strcasecmp (coding, "identity") == 0 || length == 0)
    {
      if (length > max_size)
        {
          set_too_large (error);
          return NULL;
        }
      return g_bytes_ref (raw);
    }

  if (g_ascii_strcasecmp (coding, "gzip") == 0 || g_ascii_strcasecmp (coding, "x-gzip") == 0)
    return inflate_body (G_ZLIB_COMPRESSOR_FORMAT_GZIP, raw, max_size, &invalid, error);

  if (g_ascii_strcasecmp (coding, "deflate") == 0)
    {
      /* "deflate" is a zlib stream (RFC 9110), but some servers send the
       * bare deflate data. */
      g_autoptr(GError) zlib_error = NULL;

      decoded = inflate_body (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, raw, max_size, &invalid, &zlib_error);
      if (decoded != NULL || !invalid)
        {
          if (zlib_error != NULL)
            g_propagate_error (error, g_steal_pointer (&zlib_error));
          return decoded;
        }
      return inflate_body (G_ZLIB_COMPRESSOR_FORMAT_RAW, raw, max_size, &invalid, error);
    }

  g_debug ("Answer in a coding that was not asked for: %s", coding);
  g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
  return NULL;
}

JsonNode *
pc_response_parse (PcResponseFormat   format,
                   guint              status,
                   GBytes            *body,
                   GError           **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize length = body ? g_bytes_get_size (body) : 0;
  gboolean success = status >= 200 && status < 300;
  JsonObject *object;
  JsonNode *result;

  if (length > PC_RESPONSE_MAX_BODY)
    {
      g_debug ("Answer of %" G_GSIZE_FORMAT " bytes is over the limit", length);
      g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE,
                           _("The server's answer was too large to be read."));
      return NULL;
    }

  if (length == 0)
    {
      if (success)
        return json_node_new (JSON_NODE_NULL);
      if (format != PC_RESPONSE_ENVELOPE)
        set_idp_error (error, status, NULL);
      else
        set_status_error (error, status, NULL, FALSE);
      return NULL;
    }

  root = parse_json (body, &parse_error);
  if (root == NULL)
    {
      /* An error page in HTML says nothing more than its status. */
      if (!success && format != PC_RESPONSE_ENVELOPE)
        set_idp_error (error, status, NULL);
      else if (!success)
        set_status_error (error, status, NULL, TRUE);
      else
        g_propagate_error (error, g_steal_pointer (&parse_error));
      return NULL;
    }
  object = json_node_get_object (root);

  if (format != PC_RESPONSE_ENVELOPE)
    {
      JsonObject *idp_error = pc_json_get_object (object, "error");
      const char *word = pc_json_get_string (idp_error, "message");

      /* A reset for an unknown address says what a known one says. */
      if (format == PC_RESPONSE_IDENTITY_PROVIDER_RESET && word != NULL && g_str_has_prefix (word, "EMAIL_NOT_FOUND"))
        {
          g_debug ("Password reset for an address without an account");
          return json_node_new (JSON_NODE_NULL);
        }
      if (!success || idp_error != NULL)
        {
          set_idp_error (error, status, pc_json_get_string (idp_error, "message"));
          return NULL;
        }
      return g_steal_pointer (&root);
    }

  if (!success)
    {
      set_status_error (error, status, object, FALSE);
      return NULL;
    }

  /* Some servers answer errors with 200 and the error in the envelope. */
  if (g_strcmp0 (pc_json_get_string (object, "status"), "error") == 0)
    {
      JsonNode *code = json_object_get_member (object, "code");
      guint envelope_status = 500;

      if (code != NULL && JSON_NODE_HOLDS_VALUE (code) &&
          (json_node_get_value_type (code) == G_TYPE_INT64 ||
           json_node_get_value_type (code) == G_TYPE_DOUBLE))
        {
          double value = json_node_get_double (code);
          if (value >= 400 && value < 600)
            envelope_status = (guint) value;
        }
      set_status_error (error, envelope_status, object, FALSE);
      return NULL;
    }

  result = json_object_get_member (object, "result");
  if (result == NULL)
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (result);
}
