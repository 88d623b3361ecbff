/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-idea-generator.h"
#include "co-store.h"

G_BEGIN_DECLS

gint64 co_ideas_save_suggestion   (CoStore                 *store,
                                   const CoIdeaSuggestion  *suggestion,
                                   GError                 **error);
gint64 co_ideas_refine_suggestion (CoStore                 *store,
                                   const CoIdeaSuggestion  *suggestion,
                                   const char              *platform,
                                   GError                 **error);
gint64 co_ideas_refine            (CoStore                 *store,
                                   gint64                   idea_id,
                                   const char              *platform,
                                   GError                 **error);

G_END_DECLS
