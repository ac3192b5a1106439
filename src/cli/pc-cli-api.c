/* pc-cli-api.c: api, any request to the signed-in server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request goes through PcClient's one request path (credentials,
 * same-origin redirects, deadline, size cap, decoding, redacted trace), and
 * a JSON answer through the strict parser before jq or the terminal sees it.
 * Filters are jq's own (libjq), never a language of ours.
 */
#define G_LOG_DOMAIN "PupilCloud"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#if HAVE_JQ
#include <jq.h>
#endif
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pc-cli.h"
#include "pc-debug-private.h"
#include "pc-json-private.h"
#include "pc-response-private.h"

/* Reads a whole file, or standard input for "-", up to the body limit. */
static GBytes *
read_input (const char  *file,
            GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[16 * 1024];
  gssize n;

  if (g_str_equal (file, "-"))
    stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) gfile = g_file_new_for_commandline_arg (file);
      stream = G_INPUT_STREAM (g_file_read (gfile, NULL, error));
      if (stream == NULL)
        return NULL;
    }

  while ((n = g_input_stream_read (stream, chunk, sizeof chunk, NULL, error)) > 0)
    {
      if (data->len + n > PC_RESPONSE_MAX_BODY)
        {
          /* Translators: %s is a file name. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, _("%s is larger than 16 MiB."), file);
          return NULL;
        }
      g_byte_array_append (data, chunk, n);
    }
  if (n < 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* -F's value: true, false, null, a number, @file, or else a string. */
static JsonNode *
typed_value (const char  *value,
             GError     **error)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  gint64 integer;
  char *end = NULL;
  double number;

  if (g_str_equal (value, "true") || g_str_equal (value, "false"))
    json_node_set_boolean (node, g_str_equal (value, "true"));
  else if (g_str_equal (value, "null"))
    json_node_init_null (node);
  else if (g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &integer, NULL))
    json_node_set_int (node, integer);
  else if (*value != '\0' && g_ascii_isdigit (value[*value == '-']) &&
           (number = g_ascii_strtod (value, &end), *end == '\0') && isfinite (number))
    json_node_set_double (node, number);
  else if (value[0] == '@')
    {
      g_autoptr(GBytes) contents = read_input (value + 1, error);
      g_autofree char *text = NULL;

      if (contents == NULL)
        {
          json_node_unref (node);
          return NULL;
        }
      text = g_strndup (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
      if (strlen (text) != g_bytes_get_size (contents) || !g_utf8_validate (text, -1, NULL))
        {
          /* Translators: %s is a file name. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s is not text."), value + 1);
          json_node_unref (node);
          return NULL;
        }
      json_node_set_string (node, text);
    }
  else
    json_node_set_string (node, value);
  return node;
}

/* The fields as a JSON object; @query gets them instead for a GET. */
static JsonNode *
build_fields (char    **strings,
              char    **typed,
              GString  *query,
              GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char **lists[] = { strings, typed };

  json_builder_begin_object (builder);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        const char *field = lists[l][i];
        const char *equals = strchr (field, '=');
        g_autofree char *key = NULL;
        JsonNode *value;

        if (equals == NULL || equals == field)
          {
            /* Translators: %s is what followed -f or -F. */
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("“%s” is not a field: write KEY=VALUE."), field);
            return NULL;
          }
        key = g_strndup (field, equals - field);
        value = l == 0 ? json_node_init_string (json_node_alloc (), equals + 1) : typed_value (equals + 1, error);
        if (value == NULL)
          return NULL;
        if (query != NULL)
          {
            if (query->len > 0)
              g_string_append_c (query, '&');
            g_string_append_uri_escaped (query, key, NULL, FALSE);
            g_string_append_c (query, '=');
            if (JSON_NODE_HOLDS_NULL (value))
              ;
            else if (json_node_get_value_type (value) == G_TYPE_STRING)
              g_string_append_uri_escaped (query, json_node_get_string (value), NULL, FALSE);
            else
              {
                g_autofree char *text = json_to_string (value, FALSE);
                g_string_append_uri_escaped (query, text, NULL, FALSE);
              }
            json_node_unref (value);
            continue;
          }
        json_builder_set_member_name (builder, key);
        json_builder_add_value (builder, value);
      }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

#if HAVE_JQ
static void
jq_error_cb (void *data,
             jv    message)
{
  GString *errors = data;

  if (jv_get_kind (message) == JV_KIND_STRING)
    {
      if (errors->len > 0)
        g_string_append (errors, "; ");
      g_string_append (errors, jv_string_value (message));
    }
  jv_free (message);
}

/* A --jq expression is checked before anything is sent. */
static gboolean
check_jq (const char *expression)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  jq_state *jq = jq_init ();
  gboolean valid;

  if (jq == NULL)
    g_error ("jq could not start");
  jq_set_error_cb (jq, jq_error_cb, errors);
  jq_set_attr (jq, jv_string ("JQ_LIBRARY_PATH"), jv_array ());
  valid = jq_compile (jq, expression);
  jq_teardown (&jq);
  if (!valid)
    {
      /* Translators: %s is jq's own description of the mistake. */
      g_autofree char *message = g_strdup_printf (_("The --jq expression is not valid: %s"),
                                                  errors->len ? errors->str : "?");
      pc_cli_usage (g_strdelimit (message, "\n", ' '));
    }
  return valid;
}

/* Runs @expression on @text (strict JSON already) and prints each result:
 * a string as it is, anything else as JSON. Returns an exit status. */
static int
run_jq (const char *expression,
        const char *text,
        gsize       length,
        gboolean    silent)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  jq_state *jq = jq_init ();
  gboolean pretty = isatty (STDOUT_FILENO);
  int status = PC_EXIT_OK;
  jv input, result;

  if (jq == NULL)
    g_error ("jq could not start");
  jq_set_error_cb (jq, jq_error_cb, errors);
  /* No modules from anywhere: the expression alone. */
  jq_set_attr (jq, jv_string ("JQ_LIBRARY_PATH"), jv_array ());
  if (!jq_compile (jq, expression))
    {
      jq_teardown (&jq);
      return PC_EXIT_USAGE;
    }

  input = jv_parse_sized (text, (int) length);
  if (!jv_is_valid (input))
    {
      jv_free (input);
      jq_teardown (&jq);
      g_printerr ("pupil-cloud: %s\n", pc_error_code_describe (PC_ERROR_PARSE));
      return PC_EXIT_FAILURE;
    }

  jq_start (jq, input, 0);
  while (jv_is_valid (result = jq_next (jq)))
    {
      if (!silent && jv_get_kind (result) == JV_KIND_STRING)
        {
          fwrite (jv_string_value (result), 1, jv_string_length_bytes (jv_copy (result)), stdout);
          fputc ('\n', stdout);
        }
      else if (!silent)
        {
          jv dumped = jv_dump_string (jv_copy (result), pretty ? JV_PRINT_PRETTY | JV_PRINT_INDENT_FLAGS (2) : 0);
          g_print ("%s\n", jv_string_value (dumped));
          jv_free (dumped);
        }
      jv_free (result);
    }
  if (jv_invalid_has_msg (jv_copy (result)))
    {
      jv message = jv_invalid_get_msg (result);
      g_autofree char *text_message = NULL;

      if (jv_get_kind (message) == JV_KIND_STRING)
        text_message = g_strdup (jv_string_value (message));
      else
        {
          jv dumped = jv_dump_string (jv_copy (message), 0);
          text_message = g_strdup (jv_string_value (dumped));
          jv_free (dumped);
        }
      jv_free (message);
      /* Translators: %s is jq's error message. */
      g_printerr (_("pupil-cloud: The --jq expression failed: %s\n"), g_strdelimit (text_message, "\n", ' '));
      status = PC_EXIT_FAILURE;
    }
  else
    jv_free (result);
  jq_teardown (&jq);
  return status;
}
#else
/* Built without jq's library (a build option, for builds such as a
 * Flatpak that do not carry it): --jq says so before anything is sent. */
static gboolean
check_jq (const char *expression)
{
  pc_cli_usage (_("This pupil-cloud was built without jq, so --jq is not available."));
  return FALSE;
}

static int
run_jq (const char *expression,
        const char *text,
        gsize       length,
        gboolean    silent)
{
  g_assert_not_reached ();
}
#endif

static gboolean
is_json_type (const char *content_type,
              GBytes     *body)
{
  g_autofree char *type = NULL;

  if (content_type == NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);
      return length > 0 && (data[0] == '{' || data[0] == '[');
    }
  type = g_ascii_strdown (content_type, -1);
  if (strchr (type, ';') != NULL)
    *strchr (type, ';') = '\0';
  g_strstrip (type);
  return g_str_equal (type, "application/json") || g_str_has_suffix (type, "+json");
}

static void
print_head (PcRawResponse *response)
{
  g_print ("%s %u %s\n", response->http_version, response->status, response->reason ? response->reason : "");
  for (guint i = 0; response->headers[i] != NULL; i += 2)
    g_print ("%s: %s\n", response->headers[i],
             pc_debug_header_is_secret (response->headers[i]) ? PC_DEBUG_REDACTED : response->headers[i + 1]);
  g_print ("\n");
}

/* The answer to a request that succeeded; returns an exit status. */
static int
print_body (PcRawResponse *response,
            const char    *expression,
            gboolean       silent)
{
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);
  const char *content_type = pc_raw_response_get_header (response, "Content-Type");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cut_short = FALSE;

  if (length == 0 && expression == NULL)
    return PC_EXIT_OK;
  if (!is_json_type (content_type, response->body))
    {
      if (expression != NULL)
        {
          g_printerr ("pupil-cloud: %s\n", _("The answer is not JSON, so --jq cannot filter it."));
          return PC_EXIT_FAILURE;
        }
      if (!silent)
        fwrite (data, 1, length, stdout);
      return PC_EXIT_OK;
    }

  root = pc_json_parse_strict (data, length, PC_JSON_PARSE_DEFAULT, &cut_short, &error);
  if (root == NULL)
    {
      g_printerr ("pupil-cloud: %s\n", cut_short ? _("The connection was closed before the whole answer arrived.")
                                                 : pc_error_code_describe (PC_ERROR_PARSE));
      return PC_EXIT_FAILURE;
    }
  if (expression != NULL)
    return run_jq (expression, data, length, silent);
  if (silent)
    return PC_EXIT_OK;
  if (isatty (STDOUT_FILENO))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    fwrite (data, 1, length, stdout);
  return PC_EXIT_OK;
}

int
pc_cli_api (PcCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *method = NULL;
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) typed_fields = NULL;
  g_auto(GStrv) header_args = NULL;
  g_autofree char *input = NULL;
  g_autofree char *expression = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PcRawResponse) response = NULL;
  gboolean include = FALSE;
  gboolean silent = FALSE;
  gboolean has_fields;
  int status;
  GOptionEntry entries[] = {
    { "method", 'X', 0, G_OPTION_ARG_STRING, &method, N_("The HTTP method (default: GET, or POST with fields)"),
      N_("METHOD") },
    { "field", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &fields, N_("Add a string field to the JSON body"),
      N_("KEY=VALUE") },
    { "typed-field", 'F', 0, G_OPTION_ARG_STRING_ARRAY, &typed_fields,
      N_("Add a field: true, false, null, a number, @FILE for a file's text, else a string"), N_("KEY=VALUE") },
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input, N_("Send this file (- for standard input) as the body"),
      N_("FILE") },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &header_args, N_("Add a request header"), N_("NAME: VALUE") },
    { "include", 'i', 0, G_OPTION_ARG_NONE, &include, N_("Print the status line and the headers too"), NULL },
    { "jq", 'q', 0, G_OPTION_ARG_STRING, &expression, N_("Filter the JSON answer with a jq expression"),
      N_("EXPR") },
    { "silent", 0, 0, G_OPTION_ARG_NONE, &silent, N_("Print nothing"), NULL },
    { NULL }
  };

  if (!pc_cli_parse_options ("api", _("PATH"), entries, &argc, &argv, 1))
    return PC_EXIT_USAGE;
  path = g_strdup (argv[1]);
  has_fields = (fields != NULL && fields[0] != NULL) || (typed_fields != NULL && typed_fields[0] != NULL);

  if (expression != NULL && !check_jq (expression))
    return PC_EXIT_USAGE;
  if (has_fields && input != NULL)
    return pc_cli_usage (_("Give either fields or --input, not both."));
  if (method == NULL)
    method = g_strdup (has_fields || input != NULL ? "POST" : "GET");

  for (guint i = 0; header_args != NULL && header_args[i] != NULL; i++)
    {
      const char *colon = strchr (header_args[i], ':');
      g_autofree char *name = colon ? g_strstrip (g_strndup (header_args[i], colon - header_args[i])) : NULL;
      g_autofree char *value = colon ? g_strstrip (g_strdup (colon + 1)) : NULL;

      if (name == NULL || *name == '\0')
        return pc_cli_usage (_("A header must look like “Name: value”, on one line."));
      if (pc_client_is_reserved_header (name))
        {
          g_autofree char *message = g_strdup_printf (_("The header “%s” is set by pupil-cloud itself."), name);
          return pc_cli_usage (message);
        }
      if (g_ascii_strcasecmp (name, "Content-Type") == 0)
        {
          g_free (content_type);
          content_type = g_steal_pointer (&value);
          continue;
        }
      g_ptr_array_add (headers, g_steal_pointer (&name));
      g_ptr_array_add (headers, g_steal_pointer (&value));
    }
  g_ptr_array_add (headers, NULL);

  if (has_fields)
    {
      gboolean in_query = g_ascii_strcasecmp (method, "GET") == 0 || g_ascii_strcasecmp (method, "HEAD") == 0;
      g_autoptr(GString) query = in_query ? g_string_new (NULL) : NULL;
      g_autoptr(JsonNode) object = build_fields (fields, typed_fields, query, &error);

      if (object == NULL && error != NULL)
        {
          if (error->domain == G_OPTION_ERROR)
            return pc_cli_usage (error->message);
          g_printerr ("pupil-cloud: %s\n", error->message);
          return PC_EXIT_FAILURE;
        }
      if (in_query)
        {
          /* "?" already in the path: the fields follow with "&". */
          char *joined = g_strconcat (path, strchr (path, '?') ? "&" : "?", query->str, NULL);

          g_free (path);
          path = joined;
        }
      else
        {
          char *text = json_to_string (object, FALSE);
          body = g_bytes_new_take (text, strlen (text));
        }
    }
  else if (input != NULL)
    {
      body = read_input (input, &error);
      if (body == NULL)
        {
          g_printerr ("pupil-cloud: %s\n", error->message);
          return PC_EXIT_FAILURE;
        }
    }

  if ((status = pc_cli_sign_in (cli)) != PC_EXIT_OK)
    return status;

  pc_client_send_raw_async (cli->client, method, path, (const char * const *) headers->pdata, body,
                            content_type, NULL, pc_cli_done_cb, cli);
  result = pc_cli_wait (cli);
  response = pc_client_send_raw_finish (cli->client, result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, PC_ERROR, PC_ERROR_INVALID_INPUT))
        return pc_cli_usage (error->message);
      return pc_cli_fail (error);
    }

  if (include && !silent)
    print_head (response);

  if (response->status < 200 || response->status >= 300)
    {
      /* The choke point's reading of the status and the server's message. */
      g_autoptr(JsonNode) ignored = pc_response_parse (PC_RESPONSE_ENVELOPE, response->status, response->body,
                                                       &error);
      fflush (stdout);
      if (error == NULL)
        g_set_error_literal (&error, PC_ERROR, PC_ERROR_SERVER, pc_error_code_describe (PC_ERROR_SERVER));
      return pc_cli_fail (error);
    }

  return print_body (response, expression, silent);
}
