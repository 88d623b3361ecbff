/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "co-cli-exit.h"
#include "co-export.h"
#include "co-test-cli.h"
#include "co-test-media.h"
#include "co-test-speech.h"
#include "co-test-util.h"

/*
 * The media commands on vault items (issue 12): `analyze`, `export`,
 * `transcode` and `subtitles` take an item id as well as a file, read the
 * library's stored file when the original is gone, and an export names the
 * item by its title and points at a file with the real extension, never at
 * the stored file's digest.  Also the marker lists' defaults: markers by
 * default, and a refusal instead of a list without any.
 */

#define FPS 25
#define TITLE "Studio Talk: Take 2"
/* The title as a file name: the colon is not one every system takes. */
#define TITLE_FILE "Studio Talk_ Take 2"

static const double gaps[][2] = { { 1.0, 1.5 }, { 2.6, 3.4 } };
static const guint cuts[] = { 40, 110 };

static struct
{
  char *dir;
  char *talk;   /* talk.mp4: sound with gaps, video with cuts */
  char *tone;   /* tone.wav: no silence, no picture */
  char *clip;   /* clip.mp4: 1 s of video, for transcodes */
} media;

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
make_media (void)
{
  CoTestSpeechSpec spec = { .container = "mp4", .duration = 5.0, .rate = 48000, .channels = 2,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .width = 160,
                            .height = 120, .fps = FPS, .cut_frames = cuts,
                            .n_cuts = G_N_ELEMENTS (cuts), .seed = 7 };
  CoTestVideo clip = { .container = CO_TEST_CONTAINER_MP4, .duration = 1, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_CIRCLES };
  g_autoptr(GError) error = NULL;

  media.dir = g_dir_make_tmp ("cli-items-XXXXXX", &error);
  g_assert_no_error (error);
  media.talk = co_test_speech_write (media.dir, "talk.mp4", &spec, &error);
  g_assert_no_error (error);
  media.tone = co_test_media_write_audio (media.dir, "tone.wav", CO_TEST_AUDIO_WAV, 2.0);
  media.clip = co_test_media_write_video (media.dir, "clip.mp4", &clip);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (media.dir == NULL)
    make_media ();
  fixture->dir = co_test_make_temp_dir ("cli-items");
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
  CoCliOptions options = { fixture->data_dir, FALSE, fixture->dir, NULL };
  CoCliRun *run;
  va_list list;

  va_start (list, first);
  run = co_test_cli_runv (&options, NULL, first, list);
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

/* One input gives one object, several an array. */
static JsonObject *
first_object (JsonNode *result)
{
  if (JSON_NODE_HOLDS_ARRAY (result))
    return json_array_get_object_element (json_node_get_array (result), 0);
  return json_node_get_object (result);
}

static char *
file_digest (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* Copies @source into the fixture's folder as @name, imports the copy
 * with @title and deletes it, as a creator who cleans up after importing.
 * Returns the item's id as text; *out_digest gets the content's digest. */
static char *
import_and_delete (Fixture     *fixture,
                   const char  *source,
                   const char  *name,
                   const char  *title,
                   char       **out_digest)
{
  g_autofree char *copy = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoCliRun) run = NULL;
  JsonObject *object;
  gsize len;

  g_file_get_contents (source, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, data, len, &error);
  g_assert_no_error (error);
  *out_digest = file_digest (copy);
  run = cli (fixture, "vault", "import", copy, "--title", title, "--json", NULL);
  object = first_object (co_test_cli_assert_json (run, CO_CLI_EXIT_OK));
  g_assert_cmpint (g_unlink (copy), ==, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
}

/* The named copy: in the library's exports folder, with the title and the
 * original's extension, the content's digest, and read-only. */
static void
assert_named_copy (Fixture    *fixture,
                   const char *path,
                   const char *file_name,
                   const char *digest)
{
  g_autofree char *expected = g_build_filename (fixture->data_dir, "exports", file_name, NULL);
  g_autofree char *made = NULL;
  GStatBuf st;

  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0222, ==, 0);
  made = file_digest (path);
  g_assert_cmpstr (made, ==, digest);
}

static void
test_export_original_gone (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *digest = NULL;
  g_autofree char *id = import_and_delete (fixture, media.talk, "talk.mp4", TITLE, &digest);
  g_autofree char *xml = g_build_filename (fixture->dir, "cut.xml", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name_element = g_strdup ("<name>" TITLE "</name>");
  g_autoptr(CoCliRun) run = NULL;
  JsonObject *result;
  const char *path;

  run = cli (fixture, "export", "premiere-xml", id, "--cut-silences", "--markers", "-o", xml,
             "--json", NULL);
  result = assert_json_object (run, CO_CLI_EXIT_OK);
  g_assert_cmpstr (json_object_get_string_member (result, "file"), ==, id);
  g_assert_cmpint (json_object_get_int_member (result, "item_id"), ==, g_ascii_strtoll (id, NULL,
                                                                                       10));
  g_assert_cmpstr (json_object_get_string_member (result, "name"), ==, TITLE);
  path = json_object_get_string_member (result, "media");
  assert_named_copy (fixture, path, TITLE_FILE ".mp4", digest);

  /* Read back: the sequence and clip carry the title, the file URL is the
   * named copy's, and the digest appears nowhere. */
  doc = read_text (xml);
  url = co_export_file_url (path, TRUE);
  g_assert_nonnull (strstr (doc, name_element));
  g_assert_nonnull (strstr (doc, url));
  g_assert_nonnull (strstr (doc, "<name>" TITLE_FILE ".mp4</name>"));
  g_assert_null (strstr (doc, digest));
  g_assert_null (strstr (doc, "blobs"));
}

/* A library named by a relative path (`--data-dir lib`, as a creator types
 * it): the named copy is linked by its absolute path all the same, never
 * the stored file. */
static void
test_export_relative_data_dir (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *digest = NULL;
  g_autofree char *id = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(CoCliRun) run = NULL;
  JsonObject *result;

  /* The command line runs in the fixture's folder. */
  g_free (fixture->data_dir);
  fixture->data_dir = g_strdup ("library");
  id = import_and_delete (fixture, media.talk, "talk.mp4", TITLE, &digest);
  run = cli (fixture, "export", "premiere-xml", id, "-o", "cut.xml", "--json", NULL);
  result = assert_json_object (run, CO_CLI_EXIT_OK);
  expected = g_build_filename (fixture->dir, "library", "exports", TITLE_FILE ".mp4", NULL);
  g_assert_cmpstr (json_object_get_string_member (result, "media"), ==, expected);
  g_free (fixture->data_dir);
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
  assert_named_copy (fixture, expected, TITLE_FILE ".mp4", digest);
  {
    g_autofree char *xml = g_build_filename (fixture->dir, "cut.xml", NULL);

    doc = read_text (xml);
  }
  g_assert_null (strstr (doc, digest));
  g_assert_null (strstr (doc, "blobs"));
}

/* Every format that writes a path points at the same named copy, made
 * once; another content with the same title gets a name of its own. */
static void
test_export_formats_share_copy (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *digest = NULL, *other_digest = NULL;
  g_autofree char *id = import_and_delete (fixture, media.talk, "talk.mp4", TITLE, &digest);
  g_autofree char *other = import_and_delete (fixture, media.clip, "clip.mp4", TITLE,
                                              &other_digest);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *edl_path = g_build_filename (out, TITLE_FILE ".edl", NULL);
  g_autofree char *other_name = g_strdup_printf (TITLE_FILE " (%.8s).mp4", other_digest);
  g_autofree char *edl = NULL;
  g_autoptr(CoCliRun) fcp = NULL, edl_run = NULL, second = NULL;
  JsonObject *result;
  const char *path;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  fcp = cli (fixture, "export", "fcpxml", id, "--out-dir", out, "--json", NULL);
  result = assert_json_object (fcp, CO_CLI_EXIT_OK);
  path = json_object_get_string_member (result, "media");
  assert_named_copy (fixture, path, TITLE_FILE ".mp4", digest);

  /* --out-dir names the output after the title, not the id. */
  edl_run = cli (fixture, "export", "edl", id, "--out-dir", out, "--json", NULL);
  result = assert_json_object (edl_run, CO_CLI_EXIT_OK);
  g_assert_cmpstr (json_object_get_string_member (result, "output"), ==, edl_path);
  g_assert_cmpstr (json_object_get_string_member (result, "media"), ==, path);
  edl = read_text (edl_path);
  g_assert_nonnull (strstr (edl, TITLE_FILE ".mp4"));
  g_assert_null (strstr (edl, digest));

  second = cli (fixture, "export", "premiere-xml", other, "-o", "-", NULL);
  co_test_cli_assert_exit (second, CO_CLI_EXIT_OK);
  {
    g_autofree char *other_path = g_build_filename (fixture->data_dir, "exports", other_name,
                                                    NULL);
    g_autofree char *url = co_export_file_url (other_path, TRUE);

    assert_named_copy (fixture, other_path, other_name, other_digest);
    g_assert_nonnull (strstr (second->out, url));
  }
  /* The first copy is still the first content. */
  assert_named_copy (fixture, path, TITLE_FILE ".mp4", digest);
}

/* While the file an item was imported from is there, the export links it
 * under the item's title, and makes no copy. */
static void
test_export_original_kept (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *original = g_build_filename (fixture->dir, "kept.mp4", NULL);
  g_autofree char *data_copy = NULL;
  g_autofree char *exports = g_build_filename (fixture->data_dir, "exports", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoCliRun) import = NULL, run = NULL;
  JsonObject *result;
  g_autofree char *id = NULL;
  gsize len;

  g_file_get_contents (media.talk, &data_copy, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (original, data_copy, len, &error);
  g_assert_no_error (error);
  import = cli (fixture, "vault", "import", original, "--title", TITLE, "--json", NULL);
  result = first_object (co_test_cli_assert_json (import, CO_CLI_EXIT_OK));
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (result, "id"));
  run = cli (fixture, "export", "fcpxml", id, "-o", "kept.fcpxml", "--json", NULL);
  result = assert_json_object (run, CO_CLI_EXIT_OK);
  g_assert_cmpstr (json_object_get_string_member (result, "name"), ==, TITLE);
  g_assert_cmpstr (json_object_get_string_member (result, "media"), ==, original);
  g_assert_false (g_file_test (exports, G_FILE_TEST_EXISTS));
}

/* A file that exists is exported as itself, under its own name. */
static void
test_export_file_as_itself (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "export", "edl", media.talk, "-o", "-", NULL);
  g_autoptr(CoCliRun) json = cli (fixture, "export", "edl", media.talk, "-o", "talk.edl",
                                  "--json", NULL);
  g_autofree char *exports = g_build_filename (fixture->data_dir, "exports", NULL);

  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (run->out, media.talk));
  g_assert_cmpstr (json_object_get_string_member (assert_json_object (json, CO_CLI_EXIT_OK),
                                                  "media"), ==, media.talk);
  g_assert_false (g_file_test (exports, G_FILE_TEST_EXISTS));
}

static void
test_analyze_item (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *digest = NULL;
  g_autofree char *id = import_and_delete (fixture, media.talk, "talk.mp4", TITLE, &digest);
  g_autofree char *hash_id = g_strconcat ("#", id, NULL);
  g_autoptr(CoCliRun) run = cli (fixture, "analyze", hash_id, "--json", NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "analyze", id, NULL);
  JsonObject *result = assert_json_object (run, CO_CLI_EXIT_OK);

  g_assert_cmpstr (json_object_get_string_member (result, "file"), ==, hash_id);
  g_assert_cmpint (json_object_get_int_member (result, "item_id"), ==,
                   g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "silences")),
                    ==, G_N_ELEMENTS (gaps));
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "Vault item: "));
}

static void
test_transcode_item (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *digest = NULL;
  g_autofree char *id = import_and_delete (fixture, media.clip, "clip.mp4", "Clip one", &digest);
  g_autofree char *out = g_build_filename (fixture->dir, "copies", NULL);
  g_autofree char *made = g_build_filename (out, "Clip one.mp4", NULL);
  g_autoptr(CoCliRun) run = NULL;
  JsonObject *result;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  run = cli (fixture, "transcode", id, "--to", "h264", "--out-dir", out, "--json", NULL);
  result = first_object (co_test_cli_assert_json (run, CO_CLI_EXIT_OK));
  g_assert_cmpstr (json_object_get_string_member (result, "output"), ==, made);
  g_assert_cmpint (json_object_get_int_member (result, "item_id"), ==,
                   g_ascii_strtoll (id, NULL, 10));
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));
}

static void
test_subtitles_item (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *digest = NULL;
  g_autofree char *id = NULL;
  g_autoptr(CoCliRun) run = NULL;
  JsonObject *result;

  id = import_and_delete (fixture, media.talk, "talk.mp4", TITLE, &digest);
  run = cli (fixture, "subtitles", id, "--json", NULL);
  /* A build without speech resolves the id all the same, then says what is
   * missing (as check-build-options expects of a file). */
  if (!CO_HAVE_SPEECH)
    {
      co_test_cli_assert_exit (run, CO_CLI_EXIT_FAILED);
      co_test_cli_assert_error_names (run, "PocketSphinx");
      return;
    }
  result = assert_json_object (run, CO_CLI_EXIT_OK);
  g_assert_cmpstr (json_object_get_string_member (result, "file"), ==, id);
  g_assert_cmpint (json_object_get_int_member (result, "item_id"), ==,
                   g_ascii_strtoll (id, NULL, 10));
  g_assert_true (json_object_has_member (result, "cues"));
}

static void
test_item_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CoCliRun) note = cli (fixture, "vault", "note", "Just words", "--json", NULL);
  g_autofree char *note_id = NULL;
  g_autoptr(CoCliRun) unknown = NULL, unknown_export = NULL, not_media = NULL;
  JsonObject *saved = assert_json_object (note, CO_CLI_EXIT_OK);

  note_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (saved, "id"));
  unknown = cli (fixture, "analyze", "999", NULL);
  co_test_cli_assert_exit (unknown, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (unknown, "999");
  unknown_export = cli (fixture, "export", "edl", "#999", "-o", "x.edl", NULL);
  co_test_cli_assert_exit (unknown_export, CO_CLI_EXIT_NOT_FOUND);
  not_media = cli (fixture, "transcode", note_id, "--to", "h264", "-o", "x.mp4", NULL);
  co_test_cli_assert_exit (not_media, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (not_media->err, "note"));
}

/* Marker lists carry the analysis's markers without being asked, and
 * refuse, writing nothing, when there are none. */
static void
test_marker_lists (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "talk.csv", NULL);
  g_autofree char *empty_csv = g_build_filename (fixture->dir, "tone.csv", NULL);
  g_autofree char *empty_xml = g_build_filename (fixture->dir, "tone.xml", NULL);
  g_autoptr(CoCliRun) talk = NULL, tone = NULL, tone_markers = NULL, premiere = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  talk = cli (fixture, "export", "audition-csv", media.talk, "-o", csv, NULL);
  co_test_cli_assert_exit (talk, CO_CLI_EXIT_OK);
  text = read_text (csv);
  lines = g_strsplit (text, "\n", -1);
  /* A header, two scene changes and two suggested cuts. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (cuts) + G_N_ELEMENTS (gaps) + 1);

  tone = cli (fixture, "export", "audition-csv", media.tone, "-o", empty_csv, NULL);
  co_test_cli_assert_exit (tone, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (tone, "tone.wav");
  g_assert_nonnull (strstr (tone->err, "no markers"));
  g_assert_false (g_file_test (empty_csv, G_FILE_TEST_EXISTS));
  tone_markers = cli (fixture, "export", "audition-csv", media.tone, "--markers", "-o", "-", NULL);
  co_test_cli_assert_exit (tone_markers, CO_CLI_EXIT_INVALID);
  g_assert_cmpstr (tone_markers->out, ==, "");

  premiere = cli (fixture, "export", "premiere-markers", media.tone, "-o", empty_xml, NULL);
  co_test_cli_assert_exit (premiere, CO_CLI_EXIT_INVALID);
  g_assert_false (g_file_test (empty_xml, G_FILE_TEST_EXISTS));
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

  ADD ("/cli/items/export/original-gone", test_export_original_gone);
  ADD ("/cli/items/export/relative-data-dir", test_export_relative_data_dir);
  ADD ("/cli/items/export/formats-share-copy", test_export_formats_share_copy);
  ADD ("/cli/items/export/original-kept", test_export_original_kept);
  ADD ("/cli/items/export/file-as-itself", test_export_file_as_itself);
  ADD ("/cli/items/analyze", test_analyze_item);
  ADD ("/cli/items/transcode", test_transcode_item);
  ADD ("/cli/items/subtitles", test_subtitles_item);
  ADD ("/cli/items/errors", test_item_errors);
  ADD ("/cli/items/marker-lists", test_marker_lists);

  status = g_test_run ();
  if (media.dir != NULL)
    remove_media ();
  return status;
}
