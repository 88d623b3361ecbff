/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-trends"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-store-private.h"
#include "co-trends.h"

/*
 * What rises in the creator's own library: the tags of the vault items
 * imported in the last @days days against the @days before, and the words
 * of those items' titles, texts and notes and of the drafts started in the same
 * windows.  Trashed and excluded items do not count.  Each item or draft
 * counts a tag or a word once.  A trend has at least CO_TRENDS_MIN_RECENT
 * in the recent window and more than before; they rank by how many more,
 * then by growth.
 */

#define MIN_WORD_CHARS 4

/* Words too common to say anything, in the languages of the UI. */
static const char *const stop_words[] = {
  "about", "after", "also", "aber", "auch", "been", "before", "dass", "dies", "diese", "doch",
  "eine", "einem", "einen", "einer", "from", "have", "here", "into", "just", "like", "mehr",
  "mein", "more", "nach", "nicht", "noch", "oder", "only", "over", "sein", "sind", "some",
  "than", "that", "their", "them", "then", "there", "these", "they", "this", "what", "when",
  "which", "will", "wird", "with", "your", "über",
};

typedef struct
{
  guint recent;
  guint before;
} Counts;

/**
 * co_trend_kind_to_string:
 * @kind: a kind
 *
 * Returns: "tag" or "word"
 */
const char *
co_trend_kind_to_string (CoTrendKind kind)
{
  return kind == CO_TREND_TAG ? "tag" : "word";
}

static gboolean
is_stop_word (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (stop_words); i++)
    if (g_str_equal (word, stop_words[i]))
      return TRUE;
  return FALSE;
}

static void
count (GHashTable *table,
       const char *name,
       gboolean    recent)
{
  Counts *counts = g_hash_table_lookup (table, name);

  if (counts == NULL)
    {
      counts = g_new0 (Counts, 1);
      g_hash_table_insert (table, g_strdup (name), counts);
    }
  if (recent)
    counts->recent++;
  else
    counts->before++;
}

/* Adds each distinct word of @text once. */
static void
count_words (GHashTable *words,
             const char *text,
             gboolean    recent)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *word = g_string_new (NULL);

  for (const char *c = lower;; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (ch != 0 && g_unichar_isalnum (ch))
        {
          g_string_append_unichar (word, ch);
          continue;
        }
      if (g_utf8_strlen (word->str, -1) >= MIN_WORD_CHARS && !is_stop_word (word->str) &&
          !g_ascii_isdigit (word->str[0]) && g_hash_table_add (seen, g_strdup (word->str)))
        count (words, word->str, recent);
      g_string_truncate (word, 0);
      if (ch == 0)
        break;
    }
  g_string_free (word, TRUE);
}

/* Reads (name or text, time) rows of @sql for [?1, ?2), ?3 the middle. */
static gboolean
count_rows (CoStore    *store,
            const char *sql,
            gint64      start,
            gint64      middle,
            gint64      end,
            GHashTable *table,
            gboolean    words,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);
      gboolean recent = sqlite3_column_int64 (stmt, 1) >= middle;

      if (words)
        count_words (table, text, recent);
      else
        count (table, text, recent);
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _co_store_set_error (store, error, _("reading the library for trends"));
  return FALSE;
}

static void
clear_trend (gpointer data)
{
  g_free (((CoTrend *)data)->name);
}

static void
collect (GArray      *trends,
         GHashTable  *table,
         CoTrendKind  kind)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Counts *counts = value;
      CoTrend trend = { kind, NULL, counts->recent, counts->before,
                        (counts->recent + 1.0) / (counts->before + 1.0) };

      if (counts->recent < CO_TRENDS_MIN_RECENT || counts->recent <= counts->before)
        continue;
      trend.name = g_strdup (key);
      g_array_append_val (trends, trend);
    }
}

static int
compare_trends (gconstpointer a,
                gconstpointer b)
{
  const CoTrend *x = a, *y = b;
  int rise_x = (int)x->recent - (int)x->before, rise_y = (int)y->recent - (int)y->before;

  if (rise_x != rise_y)
    return rise_y - rise_x;
  if (x->growth != y->growth)
    return x->growth < y->growth ? 1 : -1;
  if (x->kind != y->kind)
    return (int)x->kind - (int)y->kind;
  return g_strcmp0 (x->name, y->name);
}

#define LIVE_ITEMS "v.trashed_at IS NULL AND v.excluded = 0 AND v.imported_at >= ?1" \
                   " AND v.imported_at < ?2"

/**
 * co_trends_rising:
 * @store: the library
 * @now: the end of the recent window (µs since 1970, UTC)
 * @days: the length of each window, 1 or more
 * @n_max: how many trends at most, or 0 for all
 * @error: return location for a #GError
 *
 * Finds the tags and words that rise in the library: more items (and
 * drafts) have them in the last @days days than in the @days before.
 *
 * Returns: (transfer full) (element-type CoTrend) (nullable): the trends,
 *   the most risen first, or %NULL with a #CoStoreError
 */
GArray *
co_trends_rising (CoStore  *store,
                  gint64    now,
                  guint     days,
                  guint     n_max,
                  GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) trends = g_array_new (FALSE, TRUE, sizeof (CoTrend));
  gint64 middle = now - days * G_TIME_SPAN_DAY, start = now - 2 * days * G_TIME_SPAN_DAY;

  g_return_val_if_fail (CO_IS_STORE (store) && days > 0, NULL);

  g_array_set_clear_func (trends, clear_trend);
  locker = _co_store_lock (store);
  if (!count_rows (store, "SELECT t.name, v.imported_at FROM vault_items v"
                   " JOIN item_tags it ON it.item_id = v.id JOIN tags t ON t.id = it.tag_id"
                   " WHERE " LIVE_ITEMS, start, middle, now, tags, FALSE, error) ||
      !count_rows (store, "SELECT v.title || ' ' || v.body || ' ' || v.notes, v.imported_at"
                   " FROM vault_items v"
                   " WHERE " LIVE_ITEMS, start, middle, now, words, TRUE, error) ||
      !count_rows (store, "SELECT title || ' ' || body, created_at FROM drafts"
                   " WHERE created_at >= ?1 AND created_at < ?2", start, middle, now, words,
                   TRUE, error))
    return NULL;
  collect (trends, tags, CO_TREND_TAG);
  collect (trends, words, CO_TREND_WORD);
  g_array_sort (trends, compare_trends);
  if (n_max > 0 && trends->len > n_max)
    g_array_set_size (trends, n_max);
  return g_steal_pointer (&trends);
}
