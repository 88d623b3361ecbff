/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-trends"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "co-date.h"
#include "co-file.h"
#include "co-store-private.h"
#include "co-trend-store.h"

/*
 * A CSV file of trends: a header line naming the columns (in any order and
 * case), then a trend a line.  platform, kind, name and score are needed;
 * observed_at is optional (empty or absent: the time of the import).  A row
 * that cannot be read or holds a bad value is reported by its line and
 * skipped; the good rows are kept, in one transaction.  help/C/trends.page
 * documents the columns.
 */

enum
{
  COL_PLATFORM,
  COL_KIND,
  COL_NAME,
  COL_SCORE,
  COL_OBSERVED_AT,
  N_COLUMNS,
};

static const char *const column_names[N_COLUMNS] = {
  "platform", "kind", "name", "score", "observed_at",
};

static char *
parse_score (const char *text,
             double     *out_score)
{
  char *end = NULL;

  *out_score = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (*out_score) || *out_score < 0)
    return g_strdup_printf (_("the score “%s” is not a number of 0 or more"), text);
  return NULL;
}

/* Fills @out from @record; returns why it cannot, or %NULL. */
static char *
read_row (const CoCsvRecord *record,
          const int         *columns,
          guint              n_header,
          gint64             now,
          CoStoredTrend     *out)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  const char *observed = co_csv_record_get (record, columns[COL_OBSERVED_AT]);

  if (record->problem != NULL)
    return g_strdup (record->problem);
  if (record->n_fields != n_header)
    return g_strdup_printf (_("it has %u fields, the header %u"), record->n_fields, n_header);
  if (!co_platform_from_string (co_csv_record_get (record, columns[COL_PLATFORM]),
                                &out->platform, &error) ||
      !co_stored_trend_kind_from_string (co_csv_record_get (record, columns[COL_KIND]),
                                         &out->kind, &error))
    return g_strdup (error->message);
  out->name = (char *)co_csv_record_get (record, columns[COL_NAME]);
  if (*out->name == '\0')
    return g_strdup (_("the name is empty"));
  out->observed_at = now;
  if (*observed != '\0' && !co_date_parse_usec (observed, utc, &out->observed_at))
    return g_strdup_printf (_("observed_at “%s” is not a date: use YYYY-MM-DD or ISO 8601"),
                            observed);
  out->imported_at = now;
  return parse_score (co_csv_record_get (record, columns[COL_SCORE]), &out->score);
}

static gboolean
import_records (CoStore     *store,
                GPtrArray   *records,
                const int   *columns,
                gint64       now,
                CoCsvReport *report,
                GError     **error)
{
  const CoCsvRecord *header = records->pdata[0];

  for (guint i = 1; i < records->len; i++)
    {
      const CoCsvRecord *record = records->pdata[i];
      CoStoredTrend trend = { 0 };
      g_autofree char *problem = read_row (record, columns, header->n_fields, now, &trend);

      report->n_rows++;
      if (problem != NULL)
        {
          co_csv_report_add_problem (report, record->line, problem);
          continue;
        }
      if (!co_trend_store_put (store, &trend, error))
        return FALSE;
      report->n_imported++;
    }
  return TRUE;
}

/**
 * co_trend_import_csv:
 * @store: the library
 * @path: the CSV file
 * @now: the time of the import (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Keeps the trends of a CSV file (co_trend_store_put() for each good row)
 * and lists the bad rows by line.  Dates without an offset are UTC.
 *
 * Returns: (transfer full) (nullable): what was imported and skipped, or
 *   %NULL with a #CoFileError (a file that is missing, over
 *   %CO_TREND_IMPORT_MAX_SIZE or not UTF-8), a #CoCsvError (no header, a
 *   needed column missing) or a #CoStoreError; nothing is kept then
 */
CoCsvReport *
co_trend_import_csv (CoStore     *store,
                     const char  *path,
                     gint64       now,
                     GError     **error)
{
  g_autoptr(CoCsvReport) report = co_csv_report_new ();
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  int columns[N_COLUMNS];
  gsize len;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL, NULL);

  if ((text = co_file_read (path, CO_TREND_IMPORT_MAX_SIZE, &len, error)) == NULL ||
      !co_file_check_text (path, text, len, error))
    return NULL;
  records = co_csv_parse (text, len);
  if (!co_csv_find_columns (records->len > 0 ? records->pdata[0] : NULL, path, column_names,
                            N_COLUMNS, COL_OBSERVED_AT, columns, error))
    return NULL;
  locker = _co_store_lock (store);
  if (!_co_store_begin (store, error))
    return NULL;
  if (!import_records (store, records, columns, now, report, error))
    {
      _co_store_rollback (store);
      return NULL;
    }
  if (!_co_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&report);
}
