/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where one spoken sentence lies in the generated file, in seconds. */
typedef struct
{
  double start;
  double end;
} CoTestSpan;

char     *co_test_espeak_write   (const char         *dir,
                                  const char         *name,
                                  const char * const *sentences,
                                  gsize               n_sentences,
                                  double              lead,
                                  double              gap,
                                  CoTestSpan         *out_spans);
GStrv     co_test_speech_tokens  (const char         *text);
gboolean *co_test_align_words    (const char * const *reference,
                                  const char * const *hypothesis,
                                  guint              *out_errors);

G_END_DECLS
