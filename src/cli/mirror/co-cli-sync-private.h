/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"
#include "co-mirror.h"

G_BEGIN_DECLS

/* co-cli-sync.c: what the sync commands share. */
CoMirror *co_cli_sync_open_mirror  (CoCli  *cli,
                                    int    *out_exit);
gboolean  co_cli_sync_no_arguments (CoCli  *cli,
                                    int    *out_exit);

/* co-cli-sync-conflicts.c */
int       co_cli_sync_conflicts    (CoCli  *cli);
int       co_cli_sync_resolve      (CoCli  *cli);

G_END_DECLS
