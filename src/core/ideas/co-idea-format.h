/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-idea-generator.h"

G_BEGIN_DECLS

char   *co_idea_suggestion_to_text   (const CoIdeaSuggestion *suggestion);
char   *co_idea_suggestion_to_notes  (const CoIdeaSuggestion *suggestion);
GArray *co_idea_notes_get_source_ids (const char             *notes);
char   *co_idea_notes_strip_sources  (const char             *notes);

G_END_DECLS
