/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-speech-word.h"
#include "co-store.h"

G_BEGIN_DECLS

/* What co_transcript_store_save() keeps in the store. */
#define CO_TRANSCRIPT_RESULT_KIND "transcript"

GPtrArray *co_transcript_store_load (CoStore     *store,
                                     const char  *source_key,
                                     const char  *params_key,
                                     GError     **error);
gboolean   co_transcript_store_save (CoStore     *store,
                                     const char  *source_key,
                                     const char  *params_key,
                                     GPtrArray   *words,
                                     GError     **error);

G_END_DECLS
