/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "co-json-write.h"
#include "co-test-util.h"

/*
 * JSON written without a tree (co-json-write.c): pretty as json-glib's
 * pretty generator lays it out and compact as its plain one, doubles in
 * their shortest form that reads back the same, never more than about a
 * piece held at once, and the same text whether written call by call or
 * from a tree.
 */

typedef struct
{
  GString *whole;
  guint    pieces;
  gsize    longest;
} Collect;

static void
collect_cb (const char *text,
            gsize       length,
            gpointer    data)
{
  Collect *collect = data;

  g_assert_cmpuint (length, >, 0);
  g_string_append_len (collect->whole, text, length);
  collect->pieces++;
  collect->longest = MAX (collect->longest, length);
}

static char *
written (JsonNode *node,
         gsize     chunk,
         Collect  *out)
{
  Collect collect = { g_string_new (NULL), 0, 0 };
  CoJsonWriter *writer = co_json_writer_new (TRUE, chunk, collect_cb, &collect);

  co_json_writer_node (writer, node);
  co_json_writer_free (writer);
  if (out != NULL)
    {
      out->pieces = collect.pieces;
      out->longest = collect.longest;
    }
  return g_string_free (collect.whole, FALSE);
}

static char *
json_glib_text (JsonNode *node,
                gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
written_compact (JsonNode *node)
{
  CoJsonWriter *writer = co_json_writer_new_string (FALSE);

  co_json_writer_node (writer, node);
  return co_json_writer_free_to_string (writer);
}

/* Everything but doubles comes out exactly as json-glib writes it. */
static void
test_like_json_glib (void)
{
  static const char *texts[] = {
    "{}",
    "[]",
    "\"alone\"",
    "-42",
    "{ \"a\" : {}, \"b\" : [], \"c\" : [ {}, [], [ [] ], { \"d\" : {} } ] }",
    "{ \"quote \\\" back\\\\slash\" : \"line\\nbreak\\ttab\\u0001bell\\u001f\", "
    "\"caf\u00e9 \u2713\" : \"\u00e9t\u00e9 \u2713\", \"slash/\" : \"</script>\" }",
    "[ true, false, null, 0, -9223372036854775807, 9223372036854775807, \"\" ]",
    "{ \"file\" : \"talk.mp4\", \"silences\" : [ { \"start\" : 1, \"end\" : 2 }, "
    "{ \"start\" : 3, \"end\" : 4, \"why\" : [ \"quiet\", { \"level\" : -57 } ] } ], "
    "\"scenes\" : [], \"tags\" : {} }",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (texts[i], &error);
      g_autofree char *ours = NULL, *theirs = NULL;
      g_autofree char *ours_compact = NULL, *theirs_compact = NULL;

      g_assert_no_error (error);
      ours = written (node, 7, NULL);
      theirs = json_glib_text (node, TRUE);
      g_assert_cmpstr (ours, ==, theirs);
      ours_compact = written_compact (node);
      theirs_compact = json_glib_text (node, FALSE);
      g_assert_cmpstr (ours_compact, ==, theirs_compact);
    }
}

static void
test_doubles (void)
{
  const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 2.63, "2.63" },
    { 3.0, "3.0" },
    { -0.0, "-0.0" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1e20, "1e+20" },
    { 1.5e-7, "1.5e-07" },
    { 600.0, "6e+02" },
    { 600.5, "600.5" },
    { 3600.0, "3.6e+03" },
    { 6.0533333333333337, "6.053333333333334" },
    { -35.25, "-35.25" },
    { G_MAXDOUBLE, "1.7976931348623157e+308" },
    { 5e-324, "5e-324" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *text = NULL;

      json_node_set_double (node, cases[i].value);
      text = written (node, 64, NULL);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A random tree, @depth levels at most, with every kind of node. */
static JsonNode *
random_tree (guint depth)
{
  JsonNode *node;
  guint kind = g_test_rand_int_range (0, depth > 0 ? 8 : 6);

  switch (kind)
    {
    case 0:
      return json_node_init_null (json_node_alloc ());
    case 1:
      return json_node_init_boolean (json_node_alloc (), g_test_rand_bit ());
    case 2:
      return json_node_init_int (json_node_alloc (),
                                 (gint64) (((guint64) (guint32) g_test_rand_int () << 32)
                                           | (guint32) g_test_rand_int ()));
    case 3:
      {
        double value;

        /* Any finite double, from its bits. */
        do
          {
            guint64 bits = ((guint64) (guint32) g_test_rand_int () << 32)
                           | (guint32) g_test_rand_int ();

            memcpy (&value, &bits, sizeof value);
          }
        while (!isfinite (value));
        return json_node_init_double (json_node_alloc (), value);
      }
    case 4:
      return json_node_init_double (json_node_alloc (),
                                    g_test_rand_int_range (0, 3600000) / 1000.0);
    case 5:
      {
        g_autofree char *text = g_strdup_printf ("t\"\\\n%c\u00e9%d", (char) g_test_rand_int_range (1, 127),
                                                 g_test_rand_int ());

        return json_node_init_string (json_node_alloc (), text);
      }
    case 6:
      {
        JsonArray *array = json_array_new ();
        guint n = g_test_rand_int_range (0, 5);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, random_tree (depth - 1));
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    default:
      {
        JsonObject *object = json_object_new ();
        guint n = g_test_rand_int_range (0, 5);

        for (guint i = 0; i < n; i++)
          {
            g_autofree char *name = g_strdup_printf ("k%u\t\"%u", i, g_test_rand_int ());

            json_object_set_member (object, name, random_tree (depth - 1));
          }
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }
    }
}

/* JSON has neither infinity nor NaN. */
static void
test_not_finite (void)
{
  CoJsonWriter *writer = co_json_writer_new_string (FALSE);
  g_autofree char *text = NULL;

  co_json_writer_begin_array (writer);
  co_json_writer_double (writer, INFINITY);
  co_json_writer_double (writer, -INFINITY);
  co_json_writer_double (writer, NAN);
  co_json_writer_double (writer, 0.25);
  co_json_writer_string (writer, NULL);
  co_json_writer_end_array (writer);
  text = co_json_writer_free_to_string (writer);
  g_assert_cmpstr (text, ==, "[null,null,null,0.25,null]");
}

/* Written call by call, a document is the same text as its tree, at every
 * depth and with empty containers in every place. */
static void
test_calls (void)
{
  static const char *expected =
    "{\n"
    "  \"file\" : \"talk.mp4\",\n"
    "  \"duration\" : 612.25,\n"
    "  \"empty\" : {  },\n"
    "  \"none\" : [],\n"
    "  \"silences\" : [\n"
    "    {\n"
    "      \"start\" : 1.25,\n"
    "      \"end\" : 2.0,\n"
    "      \"tags\" : [\n"
    "        [],\n"
    "        {        },\n"
    "        true\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"item_id\" : 7\n"
    "}";
  CoJsonWriter *writer = co_json_writer_new_string (TRUE);
  g_autofree char *text = NULL, *from_tree = NULL;
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(GError) error = NULL;

  co_json_writer_begin_object (writer);
  co_json_writer_member (writer, "file");
  co_json_writer_string (writer, "talk.mp4");
  co_json_writer_member (writer, "duration");
  co_json_writer_double (writer, 612.25);
  co_json_writer_member (writer, "empty");
  co_json_writer_begin_object (writer);
  co_json_writer_end_object (writer);
  co_json_writer_member (writer, "none");
  co_json_writer_begin_array (writer);
  co_json_writer_end_array (writer);
  co_json_writer_member (writer, "silences");
  co_json_writer_begin_array (writer);
  co_json_writer_begin_object (writer);
  co_json_writer_member (writer, "start");
  co_json_writer_double (writer, 1.25);
  co_json_writer_member (writer, "end");
  co_json_writer_double (writer, 2.0);
  co_json_writer_member (writer, "tags");
  co_json_writer_begin_array (writer);
  co_json_writer_begin_array (writer);
  co_json_writer_end_array (writer);
  co_json_writer_begin_object (writer);
  co_json_writer_end_object (writer);
  co_json_writer_boolean (writer, TRUE);
  co_json_writer_end_array (writer);
  co_json_writer_end_object (writer);
  co_json_writer_end_array (writer);
  co_json_writer_member (writer, "item_id");
  co_json_writer_int (writer, 7);
  co_json_writer_end_object (writer);
  text = co_json_writer_free_to_string (writer);
  g_assert_cmpstr (text, ==, expected);

  tree = json_from_string (expected, &error);
  g_assert_no_error (error);
  from_tree = written (tree, 16, NULL);
  g_assert_cmpstr (from_tree, ==, expected);
}

/* A value in an object without its name is refused, not written. */
static void
test_misuse (void)
{
  if (g_test_subprocess ())
    {
      CoJsonWriter *writer = co_json_writer_new_string (FALSE);

      co_json_writer_begin_object (writer);
      co_json_writer_int (writer, 1);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*named*");
}

/* What is written reads back as the same tree, doubles bit for bit.  The
 * random seed is GLib's, printed with the results (--seed to repeat). */
static void
test_round_trip (void)
{
  guint cases = co_test_cases (300);

  for (guint c = 0; c < cases; c++)
    {
      g_autoptr(JsonNode) tree = random_tree (4);
      g_autofree char *text = written (tree, 1 + g_test_rand_int_range (0, 200), NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) back = json_from_string (text, &error);

      g_assert_no_error (error);
      if (!json_node_equal (tree, back))
        g_error ("case %u does not read back:\n%s", c, text);
    }
}

/* A long result goes out in pieces of about the size asked for, never as
 * one string. */
static void
test_pieces (void)
{
  g_autoptr(JsonArray) silences = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *whole = NULL, *pieces = NULL;
  Collect one = { 0 }, many = { 0 };

  for (guint i = 0; i < 5000; i++)
    {
      JsonObject *silence = json_object_new ();

      json_object_set_double_member (silence, "start", i * 0.7);
      json_object_set_double_member (silence, "end", i * 0.7 + 0.3);
      json_array_add_object_element (silences, silence);
    }
  root = json_node_init_array (json_node_alloc (), silences);
  whole = written (root, G_MAXSIZE / 2, &one);
  pieces = written (root, 1024, &many);
  g_assert_cmpstr (pieces, ==, whole);
  g_assert_cmpuint (one.pieces, ==, 1);
  g_assert_cmpuint (strlen (whole), >, 200 * 1024);
  g_assert_cmpuint (many.pieces, >=, strlen (whole) / 1200);
  /* A piece is handed on once it reaches the size, after the element that
   * took it there (about 60 bytes here). */
  g_assert_cmpuint (many.longest, <, 1024 + 100);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/json-write/like-json-glib", test_like_json_glib);
  g_test_add_func ("/core/json-write/doubles", test_doubles);
  g_test_add_func ("/core/json-write/not-finite", test_not_finite);
  g_test_add_func ("/core/json-write/calls", test_calls);
  g_test_add_func ("/core/json-write/misuse", test_misuse);
  g_test_add_func ("/core/json-write/round-trip", test_round_trip);
  g_test_add_func ("/core/json-write/pieces", test_pieces);

  return g_test_run ();
}
