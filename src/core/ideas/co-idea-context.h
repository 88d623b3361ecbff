/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-idea-generator.h"
#include "co-store.h"

G_BEGIN_DECLS

/* How much of an item's transcript an idea context carries, in characters. */
#define CO_IDEA_TRANSCRIPT_MAX 600
/* How many vault items an idea context carries at most. */
#define CO_IDEA_SOURCES_MAX 12
/* How many trends and top posts it carries at most. */
#define CO_IDEA_TRENDS_MAX 10
#define CO_IDEA_TOP_POSTS_MAX 3

CoIdeaContext *co_idea_context_build (CoStore       *store,
                                      const char    *platform,
                                      const gint64  *from_ids,
                                      guint          n_from,
                                      guint          count,
                                      GError       **error);
void           co_idea_context_build_async  (CoStore             *store,
                                             const char          *platform,
                                             const gint64        *from_ids,
                                             guint                n_from,
                                             guint                count,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CoIdeaContext *co_idea_context_build_finish (CoStore             *store,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
