/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-http-client.h"
#include "co-idea-generator.h"

G_BEGIN_DECLS

CoIdeaGenerator *co_idea_generator_choose      (CoIdeaGenerator  *offline,
                                                const char       *endpoint,
                                                char            **why_offline);
CoIdeaGenerator *co_idea_generator_choose_full (CoIdeaGenerator  *offline,
                                                const char       *endpoint,
                                                CoHttpClient     *http,
                                                GSettings        *settings,
                                                char            **why_offline);
GSettings       *co_idea_settings_open         (void);
char            *co_idea_generator_dup_endpoint (const char     *endpoint,
                                                GSettings       *settings,
                                                char           **why);

G_END_DECLS
