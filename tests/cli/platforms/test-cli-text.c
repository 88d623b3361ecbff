/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/*
 * `text count` and `text adapt` through the built creatorops-cli: exit
 * codes, JSON on standard output, messages on standard error.
 */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli-text");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
}

static CoCliRun *
cli_input (Fixture    *fixture,
           const char *input,
           const char *first,
           ...) G_GNUC_NULL_TERMINATED;

static CoCliRun *
cli_input (Fixture    *fixture,
           const char *input,
           const char *first,
           ...)
{
  CoCliOptions options = { fixture->dir, FALSE, NULL, NULL };
  CoCliRun *run;
  va_list list;

  va_start (list, first);
  run = co_test_cli_runv (&options, input, first, list);
  va_end (list);
  return run;
}

static JsonObject *
json_object (CoCliRun *run,
             int       expected)
{
  return json_node_get_object (co_test_cli_assert_json (run, expected));
}

static void
test_count_json (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli_input (fixture, NULL, "text", "count", "--platform", "x",
                                       "--json", "Hi 世界 👍🏽 example.co.uk.", NULL);
  JsonObject *object = json_object (run, CO_CLI_EXIT_OK);

  /* 3 + 4 + 1 + 2 + 1 + 23 + 1 */
  g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, "x");
  g_assert_cmpint (json_object_get_int_member (object, "length"), ==, 35);
  g_assert_cmpint (json_object_get_int_member (object, "limit"), ==, 280);
  g_assert_true (json_object_get_boolean_member (object, "valid"));
  g_assert_true (json_object_get_null_member (object, "problem"));
}

static void
test_count_text (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli_input (fixture, NULL, "text", "count", "--platform", "YouTube",
                                       "Beschreibung", "mit", "Umlaut:", "ä", NULL);

  /* The words are joined with spaces; the description counts bytes. */
  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_cmpstr (run->out, ==, "YouTube: 27 of 5000 bytes\n");
}

static void
test_count_too_long (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = g_strnfill (285, 'a');
  g_autoptr(CoCliRun) run = cli_input (fixture, NULL, "text", "count", "--platform", "x",
                                       "--json", text, NULL);
  JsonObject *object = json_object (run, CO_CLI_EXIT_INVALID);
  JsonObject *problem = json_object_get_object_member (object, "problem");

  g_assert_cmpint (json_object_get_int_member (object, "length"), ==, 285);
  g_assert_false (json_object_get_boolean_member (object, "valid"));
  g_assert_cmpint (json_object_get_int_member (object, "fits"), ==, 280);
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "message"), "285"));
  g_assert_nonnull (strstr (run->err, "280"));
}

static void
test_count_stdin (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli_input (fixture, "Caption #one #two #three #four #five #six\n",
                                       "text", "count", "--platform", "instagram",
                                       "--hashtag-limit", "6", "--json", "-", NULL);
  JsonObject *object = json_object (run, CO_CLI_EXIT_OK);
  JsonObject *hashtags = json_object_get_object_member (object, "hashtags");
  g_autoptr(CoCliRun) strict = cli_input (fixture, "Caption #one #two #three #four #five #six",
                                          "text", "count", "--platform", "instagram", "-", NULL);

  /* The newline echo adds is not part of the caption. */
  g_assert_cmpint (json_object_get_int_member (object, "length"), ==, 41);
  g_assert_cmpint (json_object_get_int_member (hashtags, "length"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (hashtags, "limit"), ==, 6);
  /* Without the option, the setting's default of 5 holds. */
  co_test_cli_assert_exit (strict, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (strict, "6 hashtags");
}

static void
test_count_youtube_extras (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli_input (fixture, NULL, "text", "count", "--platform", "youtube",
                                       "--title", "My <first> video", "--tag", "drone shots",
                                       "--tag", "travel", "--json", "A description", NULL);
  JsonObject *object = json_object (run, CO_CLI_EXIT_INVALID);
  JsonObject *tags = json_object_get_object_member (object, "tags");
  JsonObject *title = json_object_get_object_member (object, "title");

  g_assert_cmpint (json_object_get_int_member (title, "length"), ==, 16);
  g_assert_cmpint (json_object_get_int_member (title, "limit"), ==, 100);
  /* "drone shots" in quotes, a comma, "travel". */
  g_assert_cmpint (json_object_get_int_member (tags, "length"), ==, 20);
  co_test_cli_assert_error_names (run, "title");
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoCliRun) unknown = cli_input (fixture, NULL, "text", "count", "--platform",
                                           "myspace", "Hi", NULL);
  g_autoptr(CoCliRun) missing = cli_input (fixture, NULL, "text", "count", "Hi", NULL);
  g_autoptr(CoCliRun) empty = cli_input (fixture, NULL, "text", "adapt", "--platform", "x",
                                         "--json", "  ", NULL);
  g_autoptr(CoCliRun) invalid = cli_input (fixture, "caf\xc3", "text", "count", "--platform",
                                           "linkedin", "-", NULL);
  g_autoptr(CoCliRun) no_text = cli_input (fixture, NULL, "text", "count", "--platform", "x",
                                           NULL);
  g_autoptr(CoCliRun) limit = cli_input (fixture, NULL, "text", "count", "--platform",
                                         "instagram", "--hashtag-limit", "31", "Hi", NULL);
  JsonObject *error;

  co_test_cli_assert_exit (unknown, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (unknown, "myspace");
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (missing, "--platform");
  error = json_object_get_object_member (json_object (empty, CO_CLI_EXIT_INVALID), "error");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "empty"));
  co_test_cli_assert_exit (invalid, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (invalid, "UTF-8");
  co_test_cli_assert_exit (no_text, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_exit (limit, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (limit, "--hashtag-limit");
}

static void
test_adapt_thread (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CoCliRun) run = NULL;
  JsonObject *object;
  JsonArray *parts;

  for (int i = 0; i < 12; i++)
    g_string_append_printf (text, "Sentence %d of a long post about editing video. ", i);
  run = cli_input (fixture, NULL, "text", "adapt", "--platform", "x", "--json", text->str, NULL);
  object = json_object (run, CO_CLI_EXIT_OK);
  parts = json_object_get_array_member (object, "parts");
  g_assert_false (json_object_get_boolean_member (object, "valid"));
  g_assert_cmpuint (json_array_get_length (parts), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *part = json_array_get_object_element (parts, i);
      g_autofree char *number = g_strdup_printf (". %u/3", i + 1);

      g_assert_true (g_str_has_suffix (json_object_get_string_member (part, "text"), number));
      g_assert_cmpint (json_object_get_int_member (part, "length"), <=, 280);
    }
}

static void
test_adapt_text (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli_input (fixture, NULL, "text", "adapt", "--platform", "youtube",
                                       "--title", "Title <1>", "A <b> description", NULL);
  g_autoptr(CoCliRun) linkedin = cli_input (fixture, NULL, "text", "adapt", "--platform",
                                            "linkedin", "--json", "Hi (all) #Video_Tips", NULL);
  JsonArray *parts = json_object_get_array_member (json_object (linkedin, CO_CLI_EXIT_OK),
                                                   "parts");
  JsonObject *part = json_array_get_object_element (parts, 0);

  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_cmpstr (run->out, ==, "Title ‹1›\n\nA ‹b› description\n");
  g_assert_cmpstr (json_object_get_string_member (part, "little_text"), ==,
                   "Hi \\(all\\) {hashtag|\\#|Video\\_Tips}");
}

/* A typed escape sequence is printed written out, never sent to the terminal;
 * the lines of the text stay lines. */
static void
test_adapt_escaped (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli_input (fixture, NULL, "text", "adapt", "--platform", "youtube",
                                       "--title", "Clear\x1b[2J", "one\ntwo\x1b]0;x\x07", NULL);

  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_null (strchr (run->out, '\x1b'));
  g_assert_cmpstr (run->out, ==, "Clear\\x1b[2J\n\none\ntwo\\x1b]0;x\\x07\n");
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/text/count/json", test_count_json);
  ADD ("/cli/text/count/text", test_count_text);
  ADD ("/cli/text/count/too-long", test_count_too_long);
  ADD ("/cli/text/count/stdin", test_count_stdin);
  ADD ("/cli/text/count/youtube-extras", test_count_youtube_extras);
  ADD ("/cli/text/bad-input", test_bad_input);
  ADD ("/cli/text/adapt/thread", test_adapt_thread);
  ADD ("/cli/text/adapt/text", test_adapt_text);
  ADD ("/cli/text/adapt/escaped", test_adapt_escaped);
#undef ADD

  return g_test_run ();
}
