/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-importer.h"

G_BEGIN_DECLS

/* Shared by co-importer.c and co-import-job.c. */
gboolean _co_importer_check_batch (GPtrArray     *results,
                                   CoJob         *job,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
