/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-ideas"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-drafts.h"
#include "co-idea-format.h"
#include "co-ideas-refine.h"
#include "co-ideas.h"
#include "co-platform.h"
#include "co-vault.h"

/*
 * Refining an idea: it becomes a new Saved draft, its title the idea's,
 * its body the hook, outline, edits and hashtags, linked to the vault
 * items the idea drew on.  A stored idea names its items in its notes
 * (co-idea-format.c); items since trashed or deleted are left out, since
 * ideas never draw on those.
 */

/* The items of @ids that still exist and are not in the trash. */
static GArray *
usable_items (CoStore *store,
              GArray  *ids)
{
  g_autoptr(CoVault) vault = co_vault_new (store);
  GArray *usable = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      /* A missing item is left out, as the comment at the top says. */
      g_autoptr(CoVaultItem) item = co_vault_get (vault, id, NULL);

      if (item != NULL && !co_vault_item_get_trashed (item))
        g_array_append_val (usable, id);
    }
  return usable;
}

static gint64
create_draft (CoStore     *store,
              const char  *title,
              const char  *body,
              GArray      *ids,
              const char  *platform,
              GError     **error)
{
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GArray) items = NULL;
  CoPlatform target;
  CoDraftNew spec = { .stage = CO_DRAFT_STAGE_SAVED, .title = title, .body = body };

  if (platform != NULL)
    {
      if (!co_platform_from_string (platform, &target, error))
        return 0;
      spec.platforms = &target;
      spec.n_platforms = 1;
    }
  items = usable_items (store, ids);
  spec.item_ids = (const gint64 *)(gpointer)items->data;
  spec.n_items = items->len;
  drafts = co_drafts_new (store);
  return co_drafts_create (drafts, &spec, error);
}

/**
 * co_ideas_save_suggestion:
 * @store: the library
 * @suggestion: a suggestion
 * @error: return location for a #GError
 *
 * Stores @suggestion as an open idea: its title, and in its notes the
 * hook, outline, edits, hashtags and the vault items it draws on.
 *
 * Returns: the idea's id, or 0 with %CO_IDEA_ERROR_INVALID or a
 *   #CoStoreError
 */
gint64
co_ideas_save_suggestion (CoStore                 *store,
                          const CoIdeaSuggestion  *suggestion,
                          GError                 **error)
{
  g_autofree char *notes = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && suggestion != NULL, 0);

  notes = co_idea_suggestion_to_notes (suggestion);
  return co_ideas_add (store, suggestion->title != NULL ? suggestion->title : "", notes, error);
}

/**
 * co_ideas_refine_suggestion:
 * @store: the library
 * @suggestion: a suggestion
 * @platform: (nullable): the platform the draft targets, or %NULL
 * @error: return location for a #GError
 *
 * Saves @suggestion as a new Saved draft linked to its vault items.
 *
 * Returns: the draft's id, or 0 with %CO_PLATFORM_ERROR_UNKNOWN naming
 *   @platform, a #CoDraftError or a #CoStoreError
 */
gint64
co_ideas_refine_suggestion (CoStore                 *store,
                            const CoIdeaSuggestion  *suggestion,
                            const char              *platform,
                            GError                 **error)
{
  g_autofree char *notes = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && suggestion != NULL, 0);

  notes = co_idea_suggestion_to_notes (suggestion);
  body = co_idea_notes_strip_sources (notes);
  return create_draft (store, suggestion->title, body, suggestion->source_ids, platform, error);
}

/**
 * co_ideas_refine:
 * @store: the library
 * @idea_id: a stored idea
 * @platform: (nullable): the platform the draft targets, or %NULL
 * @error: return location for a #GError
 *
 * Saves a stored idea as a new Saved draft linked to the vault items its
 * notes name (those still in the vault and not in the trash).  The idea
 * stays as it is.
 *
 * Returns: the draft's id, or 0 with %CO_IDEA_ERROR_NOT_FOUND naming
 *   @idea_id, %CO_PLATFORM_ERROR_UNKNOWN naming @platform, a #CoDraftError
 *   or a #CoStoreError
 */
gint64
co_ideas_refine (CoStore     *store,
                 gint64       idea_id,
                 const char  *platform,
                 GError     **error)
{
  CoIdea idea = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autofree char *body = NULL;
  gint64 draft_id;

  g_return_val_if_fail (CO_IS_STORE (store), 0);

  if (!co_ideas_get (store, idea_id, &idea, error))
    return 0;
  ids = co_idea_notes_get_source_ids (idea.notes);
  body = co_idea_notes_strip_sources (idea.notes);
  draft_id = create_draft (store, idea.title, body, ids, platform, error);
  co_idea_clear (&idea);
  return draft_id;
}
