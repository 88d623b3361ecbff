/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-store.h"
#include "co-subtitle.h"

G_BEGIN_DECLS

/* The edited subtitles of a file, kept by co_cue_store_save(). */
#define CO_SUBTITLES_RESULT_KIND "subtitles"

GPtrArray *co_cue_store_load (CoStore     *store,
                              const char  *path,
                              GError     **error);
gboolean   co_cue_store_save (CoStore     *store,
                              const char  *path,
                              GPtrArray   *cues,
                              GError     **error);

G_END_DECLS
