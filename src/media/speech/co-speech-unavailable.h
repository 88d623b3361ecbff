/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-speech-engine.h"

G_BEGIN_DECLS

#define CO_TYPE_SPEECH_UNAVAILABLE (co_speech_unavailable_get_type ())

G_DECLARE_FINAL_TYPE (CoSpeechUnavailable, co_speech_unavailable, CO, SPEECH_UNAVAILABLE,
                      GObject)

CoSpeechEngine *co_speech_unavailable_new (void);

G_END_DECLS
