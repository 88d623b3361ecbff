/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-job.h"

G_BEGIN_DECLS

void _co_job_set_persisted (CoJob      *self,
                            gint64      id,
                            const char *params);

G_END_DECLS
