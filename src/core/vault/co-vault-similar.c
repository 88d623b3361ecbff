/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-similarity.h"
#include "co-store-private.h"
#include "co-task.h"
#include "co-vault-error.h"
#include "co-vault-item-private.h"
#include "co-vault-private.h"

/* How many full-text candidates are scored in detail. */
#define TEXT_CANDIDATES 200
/* Images whose hashes differ in at most this many of 64 bits look alike. */
#define PHASH_MAX_DISTANCE 12
/* Text matches below this score are not worth showing as "similar". */
#define TEXT_MIN_SCORE 0.2

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const CoVaultMatch *ma = *(CoVaultMatch **)a;
  const CoVaultMatch *mb = *(CoVaultMatch **)b;

  if (ma->score != mb->score)
    return ma->score > mb->score ? -1 : 1;
  return co_vault_item_get_id (ma->item) < co_vault_item_get_id (mb->item) ? -1 : 1;
}

static CoVaultMatch *
match_new (CoVaultItem *item,
           double       score,
           char        *reason)
{
  CoVaultMatch *match = g_new0 (CoVaultMatch, 1);

  match->item = g_object_ref (item);
  match->score = score;
  match->reason = reason;
  return match;
}

static char *
item_words (CoVaultItem *item)
{
  g_autofree char *tags = g_strjoinv (" ", (char **)co_vault_item_get_tags (item));

  return g_strjoin (" ", co_vault_item_get_title (item), co_vault_item_get_body (item),
                    co_vault_item_get_notes (item), tags, NULL);
}

/* Runs an "any of these words" search and returns the best-ranked items,
 * the cheap first cut before the detailed comparison. */
static GPtrArray *
text_candidates (CoVault      *self,
                 CoVaultItem  *item,
                 GError      **error)
{
  CoStore *store = co_vault_get_store (self);
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *words = item_words (item);
  g_autofree char *match = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* An item with no words has no text neighbours; that is not an error. */
  match = _co_vault_fts_query (store, words, TRUE, FALSE, NULL);
  if (match == NULL)
    return g_steal_pointer (&found);

  stmt = _co_store_prepare (store,
                            "SELECT " CO_VAULT_ITEM_COLUMNS " FROM vault_fts f"
                            " JOIN vault_items v ON v.id = f.rowid"
                            " WHERE vault_fts MATCH ? AND v.id != ? AND v.trashed_at IS NULL"
                            " ORDER BY f.rank LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, co_vault_item_get_id (item));
  sqlite3_bind_int (stmt, 3, TEXT_CANDIDATES);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (found, _co_vault_item_new_from_row (stmt));
  return g_steal_pointer (&found);
}

static void
compare_items (CoVaultItem      *a,
               CoVaultItem      *b,
               CoTextSimilarity *sim)
{
  g_autofree char *body_a = g_strjoin ("\n", co_vault_item_get_body (a),
                                       co_vault_item_get_notes (a), NULL);
  g_autofree char *body_b = g_strjoin ("\n", co_vault_item_get_body (b),
                                       co_vault_item_get_notes (b), NULL);

  co_similarity_compare (co_vault_item_get_title (a), body_a, co_vault_item_get_tags (a),
                         co_vault_item_get_title (b), body_b, co_vault_item_get_tags (b), sim);
}

static gboolean
add_text_matches (CoVault      *self,
                  CoVaultItem  *item,
                  double        min_score,
                  GHashTable   *by_id,
                  GError      **error)
{
  g_autoptr(GPtrArray) candidates = text_candidates (self, item, error);

  if (candidates == NULL)
    return FALSE;
  for (guint i = 0; i < candidates->len; i++)
    {
      CoVaultItem *other = g_ptr_array_index (candidates, i);
      gint64 id = co_vault_item_get_id (other);
      CoTextSimilarity sim;

      compare_items (item, other, &sim);
      if (sim.score >= min_score && !g_hash_table_contains (by_id, &id))
        g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id),
                             match_new (other, sim.score, co_similarity_explain (&sim)));
    }
  return TRUE;
}

static gboolean
add_image_matches (CoVault      *self,
                   CoVaultItem  *item,
                   GHashTable   *by_id,
                   GError      **error)
{
  CoStore *store = co_vault_get_store (self);
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  guint64 phash;
  int rc;

  if (!co_vault_item_get_phash (item, &phash))
    return TRUE;

  /* Only ids and hashes are read for the whole vault; full rows (with their
   * tag lists) are read for the few that look alike. */
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "SELECT id, phash FROM vault_items"
                            " WHERE phash IS NOT NULL AND id != ? AND trashed_at IS NULL",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, co_vault_item_get_id (item));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      if (co_similarity_hamming (phash, (guint64)pair[1]) <= PHASH_MAX_DISTANCE)
        g_array_append_val (near, pair);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("comparing pictures"));
      return FALSE;
    }

  for (guint i = 0; i < near->len; i++)
    {
      gint64 *pair = &g_array_index (near, gint64, 2 * i);
      int distance = co_similarity_hamming (phash, (guint64)pair[1]);
      g_autoptr(CoVaultItem) other = co_vault_get (self, pair[0], error);

      if (other == NULL)
        return FALSE;
      /* A picture match replaces a weaker text match for the same item. */
      g_hash_table_insert (by_id, g_memdup2 (&pair[0], sizeof pair[0]),
                           match_new (other, co_similarity_phash (phash, (guint64)pair[1]),
                                      g_strdup_printf (_("Looks alike: %d of 64 picture-hash bits "
                                                         "differ"), distance)));
    }
  return TRUE;
}

static GPtrArray *
sorted_matches (GHashTable *by_id,
                guint       limit)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func ((GDestroyNotify)co_vault_match_free);
  GHashTableIter iter;
  gpointer key, value;

  /* Stealing hands over both key and value: the match goes to the array,
   * the copied id must be freed here. */
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (matches, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  g_ptr_array_sort (matches, compare_matches);
  if (limit > 0 && matches->len > limit)
    g_ptr_array_set_size (matches, limit);
  return matches;
}

/**
 * co_vault_similar:
 * @self: a #CoVault
 * @id: an item id
 * @limit: the most matches to return (0 for no limit)
 * @error: return location for a #GError
 *
 * Finds "more like this": items whose words overlap (title, text, notes,
 * tags), and for images and videos items whose pictures look alike by
 * perceptual hash.  Each match says why.
 *
 * Returns: (transfer full) (element-type CoVaultMatch): the matches, best first
 */
GPtrArray *
co_vault_similar (CoVault  *self,
                  gint64    id,
                  guint     limit,
                  GError  **error)
{
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GHashTable) by_id = NULL;

  g_return_val_if_fail (CO_IS_VAULT (self), NULL);

  item = co_vault_get (self, id, error);
  if (item == NULL)
    return NULL;

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify)co_vault_match_free);
  if (!add_text_matches (self, item, TEXT_MIN_SCORE, by_id, error) ||
      !add_image_matches (self, item, by_id, error))
    return NULL;
  return sorted_matches (by_id, limit);
}

typedef struct
{
  gint64 id;
  guint  limit;
} SimilarData;

static void
similar_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SimilarData *data = task_data;
  GError *error = NULL;
  GPtrArray *matches = co_vault_similar (source_object, data->id, data->limit, &error);

  co_task_return (task, matches, (GDestroyNotify)g_ptr_array_unref, error);
}

/**
 * co_vault_similar_async:
 * @self: a #CoVault
 * @id: an item id
 * @limit: the most matches to return (0 for no limit)
 * @cancellable: (nullable): a #GCancellable; a cancelled search reports
 *   %G_IO_ERROR_CANCELLED
 * @callback: called on the caller's main context with the matches
 * @user_data: data for @callback
 *
 * Runs co_vault_similar() in a worker thread, since it compares the item
 * with every other one in the vault.
 */
void
co_vault_similar_async (CoVault             *self,
                        gint64               id,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SimilarData *data;

  g_return_if_fail (CO_IS_VAULT (self));

  data = g_new0 (SimilarData, 1);
  data->id = id;
  data->limit = limit;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_vault_similar_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, similar_in_thread);
}

/**
 * co_vault_similar_finish:
 * @self: a #CoVault
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoVaultMatch): the matches, best
 *   first, or %NULL with @error set
 */
GPtrArray *
co_vault_similar_finish (CoVault       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return co_task_propagate (result, self, co_vault_similar_async, error);
}

/**
 * co_vault_near_duplicates:
 * @self: a #CoVault
 * @id: an item id (a note, link or idea)
 * @threshold: the weighted similarity at which two items count as
 *   near-duplicates; 0 for the default (0.75)
 * @error: return location for a #GError
 *
 * Compares an item with the others by normalised edit distance and word
 * Jaccard over title and text, and Jaccard over tags, weighted.  Each match
 * explains which parts are alike.
 *
 * Returns: (transfer full) (element-type CoVaultMatch): the near-duplicates
 */
GPtrArray *
co_vault_near_duplicates (CoVault  *self,
                          gint64    id,
                          double    threshold,
                          GError  **error)
{
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GHashTable) by_id = NULL;

  g_return_val_if_fail (CO_IS_VAULT (self), NULL);

  if (threshold <= 0)
    threshold = CO_SIMILARITY_THRESHOLD;
  if (threshold > 1)
    {
      g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID,
                   _("The similarity threshold must be between 0 and 1, not %g"), threshold);
      return NULL;
    }

  item = co_vault_get (self, id, error);
  if (item == NULL)
    return NULL;

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify)co_vault_match_free);
  if (!add_text_matches (self, item, threshold, by_id, error))
    return NULL;
  return sorted_matches (by_id, 0);
}
