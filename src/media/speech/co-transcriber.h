/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-progress.h"
#include "co-speech-engine.h"

G_BEGIN_DECLS

#define CO_TYPE_TRANSCRIPT (co_transcript_get_type ())

G_DECLARE_FINAL_TYPE (CoTranscript, co_transcript, CO, TRANSCRIPT, GObject)

GPtrArray    *co_transcript_get_words      (CoTranscript *self);
const char   *co_transcript_get_text       (CoTranscript *self);
double        co_transcript_get_duration   (CoTranscript *self);
guint         co_transcript_get_n_segments (CoTranscript *self);

#define CO_TYPE_TRANSCRIBER (co_transcriber_get_type ())

G_DECLARE_FINAL_TYPE (CoTranscriber, co_transcriber, CO, TRANSCRIBER, GObject)

CoTranscriber  *co_transcriber_new               (CoSpeechEngine            *engine);
CoSpeechEngine *co_transcriber_get_engine        (CoTranscriber             *self);
guint           co_transcriber_get_max_threads   (CoTranscriber             *self);
void            co_transcriber_set_max_threads   (CoTranscriber             *self,
                                                  guint                      max_threads);
void            co_transcriber_add_silence       (CoTranscriber             *self,
                                                  double                     start,
                                                  double                     end);
void            co_transcriber_clear_silences    (CoTranscriber             *self);
void            co_transcriber_set_progress_func (CoTranscriber             *self,
                                                  CoProgressFunc             func,
                                                  gpointer                   user_data,
                                                  GDestroyNotify             destroy);
CoTranscript   *co_transcriber_transcribe        (CoTranscriber             *self,
                                                  const char                *path,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);
void            co_transcriber_transcribe_async  (CoTranscriber             *self,
                                                  const char                *path,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
CoTranscript   *co_transcriber_transcribe_finish (CoTranscriber             *self,
                                                  GAsyncResult              *result,
                                                  GError                   **error);

G_END_DECLS
