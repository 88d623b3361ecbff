/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-trends.h"
#include "vault-fixture.h"

#define NOW (G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC)

/* A note imported @days_ago days before NOW, with @tags. */
static gint64
note (VaultFixture       *fx,
      const char         *title,
      const char * const *tags,
      double              days_ago)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 id = co_vault_add_note (fx->vault, title, "…", tags, &error);

  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE vault_items SET imported_at = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT,
                         NOW - (gint64)(days_ago * G_TIME_SPAN_DAY), id);
  g_assert_true (_co_store_exec (fx->store, sql, &error));
  return id;
}

static const CoTrend *
find (GArray      *trends,
      CoTrendKind  kind,
      const char  *name)
{
  for (guint i = 0; i < trends->len; i++)
    {
      const CoTrend *trend = &g_array_index (trends, CoTrend, i);

      if (trend->kind == kind && g_str_equal (trend->name, name))
        return trend;
    }
  return NULL;
}

static void
test_rising (VaultFixture  *fx,
             gconstpointer  data)
{
  const char *drone[] = { "Drone", NULL };
  const char *drone_gimbal[] = { "drone", "gimbal", NULL };
  const char *gimbal[] = { "gimbal", NULL };
  g_autoptr(GArray) trends = NULL;
  g_autoptr(GError) error = NULL;
  gint64 trashed;
  const CoTrend *trend;

  /* drone: 3 recent, 1 before; gimbal: 1 recent, 2 before (falling). */
  note (fx, "Drone shots over Lisbon", drone, 1);
  note (fx, "Drone wind test", drone_gimbal, 5);
  note (fx, "Cinematic drone reel", drone, 29.5);
  note (fx, "Old drone crash", drone, 31);
  note (fx, "Gimbal balance", gimbal, 40);
  note (fx, "Gimbal modes", gimbal, 59);
  /* Outside both windows, trashed or excluded: not counted. */
  note (fx, "Ancient drone", drone, 61);
  trashed = note (fx, "Trashed drone", drone, 2);
  g_assert_true (co_vault_trash (fx->vault, trashed, &error));
  g_assert_no_error (error);

  trends = co_trends_rising (fx->store, NOW, 30, 0, &error);
  g_assert_no_error (error);
  trend = find (trends, CO_TREND_TAG, "Drone");
  g_assert_nonnull (trend);
  g_assert_cmpuint (trend->recent, ==, 3);
  g_assert_cmpuint (trend->before, ==, 1);
  g_assert_cmpfloat_with_epsilon (trend->growth, 2.0, 1e-12);
  g_assert_null (find (trends, CO_TREND_TAG, "gimbal"));
  /* Words: "drone" is in three recent titles (not the trashed one). */
  trend = find (trends, CO_TREND_WORD, "drone");
  g_assert_nonnull (trend);
  g_assert_cmpuint (trend->recent, ==, 3);
  g_assert_cmpuint (trend->before, ==, 1);
  /* A trend needs two recent items; stop words never count. */
  g_assert_null (find (trends, CO_TREND_WORD, "wind"));
  g_assert_null (find (trends, CO_TREND_WORD, "over"));
  /* The tag and the word tie on rise and growth: the tag first. */
  g_assert_cmpint (g_array_index (trends, CoTrend, 0).kind, ==, CO_TREND_TAG);
  g_assert_cmpstr (co_trend_kind_to_string (CO_TREND_WORD), ==, "word");
}

static void
test_limit_and_empty (VaultFixture  *fx,
                      gconstpointer  data)
{
  const char *a[] = { "alpha", NULL };
  const char *b[] = { "bravo", NULL };
  g_autoptr(GArray) none = co_trends_rising (fx->store, NOW, 7, 0, NULL);
  g_autoptr(GArray) one = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  for (int i = 0; i < 3; i++)
    note (fx, "Alpha", a, 1 + i);
  for (int i = 0; i < 2; i++)
    note (fx, "Bravo", b, 1 + i);
  one = co_trends_rising (fx->store, NOW, 7, 1, NULL);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpstr (g_array_index (one, CoTrend, 0).name, ==, "alpha");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_test_add ("/core/trends/rising", VaultFixture, NULL, vault_fixture_set_up, test_rising,
              vault_fixture_tear_down);
  g_test_add ("/core/trends/limit-and-empty", VaultFixture, NULL, vault_fixture_set_up,
              test_limit_and_empty, vault_fixture_tear_down);
  return g_test_run ();
}
