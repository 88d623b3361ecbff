/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analysis.h"
#include "co-cli.h"
#include "co-store.h"

G_BEGIN_DECLS

/**
 * CoCliAnalysisOptions:
 * @threshold_db: `--threshold-db`
 * @min_silence: `--min-silence`
 * @padding: `--padding`
 * @keep_pauses_over: `--keep-pauses-over`
 * @scenes: `--scenes`
 * @entries: the option entries that fill the fields above
 *
 * The analysis options that `analyze`, `export` and `subtitles` share, so
 * that every command finds the same kept analysis for the same options.
 */
typedef struct
{
  double       threshold_db;
  double       min_silence;
  double       padding;
  double       keep_pauses_over;
  gboolean     scenes;
  GOptionEntry entries[6];
} CoCliAnalysisOptions;

const CoCliCommand *co_cli_analyze_get_commands       (guint                       *n_commands);

void                co_cli_analysis_options_init      (CoCliAnalysisOptions        *options);
gboolean            co_cli_analysis_options_get       (CoCli                       *cli,
                                                       const CoCliAnalysisOptions  *options,
                                                       CoAnalysisParams            *params,
                                                       int                         *out_exit);
GOptionEntry       *co_cli_entries_join               (const GOptionEntry          *first,
                                                       ...) G_GNUC_NULL_TERMINATED;
CoStore            *co_cli_open_store                 (CoCli                       *cli,
                                                       int                         *out_exit);
CoAnalysis         *co_cli_analyze                    (CoCli                       *cli,
                                                       CoStore                     *store,
                                                       const char                  *path,
                                                       const CoAnalysisParams      *params,
                                                       gboolean                    *out_cached,
                                                       double                       from,
                                                       double                       to,
                                                       GError                     **error);
void                co_cli_batch_progress             (CoCli                       *cli,
                                                       const char                  *format,
                                                       const char                  *path,
                                                       guint                        index,
                                                       guint                        n_paths);

int                 co_cli_analyze_run                (CoCli                       *cli);

G_END_DECLS
