/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "co-cli-error.h"
#include "co-cli-exit.h"
#include "co-json-write.h"
#include "co-test-cli.h"
#include "co-test-media.h"
#include "co-test-espeak.h"
#include "co-test-speech.h"
#include "co-test-util.h"

/*
 * These tests run the built creatorops-cli (CO_CLI_PATH) on media generated
 * here with planted truth: silences and scene cuts at known times, speech
 * from espeak-ng at known times.  They check what a script sees: exit
 * codes, JSON on standard output, files that parse back.
 */

#define FPS 25
#define PADDING 0.1

/* Planted silences; the 0.25 s one is below the 0.3 s minimum. */
static const double gaps[][2] = { { 1.0, 1.5 }, { 2.6, 3.4 }, { 4.2, 4.45 } };
#define N_FOUND_GAPS 2
static const guint cuts[] = { 40, 110 };

static const char * const sentences[] = {
  "The quick brown fox jumps over the lazy dog.",
  "Please call me back when you get home tonight.",
};
#define SPEECH_LEAD 0.5
#define SPEECH_GAP 1.2

static struct
{
  char   *dir;
  char   *talk;        /* talk.mp4: speech-like sound with gaps, video with cuts */
  char   *tone;        /* tone.wav: no silence at all */
  char   *clip;        /* clip.mp4: 1 s of 160×120 at 15 fps, for transcodes */
  char   *text;        /* notes.mp4: text with a media name */
  char   *speech;      /* speech.wav: espeak-ng sentences, or NULL */
  CoTestSpan spoken[G_N_ELEMENTS (sentences)];
} media;

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void make_media (void);
static guint count_lines_with (const char *path,
                               const char *needle);

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* GStreamer starts inside the first test, where the isolated folders
   * already exist (see co_test_media_init()); the media are made once. */
  if (media.dir == NULL)
    make_media ();
  fixture->dir = co_test_make_temp_dir ("cli-media");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

/* Runs the CLI with the fixture's library, in the fixture's folder; @env is
 * "NAME=value" or NULL. */
static CoCliRun *
cli_env_v (Fixture    *fixture,
           const char *env,
           const char *first,
           va_list     list)
{
  CoCliOptions options = { fixture->data_dir, FALSE, fixture->dir, env };

  return co_test_cli_runv (&options, NULL, first, list);
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
  CoCliRun *run;
  va_list list;

  va_start (list, first);
  run = cli_env_v (fixture, NULL, first, list);
  va_end (list);
  return run;
}

static CoCliRun *
cli_env (Fixture    *fixture,
         const char *env,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static CoCliRun *
cli_env (Fixture    *fixture,
         const char *env,
         const char *first,
         ...)
{
  CoCliRun *run;
  va_list list;

  va_start (list, first);
  run = cli_env_v (fixture, env, first, list);
  va_end (list);
  return run;
}

static JsonObject *
assert_json_object (CoCliRun *run,
                    int       expected)
{
  JsonNode *node = co_test_cli_assert_json (run, expected);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static gboolean
is_ms (double value)
{
  return fabs (value * 1000 - round (value * 1000)) < 1e-6;
}

/* Help */

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  const char *commands[][3] = {
    { "analyze", "--threshold-db", NULL }, { "export", "--cut-silences", NULL },
    { "transcode", "--to", NULL }, { "subtitles", "--max-chars", NULL },
    { "subtitles", "check", "--fps" },
  };
  g_autoptr(CoCliRun) top = cli (fixture, "--help", NULL);

  co_test_cli_assert_exit (top, CO_CLI_EXIT_OK);
  /* Each media command takes a vault item's id as well as a file. */
  g_assert_nonnull (strstr (top->out, "analyze FILE|ID…"));
  g_assert_nonnull (strstr (top->out, "subtitles FILE|ID"));
  g_assert_nonnull (strstr (top->out, "subtitles check"));
  g_assert_nonnull (strstr (top->out, "export FORMAT FILE|ID…"));
  g_assert_nonnull (strstr (top->out, "transcode FILE|ID…"));
  g_assert_nonnull (strstr (top->out, "\n  8    "));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      gboolean sub = commands[i][2] != NULL;
      g_autoptr(CoCliRun) run = sub ? cli (fixture, commands[i][0], commands[i][1], "--help", NULL)
                                  : cli (fixture, commands[i][0], "--help", NULL);

      co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
      g_assert_nonnull (strstr (run->out, sub ? commands[i][2] : commands[i][1]));
      g_assert_nonnull (strstr (run->out, "Exit status"));
    }
}

/* Analyze */

static void
assert_planted_silences (JsonObject *result)
{
  JsonArray *silences = json_object_get_array_member (result, "silences");

  g_assert_cmpuint (json_array_get_length (silences), ==, N_FOUND_GAPS);
  for (guint i = 0; i < N_FOUND_GAPS; i++)
    {
      JsonObject *s = json_array_get_object_element (silences, i);
      double start = json_object_get_double_member (s, "start");
      double end = json_object_get_double_member (s, "end");

      g_test_message ("silence %.3f–%.3f, planted %.3f–%.3f", start, end, gaps[i][0],
                      gaps[i][1]);
      g_assert_cmpfloat (fabs (start - gaps[i][0]), <=, 0.012);
      g_assert_cmpfloat (fabs (end - gaps[i][1]), <=, 0.012);
      g_assert_true (is_ms (start) && is_ms (end));
    }
}

static void
assert_planted_scenes (JsonObject *result)
{
  JsonArray *scenes = json_object_get_array_member (result, "scenes");

  g_assert_cmpuint (json_array_get_length (scenes), ==, G_N_ELEMENTS (cuts));
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      JsonObject *s = json_array_get_object_element (scenes, i);
      double time = json_object_get_double_member (s, "time");

      g_assert_cmpfloat (fabs (time - (double) cuts[i] / FPS), <, 0.5 / FPS);
      g_assert_cmpfloat (json_object_get_double_member (s, "score"), >, 0.0);
    }
}

static void
assert_edit_points (JsonObject *result)
{
  JsonArray *points = json_object_get_array_member (result, "edit_points");
  guint cut_out = 0, cut_in = 0, scenes = 0;

  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonObject *p = json_array_get_object_element (points, i);
      const char *kind = json_object_get_string_member (p, "kind");
      double time = json_object_get_double_member (p, "time");

      g_assert_true (is_ms (time));
      g_assert_cmpstr (json_object_get_string_member (p, "reason"), !=, "");
      cut_out += g_str_equal (kind, "cut-out");
      cut_in += g_str_equal (kind, "cut-in");
      scenes += g_str_equal (kind, "scene");
      /* A cut keeps the padding inside the planted gap. */
      if (g_str_equal (kind, "cut-out"))
        g_assert_cmpfloat (fabs (time - (gaps[cut_out - 1][0] + PADDING)), <=, 0.012);
    }
  g_assert_cmpuint (cut_out, ==, N_FOUND_GAPS);
  g_assert_cmpuint (cut_in, ==, N_FOUND_GAPS);
  g_assert_cmpuint (scenes, ==, G_N_ELEMENTS (cuts));
}

static void
test_analyze_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "analyze", media.talk, "--scenes", "--json", NULL);
  JsonObject *result = assert_json_object (run, CO_CLI_EXIT_OK);
  JsonObject *loudness = json_object_get_object_member (result, "loudness");
  const char *fields[] = { "file", "duration", "sample_rate", "channels", "loudness",
                           "silences", "scenes", "edit_points" };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (result, fields[i]));
  g_assert_cmpstr (json_object_get_string_member (result, "file"), ==, media.talk);
  g_assert_cmpfloat (fabs (json_object_get_double_member (result, "duration") - 6.0), <, 0.05);
  g_assert_cmpint (json_object_get_int_member (result, "sample_rate"), ==, 48000);
  g_assert_cmpint (json_object_get_int_member (result, "channels"), ==, 2);
  /* The syllables sit between −16 and −6 dBFS. */
  g_assert_cmpfloat (json_object_get_double_member (loudness, "integrated_lufs"), <, -5);
  g_assert_cmpfloat (json_object_get_double_member (loudness, "integrated_lufs"), >, -30);
  g_assert_true (json_object_has_member (loudness, "range_lu"));
  g_assert_cmpfloat (json_object_get_double_member (loudness, "true_peak_dbtp"), <, 0);
  assert_planted_silences (result);
  assert_planted_scenes (result);
  assert_edit_points (result);
  /* Numbers are written short: a time never shows float noise. */
  g_assert_null (strstr (run->out, "99999"));
  g_assert_null (strstr (run->out, "00000000"));
}

static gint64
result_rowid (Fixture    *fixture,
              const char *kind)
{
  g_autofree char *db_path = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT max(rowid), count(*) FROM results"
                                          " WHERE kind = '%s'", kind);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 rowid;
  GDir *dir = g_dir_open (fixture->data_dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL && db_path == NULL)
    if (g_str_has_suffix (name, ".db") || g_str_has_suffix (name, ".sqlite"))
      db_path = g_build_filename (fixture->data_dir, name, NULL);
  g_dir_close (dir);
  g_assert_nonnull (db_path);
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rowid;
}

/* The second run reads the kept analysis: the same output, and the kept
 * row was not written again (a new analysis replaces the row, which gives
 * it a new rowid). */
static void
test_analyze_cached (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CoCliRun) first = cli (fixture, "analyze", media.talk, "--json", NULL);
  g_autoptr(CoCliRun) second = NULL;
  g_autoptr(CoCliRun) text = NULL;
  g_autoptr(CoCliRun) first_text = NULL;
  g_autoptr(CoCliRun) other = NULL;
  gint64 rowid;

  co_test_cli_assert_exit (first, CO_CLI_EXIT_OK);
  rowid = result_rowid (fixture, "analysis");
  second = cli (fixture, "analyze", media.talk, "--json", NULL);
  co_test_cli_assert_exit (second, CO_CLI_EXIT_OK);
  g_assert_cmpstr (first->out, ==, second->out);
  g_assert_cmpint (result_rowid (fixture, "analysis"), ==, rowid);

  text = cli (fixture, "analyze", media.talk, NULL);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "kept from an earlier run"));
  /* Other options are another analysis. */
  first_text = cli (fixture, "analyze", media.talk, "--padding", "0.05", NULL);
  co_test_cli_assert_exit (first_text, CO_CLI_EXIT_OK);
  g_assert_null (strstr (first_text->out, "kept from an earlier run"));
  g_assert_nonnull (strstr (first_text->out, "LUFS"));
  g_assert_nonnull (strstr (first_text->out, "cut-out"));

  other = cli (fixture, "analyze", media.talk, "--padding", "0.05", "--json", NULL);
  g_assert_cmpstr (other->out, !=, first->out);
}

static void
test_analyze_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "analyze", media.talk, NULL);

  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (run->out, "Loudness:"));
  g_assert_nonnull (strstr (run->out, "2 silences"));
  /* About 1.1 s at 25 fps: the cut-out of the first gap, as a timecode. */
  g_assert_true (strstr (run->out, "00:00:01:02") != NULL ||
                 strstr (run->out, "00:00:01:03") != NULL);
  g_assert_nonnull (strstr (run->out, "cut-out"));
  /* Progress goes to standard error, and only on a terminal. */
  g_assert_null (strstr (run->out, "%"));
  g_assert_null (strstr (run->err, "Analysing"));
  g_assert_null (strstr (run->err, "\r"));
}

/* A batch's results are printed as each file is done, laid out exactly as
 * the whole document would be at once. */
static void
assert_laid_out (CoCliRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) tree = json_from_string (run->out, &error);
  CoJsonWriter *writer = co_json_writer_new_string (TRUE);
  g_autofree char *whole = NULL, *line = NULL;

  g_assert_no_error (error);
  co_json_writer_node (writer, tree);
  whole = co_json_writer_free_to_string (writer);
  line = g_strconcat (whole, "\n", NULL);
  g_assert_cmpstr (run->out, ==, line);
}

static void
test_analyze_batch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "gone.mp4", NULL);
  g_autoptr(CoCliRun) both = cli (fixture, "analyze", media.talk, media.tone, "--json", NULL);
  g_autoptr(CoCliRun) partial = cli (fixture, "analyze", media.tone, missing, "--json", NULL);
  JsonArray *results;
  JsonObject *failed;

  results = json_node_get_array (co_test_cli_assert_json (both, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1),
                                                  "file"), ==, media.tone);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (results, 1), "silences")), ==, 0);

  results = json_node_get_array (co_test_cli_assert_json (partial, CO_CLI_EXIT_PARTIAL));
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  failed = json_array_get_object_element (results, 1);
  g_assert_cmpstr (json_object_get_string_member (failed, "file"), ==, missing);
  g_assert_nonnull (json_object_get_object_member (failed, "error"));
  co_test_cli_assert_error_names (partial, "gone.mp4");
  assert_laid_out (both);
  assert_laid_out (partial);
}

static void
test_analyze_options (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CoCliRun) pauses = cli (fixture, "analyze", media.talk, "--keep-pauses-over", "0.7",
                                    "--json", NULL);
  g_autoptr(CoCliRun) bad = cli (fixture, "analyze", media.talk, "--min-silence", "0", NULL);
  g_autoptr(CoCliRun) word = cli (fixture, "analyze", media.talk, "--padding", "lots", NULL);
  JsonArray *points;
  guint n_pauses = 0, n_cuts = 0;

  points = json_object_get_array_member (assert_json_object (pauses, CO_CLI_EXIT_OK),
                                         "edit_points");
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      const char *kind = json_object_get_string_member (json_array_get_object_element (points, i),
                                                        "kind");
      n_pauses += g_str_equal (kind, "pause");
      n_cuts += g_str_equal (kind, "cut-out");
    }
  /* The 0.8 s gap is kept as a pause; the 0.5 s one is still a cut. */
  g_assert_cmpuint (n_pauses, ==, 1);
  g_assert_cmpuint (n_cuts, ==, 1);

  co_test_cli_assert_exit (bad, CO_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (bad->err, "--min-silence"));
  co_test_cli_assert_exit (word, CO_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (word->err, "lots"));
}

static void
test_analyze_import (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "analyze", media.tone, "--import", "--json", NULL);
  g_autoptr(CoCliRun) list = NULL;
  JsonObject *result = assert_json_object (run, CO_CLI_EXIT_OK);
  gint64 id = json_object_get_int_member (result, "item_id");
  JsonArray *items;

  g_assert_cmpint (id, >, 0);
  list = cli (fixture, "vault", "list", "--json", NULL);
  items = json_node_get_array (co_test_cli_assert_json (list, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"),
                   ==, id);
}

static void
test_analyze_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "gone.mp4", NULL);
  g_autoptr(CoCliRun) none = cli (fixture, "analyze", missing, NULL);
  g_autoptr(CoCliRun) none_json = cli (fixture, "analyze", missing, "--json", NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "analyze", media.text, NULL);
  g_autoptr(CoCliRun) nothing = cli (fixture, "analyze", NULL);
  JsonObject *error;

  co_test_cli_assert_exit (none, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (none, "gone.mp4");
  g_assert_cmpstr (none->out, ==, "");
  error = json_object_get_object_member (assert_json_object (none_json, CO_CLI_EXIT_NOT_FOUND),
                                         "error");
  g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, "co-media-error-quark");
  co_test_cli_assert_exit (text, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (text, "notes.mp4");
  co_test_cli_assert_exit (nothing, CO_CLI_EXIT_USAGE);
}

/* Paths relative to the working folder work like absolute ones (the
 * probe builds URIs, which must be absolute). */
static void
test_relative_paths (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) source = g_file_new_for_path (media.tone);
  g_autofree char *copy_path = g_build_filename (fixture->dir, "tone.wav", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autofree char *edl = g_build_filename (fixture->dir, "tone.edl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoCliRun) analyze = NULL;
  g_autoptr(CoCliRun) export = NULL;

  g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  analyze = cli (fixture, "analyze", "tone.wav", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (assert_json_object (analyze, 0), "file"), ==,
                   "tone.wav");
  export = cli (fixture, "export", "edl", "tone.wav", "-o", "tone.edl", NULL);
  co_test_cli_assert_exit (export, CO_CLI_EXIT_OK);
  g_assert_cmpuint (count_lines_with (edl, copy_path), ==, 1);
}

/* Export */

typedef struct
{
  GPtrArray *clips;     /* "id in out" of every clipitem */
  GPtrArray *comments;  /* marker comments */
  GString   *text;
  gboolean   in_marker;
  char      *clip_id;
  gint64     in;
} Xml;

static void
xml_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              data,
              GError              **error)
{
  Xml *xml = data;

  g_string_truncate (xml->text, 0);
  if (g_str_equal (element, "marker"))
    xml->in_marker = TRUE;
  if (g_str_equal (element, "clipitem"))
    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "id"))
        xml->clip_id = g_strdup (values[i]);
}

static void
xml_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              data,
            GError              **error)
{
  Xml *xml = data;

  if (g_str_equal (element, "marker"))
    xml->in_marker = FALSE;
  else if (g_str_equal (element, "comment") && xml->in_marker)
    g_ptr_array_add (xml->comments, g_strdup (xml->text->str));
  else if (g_str_equal (element, "in") && xml->clip_id != NULL)
    xml->in = g_ascii_strtoll (xml->text->str, NULL, 10);
  else if (g_str_equal (element, "out") && xml->clip_id != NULL)
    g_ptr_array_add (xml->clips, g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                                  xml->clip_id, xml->in,
                                                  g_ascii_strtoll (xml->text->str, NULL, 10)));
  else if (g_str_equal (element, "clipitem"))
    g_clear_pointer (&xml->clip_id, g_free);
}

static void
xml_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 len,
             gpointer              data,
             GError              **error)
{
  g_string_append_len (((Xml *) data)->text, text, len);
}

static void
parse_xml (const char *path,
           Xml        *xml)
{
  static const GMarkupParser parser = { xml_start_cb, xml_end_cb, xml_text_cb, NULL, NULL };
  g_autofree char *doc = read_text (path);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  xml->clips = g_ptr_array_new_with_free_func (g_free);
  xml->comments = g_ptr_array_new_with_free_func (g_free);
  xml->text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, xml, NULL);
  /* GMarkup does not read a DOCTYPE; the export writes one line of it. */
  if (strstr (doc, "<!DOCTYPE xmeml>") != NULL)
    memcpy (strstr (doc, "<!DOCTYPE xmeml>"), "<!-- DOCTYPE -->", 16);
  g_markup_parse_context_parse (context, doc, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
xml_clear (Xml *xml)
{
  g_ptr_array_unref (xml->clips);
  g_ptr_array_unref (xml->comments);
  g_string_free (xml->text, TRUE);
}

/* The video clips are the speech between the planted gaps, padding kept:
 * one frame of quantisation and the analysis's accuracy allowed. */
static void
check_premiere_clips (Xml *xml)
{
  const double kept[][2] = { { 0, gaps[0][0] + PADDING }, { gaps[0][1] - PADDING,
                                                            gaps[1][0] + PADDING },
                             { gaps[1][1] - PADDING, 6.0 } };
  guint n_video = 0;

  for (guint i = 0; i < xml->clips->len; i++)
    {
      g_auto(GStrv) fields = g_strsplit (xml->clips->pdata[i], " ", 3);
      double in = g_ascii_strtod (fields[1], NULL) / FPS;
      double out = g_ascii_strtod (fields[2], NULL) / FPS;

      if (!g_str_has_prefix (fields[0], "clipitem-v"))
        continue;
      g_test_message ("%s: %.3f–%.3f", fields[0], in, out);
      g_assert_cmpuint (n_video, <, G_N_ELEMENTS (kept));
      g_assert_cmpfloat (fabs (in - kept[n_video][0]), <=, 1.0 / FPS + 0.012);
      g_assert_cmpfloat (fabs (out - kept[n_video][1]), <=, 1.0 / FPS + 0.012);
      n_video++;
    }
  g_assert_cmpuint (n_video, ==, G_N_ELEMENTS (kept));
}

static void
test_export_premiere (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "talk & cut.xml", NULL);
  g_autoptr(CoCliRun) run = cli (fixture, "export", "premiere-xml", media.talk, "--cut-silences",
                                 "--markers", "-o", out, "--json", NULL);
  JsonObject *result = assert_json_object (run, CO_CLI_EXIT_OK);
  g_autofree char *doc = NULL;
  Xml xml = { 0 };
  guint n_scene_comments = 0;

  g_assert_cmpstr (json_object_get_string_member (result, "output"), ==, out);
  g_assert_cmpstr (json_object_get_string_member (result, "format"), ==, "premiere-xml");
  g_assert_cmpstr (json_object_get_string_member (result, "fps"), ==, "25");
  g_assert_cmpint (json_object_get_int_member (result, "clips"), ==, N_FOUND_GAPS + 1);
  /* The scene changes, and each cut that was made, at its jump. */
  g_assert_cmpint (json_object_get_int_member (result, "markers"), ==,
                   G_N_ELEMENTS (cuts) + N_FOUND_GAPS);

  parse_xml (out, &xml);
  check_premiere_clips (&xml);
  for (guint i = 0; i < xml.comments->len; i++)
    n_scene_comments += strstr (xml.comments->pdata[i], "picture changes") != NULL;
  g_assert_cmpuint (n_scene_comments, ==, G_N_ELEMENTS (cuts));
  xml_clear (&xml);
  doc = read_text (out);
  g_assert_nonnull (strstr (doc, "<pathurl>file://localhost/"));
}

static guint
count_lines_with (const char *path,
                  const char *needle)
{
  g_autofree char *text = read_text (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += strstr (lines[i], needle) != NULL;
  return n;
}

static void
test_export_formats (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *fcpxml = g_build_filename (dir, "talk.fcpxml", NULL);
  g_autofree char *edl = g_build_filename (dir, "talk.edl", NULL);
  g_autofree char *csv = g_build_filename (dir, "talk.csv", NULL);
  g_autofree char *tone_edl = g_build_filename (dir, "tone.edl", NULL);
  g_autoptr(CoCliRun) f = NULL, e = NULL, c = NULL, m = NULL;
  Xml xml = { 0 };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  f = cli (fixture, "export", "fcpxml", media.talk, "--cut-silences", "--out-dir", dir, NULL);
  co_test_cli_assert_exit (f, CO_CLI_EXIT_OK);
  parse_xml (fcpxml, &xml);
  xml_clear (&xml);
  g_assert_cmpuint (count_lines_with (fcpxml, "<asset-clip"), ==, N_FOUND_GAPS + 1);

  e = cli (fixture, "export", "edl", media.talk, media.tone, "--cut-silences", "--markers",
           "--out-dir", dir, "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (co_test_cli_assert_json (e, 0))),
                    ==, 2);
  /* An event has a "V" or "AA"-like track field and four timecodes. */
  g_assert_cmpuint (count_lines_with (edl, "* FROM CLIP NAME"), >=, N_FOUND_GAPS + 1);
  g_assert_cmpuint (count_lines_with (edl, "LOC:"), ==, G_N_ELEMENTS (cuts) + N_FOUND_GAPS);
  g_assert_cmpuint (count_lines_with (tone_edl, "* FROM CLIP NAME"), >=, 1);

  c = cli (fixture, "export", "audition-csv", media.talk, "--markers", "--out-dir", dir, NULL);
  co_test_cli_assert_exit (c, CO_CLI_EXIT_OK);
  /* A header and one row per marker: two scenes and two suggested cuts. */
  g_assert_cmpuint (count_lines_with (csv, "\t"), ==, 1 + G_N_ELEMENTS (cuts) + N_FOUND_GAPS);

  m = cli (fixture, "export", "premiere-markers", media.talk, "--markers", "-o", "-", NULL);
  co_test_cli_assert_exit (m, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (m->out, "<xmeml version=\"4\">"));
  g_assert_nonnull (strstr (m->out, "<marker>"));
}

static void
test_export_fps (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "export", "edl", media.talk, "--cut-silences", "--fps",
                                 "29.97", "-o", "talk.edl", "--json", NULL);
  JsonObject *result = assert_json_object (run, CO_CLI_EXIT_OK);
  g_autofree char *path = g_build_filename (fixture->dir, "talk.edl", NULL);
  g_autofree char *doc = NULL;

  g_assert_cmpstr (json_object_get_string_member (result, "fps"), ==, "29.97");
  g_assert_true (json_object_get_boolean_member (result, "drop_frame"));
  doc = read_text (path);
  g_assert_nonnull (strstr (doc, "FCM: DROP FRAME"));
  g_assert_nonnull (strstr (doc, ";"));
}

static void
test_export_exists (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out = co_test_write_file (fixture->dir, "talk.xml", "keep me", -1);
  g_autoptr(CoCliRun) refused = cli (fixture, "export", "premiere-xml", media.talk, "-o", out,
                                     NULL);
  g_autoptr(CoCliRun) refused_json = cli (fixture, "export", "premiere-xml", media.talk, "-o", out,
                                          "--json", NULL);
  g_autoptr(CoCliRun) forced = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *replaced = NULL;
  JsonObject *error;

  co_test_cli_assert_exit (refused, CO_CLI_EXIT_EXISTS);
  co_test_cli_assert_error_names (refused, "talk.xml");
  g_assert_nonnull (strstr (refused->err, "--force"));
  error = json_object_get_object_member (assert_json_object (refused_json, CO_CLI_EXIT_EXISTS),
                                         "error");
  /* The command line refuses it itself, before any work: its own error. */
  g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, "co-cli-error-quark");
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, CO_CLI_ERROR_EXISTS);
  kept = read_text (out);
  g_assert_cmpstr (kept, ==, "keep me");

  forced = cli (fixture, "export", "premiere-xml", media.talk, "-o", out, "--force", NULL);
  co_test_cli_assert_exit (forced, CO_CLI_EXIT_OK);
  replaced = read_text (out);
  g_assert_true (g_str_has_prefix (replaced, "<?xml"));
}

static void
test_export_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  struct
  {
    const char *args[8];
    int         exit;
    const char *named;
  } cases[] = {
    { { "export", "final-cut-7", "x.mp4", "-o", "x" }, CO_CLI_EXIT_USAGE, "final-cut-7" },
    { { "export", "edl", "x.mp4", "-o", "x", "--fps", "fast" }, CO_CLI_EXIT_USAGE, "fast" },
    { { "export", "edl", "x.mp4", "-o", "x", "--fps", "0" }, CO_CLI_EXIT_USAGE, "“0”" },
    { { "export", "edl", "a.mp4", "b.mp4", "-o", "x" }, CO_CLI_EXIT_USAGE, "--out-dir" },
    { { "export", "edl", "a.mp4" }, CO_CLI_EXIT_USAGE, "-o OUT" },
    { { "export", "edl" }, CO_CLI_EXIT_USAGE, "Missing" },
    { { "export", "edl", "a/x.mp4", "b/x.mp4", "--out-dir", "." }, CO_CLI_EXIT_USAGE, "x.edl" },
    { { "export", "edl", "a.mp4", "--out-dir", "nowhere" }, CO_CLI_EXIT_NOT_FOUND, "nowhere" },
    { { "export", "edl", "gone.mp4", "-o", "x" }, CO_CLI_EXIT_NOT_FOUND, "gone.mp4" },
    { { "transcode", "x.mp4", "--to", "prores-xq", "-o", "x" }, CO_CLI_EXIT_USAGE, "prores-xq" },
    { { "transcode", "x.mp4", "-o", "x" }, CO_CLI_EXIT_USAGE, "--to" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char **a = cases[i].args;
      g_autoptr(CoCliRun) run = cli (fixture, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, run->err);
      co_test_cli_assert_exit (run, cases[i].exit);
      g_assert_nonnull (strstr (run->err, cases[i].named));
    }
}

static void
test_export_not_media (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "export", "premiere-xml", media.text, "-o", "x.xml",
                                 NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "x.xml", NULL);

  co_test_cli_assert_exit (run, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (run, "notes.mp4");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Subtitles */

static gboolean
require_speech (void)
{
  if (!CO_HAVE_SPEECH)
    {
      g_test_skip ("speech to text is off in this build (-Dspeech=false)");
      return FALSE;
    }
  if (media.speech == NULL)
    {
      g_test_skip ("espeak-ng or sox could not make the test speech (see the log)");
      return FALSE;
    }
  return TRUE;
}

static void
assert_cues_follow_speech (JsonArray *cues)
{
  g_assert_cmpuint (json_array_get_length (cues), >=, 2);
  for (guint i = 0; i < json_array_get_length (cues); i++)
    {
      JsonObject *cue = json_array_get_object_element (cues, i);
      double start = json_object_get_double_member (cue, "start");
      double end = json_object_get_double_member (cue, "end");
      double confidence = json_object_get_double_member (cue, "confidence");

      g_test_message ("cue %.3f–%.3f %s (%.2f)", start, end,
                      json_object_get_string_member (cue, "text"), confidence);
      g_assert_cmpfloat (end, >, start);
      g_assert_cmpfloat (confidence, >=, 0);
      g_assert_cmpfloat (confidence, <=, 1);
      g_assert_true (json_object_has_member (cue, "flagged"));
      /* Cues never start before the speech, nor inside the gap. */
      g_assert_cmpfloat (start, >=, media.spoken[0].start - 0.1);
      g_assert_false (start > media.spoken[0].end + 0.05 && start < media.spoken[1].start - 0.1);
    }
}

static void
test_subtitles (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *srt = g_build_filename (fixture->dir, "speech.srt", NULL);
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) again = NULL;
  g_autoptr(CoCliRun) refused = NULL;
  g_autoptr(CoCliRun) check = NULL;
  g_autoptr(CoCliRun) vtt = NULL;
  g_autofree char *written = NULL;
  gint64 rowid;

  if (!require_speech ())
    return;
  run = cli (fixture, "subtitles", media.speech, "-o", srt, "--json", NULL);
  assert_cues_follow_speech (json_object_get_array_member (assert_json_object (run, 0), "cues"));
  rowid = result_rowid (fixture, "transcript");
  written = read_text (srt);
  g_assert_true (g_str_has_prefix (written, "1\n00:00:0"));

  /* Kept: the same cues again without transcribing. */
  again = cli (fixture, "subtitles", media.speech, "--json", NULL);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_OK);
  g_assert_cmpint (result_rowid (fixture, "transcript"), ==, rowid);
  g_assert_cmpstr (json_object_get_string_member (assert_json_object (again, 0), "format"), ==,
                   "srt");

  refused = cli (fixture, "subtitles", media.speech, "-o", srt, NULL);
  co_test_cli_assert_exit (refused, CO_CLI_EXIT_EXISTS);
  /* What the builder made keeps the rules the check applies. */
  check = cli (fixture, "subtitles", "check", srt, NULL);
  co_test_cli_assert_exit (check, CO_CLI_EXIT_OK);

  vtt = cli (fixture, "subtitles", media.speech, "--format", "vtt", NULL);
  co_test_cli_assert_exit (vtt, CO_CLI_EXIT_OK);
  g_assert_true (g_str_has_prefix (vtt->out, "WEBVTT"));
}

/* A word of the cues that neither "speech" nor "wav" (the item's title)
 * begins, so that only the transcript can find the item by it. */
static char *
dup_spoken_word (JsonArray *cues)
{
  for (guint i = 0; i < json_array_get_length (cues); i++)
    {
      JsonObject *cue = json_array_get_object_element (cues, i);
      g_auto(GStrv) words = g_str_tokenize_and_fold (json_object_get_string_member (cue, "text"),
                                                     NULL, NULL);

      for (guint w = 0; words[w] != NULL; w++)
        {
          if (strlen (words[w]) >= 4 && !g_str_has_prefix ("speech", words[w]) &&
              !g_str_has_prefix ("wav", words[w]) && !g_str_has_prefix ("notes", words[w]))
            return g_strdup (words[w]);
        }
    }
  return NULL;
}

/* The ids `vault search WORD` finds, as "1 2". */
static char *
search_ids (Fixture    *fixture,
            const char *word)
{
  g_autoptr(CoCliRun) run = cli (fixture, "vault", "search", word, "--json", NULL);
  JsonArray *items = json_node_get_array (co_test_cli_assert_json (run, CO_CLI_EXIT_OK));
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            json_object_get_int_member (json_array_get_object_element (items, i),
                                                        "id"));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Making subtitles of a file the vault holds makes its item searchable by
 * the spoken words, also when the words were kept before the import. */
static void
test_subtitles_searchable (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CoCliRun) note = NULL;
  g_autoptr(CoCliRun) import = NULL;
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) again = NULL;
  g_autofree char *word = NULL;
  g_autofree char *id = NULL;
  g_autofree char *found = NULL;
  JsonArray *imported;

  if (!require_speech ())
    return;
  note = cli (fixture, "vault", "note", "Notes without speech", NULL);
  co_test_cli_assert_exit (note, CO_CLI_EXIT_OK);
  /* Transcribed before the import: nothing to find yet. */
  run = cli (fixture, "subtitles", media.speech, "--json", NULL);
  word = dup_spoken_word (json_object_get_array_member (assert_json_object (run, 0), "cues"));
  g_assert_nonnull (word);
  g_test_message ("searching for the spoken word “%s”", word);
  found = search_ids (fixture, word);
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);

  import = cli (fixture, "vault", "import", media.speech, "--json", NULL);
  imported = json_node_get_array (co_test_cli_assert_json (import, CO_CLI_EXIT_OK));
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_array_get_object_element (imported, 0),
                                                    "id"));
  /* The kept words come back at once, and the item is found by them. */
  again = cli (fixture, "subtitles", media.speech, "--json", NULL);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_OK);
  found = search_ids (fixture, word);
  g_assert_cmpstr (found, ==, id);
}

static void
test_export_subtitles (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) direct = NULL;
  g_autofree char *srt = g_build_filename (fixture->dir, "speech.srt", NULL);
  g_autofree char *exported = NULL;

  if (!require_speech ())
    return;
  run = cli (fixture, "export", "srt", media.speech, "--out-dir", fixture->dir, "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (assert_json_object (run, 0), "cues"), >=, 2);
  direct = cli (fixture, "subtitles", media.speech, NULL);
  co_test_cli_assert_exit (direct, CO_CLI_EXIT_OK);
  exported = read_text (srt);
  g_assert_cmpstr (exported, ==, direct->out);
}

static void
test_subtitles_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "gone.wav", NULL);
  g_autoptr(CoCliRun) gone = cli (fixture, "subtitles", missing, NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "subtitles", media.text, NULL);
  g_autoptr(CoCliRun) format = cli (fixture, "subtitles", media.tone, "--format", "ass", NULL);
  g_autoptr(CoCliRun) rules = cli (fixture, "subtitles", media.tone, "--max-lines", "0", NULL);
  g_autoptr(CoCliRun) model = cli_env (fixture, "CREATOROPS_SPEECH_MODEL_DIR=/nonexistent/model",
                                       "subtitles", media.tone, NULL);

  co_test_cli_assert_exit (gone, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (gone, "gone.wav");
  co_test_cli_assert_exit (text, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (text, "notes.mp4");
  co_test_cli_assert_exit (format, CO_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (format->err, "ass"));
  co_test_cli_assert_exit (rules, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_exit (model, CO_CLI_EXIT_FAILED);
  /* A build without speech says so whatever the model. */
  co_test_cli_assert_error_names (model, CO_HAVE_SPEECH ? "/nonexistent/model" : "PocketSphinx");
}

static const char broken_rules[] =
  "1\n00:00:01,000 --> 00:00:03,000\nThis line is far too long for any subtitle to show it\n\n"
  "2\n00:00:02,500 --> 00:00:04,000\nOverlapping\n\n"
  "3\n00:00:05,000 --> 00:00:05,200\nToo short\n\n";

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *bad = co_test_write_file (fixture->dir, "bad.srt", broken_rules, -1);
  g_autofree char *good = co_test_write_file (fixture->dir, "good.vtt",
                                              "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n"
                                              "Hello there\n", -1);
  g_autoptr(CoCliRun) json = cli (fixture, "subtitles", "check", bad, "--json", NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "subtitles", "check", bad, NULL);
  g_autoptr(CoCliRun) wide = cli (fixture, "subtitles", "check", bad, "--max-chars", "80", "--json",
                                  NULL);
  g_autoptr(CoCliRun) ok = cli (fixture, "subtitles", "check", good, "--fps", "29.97", NULL);
  JsonObject *result = assert_json_object (json, CO_CLI_EXIT_INVALID);
  JsonArray *problems = json_object_get_array_member (result, "problems");
  gboolean seen_length = FALSE, seen_overlap = FALSE, seen_short = FALSE;

  g_assert_cmpint (json_object_get_int_member (result, "cues"), ==, 3);
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);
      const char *rule = json_object_get_string_member (p, "rule");
      gint64 cue = json_object_get_int_member (p, "cue");

      g_test_message ("cue %" G_GINT64_FORMAT ": %s", cue, rule);
      seen_length |= cue == 1 && strstr (rule, "line") != NULL;
      seen_overlap |= cue == 2 && strstr (rule, "overlap") != NULL;
      seen_short |= cue == 3 && strstr (rule, "duration") != NULL;
      g_assert_nonnull (json_object_get_string_member (p, "message"));
    }
  g_assert_true (seen_length && seen_overlap && seen_short);

  co_test_cli_assert_exit (text, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (text->out, "bad.srt"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      assert_json_object (wide, CO_CLI_EXIT_INVALID), "problems")), ==,
                    json_array_get_length (problems) - 1);
  co_test_cli_assert_exit (ok, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (ok->out, "every rule kept"));
}

static void
test_check_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *malformed = co_test_write_file (fixture->dir, "broken.srt",
                                                   "1\n00:00:01,000 --> 00:00:02,000\nFine\n\n"
                                                   "2\n00:00:03,000 -> 00:00:04,000\nBad arrow\n",
                                                   -1);
  g_autofree char *other = co_test_write_file (fixture->dir, "subs.txt", "hello", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "gone.srt", NULL);
  g_autoptr(CoCliRun) bad = cli (fixture, "subtitles", "check", malformed, NULL);
  g_autoptr(CoCliRun) bad_json = cli (fixture, "subtitles", "check", malformed, "--json", NULL);
  g_autoptr(CoCliRun) txt = cli (fixture, "subtitles", "check", other, NULL);
  g_autoptr(CoCliRun) gone = cli (fixture, "subtitles", "check", missing, NULL);
  g_autoptr(CoCliRun) fps = cli (fixture, "subtitles", "check", malformed, "--fps", "x", NULL);
  JsonObject *error;

  co_test_cli_assert_exit (bad, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (bad, "broken.srt");
  /* The arrow is on line 6. */
  g_assert_nonnull (strstr (bad->err, "6"));
  error = json_object_get_object_member (assert_json_object (bad_json, CO_CLI_EXIT_INVALID),
                                         "error");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "6"));
  co_test_cli_assert_exit (txt, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (txt, "subs.txt");
  co_test_cli_assert_exit (gone, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (gone, "gone.srt");
  co_test_cli_assert_exit (fps, CO_CLI_EXIT_USAGE);
}

/* Transcode */

static void
test_transcode (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "clip proxy.mov", NULL);
  g_autoptr(CoCliRun) run = cli (fixture, "transcode", media.clip, "--to", "prores-proxy",
                                 "-o", out, "--json", NULL);
  g_autoptr(CoCliRun) again = NULL;
  g_autoptr(CoCliRun) dnxhr = NULL;
  JsonObject *result = assert_json_object (run, CO_CLI_EXIT_OK);

  g_assert_cmpstr (json_object_get_string_member (result, "output"), ==, out);
  g_assert_cmpstr (json_object_get_string_member (result, "target"), ==, "prores-proxy");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "codec"), "ProRes"));
  g_assert_cmpint (json_object_get_int_member (result, "width"), ==, 160);
  g_assert_cmpint (json_object_get_int_member (result, "height"), ==, 120);
  g_assert_cmpfloat (json_object_get_double_member (result, "fps"), ==, 15);
  g_assert_cmpfloat (fabs (json_object_get_double_member (result, "duration") - 1.0), <=,
                     1.0 / 15);
  g_assert_cmpint (json_object_get_int_member (result, "size"), >, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  again = cli (fixture, "transcode", media.clip, "--to", "prores-proxy", "-o", out, NULL);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_EXISTS);
  co_test_cli_assert_error_names (again, "clip proxy.mov");

  /* DNxHR has fixed frame sizes and CreatorOps never scales. */
  dnxhr = cli (fixture, "transcode", media.clip, "--to", "dnxhr-lb", "--out-dir", fixture->dir,
               NULL);
  co_test_cli_assert_exit (dnxhr, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (dnxhr, "160");
}

static void
test_transcode_batch (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "h264", NULL);
  g_autofree char *made = g_build_filename (dir, "clip.mp4", NULL);
  g_autoptr(CoCliRun) run = NULL;
  JsonArray *results;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  run = cli (fixture, "transcode", media.clip, media.text, "--to", "h264", "--out-dir", dir,
             "--json", NULL);
  results = json_node_get_array (co_test_cli_assert_json (run, CO_CLI_EXIT_PARTIAL));
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  g_assert_nonnull (strstr (json_object_get_string_member (
                              json_array_get_object_element (results, 0), "codec"), "H.264"));
  g_assert_nonnull (json_object_get_object_member (json_array_get_object_element (results, 1),
                                                   "error"));
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));
}

/* Setup */

/* Sentences from espeak-ng at 16 kHz with digital silence between them,
 * remembering where each one is. */
static char *
make_speech (const char *dir)
{
  return co_test_espeak_write (dir, "speech.wav", sentences, G_N_ELEMENTS (sentences),
                               SPEECH_LEAD, SPEECH_GAP, media.spoken);
}

static void
make_media (void)
{
  CoTestSpeechSpec spec = { .container = "mp4", .duration = 6.0, .rate = 48000, .channels = 2,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .width = 160,
                            .height = 120, .fps = FPS, .cut_frames = cuts,
                            .n_cuts = G_N_ELEMENTS (cuts), .seed = 99 };
  CoTestVideo clip = { .container = CO_TEST_CONTAINER_MP4, .duration = 1, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_CIRCLES };
  g_autoptr(GError) error = NULL;

  /* Outside the test's isolated folders, which go with the test. */
  media.dir = g_dir_make_tmp ("cli-media-XXXXXX", &error);
  g_assert_no_error (error);
  media.talk = co_test_speech_write (media.dir, "talk.mp4", &spec, &error);
  g_assert_no_error (error);
  media.tone = co_test_media_write_audio (media.dir, "tone.wav", CO_TEST_AUDIO_WAV, 2.0);
  media.clip = co_test_media_write_video (media.dir, "clip.mp4", &clip);
  media.text = co_test_media_write_text (media.dir, "notes.mp4", "Not a video at all.\n");
  media.speech = make_speech (media.dir);
}

static void
remove_media (void)
{
  g_autoptr(GDir) dir = g_dir_open (media.dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (media.dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (media.dir);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  int status;

  co_test_init (&argc, &argv);
  co_test_media_init ();

  ADD ("/cli/media/help", test_help);
  ADD ("/cli/media/analyze/json", test_analyze_json);
  ADD ("/cli/media/analyze/cached", test_analyze_cached);
  ADD ("/cli/media/analyze/text", test_analyze_text);
  ADD ("/cli/media/analyze/batch", test_analyze_batch);
  ADD ("/cli/media/analyze/options", test_analyze_options);
  ADD ("/cli/media/analyze/import", test_analyze_import);
  ADD ("/cli/media/analyze/errors", test_analyze_errors);
  ADD ("/cli/media/relative-paths", test_relative_paths);
  ADD ("/cli/media/export/premiere-xml", test_export_premiere);
  ADD ("/cli/media/export/formats", test_export_formats);
  ADD ("/cli/media/export/fps", test_export_fps);
  ADD ("/cli/media/export/exists", test_export_exists);
  ADD ("/cli/media/export/usage", test_export_usage);
  ADD ("/cli/media/export/not-media", test_export_not_media);
  ADD ("/cli/media/export/subtitles", test_export_subtitles);
  ADD ("/cli/media/subtitles/make", test_subtitles);
  ADD ("/cli/media/subtitles/searchable", test_subtitles_searchable);
  ADD ("/cli/media/subtitles/errors", test_subtitles_errors);
  ADD ("/cli/media/subtitles/check", test_check);
  ADD ("/cli/media/subtitles/check-errors", test_check_errors);
  ADD ("/cli/media/transcode/prores", test_transcode);
  ADD ("/cli/media/transcode/batch", test_transcode_batch);

  status = g_test_run ();
  if (media.dir != NULL)
    remove_media ();
  return status;
}
