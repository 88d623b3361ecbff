/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "co-schedule.h"
#include "co-drafts-private.h"

G_BEGIN_DECLS

/* The columns _co_schedule_entry_new_from_row() reads, for the aliases "s"
 * (schedule_entries), "d" (drafts) and "v" (draft_variants), and the joins
 * that give them. */
#define CO_SCHEDULE_ENTRY_COLUMNS \
  "s.draft_id, d.title, d.stage, s.platform, s.at, s.zone, v.published_at"
#define CO_SCHEDULE_ENTRY_FROM \
  " FROM schedule_entries s JOIN drafts d ON d.id = s.draft_id" \
  " JOIN draft_variants v INDEXED BY draft_variants_published" \
  "   ON v.draft_id = s.draft_id AND v.platform = s.platform"

/* Two posts on one platform must be at least this far apart. */
#define CO_SCHEDULE_GAP (5 * 60 * G_USEC_PER_SEC)

CoScheduleEntry *_co_schedule_entry_new_from_row (sqlite3_stmt  *stmt,
                                                  gint64         watched_until);

/* co-schedule-free.c.  Callers hold the store's lock. */
gboolean _co_schedule_find_conflict (CoSchedule  *self,
                                     CoPlatform   platform,
                                     gint64       at,
                                     gint64       ignore_draft,
                                     gint64      *out_draft,
                                     gint64      *out_at,
                                     GError     **error);
GArray  *_co_schedule_free_times    (CoSchedule  *self,
                                     CoPlatform   platform,
                                     gint64       around,
                                     gint64       ignore_draft,
                                     guint        n_max,
                                     GError     **error);

G_END_DECLS
