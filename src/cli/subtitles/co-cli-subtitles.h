/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analysis.h"
#include "co-cli.h"
#include "co-cue-builder.h"
#include "co-store.h"

G_BEGIN_DECLS

/**
 * CoCliCueOptions:
 * @max_chars: `--max-chars`
 * @max_lines: `--max-lines`
 * @max_cps: `--max-cps`
 * @entries: the option entries that fill the fields above
 *
 * The subtitle rules that `subtitles`, `subtitles check` and `export` share.
 */
typedef struct
{
  int          max_chars;
  int          max_lines;
  double       max_cps;
  GOptionEntry entries[4];
} CoCliCueOptions;

const CoCliCommand *co_cli_subtitles_get_commands (guint                  *n_commands);

void                co_cli_cue_options_init       (CoCliCueOptions        *options);
gboolean            co_cli_cue_options_get        (CoCli                  *cli,
                                                   const CoCliCueOptions  *options,
                                                   CoCueRules             *rules,
                                                   int                    *out_exit);
GPtrArray          *co_cli_transcribe             (CoCli                  *cli,
                                                   CoStore                *store,
                                                   const char             *path,
                                                   CoAnalysis             *analysis,
                                                   gboolean               *out_cached,
                                                   double                  from,
                                                   double                  to,
                                                   GError                **error);

int                 co_cli_subtitles_run          (CoCli                  *cli);
int                 co_cli_subtitles_check        (CoCli                  *cli);

G_END_DECLS
