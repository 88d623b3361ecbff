/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_workflows_get_commands (guint *n_commands);

int                 co_cli_workflows_define       (CoCli *cli);
int                 co_cli_workflows_list         (CoCli *cli);
int                 co_cli_workflows_submit       (CoCli *cli);
int                 co_cli_workflows_approve      (CoCli *cli);
int                 co_cli_workflows_reject       (CoCli *cli);

G_END_DECLS
