/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-engagement.h"

/**
 * co_engagement_rate:
 * @engagement: the counts of a post, or the sums of several posts
 *
 * The one definition of the engagement rate, for analytics and for the best
 * times to post: interactions per view, a comment weighing two likes and a
 * share three, because each takes more of a viewer than a like does.  The
 * rate of several posts is that of their sums, so that a post with many
 * views counts for more than one with a few; a post without views counts as
 * if it had one.
 *
 * Returns: the rate, 0 or more (a fraction: 0.05 is 5 %)
 */
double
co_engagement_rate (const CoEngagement *engagement)
{
  double weighted;

  g_return_val_if_fail (engagement != NULL, 0);

  weighted = engagement->likes + 2.0 * engagement->comments + 3.0 * engagement->shares;
  return weighted / MAX (engagement->views, 1);
}

/**
 * co_engagement_add:
 * @sum: the sums to add to
 * @more: the counts to add
 *
 * Adds @more's counts and posts to @sum.
 */
void
co_engagement_add (CoEngagement       *sum,
                   const CoEngagement *more)
{
  g_return_if_fail (sum != NULL && more != NULL);

  sum->n_posts += more->n_posts;
  sum->views += more->views;
  sum->likes += more->likes;
  sum->comments += more->comments;
  sum->shares += more->shares;
}
