/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-ideas"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-analytics.h"
#include "co-drafts.h"
#include "co-idea-context.h"
#include "co-idea-error.h"
#include "co-platform.h"
#include "co-similarity.h"
#include "co-store-private.h"
#include "co-trend-store.h"
#include "co-vault-item-private.h"
#include "co-vault.h"

/*
 * What an idea is drawn from, read from the store in one place so that the
 * offline generator and a language model's prompt see the same material:
 * vault items (the ones asked for, else the most relevant of the recent
 * ones), the start of their transcripts, the live trends, ranked, and the
 * texts of the creator's most viewed posts.  Trashed and excluded items are
 * never used; asking for one by id is an error that names it.
 *
 * "Most relevant" is cheap on purpose, so that a library of 100,000 items
 * answers at once: of the RECENT_WINDOW newest usable items, those that
 * share the most words or tags with the current trends come first; ties
 * keep the newest first.
 */

#define RECENT_WINDOW 200
/* Posts looked at for top posts; those without a draft's text are skipped. */
#define TOP_POSTS_LOOKED_AT 20

typedef struct
{
  CoIdeaSource *source;
  guint         score;
  guint         order;
} Ranked;

static CoIdeaSource *
source_from_item (CoVaultItem *item)
{
  CoIdeaSource *source = g_new0 (CoIdeaSource, 1);
  const char * const *tags = co_vault_item_get_tags (item);

  source->item_id = co_vault_item_get_id (item);
  source->title = g_strdup (co_vault_item_get_title (item));
  source->tags = tags != NULL ? g_strdupv ((char **)tags) : g_new0 (char *, 1);
  /* A note's text is its body; the notes are what the creator added. */
  source->notes = *co_vault_item_get_body (item) == '\0'
                  ? g_strdup (co_vault_item_get_notes (item))
                  : *co_vault_item_get_notes (item) == '\0'
                  ? g_strdup (co_vault_item_get_body (item))
                  : g_strjoin ("\n", co_vault_item_get_body (item), co_vault_item_get_notes (item),
                               NULL);
  source->transcript = g_strdup ("");
  source->type = g_strdup (co_vault_type_to_string (co_vault_item_get_item_type (item)));
  source->duration = co_vault_item_get_duration (item);
  return source;
}

static gboolean
read_transcript (CoStore       *store,
                 CoIdeaSource  *source,
                 GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store, "SELECT substr (transcript, 1, ?) FROM vault_fts"
                            " WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, CO_IDEA_TRANSCRIPT_MAX);
  sqlite3_bind_int64 (stmt, 2, source->item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    {
      g_free (source->transcript);
      source->transcript = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    }
  return TRUE;
}

static gboolean
check_usable (CoVaultItem  *item,
              GError      **error)
{
  if (co_vault_item_get_trashed (item))
    {
      g_set_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID,
                   _("Vault item %lld “%s” is in the trash: ideas never draw on it"),
                   (long long)co_vault_item_get_id (item), co_vault_item_get_title (item));
      return FALSE;
    }
  if (co_vault_item_get_excluded (item))
    {
      g_set_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID,
                   _("Vault item %lld “%s” is excluded from ideas: include it again first"),
                   (long long)co_vault_item_get_id (item), co_vault_item_get_title (item));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_given (CoVault        *vault,
           CoIdeaContext  *context,
           const gint64   *ids,
           guint           n_ids,
           GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(CoVaultItem) item = NULL;

      if (g_hash_table_contains (seen, &ids[i]))
        continue;
      g_hash_table_add (seen, (gpointer)&ids[i]);
      item = co_vault_get (vault, ids[i], error);
      if (item == NULL || !check_usable (item, error))
        return FALSE;
      g_ptr_array_add (context->sources, source_from_item (item));
    }
  return TRUE;
}

/* The case-folded words and tags of @source. */
static GHashTable *
source_words (const CoIdeaSource *source)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *title = co_similarity_normalize (source->title);
  g_auto(GStrv) split = g_strsplit (title, " ", -1);

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_hash_table_add (words, g_strdup (split[i]));
  for (guint i = 0; source->tags[i] != NULL; i++)
    g_hash_table_add (words, co_similarity_normalize (source->tags[i]));
  return words;
}

static guint
trend_score (const CoIdeaSource *source,
             GPtrArray          *trends)
{
  g_autoptr(GHashTable) words = source_words (source);
  guint score = 0;

  for (guint i = 0; i < trends->len; i++)
    {
      g_autofree char *trend = co_similarity_normalize (g_ptr_array_index (trends, i));

      score += g_hash_table_contains (words, trend);
    }
  return score;
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static GPtrArray *
recent_usable (CoStore  *store,
               GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _co_store_prepare (store, "SELECT " CO_VAULT_ITEM_COLUMNS " FROM vault_items v"
                            " WHERE v.trashed_at IS NULL AND v.excluded = 0"
                            " ORDER BY v.imported_at DESC, v.id DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, RECENT_WINDOW);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, _co_vault_item_new_from_row (stmt));
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&items);
  _co_store_set_error (store, error, _("reading recent vault items"));
  return NULL;
}

static gboolean
add_recent (CoStore        *store,
            CoIdeaContext  *context,
            GError        **error)
{
  g_autoptr(GPtrArray) items = recent_usable (store, error);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      Ranked entry = { source_from_item (g_ptr_array_index (items, i)), 0, i };

      entry.score = trend_score (entry.source, context->trends);
      g_array_append_val (ranked, entry);
    }
  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    {
      CoIdeaSource *source = g_array_index (ranked, Ranked, i).source;

      if (context->sources->len < CO_IDEA_SOURCES_MAX)
        g_ptr_array_add (context->sources, source);
      else
        co_idea_source_free (source);
    }
  return TRUE;
}

static gboolean
add_trends (CoStore           *store,
            CoIdeaContext     *context,
            const CoPlatform  *platform,
            GError           **error)
{
  CoTrendQuery query = { .platform = platform, .limit = CO_IDEA_TRENDS_MAX,
                         .now = g_get_real_time (),
                         .half_life_days = CO_TREND_HALF_LIFE_DAYS_DEFAULT };
  g_autoptr(GArray) trends = co_trend_store_list (store, &query, NULL, error);

  if (trends == NULL)
    return FALSE;
  for (guint i = 0; i < trends->len; i++)
    g_ptr_array_add (context->trends, g_strdup (g_array_index (trends, CoStoredTrend, i).name));
  return TRUE;
}

/* The text a post went out with: its platform's variant, else the draft's. */
static char *
post_text (CoDrafts              *drafts,
           const CoAnalyticsPost *post)
{
  g_autoptr(CoDraft) draft = NULL;
  CoDraftVariant *variant;

  /* A post whose draft is gone has no text to learn from; that is no error. */
  if (post->draft_id == 0 || (draft = co_drafts_get (drafts, post->draft_id, NULL)) == NULL)
    return NULL;
  variant = co_draft_get_variant (draft, post->platform);
  if (variant != NULL && *co_draft_variant_get_text (variant) != '\0')
    return g_strdup (co_draft_variant_get_text (variant));
  return *co_draft_get_body (draft) != '\0' ? g_strdup (co_draft_get_body (draft)) : NULL;
}

static gboolean
add_top_posts (CoStore           *store,
               CoIdeaContext     *context,
               const CoPlatform  *platform,
               GError           **error)
{
  CoAnalyticsRange range = { .platform = platform };
  g_autoptr(GArray) posts = co_analytics_list_posts (store, &range, TOP_POSTS_LOOKED_AT, error);
  g_autoptr(CoDrafts) drafts = NULL;

  if (posts == NULL)
    return FALSE;
  drafts = co_drafts_new (store);
  for (guint i = 0; i < posts->len && context->top_posts->len < CO_IDEA_TOP_POSTS_MAX; i++)
    {
      char *text = post_text (drafts, &g_array_index (posts, CoAnalyticsPost, i));

      if (text != NULL)
        g_ptr_array_add (context->top_posts, text);
    }
  return TRUE;
}

static gboolean
add_transcripts (CoStore        *store,
                 CoIdeaContext  *context,
                 GError        **error)
{
  for (guint i = 0; i < context->sources->len; i++)
    if (!read_transcript (store, g_ptr_array_index (context->sources, i), error))
      return FALSE;
  return TRUE;
}

/**
 * co_idea_context_build:
 * @store: the library
 * @platform: (nullable): the target platform's name ("x", "linkedin",
 *   "instagram", "youtube"), or %NULL for any
 * @from_ids: (array length=n_from) (nullable): vault items to draw on; when
 *   none are given, the most relevant recent items are used
 * @n_from: how many
 * @count: how many ideas are wanted (1–20; clamped)
 * @error: return location for a #GError
 *
 * Reads what ideas are drawn from: vault items with their tags, notes and
 * the start of their transcripts (at most %CO_IDEA_TRANSCRIPT_MAX
 * characters), the live trends for @platform ranked by their current
 * score, and the texts of the most viewed posts.  Trashed and excluded
 * items are never used.
 *
 * Returns: (transfer full) (nullable): the context, or %NULL with
 *   %CO_PLATFORM_ERROR_UNKNOWN naming @platform, %CO_VAULT_ERROR_NOT_FOUND
 *   naming an unknown item, %CO_IDEA_ERROR_INVALID naming a trashed or
 *   excluded item, or a #CoStoreError
 */
CoIdeaContext *
co_idea_context_build (CoStore       *store,
                       const char    *platform,
                       const gint64  *from_ids,
                       guint          n_from,
                       guint          count,
                       GError       **error)
{
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoVault) vault = NULL;
  CoPlatform target;
  const CoPlatform *only = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (n_from == 0 || from_ids != NULL, NULL);

  if (platform != NULL)
    {
      if (!co_platform_from_string (platform, &target, error))
        return NULL;
      only = &target;
    }
  context = co_idea_context_new (only != NULL ? co_platform_to_string (target) : NULL, count);
  vault = co_vault_new (store);
  if (!add_trends (store, context, only, error) ||
      !(n_from > 0 ? add_given (vault, context, from_ids, n_from, error)
                   : add_recent (store, context, error)) ||
      !add_transcripts (store, context, error) ||
      !add_top_posts (store, context, only, error))
    return NULL;
  return g_steal_pointer (&context);
}

typedef struct
{
  char   *platform;
  GArray *ids;
  guint   count;
} BuildArgs;

static void
build_args_free (BuildArgs *args)
{
  g_free (args->platform);
  g_array_unref (args->ids);
  g_free (args);
}

static void
build_thread (GTask        *task,
              gpointer      store,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildArgs *args = task_data;
  GError *error = NULL;
  CoIdeaContext *context;

  context = co_idea_context_build (store, args->platform, (const gint64 *)(gpointer)args->ids->data,
                                   args->ids->len, args->count, &error);
  if (context == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, context, (GDestroyNotify)co_idea_context_free);
}

/**
 * co_idea_context_build_async:
 * @store: the library
 * @platform: (nullable): as for co_idea_context_build()
 * @from_ids: (array length=n_from) (nullable): as for co_idea_context_build()
 * @n_from: how many
 * @count: how many ideas are wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the context is ready
 * @user_data: closure
 *
 * co_idea_context_build() in a worker thread, on copies of the arguments.
 */
void
co_idea_context_build_async (CoStore             *store,
                             const char          *platform,
                             const gint64        *from_ids,
                             guint                n_from,
                             guint                count,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildArgs *args = g_new0 (BuildArgs, 1);

  g_return_if_fail (CO_IS_STORE (store));

  args->platform = g_strdup (platform);
  args->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (args->ids, from_ids, n_from);
  args->count = count;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_idea_context_build_async);
  g_task_set_task_data (task, args, (GDestroyNotify)build_args_free);
  g_task_run_in_thread (task, build_thread);
}

/**
 * co_idea_context_build_finish:
 * @store: the library
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the context, or %NULL with the
 *   errors of co_idea_context_build() or %G_IO_ERROR_CANCELLED
 */
CoIdeaContext *
co_idea_context_build_finish (CoStore       *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
