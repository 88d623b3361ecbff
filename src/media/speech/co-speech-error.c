/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-media-error-enums.h"
#include "co-speech-error.h"

CO_DEFINE_ERROR_QUARK (co-speech-error-quark, co_speech_error, CO_TYPE_SPEECH_ERROR)
