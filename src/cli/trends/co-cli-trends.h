/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_trends_get_commands (guint *n_commands);

int                 co_cli_trends              (CoCli *cli);
int                 co_cli_trends_list         (CoCli *cli);
int                 co_cli_trends_import       (CoCli *cli);
int                 co_cli_trends_decay        (CoCli *cli);

G_END_DECLS
