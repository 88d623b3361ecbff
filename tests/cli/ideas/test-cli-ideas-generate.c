/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/* ideas generate and refine, run as a script would, with no language model
 * set up: the offline generator answers and says why. */

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli-ideas-generate");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

/* The test environment names no language model. */
#define run(fixture, ...) \
  co_test_cli_run_in ((fixture)->data_dir, NULL, __VA_ARGS__)

static gint64
add_note (Fixture    *fixture,
          const char *title,
          const char *tag)
{
  g_autoptr(CoCliRun) result = run (fixture, "vault", "note", "Some words.", "--title", title,
                                    "--tag", tag, "--json", NULL);

  return json_object_get_int_member (json_node_get_object (
                                       co_test_cli_assert_json (result, CO_CLI_EXIT_OK)), "id");
}

static JsonObject *
suggestion_at (JsonObject *root,
               guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, "suggestions"),
                                        index);
}

/* JSON: who answered and why offline, and each suggestion in full. */
static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 lake = add_note (fixture, "Drone shots over the lake", "drone");
  g_autofree char *lake_text = g_strdup_printf ("%" G_GINT64_FORMAT, lake);
  g_autoptr(CoCliRun) result = NULL;
  JsonObject *root, *first;

  add_note (fixture, "Studio lighting", "lights");
  result = run (fixture, "ideas", "generate", "--from", lake_text, "--platform", "instagram",
                "--count", "3", "--json", NULL);
  root = json_node_get_object (co_test_cli_assert_json (result, CO_CLI_EXIT_OK));
  g_assert_cmpstr (json_object_get_string_member (root, "generator"), ==, "offline");
  g_assert_nonnull (json_object_get_string_member (root, "fallback_reason"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "suggestions")),
                    ==, 3);
  first = suggestion_at (root, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (first, "title"), "Drone shots"));
  g_assert_nonnull (json_object_get_string_member (first, "hook"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "outline")), >,
                    2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "edits")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "hashtags")), >,
                    0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "hashtags")), <=,
                    5);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (first, "sources"),
                                               0), ==, lake);
  g_assert_true (json_object_get_null_member (first, "duplicate_of"));
  g_assert_true (json_object_get_null_member (first, "duplicate_reason"));
}

/* Text: the ideas stream in, then the list says who answered. */
static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CoCliRun) result = NULL;
  const char *streamed, *summary;

  add_note (fixture, "Drone shots over the lake", "drone");
  result = run (fixture, "ideas", "generate", "--count", "2", NULL);
  co_test_cli_assert_exit (result, CO_CLI_EXIT_OK);
  streamed = strstr (result->out, "Hook: ");
  summary = strstr (result->out, "Made by the offline generator: ");
  g_assert_nonnull (streamed);
  g_assert_nonnull (summary);
  g_assert_true (streamed < summary);
  g_assert_nonnull (strstr (summary, "\n2. "));
}

/* Saved suggestions are flagged when they come again; a saved idea
 * refines into a draft. */
static void
test_save_and_refine (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CoCliRun) saved = NULL, again = NULL, refined = NULL, missing = NULL;
  g_autofree char *idea_text = NULL;
  JsonObject *root;
  gint64 idea, draft;

  add_note (fixture, "Drone shots over the lake", "drone");
  saved = run (fixture, "ideas", "generate", "--count", "2", "--save", "--json", NULL);
  root = json_node_get_object (co_test_cli_assert_json (saved, CO_CLI_EXIT_OK));
  idea = json_object_get_int_member (suggestion_at (root, 0), "idea_id");
  g_assert_cmpint (idea, >, 0);

  again = run (fixture, "ideas", "generate", "--count", "2", "--json", NULL);
  root = json_node_get_object (co_test_cli_assert_json (again, CO_CLI_EXIT_OK));
  g_assert_cmpint (json_object_get_int_member (suggestion_at (root, 0), "duplicate_of"), ==,
                   idea);
  g_assert_nonnull (strstr (json_object_get_string_member (suggestion_at (root, 0),
                                                           "duplicate_reason"),
                            "shares 100 % of its words with idea"));

  idea_text = g_strdup_printf ("%" G_GINT64_FORMAT, idea);
  refined = run (fixture, "ideas", "refine", idea_text, "--platform", "x", "--json", NULL);
  root = json_node_get_object (co_test_cli_assert_json (refined, CO_CLI_EXIT_OK));
  draft = json_object_get_int_member (root, "draft_id");
  g_assert_cmpint (draft, >, 0);
  missing = run (fixture, "ideas", "refine", "9999", NULL);
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (missing, "9999");
}

/* Bad input is refused, naming it. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 trashed = add_note (fixture, "Old plan", "old");
  g_autofree char *trashed_text = g_strdup_printf ("%" G_GINT64_FORMAT, trashed);
  g_autoptr(CoCliRun) trash = run (fixture, "vault", "trash", trashed_text, NULL);
  g_autoptr(CoCliRun) from_trash = NULL, platform = NULL, count = NULL, id = NULL;

  co_test_cli_assert_exit (trash, CO_CLI_EXIT_OK);
  from_trash = run (fixture, "ideas", "generate", "--from", trashed_text, NULL);
  co_test_cli_assert_exit (from_trash, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (from_trash, trashed_text);
  platform = run (fixture, "ideas", "generate", "--platform", "myspace", NULL);
  co_test_cli_assert_error_names (platform, "myspace");
  g_assert_cmpint (platform->status, !=, CO_CLI_EXIT_OK);
  count = run (fixture, "ideas", "generate", "--count", "21", NULL);
  co_test_cli_assert_exit (count, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (count, "21");
  id = run (fixture, "ideas", "generate", "--from", "abc", NULL);
  co_test_cli_assert_exit (id, CO_CLI_EXIT_USAGE);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/ideas/generate/json", test_json);
  ADD ("/cli/ideas/generate/text", test_text);
  ADD ("/cli/ideas/generate/save-and-refine", test_save_and_refine);
  ADD ("/cli/ideas/generate/bad-input", test_bad_input);
#undef ADD

  return g_test_run ();
}
