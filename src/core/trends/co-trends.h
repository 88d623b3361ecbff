/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-store.h"

G_BEGIN_DECLS

/* The fewest items or drafts in the recent window that make a trend. */
#define CO_TRENDS_MIN_RECENT 2

/**
 * CoTrendKind:
 * @CO_TREND_TAG: a tag of vault items
 * @CO_TREND_WORD: a word of vault items' titles and notes and of drafts
 */
typedef enum
{
  CO_TREND_TAG,
  CO_TREND_WORD,
} CoTrendKind;

/**
 * CoTrend:
 * @kind: a tag or a word
 * @name: the tag, or the word in lower case
 * @recent: the items (and drafts, for words) of the recent window that have it
 * @before: those of the window as long before it
 * @growth: (@recent + 1) / (@before + 1)
 */
typedef struct
{
  CoTrendKind  kind;
  char        *name;
  guint        recent;
  guint        before;
  double       growth;
} CoTrend;

const char *co_trend_kind_to_string (CoTrendKind   kind);
GArray     *co_trends_rising        (CoStore      *store,
                                     gint64        now,
                                     guint         days,
                                     guint         n_max,
                                     GError      **error);

G_END_DECLS
