/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the language-model tests share: a fake model on a loopback server, a
 * clock the test moves, and a stand-in for the offline generator that says
 * when it was asked.
 */

#include "co-idea-generator.h"
#include "co-test-clock.h"
#include "co-test-llm.h"
#include "co-test-util.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

/* The offline generator's stand-in: one idea, one line of partial text. */
#define CO_TYPE_STUB_GENERATOR (co_stub_generator_get_type ())
G_DECLARE_FINAL_TYPE (CoStubGenerator, co_stub_generator, CO, STUB_GENERATOR, GObject)

struct _CoStubGenerator
{
  GObject parent_instance;
  guint   calls;
};

static void co_stub_generator_iface_init (CoIdeaGeneratorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoStubGenerator, co_stub_generator, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_IDEA_GENERATOR,
                                                      co_stub_generator_iface_init))

static void
co_stub_generator_generate_async (CoIdeaGenerator     *generator,
                                  const CoIdeaContext *context,
                                  CoIdeaPartialFunc    partial,
                                  gpointer             partial_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CoStubGenerator *self = CO_STUB_GENERATOR (generator);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  CoIdeaResult *result = co_idea_result_new ("offline");
  CoIdeaSuggestion *suggestion = co_idea_suggestion_new ();

  self->calls++;
  suggestion->title = g_strdup ("Offline idea");
  g_ptr_array_add (result->suggestions, suggestion);
  if (partial != NULL)
    partial ("Offline idea\n", partial_data);
  g_task_return_pointer (task, result, (GDestroyNotify)co_idea_result_free);
}

static CoIdeaResult *
co_stub_generator_generate_finish (CoIdeaGenerator  *generator,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
co_stub_generator_iface_init (CoIdeaGeneratorInterface *iface)
{
  iface->generate_async = co_stub_generator_generate_async;
  iface->generate_finish = co_stub_generator_generate_finish;
}

static void
co_stub_generator_class_init (CoStubGeneratorClass *klass)
{
}

static void
co_stub_generator_init (CoStubGenerator *self)
{
}

/* A context of @n vault items (ids 1…n) with a little of everything. */
static inline CoIdeaContext *
make_context (guint n,
              gsize text_length)
{
  CoIdeaContext *context = co_idea_context_new ("youtube", 3);

  for (guint i = 1; i <= n; i++)
    {
      CoIdeaSource *source = g_new0 (CoIdeaSource, 1);
      g_autofree char *filler = g_strnfill (text_length, 'x');

      source->item_id = i;
      source->title = g_strdup_printf ("Clip %u about knots", i);
      source->tags = g_strsplit ("outdoors,ropes", ",", -1);
      source->notes = g_strdup_printf ("notes-%u %s", i, filler);
      source->transcript = g_strdup_printf ("transcript-%u %s", i, filler);
      g_ptr_array_add (context->sources, source);
    }
  g_ptr_array_add (context->trends, g_strdup ("#knots"));
  g_ptr_array_add (context->top_posts, g_strdup ("Five knots every hiker needs"));
  return context;
}
