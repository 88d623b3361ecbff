/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-idea-generator.h"

G_BEGIN_DECLS

CoIdeaGenerator *co_idea_generator_choose (CoIdeaGenerator  *offline,
                                           const char       *endpoint,
                                           char            **why_offline);

G_END_DECLS
