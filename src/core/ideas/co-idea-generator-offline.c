/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-ideas"

#include "config.h"

#include "co-idea-format.h"
#include "co-idea-generator-offline.h"
#include "co-idea-offline-private.h"
#include "co-platform.h"

/*
 * The offline idea generator: templates filled from the context
 * (co-idea-offline-compose.c), made in a worker thread on a copy of the
 * context.  Each suggestion's text is handed to the partial callback on the
 * caller's main context as it is made.  The pieces and the result are
 * queued on that context at the same priority, so they arrive in order and
 * every piece before the result.
 */

struct _CoIdeaGeneratorOffline
{
  GObject parent_instance;

  int     hashtag_limit;
};

static void generator_iface_init (CoIdeaGeneratorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoIdeaGeneratorOffline, co_idea_generator_offline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_IDEA_GENERATOR,
                                                      generator_iface_init))

enum
{
  PROP_0,
  PROP_HASHTAG_LIMIT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CoIdeaContext     *context;
  int                limit;
  CoIdeaPartialFunc  partial;
  gpointer           partial_data;
} Work;

typedef struct
{
  GTask *task;
  char  *text;
} Piece;

static void
work_free (Work *work)
{
  co_idea_context_free (work->context);
  g_free (work);
}

static void
piece_free (Piece *piece)
{
  g_object_unref (piece->task);
  g_free (piece->text);
  g_free (piece);
}

static gboolean
deliver_piece_cb (gpointer data)
{
  Piece *piece = data;
  Work *work = g_task_get_task_data (piece->task);

  /* Once cancelled, the caller waits only for the error. */
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (piece->task)))
    work->partial (piece->text, work->partial_data);
  return G_SOURCE_REMOVE;
}

/* Runs in the worker: queues @text for the caller's main context. */
static void
queue_piece (const char *text,
             gpointer    task)
{
  Piece *piece = g_new0 (Piece, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  piece->task = g_object_ref (task);
  piece->text = g_strdup (text);
  /* The task returns its result at its own priority; the same priority
   * keeps every piece ahead of it. */
  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, deliver_piece_cb, piece, (GDestroyNotify)piece_free);
  g_source_attach (source, g_task_get_context (task));
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Work *work = task_data;
  GError *error = NULL;
  CoIdeaResult *result;

  (void) source_object;
  result = co_idea_generator_offline_run (work->context, work->limit,
                                          work->partial != NULL ? queue_piece : NULL, task,
                                          cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)co_idea_result_free);
}

static void
generate_async (CoIdeaGenerator     *generator,
                const CoIdeaContext *context,
                CoIdeaPartialFunc    partial,
                gpointer             partial_data,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  CoIdeaGeneratorOffline *self = CO_IDEA_GENERATOR_OFFLINE (generator);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Work *work = g_new0 (Work, 1);

  g_task_set_source_tag (task, generate_async);
  work->context = co_idea_context_copy (context);
  work->limit = self->hashtag_limit;
  work->partial = partial;
  work->partial_data = partial_data;
  g_task_set_task_data (task, work, (GDestroyNotify)work_free);
  g_task_run_in_thread (task, generate_thread);
}

static CoIdeaResult *
generate_finish (CoIdeaGenerator  *generator,
                 GAsyncResult     *result,
                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, generator), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == generate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
generator_iface_init (CoIdeaGeneratorInterface *iface)
{
  iface->generate_async = generate_async;
  iface->generate_finish = generate_finish;
}

static void
co_idea_generator_offline_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CoIdeaGeneratorOffline *self = CO_IDEA_GENERATOR_OFFLINE (object);

  switch (prop_id)
    {
    case PROP_HASHTAG_LIMIT:
      g_value_set_int (value, self->hashtag_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_idea_generator_offline_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CoIdeaGeneratorOffline *self = CO_IDEA_GENERATOR_OFFLINE (object);

  switch (prop_id)
    {
    case PROP_HASHTAG_LIMIT:
      co_idea_generator_offline_set_hashtag_limit (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_idea_generator_offline_class_init (CoIdeaGeneratorOfflineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = co_idea_generator_offline_get_property;
  object_class->set_property = co_idea_generator_offline_set_property;

  /**
   * CoIdeaGeneratorOffline:hashtag-limit:
   *
   * The most hashtags an idea for Instagram carries (the creator's
   * setting), or 0 for Instagram's default.
   */
  properties[PROP_HASHTAG_LIMIT] =
    g_param_spec_int ("hashtag-limit", NULL, NULL, 0, CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_idea_generator_offline_init (CoIdeaGeneratorOffline *self)
{
  (void) self;
}

/**
 * co_idea_generator_offline_new:
 *
 * Returns: (transfer full): a generator that makes ideas from templates,
 *   offline
 */
CoIdeaGenerator *
co_idea_generator_offline_new (void)
{
  return g_object_new (CO_TYPE_IDEA_GENERATOR_OFFLINE, NULL);
}

/**
 * co_idea_generator_offline_get_hashtag_limit:
 * @self: the generator
 *
 * Returns: the most hashtags an Instagram idea carries, or 0 for the default
 */
int
co_idea_generator_offline_get_hashtag_limit (CoIdeaGeneratorOffline *self)
{
  g_return_val_if_fail (CO_IS_IDEA_GENERATOR_OFFLINE (self), 0);

  return self->hashtag_limit;
}

/**
 * co_idea_generator_offline_set_hashtag_limit:
 * @self: the generator
 * @limit: the most hashtags an Instagram idea carries (at most
 *   %CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX), or 0 for Instagram's default
 */
void
co_idea_generator_offline_set_hashtag_limit (CoIdeaGeneratorOffline *self,
                                             int                     limit)
{
  g_return_if_fail (CO_IS_IDEA_GENERATOR_OFFLINE (self));
  g_return_if_fail (limit >= 0 && limit <= CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX);

  if (self->hashtag_limit == limit)
    return;
  self->hashtag_limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HASHTAG_LIMIT]);
}

/**
 * co_idea_generator_offline_run:
 * @context: what the ideas draw on
 * @limit: Instagram's hashtag limit, or 0 for its default
 * @partial: (nullable) (scope call): called with each suggestion's text as
 *   it is made, on the calling thread
 * @partial_data: closure for @partial
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Makes @context's count of ideas offline, in the calling thread; the same
 * context always gives the same result.  Blocks briefly: use the
 * generator's _async() call from a main loop.
 *
 * Returns: (transfer full) (nullable): the result, whose generator is
 *   "offline", or %NULL with %G_IO_ERROR_CANCELLED
 */
CoIdeaResult *
co_idea_generator_offline_run (const CoIdeaContext  *context,
                               int                   limit,
                               CoIdeaPartialFunc     partial,
                               gpointer              partial_data,
                               GCancellable         *cancellable,
                               GError              **error)
{
  g_autoptr(CoIdeaResult) result = co_idea_result_new ("offline");

  g_return_val_if_fail (context != NULL, NULL);

  for (guint i = 0; i < context->count; i++)
    {
      CoIdeaSuggestion *suggestion;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      suggestion = _co_idea_offline_compose (context, i, limit);
      g_ptr_array_add (result->suggestions, suggestion);
      if (partial != NULL)
        {
          g_autofree char *text = co_idea_suggestion_to_text (suggestion);
          g_autofree char *piece = g_strconcat (text, "\n", NULL);

          partial (piece, partial_data);
        }
    }
  return g_steal_pointer (&result);
}
