/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of speech to text: the engine and its model. */

#define CO_SPEECH_ERROR (co_speech_error_quark ())

/**
 * CoSpeechError:
 * @CO_SPEECH_ERROR_MODEL: a speech model file is missing, unreadable or corrupt
 * @CO_SPEECH_ERROR_UNAVAILABLE: this build has no speech to text (-Dspeech=false)
 */
typedef enum
{
  CO_SPEECH_ERROR_MODEL,
  CO_SPEECH_ERROR_UNAVAILABLE,
} CoSpeechError;

GQuark co_speech_error_quark (void);

G_END_DECLS
