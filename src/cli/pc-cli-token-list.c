/* pc-cli-token-list.c: "tokens list", printed as the answer is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ten thousand tokens are some 1.7 MB of JSON. Building a PcToken for each
 * and writing the output from their properties took longer than the
 * transfer, and so did json-glib's tree of the whole answer: this list is
 * a reader of the answer's items (pc_response_read_list()), which writes
 * each token as json-glib hands it over, in the thread that parsed it. The
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
#include "pc-response-private.h"

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

/* What the list is printed with, shared by both threads (read only) */
struct _PcCliTokenList
{
  PcTokenNames *names;
  char *server;
  gboolean json;
  gboolean pretty;
  GDateTime *now;
  const char *unknown;         /* translated once, not for each token */
  const char *never;
};

/* Where the member @name of a token goes in @row, if anywhere */
static const char **
row_field (Row        *row,
           const char *name)
{
  const char **field;
  const char *expected;

  switch (name[0])
    {
    case 'i': field = &row->id; expected = "id"; break;
    case 'n': field = &row->name; expected = "name"; break;
    case 't': field = &row->token; expected = "token"; break;
    case 'c': field = &row->created_at; expected = "created_at"; break;
    case 'l': field = &row->last_used_at; expected = "last_used_at"; break;
    default: return NULL;
    }
  return strcmp (name, expected) == 0 ? field : NULL;
}

/* Reads @object as a PcToken would be (a member that is not a string is
 * absent): FALSE, with the models' error, when it has no id. One pass
 * over its members, not a lookup of each. */
static gboolean
read_row (Row                   *row,
          JsonObject            *object,
          const PcCliTokenList  *list,
          GError               **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      const char **field = row_field (row, name);

      if (field != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        *field = json_node_get_string (node);
    }
  /* Said as the models say it */
  if ((row->id == NULL || *row->id == '\0') && !pc_json_require_string (object, "Token", "id", &row->id, error))
    return FALSE;
  row->local_name = pc_token_names_lookup (list->names, list->server, row->id);
  return TRUE;
}

/* Whether @text is a date as the service writes it, such as
 * "2026-05-15T04:08:40.047229Z" or "2026-05-15T04:08:40Z", and one that
 * exists: then g_date_time_format_iso8601() gives back the very same text
 * for what pc_json_parse_datetime() makes of it (tests/test-cli-lists.c tries
 * every microsecond), and it is written as it came, without the round. */
static gboolean
is_canonical_date (const char *text)
{
  PcJsonDate date;

  /* A zero fraction is written without one. */
  return pc_json_read_date (text, &date) && (!date.has_fraction || date.microsecond != 0);
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

/* A member's name as json-glib's generator writes it, with what comes
 * before it: pretty, one a line at the second level (in the list's
 * objects), or compact. */
#define MEMBER(name) { ",\"" name "\":", sizeof (",\"" name "\":") - 1, \
                       ",\n    \"" name "\" : ", sizeof (",\n    \"" name "\" : ") - 1 }

typedef struct
{
  const char *compact;
  gsize compact_length;
  const char *pretty;
  gsize pretty_length;
} Member;

enum { ID, NAME, TOKEN, CREATED_AT, LAST_USED_AT, LOCAL_NAME, TITLE };

static const Member members[] = {
  MEMBER ("id"), MEMBER ("name"), MEMBER ("token"), MEMBER ("created_at"), MEMBER ("last_used_at"),
  MEMBER ("local_name"), MEMBER ("title"),
};

static void
append_key (GString  *out,
            gboolean  pretty,
            guint     member)
{
  const Member *m = &members[member];
  /* The first has no comma and, pretty, no line break: the object's
   * opening brace ends the line before it. */
  gsize skip = member == ID ? (pretty ? 2 : 1) : 0;

  if (pretty)
    g_string_append_len (out, m->pretty + skip, m->pretty_length - skip);
  else
    g_string_append_len (out, m->compact + skip, m->compact_length - skip);
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
  append_key (out, pretty, ID);
  append_string (out, row->id);
  append_key (out, pretty, NAME);
  append_nullable_string (out, row->name);
  append_key (out, pretty, TOKEN);
  append_nullable_string (out, row->token);
  append_key (out, pretty, CREATED_AT);
  append_date (out, row->created_at);
  append_key (out, pretty, LAST_USED_AT);
  append_date (out, row->last_used_at);
  append_key (out, pretty, LOCAL_NAME);
  append_nullable_string (out, row->local_name);
  append_key (out, pretty, TITLE);
  append_string (out, title);
  g_string_append (out, pretty ? "\n  }" : "}");
}

/* A part of the JSON list: its tokens, each after a separator but the
 * first. Compact, a token takes about as many bytes as it did in the
 * answer. */
static gpointer
json_new_part (gconstpointer data,
               gsize         size)
{
  return g_string_sized_new (size + size / 8);
}

static const char *
json_separator (const PcCliTokenList *list)
{
  return list->pretty ? ",\n" : ",";
}

static gboolean
json_add_item (gpointer        part,
               JsonObject     *item,
               gconstpointer   data,
               GError        **error)
{
  const PcCliTokenList *list = data;
  GString *out = part;
  Row row = { 0, };

  if (!read_row (&row, item, list, error))
    return FALSE;
  if (out->len > 0)
    g_string_append (out, json_separator (list));
  append_token (out, list->pretty, &row);
  return TRUE;
}

static void
wipe_string (gpointer data)
{
  GString *text = data;

  explicit_bzero (text->str, text->len);
  g_string_free (text, TRUE);
}

/* The whole document, as a list of PcToken models printed it: the pieces
 * to write one after the other, the parts among them as they are. */
static gpointer
json_finish (gpointer      *parts,
             guint          n_parts,
             gconstpointer  data)
{
  const PcCliTokenList *list = data;
  GPtrArray *pieces = g_ptr_array_new_with_free_func (wipe_string);
  gboolean empty = TRUE;

  for (guint i = 0; i < n_parts; i++)
    {
      GString *part = parts[i];

      if (part->len == 0)
        {
          wipe_string (part);
          continue;
        }
      g_ptr_array_add (pieces, g_string_new (empty ? (list->pretty ? "[\n" : "[") : json_separator (list)));
      g_ptr_array_add (pieces, part);
      empty = FALSE;
    }
  g_ptr_array_add (pieces, g_string_new (empty ? "[]\n" : list->pretty ? "\n]\n" : "]\n"));
  return pieces;
}

static const PcListReader json_reader = {
  json_new_part, json_add_item, json_finish, wipe_string, (GDestroyNotify) g_ptr_array_unref,
};

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

/* A part of the table: its rows' cells, N_COLUMNS a row */
static gpointer
table_new_part (gconstpointer data,
                gsize         size)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static gboolean
table_add_item (gpointer        part,
                JsonObject     *item,
                gconstpointer   data,
                GError        **error)
{
  const PcCliTokenList *list = data;
  GPtrArray *cells = part;
  Row row = { 0, };

  if (!read_row (&row, item, list, error))
    return FALSE;
  g_ptr_array_add (cells, g_strdup (row.id));
  g_ptr_array_add (cells, pc_format_token_title_from_fields (row.id, row.name, row.local_name));
  /* The masked secret, or nothing when the server sent none. */
  g_ptr_array_add (cells, row.token ? pc_format_masked_token (row.token) : g_strdup (""));
  g_ptr_array_add (cells, relative_date (row.created_at, list->now, list->unknown));
  g_ptr_array_add (cells, relative_date (row.last_used_at, list->now, list->never));
  return TRUE;
}

/* The table pc-cli-output.c's print_table() writes: columns padded by
 * characters, not bytes, so that "••••" lines up. Empty without tokens. */
static gpointer
table_finish (gpointer      *parts,
              guint          n_parts,
              gconstpointer  data)
{
  const char *header[N_COLUMNS] = { _("ID"), _("NAME"), _("TOKEN"), _("CREATED"), _("LAST USED") };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *pieces = g_ptr_array_new_with_free_func (wipe_string);
  g_autofree guint *lengths = NULL;
  guint widths[N_COLUMNS] = { 0, };
  gsize size = 0;
  GString *out;

  for (guint c = 0; c < N_COLUMNS; c++)
    g_ptr_array_add (cells, g_strdup (header[c]));
  for (guint i = 0; i < n_parts; i++)
    g_ptr_array_extend_and_steal (cells, parts[i]);
  if (cells->len == N_COLUMNS)
    return pieces;

  lengths = g_new (guint, cells->len);
  for (guint i = 0; i < cells->len; i++)
    {
      lengths[i] = g_utf8_strlen (cells->pdata[i], -1);
      widths[i % N_COLUMNS] = MAX (widths[i % N_COLUMNS], lengths[i]);
      size += strlen (cells->pdata[i]);
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    size += (gsize) (cells->len / N_COLUMNS) * (widths[c] + 2);

  out = g_string_sized_new (size + 1);
  for (guint i = 0; i < cells->len; i++)
    {
      guint column = i % N_COLUMNS;

      if (column + 1 < N_COLUMNS)
        append_padded (out, cells->pdata[i], lengths[i], widths[column] + 2);
      else
        {
          g_string_append (out, cells->pdata[i]);
          g_string_append_c (out, '\n');
        }
    }
  g_ptr_array_add (pieces, out);
  return pieces;
}

static const PcListReader table_reader = {
  table_new_part, table_add_item, table_finish, (GDestroyNotify) g_ptr_array_unref,
  (GDestroyNotify) g_ptr_array_unref,
};

/**
 * pc_cli_token_list_new:
 * @json: whether the list is printed as JSON: the document a list of
 *   PcToken models gave (each token's properties, its local name and its
 *   title), compact unless standard output is a terminal
 *
 * How "tokens list" prints: with pc_cli_token_list_get_reader(), the
 * reader of the answer (pc_client_read_tokens_async()), whose value
 * pc_cli_token_list_print() prints.
 */
PcCliTokenList *
pc_cli_token_list_new (PcTokenNames *names,
                       const char   *server,
                       gboolean      json)
{
  PcCliTokenList *list = g_new0 (PcCliTokenList, 1);

  list->names = g_object_ref (names);
  list->server = g_strdup (server);
  list->json = json;
  list->pretty = json && isatty (STDOUT_FILENO);
  list->now = g_date_time_new_now_utc ();
  list->unknown = _("unknown");
  list->never = _("never");
  return list;
}

void
pc_cli_token_list_free (PcCliTokenList *list)
{
  g_object_unref (list->names);
  g_free (list->server);
  g_date_time_unref (list->now);
  g_free (list);
}

const PcListReader *
pc_cli_token_list_get_reader (PcCliTokenList *list)
{
  return list->json ? &json_reader : &table_reader;
}

/**
 * pc_cli_token_list_print:
 * @output: (transfer full): what the reader made of the answer
 */
void
pc_cli_token_list_print (PcCliTokenList *list,
                         GPtrArray      *output)
{
  if (output->len == 0)
    g_printerr (_("You have no API tokens. Create one with “pupil-cloud tokens create NAME”.\n"));
  while (output->len > 0)
    pc_cli_write_output (g_ptr_array_steal_index (output, 0));
  g_ptr_array_unref (output);
}
