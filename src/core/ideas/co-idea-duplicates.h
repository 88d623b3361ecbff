/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-idea-generator.h"
#include "co-store.h"

G_BEGIN_DECLS

/* The share of words two ideas have in common (the Jaccard index of their
 * word sets) from which one is taken for a near duplicate of the other. */
#define CO_IDEA_DUPLICATE_THRESHOLD 0.6

void     co_idea_result_flag_duplicates (CoIdeaResult  *result,
                                         GArray        *ideas);
gboolean co_ideas_flag_duplicates       (CoStore       *store,
                                         CoIdeaResult  *result,
                                         GError       **error);

G_END_DECLS
