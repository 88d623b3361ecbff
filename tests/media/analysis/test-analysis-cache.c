/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <utime.h>

#include "co-analysis-cache.h"
#include "co-vault.h"
#include "co-test-speech.h"
#include "co-test-util.h"
#include "co-media-error.h"

static char *
write_speech (const char *dir)
{
  static const double gaps[][2] = { { 1.0, 1.6 }, { 2.5, 3.4 } };
  CoTestSpeechSpec spec = { .container = "wav", .duration = 4.0, .rate = 48000, .channels = 2,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .seed = 7 };
  g_autoptr(GError) error = NULL;
  char *path = co_test_speech_write (dir, "talk.wav", &spec, &error);

  g_assert_no_error (error);
  return path;
}

static void
test_cached (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("analysis");
  g_autofree char *path = write_speech (dir);
  g_autoptr(CoAnalysis) first = NULL;
  g_autoptr(CoAnalysis) second = NULL;
  g_autoptr(CoAnalysis) other = NULL;
  g_autoptr(GBytes) wave_first = NULL;
  g_autoptr(GBytes) wave_second = NULL;
  g_autofree char *json_first = NULL;
  g_autofree char *json_second = NULL;
  g_autoptr(GError) error = NULL;
  CoAnalysisParams params;
  gboolean cached = TRUE;

  co_analysis_params_init (&params);
  first = co_analysis_cache_run (store, path, &params, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cached);

  second = co_analysis_cache_run (store, path, &params, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cached);

  /* What comes back from the cache is the same result, waveform included. */
  json_first = co_analysis_to_json_string (first, FALSE);
  json_second = co_analysis_to_json_string (second, FALSE);
  g_assert_cmpstr (json_first, ==, json_second);
  wave_first = co_analysis_serialize_waveform (first);
  wave_second = co_analysis_serialize_waveform (second);
  g_assert_true (g_bytes_equal (wave_first, wave_second));

  params.threshold_db = -45;
  other = co_analysis_cache_run (store, path, &params, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cached);
}

static void
test_changed_file (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("changed");
  g_autofree char *path = write_speech (dir);
  g_autoptr(CoAnalysis) first = NULL;
  g_autoptr(CoAnalysis) again = NULL;
  g_autoptr(GError) error = NULL;
  struct utimbuf later = { 2000000000, 2000000000 };
  CoAnalysisParams params;
  gboolean cached = TRUE;

  co_analysis_params_init (&params);
  first = co_analysis_cache_run (store, path, &params, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utime (path, &later), ==, 0);
  again = co_analysis_cache_run (store, path, &params, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cached);
}

static void
test_lookup (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("lookup");
  g_autofree char *path = write_speech (dir);
  g_autofree char *missing = g_build_filename (dir, "gone.wav", NULL);
  g_autoptr(CoAnalysis) before = NULL;
  g_autoptr(CoAnalysis) made = NULL;
  g_autoptr(CoAnalysis) found = NULL;
  g_autoptr(CoAnalysis) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_made = NULL;
  g_autofree char *json_found = NULL;
  CoAnalysisParams params;

  /* Nothing kept yet: no result and no error, and nothing is analysed. */
  co_analysis_params_init (&params);
  before = co_analysis_cache_lookup (store, path, &params, &error);
  g_assert_no_error (error);
  g_assert_null (before);

  made = co_analysis_cache_run (store, path, &params, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  found = co_analysis_cache_lookup (store, path, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  json_made = co_analysis_to_json_string (made, FALSE);
  json_found = co_analysis_to_json_string (found, FALSE);
  g_assert_cmpstr (json_made, ==, json_found);

  /* Other parameters were never analysed. */
  params.min_silence = 0.5;
  other = co_analysis_cache_lookup (store, path, &params, &error);
  g_assert_no_error (error);
  g_assert_null (other);

  /* A missing file is an error naming it. */
  g_assert_null (co_analysis_cache_lookup (store, missing, &params, &error));
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.wav"));
}

/* Results of a stored file are kept under its digest and purged with it. */
static void
test_purged_with_asset (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autofree char *dir = co_test_make_temp_dir ("purge");
  g_autofree char *path = write_speech (dir);
  g_autofree char *blob = NULL;
  g_autofree char *params_key = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_AUDIO, .mime = "audio/x-wav", .duration = 4.0 };
  CoAnalysisParams params;
  gint64 id;

  id = co_vault_import_file (vault, path, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (vault, id, &error);
  blob = co_store_dup_blob_path (store, co_vault_item_get_sha256 (item));
  co_analysis_params_init (&params);
  params_key = co_analysis_params_to_key (&params);
  analysis = co_analysis_cache_run (store, blob, &params, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (co_store_get_result (store, "analysis", co_vault_item_get_sha256 (item),
                                      params_key, NULL, NULL, &error));

  g_assert_true (co_vault_trash (vault, id, &error));
  g_assert_true (co_vault_purge (vault, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (co_store_get_result (store, "analysis", co_vault_item_get_sha256 (item),
                                       params_key, NULL, NULL, &error));
  g_assert_no_error (error);
}

static CoAnalysis *
lookup_async (CoStore                 *store,
              const char              *path,
              const CoAnalysisParams  *params,
              GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoAnalysis *analysis;

  co_analysis_cache_lookup_async (store, path, params, NULL, co_test_async_ready_cb, &result);
  analysis = co_analysis_cache_lookup_finish (store, co_test_async_wait (&result, 30000), error);
  co_test_assert_finalized (g_steal_pointer (&result), 30000);
  return analysis;
}

/* The async pair tells "none kept" (no error) from a failure (an error),
 * as the blocking lookup does. */
static void
test_lookup_async (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("lookup-async");
  g_autofree char *path = write_speech (dir);
  g_autofree char *missing = g_build_filename (dir, "gone.wav", NULL);
  g_autoptr(CoAnalysis) before = NULL;
  g_autoptr(CoAnalysis) made = NULL;
  g_autoptr(CoAnalysis) found = NULL;
  g_autofree char *json_made = NULL;
  g_autofree char *json_found = NULL;
  g_autoptr(GError) error = NULL;
  CoAnalysisParams params;

  co_analysis_params_init (&params);
  before = lookup_async (store, path, &params, &error);
  g_assert_no_error (error);
  g_assert_null (before);

  made = co_analysis_cache_run (store, path, &params, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  found = lookup_async (store, path, &params, &error);
  g_assert_no_error (error);
  json_made = co_analysis_to_json_string (made, FALSE);
  json_found = co_analysis_to_json_string (found, FALSE);
  g_assert_cmpstr (json_made, ==, json_found);

  g_assert_null (lookup_async (store, missing, &params, &error));
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.wav"));
}

typedef struct
{
  gsize    pieces;      /* how many 4-byte pieces to write */
  gboolean fail;        /* then fail */
} Writing;

static gboolean
write_pieces_cb (CoStoreBlob  *blob,
                 gpointer      data,
                 GError      **error)
{
  const Writing *writing = data;

  for (gsize i = 0; i < writing->pieces; i++)
    if (!co_store_blob_write (blob, "abcd", 4, error))
      return FALSE;
  if (writing->fail)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the writer failed");
  return !writing->fail;
}

/* A result's data written piece by piece: kept whole when every piece
 * came, and not at all when the writer fails, writes too little or too
 * much. */
static void
test_streamed (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  const Writing whole = { 3, FALSE }, failing = { 1, TRUE }, short_one = { 2, FALSE };
  const Writing long_one = { 4, FALSE };
  const Writing *bad[] = { &failing, &short_one, &long_one };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *json = NULL;

  g_assert_true (co_store_put_result_streamed (store, "test", "src", "p", "{}", 12,
                                               write_pieces_cb, (gpointer) &whole, &error));
  g_assert_no_error (error);
  g_assert_true (co_store_get_result (store, "test", "src", "p", &json, &data, &error));
  g_assert_cmpstr (json, ==, "{}");
  g_assert_cmpmem (g_bytes_get_data (data, NULL), g_bytes_get_size (data), "abcdabcdabcd", 12);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *key = g_strdup_printf ("bad-%zu", i);
      g_autofree char *found = NULL;

      g_assert_false (co_store_put_result_streamed (store, "test", "src", key, "{}", 12,
                                                    write_pieces_cb, (gpointer) bad[i], &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_assert_false (co_store_get_result (store, "test", "src", key, &found, NULL, &error));
      g_assert_no_error (error);
    }
}

static gboolean
write_zeros_cb (CoStoreBlob  *blob,
                gpointer      data,
                GError      **error)
{
  static const char piece[64 * 1024];
  gsize size = *(const gsize *) data;

  for (gsize done = 0; done < size; done += sizeof piece)
    if (!co_store_blob_write (blob, piece, sizeof piece, error))
      return FALSE;
  return TRUE;
}

/* A large result's data never sits whole in SQLite's memory: a zeroblob()
 * before another column of the row would be built in full (twice) before
 * the first piece is written.  SQLite's own count of its memory says so,
 * whatever the timing. */
static void
test_streamed_memory (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  gsize size = 32 * 1024 * 1024;
  g_autoptr(GError) error = NULL;
  sqlite3_int64 before = sqlite3_memory_used (), peak;

  sqlite3_memory_highwater (TRUE);
  g_assert_true (co_store_put_result_streamed (store, "test", "src", "big", "{}", size,
                                               write_zeros_cb, &size, &error));
  g_assert_no_error (error);
  peak = sqlite3_memory_highwater (FALSE);
  g_test_message ("SQLite's memory: %" G_GINT64_FORMAT " bytes before, %" G_GINT64_FORMAT
                  " at the peak, for %zu bytes of data", (gint64) before, (gint64) peak, size);
  g_assert_cmpint (peak, >, 0);
  g_assert_cmpint (peak - before, <, (sqlite3_int64) size / 4);
}

/* The pieces co_analysis_write_waveform() hands over. */
typedef struct
{
  GByteArray *bytes;
  guint       pieces;
  gsize       largest;
} Pieces;

static gboolean
collect_piece_cb (gconstpointer   data,
                  gsize           size,
                  gpointer        user_data,
                  GError        **error)
{
  Pieces *pieces = user_data;

  g_byte_array_append (pieces->bytes, data, (guint) size);
  pieces->pieces++;
  pieces->largest = MAX (pieces->largest, size);
  return TRUE;
}

/* With envelope_on_disk (what the command line asks for), the envelope and
 * waveform never sit in memory, whatever the file's length: the analysis
 * holds no window of them, and they reach the store in pieces of at most
 * 64 KiB read back from the temporary file.  Results, waveform included,
 * are those of the analysis in memory, in parallel (two ranges, each
 * written in several batches) and serially. */
static void
test_envelope_on_disk (void)
{
  static const double gaps[][2] = { { 10.0, 11.5 }, { 31.0, 32.2 }, { 58.0, 60.5 } };
  CoTestSpeechSpec spec = { .container = "mp4", .duration = 75.0, .rate = 48000,
                            .channels = 2, .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps),
                            .seed = 11 };
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("on-disk");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = co_test_speech_write (dir, "talk.mp4", &spec, &error);

  g_assert_no_error (error);
  for (int serial = 0; serial < 2; serial++)
    {
      g_autoptr(CoAnalysis) memory = NULL, disk = NULL, kept = NULL, again = NULL;
      g_autoptr(GBytes) wave_memory = NULL, wave_disk = NULL, wave_kept = NULL;
      g_autofree char *json_memory = NULL, *json_disk = NULL;
      g_autoptr(GByteArray) written = g_byte_array_new ();
      Pieces pieces = { written, 0, 0 };
      CoAnalysisParams params;
      gboolean cached = TRUE;
      gsize n;

      co_analysis_params_init (&params);
      params.serial = serial;
      memory = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      params.envelope_on_disk = TRUE;
      disk = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      /* Seven thousand windows in memory, none on disk. */
      co_analysis_get_rms (memory, &n);
      g_assert_cmpuint (n, >, 7000);
      co_analysis_get_rms (disk, &n);
      g_assert_cmpuint (n, ==, 0);
      co_analysis_get_peak (disk, &n);
      g_assert_cmpuint (n, ==, 0);
      for (guint level = 0; level < co_analysis_get_n_zoom_levels (disk); level++)
        {
          co_analysis_get_waveform (disk, level, NULL, &n);
          g_assert_cmpuint (n, ==, 0);
        }

      json_memory = co_analysis_to_json_string (memory, FALSE);
      json_disk = co_analysis_to_json_string (disk, FALSE);
      g_assert_cmpstr (json_memory, ==, json_disk);
      wave_memory = co_analysis_serialize_waveform (memory);
      g_assert_cmpuint (co_analysis_get_waveform_size (disk), ==, g_bytes_get_size (wave_memory));
      g_assert_true (co_analysis_write_waveform (disk, collect_piece_cb, &pieces, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (written->data, written->len, g_bytes_get_data (wave_memory, NULL),
                       g_bytes_get_size (wave_memory));
      g_assert_cmpuint (pieces.largest, <=, 64 * 1024);
      g_assert_cmpuint (pieces.pieces, >=, written->len / (64 * 1024));

      /* Through the store: kept from the disk, read back whole by a view,
       * and served to the command line without its waveform. */
      g_clear_pointer (&disk, co_analysis_unref);
      disk = co_analysis_cache_run (store, path, &params, &cached, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (cached == (serial == 1));
      params.envelope_on_disk = FALSE;
      kept = co_analysis_cache_lookup (store, path, &params, &error);
      g_assert_no_error (error);
      g_assert_nonnull (kept);
      wave_kept = co_analysis_serialize_waveform (kept);
      g_assert_true (g_bytes_equal (wave_kept, wave_memory));
      params.envelope_on_disk = TRUE;
      again = co_analysis_cache_run (store, path, &params, &cached, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (cached);
      co_analysis_get_rms (again, &n);
      g_assert_cmpuint (n, ==, 0);
      wave_disk = co_analysis_serialize_waveform (again);
      g_assert_cmpuint (g_bytes_get_size (wave_disk), <, g_bytes_get_size (wave_memory));
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/media/analysis-cache/same-params-cached", test_cached);
  g_test_add_func ("/media/analysis-cache/changed-file", test_changed_file);
  g_test_add_func ("/media/analysis-cache/purged-with-asset", test_purged_with_asset);
  g_test_add_func ("/media/analysis-cache/lookup", test_lookup);
  g_test_add_func ("/media/analysis-cache/lookup-async", test_lookup_async);
  g_test_add_func ("/media/analysis-cache/streamed", test_streamed);
  g_test_add_func ("/media/analysis-cache/streamed-memory", test_streamed_memory);
  g_test_add_func ("/media/analysis-cache/envelope-on-disk", test_envelope_on_disk);

  return g_test_run ();
}
