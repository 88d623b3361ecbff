/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CoSpeechWord:
 * @text: the recognised word, in the engine's spelling (lower case for PocketSphinx)
 * @start: where the word starts, in seconds from the start of the file, rounded to 1 ms
 * @end: where the word ends, in seconds from the start of the file, rounded to 1 ms
 * @confidence: how sure the engine is, from 0 (a guess) to 1 (certain)
 *
 * One recognised word with its place in the file.  The speech engines in
 * media make them; the transcript store keeps them.
 */
typedef struct
{
  char   *text;
  double  start;
  double  end;
  double  confidence;
} CoSpeechWord;

#define CO_TYPE_SPEECH_WORD (co_speech_word_get_type ())

GType         co_speech_word_get_type (void) G_GNUC_CONST;
CoSpeechWord *co_speech_word_new      (const char         *text,
                                       double              start,
                                       double              end,
                                       double              confidence);
CoSpeechWord *co_speech_word_copy     (const CoSpeechWord *word);
void          co_speech_word_free     (CoSpeechWord       *word);
GPtrArray    *co_speech_word_list_new (void);
char         *co_speech_word_list_dup_text (GPtrArray      *words);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoSpeechWord, co_speech_word_free)

G_END_DECLS
