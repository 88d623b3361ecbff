/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-subtitle.h"
#include "co-subtitle-check.h"

G_BEGIN_DECLS

/**
 * CoWord:
 * @text: the word as recognised, with its punctuation
 * @start_us: when it starts being spoken, in microseconds
 * @end_us: when it ends
 * @confidence: how sure the speech engine is, from 0 to 1
 *
 * One recognised word, the input of the cue builder.
 */
typedef struct
{
  const char *text;
  gint64      start_us;
  gint64      end_us;
  double      confidence;
} CoWord;

GPtrArray *co_cue_builder_build (const CoWord      *words,
                                 gsize              n_words,
                                 const CoCueRules  *rules,
                                 GError           **error);

G_END_DECLS
