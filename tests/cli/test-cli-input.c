/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-media.h"
#include "co-test-util.h"

/*
 * Hostile input as a script or a person hands it to the command line
 * (issue 11): file names that hold newlines and escape sequences, subtitle
 * "files" that are folders, pipes or devices, cut media, long titles.  Each
 * runs the built creatorops-cli and checks what the terminal and a script
 * would see.
 */

/* A name that, printed raw, would end the line and turn the terminal red. */
#define EVIL_NAME "evil\nline\x1b[31mred.png"

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli-input");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

static CoCliRun *
cli (Fixture    *fixture,
     const char *first,
     ...) G_GNUC_NULL_TERMINATED;

static CoCliRun *
cli (Fixture    *fixture,
     const char *first,
     ...)
{
  CoCliOptions options = { fixture->data_dir, FALSE, NULL, NULL };
  CoCliRun *run;
  va_list list;

  va_start (list, first);
  run = co_test_cli_runv (&options, NULL, first, list);
  va_end (list);
  return run;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Nothing a terminal would act on: no escape, no bell, no carriage return. */
static void
assert_no_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x20 && *p != '\n')
        g_error ("control character 0x%02x in the output: %s", (guchar)*p, text);
    }
}

static void
test_escaped_names (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, EVIL_NAME, 32, 24,
                                                   CO_TEST_PATTERN_CHECKER);
  g_autofree char *gone = g_build_filename (fixture->dir, "gone\x1b]0;owned\x07.png", NULL);
  g_autoptr(CoCliRun) import = cli (fixture, "vault", "import", path, NULL);
  g_autoptr(CoCliRun) list = cli (fixture, "vault", "list", NULL);
  g_autoptr(CoCliRun) show = cli (fixture, "vault", "show", "1", NULL);
  g_autoptr(CoCliRun) json = cli (fixture, "vault", "list", "--json", NULL);
  g_autoptr(CoCliRun) missing = cli (fixture, "vault", "import", gone, NULL);
  JsonArray *items;

  co_test_cli_assert_exit (import, CO_CLI_EXIT_OK);
  g_assert_cmpuint (count_lines (import->out), ==, 1);
  g_assert_nonnull (strstr (import->out, "evil\\nline\\x1b[31mred.png"));
  assert_no_controls (import->out);

  co_test_cli_assert_exit (list, CO_CLI_EXIT_OK);
  g_assert_cmpuint (count_lines (list->out), ==, 2);
  assert_no_controls (list->out);
  co_test_cli_assert_exit (show, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (show->out, "evil\\nline\\x1b[31mred.png"));
  assert_no_controls (show->out);

  /* JSON is escaped by its writer and keeps the real name. */
  items = json_node_get_array (co_test_cli_assert_json (json, CO_CLI_EXIT_OK));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "title"), ==, EVIL_NAME);

  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
  g_assert_nonnull (strstr (missing->err, "gone\\x1b]0;owned\\x07.png"));
  assert_no_controls (missing->err);
}

/* Issue 11: titles over the table's width leaked their first part (seen
 * under ASan, where the leak fails the run). */
static void
test_long_title (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *title = g_strnfill (60, 'w');
  g_autoptr(CoCliRun) note = cli (fixture, "vault", "note", "A note with a long title",
                                  "--title", title, NULL);
  g_autoptr(CoCliRun) list = cli (fixture, "vault", "list", NULL);
  g_autoptr(CoCliRun) search = cli (fixture, "vault", "search", "note", NULL);
  g_autofree char *cut = g_strnfill (47, 'w');

  co_test_cli_assert_exit (note, CO_CLI_EXIT_OK);
  co_test_cli_assert_exit (list, CO_CLI_EXIT_OK);
  co_test_cli_assert_exit (search, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (list->out, cut));
  g_assert_nonnull (strstr (list->out, "…"));
  g_assert_null (strstr (list->out, title));
  g_assert_nonnull (strstr (search->out, "…"));
}

static void
assert_check_refused (Fixture    *fixture,
                      const char *path,
                      const char *words)
{
  g_autoptr(CoCliRun) run = cli (fixture, "subtitles", "check", path, NULL);
  g_autoptr(CoCliRun) json = cli (fixture, "subtitles", "check", path, "--json", NULL);
  JsonObject *error;

  co_test_cli_assert_exit (run, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (run, path);
  g_assert_nonnull (strstr (run->err, words));
  /* The suggestion is about the input, never "the destination". */
  g_assert_null (strstr (run->err, "destination"));
  error = json_object_get_object_member (
    json_node_get_object (co_test_cli_assert_json (json, CO_CLI_EXIT_INVALID)), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, "co-file-error-quark");
}

/* Issue 11: `subtitles check` hung on a pipe, read /dev/zero without end,
 * and told a person who gave it a folder to check the destination. */
static void
test_check_not_a_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "subs", NULL);
  g_autofree char *fifo = g_build_filename (fixture->dir, "live.srt", NULL);
  g_autofree char *zero = g_build_filename (fixture->dir, "zero.vtt", NULL);

  g_assert_no_errno (g_mkdir (folder, 0700));
  g_assert_no_errno (mkfifo (fifo, 0600));
  g_assert_no_errno (symlink ("/dev/zero", zero));
  assert_check_refused (fixture, folder, "is a folder");
  assert_check_refused (fixture, fifo, "is a pipe");
  assert_check_refused (fixture, zero, "is a device");
}

/* Issue 11: 10 % of a Matroska file exported an EDL with the header's
 * length.  The input is refused as cut, and nothing is written. */
static void
test_export_cut_media (Fixture       *fixture,
                       gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MKV, .duration = 3, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_NOISE };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "tenth.mkv", &spec);
  g_autofree char *edl = g_build_filename (fixture->dir, "tenth.edl", NULL);
  g_autoptr(CoCliRun) run = NULL;

  co_test_media_truncate (path, 0.1);
  run = cli (fixture, "export", "edl", path, "-o", edl, NULL);
  co_test_cli_assert_exit (run, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (run, "tenth.mkv");
  g_assert_nonnull (strstr (run->err, "truncated"));
  g_assert_false (g_file_test (edl, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/input/escaped-names", test_escaped_names);
  ADD ("/cli/input/long-title", test_long_title);
  ADD ("/cli/input/check-not-a-file", test_check_not_a_file);
  ADD ("/cli/input/export-cut-media", test_export_cut_media);

#undef ADD

  return g_test_run ();
}
