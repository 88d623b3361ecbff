/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analysis.h"
#include "co-progress.h"
#include "co-store.h"

G_BEGIN_DECLS

CoAnalysis *co_analysis_cache_run      (CoStore                 *store,
                                        const char              *path,
                                        const CoAnalysisParams  *params,
                                        gboolean                *out_cached,
                                        CoProgressFunc           progress,
                                        gpointer                 user_data,
                                        GCancellable            *cancellable,
                                        GError                 **error);
CoAnalysis *co_analysis_cache_lookup   (CoStore                 *store,
                                        const char              *path,
                                        const CoAnalysisParams  *params,
                                        GError                 **error);
void        co_analysis_cache_lookup_async  (CoStore                 *store,
                                             const char              *path,
                                             const CoAnalysisParams  *params,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
CoAnalysis *co_analysis_cache_lookup_finish (CoStore                 *store,
                                             GAsyncResult            *result,
                                             GError                 **error);

G_END_DECLS
