/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-idea-generator.h"

G_DEFINE_INTERFACE (CoIdeaGenerator, co_idea_generator, G_TYPE_OBJECT)

static void
co_idea_generator_default_init (CoIdeaGeneratorInterface *iface)
{
  (void) iface;
}

void
co_idea_generator_generate_async (CoIdeaGenerator     *self,
                                  const CoIdeaContext *context,
                                  CoIdeaPartialFunc    partial,
                                  gpointer             partial_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CO_IS_IDEA_GENERATOR (self));
  g_return_if_fail (context != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  CO_IDEA_GENERATOR_GET_IFACE (self)->generate_async (self, context, partial, partial_data,
                                                      cancellable, callback, user_data);
}

CoIdeaResult *
co_idea_generator_generate_finish (CoIdeaGenerator  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (CO_IS_IDEA_GENERATOR (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return CO_IDEA_GENERATOR_GET_IFACE (self)->generate_finish (self, result, error);
}

void
co_idea_source_free (CoIdeaSource *source)
{
  if (source == NULL)
    return;
  g_free (source->title);
  g_strfreev (source->tags);
  g_free (source->notes);
  g_free (source->transcript);
  g_free (source->type);
  g_free (source);
}

CoIdeaContext *
co_idea_context_new (const char *platform,
                     guint       count)
{
  CoIdeaContext *context = g_new0 (CoIdeaContext, 1);

  context->platform = g_strdup (platform);
  context->count = CLAMP (count, 1, 20);
  context->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) co_idea_source_free);
  context->trends = g_ptr_array_new_with_free_func (g_free);
  context->top_posts = g_ptr_array_new_with_free_func (g_free);
  return context;
}

static CoIdeaSource *
source_copy (const CoIdeaSource *source)
{
  CoIdeaSource *copy = g_new0 (CoIdeaSource, 1);

  copy->item_id = source->item_id;
  copy->title = g_strdup (source->title);
  copy->tags = source->tags ? g_strdupv (source->tags) : g_new0 (char *, 1);
  copy->notes = g_strdup (source->notes ? source->notes : "");
  copy->transcript = g_strdup (source->transcript ? source->transcript : "");
  copy->type = g_strdup (source->type ? source->type : "");
  copy->duration = source->duration;
  return copy;
}

CoIdeaContext *
co_idea_context_copy (const CoIdeaContext *context)
{
  CoIdeaContext *copy;

  g_return_val_if_fail (context != NULL, NULL);

  copy = co_idea_context_new (context->platform, context->count);
  for (guint i = 0; i < context->sources->len; i++)
    g_ptr_array_add (copy->sources, source_copy (g_ptr_array_index (context->sources, i)));
  for (guint i = 0; i < context->trends->len; i++)
    g_ptr_array_add (copy->trends, g_strdup (g_ptr_array_index (context->trends, i)));
  for (guint i = 0; i < context->top_posts->len; i++)
    g_ptr_array_add (copy->top_posts, g_strdup (g_ptr_array_index (context->top_posts, i)));
  return copy;
}

void
co_idea_context_free (CoIdeaContext *context)
{
  if (context == NULL)
    return;
  g_free (context->platform);
  g_ptr_array_unref (context->sources);
  g_ptr_array_unref (context->trends);
  g_ptr_array_unref (context->top_posts);
  g_free (context);
}

CoIdeaSuggestion *
co_idea_suggestion_new (void)
{
  CoIdeaSuggestion *suggestion = g_new0 (CoIdeaSuggestion, 1);

  suggestion->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return suggestion;
}

void
co_idea_suggestion_free (CoIdeaSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->title);
  g_free (suggestion->hook);
  g_strfreev (suggestion->outline);
  g_strfreev (suggestion->edits);
  g_strfreev (suggestion->hashtags);
  g_array_unref (suggestion->source_ids);
  g_free (suggestion->duplicate_reason);
  g_free (suggestion);
}

CoIdeaResult *
co_idea_result_new (const char *generator)
{
  CoIdeaResult *result = g_new0 (CoIdeaResult, 1);

  result->generator = g_strdup (generator);
  result->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) co_idea_suggestion_free);
  return result;
}

void
co_idea_result_free (CoIdeaResult *result)
{
  if (result == NULL)
    return;
  g_free (result->generator);
  g_free (result->fallback_reason);
  g_ptr_array_unref (result->suggestions);
  g_free (result);
}
