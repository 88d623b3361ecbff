/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the idea test binaries: a library with notes, trends and
 * videos made by hand, and a generator run to its end on the main loop. */

#include "co-idea-context.h"
#include "co-idea-format.h"
#include "co-idea-generator-offline.h"
#include "co-trend-store.h"
#include "vault-fixture.h"

static inline gint64
add_tagged_note (VaultFixture       *fx,
                 const char         *title,
                 const char         *body,
                 const char * const *tags)
{
  g_autoptr(GError) error = NULL;
  gint64 id = co_vault_add_note (fx->vault, title, body, tags, &error);

  g_assert_no_error (error);
  return id;
}

/* Turns item @id into a video of @duration seconds that said @transcript. */
static inline void
make_video (VaultFixture *fx,
            gint64        id,
            double        duration,
            const char   *transcript)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE vault_items SET type = 'video', duration = %g"
                                          " WHERE id = %" G_GINT64_FORMAT ";"
                                          "UPDATE vault_fts SET transcript = '%s'"
                                          " WHERE rowid = %" G_GINT64_FORMAT,
                                          duration, id, transcript, id);

  sql_exec (fx->store, sql);
}

static inline void
put_trend (CoStore    *store,
           CoPlatform  platform,
           const char *name,
           double      score,
           gint64      observed_at)
{
  CoStoredTrend trend = { .platform = platform, .kind = CO_STORED_TREND_TOPIC,
                          .name = (char *)name, .score = score,
                          .observed_at = observed_at, .imported_at = observed_at };
  g_autoptr(GError) error = NULL;

  g_assert_true (co_trend_store_put (store, &trend, &error));
  g_assert_no_error (error);
}

static inline CoIdeaContext *
build_context (VaultFixture *fx,
               const char   *platform,
               guint         count)
{
  g_autoptr(GError) error = NULL;
  CoIdeaContext *context = co_idea_context_build (fx->store, platform, NULL, 0, count, &error);

  g_assert_no_error (error);
  g_assert_nonnull (context);
  return context;
}

/* Every suggestion of @result as text, with its sources, one after another. */
static inline char *
result_text (const CoIdeaResult *result)
{
  GString *out = g_string_new (result->generator);

  for (guint i = 0; i < result->suggestions->len; i++)
    {
      const CoIdeaSuggestion *s = g_ptr_array_index (result->suggestions, i);
      g_autofree char *text = co_idea_suggestion_to_text (s);

      g_string_append_printf (out, "\n%s", text);
      for (guint j = 0; j < s->source_ids->len; j++)
        g_string_append_printf (out, "[%" G_GINT64_FORMAT "]",
                                g_array_index (s->source_ids, gint64, j));
    }
  return g_string_free (out, FALSE);
}
