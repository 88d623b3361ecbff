/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_ideas_get_commands (guint *n_commands);

int                 co_cli_ideas_add          (CoCli *cli);
int                 co_cli_ideas_list         (CoCli *cli);
int                 co_cli_ideas_done         (CoCli *cli);
int                 co_cli_ideas_generate     (CoCli *cli);
int                 co_cli_ideas_refine       (CoCli *cli);

G_END_DECLS
