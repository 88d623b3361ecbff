/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli-workflows.h"
#include "co-drafts.h"
#include "co-workflow-def.h"

G_BEGIN_DECLS

JsonNode *co_cli_workflows_def_to_json (const CoWorkflowDef *def);
int       co_cli_workflows_print_run   (CoCli               *cli,
                                        CoDrafts            *drafts,
                                        gint64               draft_id);

G_END_DECLS
