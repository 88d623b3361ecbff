/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_deals_get_commands (guint *n_commands);

int                 co_cli_deals_add          (CoCli *cli);
int                 co_cli_deals_done         (CoCli *cli);
int                 co_cli_deals_list         (CoCli *cli);
int                 co_cli_deals_milestone    (CoCli *cli);
int                 co_cli_deals_report       (CoCli *cli);

G_END_DECLS
