/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-csv-reader.h"
#include "co-platform.h"
#include "co-store.h"
#include "co-trends-error.h"

G_BEGIN_DECLS

/* The defaults of the app's trends-half-life-days and
 * trends-archive-threshold settings. */
#define CO_TREND_HALF_LIFE_DAYS_DEFAULT 7.0
#define CO_TREND_ARCHIVE_THRESHOLD_DEFAULT 1.0

/* The largest CSV file of trends or metrics an import reads. */
#define CO_TREND_IMPORT_MAX_SIZE (64 * 1024 * 1024)

/**
 * CoStoredTrendKind:
 * @CO_STORED_TREND_TOPIC: a subject people talk about
 * @CO_STORED_TREND_HASHTAG: a hashtag
 * @CO_STORED_TREND_FORMAT: a form of post (a duet, a carousel, a short)
 */
typedef enum
{
  CO_STORED_TREND_TOPIC,
  CO_STORED_TREND_HASHTAG,
  CO_STORED_TREND_FORMAT,
} CoStoredTrendKind;

/**
 * CoStoredTrend:
 * @id: its id
 * @platform: where it trends
 * @kind: what it is
 * @name: the topic, hashtag or format
 * @score: the score observed, 0 or more
 * @observed_at: when @score was observed (µs since 1970, UTC)
 * @imported_at: when it was imported (µs since 1970, UTC)
 * @archived_at: when it was archived, or 0
 * @current: @score decayed to the time of the listing
 */
typedef struct
{
  gint64             id;
  CoPlatform         platform;
  CoStoredTrendKind  kind;
  char              *name;
  double             score;
  gint64             observed_at;
  gint64             imported_at;
  gint64             archived_at;
  double             current;
} CoStoredTrend;

/**
 * CoTrendQuery:
 * @platform: (nullable): only this platform
 * @kind: (nullable): only this kind
 * @archived: include archived trends
 * @offset: skip this many of the ranked trends
 * @limit: at most this many, or 0 for all
 * @now: the time scores are decayed to (µs since 1970, UTC)
 * @half_life_days: the half-life of a score, in days, more than 0
 */
typedef struct
{
  const CoPlatform        *platform;
  const CoStoredTrendKind *kind;
  gboolean                 archived;
  guint                    offset;
  guint                    limit;
  gint64                   now;
  double                   half_life_days;
} CoTrendQuery;

const char *co_stored_trend_kind_to_string   (CoStoredTrendKind    kind);
gboolean    co_stored_trend_kind_from_string (const char          *name,
                                              CoStoredTrendKind   *out_kind,
                                              GError             **error);
double      co_trend_decay                   (double               score,
                                              gint64               observed_at,
                                              gint64               now,
                                              double               half_life_days);
gboolean    co_trend_store_put               (CoStore             *store,
                                              const CoStoredTrend *trend,
                                              GError             **error);
GArray     *co_trend_store_list              (CoStore             *store,
                                              const CoTrendQuery  *query,
                                              guint               *out_total,
                                              GError             **error);
gboolean    co_trend_store_archive           (CoStore             *store,
                                              gint64               now,
                                              double               half_life_days,
                                              double               threshold,
                                              guint               *out_archived,
                                              GError             **error);
CoCsvReport *co_trend_import_csv             (CoStore             *store,
                                              const char          *path,
                                              gint64               now,
                                              GError             **error);

G_END_DECLS
