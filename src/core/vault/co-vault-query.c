/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-store-private.h"
#include "co-vault-error.h"
#include "co-vault-private.h"

/* Words longer than this are not words a person searches for. */
#define MAX_QUERY_WORDS 32

struct _CoVaultSql
{
  GString     *text;
  CoVaultQuery query;
  char        *match;
  char        *tag;
};

/* @rank is the expression of the search rank, or %NULL without a search;
 * @id that of the item's id, which breaks ties of rank. */
static char *
order_clause (CoVaultSort  sort,
              const char  *rank,
              const char  *id)
{
  switch (sort)
    {
    case CO_VAULT_SORT_OLDEST:
      return g_strdup (" ORDER BY v.imported_at ASC, v.id ASC");
    case CO_VAULT_SORT_NAME:
      return g_strdup (" ORDER BY v.title COLLATE NOCASE ASC, v.id ASC");
    case CO_VAULT_SORT_SIZE:
      return g_strdup (" ORDER BY v.size DESC, v.id DESC");
    case CO_VAULT_SORT_DURATION:
      return g_strdup (" ORDER BY v.duration IS NULL, v.duration DESC, v.id DESC");
    case CO_VAULT_SORT_RELEVANCE:
      if (rank != NULL)
        return g_strdup_printf (" ORDER BY %s, %s DESC", rank, id);
      G_GNUC_FALLTHROUGH;
    case CO_VAULT_SORT_NEWEST:
    default:
      return g_strdup (" ORDER BY v.imported_at DESC, v.id DESC");
    }
}

/* Shorter words match only whole: a one-letter prefix would read the
 * index's list of every word starting with that letter. */
#define MIN_PREFIX_CHARS 2

/* Appends how one word is asked of the index (see co-store-words.c): a
 * quoted word followed by `*` matches the start of the words as written, a
 * quoted word alone matches its stem, so "stabilising" finds
 * "stabilisation".  A word that is its own stem is among the words it
 * begins, so asking for both would only read its list twice. */
static void
append_word (GString    *out,
             CoStore    *store,
             const char *word,
             gboolean    star,
             gboolean    whole_only,
             gboolean    typing)
{
  glong n_chars = g_utf8_strlen (word, -1);

  if (star || (typing && n_chars < MIN_PREFIX_CHARS))
    g_string_append_printf (out, "\"%s\"*", word);
  else if (whole_only || n_chars < MIN_PREFIX_CHARS)
    g_string_append_printf (out, "\"%s\"", word);
  else if (store != NULL && _co_store_word_is_own_stem (store, word))
    g_string_append_printf (out, "\"%s\"*", word);
  else
    g_string_append_printf (out, "(\"%s\"* OR \"%s\")", word, word);
}

/**
 * _co_vault_fts_query:
 * @store: (nullable): the store, locked by the caller, to find the words
 *   that are their own stem; without it every word asks for both
 * @text: what the user typed
 * @any_word: join whole words with OR instead of all words with AND
 * @prefix_last: the search is being typed: its last word matches the start
 *   of words even when it has a single letter
 * @error: return location for a #GError
 *
 * Turns free text into a safe FTS5 query: every word is quoted, so no user
 * input is ever read as FTS5 syntax.  Each word of two letters or more
 * finds the words it begins and, as a whole word, the other forms of its
 * stem; a trailing `*` asks for the beginning only.  With @any_word (the
 * words of an item, for similar items) words match whole.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL with
 *   %CO_VAULT_ERROR_BAD_QUERY when @text has no words
 */
char *
_co_vault_fts_query (CoStore     *store,
                     const char  *text,
                     gboolean     any_word,
                     gboolean     prefix_last,
                     GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  guint n_words = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0 && n_words < MAX_QUERY_WORDS)
        {
          if (n_words++ > 0)
            g_string_append (out, any_word ? " OR " : " AND ");
          append_word (out, store, word->str, c == '*', any_word, c == 0 && prefix_last);
        }
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }

  if (n_words == 0)
    {
      g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_BAD_QUERY,
                   _("The search “%s” has no words to look for"), text);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Whether the filters read the item's row; the trash state alone does not
 * (see append_capped_matches()). */
static gboolean
filters_read_items (const CoVaultSql *sql)
{
  const CoVaultQuery *q = &sql->query;

  return q->type != CO_VAULT_TYPE_ANY || sql->tag != NULL || q->since != 0 || q->until != 0;
}

static void
append_filters (CoVaultSql *sql)
{
  const CoVaultQuery *q = &sql->query;

  g_string_append (sql->text, " WHERE 1");
  if (q->type != CO_VAULT_TYPE_ANY)
    g_string_append (sql->text, " AND v.type = :type");
  if (sql->tag != NULL)
    g_string_append (sql->text,
                     " AND EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id"
                     "             WHERE it.item_id = v.id AND t.name = :tag)");
  if (q->since != 0)
    g_string_append (sql->text, " AND v.imported_at >= :since");
  if (q->until != 0)
    g_string_append (sql->text, " AND v.imported_at < :until");
  if (q->trash == CO_VAULT_TRASH_EXCLUDE)
    g_string_append (sql->text, " AND v.trashed_at IS NULL");
  else if (q->trash == CO_VAULT_TRASH_ONLY)
    g_string_append (sql->text, " AND v.trashed_at IS NOT NULL");
}

/* FTS5's bm25(), which is its default rank, but without counting every
 * row that holds a common word on every search (see co-store-rank.c). */
#define RANK CO_STORE_RANK_FUNCTION " (f.vault_fts, :match)"

/* Ranking costs about a microsecond a match, so a word found in half of a
 * 100,000-item vault took 50 ms to order by relevance.  Relevance therefore
 * ranks the most recent CO_VAULT_RELEVANCE_CAP matches (ids grow with
 * import time); the date, name, size and duration orders page through every
 * match.  Counts apply the same bound, so a list and its count agree.
 *
 * The index walks its matches newest first and stops at the bound, once;
 * the filters apply to those matches.  When the only filter is the trash
 * state, the items are not read at all until the page is chosen: reading
 * each match's row only for trashed_at cost a read of a random page of the
 * items per match, 5 ms of a 7 ms search in a 100,000-item vault.  The
 * items in the trash have an index of their own, so their ids are read once
 * as a set.  The index holds a row for each item and no other (co-vault.c
 * writes and purges both in one transaction), so the matches are the same. */
static void
append_capped_matches (CoVaultSql *sql,
                       gboolean    ranked)
{
  const char *trashed = "(SELECT id FROM vault_items WHERE trashed_at IS NOT NULL)";

  g_string_append_printf (sql->text,
                          " FROM (SELECT f.rowid AS id%s FROM vault_fts f"
                          "   WHERE vault_fts MATCH :match ORDER BY f.rowid DESC LIMIT %d) AS m",
                          ranked ? ", " RANK " AS rank" : "", CO_VAULT_RELEVANCE_CAP);
  if (filters_read_items (sql))
    {
      g_string_append (sql->text, " JOIN vault_items v ON v.id = m.id");
      append_filters (sql);
    }
  else if (sql->query.trash == CO_VAULT_TRASH_EXCLUDE)
    g_string_append_printf (sql->text, " WHERE m.id NOT IN %s", trashed);
  else if (sql->query.trash == CO_VAULT_TRASH_ONLY)
    g_string_append_printf (sql->text, " WHERE m.id IN %s", trashed);
}

static gboolean
by_relevance (const CoVaultSql *sql)
{
  return sql->match != NULL && sql->query.sort == CO_VAULT_SORT_RELEVANCE;
}

static void
append_from_where (CoVaultSql *sql,
                   gboolean    ranked)
{
  if (by_relevance (sql))
    {
      append_capped_matches (sql, ranked);
      return;
    }
  g_string_append (sql->text, " FROM vault_items v");
  if (sql->match != NULL)
    g_string_append (sql->text, " JOIN vault_fts f ON f.rowid = v.id AND vault_fts MATCH :match");
  append_filters (sql);
}

/* A page is chosen by ids first and only then read in full: SQLite computes
 * the select list of every row it sorts, and the tag list of each item is a
 * subquery, so reading full rows before the LIMIT made a search that
 * matches half the vault read half the vault's tags. */
static void
append_page (CoVaultSql *sql)
{
  gboolean ranked = by_relevance (sql);
  g_autofree char *inner_order = order_clause (sql->query.sort, ranked ? "m.rank" : NULL,
                                               ranked ? "m.id" : "v.id");
  g_autofree char *outer_order = order_clause (sql->query.sort, ranked ? "page.rank" : NULL,
                                               "v.id");

  g_string_append (sql->text, ranked ? " FROM (SELECT m.id AS id, m.rank AS rank"
                                     : " FROM (SELECT v.id AS id");
  append_from_where (sql, ranked);
  g_string_append (sql->text, inner_order);
  g_string_append (sql->text, " LIMIT :limit OFFSET :offset) AS page"
                              " JOIN vault_items v ON v.id = page.id");
  g_string_append (sql->text, outer_order);
}

/**
 * _co_vault_sql_new:
 * @store: the store, locked by the caller
 * @query: (nullable): the filter
 * @select: the select list, e.g. "SELECT count (*)"
 * @ordered: whether to add ORDER BY and LIMIT/OFFSET
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the statement text and its values
 */
CoVaultSql *
_co_vault_sql_new (CoStore             *store,
                   const CoVaultQuery  *query,
                   const char          *select,
                   gboolean             ordered,
                   GError             **error)
{
  static const CoVaultQuery defaults = { 0 };
  g_autoptr(CoVaultSql) sql = g_new0 (CoVaultSql, 1);

  sql->query = query != NULL ? *query : defaults;
  sql->text = g_string_new (select);
  if (sql->query.tag != NULL)
    {
      sql->tag = g_strstrip (g_strdup (sql->query.tag));
      if (sql->tag[0] == '#')
        memmove (sql->tag, sql->tag + 1, strlen (sql->tag));
    }

  if (sql->query.search != NULL)
    {
      sql->match = _co_vault_fts_query (store, sql->query.search, FALSE, sql->query.as_you_type,
                                        error);
      if (sql->match == NULL)
        return NULL;
    }
  if (ordered)
    append_page (sql);
  else
    append_from_where (sql, FALSE);
  return g_steal_pointer (&sql);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

/**
 * _co_vault_sql_prepare:
 * @sql: a statement built by _co_vault_sql_new()
 * @store: the store, locked by the caller
 * @offset: rows to skip
 * @limit: rows to return at most
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the cached, bound statement
 */
sqlite3_stmt *
_co_vault_sql_prepare (CoVaultSql  *sql,
                       CoStore     *store,
                       guint        offset,
                       guint        limit,
                       GError     **error)
{
  sqlite3_stmt *stmt = _co_store_prepare (store, sql->text->str, error);

  if (stmt == NULL)
    return NULL;
  if (sql->query.type != CO_VAULT_TYPE_ANY)
    bind_named_text (stmt, ":type", co_vault_type_to_string (sql->query.type));
  if (sql->tag != NULL)
    bind_named_text (stmt, ":tag", sql->tag);
  if (sql->match != NULL)
    bind_named_text (stmt, ":match", sql->match);
  bind_named_int (stmt, ":since", sql->query.since);
  bind_named_int (stmt, ":until", sql->query.until);
  bind_named_int (stmt, ":limit", limit);
  bind_named_int (stmt, ":offset", offset);
  return stmt;
}

/**
 * _co_vault_sql_free:
 * @sql: (transfer full): a statement
 */
void
_co_vault_sql_free (CoVaultSql *sql)
{
  if (sql == NULL)
    return;
  g_string_free (sql->text, TRUE);
  g_free (sql->match);
  g_free (sql->tag);
  g_free (sql);
}
