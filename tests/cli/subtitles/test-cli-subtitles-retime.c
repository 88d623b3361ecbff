/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/* subtitles retime, run as a script would: the three re-timings, the
 * formats and outputs, and every kind of bad input named in the error. */

#define SRT "1\n00:00:01,000 --> 00:00:02,000\nFirst line\n\n" \
            "2\n00:00:03,000 --> 00:00:04,500\nSecond line\n"

typedef struct
{
  char *dir;
  char *data_dir;
  char *srt;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli-retime");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
  fixture->srt = co_test_write_file (fixture->dir, "talk.srt", SRT, -1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->data_dir);
  g_free (fixture->srt);
}

#define run(fixture, ...) co_test_cli_run_in ((fixture)->data_dir, NULL, __VA_ARGS__)

/* The start and end of cue @index in a --json result, in milliseconds. */
static void
assert_cue (JsonNode *root,
            guint     index,
            gint64    start_ms,
            gint64    end_ms)
{
  JsonArray *cues = json_object_get_array_member (json_node_get_object (root), "cues");
  JsonObject *cue = json_array_get_object_element (cues, index);

  g_assert_cmpint ((gint64) (json_object_get_double_member (cue, "start") * 1000 + 0.5), ==,
                   start_ms);
  g_assert_cmpint ((gint64) (json_object_get_double_member (cue, "end") * 1000 + 0.5), ==, end_ms);
}

static void
test_shift (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoCliRun) later = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "+1.5",
                                   "--json", NULL);
  g_autoptr(CoCliRun) text = run (fixture, "subtitles", "retime", fixture->srt, "--shift",
                                  "-0:00:00.250", NULL);
  JsonNode *root = co_test_cli_assert_json (later, CO_CLI_EXIT_OK);
  JsonObject *object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (object, "retime"), ==, "shift");
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "srt");
  g_assert_true (json_object_get_null_member (object, "output"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "cues")), ==, 2);
  assert_cue (root, 0, 2500, 3500);
  assert_cue (root, 1, 4500, 6000);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (object, "cues"),
                                                    1), "text"), ==, "Second line");
  /* Without --json the re-timed file is printed, in the input's format. */
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "00:00:00,750 --> 00:00:01,750\nFirst line"));
  g_assert_nonnull (strstr (text->out, "00:00:02,750 --> 00:00:04,250\nSecond line"));
}

static void
test_map (Fixture       *fixture,
          gconstpointer  data)
{
  /* 1 s goes to 2 s and 3 s to 5 s: t' = 2 + 1.5 (t - 1). */
  g_autoptr(CoCliRun) mapped = run (fixture, "subtitles", "retime", fixture->srt, "--map", "1=2",
                                    "--map", "0:00:03=0:00:05.000", "--json", NULL);
  JsonNode *root = co_test_cli_assert_json (mapped, CO_CLI_EXIT_OK);

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "retime"), ==,
                   "map");
  assert_cue (root, 0, 2000, 3500);
  assert_cue (root, 1, 5000, 7250);
}

static void
test_conform (Fixture       *fixture,
              gconstpointer  data)
{
  /* A 25 fps master played at 23.976: every time × 25 × 1001 / 24000. */
  g_autoptr(CoCliRun) slower = run (fixture, "subtitles", "retime", fixture->srt, "--conform",
                                    "25=23.976", "--json", NULL);
  g_autoptr(CoCliRun) back = run (fixture, "subtitles", "retime", fixture->srt, "--conform",
                                  "30000/1001=25", "--json", NULL);
  JsonNode *root = co_test_cli_assert_json (slower, CO_CLI_EXIT_OK);

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "retime"), ==,
                   "conform");
  assert_cue (root, 0, 1042, 2085);
  assert_cue (root, 1, 3128, 4692);
  /* Frames timed at 29.97 that play at 25 take longer. */
  assert_cue (co_test_cli_assert_json (back, CO_CLI_EXIT_OK), 0, 1198, 2397);
}

static void
test_output (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *vtt = g_build_filename (fixture->dir, "talk later.vtt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CoCliRun) wrote = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "2",
                                   "-o", vtt, NULL);
  g_autoptr(CoCliRun) again = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "3",
                                   "-o", vtt, NULL);
  g_autoptr(CoCliRun) forced = NULL;
  g_autoptr(CoCliRun) json = NULL;

  co_test_cli_assert_exit (wrote, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (wrote->out, "talk later.vtt"));
  g_assert_true (g_file_get_contents (vtt, &contents, NULL, NULL));
  /* OUT's extension chooses WebVTT. */
  g_assert_true (g_str_has_prefix (contents, "WEBVTT\n\n00:00:03.000 --> 00:00:04.000\n"));
  /* An existing output is kept without --force. */
  co_test_cli_assert_exit (again, CO_CLI_EXIT_EXISTS);
  co_test_cli_assert_error_names (again, "talk later.vtt");
  forced = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "3", "-o", vtt, "--force",
                "--format", "srt", NULL);
  co_test_cli_assert_exit (forced, CO_CLI_EXIT_OK);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (vtt, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "1\n00:00:04,000 --> 00:00:05,000\n"));
  json = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "1", "-o", vtt, "--force",
              "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (
                     json_node_get_object (co_test_cli_assert_json (json, CO_CLI_EXIT_OK)),
                     "output"), ==, vtt);
}

/* A time or rate that cannot be read, or a file that cannot, is invalid
 * input (4) named in the error; a missing file is not found (3). */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.srt", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "gone.srt", NULL);
  g_autofree char *broken = co_test_write_file (fixture->dir, "broken.srt",
                                                "1\n00:00:01,000 -> 00:00:02,000\nBad arrow\n", -1);
  g_autoptr(CoCliRun) time = NULL, rate = NULL, gone = NULL, dir = NULL, malformed = NULL;
  g_autoptr(CoCliRun) map_time = NULL, order = NULL;

  g_assert_no_errno (g_mkdir (folder, 0700));
  time = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "1:2", NULL);
  co_test_cli_assert_exit (time, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (time, "“1:2”");
  rate = run (fixture, "subtitles", "retime", fixture->srt, "--conform", "25=26.5x", "--json",
              NULL);
  co_test_cli_assert_exit (rate, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (rate, "“26.5x”");
  map_time = run (fixture, "subtitles", "retime", fixture->srt, "--map", "1=2", "--map", "x=5",
                  NULL);
  co_test_cli_assert_exit (map_time, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (map_time, "“x”");
  order = run (fixture, "subtitles", "retime", fixture->srt, "--map", "3=2", "--map", "1=5", NULL);
  co_test_cli_assert_exit (order, CO_CLI_EXIT_INVALID);
  gone = run (fixture, "subtitles", "retime", missing, "--shift", "1", NULL);
  co_test_cli_assert_exit (gone, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (gone, "gone.srt");
  dir = run (fixture, "subtitles", "retime", folder, "--shift", "1", NULL);
  co_test_cli_assert_exit (dir, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (dir, "folder.srt");
  malformed = run (fixture, "subtitles", "retime", broken, "--shift", "1", NULL);
  co_test_cli_assert_exit (malformed, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (malformed, "broken.srt");
}

/* A cue pushed before zero fails the whole run and writes nothing. */
static void
test_before_zero (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "early.srt", NULL);
  g_autoptr(CoCliRun) early = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "-1.5",
                                   "-o", out, NULL);

  co_test_cli_assert_exit (early, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (early->err, "Cue 1"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoCliRun) none = run (fixture, "subtitles", "retime", fixture->srt, NULL);
  g_autoptr(CoCliRun) two = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "1",
                                 "--conform", "25=24", NULL);
  g_autoptr(CoCliRun) once = run (fixture, "subtitles", "retime", fixture->srt, "--map", "1=2",
                                  NULL);
  g_autoptr(CoCliRun) pair = run (fixture, "subtitles", "retime", fixture->srt, "--conform", "25",
                                  NULL);
  g_autoptr(CoCliRun) no_file = run (fixture, "subtitles", "retime", "--shift", "1", NULL);
  g_autoptr(CoCliRun) format = run (fixture, "subtitles", "retime", fixture->srt, "--shift", "1",
                                    "--format", "ass", NULL);

  co_test_cli_assert_exit (none, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_exit (two, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_exit (once, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_exit (pair, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (pair, "“25”");
  co_test_cli_assert_exit (no_file, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_exit (format, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (format, "“ass”");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/subtitles/retime/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("shift", test_shift);
  ADD ("map", test_map);
  ADD ("conform", test_conform);
  ADD ("output", test_output);
  ADD ("bad-input", test_bad_input);
  ADD ("before-zero", test_before_zero);
  ADD ("usage", test_usage);
#undef ADD
  return g_test_run ();
}
