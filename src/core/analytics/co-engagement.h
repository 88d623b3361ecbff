/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CoEngagement:
 * @n_posts: how many posts the counts add up
 * @views: views
 * @likes: likes (or reactions)
 * @comments: comments (or replies)
 * @shares: shares (or reposts)
 *
 * The engagement counts of one post, or the sums of several.
 */
typedef struct
{
  guint  n_posts;
  gint64 views;
  gint64 likes;
  gint64 comments;
  gint64 shares;
} CoEngagement;

double co_engagement_rate (const CoEngagement *engagement);
void   co_engagement_add  (CoEngagement       *sum,
                           const CoEngagement *more);

G_END_DECLS
