/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-cue-store.h"
#include "co-file-error.h"
#include "co-subtitle-error.h"
#include "co-test-util.h"

/* The subtitles kept with a media file. */

typedef struct
{
  CoStore *store;
  char    *dir;
  char    *path;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->store = co_test_store_new ();
  fx->dir = co_test_make_temp_dir ("cue-store");
  fx->path = co_test_write_file (fx->dir, "talk.mp4", "pretend video", -1);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fx->store));
  g_free (fx->path);
  g_free (fx->dir);
}

static GPtrArray *
make_cues (void)
{
  GPtrArray *cues = co_cue_list_new ();
  CoCue *flagged = co_cue_new (2500000, 4000000, "Second line\nwith “quotes” and ünïcode");

  g_ptr_array_add (cues, co_cue_new (0, 1200000, "First"));
  flagged->confidence = 0.25;
  flagged->flagged = TRUE;
  g_ptr_array_add (cues, flagged);
  return cues;
}

static void
assert_same_cues (GPtrArray *a,
                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const CoCue *x = a->pdata[i];
      const CoCue *y = b->pdata[i];

      g_assert_cmpint (x->start_us, ==, y->start_us);
      g_assert_cmpint (x->end_us, ==, y->end_us);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpfloat (x->confidence, ==, y->confidence);
      g_assert_cmpint (x->flagged, ==, y->flagged);
    }
}

static void
test_round_trip (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) cues = make_cues ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) replaced = NULL;
  g_autoptr(GError) error = NULL;

  none = co_cue_store_load (fx->store, fx->path, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_true (co_cue_store_save (fx->store, fx->path, cues, &error));
  g_assert_no_error (error);
  loaded = co_cue_store_load (fx->store, fx->path, &error);
  g_assert_no_error (error);
  assert_same_cues (cues, loaded);

  /* Saving again replaces; an empty list is kept as such. */
  g_ptr_array_set_size (cues, 0);
  g_assert_true (co_cue_store_save (fx->store, fx->path, cues, &error));
  replaced = co_cue_store_load (fx->store, fx->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (replaced);
  g_assert_cmpuint (replaced->len, ==, 0);
}

/* The cues belong to the file as it is: changing it leaves them behind. */
static void
test_file_changed (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) cues = make_cues ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (co_cue_store_save (fx->store, fx->path, cues, &error));
  g_assert_true (g_file_set_contents (fx->path, "another video, longer", -1, NULL));
  loaded = co_cue_store_load (fx->store, fx->path, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
}

static void
test_missing_file (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (fx->dir, "gone.mp4", NULL);
  g_autoptr(GPtrArray) cues = make_cues ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (co_cue_store_save (fx->store, gone, cues, &error));
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.mp4"));
  g_clear_error (&error);
  loaded = co_cue_store_load (fx->store, gone, &error);
  g_assert_null (loaded);
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
}

/* Damaged kept cues are an error that names the file, never a crash and
 * never an empty list that would silently replace them. */
static void
test_damaged (Fixture       *fx,
              gconstpointer  data)
{
  const char *damaged[] = {
    "not json", "[]", "{}", "{\"cues\": 3}", "{\"cues\": [ {\"start_us\": 0} ]}",
    "{\"cues\": [ 7 ]}",
  };
  g_autofree char *key = co_store_dup_source_key (fx->path, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("kept: %s", damaged[i]);
      g_assert_true (co_store_put_result (fx->store, CO_SUBTITLES_RESULT_KIND, key, "", damaged[i],
                                          NULL, &error));
      loaded = co_cue_store_load (fx->store, fx->path, &error);
      g_assert_null (loaded);
      g_assert_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "talk.mp4"));
    }
}

/* A stored file's cues are kept under its digest and go when it is purged. */
static void
test_stored_file (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) cues = make_cues ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = co_store_add_blob (fx->store, fx->path, NULL, NULL, &error);
  g_autofree char *blob = co_store_dup_blob_path (fx->store, sha);

  g_assert_no_error (error);
  g_assert_true (co_cue_store_save (fx->store, blob, cues, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (co_store_delete_results (fx->store, sha), ==, 1);
  loaded = co_cue_store_load (fx->store, blob, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/cue-store/round-trip", test_round_trip);
  ADD ("/core/cue-store/file-changed", test_file_changed);
  ADD ("/core/cue-store/missing-file", test_missing_file);
  ADD ("/core/cue-store/damaged", test_damaged);
  ADD ("/core/cue-store/stored-file", test_stored_file);
#undef ADD

  return g_test_run ();
}
