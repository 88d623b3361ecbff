/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-file-error.h"
#include "co-subtitle-error.h"
#include "co-test-util.h"
#include "co-transcript-store.h"
#include "co-vault.h"

/* The words recognised in a file, kept per file and per engine setting. */

#define SOURCE "file:/talks/talk.mp4:1234:1700000000.000000000"

static GPtrArray *
make_words (void)
{
  GPtrArray *words = co_speech_word_list_new ();

  g_ptr_array_add (words, co_speech_word_new ("hello", 0.5, 0.8, 0.9));
  g_ptr_array_add (words, co_speech_word_new ("wörld", 0.85, 1.403, 0.125));
  g_ptr_array_add (words, co_speech_word_new ("", 2.0, 2.0, 0.0));
  return words;
}

static void
assert_same_words (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const CoSpeechWord *x = a->pdata[i];
      const CoSpeechWord *y = b->pdata[i];

      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpfloat (x->start, ==, y->start);
      g_assert_cmpfloat (x->end, ==, y->end);
      g_assert_cmpfloat (x->confidence, ==, y->confidence);
    }
}

/* Words come back exactly; each parameters key has its own words. */
static void
test_round_trip (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(GPtrArray) words = make_words ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GError) error = NULL;

  none = co_transcript_store_load (store, SOURCE, "engine-a", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_true (co_transcript_store_save (store, SOURCE, "engine-a", words, &error));
  g_assert_no_error (error);
  loaded = co_transcript_store_load (store, SOURCE, "engine-a", &error);
  g_assert_no_error (error);
  assert_same_words (words, loaded);

  other = co_transcript_store_load (store, SOURCE, "engine-b", &error);
  g_assert_no_error (error);
  g_assert_null (other);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Damaged kept words are an error naming the file, never a crash. */
static void
test_damaged (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  const char *damaged[] = {
    "", "null", "{\"words\": {}}", "{\"words\": [ {\"text\": \"hi\"} ]}",
    "{\"words\": [ {\"text\": 5, \"start\": 0, \"end\": 1, \"confidence\": 1} ]}",
    "{\"words\": [ {\"text\": \"hi\", \"start\": \"0\", \"end\": 1, \"confidence\": 1} ]}",
    "{\"words\": [ [] ]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("kept: %s", damaged[i]);
      g_assert_true (co_store_put_result (store, CO_TRANSCRIPT_RESULT_KIND, SOURCE, "p",
                                          damaged[i], NULL, &error));
      loaded = co_transcript_store_load (store, SOURCE, "p", &error);
      g_assert_null (loaded);
      g_assert_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "/talks/talk.mp4"));
    }
  g_assert_finalize_object (g_steal_pointer (&store));
}

static GPtrArray *
words_of (const char *const *texts)
{
  GPtrArray *words = co_speech_word_list_new ();

  for (guint i = 0; texts[i] != NULL; i++)
    g_ptr_array_add (words, co_speech_word_new (texts[i], i, i + 0.5, 0.8));
  return words;
}

static gint64
import_sound (CoVault    *vault,
              const char *path)
{
  CoVaultNewItem meta = {
    .type = CO_VAULT_TYPE_AUDIO, .mime = "audio/x-wav", .original_name = "talk.wav",
    .duration = 3, .created_at = 1000000,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = co_vault_import_file (vault, path, &meta, NULL, NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* The ids of the items @text finds, as "1 2", newest first. */
static char *
found_ids (CoVault    *vault,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = co_vault_list (vault, &(CoVaultQuery) { .search = text }, 0, 10,
                                              &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            co_vault_item_get_id (g_ptr_array_index (items, i)));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

#define assert_found(vault, text, expected) \
  G_STMT_START { \
    g_autofree char *found_ = found_ids (vault, text); \
    g_assert_cmpstr (found_, ==, expected); \
  } G_STMT_END

/* Keeping the words of a stored file makes its items searchable by them,
 * whole or by their beginnings; newer words replace older ones. */
static void
test_searchable (void)
{
  const char *first[] = { "today", "a", "gimbal", "stabilisation", "trick", NULL };
  const char *second[] = { "softbox", "placement", NULL };
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autofree char *dir = co_test_make_temp_dir ("talks");
  g_autofree char *path = co_test_write_file (dir, "talk.wav", "RIFF talk one", -1);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "RIFF talk one", -1);
  g_autoptr(GPtrArray) words = words_of (first);
  g_autoptr(GPtrArray) later = words_of (second);
  g_autoptr(GError) error = NULL;
  gint64 id = import_sound (vault, path);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  co_vault_add_note (vault, "Notes", "nothing spoken here", NULL, &error);
  g_assert_no_error (error);
  assert_found (vault, "gimbal", "");
  /* An outside file's words name no item. */
  g_assert_true (co_transcript_store_save (store, SOURCE, "p", words, &error));
  assert_found (vault, "gimbal", "");

  g_assert_true (co_transcript_store_save (store, sha, "p", words, &error));
  g_assert_no_error (error);
  assert_found (vault, "gimbal", id_text);
  assert_found (vault, "stabilis", id_text);
  assert_found (vault, "stabilising tricks", id_text);
  assert_found (vault, "talk", id_text);
  assert_found (vault, "spoken", "2");

  g_assert_true (co_transcript_store_save (store, sha, "q", later, &error));
  assert_found (vault, "gimbal", "");
  assert_found (vault, "softb", id_text);
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Content transcribed before it was imported is searchable once it is;
 * damaged kept words are skipped. */
static void
test_searchable_after_import (void)
{
  const char *texts[] = { "welcome", "to", "the", "podcast", NULL };
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autofree char *dir = co_test_make_temp_dir ("talks");
  g_autofree char *damaged = co_test_write_file (dir, "damaged.wav", "RIFF talk two", -1);
  g_autofree char *path = co_test_write_file (dir, "talk.wav", "RIFF talk three", -1);
  g_autofree char *damaged_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                                "RIFF talk two", -1);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "RIFF talk three", -1);
  g_autoptr(GPtrArray) words = words_of (texts);
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;

  g_assert_true (co_store_put_result (store, CO_TRANSCRIPT_RESULT_KIND, damaged_sha, "damaged",
                                      "{\"words\": [\"podcast\", 5, {", NULL, &error));
  g_assert_true (co_store_put_result (store, CO_TRANSCRIPT_RESULT_KIND, damaged_sha, "odd",
                                      "{\"words\": [\"podcast\", 5, {\"start\": 1}]}", NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (import_sound (vault, damaged), >, 0);
  assert_found (vault, "podcast", "");

  g_assert_true (co_transcript_store_save (store, sha, "p", words, &error));
  g_assert_no_error (error);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, import_sound (vault, path));
  assert_found (vault, "podcast", id_text);
  assert_found (vault, "welc", id_text);
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* A file outside the library is matched with the item that holds its
 * content, and only with that one. */
static void
test_digest_for_file (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autofree char *dir = co_test_make_temp_dir ("talks");
  g_autofree char *original = co_test_write_file (dir, "talk.wav", "RIFF talk one", -1);
  g_autofree char *copy = co_test_write_file (dir, "copy.wav", "RIFF talk one", -1);
  g_autofree char *same_size = co_test_write_file (dir, "other.wav", "RIFF talk 1!!", -1);
  g_autofree char *missing = g_build_filename (dir, "missing.wav", NULL);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "RIFF talk one", -1);
  g_autofree char *digest = NULL;
  g_autoptr(GError) error = NULL;

  digest = co_vault_dup_digest_for_file (store, copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (digest);
  import_sound (vault, original);
  digest = co_vault_dup_digest_for_file (store, copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (digest, ==, sha);
  g_clear_pointer (&digest, g_free);
  digest = co_vault_dup_digest_for_file (store, same_size, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (digest);
  digest = co_vault_dup_digest_for_file (store, missing, NULL, &error);
  g_assert_null (digest);
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.wav"));
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/transcript-store/round-trip", test_round_trip);
  g_test_add_func ("/core/transcript-store/damaged", test_damaged);
  g_test_add_func ("/core/transcript-store/searchable", test_searchable);
  g_test_add_func ("/core/transcript-store/searchable-after-import", test_searchable_after_import);
  g_test_add_func ("/core/transcript-store/digest-for-file", test_digest_for_file);

  return g_test_run ();
}
