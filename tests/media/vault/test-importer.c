/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-importer.h"
#include "co-media-error.h"
#include "co-similarity.h"
#include "co-test-media.h"
#include "co-test-util.h"

typedef struct
{
  CoStore *store;
  CoVault *vault;
  char    *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = co_test_store_new ();
  fixture->vault = co_vault_new (fixture->store);
  fixture->dir = co_test_make_temp_dir ("import-src");
}

/* Polls, since a reference dropped on another thread does not wake the
 * main context; bounded at about five seconds. */
static void
wait_only_fixture_holds (gpointer object)
{
  for (int i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A GTask's worker thread may drop its reference to the vault (the task's
   * source object) just after the callback ran on the main thread. */
  wait_only_fixture_holds (fixture->vault);
  g_assert_finalize_object (fixture->vault);
  g_assert_finalize_object (fixture->store);
  g_free (fixture->dir);
}

static gint64
count_items (Fixture *fixture)
{
  CoVaultQuery query = { .trash = CO_VAULT_TRASH_INCLUDE };
  g_autoptr(GError) error = NULL;
  gint64 n = co_vault_count (fixture->vault, &query, &error);

  g_assert_no_error (error);
  return n;
}

/* Regular files anywhere under @dir (the blob store, the thumbnails). */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_files (path);
      else
        n++;
    }
  return n;
}

static guint
count_store_files (Fixture    *fixture,
                   const char *sub)
{
  g_autofree char *dir = g_build_filename (co_store_get_data_dir (fixture->store), sub, NULL);

  return count_files (dir);
}

static CoVaultItem *
import_ok (Fixture               *fixture,
           const char            *path,
           const CoImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  gboolean duplicate = TRUE;
  gint64 id = co_importer_import_file (fixture->vault, path, options, &duplicate, NULL, &error);
  CoVaultItem *item;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (duplicate);
  item = co_vault_get (fixture->vault, id, &error);
  g_assert_no_error (error);
  return item;
}

static void
assert_thumbnail (Fixture     *fixture,
                  CoVaultItem *item,
                  gboolean     expected)
{
  g_autofree char *thumb = co_store_dup_thumbnail_path (fixture->store,
                                                        co_vault_item_get_sha256 (item));
  guint64 phash = 0;

  g_assert_cmpint (g_file_test (thumb, G_FILE_TEST_IS_REGULAR), ==, expected);
  g_assert_cmpint (co_vault_item_get_phash (item, &phash), ==, expected);
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  const char *tags[] = { "sky", "blue", NULL };
  CoImportOptions options = { .title = "Sky study", .notes = "for the intro",
                              .source_url = "https://example.org/sky", .tags = tags };
  g_autofree char *path = co_test_media_write_png (fixture->dir, "sky.png", 300, 200,
                                                   CO_TEST_PATTERN_GRADIENT);
  g_autoptr(CoVaultItem) item = import_ok (fixture, path, &options);
  g_autofree char *blob = co_store_dup_blob_path (fixture->store,
                                                  co_vault_item_get_sha256 (item));

  g_assert_cmpint (co_vault_item_get_item_type (item), ==, CO_VAULT_TYPE_IMAGE);
  g_assert_cmpstr (co_vault_item_get_mime (item), ==, "image/png");
  g_assert_cmpstr (co_vault_item_get_title (item), ==, "Sky study");
  g_assert_cmpstr (co_vault_item_get_notes (item), ==, "for the intro");
  g_assert_cmpstr (co_vault_item_get_source_url (item), ==, "https://example.org/sky");
  g_assert_cmpstr (co_vault_item_get_original_name (item), ==, "sky.png");
  g_assert_cmpint (co_vault_item_get_width (item), ==, 300);
  g_assert_cmpint (co_vault_item_get_height (item), ==, 200);
  g_assert_cmpuint (g_strv_length ((char **)co_vault_item_get_tags (item)), ==, 2);
  g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
  assert_thumbnail (fixture, item, TRUE);
}

static void
test_video (Fixture       *fixture,
            gconstpointer  data)
{
  CoTestVideo spec = { .container = GPOINTER_TO_INT (data), .duration = 2, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_CIRCLES };
  const char *name = spec.container == CO_TEST_CONTAINER_MP4 ? "clip.mp4" : "clip.webm";
  g_autofree char *path = co_test_media_write_video (fixture->dir, name, &spec);
  g_autoptr(CoVaultItem) item = import_ok (fixture, path, NULL);

  g_assert_cmpint (co_vault_item_get_item_type (item), ==, CO_VAULT_TYPE_VIDEO);
  g_assert_cmpstr (co_vault_item_get_mime (item), ==,
                   spec.container == CO_TEST_CONTAINER_MP4 ? "video/mp4" : "video/webm");
  g_assert_cmpstr (co_vault_item_get_title (item), ==, name);
  g_assert_cmpint (co_vault_item_get_width (item), ==, 160);
  g_assert_cmpint (co_vault_item_get_height (item), ==, 120);
  g_assert_cmpfloat_with_epsilon (co_vault_item_get_duration (item), 2.0, 0.2);
  g_assert_nonnull (strstr (co_vault_item_get_codecs (item),
                            spec.container == CO_TEST_CONTAINER_MP4 ? "H.264" : "VP8"));
  assert_thumbnail (fixture, item, TRUE);
}

static void
test_wav (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_audio (fixture->dir, "voice.wav",
                                                     CO_TEST_AUDIO_WAV, 1.0);
  g_autoptr(CoVaultItem) item = import_ok (fixture, path, NULL);

  g_assert_cmpint (co_vault_item_get_item_type (item), ==, CO_VAULT_TYPE_AUDIO);
  g_assert_cmpfloat_with_epsilon (co_vault_item_get_duration (item), 1.0, 0.05);
  g_assert_cmpint (co_vault_item_get_width (item), ==, 0);
  assert_thumbnail (fixture, item, FALSE);
}

static void
test_text_note (Fixture       *fixture,
                gconstpointer  data)
{
  const char *text = "\n  Rooftop timelapse  \nShoot at dawn, 6 am.\n";
  g_autofree char *path = co_test_media_write_text (fixture->dir, "ideas.txt", text);
  g_autoptr(CoVaultItem) item = import_ok (fixture, path, NULL);

  g_assert_cmpint (co_vault_item_get_item_type (item), ==, CO_VAULT_TYPE_NOTE);
  g_assert_cmpstr (co_vault_item_get_body (item), ==, text);
  g_assert_cmpstr (co_vault_item_get_title (item), ==, "Rooftop timelapse");
  assert_thumbnail (fixture, item, FALSE);
}

static void
test_png_named_mp4 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "movie.mp4", 64, 64,
                                                   CO_TEST_PATTERN_STRIPES);
  g_autoptr(CoVaultItem) item = import_ok (fixture, path, NULL);

  g_assert_cmpint (co_vault_item_get_item_type (item), ==, CO_VAULT_TYPE_IMAGE);
  g_assert_cmpstr (co_vault_item_get_mime (item), ==, "image/png");
}

/* The same content twice, under two names, is stored once. */
static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  const char *tags[] = { "again", NULL };
  CoImportOptions options = { .tags = tags };
  g_autofree char *path = co_test_media_write_png (fixture->dir, "a.png", 50, 50,
                                                   CO_TEST_PATTERN_CIRCLES);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy-of-a.png", NULL);
  g_autoptr(CoVaultItem) first = import_ok (fixture, path, NULL);
  g_autoptr(CoVaultItem) merged = NULL;
  g_autoptr(GError) error = NULL;
  gboolean duplicate = FALSE;
  g_autofree char *contents = NULL;
  gsize len;
  gint64 id;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize)len, NULL));

  id = co_importer_import_file (fixture->vault, path, NULL, &duplicate, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (duplicate);
  g_assert_cmpint (id, ==, co_vault_item_get_id (first));

  duplicate = FALSE;
  id = co_importer_import_file (fixture->vault, copy, &options, &duplicate, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (duplicate);
  g_assert_cmpint (id, ==, co_vault_item_get_id (first));

  g_assert_cmpint (count_items (fixture), ==, 1);
  g_assert_cmpuint (count_store_files (fixture, "blobs"), ==, 1);
  g_assert_cmpuint (count_store_files (fixture, "thumbnails"), ==, 1);
  merged = co_vault_get (fixture->vault, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains (co_vault_item_get_tags (merged), "again"));
}

/* Two different images get hashes far apart, the same picture at two sizes
 * close: what "similar items" relies on. */
static void
test_phash_stored (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *a = co_test_media_write_png (fixture->dir, "a.png", 320, 240,
                                                CO_TEST_PATTERN_NOISE);
  g_autofree char *b = co_test_media_write_jpeg (fixture->dir, "b.jpg", 160, 120,
                                                 CO_TEST_PATTERN_NOISE, 70);
  g_autofree char *c = co_test_media_write_png (fixture->dir, "c.png", 320, 240,
                                                CO_TEST_PATTERN_CIRCLES);
  g_autoptr(CoVaultItem) ia = import_ok (fixture, a, NULL);
  g_autoptr(CoVaultItem) ib = import_ok (fixture, b, NULL);
  g_autoptr(CoVaultItem) ic = import_ok (fixture, c, NULL);
  guint64 ha = 0, hb = 0, hc = 0;

  g_assert_true (co_vault_item_get_phash (ia, &ha));
  g_assert_true (co_vault_item_get_phash (ib, &hb));
  g_assert_true (co_vault_item_get_phash (ic, &hc));
  g_assert_cmpint (co_similarity_hamming (ha, hb), <=, 6);
  g_assert_cmpint (co_similarity_hamming (ha, hc), >, 12);
}

typedef char *(*MakeBad) (Fixture *fixture);

typedef struct
{
  const char *name;
  MakeBad     make;
  CoProbeFlags flags;
  gint64      max_size;
  int         code;
} BadInput;

static char *
make_missing (Fixture *f)
{
  return g_build_filename (f->dir, "gone.png", NULL);
}

static char *
make_empty (Fixture *f)
{
  return co_test_media_write_empty (f->dir, "empty.mp4");
}

static char *
make_random (Fixture *f)
{
  return co_test_media_write_random (f->dir, "noise.jpg", 10000, 3);
}

static char *
make_text_wav (Fixture *f)
{
  return co_test_media_write_text (f->dir, "song.wav", "not a song\n");
}

static char *
make_truncated_mp4 (Fixture *f)
{
  return co_test_media_write_truncated_mp4 (f->dir, "cut.mp4", 3.0, 0.5);
}

static char *
make_headerless_mp4 (Fixture *f)
{
  return co_test_media_write_headerless_mp4 (f->dir, "rec.mp4", 2.0);
}

static char *
make_short_wav (Fixture *f)
{
  return co_test_media_write_short_wav (f->dir, "short.wav", 2.0, 0.3);
}

static char *
make_loop (Fixture *f)
{
  return co_test_media_make_symlink_loop (f->dir, "loop.webm");
}

static char *
make_dir (Fixture *f)
{
  return co_test_media_make_dir (f->dir, "folder.png");
}

static char *
make_silent_video (Fixture *f)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_WEBM, .duration = 1 };

  return co_test_media_write_video (f->dir, "silent.webm", &spec);
}

static char *
make_big_png (Fixture *f)
{
  return co_test_media_write_png (f->dir, "big.png", 100, 100, CO_TEST_PATTERN_NOISE);
}

static char *
make_cut_png (Fixture *f)
{
  char *path = co_test_media_write_png (f->dir, "cut.png", 200, 200, CO_TEST_PATTERN_NOISE);

  co_test_media_truncate (path, 0.6);
  return path;
}

/* Issue 11's reproducers: the first half of a 2 s Ogg imported as 1 s of
 * sound, 10 % of a Matroska file as a whole one, a WAV whose byte rate is 0
 * claiming 2 GB and holding 1 KB as a whole one, and a 74-byte PNG claiming
 * 10⁶ × 10⁶ pixels asked for terabytes. */
static char *
make_half_ogg (Fixture *f)
{
  char *path = co_test_media_write_audio (f->dir, "half.ogg", CO_TEST_AUDIO_OGG, 2.0);

  co_test_media_truncate (path, 0.5);
  return path;
}

static char *
make_tenth_mkv (Fixture *f)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MKV, .duration = 3, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_NOISE };
  char *path = co_test_media_write_video (f->dir, "tenth.mkv", &spec);

  co_test_media_truncate (path, 0.1);
  return path;
}

static char *
make_rateless_wav (Fixture *f)
{
  return co_test_media_write_wav_header (f->dir, "zero.wav", 0, 2000000000u, 1024);
}

static char *
make_pixel_bomb (Fixture *f)
{
  return co_test_media_write_image_header (f->dir, "bomb.png", CO_TEST_IMAGE_PNG, 1000000,
                                           1000000);
}

static char *
make_nul_note (Fixture *f)
{
  return co_test_write_file (f->dir, "note.txt", "first line\nsec\0ond line\n", 24);
}

static const BadInput bad_inputs[] = {
  { "missing", make_missing, 0, 0, CO_MEDIA_ERROR_NOT_FOUND },
  { "empty", make_empty, 0, 0, CO_MEDIA_ERROR_EMPTY },
  { "random-bytes", make_random, 0, 0, CO_MEDIA_ERROR_UNSUPPORTED },
  { "text-named-wav", make_text_wav, 0, 0, CO_MEDIA_ERROR_UNSUPPORTED },
  { "truncated-mp4", make_truncated_mp4, 0, 0, CO_MEDIA_ERROR_TRUNCATED },
  { "headerless-mp4", make_headerless_mp4, 0, 0, CO_MEDIA_ERROR_CORRUPT },
  { "short-wav", make_short_wav, 0, 0, CO_MEDIA_ERROR_TRUNCATED },
  { "unreadable", make_loop, 0, 0, CO_MEDIA_ERROR_UNREADABLE },
  { "directory", make_dir, 0, 0, CO_MEDIA_ERROR_NOT_A_FILE },
  { "no-audio", make_silent_video, CO_PROBE_REQUIRE_AUDIO, 0, CO_MEDIA_ERROR_NO_AUDIO },
  { "too-large", make_big_png, 0, 1000, CO_MEDIA_ERROR_TOO_LARGE },
  { "corrupt-png", make_cut_png, 0, 0, CO_MEDIA_ERROR_CORRUPT },
  { "half-ogg", make_half_ogg, 0, 0, CO_MEDIA_ERROR_TRUNCATED },
  { "tenth-mkv", make_tenth_mkv, 0, 0, CO_MEDIA_ERROR_TRUNCATED },
  { "rateless-wav", make_rateless_wav, 0, 0, CO_MEDIA_ERROR_TRUNCATED },
  { "pixel-bomb", make_pixel_bomb, 0, 0, CO_MEDIA_ERROR_TOO_MANY_PIXELS },
  { "nul-note", make_nul_note, 0, 0, CO_MEDIA_ERROR_UNSUPPORTED },
};

/* Every bad input is refused with its own reason and leaves nothing: no
 * item, no stored file, no thumbnail, no temporary file. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  const BadInput *bad = data;
  CoImportOptions options = { .probe_flags = bad->flags, .max_size = bad->max_size };
  g_autofree char *path = bad->make (fixture);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  gboolean duplicate = FALSE;
  gint64 id;

  id = co_importer_import_file (fixture->vault, path, &options, &duplicate, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, CO_MEDIA_ERROR, bad->code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_false (duplicate);

  g_assert_cmpint (count_items (fixture), ==, 0);
  g_assert_cmpuint (count_store_files (fixture, "blobs"), ==, 0);
  g_assert_cmpuint (count_store_files (fixture, "thumbnails"), ==, 0);
}

typedef struct
{
  GPtrArray *results;
  GError    *error;
  GPtrArray *messages;
  gboolean   done;
} AsyncState;

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  state->results = co_importer_import_finish (CO_VAULT (source), result, &state->error);
  state->done = TRUE;
}

static void
job_message_cb (CoJob      *job,
                GParamSpec *pspec,
                AsyncState *state)
{
  g_ptr_array_add (state->messages, co_job_dup_message (job));
}

static CoImportResult *
result_at (AsyncState *state,
           guint       i)
{
  return g_ptr_array_index (state->results, i);
}

/* A failure in the middle stops nothing; results come back in order; the
 * job names each file as it goes and ends done. */
static void
test_async_batch (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *png = co_test_media_write_png (fixture->dir, "one.png", 40, 40,
                                                  CO_TEST_PATTERN_CHECKER);
  g_autofree char *bad = co_test_media_write_random (fixture->dir, "two.bin", 500, 9);
  g_autofree char *wav = co_test_media_write_audio (fixture->dir, "three.wav",
                                                    CO_TEST_AUDIO_WAV, 0.5);
  const char *paths[] = { png, bad, wav, png, NULL };
  const char *tags[] = { "batch", NULL };
  CoImportOptions options = { .tags = tags };
  g_autoptr(CoJob) job = co_job_new ("import", "Import files");
  AsyncState state = { .messages = g_ptr_array_new_with_free_func (g_free) };
  gboolean saw_name = FALSE;

  g_signal_connect (job, "notify::message", G_CALLBACK (job_message_cb), &state);
  co_importer_import_async (fixture->vault, paths, &options, job, NULL, import_done_cb, &state);
  co_test_wait_flag (&state.done, 60000);

  g_assert_no_error (state.error);
  g_assert_cmpuint (state.results->len, ==, 4);
  g_assert_cmpstr (result_at (&state, 0)->path, ==, png);
  g_assert_cmpint (result_at (&state, 0)->id, >, 0);
  g_assert_error (result_at (&state, 1)->error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED);
  g_assert_cmpint (result_at (&state, 1)->id, ==, 0);
  g_assert_no_error (result_at (&state, 2)->error);
  g_assert_cmpint (result_at (&state, 2)->id, >, 0);
  g_assert_true (result_at (&state, 3)->duplicate);
  g_assert_cmpint (result_at (&state, 3)->id, ==, result_at (&state, 0)->id);
  g_assert_cmpint (count_items (fixture), ==, 2);

  co_test_wait_until ((gboolean (*) (gpointer))co_job_is_finished, job, 5000);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  for (guint i = 0; i < state.messages->len; i++)
    saw_name |= strstr (g_ptr_array_index (state.messages, i), "one.png") != NULL ||
                strstr (g_ptr_array_index (state.messages, i), "three.wav") != NULL;
  g_assert_true (saw_name);
  g_assert_cmpuint (state.messages->len, >, 0);

  g_signal_handlers_disconnect_by_data (job, &state);
  g_ptr_array_unref (state.results);
  g_ptr_array_unref (state.messages);
}

static void
test_async_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *png = co_test_media_write_png (fixture->dir, "one.png", 40, 40,
                                                  CO_TEST_PATTERN_CHECKER);
  const char *paths[] = { png, png, NULL };
  g_autoptr(CoJob) job = co_job_new ("import", "Import files");
  AsyncState state = { NULL, };

  co_job_cancel (job);
  co_importer_import_async (fixture->vault, paths, NULL, job, NULL, import_done_cb, &state);
  co_test_wait_flag (&state.done, 60000);

  g_assert_no_error (state.error);
  g_assert_cmpuint (state.results->len, ==, 2);
  for (guint i = 0; i < state.results->len; i++)
    g_assert_error (result_at (&state, i)->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_items (fixture), ==, 0);
  co_test_wait_until ((gboolean (*) (gpointer))co_job_is_finished, job, 5000);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  g_ptr_array_unref (state.results);
}

/* Seeded property test: a random sequence of imports drawn from a small set
 * of files (with repeats and byte-identical copies under other names) ends
 * with exactly one item and one stored file per distinct content. */
static void
test_dedup_property (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%d.png", i);

      g_ptr_array_add (files, co_test_media_write_png (fixture->dir, name, 8 + i, 8,
                                                       (CoTestPattern)(i % 5)));
    }
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("copy%d.png", i);
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, i), &contents, &len, NULL));
      g_ptr_array_add (files, co_test_write_file (fixture->dir, name, contents, (gssize)len));
    }

  for (int step = 0; step < 100; step++)
    {
      const char *path = g_ptr_array_index (files, g_rand_int_range (rand, 0, files->len));
      g_autofree char *sha = co_store_hash_file (path, NULL, NULL, NULL);
      g_autoptr(GError) error = NULL;
      gboolean duplicate = FALSE;
      gint64 id;

      id = co_importer_import_file (fixture->vault, path, NULL, &duplicate, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      g_assert_cmpint (duplicate, ==, g_hash_table_contains (seen, sha));
      g_hash_table_add (seen, g_steal_pointer (&sha));
    }
  g_assert_cmpint (count_items (fixture), ==, g_hash_table_size (seen));
  g_assert_cmpuint (count_store_files (fixture, "blobs"), ==, g_hash_table_size (seen));
}

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  ADD ("/media/importer/png", NULL, test_png);
  ADD ("/media/importer/webm", GINT_TO_POINTER (CO_TEST_CONTAINER_WEBM), test_video);
  ADD ("/media/importer/mp4", GINT_TO_POINTER (CO_TEST_CONTAINER_MP4), test_video);
  ADD ("/media/importer/wav", NULL, test_wav);
  ADD ("/media/importer/text-note", NULL, test_text_note);
  ADD ("/media/importer/png-named-mp4", NULL, test_png_named_mp4);
  ADD ("/media/importer/duplicate", NULL, test_duplicate);
  ADD ("/media/importer/phash-stored", NULL, test_phash_stored);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/media/importer/bad/%s", bad_inputs[i].name);

      ADD (path, &bad_inputs[i], test_bad_input);
    }
  ADD ("/media/importer/async-batch", NULL, test_async_batch);
  ADD ("/media/importer/async-cancelled", NULL, test_async_cancelled);
  ADD ("/media/importer/dedup-property", NULL, test_dedup_property);

  return g_test_run ();
}
