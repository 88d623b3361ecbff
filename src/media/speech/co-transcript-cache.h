/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-analysis.h"
#include "co-progress.h"
#include "co-store.h"

G_BEGIN_DECLS

GPtrArray *co_transcript_cache_run (CoStore           *store,
                                    const char        *path,
                                    const CoAnalysis  *analysis,
                                    gboolean          *out_cached,
                                    CoProgressFunc     progress,
                                    gpointer           user_data,
                                    GCancellable      *cancellable,
                                    GError           **error);

G_END_DECLS
