/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A silence between two words at least this long, in seconds, ends a
 * sentence: longer than a breath inside one, shorter than most pauses
 * between two. */
#define CO_SENTENCE_PAUSE 0.6

GPtrArray *co_speech_words_restore_case (GPtrArray  *words,
                                         GHashTable *names);
char      *co_speech_fold_word          (const char *word);

G_END_DECLS
