/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_metrics_get_commands (guint     *n_commands);
int                 co_cli_metrics_print        (CoCli     *cli,
                                                 GPtrArray *outcomes);

G_END_DECLS
