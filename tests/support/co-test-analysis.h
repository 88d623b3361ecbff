/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analysis.h"
#include "co-test-speech.h"

G_BEGIN_DECLS

CoAnalysis *co_test_analyse_speech (const CoTestSpeechSpec  *spec,
                                    gboolean                 scenes,
                                    char                   **out_path);

G_END_DECLS
