/* pc-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 reads more than JSON (single quotes, comments, bare words,
 * hexadecimal and octal numbers, "var x = ...", a byte order mark) and
 * recurses once per bracket, so a guard that counts brackets its own way
 * can be walked around. Here one strict scanner decides what json-glib may
 * see: RFC 8259 JSON, no deeper than a limit, minus the few strict texts
 * json-glib 1.6.6 reads wrongly (see scan_string and scan_number).
 */
#define G_LOG_DOMAIN "PcJson"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pc-error.h"
#include "pc-json-private.h"

/* The deepest limit a caller may ask for: the scanner keeps one byte per
 * level on the stack. */
#define DEPTH_LIMIT 256

typedef enum {
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,  /* just after '[' */
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,    /* just after '{' */
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
  EXPECT_END,
} Expect;

static inline gboolean
is_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at @p; -1 when one is not a hex digit, -2 when the text
 * ends first. */
static int
read_hex4 (const guchar *p,
           const guchar *end)
{
  int value = 0;

  for (int k = 0; k < 4; k++)
    {
      int digit;

      if (p + k >= end)
        return -2;
      digit = hex_value (p[k]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* One UTF-8 sequence starting at @p (a byte >= 0x80): its length, 0 when it
 * is not valid UTF-8 (overlong, a surrogate, beyond U+10FFFF, a stray
 * continuation byte), -1 when the text ends inside it. */
static int
utf8_sequence (const guchar *p,
               const guchar *end)
{
  guchar c = p[0];
  guchar low = 0x80, high = 0xbf;
  int n;

  if (c >= 0xc2 && c <= 0xdf)
    n = 2;
  else if (c >= 0xe0 && c <= 0xef)
    {
      n = 3;
      if (c == 0xe0)
        low = 0xa0;
      else if (c == 0xed)
        high = 0x9f;
    }
  else if (c >= 0xf0 && c <= 0xf4)
    {
      n = 4;
      if (c == 0xf0)
        low = 0x90;
      else if (c == 0xf4)
        high = 0x8f;
    }
  else
    return 0;

  for (int k = 1; k < n; k++)
    {
      guchar b;

      if (p + k >= end)
        return -1;
      b = p[k];
      if (k == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xbf))
        return 0;
    }
  return n;
}

/* The bytes a string holds as they are: printable ASCII but the quote and
 * the backslash. */
#define PLAIN_8(b) ((b) >= 0x20 && (b) < 0x80 && (b) != '"' && (b) != '\\')
#define PLAIN_16(b) PLAIN_8 (b), PLAIN_8 ((b) + 1), PLAIN_8 ((b) + 2), PLAIN_8 ((b) + 3), PLAIN_8 ((b) + 4), \
  PLAIN_8 ((b) + 5), PLAIN_8 ((b) + 6), PLAIN_8 ((b) + 7), PLAIN_8 ((b) + 8), PLAIN_8 ((b) + 9),              \
  PLAIN_8 ((b) + 10), PLAIN_8 ((b) + 11), PLAIN_8 ((b) + 12), PLAIN_8 ((b) + 13), PLAIN_8 ((b) + 14),         \
  PLAIN_8 ((b) + 15)

static const gboolean plain_in_string[256] = {
  PLAIN_16 (0x00), PLAIN_16 (0x10), PLAIN_16 (0x20), PLAIN_16 (0x30), PLAIN_16 (0x40), PLAIN_16 (0x50),
  PLAIN_16 (0x60), PLAIN_16 (0x70), PLAIN_16 (0x80), PLAIN_16 (0x90), PLAIN_16 (0xa0), PLAIN_16 (0xb0),
  PLAIN_16 (0xc0), PLAIN_16 (0xd0), PLAIN_16 (0xe0), PLAIN_16 (0xf0),
};

/* A string from its opening quote at *@pp; on success *@pp is past the
 * closing quote. json-glib 1.6.6 turns "\u0000" into a NUL that cuts the
 * string short and turns a lone surrogate into bytes that are not UTF-8:
 * both are refused, as are the JSON errors. */
static PcJsonScan
scan_string (const guchar **pp,
             const guchar  *end)
{
  const guchar *p = *pp + 1;

  while (p < end)
    {
      guchar c;

      /* Plain ASCII, most of an answer, one test a byte */
      while (p < end && plain_in_string[*p])
        p++;
      if (p >= end)
        break;
      c = *p;

      if (c == '"')
        {
          *pp = p + 1;
          return PC_JSON_SCAN_VALID;
        }
      if (c < 0x20)
        goto invalid;
      if (c == '\\')
        {
          int unit, low;

          if (++p >= end)
            goto cut_short;
          switch (*p)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              p++;
              continue;
            case 'u':
              break;
            default:
              goto invalid;
            }
          unit = read_hex4 (p + 1, end);
          if (unit == -2)
            goto cut_short;
          if (unit < 0 || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
            goto invalid;
          p += 5;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              if (p >= end || (p[0] == '\\' && p + 1 >= end))
                goto cut_short;
              if (p[0] != '\\' || p[1] != 'u')
                goto invalid;
              low = read_hex4 (p + 2, end);
              if (low == -2)
                goto cut_short;
              if (low < 0xdc00 || low > 0xdfff)
                goto invalid;
              p += 6;
            }
          continue;
        }
      if (c >= 0x80)
        {
          int n = utf8_sequence (p, end);

          if (n < 0)
            goto cut_short;
          if (n == 0)
            goto invalid;
          p += n;
          continue;
        }
      p++;
    }

cut_short:
  *pp = end;
  return PC_JSON_SCAN_CUT_SHORT;
invalid:
  /* Refused either way; but a text that stops before this string closes
   * stops inside a string, whatever came before: a body cut in the middle
   * of a chunk's framing ends in such bytes. */
  for (const guchar *q = p; q < end; q++)
    {
      if (*q == '\\')
        q++;
      else if (*q == '"')
        {
          *pp = p;
          return PC_JSON_SCAN_INVALID;
        }
    }
  *pp = end;
  return PC_JSON_SCAN_CUT_SHORT;
}

/* json-glib 1.6.6 reads an integer as an unsigned 64-bit number without an
 * overflow check and stores it signed, and reads a fraction or an exponent
 * with strtod: an integer outside gint64 and a number that rounds to
 * infinity would come out as some other number, so they are refused. */
static gboolean
number_in_range (const guchar *start,
                 const guchar *end,
                 gboolean      negative,
                 gboolean      is_integer)
{
  gsize n = end - start;

  if (is_integer)
    {
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

      return n < 19 || (n == 19 && memcmp (start, limit, 19) <= 0);
    }
  else
    {
      char buffer[128];
      g_autofree char *copy = NULL;
      char *text = buffer;

      if (n < sizeof buffer)
        {
          memcpy (buffer, start, n);
          buffer[n] = '\0';
        }
      else
        text = copy = g_strndup ((const char *) start, n);
      return isfinite (g_ascii_strtod (text, NULL));
    }
}

/* A number at *@pp, exactly the grammar of RFC 8259 § 6. */
static PcJsonScan
scan_number (const guchar **pp,
             const guchar  *end)
{
  const guchar *p = *pp;
  const guchar *digits;
  gboolean negative = FALSE;
  gboolean is_integer = TRUE;

#define DIGIT(q) ((q) < end && *(q) >= '0' && *(q) <= '9')
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  digits = p;
  if (p >= end)
    goto cut_short;
  if (*p == '0')
    p++;
  else if (DIGIT (p))
    while (DIGIT (p))
      p++;
  else
    goto invalid;

  if (p < end && *p == '.')
    {
      is_integer = FALSE;
      if (++p >= end)
        goto cut_short;
      if (!DIGIT (p))
        goto invalid;
      while (DIGIT (p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      is_integer = FALSE;
      if (++p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end)
        goto cut_short;
      if (!DIGIT (p))
        goto invalid;
      while (DIGIT (p))
        p++;
    }
#undef DIGIT

  if (!number_in_range (digits, p, negative, is_integer))
    goto invalid;
  *pp = p;
  return PC_JSON_SCAN_VALID;

cut_short:
  *pp = end;
  return PC_JSON_SCAN_CUT_SHORT;
invalid:
  *pp = p;
  return PC_JSON_SCAN_INVALID;
}

static PcJsonScan
scan_literal (const guchar **pp,
              const guchar  *end)
{
  static const char * const literals[] = { "true", "false", "null" };
  const guchar *p = *pp;
  gsize left = end - p;

  for (guint k = 0; k < G_N_ELEMENTS (literals); k++)
    {
      gsize n = strlen (literals[k]);

      if (p[0] != (guchar) literals[k][0])
        continue;
      if (left < n)
        {
          if (memcmp (p, literals[k], left) != 0)
            break;
          *pp = end;
          return PC_JSON_SCAN_CUT_SHORT;
        }
      if (memcmp (p, literals[k], n) != 0)
        break;
      *pp = p + n;
      return PC_JSON_SCAN_VALID;
    }
  return PC_JSON_SCAN_INVALID;
}

/**
 * pc_json_scan:
 * @data: (array length=length): the text, not necessarily nul-terminated
 * @length: its length in bytes
 * @max_depth: how many arrays and objects may nest (at most 256)
 * @offset: (out) (optional): where the scan stopped
 *
 * Proves, in one pass and without recursion, that @data is one JSON value
 * (RFC 8259) that json-glib 1.6.6 reads faithfully and that nests at most
 * @max_depth deep.
 *
 * Returns: %PC_JSON_SCAN_VALID; %PC_JSON_SCAN_CUT_SHORT when the text is
 * a valid beginning that stops inside a string, an array or an object (a
 * body cut short on the way); %PC_JSON_SCAN_TOO_DEEP; otherwise
 * %PC_JSON_SCAN_INVALID.
 */
PcJsonScan
pc_json_scan (const char *data,
              gsize       length,
              guint       max_depth,
              gsize      *offset)
{
  const guchar *start = (const guchar *) data;
  const guchar *p = start;
  const guchar *end = start + length;
  guchar is_object[DEPTH_LIMIT];
  guint depth = 0;
  guint n_values = 0;
  Expect expect = EXPECT_VALUE;
  PcJsonScan result;

  g_return_val_if_fail (data != NULL || length == 0, PC_JSON_SCAN_INVALID);
  g_return_val_if_fail (max_depth <= DEPTH_LIMIT, PC_JSON_SCAN_INVALID);

  for (;;)
    {
      guchar c;

      while (p < end && is_space (*p))
        p++;
      if (p == end)
        {
          if (expect == EXPECT_END)
            result = PC_JSON_SCAN_VALID;
          else
            result = depth > 0 ? PC_JSON_SCAN_CUT_SHORT : PC_JSON_SCAN_INVALID;
          break;
        }
      c = *p;

      switch (expect)
        {
        case EXPECT_VALUE_OR_CLOSE:
          if (c == ']')
            goto close;
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (++n_values > PC_JSON_MAX_VALUES)
            {
              result = PC_JSON_SCAN_TOO_LARGE;
              goto done;
            }
          if (c == '[' || c == '{')
            {
              if (depth == max_depth)
                {
                  result = PC_JSON_SCAN_TOO_DEEP;
                  goto done;
                }
              is_object[depth++] = c == '{';
              expect = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              p++;
              continue;
            }
          if (c == '"')
            result = scan_string (&p, end);
          else if (c == '-' || (c >= '0' && c <= '9'))
            result = scan_number (&p, end);
          else
            result = scan_literal (&p, end);
          if (result != PC_JSON_SCAN_VALID)
            {
              /* A number or a word cut short at the top level is just
               * not JSON; a string cut short anywhere was on its way. */
              if (result == PC_JSON_SCAN_CUT_SHORT && depth == 0 && c != '"')
                result = PC_JSON_SCAN_INVALID;
              goto done;
            }
          expect = depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
          continue;

        case EXPECT_KEY_OR_CLOSE:
          if (c == '}')
            goto close;
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          if (c != '"')
            goto invalid;
          result = scan_string (&p, end);
          if (result != PC_JSON_SCAN_VALID)
            goto done;
          expect = EXPECT_COLON;
          continue;

        case EXPECT_COLON:
          if (c != ':')
            goto invalid;
          p++;
          expect = EXPECT_VALUE;
          continue;

        case EXPECT_COMMA_OR_CLOSE:
          if (c == ',')
            {
              p++;
              expect = is_object[depth - 1] ? EXPECT_KEY : EXPECT_VALUE;
              continue;
            }
          if (c == ']' || c == '}')
            goto close;
          goto invalid;

        case EXPECT_END:
        default:
          goto invalid;
        }

    close:
      if ((c == '}') != is_object[depth - 1])
        goto invalid;
      depth--;
      p++;
      expect = depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
    }

done:
  if (offset != NULL)
    *offset = p - start;
  return result;

invalid:
  result = PC_JSON_SCAN_INVALID;
  goto done;
}

static const char *
scan_describe (PcJsonScan scan)
{
  switch (scan)
    {
    case PC_JSON_SCAN_VALID:
      return "valid";
    case PC_JSON_SCAN_CUT_SHORT:
      return "cut short";
    case PC_JSON_SCAN_TOO_DEEP:
      return "nested too deeply";
    case PC_JSON_SCAN_TOO_LARGE:
      return "too many values";
    case PC_JSON_SCAN_INVALID:
    default:
      return "not strict JSON";
    }
}

/**
 * pc_json_parse_strict:
 * @data: (array length=length): the text
 * @length: its length in bytes
 * @flags: how to build the tree
 * @cut_short: (out) (optional): whether the text is a valid beginning cut
 *   short inside a string, an array or an object
 * @error: a %PC_ERROR_PARSE when the text is refused
 *
 * The one way into json-glib for the product: pc_json_scan() first, with
 * %PC_JSON_MAX_DEPTH, then the parser, which then only sees JSON it reads
 * right and never deeper than that.
 *
 * Returns: (transfer full): the root, never %NULL on success
 */
JsonNode *
pc_json_parse_strict (const char        *data,
                      gsize              length,
                      PcJsonParseFlags   flags,
                      gboolean          *cut_short,
                      GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize offset = 0;
  PcJsonScan scan;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  scan = pc_json_scan (data, length, PC_JSON_MAX_DEPTH, &offset);
  if (cut_short != NULL)
    *cut_short = scan == PC_JSON_SCAN_CUT_SHORT;
  if (scan != PC_JSON_SCAN_VALID)
    {
      g_debug ("Refused %" G_GSIZE_FORMAT " bytes of JSON at byte %" G_GSIZE_FORMAT ": %s",
               length, offset, scan_describe (scan));
      if (scan == PC_JSON_SCAN_TOO_LARGE)
        g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, _("The server's answer was too large to be read."));
      else
        g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
      return NULL;
    }

  parser = (flags & PC_JSON_PARSE_IMMUTABLE) ? json_parser_new_immutable () : json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error) || json_parser_get_root (parser) == NULL)
    {
      /* The scanner's language is meant to be a part of json-glib's: the
       * differential fuzzer (tests/fuzz/fuzz-json-strict.c) looks for this. */
      g_debug ("Strict JSON refused by json-glib: %s", local_error ? local_error->message : "no root");
      g_set_error_literal (error, PC_ERROR, PC_ERROR_PARSE, pc_error_code_describe (PC_ERROR_PARSE));
      return NULL;
    }
  return json_parser_steal_root (parser);
}
