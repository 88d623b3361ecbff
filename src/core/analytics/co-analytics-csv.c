/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-analytics.h"
#include "co-csv.h"

/*
 * Each view as CSV (RFC 4180, co-csv.c) for spreadsheets: a header row of
 * fixed English column names that scripts can rely on, times in ISO 8601
 * UTC, rates as fractions with a dot.
 */

#define N_COUNTS 5

static char *
format_utc (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/* posts, views, likes, comments, shares, engagement_rate: fills @fields. */
static void
format_counts (const CoEngagement *counts,
               char               *fields[N_COUNTS + 1])
{
  char rate[G_ASCII_DTOSTR_BUF_SIZE];

  fields[0] = g_strdup_printf ("%" G_GINT64_FORMAT, counts->views);
  fields[1] = g_strdup_printf ("%" G_GINT64_FORMAT, counts->likes);
  fields[2] = g_strdup_printf ("%" G_GINT64_FORMAT, counts->comments);
  fields[3] = g_strdup_printf ("%" G_GINT64_FORMAT, counts->shares);
  fields[4] = g_strdup (g_ascii_formatd (rate, sizeof rate, "%.6f", co_engagement_rate (counts)));
  fields[5] = g_strdup_printf ("%u", counts->n_posts);
}

#define MAX_LEAD 5

/* One record: the @n_lead fields of @lead, then @counts. */
static void
append_counts_row (GString            *out,
                   const char *const  *lead,
                   gsize               n_lead,
                   const CoEngagement *counts)
{
  char *counts_fields[N_COUNTS + 1];
  const char *row[MAX_LEAD + N_COUNTS + 1];

  g_assert (n_lead <= MAX_LEAD);
  format_counts (counts, counts_fields);
  for (gsize i = 0; i < n_lead; i++)
    row[i] = lead[i];
  for (gsize i = 0; i <= N_COUNTS; i++)
    row[n_lead + i] = counts_fields[i];
  co_csv_append_row (out, row, n_lead + N_COUNTS + 1);
  for (gsize i = 0; i <= N_COUNTS; i++)
    g_free (counts_fields[i]);
}

/**
 * co_analytics_posts_to_csv:
 * @posts: (element-type CoAnalyticsPost): from co_analytics_list_posts()
 *
 * Returns: (transfer full): the posts as CSV: platform, post_id, draft_id,
 *   posted_at, collected_at, views, likes, comments, shares,
 *   engagement_rate, posts (always 1)
 */
char *
co_analytics_posts_to_csv (GArray *posts)
{
  static const char *const header[] = { "platform", "post_id", "draft_id", "posted_at",
                                        "collected_at", "views", "likes", "comments", "shares",
                                        "engagement_rate", "posts" };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (posts != NULL, NULL);

  co_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < posts->len; i++)
    {
      const CoAnalyticsPost *post = &g_array_index (posts, CoAnalyticsPost, i);
      g_autofree char *draft = post->draft_id > 0
                                 ? g_strdup_printf ("%" G_GINT64_FORMAT, post->draft_id)
                                 : g_strdup ("");
      g_autofree char *posted = format_utc (post->posted_at);
      g_autofree char *collected = format_utc (post->collected_at);
      const char *lead[] = { co_platform_to_string (post->platform), post->post_id, draft, posted,
                             collected };

      append_counts_row (out, lead, G_N_ELEMENTS (lead), &post->counts);
    }
  return g_string_free (out, FALSE);
}

/**
 * co_analytics_platforms_to_csv:
 * @report: a report
 *
 * Returns: (transfer full): the report's sums per platform, then over all
 *   of them (platform "all"), as CSV: platform, views, likes, comments,
 *   shares, engagement_rate, posts
 */
char *
co_analytics_platforms_to_csv (const CoAnalyticsReport *report)
{
  static const char *const header[] = { "platform", "views", "likes", "comments", "shares",
                                        "engagement_rate", "posts" };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  co_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (int i = 0; i < CO_N_PLATFORMS; i++)
    {
      const char *lead[] = { co_platform_to_string (i) };

      append_counts_row (out, lead, 1, &report->platforms[i]);
    }
  append_counts_row (out, (const char *const[]){ "all" }, 1, &report->total);
  return g_string_free (out, FALSE);
}

/**
 * co_analytics_daily_to_csv:
 * @days: (element-type CoAnalyticsDay): from co_analytics_daily()
 *
 * Returns: (transfer full): the gains per day as CSV: date, platform,
 *   views, likes, comments, shares, engagement_rate, posts (the posts
 *   collected that day)
 */
char *
co_analytics_daily_to_csv (GArray *days)
{
  static const char *const header[] = { "date", "platform", "views", "likes", "comments",
                                        "shares", "engagement_rate", "posts" };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (days != NULL, NULL);

  co_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < days->len; i++)
    {
      const CoAnalyticsDay *day = &g_array_index (days, CoAnalyticsDay, i);
      g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d", day->year, day->month, day->day);

      const char *lead[] = { date, co_platform_to_string (day->platform) };

      append_counts_row (out, lead, G_N_ELEMENTS (lead), &day->gained);
    }
  return g_string_free (out, FALSE);
}
