/* pc-cli-token-list.c: "tokens list", printed from the parsed answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ten thousand tokens are some 1.7 MB of JSON. Building a PcToken for each
 * and writing the output from their properties took longer than the
 * transfer, so this list is read straight from the answer's JSON (checked
 * by the client as every answer is) and written into one buffer. The
 * values are those of the models: fields read as PcToken reads them (a
 * member of the wrong type is absent), dates parsed as the models parse
 * them and written as g_date_time_format_iso8601() writes them, the title
 * and the masked token from the same rules (pc-format.c).
 */
#define G_LOG_DOMAIN "PupilCloud"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pc-cli.h"
#include "pc-json-private.h"

/* A token's fields, borrowed from the answer and the names */
typedef struct
{
  const char *id;
  const char *name;
  const char *token;
  const char *created_at;
  const char *last_used_at;
  const char *local_name;
} Row;

static void
read_row (Row          *row,
          JsonObject   *object,
          PcTokenNames *names,
          const char   *server)
{
  /* The client checked that every item is an object with an id. */
  row->id = pc_json_get_string (object, "id");
  row->name = pc_json_get_string (object, "name");
  row->token = pc_json_get_string (object, "token");
  row->created_at = pc_json_get_string (object, "created_at");
  row->last_used_at = pc_json_get_string (object, "last_used_at");
  row->local_name = pc_token_names_lookup (names, server, row->id);
}

static gboolean
read_digits (const char *text,
             guint       n_digits,
             guint       min,
             guint       max,
             guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return *value >= min && *value <= max;
}

/* Whether @text is a date as the service writes it, such as
 * "2026-05-15T04:08:40.047229Z" or "2026-05-15T04:08:40Z", and one that
 * exists: then g_date_time_format_iso8601() gives back the very same text
 * for what pc_json_parse_datetime() makes of it (tests/test-cli-lists.c tries
 * every microsecond), and it is written as it came, without the round. */
static gboolean
is_canonical_date (const char *text)
{
  gsize length = strlen (text);
  guint year, month, day, hour, minute, second, fraction;

  if (length != 20 && length != 27)
    return FALSE;
  if (!read_digits (text, 4, 1, 9999, &year) || text[4] != '-' ||
      !read_digits (text + 5, 2, 1, 12, &month) || text[7] != '-' ||
      !read_digits (text + 8, 2, 1, g_date_get_days_in_month (month, year), &day) || text[10] != 'T' ||
      !read_digits (text + 11, 2, 0, 23, &hour) || text[13] != ':' ||
      !read_digits (text + 14, 2, 0, 59, &minute) || text[16] != ':' ||
      !read_digits (text + 17, 2, 0, 59, &second))
    return FALSE;
  if (length == 20)
    return text[19] == 'Z';
  /* A zero fraction is written without one. */
  return text[19] == '.' && read_digits (text + 20, 6, 1, 999999, &fraction) && text[26] == 'Z';
}

/* JSON */

static void
append_string (GString    *out,
               const char *text)
{
  const char *start = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *escape;
      char unicode[7];

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;
      g_string_append_len (out, start, p - start);
      start = p + 1;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (unicode, sizeof unicode, "\\u%04x", c);
          escape = unicode;
        }
      g_string_append (out, escape);
    }
  g_string_append_len (out, start, p - start);
  g_string_append_c (out, '"');
}

/* A date as the models read it (NULL when it is not one) and as
 * g_date_time_format_iso8601() writes it. */
static void
append_date (GString    *out,
             const char *text)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *formatted = NULL;

  if (text != NULL && is_canonical_date (text))
    {
      g_string_append_c (out, '"');
      g_string_append (out, text);
      g_string_append_c (out, '"');
      return;
    }
  date = pc_json_parse_datetime (text);
  if (date == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  formatted = g_date_time_format_iso8601 (date);
  append_string (out, formatted);
}

/* A member as json-glib's generator writes it: pretty, one a line at the
 * second level (in the list's objects), or compact. */
static void
append_key (GString    *out,
            gboolean    pretty,
            gboolean    first,
            const char *key)
{
  if (!first)
    g_string_append_c (out, ',');
  if (pretty)
    {
      if (!first)
        g_string_append_c (out, '\n');
      g_string_append (out, "    \"");
      g_string_append (out, key);
      g_string_append (out, "\" : ");
    }
  else
    {
      g_string_append_c (out, '"');
      g_string_append (out, key);
      g_string_append (out, "\":");
    }
}

static void
append_nullable_string (GString    *out,
                        const char *text)
{
  if (text != NULL)
    append_string (out, text);
  else
    g_string_append (out, "null");
}

/* The members and their order are those pc_cli_print_json_token() writes
 * from a PcToken's properties. */
static void
append_token (GString   *out,
              gboolean   pretty,
              const Row *row)
{
  g_autofree char *title = pc_format_token_title_from_fields (row->id, row->name, row->local_name);

  g_string_append (out, pretty ? "  {\n" : "{");
  append_key (out, pretty, TRUE, "id");
  append_string (out, row->id);
  append_key (out, pretty, FALSE, "name");
  append_nullable_string (out, row->name);
  append_key (out, pretty, FALSE, "token");
  append_nullable_string (out, row->token);
  append_key (out, pretty, FALSE, "created_at");
  append_date (out, row->created_at);
  append_key (out, pretty, FALSE, "last_used_at");
  append_date (out, row->last_used_at);
  append_key (out, pretty, FALSE, "local_name");
  append_nullable_string (out, row->local_name);
  append_key (out, pretty, FALSE, "title");
  append_string (out, title);
  g_string_append (out, pretty ? "\n  }" : "}");
}

/* Some of the rows, formatted in a thread of their own. */
typedef struct
{
  JsonArray *tokens;
  PcTokenNames *names;
  const char *server;
  guint start;
  guint end;
  /* JSON */
  gboolean pretty;
  GString *out;
  /* Table */
  GDateTime *now;
  char **cells;
} Part;

/* Each item's strings are wiped once it has been read, as the models'
 * answers are once the models are built. */
static void
wipe_item (JsonArray *tokens,
           guint      index)
{
  pc_json_node_wipe_strings (json_array_get_element (tokens, index));
}

static gpointer
format_json (gpointer data)
{
  Part *part = data;
  guint n = json_array_get_length (part->tokens);

  /* Some 170 bytes a token come out compact. */
  part->out = g_string_sized_new (64 + (gsize) (part->end - part->start) * (part->pretty ? 256 : 192));
  for (guint i = part->start; i < part->end; i++)
    {
      Row row = { 0, };

      read_row (&row, json_array_get_object_element (part->tokens, i), part->names, part->server);
      append_token (part->out, part->pretty, &row);
      wipe_item (part->tokens, i);
      if (i + 1 < n)
        g_string_append_c (part->out, ',');
      if (part->pretty)
        g_string_append_c (part->out, '\n');
    }
  return NULL;
}

/* A long list is formatted in two halves at once. */
#define SPLIT_ROWS 1000

static void
format_parts (Part        *first,
              Part        *second,
              GThreadFunc  format)
{
  guint n = json_array_get_length (first->tokens);
  GThread *thread = NULL;

  *second = *first;
  first->end = n;
  second->start = second->end = n;
  if (n >= SPLIT_ROWS && g_get_num_processors () > 1)
    {
      first->end = second->start = n / 2;
      /* Without a thread to be had, the second half after the first. */
      thread = g_thread_try_new ("pc-cli-format", format, second, NULL);
    }
  format (first);
  if (thread != NULL)
    g_thread_join (thread);
  else
    format (second);
}

static void
print_json (JsonArray    *tokens,
            PcTokenNames *names,
            const char   *server)
{
  gboolean pretty = isatty (STDOUT_FILENO);
  Part first = { tokens, names, server, 0, 0, pretty, }, second;
  GString *start = g_string_new ("[");

  if (pretty && json_array_get_length (tokens) > 0)
    g_string_append_c (start, '\n');
  format_parts (&first, &second, format_json);
  pc_cli_write_output (start);
  pc_cli_write_output (first.out);
  pc_cli_write_output (second.out);
  pc_cli_write_output (g_string_new ("]\n"));
}

/* Text */

static char *
relative_date (const char *text,
               GDateTime  *now,
               const char *none)
{
  g_autoptr(GDateTime) date = pc_json_parse_datetime (text);

  return date ? pc_format_relative_date (date, now) : g_strdup (none);
}

static void
append_padded (GString    *out,
               const char *text,
               guint       length,
               guint       width)
{
  g_string_append (out, text);
  for (guint i = length; i < width; i++)
    g_string_append_c (out, ' ');
}

#define N_COLUMNS 5

static gpointer
format_cells (gpointer data)
{
  Part *part = data;
  const char *unknown = _("unknown");
  const char *never = _("never");

  for (guint i = part->start; i < part->end; i++)
    {
      char **row_cells = part->cells + (gsize) i * N_COLUMNS;
      Row row = { 0, };

      read_row (&row, json_array_get_object_element (part->tokens, i), part->names, part->server);
      row_cells[0] = g_strdup (row.id);
      row_cells[1] = pc_format_token_title_from_fields (row.id, row.name, row.local_name);
      /* The masked secret, or nothing when the server sent none. */
      row_cells[2] = row.token ? pc_format_masked_token (row.token) : g_strdup ("");
      row_cells[3] = relative_date (row.created_at, part->now, unknown);
      row_cells[4] = relative_date (row.last_used_at, part->now, never);
      wipe_item (part->tokens, i);
    }
  return NULL;
}

/* The table pc-cli-output.c's print_table() writes: columns padded by
 * characters, not bytes, so that "••••" lines up. */
static void
print_table (JsonArray    *tokens,
             PcTokenNames *names,
             const char   *server)
{
  guint n = json_array_get_length (tokens);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char **cells = g_new0 (char *, (gsize) (n + 1) * N_COLUMNS);
  g_autofree guint *lengths = g_new0 (guint, (gsize) (n + 1) * N_COLUMNS);
  guint widths[N_COLUMNS] = { 0, };
  gsize size = 0;
  GString *out;

  Part first = { tokens, names, server, 0, 0, FALSE, NULL, now, cells + N_COLUMNS, }, second;

  cells[0] = g_strdup (_("ID"));
  cells[1] = g_strdup (_("NAME"));
  cells[2] = g_strdup (_("TOKEN"));
  cells[3] = g_strdup (_("CREATED"));
  cells[4] = g_strdup (_("LAST USED"));
  format_parts (&first, &second, format_cells);

  for (gsize i = 0; i < (gsize) (n + 1) * N_COLUMNS; i++)
    {
      lengths[i] = g_utf8_strlen (cells[i], -1);
      widths[i % N_COLUMNS] = MAX (widths[i % N_COLUMNS], lengths[i]);
      size += strlen (cells[i]);
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    size += (gsize) (n + 1) * (widths[c] + 2);

  out = g_string_sized_new (size + 1);
  for (gsize i = 0; i < (gsize) (n + 1) * N_COLUMNS; i++)
    {
      guint column = i % N_COLUMNS;

      if (column + 1 < N_COLUMNS)
        append_padded (out, cells[i], lengths[i], widths[column] + 2);
      else
        {
          g_string_append (out, cells[i]);
          g_string_append_c (out, '\n');
        }
      g_free (cells[i]);
    }
  pc_cli_write_output (out);
}

/**
 * pc_cli_print_token_list:
 * @tokens: the answer's array, as pc_client_list_tokens_json_finish() gives it
 *
 * Wipes the strings of each item of @tokens once it is read.
 *
 * The list as a table, or as JSON with @json: the document a list of
 * PcToken models gave (each token's properties, its local name and its
 * title), compact unless standard output is a terminal.
 */
void
pc_cli_print_token_list (JsonArray    *tokens,
                         PcTokenNames *names,
                         const char   *server,
                         gboolean      json)
{
  if (json)
    print_json (tokens, names, server);
  else if (json_array_get_length (tokens) == 0)
    g_printerr (_("You have no API tokens. Create one with “pupil-cloud tokens create NAME”.\n"));
  else
    print_table (tokens, names, server);
}
