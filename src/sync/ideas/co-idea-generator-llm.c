/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-llm"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-idea-generator-llm.h"
#include "co-idea-prompt.h"
#include "co-secrets.h"

/*
 * Ideas from a language model: the context becomes a bounded prompt
 * (co-idea-prompt.c), the model's answer streams to the partial callback as
 * it comes, and the whole answer is read into suggestions.  When the model
 * cannot answer — not reached, too slow, an error status, a broken stream, an
 * answer that holds no ideas — the fallback generator (the offline one)
 * answers, and the result says why.  Cancellation is not a failure: it ends
 * the generation without asking the fallback.
 */

struct _CoIdeaGeneratorLlm
{
  GObject          parent_instance;

  CoLlmClient     *client;
  CoIdeaGenerator *fallback;
  guint            context_tokens;
};

static void co_idea_generator_llm_iface_init (CoIdeaGeneratorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoIdeaGeneratorLlm, co_idea_generator_llm, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_IDEA_GENERATOR,
                                                      co_idea_generator_llm_iface_init))

typedef struct
{
  CoIdeaContext     *context;
  CoIdeaPartialFunc  partial;
  gpointer           partial_data;
  char              *reason;
} Generate;

static void
generate_free (Generate *generate)
{
  co_idea_context_free (generate->context);
  g_free (generate->reason);
  g_free (generate);
}

static gboolean
is_cancelled (GTask        *task,
              const GError *error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  return co_error_is_cancelled (error) ||
         (cancellable != NULL && g_cancellable_is_cancelled (cancellable));
}

static void
fallback_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Generate *generate = g_task_get_task_data (task);
  GError *error = NULL;
  CoIdeaResult *answer;

  answer = co_idea_generator_generate_finish (CO_IDEA_GENERATOR (object), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_free (answer->fallback_reason);
  answer->fallback_reason = g_strdup (generate->reason);
  g_task_return_pointer (task, answer, (GDestroyNotify)co_idea_result_free);
}

/* Hands the generation to the fallback, saying why. */
static void
fall_back (GTask *task,
           char  *reason)
{
  CoIdeaGeneratorLlm *self = g_task_get_source_object (task);
  Generate *generate = g_task_get_task_data (task);

  g_debug ("The offline generator answers: %s", reason);
  generate->reason = reason;
  co_idea_generator_generate_async (self->fallback, generate->context, generate->partial,
                                    generate->partial_data, g_task_get_cancellable (task),
                                    fallback_cb, g_object_ref (task));
}

static void
chat_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoIdeaGeneratorLlm *self = g_task_get_source_object (task);
  Generate *generate = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  CoIdeaResult *ideas;

  answer = co_llm_client_chat_finish (CO_LLM_CLIENT (object), result, &error);
  if (answer == NULL && is_cancelled (task, error))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
      return;
    }
  if (answer == NULL)
    {
      fall_back (task, g_strdup (error->message));
      return;
    }
  suggestions = co_idea_prompt_parse (answer, generate->context);
  if (suggestions->len == 0)
    {
      fall_back (task, g_strdup_printf (_("The model at %s gave an answer that holds no "
                                          "ideas CreatorOps could read"),
                                        co_llm_client_get_base (self->client)));
      return;
    }
  ideas = co_idea_result_new (NULL);
  ideas->generator = g_strconcat ("model:", co_llm_client_get_model (self->client), NULL);
  g_ptr_array_extend_and_steal (ideas->suggestions, g_steal_pointer (&suggestions));
  g_task_return_pointer (task, ideas, (GDestroyNotify)co_idea_result_free);
}

static void
forward_token (const char *token,
               gpointer    user_data)
{
  Generate *generate = user_data;

  if (generate->partial != NULL)
    generate->partial (token, generate->partial_data);
}

/* The key, if the keyring holds one for this server, goes with the request;
 * a keyring that cannot be read means no key, which local servers want. */
static void
key_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoIdeaGeneratorLlm *self = g_task_get_source_object (task);
  Generate *generate = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = co_secrets_lookup_finish (result, &error);
  g_autofree char *system = NULL;
  g_autofree char *user = NULL;

  if (error != NULL && is_cancelled (task, error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_debug ("No key for the model: %s", error->message);
  co_llm_client_set_key (self->client, key);
  co_idea_prompt_build (generate->context, self->context_tokens, &system, &user);
  co_llm_client_chat_async (self->client, system, user, forward_token, generate,
                            g_task_get_cancellable (task), chat_cb, g_object_ref (task));
}

static void
co_idea_generator_llm_generate_async (CoIdeaGenerator     *generator,
                                      const CoIdeaContext *context,
                                      CoIdeaPartialFunc    partial,
                                      gpointer             partial_data,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CoIdeaGeneratorLlm *self = CO_IDEA_GENERATOR_LLM (generator);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Generate *generate = g_new0 (Generate, 1);

  g_task_set_source_tag (task, co_idea_generator_llm_generate_async);
  generate->context = co_idea_context_copy (context);
  generate->partial = partial;
  generate->partial_data = partial_data;
  g_task_set_task_data (task, generate, (GDestroyNotify)generate_free);
  co_secrets_lookup_async (CO_LLM_KEYRING_PLATFORM, co_llm_client_get_base (self->client),
                           cancellable, key_cb, g_object_ref (task));
}

static CoIdeaResult *
co_idea_generator_llm_generate_finish (CoIdeaGenerator  *generator,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, generator), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
co_idea_generator_llm_iface_init (CoIdeaGeneratorInterface *iface)
{
  iface->generate_async = co_idea_generator_llm_generate_async;
  iface->generate_finish = co_idea_generator_llm_generate_finish;
}

static void
co_idea_generator_llm_dispose (GObject *object)
{
  CoIdeaGeneratorLlm *self = (CoIdeaGeneratorLlm *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->fallback);

  G_OBJECT_CLASS (co_idea_generator_llm_parent_class)->dispose (object);
}

static void
co_idea_generator_llm_class_init (CoIdeaGeneratorLlmClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = co_idea_generator_llm_dispose;
}

static void
co_idea_generator_llm_init (CoIdeaGeneratorLlm *self)
{
  self->context_tokens = CO_LLM_DEFAULT_CONTEXT_TOKENS;
}

/**
 * co_idea_generator_llm_new:
 * @client: the model's client
 * @fallback: the generator that answers when the model cannot
 *
 * Returns: (transfer full): a generator
 */
CoIdeaGeneratorLlm *
co_idea_generator_llm_new (CoLlmClient     *client,
                           CoIdeaGenerator *fallback)
{
  CoIdeaGeneratorLlm *self;

  g_return_val_if_fail (CO_IS_LLM_CLIENT (client), NULL);
  g_return_val_if_fail (CO_IS_IDEA_GENERATOR (fallback), NULL);

  self = g_object_new (CO_TYPE_IDEA_GENERATOR_LLM, NULL);
  self->client = g_object_ref (client);
  self->fallback = g_object_ref (fallback);
  return self;
}

/** co_idea_generator_llm_get_client: @self: a generator  Returns: (transfer none): its client */
CoLlmClient *
co_idea_generator_llm_get_client (CoIdeaGeneratorLlm *self)
{
  g_return_val_if_fail (CO_IS_IDEA_GENERATOR_LLM (self), NULL);
  return self->client;
}

/**
 * co_idea_generator_llm_get_fallback:
 * @self: a generator
 *
 * Returns: (transfer none): the generator that answers when the model cannot
 */
CoIdeaGenerator *
co_idea_generator_llm_get_fallback (CoIdeaGeneratorLlm *self)
{
  g_return_val_if_fail (CO_IS_IDEA_GENERATOR_LLM (self), NULL);
  return self->fallback;
}

/**
 * co_idea_generator_llm_set_context_tokens:
 * @self: a generator
 * @tokens: the model's context size in tokens; the prompt is fitted to it
 *   (see co_idea_prompt_budget()), at least %CO_IDEA_PROMPT_MIN_TOKENS
 */
void
co_idea_generator_llm_set_context_tokens (CoIdeaGeneratorLlm *self,
                                          guint               tokens)
{
  g_return_if_fail (CO_IS_IDEA_GENERATOR_LLM (self));
  self->context_tokens = MAX (tokens, CO_IDEA_PROMPT_MIN_TOKENS);
}

/** co_idea_generator_llm_get_context_tokens: @self: a generator  Returns: its context size */
guint
co_idea_generator_llm_get_context_tokens (CoIdeaGeneratorLlm *self)
{
  g_return_val_if_fail (CO_IS_IDEA_GENERATOR_LLM (self), 0);
  return self->context_tokens;
}
