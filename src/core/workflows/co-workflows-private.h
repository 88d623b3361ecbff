/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-store-private.h"
#include "co-workflows.h"

G_BEGIN_DECLS

CoWorkflowDef *_co_workflows_load (CoStore     *store,
                                   gint64       id,
                                   const char  *name,
                                   GError     **error);
gint64         _co_workflows_find (CoStore     *store,
                                   const char  *name,
                                   GError     **error);

G_END_DECLS
