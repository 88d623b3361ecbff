/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"
#include "co-publish-outcome.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_publish_get_commands (guint     *n_commands);
void                co_cli_publish_print        (CoCli     *cli,
                                                 gint64     draft_id,
                                                 GPtrArray *outcomes,
                                                 JsonArray *json);
int                 co_cli_publish_exit         (GPtrArray *outcomes);

G_END_DECLS
