/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * The engagement a platform fake reports for its posts, which each fake
 * words as its platform does (X's public_metrics, YouTube's statistics,
 * Instagram's insights, LinkedIn's socialActions).  A post a test has not
 * given counts to is one the platform does not know.
 */

/**
 * CoTestCounts:
 * @views: views (impressions)
 * @likes: likes (reactions)
 * @comments: comments (replies)
 * @shares: shares (reposts)
 */
typedef struct
{
  gint64 views;
  gint64 likes;
  gint64 comments;
  gint64 shares;
} CoTestCounts;

GHashTable         *co_test_metrics_new        (void);
void                co_test_metrics_set        (GHashTable         *metrics,
                                                const char         *post_id,
                                                gint64              views,
                                                gint64              likes,
                                                gint64              comments,
                                                gint64              shares);
const CoTestCounts *co_test_metrics_get        (GHashTable         *metrics,
                                                const char         *post_id);
char              **co_test_query_list         (SoupServerMessage  *message,
                                                const char         *name);

G_END_DECLS
