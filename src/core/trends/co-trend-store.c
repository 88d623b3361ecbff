/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-trends"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "co-store-private.h"
#include "co-trend-store.h"

/*
 * Trends kept from outside the library.  A row keeps the score as it was
 * observed; its current score is that score halved every half-life since
 * (co_trend_decay()), computed when read, so that rows never change with
 * time and a different half-life needs no rewrite.  Ranking is by current
 * score, highest first, then by name; it is done here rather than in SQL
 * because SQLite on Debian may lack pow().  Archiving sets archived_at on
 * the live trends whose current score fell below the threshold; archived
 * ones stay, hidden from listings unless asked for.
 *
 * These are kept apart from co_trends_rising(): that one is computed from
 * the vault and drafts on demand and has counts, not scores, so the two
 * are listed separately ("trends" and "trends list" on the command line).
 */

static const char *const kind_names[] = { "topic", "hashtag", "format" };

/**
 * co_stored_trend_kind_to_string:
 * @kind: a kind
 *
 * Returns: "topic", "hashtag" or "format"
 */
const char *
co_stored_trend_kind_to_string (CoStoredTrendKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kind_names), "topic");

  return kind_names[kind];
}

/**
 * co_stored_trend_kind_from_string:
 * @name: "topic", "hashtag" or "format", in any case
 * @out_kind: (out): the kind
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %CO_TRENDS_ERROR_INVALID naming @name
 */
gboolean
co_stored_trend_kind_from_string (const char         *name,
                                  CoStoredTrendKind  *out_kind,
                                  GError            **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (name != NULL && g_ascii_strcasecmp (name, kind_names[i]) == 0)
        {
          *out_kind = (CoStoredTrendKind)i;
          return TRUE;
        }
    }
  g_set_error (error, CO_TRENDS_ERROR, CO_TRENDS_ERROR_INVALID,
               _("“%s” is not a kind of trend: use topic, hashtag or format"),
               name != NULL ? name : "");
  return FALSE;
}

/**
 * co_trend_decay:
 * @score: the score observed
 * @observed_at: when (µs since 1970, UTC)
 * @now: the time to decay it to
 * @half_life_days: the half-life, in days, more than 0
 *
 * The score halves every @half_life_days; it never grows, so a score
 * observed after @now is taken as it is.
 *
 * Returns: the decayed score
 */
double
co_trend_decay (double score,
                gint64 observed_at,
                gint64 now,
                double half_life_days)
{
  double age_days;

  g_return_val_if_fail (half_life_days > 0, score);

  age_days = (double)MAX (0, now - observed_at) / G_TIME_SPAN_DAY;
  return score * exp2 (-age_days / half_life_days);
}

static gboolean
check_half_life (double   half_life_days,
                 GError **error)
{
  if (half_life_days > 0 && isfinite (half_life_days))
    return TRUE;
  g_set_error (error, CO_TRENDS_ERROR, CO_TRENDS_ERROR_INVALID,
               _("The half-life of trends must be more than 0 days, not %g"), half_life_days);
  return FALSE;
}

/**
 * co_trend_store_put:
 * @store: the library
 * @trend: the trend (@id, @archived_at and @current are ignored)
 * @error: return location for a #GError
 *
 * Keeps a trend.  A trend already kept with the same platform, kind and
 * name takes the new score when it was observed at the same time or
 * later, and is brought back from the archive; an older observation
 * changes nothing.
 *
 * Returns: %TRUE, or %FALSE with %CO_TRENDS_ERROR_INVALID or a
 *   #CoStoreError
 */
gboolean
co_trend_store_put (CoStore              *store,
                    const CoStoredTrend  *trend,
                    GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && trend != NULL, FALSE);

  if (trend->name == NULL || *trend->name == '\0' || !(trend->score >= 0) ||
      !isfinite (trend->score))
    {
      g_set_error (error, CO_TRENDS_ERROR, CO_TRENDS_ERROR_INVALID,
                   _("A trend needs a name and a score of 0 or more"));
      return FALSE;
    }
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "INSERT INTO trends (platform, kind, name, score, observed_at,"
                            " imported_at) VALUES (?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (platform, kind, name) DO UPDATE SET"
                            " score = excluded.score, observed_at = excluded.observed_at,"
                            " imported_at = excluded.imported_at, archived_at = NULL"
                            " WHERE excluded.observed_at >= trends.observed_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (trend->platform), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, co_stored_trend_kind_to_string (trend->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, trend->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 4, trend->score);
  sqlite3_bind_int64 (stmt, 5, trend->observed_at);
  sqlite3_bind_int64 (stmt, 6, trend->imported_at);
  return _co_store_step_done (store, stmt, error);
}

static void
clear_trend (gpointer data)
{
  g_free (((CoStoredTrend *)data)->name);
}

/* Reads a row of SELECTED; FALSE for a row whose platform or kind this
 * version does not know (it is left out, not an error). */
#define SELECTED "id, platform, kind, name, score, observed_at, imported_at," \
                 " coalesce (archived_at, 0)"

static gboolean
read_trend (sqlite3_stmt  *stmt,
            CoStoredTrend *out)
{
  const char *platform = (const char *)sqlite3_column_text (stmt, 1);
  const char *kind = (const char *)sqlite3_column_text (stmt, 2);

  /* No error wanted: an unknown name only leaves the row out. */
  if (!co_platform_from_string (platform, &out->platform, NULL) ||
      !co_stored_trend_kind_from_string (kind, &out->kind, NULL))
    return FALSE;
  out->id = sqlite3_column_int64 (stmt, 0);
  out->name = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  out->score = sqlite3_column_double (stmt, 4);
  out->observed_at = sqlite3_column_int64 (stmt, 5);
  out->imported_at = sqlite3_column_int64 (stmt, 6);
  out->archived_at = sqlite3_column_int64 (stmt, 7);
  return TRUE;
}

static int
compare_current (gconstpointer a,
                 gconstpointer b)
{
  const CoStoredTrend *x = a, *y = b;

  if (x->current != y->current)
    return x->current < y->current ? 1 : -1;
  if (x->platform != y->platform)
    return (int)x->platform - (int)y->platform;
  if (x->kind != y->kind)
    return (int)x->kind - (int)y->kind;
  return g_strcmp0 (x->name, y->name);
}

/* Reads the trends @query selects, unranked. */
static GArray *
select_trends (CoStore            *store,
               const CoTrendQuery *query,
               GError            **error)
{
  g_autoptr(GArray) trends = g_array_new (FALSE, TRUE, sizeof (CoStoredTrend));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (trends, clear_trend);
  stmt = _co_store_prepare (store,
                            "SELECT " SELECTED " FROM trends"
                            " WHERE (?1 OR archived_at IS NULL) AND (?2 IS NULL OR platform = ?2)"
                            " AND (?3 IS NULL OR kind = ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, query->archived);
  if (query->platform != NULL)
    sqlite3_bind_text (stmt, 2, co_platform_to_string (*query->platform), -1, SQLITE_STATIC);
  if (query->kind != NULL)
    sqlite3_bind_text (stmt, 3, co_stored_trend_kind_to_string (*query->kind), -1,
                       SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoStoredTrend trend = { 0 };

      if (!read_trend (stmt, &trend))
        continue;
      trend.current = co_trend_decay (trend.score, trend.observed_at, query->now,
                                      query->half_life_days);
      g_array_append_val (trends, trend);
    }
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&trends);
  _co_store_set_error (store, error, _("reading the trends"));
  return NULL;
}

/**
 * co_trend_store_list:
 * @store: the library
 * @query: which trends, and the page
 * @out_total: (out) (optional): how many trends @query selects over all pages
 * @error: return location for a #GError
 *
 * Ranks the trends by their score decayed to @query's time, highest
 * first (ties by platform, kind and name), and returns one page.
 *
 * Returns: (transfer full) (element-type CoStoredTrend) (nullable): the
 *   page, or %NULL with %CO_TRENDS_ERROR_INVALID (a half-life that is not
 *   positive) or a #CoStoreError
 */
GArray *
co_trend_store_list (CoStore             *store,
                     const CoTrendQuery  *query,
                     guint               *out_total,
                     GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) trends = NULL;
  guint start, end;

  g_return_val_if_fail (CO_IS_STORE (store) && query != NULL, NULL);

  if (!check_half_life (query->half_life_days, error))
    return NULL;
  locker = _co_store_lock (store);
  if ((trends = select_trends (store, query, error)) == NULL)
    return NULL;
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  g_array_sort (trends, compare_current);
  if (out_total != NULL)
    *out_total = trends->len;
  start = MIN (query->offset, trends->len);
  end = query->limit == 0 ? trends->len : MIN (trends->len, start + (guint64)query->limit);
  g_array_remove_range (trends, end, trends->len - end);
  g_array_remove_range (trends, 0, start);
  return g_steal_pointer (&trends);
}

/* Archives each live trend of @trends below @threshold at @now. */
static gboolean
archive_below (CoStore  *store,
               GArray   *trends,
               gint64    now,
               double    threshold,
               guint    *out_archived,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, "UPDATE trends SET archived_at = ?"
                                                    " WHERE id = ? AND archived_at IS NULL",
                                                    error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < trends->len; i++)
    {
      const CoStoredTrend *trend = &g_array_index (trends, CoStoredTrend, i);

      if (trend->current >= threshold)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, trend->id);
      if (!_co_store_step_done (store, stmt, error))
        return FALSE;
      *out_archived += sqlite3_changes (_co_store_get_db (store));
    }
  return TRUE;
}

/**
 * co_trend_store_archive:
 * @store: the library
 * @now: the time scores are decayed to (µs since 1970, UTC)
 * @half_life_days: the half-life of a score, in days, more than 0
 * @threshold: live trends whose decayed score is below this are archived
 * @out_archived: (out) (optional): how many were archived now
 * @error: return location for a #GError
 *
 * Archives the trends that decayed below @threshold, in one transaction.
 * Archived trends are kept, and stay as they are: running this again at
 * the same time archives nothing more.
 *
 * Returns: %TRUE, or %FALSE with %CO_TRENDS_ERROR_INVALID or a #CoStoreError
 */
gboolean
co_trend_store_archive (CoStore  *store,
                        gint64    now,
                        double    half_life_days,
                        double    threshold,
                        guint    *out_archived,
                        GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) trends = NULL;
  CoTrendQuery query = { .now = now, .half_life_days = half_life_days };
  guint archived = 0;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  if (!check_half_life (half_life_days, error))
    return FALSE;
  locker = _co_store_lock (store);
  if (!_co_store_begin (store, error))
    return FALSE;
  if ((trends = select_trends (store, &query, error)) == NULL ||
      !archive_below (store, trends, now, threshold, &archived, error))
    {
      _co_store_rollback (store);
      return FALSE;
    }
  if (!_co_store_commit (store, error))
    return FALSE;
  if (out_archived != NULL)
    *out_archived = archived;
  return TRUE;
}
