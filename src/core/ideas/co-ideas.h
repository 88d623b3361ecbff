/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-idea-error.h"
#include "co-store.h"

G_BEGIN_DECLS

/* The longest title an idea may have, in characters. */
#define CO_IDEA_TITLE_MAX 200

/**
 * CoIdeaStatus:
 * @CO_IDEA_OPEN: still to be made
 * @CO_IDEA_DONE: made (or dropped)
 *
 * Stored by name (co_idea_status_to_string()).
 */
typedef enum
{
  CO_IDEA_OPEN,
  CO_IDEA_DONE,
} CoIdeaStatus;

/**
 * CoIdea:
 * @id: its id
 * @title: one line
 * @notes: anything longer, or ""
 * @status: open or done
 * @created_at: when it was noted (µs since 1970, UTC)
 * @done_at: when it was done (µs since 1970, UTC), or 0
 */
typedef struct
{
  gint64        id;
  char         *title;
  char         *notes;
  CoIdeaStatus  status;
  gint64        created_at;
  gint64        done_at;
} CoIdea;

const char *co_idea_status_to_string   (CoIdeaStatus         status);
gboolean    co_idea_status_from_string (const char          *name,
                                        CoIdeaStatus        *out_status,
                                        GError             **error);

gint64      co_ideas_add               (CoStore             *store,
                                        const char          *title,
                                        const char          *notes,
                                        GError             **error);
GArray     *co_ideas_list              (CoStore             *store,
                                        const CoIdeaStatus  *status,
                                        GError             **error);
gboolean    co_ideas_get               (CoStore             *store,
                                        gint64               id,
                                        CoIdea              *out_idea,
                                        GError             **error);
void        co_idea_clear              (CoIdea              *idea);
gboolean    co_ideas_set_done          (CoStore             *store,
                                        gint64               id,
                                        GError             **error);

G_END_DECLS
