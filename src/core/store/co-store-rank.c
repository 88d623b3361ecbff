/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "co-store-error.h"
#include "co-store-private.h"

/*
 * The search rank, CO_STORE_RANK_FUNCTION: FTS5's bm25() with its formula
 * and constants (k1 1.2, b 0.75, every column weighing 1), so it orders
 * matches exactly as bm25() does, and with the document frequencies kept
 * between queries.
 *
 * bm25() weighs each phrase of a query by how rare it is, and learns that
 * by counting every row that matches the phrase, on every query: a word in
 * half of a 100,000-item vault cost 5 ms of every search that held it,
 * however few items the whole search found.  Those counts change only when
 * the index does, so each connection keeps them, by phrase, until the
 * database changes (its data version, for commits by anyone, and the
 * connection's own count of changes, for its own writes).  Inside an
 * explicit transaction nothing is kept: its changes may yet be rolled back.
 *
 * The phrases are named by the query's own text, which the function takes
 * as its argument.  Only the queries _co_vault_fts_query() writes (quoted
 * words, `*`, AND, OR and brackets) are understood; for any other, or when
 * FTS5 counts the phrases differently, the counts are taken afresh.
 */

#define K1 1.2
#define B 0.75

/* Searches typed letter by letter ask for many beginnings; past this many
 * phrases the counts are dropped, to be taken again as they are asked. */
#define MAX_KEPT_PHRASES 4096

typedef struct
{
  sqlite3    *db;
  int         data_version;
  gint64      total_changes;
  GHashTable *hits;   /* phrase text → rows matching it (gint64 *) */
} Rank;

/* What one query needs, kept as the cursor's aux data. */
typedef struct
{
  int     n_phrases;
  double  avgdl;
  double *idf;
  double *freq;
} RankData;

static void
rank_data_free (void *data)
{
  RankData *self = data;

  g_free (self->idf);
  g_free (self->freq);
  g_free (self);
}

/* Splits @match into its phrases in order, or returns %NULL when it holds
 * anything other than what _co_vault_fts_query() writes. */
static GPtrArray *
split_phrases (const char *match)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  const char *p = match;

  while (p != NULL && *p != '\0')
    {
      const char *end;

      if (*p == ' ' || *p == '(' || *p == ')')
        p++;
      else if (g_str_has_prefix (p, "AND "))
        p += 4;
      else if (g_str_has_prefix (p, "OR "))
        p += 3;
      else if (*p == '"' && (end = strchr (p + 1, '"')) != NULL && end[1] != '"')
        {
          end += end[1] == '*' ? 2 : 1;
          g_ptr_array_add (phrases, g_strndup (p, end - p));
          p = end;
        }
      else
        return NULL;
    }
  return match != NULL ? g_steal_pointer (&phrases) : NULL;
}

/* Whether the kept counts still describe the index; forgets them if not. */
static gboolean
rank_cache_usable (Rank *self)
{
  int version = 0;
  gint64 changes = sqlite3_total_changes64 (self->db);

  if (!sqlite3_get_autocommit (self->db) ||
      sqlite3_file_control (self->db, "main", SQLITE_FCNTL_DATA_VERSION, &version) != SQLITE_OK)
    return FALSE;
  if (version != self->data_version || changes != self->total_changes)
    {
      g_hash_table_remove_all (self->hits);
      self->data_version = version;
      self->total_changes = changes;
    }
  return TRUE;
}

static int
count_cb (const Fts5ExtensionApi *api,
          Fts5Context            *fts,
          void                   *data)
{
  (*(gint64 *) data)++;
  return SQLITE_OK;
}

/* The rows that match phrase @i, kept under @name when @name is set. */
static int
count_phrase (Rank                   *self,
              const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              int                     i,
              const char             *name,
              gint64                 *out_hits)
{
  gint64 *kept = name != NULL ? g_hash_table_lookup (self->hits, name) : NULL;
  int rc;

  *out_hits = 0;
  if (kept != NULL)
    {
      *out_hits = *kept;
      return SQLITE_OK;
    }
  rc = api->xQueryPhrase (fts, i, out_hits, count_cb);
  if (rc == SQLITE_OK && name != NULL && g_hash_table_size (self->hits) >= MAX_KEPT_PHRASES)
    g_hash_table_remove_all (self->hits);
  if (rc == SQLITE_OK && name != NULL)
    g_hash_table_insert (self->hits, g_strdup (name), g_memdup2 (out_hits, sizeof (gint64)));
  return rc;
}

/* The average row length and each phrase's weight, as bm25() has them. */
static int
rank_data_new (Rank                   *self,
               const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               const char             *match,
               RankData              **out_data)
{
  g_autoptr(GPtrArray) names = split_phrases (match);
  RankData *data = g_new0 (RankData, 1);
  sqlite3_int64 n_rows = 0, n_tokens = 0;
  int rc;

  data->n_phrases = api->xPhraseCount (fts);
  data->idf = g_new0 (double, data->n_phrases);
  data->freq = g_new0 (double, data->n_phrases);
  if (names != NULL && ((int) names->len != data->n_phrases || !rank_cache_usable (self)))
    g_clear_pointer (&names, g_ptr_array_unref);

  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  if (rc == SQLITE_OK)
    data->avgdl = (double) n_tokens / (double) n_rows;
  for (int i = 0; rc == SQLITE_OK && i < data->n_phrases; i++)
    {
      gint64 hits = 0;

      rc = count_phrase (self, api, fts, i, names ? g_ptr_array_index (names, i) : NULL, &hits);
      /* A phrase in more than half of the rows would weigh less than
       * nothing; bm25() gives it a tiny weight instead. */
      data->idf[i] = log ((n_rows - hits + 0.5) / (hits + 0.5));
      if (data->idf[i] <= 0.0)
        data->idf[i] = 1e-6;
    }
  if (rc == SQLITE_OK)
    rc = api->xSetAuxdata (fts, data, rank_data_free);
  else
    rank_data_free (data);
  *out_data = rc == SQLITE_OK ? data : NULL;
  return rc;
}

/* The score of the current row, summed over the phrases in bm25()'s order
 * of operations, so that equal inputs give the same double. */
static int
rank_row (const Fts5ExtensionApi *api,
          Fts5Context            *fts,
          RankData               *data,
          double                 *out_score)
{
  int n_inst = 0, n_tokens = 0;
  double score = 0.0;
  int rc;

  memset (data->freq, 0, sizeof (double) * data->n_phrases);
  rc = api->xInstCount (fts, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK)
        data->freq[phrase] += 1.0;
    }
  if (rc == SQLITE_OK)
    rc = api->xColumnSize (fts, -1, &n_tokens);
  for (int i = 0; rc == SQLITE_OK && i < data->n_phrases; i++)
    score += data->idf[i] * ((data->freq[i] * (K1 + 1.0)) /
                             (data->freq[i] + K1 * (1 - B + B * (double) n_tokens / data->avgdl)));
  *out_score = -1.0 * score;
  return rc;
}

static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     n_values,
               sqlite3_value         **values)
{
  Rank *self = api->xUserData (fts);
  RankData *data = api->xGetAuxdata (fts, 0);
  double score = 0.0;
  int rc = SQLITE_OK;

  if (data == NULL)
    rc = rank_data_new (self, api, fts,
                        n_values > 0 ? (const char *) sqlite3_value_text (values[0]) : NULL,
                        &data);
  if (rc == SQLITE_OK)
    rc = rank_row (api, fts, data, &score);
  if (rc == SQLITE_OK)
    sqlite3_result_double (context, score);
  else
    sqlite3_result_error_code (context, rc);
}

static void
rank_free (void *data)
{
  Rank *self = data;

  g_hash_table_unref (self->hits);
  g_free (self);
}

/**
 * _co_store_add_rank_function:
 * @db: a connection to a library, with FTS5
 *
 * Registers %CO_STORE_RANK_FUNCTION on @db, with its own counts; they go
 * with the connection.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_store_add_rank_function (sqlite3 *db)
{
  fts5_api *api = _co_store_find_fts5 (db);
  Rank *self;

  if (api == NULL)
    return FALSE;
  self = g_new0 (Rank, 1);
  self->db = db;
  self->data_version = -1;
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (api->xCreateFunction (api, CO_STORE_RANK_FUNCTION, self, rank_function,
                            rank_free) != SQLITE_OK)
    {
      rank_free (self);
      return FALSE;
    }
  return TRUE;
}
