/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-drafts.h"
#include "co-schedule-entry.h"
#include "co-schedule-error.h"
#include "co-schedule-time.h"

G_BEGIN_DECLS

/* Two posts on one platform closer than this conflict (exactly five minutes
 * apart is fine); free times are suggested on a grid of the same step. */
#define CO_SCHEDULE_GAP_MINUTES 5
/* With fewer posts than this on a platform, best times are the defaults. */
#define CO_BEST_TIMES_MIN_POSTS 10

/**
 * CoBestTimesSource:
 * @CO_BEST_TIMES_HISTORY: from the creator's own posts and their engagement
 * @CO_BEST_TIMES_DEFAULTS: too little history: the documented default times
 */
typedef enum
{
  CO_BEST_TIMES_HISTORY,
  CO_BEST_TIMES_DEFAULTS,
} CoBestTimesSource;

/**
 * CoBestTime:
 * @weekday: 1 (Monday) to 7 (Sunday), local time
 * @hour: 0–23, local time
 * @score: the slot's engagement rate, smoothed toward the platform's mean
 *   (history), or a rank weight from 1 down (defaults)
 * @n_posts: the creator's posts in the slot (0 for defaults)
 */
typedef struct
{
  int     weekday;
  int     hour;
  double  score;
  guint   n_posts;
} CoBestTime;

/**
 * CoTimeSuggestion:
 * @at: a free time in the future at the slot (µs since 1970, UTC)
 * @slot: the best time it comes from
 */
typedef struct
{
  gint64     at;
  CoBestTime slot;
} CoTimeSuggestion;

/**
 * CoPostMetrics:
 * @platform: where it was posted
 * @post_id: the platform's id of the post
 * @draft_id: the draft it came from, or 0
 * @posted_at: when it went out (µs since 1970, UTC)
 * @views: views so far
 * @likes: likes (or reactions)
 * @comments: comments (or replies)
 * @shares: shares (or reposts)
 *
 * The engagement of one published post, as the analytics work collects it.
 */
typedef struct
{
  CoPlatform  platform;
  const char *post_id;
  gint64      draft_id;
  gint64      posted_at;
  gint64      views;
  gint64      likes;
  gint64      comments;
  gint64      shares;
} CoPostMetrics;

const char *co_best_times_source_to_string (CoBestTimesSource source);

#define CO_TYPE_SCHEDULE (co_schedule_get_type ())
G_DECLARE_FINAL_TYPE (CoSchedule, co_schedule, CO, SCHEDULE, GObject)

CoSchedule      *co_schedule_new                (CoDrafts            *drafts);
CoDrafts        *co_schedule_get_drafts         (CoSchedule          *self);

CoScheduleEntry *co_schedule_add                (CoSchedule          *self,
                                                 gint64               draft_id,
                                                 CoPlatform           platform,
                                                 gint64               at,
                                                 const char          *zone,
                                                 GError             **error);
void             co_schedule_add_async          (CoSchedule          *self,
                                                 gint64               draft_id,
                                                 CoPlatform           platform,
                                                 gint64               at,
                                                 const char          *zone,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CoScheduleEntry *co_schedule_add_finish         (CoSchedule          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
CoScheduleEntry *co_schedule_move               (CoSchedule          *self,
                                                 gint64               draft_id,
                                                 CoPlatform           platform,
                                                 gint64               at,
                                                 const char          *zone,
                                                 GError             **error);
void             co_schedule_move_async         (CoSchedule          *self,
                                                 gint64               draft_id,
                                                 CoPlatform           platform,
                                                 gint64               at,
                                                 const char          *zone,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CoScheduleEntry *co_schedule_move_finish        (CoSchedule          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
gboolean         co_schedule_cancel             (CoSchedule          *self,
                                                 gint64               draft_id,
                                                 CoPlatform           platform,
                                                 GError             **error);
CoScheduleEntry *co_schedule_get                (CoSchedule          *self,
                                                 gint64               draft_id,
                                                 CoPlatform           platform,
                                                 GError             **error);
GArray          *co_schedule_find_free_times    (CoSchedule          *self,
                                                 CoPlatform           platform,
                                                 gint64               around,
                                                 gint64               ignore_draft,
                                                 guint                n_max,
                                                 GError             **error);
CoScheduleEntry *co_schedule_find_conflict      (CoSchedule          *self,
                                                 CoPlatform           platform,
                                                 gint64               at,
                                                 gint64               ignore_draft,
                                                 GError             **error);

GListModel      *co_schedule_list_range         (CoSchedule          *self,
                                                 gint64               from,
                                                 gint64               to,
                                                 const CoPlatform    *platform,
                                                 GError             **error);
void             co_schedule_list_range_async   (CoSchedule          *self,
                                                 gint64               from,
                                                 gint64               to,
                                                 const CoPlatform    *platform,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GListModel      *co_schedule_list_range_finish  (CoSchedule          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
GListModel      *co_schedule_list_due           (CoSchedule          *self,
                                                 GError             **error);
void             co_schedule_list_due_async     (CoSchedule          *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GListModel      *co_schedule_list_due_finish    (CoSchedule          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
gboolean         co_schedule_mark_watched       (CoSchedule          *self,
                                                 GError             **error);

gboolean         co_schedule_record_metrics     (CoSchedule          *self,
                                                 const CoPostMetrics *metrics,
                                                 GError             **error);
GArray          *co_schedule_best_times         (CoSchedule          *self,
                                                 CoPlatform           platform,
                                                 GTimeZone           *zone,
                                                 guint                n_max,
                                                 CoBestTimesSource   *out_source,
                                                 GError             **error);
GArray          *co_schedule_suggest            (CoSchedule          *self,
                                                 CoPlatform           platform,
                                                 GTimeZone           *zone,
                                                 guint                n_max,
                                                 CoBestTimesSource   *out_source,
                                                 GError             **error);
void             co_schedule_suggest_async      (CoSchedule          *self,
                                                 CoPlatform           platform,
                                                 GTimeZone           *zone,
                                                 guint                n_max,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GArray          *co_schedule_suggest_finish     (CoSchedule          *self,
                                                 GAsyncResult        *result,
                                                 CoBestTimesSource   *out_source,
                                                 GError             **error);

G_END_DECLS
