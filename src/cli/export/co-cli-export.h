/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_export_get_commands (guint        *n_commands);

/* Output file names shared by export, transcode and subtitles. */
char              **co_cli_plan_outputs        (CoCli        *cli,
                                                GPtrArray    *inputs,
                                                const char   *output,
                                                const char   *out_dir,
                                                const char   *extension,
                                                int          *out_exit);
gboolean            co_cli_check_output        (const char   *output,
                                                gboolean      force,
                                                GError      **error);

int                 co_cli_export_run          (CoCli        *cli);

G_END_DECLS
