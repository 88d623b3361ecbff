/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-speech-engine.h"

G_BEGIN_DECLS

/**
 * CO_SPEECH_POCKETSPHINX_DEFAULT_MODEL_DIR:
 *
 * Where Debian's `pocketsphinx-en-us` installs the US English model.  A
 * model folder holds the acoustic model folder `en-us`, the language model
 * `en-us.lm.bin` and the dictionary `cmudict-en-us.dict`.
 */
#define CO_SPEECH_POCKETSPHINX_DEFAULT_MODEL_DIR "/usr/share/pocketsphinx/model/en-us"

#define CO_TYPE_SPEECH_POCKETSPHINX (co_speech_pocketsphinx_get_type ())

G_DECLARE_FINAL_TYPE (CoSpeechPocketsphinx, co_speech_pocketsphinx, CO, SPEECH_POCKETSPHINX,
                      GObject)

CoSpeechPocketsphinx *co_speech_pocketsphinx_new                (const char           *acoustic_model,
                                                                 const char           *language_model,
                                                                 const char           *dictionary);
const char           *co_speech_pocketsphinx_get_acoustic_model (CoSpeechPocketsphinx *self);
const char           *co_speech_pocketsphinx_get_language_model (CoSpeechPocketsphinx *self);
const char           *co_speech_pocketsphinx_get_dictionary     (CoSpeechPocketsphinx *self);

G_END_DECLS
