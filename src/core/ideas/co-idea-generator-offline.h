/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-idea-generator.h"

G_BEGIN_DECLS

#define CO_TYPE_IDEA_GENERATOR_OFFLINE (co_idea_generator_offline_get_type ())
G_DECLARE_FINAL_TYPE (CoIdeaGeneratorOffline, co_idea_generator_offline, CO,
                      IDEA_GENERATOR_OFFLINE, GObject)

CoIdeaGenerator *co_idea_generator_offline_new                (void);
int              co_idea_generator_offline_get_hashtag_limit  (CoIdeaGeneratorOffline *self);
void             co_idea_generator_offline_set_hashtag_limit  (CoIdeaGeneratorOffline *self,
                                                               int                     limit);
CoIdeaResult    *co_idea_generator_offline_run                (const CoIdeaContext    *context,
                                                               int                     limit,
                                                               CoIdeaPartialFunc       partial,
                                                               gpointer                partial_data,
                                                               GCancellable           *cancellable,
                                                               GError                **error);

G_END_DECLS
