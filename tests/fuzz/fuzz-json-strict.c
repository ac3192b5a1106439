/* fuzz-json-strict.c: the strict scanner against json-glib, under libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanner's language must be a part of what json-glib 1.6.6 reads
 * right. For any bytes:
 * - when the scanner accepts them, json-glib parses them, and the tree holds
 *   exactly the scalars of the text (every string, key and number decoded
 *   here independently, compared as an order-free digest), all valid UTF-8
 *   and finite;
 * - when the scanner refuses them and json-glib may safely see them (at
 *   most 200 opening brackets in all the bytes, whatever they mean, so
 *   its recursion stays shallow) but json-glib accepts them, json-glib's
 *   own rendering of its tree is accepted by the scanner when it can be
 *   (valid strings, finite numbers, not too deep, and nothing json-glib
 *   1.6.6's generator writes wrong: U+001F unescaped, 3e32 as "3e+32.0"),
 *   and reads back the same: so the scanner does not refuse JSON it
 *   should take.
 * Any disagreement aborts, and libFuzzer keeps the input.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pc-json-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define SAFE_OPENERS 200

typedef struct {
  guint64 digest;   /* XOR of one hash per scalar and key */
  gsize n_members;
  gboolean faithful; /* valid UTF-8 everywhere, finite numbers */
  gboolean renderable; /* nothing json-glib 1.6.6 writes wrong (U+001F, 3e32) */
  guint depth;
} Summary;

/* g_error() traps, which libFuzzer does not catch: abort, so that it keeps
 * the input. */
#define disagree(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static guint64
hash_bytes (guint64     kind,
            const char *bytes,
            gsize       length)
{
  guint64 h = 1469598103934665603ull ^ kind;

  for (gsize i = 0; i < length; i++)
    h = (h ^ (guchar) bytes[i]) * 1099511628211ull;
  return (h ^ length) * 0x9e3779b97f4a7c15ull;
}

static guint64
hash_int (gint64 value)
{
  return hash_bytes ('i', (const char *) &value, sizeof value);
}

static guint64
hash_double (double value)
{
  if (value == 0.0)
    value = 0.0; /* -0.0 and 0.0 alike: json-glib reads "-0" as the integer 0 */
  return hash_bytes ('d', (const char *) &value, sizeof value);
}

static guint64
hash_string (const char *text,
             gsize       length)
{
  return hash_bytes ('s', text, length);
}

/* The tree's side. Recursion is bounded: the tree is at most 200 deep. */
static void
summarize_node (JsonNode *node,
                Summary  *summary,
                guint     depth)
{
  summary->depth = MAX (summary->depth, depth);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      summary->depth = MAX (summary->depth, depth + 1);
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          summary->n_members++;
          summary->faithful &= g_utf8_validate (name, -1, NULL);
          summary->renderable &= strchr (name, 0x1f) == NULL;
          summary->digest ^= hash_string (name, strlen (name));
          summarize_node (member, summary, depth + 1);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      summary->depth = MAX (summary->depth, depth + 1);
      for (guint i = 0; i < json_array_get_length (array); i++)
        summarize_node (json_array_get_element (array, i), summary, depth + 1);
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          summary->faithful &= g_utf8_validate (text, -1, NULL);
          summary->renderable &= strchr (text, 0x1f) == NULL;
          summary->digest ^= hash_string (text, strlen (text));
        }
      else if (type == G_TYPE_INT64)
        summary->digest ^= hash_int (json_node_get_int (node));
      else if (type == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          summary->faithful &= isfinite (json_node_get_double (node));
          /* json-glib 1.6.6 writes 3e32 as "3e+32.0": it appends ".0" to
           * any double written without a point. */
          g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node));
          summary->renderable &= strchr (buffer, 'e') == NULL || strchr (buffer, '.') != NULL;
          summary->digest ^= hash_double (json_node_get_double (node));
        }
      else if (type == G_TYPE_BOOLEAN)
        summary->digest ^= hash_bytes ('b', json_node_get_boolean (node) ? "t" : "f", 1);
    }
}

static int
hex4 (const char *p)
{
  char digits[5] = { p[0], p[1], p[2], p[3], '\0' };

  return (int) g_ascii_strtoll (digits, NULL, 16);
}

/* The text's side, for text the scanner accepted: every string decoded
 * and every number read on its own, nothing shared with json-glib. */
static void
summarize_text (const char *p,
                const char *end,
                Summary    *summary)
{
  while (p < end)
    {
      char c = *p;

      if (c == '"')
        {
          GString *out = g_string_new (NULL);
          const char *q;

          for (p++; *p != '"'; p++)
            {
              if (*p != '\\')
                {
                  g_string_append_c (out, *p);
                  continue;
                }
              switch (*++p)
                {
                case 'b': g_string_append_c (out, '\b'); break;
                case 'f': g_string_append_c (out, '\f'); break;
                case 'n': g_string_append_c (out, '\n'); break;
                case 'r': g_string_append_c (out, '\r'); break;
                case 't': g_string_append_c (out, '\t'); break;
                case 'u':
                  {
                    gunichar unit = hex4 (p + 1);

                    p += 4;
                    if (unit >= 0xd800 && unit <= 0xdbff && p[1] == '\\' && p[2] == 'u')
                      {
                        unit = 0x10000 + ((unit - 0xd800) << 10) + (hex4 (p + 3) - 0xdc00);
                        p += 6;
                      }
                    g_string_append_unichar (out, unit);
                  }
                  break;
                default: g_string_append_c (out, *p); break;
                }
            }
          p++;
          /* A key is followed by a colon. */
          for (q = p; q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'); q++)
            ;
          if (q < end && *q == ':')
            summary->n_members++;
          summary->digest ^= hash_string (out->str, out->len);
          g_string_free (out, TRUE);
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          const char *start = p;
          gboolean integer = TRUE;
          g_autofree char *token = NULL;

          while (p < end && (g_ascii_isdigit (*p) || strchr ("-+.eE", *p) != NULL))
            {
              if (*p == '.' || *p == 'e' || *p == 'E')
                integer = FALSE;
              p++;
            }
          token = g_strndup (start, p - start);
          if (integer)
            summary->digest ^= hash_int (g_ascii_strtoll (token, NULL, 10));
          else
            summary->digest ^= hash_double (g_ascii_strtod (token, NULL));
        }
      else if (c == 't' || c == 'f')
        {
          summary->digest ^= hash_bytes ('b', c == 't' ? "t" : "f", 1);
          p += c == 't' ? 4 : 5;
        }
      else
        p++;
    }
}

static void
check_accepted (const char *text,
                gsize       size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Summary tree = { 0, 0, TRUE, TRUE, 0 };
  Summary source = { 0, 0, TRUE, TRUE, 0 };

  if (!json_parser_load_from_data (parser, text, size, &error))
    disagree ("Accepted by the scanner, refused by json-glib: %s", error->message);
  if (json_parser_get_root (parser) == NULL)
    disagree ("Accepted by the scanner, no root from json-glib");

  summarize_node (json_parser_get_root (parser), &tree, 0);
  if (!tree.faithful)
    disagree ("Accepted by the scanner, read by json-glib into invalid text or an infinite number");
  if (tree.depth > PC_JSON_MAX_DEPTH)
    disagree ("Accepted by the scanner, %u deep for json-glib", tree.depth);
  summarize_text (text, text + size, &source);
  /* Repeated keys leave one member in the tree: compare only without. */
  if (tree.n_members == source.n_members && tree.digest != source.digest)
    disagree ("Accepted by the scanner, read by json-glib into other values");
}

static void
check_refused (const char *text,
               gsize       size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) reparser = json_parser_new ();
  g_autofree char *rendered = NULL;
  gsize rendered_length = 0;
  gsize openers = 0;
  Summary tree = { 0, 0, TRUE, TRUE, 0 };

  for (gsize i = 0; i < size; i++)
    if (text[i] == '[' || text[i] == '{')
      openers++;
  if (openers > SAFE_OPENERS)
    return;
  if (!json_parser_load_from_data (parser, text, size, NULL) || json_parser_get_root (parser) == NULL)
    return;

  summarize_node (json_parser_get_root (parser), &tree, 0);
  if (!tree.faithful || !tree.renderable || tree.depth > PC_JSON_MAX_DEPTH)
    return;
  rendered = json_to_string (json_parser_get_root (parser), FALSE);
  rendered_length = strlen (rendered);
  if (pc_json_scan (rendered, rendered_length, PC_JSON_MAX_DEPTH, NULL) != PC_JSON_SCAN_VALID)
    disagree ("json-glib's rendering of what it read is refused by the scanner: %s", rendered);
  if (!json_parser_load_from_data (reparser, rendered, rendered_length, NULL) ||
      !json_node_equal (json_parser_get_root (parser), json_parser_get_root (reparser)))
    disagree ("json-glib's rendering of what it read does not read back the same: %s", rendered);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data;

  if (pc_json_scan (text, size, PC_JSON_MAX_DEPTH, NULL) == PC_JSON_SCAN_VALID)
    check_accepted (text, size);
  else
    check_refused (text, size);
  return 0;
}
