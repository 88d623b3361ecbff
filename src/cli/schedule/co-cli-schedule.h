/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_schedule_get_commands  (guint *n_commands);
const CoCliCommand *co_cli_scheduler_get_commands (guint *n_commands);

int                 co_cli_schedule_add          (CoCli *cli);
int                 co_cli_schedule_list         (CoCli *cli);
int                 co_cli_schedule_move         (CoCli *cli);
int                 co_cli_schedule_cancel       (CoCli *cli);
int                 co_cli_schedule_suggest      (CoCli *cli);

G_END_DECLS
