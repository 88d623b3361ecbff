/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "co-analysis-cache.h"
#include "co-cue-store.h"
#include "co-error.h"
#include "co-export.h"
#include "co-export-error.h"
#include "co-file.h"
#include "co-importer.h"
#include "co-media-error.h"
#include "co-subtitle-error.h"
#include "co-vault-error.h"
#include "co-test-fuzz-media.h"
#include "co-test-media.h"
#include "co-timeline-build.h"

/* Cases that once failed, replayed by every run. */
const CoTestFuzzCase co_test_fuzz_import_cases[] = {
  { 4, 28, "made avidemux CRITICAL: a damaged AVI, now tolerated as GStreamer's own" },
  { 9, 48, "crashed the process with SIGFPE in vorbisdec: a Vorbis header of 157 channels" },
  { 12, 280, "hung wavparse for ever: a WAV whose LIST chunk after the data was cut" },
  { 3891705177u, 7, "waited 20 s for GstDiscoverer, which lost qtdemux's error" },
};
const gsize co_test_fuzz_n_import_cases = G_N_ELEMENTS (co_test_fuzz_import_cases);
/* Each made json-glib CRITICAL in the readers before they checked types: an
 * analysis list element that was no object, a missing list, a string
 * member of another type, a missing loudness object, a kept cue without
 * its start.  The index is the end of the run that failed. */
const CoTestFuzzCase co_test_fuzz_kept_cases[] = {
  { 1, 299, "read an analysis list element that was no object" },
  { 2, 299, "read a missing analysis list" },
  { 14, 299, "read a string member of another type" },
  { 18, 299, "read a missing loudness object" },
  { 23, 299, "read a kept cue without its start" },
};
const gsize co_test_fuzz_n_kept_cases = G_N_ELEMENTS (co_test_fuzz_kept_cases);

/* Names a mutated file may get: the importer must go by its content. */
static const char * const extensions[] = {
  "png", "jpg", "gif", "wav", "ogg", "flac", "mp3", "mp4", "mkv", "webm", "avi", "txt", "srt",
};

/* An analysis as the store keeps it: every member and list filled. */
static const char * const clean_analysis =
  "{\"file\":\"/media/talk.mp4\",\"duration\":12.5,\"sample_rate\":48000,\"channels\":2,"
  "\"loudness\":{\"integrated_lufs\":-16.2,\"range_lu\":5.1,\"true_peak_dbtp\":-1.3},"
  "\"clip_count\":3,"
  "\"silences\":[{\"start\":1.0,\"end\":1.6},{\"start\":4.2,\"end\":5.9},"
  "{\"start\":11.8,\"end\":12.5}],"
  "\"scenes\":[{\"time\":3.0,\"score\":0.8},{\"time\":7.5,\"score\":null}],"
  "\"edit_points\":[{\"time\":1.1,\"kind\":\"cut-out\",\"reason\":\"pause\"},"
  "{\"time\":1.5,\"kind\":\"cut-in\",\"reason\":\"pause\"},"
  "{\"time\":3.0,\"kind\":\"scene\",\"reason\":\"scene change\"}]}";

static const char * const clean_cues =
  "{\"cues\":[{\"start_us\":1000000,\"end_us\":2500000,\"text\":\"Hello\","
  "\"confidence\":0.9,\"flagged\":false},"
  "{\"start_us\":3000000,\"end_us\":5000000,\"text\":\"Two\\nlines\",\"confidence\":0.4,"
  "\"flagged\":true}]}";

/**
 * co_test_fuzz_media_corpus:
 * @dir: where to make the files
 *
 * Small whole files of every kind the importer takes, to be mutated: PNG,
 * JPEG and BMP pictures; WAV, Ogg, FLAC and MP3 sound; WebM, MP4,
 * Matroska and AVI video; a text note.
 *
 * Returns: (transfer full) (element-type utf8): their paths
 */
GPtrArray *
co_test_fuzz_media_corpus (const char *dir)
{
  GPtrArray *corpus = g_ptr_array_new_with_free_func (g_free);
  const CoTestContainer containers[] = { CO_TEST_CONTAINER_WEBM, CO_TEST_CONTAINER_MP4,
                                         CO_TEST_CONTAINER_MKV, CO_TEST_CONTAINER_AVI };
  const CoTestAudioFormat sounds[] = { CO_TEST_AUDIO_WAV, CO_TEST_AUDIO_OGG, CO_TEST_AUDIO_FLAC,
                                       CO_TEST_AUDIO_MP3 };

  g_ptr_array_add (corpus, co_test_media_write_png (dir, "c.png", 48, 32,
                                                    CO_TEST_PATTERN_CIRCLES));
  g_ptr_array_add (corpus, co_test_media_write_jpeg (dir, "c.jpg", 48, 32,
                                                     CO_TEST_PATTERN_STRIPES, 80));
  g_ptr_array_add (corpus, co_test_media_write_image_header (dir, "c.bmp", CO_TEST_IMAGE_BMP,
                                                             4, 4));
  for (gsize i = 0; i < G_N_ELEMENTS (sounds); i++)
    {
      g_autofree char *name = g_strdup_printf ("sound-%zu", i);

      g_ptr_array_add (corpus, co_test_media_write_audio (dir, name, sounds[i], 0.5));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (containers); i++)
    {
      CoTestVideo spec = { .container = containers[i], .width = 64, .height = 48, .fps = 10,
                           .duration = 1, .audio = TRUE, .pattern = CO_TEST_PATTERN_NOISE };
      g_autofree char *name = g_strdup_printf ("video-%zu", i);

      g_ptr_array_add (corpus, co_test_media_write_video (dir, name, &spec));
    }
  g_ptr_array_add (corpus, co_test_media_write_text (dir, "c.txt",
                                                     "Shot list\nOpen on the hands.\nCafé\n"));
  return corpus;
}

/* Imported, or refused with an error of the media, file or vault domain
 * that names the file. */
static void
fuzz_import_case (CoVault    *vault,
                  GPtrArray  *corpus,
                  const char *dir,
                  GRand      *rand,
                  guint       index,
                  gboolean    live)
{
  const char *clean = g_ptr_array_index (corpus, g_rand_int_range (rand, 0, (gint32)corpus->len));
  const char *ext = extensions[g_rand_int_range (rand, 0, G_N_ELEMENTS (extensions))];
  g_autofree char *name = g_strdup_printf ("case-%u.%s", index, ext);
  /* CO_FUZZ_KEEP=DIR keeps the inputs, to open a failing case by hand. */
  const char *keep = g_getenv ("CO_FUZZ_KEEP");
  g_autofree char *path = g_build_filename (keep != NULL ? keep : dir, name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GByteArray) mutated = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  gint64 id;

  g_assert_true (g_file_get_contents (clean, &data, &len, NULL));
  mutated = co_test_fuzz_mutate (rand, (const guint8 *)data, len);
  if (!live)
    return;
  g_assert_true (g_file_set_contents (path, (const char *)mutated->data, mutated->len, NULL));
  g_test_message ("case %u: %s from %s, %u bytes", index, name, clean, mutated->len);

  id = co_importer_import_file (vault, path, NULL, NULL, NULL, &error);
  if (id == 0)
    {
      g_assert_true (error->domain == CO_MEDIA_ERROR || error->domain == CO_FILE_ERROR ||
                     error->domain == CO_VAULT_ERROR);
      co_test_fuzz_error_names (error, name);
    }
  if (keep == NULL)
    g_unlink (path);
}

/**
 * co_test_fuzz_import:
 * @vault: the vault to import into
 * @corpus: (element-type utf8): whole files, from co_test_fuzz_media_corpus()
 * @dir: where to write the mutated files
 * @run: the cases to run
 *
 * Mutated media files and notes, under names that may say another type,
 * through co_importer_import_file().
 */
void
co_test_fuzz_import (CoVault             *vault,
                     GPtrArray           *corpus,
                     const char          *dir,
                     const CoTestFuzzRun *run)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (run->seed);

  for (guint i = 0; i < run->first + run->n_cases; i++)
    {
      gboolean live = i >= run->first;

      if (live && run->announce != NULL)
        run->announce (i, run->user_data);
      fuzz_import_case (vault, corpus, dir, rand, i, live);
    }
}

/* Kept results ----------------------------------------------------------- */

/* What the export does with an analysis it read: a timeline, cut and
 * marked, then every editor format. */
static void
export_analysis (CoAnalysis *analysis)
{
  CoMediaInfo info = { .type = CO_VAULT_TYPE_VIDEO, .width = 1920, .height = 1080,
                       .has_audio = TRUE, .has_video = TRUE, .sample_rate = 48000,
                       .channels = 2, .framerate_num = 25, .framerate_den = 1 };
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  double duration = co_analysis_get_duration (analysis);

  info.duration = isfinite (duration) && duration > 0 ? duration : 12.5;
  timeline = co_timeline_build ("fuzz.mp4", &info, analysis, (CoRate) { 0, 0 },
                                CO_TIMELINE_BUILD_CUT_SILENCES | CO_TIMELINE_BUILD_MARKERS |
                                CO_TIMELINE_BUILD_CHAPTERS, &error);
  if (timeline == NULL)
    {
      g_assert_true (error->domain == CO_EXPORT_ERROR);
      co_test_fuzz_error_names (error, "fuzz.mp4");
      return;
    }
  for (int format = CO_EXPORT_PREMIERE_XML; format <= CO_EXPORT_CHAPTERS; format++)
    {
      g_autofree char *text = co_export_to_string (format, timeline, &error);

      g_assert_true (text != NULL || error->domain == CO_EXPORT_ERROR);
      g_clear_error (&error);
    }
}

/* Reads @json as a kept analysis; %NULL when it is refused as it must be. */
static CoAnalysis *
read_analysis (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  CoAnalysis *analysis;

  if (node == NULL)
    return NULL;
  analysis = co_analysis_new_from_json (node, &error);
  if (analysis == NULL)
    g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT);
  return analysis;
}

static void
fuzz_analysis_case (GRand *rand)
{
  g_autofree char *json = co_test_fuzz_mutate_json (rand, clean_analysis);
  g_autoptr(CoAnalysis) analysis = read_analysis (json);
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GByteArray) damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;

  if (analysis == NULL)
    return;
  again = co_analysis_to_json_string (analysis, FALSE);
  blob = co_analysis_serialize_waveform (analysis);
  damaged = co_test_fuzz_mutate (rand, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob));
  g_clear_pointer (&blob, g_bytes_unref);
  blob = g_bytes_new (damaged->data, damaged->len);
  if (!co_analysis_load_waveform (analysis, blob, &error))
    g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT);
  export_analysis (analysis);
}

static void
read_cues (CoStore    *store,
           const char *media_path,
           const char *source_key,
           const char *json)
{
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (media_path);

  g_assert_true (co_store_put_result (store, CO_SUBTITLES_RESULT_KIND, source_key, "", json,
                                      NULL, &error));
  cues = co_cue_store_load (store, media_path, &error);
  if (cues == NULL)
    {
      g_assert_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_DAMAGED);
      co_test_fuzz_error_names (error, name);
    }
}

static void
fuzz_cues_case (CoStore    *store,
                const char *media_path,
                const char *source_key,
                GRand      *rand)
{
  g_autofree char *json = co_test_fuzz_mutate_json (rand, clean_cues);

  read_cues (store, media_path, source_key, json);
}

/**
 * co_test_fuzz_kept:
 * @store: a store to keep the damaged results in
 * @media_path: a file the subtitles are kept for
 * @run: the cases to run (the earlier ones run too: they are cheap)
 *
 * Damaged kept analyses (their JSON, then their waveform blob) through the
 * reader, a timeline and every export; damaged kept subtitles through
 * co_cue_store_load().
 */
void
co_test_fuzz_kept (CoStore             *store,
                   const char          *media_path,
                   const CoTestFuzzRun *run)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (run->seed);
  g_autoptr(GError) error = NULL;
  g_autofree char *source_key = co_store_dup_source_key (media_path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < run->first + run->n_cases; i++)
    {
      if (i >= run->first && run->announce != NULL)
        run->announce (i, run->user_data);
      if (g_rand_int_range (rand, 0, 4) > 0)
        fuzz_analysis_case (rand);
      else
        fuzz_cues_case (store, media_path, source_key, rand);
    }
}

/**
 * co_test_fuzz_kept_clean:
 * @store: a store to keep the results in
 * @media_path: a file the subtitles are kept for
 *
 * The whole documents the mutations start from, through the same path: the
 * reference the long runs time their cases against.
 */
void
co_test_fuzz_kept_clean (CoStore    *store,
                         const char *media_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source_key = co_store_dup_source_key (media_path, &error);
  g_autoptr(CoAnalysis) analysis = read_analysis (clean_analysis);

  g_assert_nonnull (analysis);
  export_analysis (analysis);
  read_cues (store, media_path, source_key, clean_cues);
}
