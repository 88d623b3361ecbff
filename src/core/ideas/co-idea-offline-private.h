/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-idea-generator.h"

G_BEGIN_DECLS

CoIdeaSuggestion *_co_idea_offline_compose (const CoIdeaContext *context,
                                            guint                index,
                                            int                  instagram_limit);

G_END_DECLS
