/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the drafts and schedule test binaries: a library with a vault,
 * drafts and a schedule on a clock the test moves by hand, and a
 * fingerprint of every row drafts touch, to check that a refused change
 * changed nothing. */

#include "co-draft-model.h"
#include "co-drafts.h"
#include "co-schedule.h"
#include "co-store-error.h"
#include "co-vault-error.h"
#include "vault-fixture.h"

typedef struct
{
  VaultFixture  base;
  CoDrafts     *drafts;
  CoSchedule   *schedule;
  gint64        now;
  guint         n_changes;
} DraftsFixture;

static inline gint64
utc_usec (int year,
          int month,
          int day,
          int hour,
          int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static inline gint64
fixture_clock (gpointer data)
{
  return ((DraftsFixture *)data)->now;
}

static inline void
drafts_changed_cb (CoDrafts      *drafts,
                   gint64         id,
                   DraftsFixture *fx)
{
  fx->n_changes++;
}

static inline void
drafts_fixture_set_up (DraftsFixture *fx,
                       gconstpointer  data)
{
  vault_fixture_set_up (&fx->base, data);
  fx->now = utc_usec (2027, 3, 1, 12, 0);
  fx->drafts = co_drafts_new (fx->base.store);
  co_drafts_set_clock (fx->drafts, fixture_clock, fx, NULL);
  co_drafts_set_actor (fx->drafts, "tester");
  fx->schedule = co_schedule_new (fx->drafts);
  g_signal_connect (fx->drafts, "changed", G_CALLBACK (drafts_changed_cb), fx);
}

static inline void
drafts_fixture_tear_down (DraftsFixture *fx,
                          gconstpointer  data)
{
  /* Worker threads of the _async calls let go of them a moment later. */
  co_test_assert_finalized (g_steal_pointer (&fx->schedule), 5000);
  co_test_assert_finalized (g_steal_pointer (&fx->drafts), 5000);
  vault_fixture_tear_down (&fx->base, data);
}

#define DRAFTS_TEST(path, func) \
  g_test_add (path, DraftsFixture, NULL, drafts_fixture_set_up, func, drafts_fixture_tear_down)

/* Every row of the tables drafts and the schedule write, as text. */
static inline char *
fingerprint (CoStore *store)
{
  static const char *const tables[] = {
    "drafts", "draft_variants", "draft_items", "draft_stage_history", "schedule_entries",
    "asset_refs", "assets", "post_metrics",
  };
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  GString *out = g_string_new (NULL);

  for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2, 3", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (store), sql, -1, &stmt, NULL), ==,
                       SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", (const char *)sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

static inline gint64
new_draft (DraftsFixture *fx,
           CoDraftStage   stage,
           const char    *title,
           const char    *body,
           CoPlatform     platform)
{
  g_autoptr(GError) error = NULL;
  CoDraftNew spec = { stage, title, body, &platform, 1, NULL, 0 };
  gint64 id = co_drafts_create (fx->drafts, &spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline void
schedule_ok (DraftsFixture *fx,
             gint64         id,
             CoPlatform     platform,
             gint64         at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = co_schedule_add (fx->schedule, id, platform, at, "UTC",
                                                      &error);

  g_assert_no_error (error);
  g_assert_cmpint (co_schedule_entry_get_at (entry), ==, at);
}

static inline void
move_ok (DraftsFixture *fx,
         gint64         id,
         CoDraftStage   stage)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (co_drafts_move (fx->drafts, id, stage, &error));
  g_assert_no_error (error);
}

/* A Scheduled draft for @platform, an hour after the clock's time plus
 * @minutes. */
static inline gint64
scheduled_draft (DraftsFixture *fx,
                 CoPlatform     platform,
                 int            minutes)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Launch day", "We ship today.", platform);

  schedule_ok (fx, id, platform, fx->now + G_TIME_SPAN_HOUR + minutes * G_TIME_SPAN_MINUTE);
  move_ok (fx, id, CO_DRAFT_STAGE_SCHEDULED);
  return id;
}

static inline gint64
published_draft (DraftsFixture *fx,
                 CoPlatform     platform)
{
  g_autoptr(GError) error = NULL;
  gint64 id = scheduled_draft (fx, platform, 0);

  fx->now += 2 * G_TIME_SPAN_HOUR;
  g_assert_true (co_drafts_record_publication (fx->drafts, id, platform, "1234",
                                               "https://example.com/p/1234",
                                               fx->now - G_TIME_SPAN_HOUR, &error));
  g_assert_no_error (error);
  move_ok (fx, id, CO_DRAFT_STAGE_PUBLISHED);
  return id;
}

/* Keeps the result of an _async call in the GAsyncResult * @data points to. */
static inline void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static inline gboolean
has_result (gpointer slot)
{
  return *(GAsyncResult **)slot != NULL;
}

/* Runs the main loop until done_cb() has kept a result in @slot. */
static inline GAsyncResult *
wait_result (GAsyncResult **slot)
{
  if (!co_test_wait_until (has_result, slot, 30000))
    g_error ("An _async call did not finish within 30 s");
  return *slot;
}

static inline CoDraft *
get_draft (DraftsFixture *fx,
           gint64         id)
{
  g_autoptr(GError) error = NULL;
  CoDraft *draft = co_drafts_get (fx->drafts, id, &error);

  g_assert_no_error (error);
  return draft;
}
