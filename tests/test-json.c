/* test-json.c: the strict JSON scanner that guards json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pc-error.h"
#include "pc-json-private.h"
#include "pc-response-private.h"
#include "pc-test-list.h"

static PcJsonScan
scan (const char *text)
{
  return pc_json_scan (text, strlen (text), PC_JSON_MAX_DEPTH, NULL);
}

static void
assert_all (const char * const *texts,
            PcJsonScan          expected)
{
  for (guint i = 0; texts[i] != NULL; i++)
    {
      PcJsonScan result = scan (texts[i]);

      if (result != expected)
        g_error ("%s: scanned as %d, expected %d", texts[i], result, expected);
    }
}

static void
test_accepted (void)
{
  const char * const texts[] = {
    "{}", "[]", "0", "-0", "1", "\"\"", "true", "false", "null",
    " \t\r\n{ \"a\" : [ 1 , 2 ] } \r\n\t ",
    "{\"a\":[1,-0,0.5,-0.0,1e5,1E-5,-1.5e+3,10.25E2,true,false,null,\"x\",{},[]]}",
    "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u00E9\\uD83D\\uDE00\\uffff\"]",
    "[\"raw \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \x7f\"]",
    "{\"\":1,\"a\":1,\"a\":2}",
    "[9223372036854775807,-9223372036854775808,1e308,1e-400]",
    NULL
  };

  assert_all (texts, PC_JSON_SCAN_VALID);
}

static void
test_refused (void)
{
  const char * const texts[] = {
    /* What json-glib reads beyond JSON. */
    "{'a':1}", "[\"a\",'b']", "['\"']",
    "[1/* comment */]", "// comment\n[1]", "[1]/* */", "/*\"*/[1]", "# x\n[1]",
    "\xef\xbb\xbf{}",
    "[NaN]", "[Infinity]", "[-Infinity]", "[nan]",
    "[1,]", "{\"a\":1,}", "[,1]", "{,}", "[1,,2]",
    "[01]", "[-01]", "[00]", "[0x10]", "[$10]", "[0b1]", "[.5]", "[1.]", "[+1]", "[1.e5]", "[1e]", "[- 1]", "[--1]",
    "{a:1}", "[True]", "[NULL]", "[undefined]", "var a = [1];", "[1];",
    /* Strings. */
    "[\"\x01\"]", "[\"tab\there\"]", "[\"new\nline\"]", "[\"\x1f\"]",
    "[\"\\x41\"]", "[\"\\'\"]", "[\"\\0\"]", "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"\\U0041\"]", "[\"\\a\"]",
    "[\"\\u0000\"]", "[\"a\\u0000b\"]",
    "[\"\\uD800\"]", "[\"\\uDC00\"]", "[\"\\uDBFF\\uDBFF\"]", "[\"\\uD800\\u0041\"]", "[\"\\uD800x\"]",
    "[\"\\uDE00\\uD83D\"]", "[\"\\uD800\\n\"]",
    /* Invalid UTF-8, in strings and out. */
    "[\"\xc0\xaf\"]", "[\"\xc1\xbf\"]", "[\"\xe0\x80\xaf\"]", "[\"\xed\xa0\x80\"]", "[\"\xf0\x80\x80\xaf\"]",
    "[\"\xf4\x90\x80\x80\"]", "[\"\xf5\x80\x80\x80\"]", "[\"\x80\"]", "[\"\xff\"]", "[\"\xc3\x28\"]",
    "[\xc3\xa9]",
    /* Two values, or none. */
    "{} {}", "1 2", "[1] x", "[1]]", "{}}", "\"a\" \"b\"", "", " \n\t ",
    /* Other white space. */
    "[1,\f2]", "[1,\v2]", "[1,\xc2\xa0" "2]",
    /* Brackets that do not pair. */
    "[1}", "{\"a\":1]", "{\"a\"}", "{\"a\" 1}", "{1:2}", "{\"a\"::1}",
    /* Numbers json-glib 1.6 would read as other numbers. */
    "[9223372036854775808]", "[-9223372036854775809]", "[18446744073709551616]",
    "[99999999999999999999999]", "[1e400]", "[-1e400]", "[1.5e99999]",
    NULL
  };

  assert_all (texts, PC_JSON_SCAN_INVALID);
  /* A NUL byte, inside a string and out. */
  g_assert_cmpint (pc_json_scan ("[\"a\0\"]", 6, PC_JSON_MAX_DEPTH, NULL), ==, PC_JSON_SCAN_INVALID);
  g_assert_cmpint (pc_json_scan ("[1,\0]", 5, PC_JSON_MAX_DEPTH, NULL), ==, PC_JSON_SCAN_INVALID);
}

/* Why "\u0000" and the integers beyond gint64 are refused although they are
 * JSON: json-glib 1.6.6 reads them into something else. */
static void
test_json_glib_misreads (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  g_assert_true (json_parser_load_from_data (parser, "[\"a\\u0000b\", 9223372036854775808]", -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "a");
  g_assert_cmpint (json_array_get_int_element (array, 1), <, 0);
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *arrays_32 = nested (PC_JSON_MAX_DEPTH, "[", "1", "]");
  g_autofree char *arrays_33 = nested (PC_JSON_MAX_DEPTH + 1, "[", "1", "]");
  g_autofree char *objects_32 = nested (PC_JSON_MAX_DEPTH - 1, "{\"a\":", "{}", "}");
  g_autofree char *objects_33 = nested (PC_JSON_MAX_DEPTH, "{\"a\":", "{}", "}");
  g_autofree char *deep_cut = nested (100000, "[", "", "");

  g_assert_cmpint (scan (arrays_32), ==, PC_JSON_SCAN_VALID);
  g_assert_cmpint (scan (arrays_33), ==, PC_JSON_SCAN_TOO_DEEP);
  g_assert_cmpint (scan (objects_32), ==, PC_JSON_SCAN_VALID);
  g_assert_cmpint (scan (objects_33), ==, PC_JSON_SCAN_TOO_DEEP);
  /* Too deep wins over cut short: nothing this deep is an answer. */
  g_assert_cmpint (scan (deep_cut), ==, PC_JSON_SCAN_TOO_DEEP);
  /* Width is not depth. */
  g_assert_cmpint (pc_json_scan ("[[],[],[]]", 10, 2, NULL), ==, PC_JSON_SCAN_VALID);
  g_assert_cmpint (pc_json_scan ("[[[]]]", 6, 2, NULL), ==, PC_JSON_SCAN_TOO_DEEP);
}

static void
test_cut_short (void)
{
  const char * const cut[] = {
    "{", "[", " [ ", "{\"a\"", "{\"a\":", "{\"a\": [1, 2", "{\"a\": [1, 2,", "{\"a\": \"bc", "{\"a", "{\"a\\",
    "[\"\\u12", "[\"\\uD83D", "[\"\\uD83D\\", "[\"\\uD83D\\uDE", "[tru", "[n", "[fals", "[1.", "[1e", "[1e+",
    "[-", "[\"\xc3", "[\"\xf0\x9f\x98", "\"abc", "{\"a\":{\"b\":[{}",
    /* A string that never closes, whatever it holds: a chunked body cut
     * inside its framing ends in a stray "\r" (the mock's chunked-cut). */
    "{\"id\":\"\r", "[\"\\x", "[\"\\uD83Dx", "[\"\xc3(", "[\"\x01\\\"",
    NULL
  };
  const char * const not_cut[] = {
    "tru", "-", "1.", "{\"a\": 1}]", "[1,]", "{\"a\" 1", "[1 2", "[\"\\x\"", "[\"\x01\"", "[\"\xc3(\",",
    "[\"\\uD83Dx\"", "'", "['a", "[1/*",
    NULL
  };

  assert_all (cut, PC_JSON_SCAN_CUT_SHORT);
  assert_all (not_cut, PC_JSON_SCAN_INVALID);
}

static void
test_parse_strict (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cut_short = TRUE;
  const char *text = "{\"a\": [1, \"\\uD83D\\uDE00\"]}";

  root = pc_json_parse_strict (text, strlen (text), PC_JSON_PARSE_DEFAULT, &cut_short, &error);
  g_assert_no_error (error);
  g_assert_false (cut_short);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_node_get_object (root), "a"),
                                                  1), ==, "\xf0\x9f\x98\x80");
  g_clear_pointer (&root, json_node_unref);

  root = pc_json_parse_strict ("{'a': 1}", 8, PC_JSON_PARSE_DEFAULT, &cut_short, &error);
  g_assert_null (root);
  g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  g_assert_false (cut_short);
  g_clear_error (&error);

  root = pc_json_parse_strict ("{\"a\": [1", 8, PC_JSON_PARSE_IMMUTABLE, &cut_short, &error);
  g_assert_null (root);
  g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  g_assert_true (cut_short);
}

/* Brackets that the old guard did not count (inside a single-quoted string
 * or a comment that holds a double quote) but json-glib does: 100 KB of
 * them overflowed its stack (issue #12). */
static void
test_walk_around (void)
{
  const char * const prefixes[] = { "['\"',", "/*\"*/", "{\"a\": '\"', \"b\": " };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *brackets = nested (100000, "[", "", "");
      char *text = g_strconcat (prefixes[i], brackets, NULL);
      g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = pc_response_parse (PC_RESPONSE_ENVELOPE, 200, body, &error);

      g_assert_null (node);
      g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
    }
}

static void
test_response_cut_short (void)
{
  const char *text = "{\"status\": \"ok\", \"result\": [{\"id\": \"a";
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pc_response_parse (PC_RESPONSE_ENVELOPE, 200, body, &error);

  g_assert_null (node);
  g_assert_error (error, PC_ERROR, PC_ERROR_NETWORK);
}

/* A body built with JsonBuilder (a password, an ID token) is wiped in
 * place, also the copy json_builder_get_root hands out shares its values. */
static void
test_wipe_strings (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *object;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, "hunter2");
  json_builder_set_member_name (builder, "nested");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "id-token");
  json_builder_add_int_value (builder, 7);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  again = json_builder_get_root (builder);

  pc_json_node_wipe_strings (root);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "password"), ==, "");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "nested"), 0), ==, "");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (object, "nested"), 1), ==, 7);
  /* The builder's own copy held the same bytes. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (again), "password"), ==, "");
}

/* Small values in their millions cost json-glib some 40 bytes each: a
 * 15 KB gzip answer decoding to 15 MiB of "0," would take 600 MB. The
 * scanner counts them first. */
static void
test_too_many_values (void)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < PC_JSON_MAX_VALUES; i++)
    g_string_append (text, "0,");
  g_string_append (text, "0]");
  g_assert_cmpint (pc_json_scan (text->str, text->len, PC_JSON_MAX_DEPTH, NULL), ==, PC_JSON_SCAN_TOO_LARGE);
  node = pc_json_parse_strict (text->str, text->len, PC_JSON_PARSE_DEFAULT, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, PC_ERROR, PC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "too large"));

  /* Exactly as many (the array counts as one) are read. */
  g_string_assign (text, "[0");
  for (guint i = 2; i < PC_JSON_MAX_VALUES; i++)
    g_string_append (text, ",0");
  g_string_append (text, "]");
  g_assert_cmpint (pc_json_scan (text->str, text->len, PC_JSON_MAX_DEPTH, NULL), ==, PC_JSON_SCAN_VALID);
}

/* A list answer around the size from which it is read in two parts (256
 * KiB): one byte under, at and over it, with no item, one, two of which
 * one is huge, or many, items that are not objects or that the reader
 * refuses in either part, and a huge item full of escapes and of the
 * brackets and commas between items; each read as the whole is walked
 * (tests/pc-test-list.c). */
static void
test_response_list_threshold (void)
{
  static const struct {
    guint status;
    const char *before, *items, *after;
    guint n_items; /* the list's length, or 0 for an error */
  } cases[] = {
    { 200, "{\"status\":\"success\",\"result\":[", "", "]}", 0 },
    { 200, "{\"status\":\"success\",\"result\":[", "{\"a\":1}", "]}", 1 },
    { 200, "{\"status\":\"success\",\"result\":[", "{\"a\":\"FILL\"}", "]}", 1 },
    { 200, "{\"status\":\"success\",\"result\":[", "{\"a\":\"FILL\"},{}", "]}", 2 },
    { 200, "{\"status\":\"success\",\"result\":[", "{},{\"a\":\"FILL\"}", "]}", 2 },
    { 200, "{\"status\":\"success\",\"result\":[", "1,\"FILL\"", "]}", 0 },
    { 200, "{\"status\":\"success\",\"result\":[", "{\"a\":[1,2]},{\"result\":[3,4]},{\"a\":\"FILL\"},[]", "]}", 0 },
    { 200, "{\"status\":\"success\",\"result\":[", "{\"a\":[1,2]},{\"result\":[3,4]},{\"a\":\"FILL\"},{}", "]}", 4 },
    { 200, " {\"result\" : [ ", "{\"n\":-0} , {\"n\":1.5e3},{\"a\":\"FILL\"} ,{\"a\":\"\\u00e9\"}",
      " ] , \"status\":\"success\"} ", 4 },
    /* The first refused item is the one said, in either part */
    { 200, "{\"result\":[", "{\"refuse\":1},{\"a\":\"FILL\"},{\"refuse\":2}", "]}", 0 },
    { 200, "{\"result\":[", "{},{\"a\":\"FILL\"},{\"refuse\":2},{\"refuse\":3}", "]}", 0 },
    { 200, "{\"code\":403,\"status\":\"error\",\"message\":\"No.\",\"result\":[", "{},{\"a\":\"FILL\"},{}", "]}", 0 },
    /* The last "result" is the one json-glib keeps */
    { 200, "{\"result\":[", "{},{\"a\":\"FILL\"},{}", "],\"result\":{}}", 0 },
    { 200, "{\"result\":{},\"result\":[", "{},{\"a\":\"FILL\"},{}", "]}", 3 },
  };
  static const char unit[] = "\\\"],[{,\\\\";
  const gsize threshold = 256 * 1024;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize length = threshold - 1; length <= threshold + 1; length++)
      {
        const char *huge = strstr (cases[i].items, "FILL");
        g_autoptr(GString) text = g_string_new (cases[i].before);
        g_autoptr(GBytes) body = NULL;
        g_autofree char *difference = NULL;
        gsize rest = strlen (cases[i].before) + strlen (cases[i].items) + strlen (cases[i].after);
        gsize fill = length - rest + (huge != NULL ? strlen ("FILL") : 0);
        guint n_items;

        g_string_append_len (text, cases[i].items, huge != NULL ? huge - cases[i].items : -1);
        if (huge != NULL)
          {
            /* The huge item: escapes and what stands between items, then
             * plain letters to the length. */
            for (gsize n = 0; n + strlen (unit) <= fill / 2; n += strlen (unit))
              g_string_append (text, unit);
            while (text->len < strlen (cases[i].before) + (huge - cases[i].items) + fill)
              g_string_append_c (text, 'x');
            g_string_append (text, huge + strlen ("FILL"));
          }
        else
          {
            /* No huge item: spaces before the array closes */
            while (text->len < length - strlen (cases[i].after))
              g_string_append_c (text, ' ');
          }
        g_string_append (text, cases[i].after);
        g_test_message ("case %u, %" G_GSIZE_FORMAT " bytes", i, length);
        g_assert_cmpuint (text->len, ==, length);
        body = g_bytes_new (text->str, text->len);
        difference = pc_test_list_compare (cases[i].status, body, &n_items);
        g_assert_null (difference);
        g_assert_cmpuint (n_items, ==, cases[i].n_items);
      }
}

/* Ten thousand tokens, as the mock sends them, read in two parts: every
 * item, in order, and each part's memory used again item by item. */
static void
test_response_list_long (void)
{
  g_autoptr(GString) text = g_string_new ("{\"code\":200,\"status\":\"success\",\"result\":[");
  g_autoptr(GBytes) body = NULL;
  g_autofree char *difference = NULL;
  guint n_items;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (text,
                            "%s{\"id\":\"%08x-0000-4000-8000-000000000000\",\"name\":\"Token %u\","
                            "\"token\":\"\\u2022\\u2022\\u2022\\u2022%04u\","
                            "\"created_at\":\"2026-05-15T04:08:40Z\",\"last_used_at\":null}",
                            i ? "," : "", i, i, i % 10000);
  g_string_append (text, "]}");
  body = g_bytes_new (text->str, text->len);
  difference = pc_test_list_compare (200, body, &n_items);
  g_assert_null (difference);
  g_assert_cmpuint (n_items, ==, 10000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/accepted", test_accepted);
  g_test_add_func ("/json/refused", test_refused);
  g_test_add_func ("/json/json-glib-misreads", test_json_glib_misreads);
  g_test_add_func ("/json/depth", test_depth);
  g_test_add_func ("/json/cut-short", test_cut_short);
  g_test_add_func ("/json/parse-strict", test_parse_strict);
  g_test_add_func ("/json/walk-around", test_walk_around);
  g_test_add_func ("/json/response-cut-short", test_response_cut_short);
  g_test_add_func ("/json/wipe-strings", test_wipe_strings);
  g_test_add_func ("/json/too-many-values", test_too_many_values);
  g_test_add_func ("/json/response-list-threshold", test_response_list_threshold);
  g_test_add_func ("/json/response-list-long", test_response_list_long);
  return g_test_run ();
}
