/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-analytics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-analytics.h"
#include "co-date.h"
#include "co-drafts.h"
#include "co-file.h"
#include "co-store-private.h"

/*
 * A CSV export of a platform's analytics: a header line naming the columns
 * (in any order and case), then a post a line with post_id, date (when it
 * went out), views, likes, comments and shares.  Each good row is recorded
 * as the pull records it (co_schedule_record_metrics()), so it becomes the
 * post's latest counts and a sample of its series; a later row for the same
 * post replaces an earlier one.  Bad rows are reported by line and skipped.
 */

enum
{
  COL_POST_ID,
  COL_DATE,
  COL_VIEWS,
  COL_LIKES,
  COL_COMMENTS,
  COL_SHARES,
  N_COLUMNS,
};

static const char *const column_names[N_COLUMNS] = {
  "post_id", "date", "views", "likes", "comments", "shares",
};

static char *
parse_count (const CoCsvRecord *record,
             const int         *columns,
             int                column,
             gint64            *out_count)
{
  const char *text = co_csv_record_get (record, columns[column]);
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return g_strdup_printf (_("%s “%s” is not a whole number of 0 or more"),
                            column_names[column], text);
  *out_count = (gint64)value;
  return NULL;
}

/* Fills @out from @record; returns why it cannot, or %NULL. */
static char *
read_row (const CoCsvRecord *record,
          const int         *columns,
          guint              n_header,
          GTimeZone         *zone,
          CoPostMetrics     *out)
{
  const char *date = co_csv_record_get (record, columns[COL_DATE]);
  gint64 *counts[] = { &out->views, &out->likes, &out->comments, &out->shares };

  if (record->problem != NULL)
    return g_strdup (record->problem);
  if (record->n_fields != n_header)
    return g_strdup_printf (_("it has %u fields, the header %u"), record->n_fields, n_header);
  out->post_id = co_csv_record_get (record, columns[COL_POST_ID]);
  if (*out->post_id == '\0')
    return g_strdup (_("the post id is empty"));
  if (!co_date_parse_usec (date, zone, &out->posted_at) || out->posted_at <= 0)
    return g_strdup_printf (_("date “%s” is not a date: use YYYY-MM-DD or ISO 8601"), date);
  for (int i = 0; i < (int)G_N_ELEMENTS (counts); i++)
    {
      char *problem = parse_count (record, columns, COL_VIEWS + i, counts[i]);

      if (problem != NULL)
        return problem;
    }
  return NULL;
}

static gboolean
import_records (CoSchedule  *schedule,
                GPtrArray   *records,
                const int   *columns,
                CoPlatform   platform,
                GTimeZone   *zone,
                CoCsvReport *report,
                GError     **error)
{
  const CoCsvRecord *header = records->pdata[0];

  for (guint i = 1; i < records->len; i++)
    {
      const CoCsvRecord *record = records->pdata[i];
      CoPostMetrics metrics = { .platform = platform };
      g_autofree char *problem = read_row (record, columns, header->n_fields, zone, &metrics);

      report->n_rows++;
      if (problem != NULL)
        {
          co_csv_report_add_problem (report, record->line, problem);
          continue;
        }
      if (!co_schedule_record_metrics (schedule, &metrics, error))
        return FALSE;
      report->n_imported++;
    }
  return TRUE;
}

/**
 * co_analytics_import_csv:
 * @schedule: the schedule, whose library keeps the metrics
 * @path: the CSV file
 * @platform: the platform the posts are on
 * @zone: the zone of dates without an offset
 * @error: return location for a #GError
 *
 * Records the metrics of a platform's CSV export, in one transaction, and
 * lists the bad rows by line.
 *
 * Returns: (transfer full) (nullable): what was imported and skipped, or
 *   %NULL with a #CoFileError (a file that is missing, over
 *   %CO_ANALYTICS_IMPORT_MAX_SIZE or not UTF-8), a #CoCsvError (no header, a
 *   needed column missing) or a #CoStoreError; nothing is kept then
 */
CoCsvReport *
co_analytics_import_csv (CoSchedule  *schedule,
                         const char  *path,
                         CoPlatform   platform,
                         GTimeZone   *zone,
                         GError     **error)
{
  g_autoptr(CoCsvReport) report = NULL;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  int columns[N_COLUMNS];
  CoStore *store;
  gsize len;

  g_return_val_if_fail (CO_IS_SCHEDULE (schedule) && path != NULL && zone != NULL, NULL);

  store = co_drafts_get_store (co_schedule_get_drafts (schedule));
  report = co_csv_report_new ();

  if ((text = co_file_read (path, CO_ANALYTICS_IMPORT_MAX_SIZE, &len, error)) == NULL ||
      !co_file_check_text (path, text, len, error))
    return NULL;
  records = co_csv_parse (text, len);
  if (!co_csv_find_columns (records->len > 0 ? records->pdata[0] : NULL, path, column_names,
                            N_COLUMNS, N_COLUMNS, columns, error))
    return NULL;
  locker = _co_store_lock (store);
  if (!_co_store_begin (store, error))
    return NULL;
  if (!import_records (schedule, records, columns, platform, zone, report, error))
    {
      _co_store_rollback (store);
      return NULL;
    }
  if (!_co_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&report);
}
