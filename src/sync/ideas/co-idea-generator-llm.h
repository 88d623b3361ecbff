/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-idea-generator.h"
#include "co-llm-client.h"

G_BEGIN_DECLS

/* The keyring holds a model's key under this platform, with the model's base
 * address as the account (co_secrets_store_async()): a key goes only to the
 * server it was given for. */
#define CO_LLM_KEYRING_PLATFORM "llm"

/* The context size the prompt is fitted to, unless the settings say
 * otherwise (key llm-context-tokens). */
#define CO_LLM_DEFAULT_CONTEXT_TOKENS 4096

#define CO_TYPE_IDEA_GENERATOR_LLM (co_idea_generator_llm_get_type ())
G_DECLARE_FINAL_TYPE (CoIdeaGeneratorLlm, co_idea_generator_llm, CO, IDEA_GENERATOR_LLM, GObject)

CoIdeaGeneratorLlm *co_idea_generator_llm_new                (CoLlmClient        *client,
                                                              CoIdeaGenerator    *fallback);
CoLlmClient        *co_idea_generator_llm_get_client         (CoIdeaGeneratorLlm *self);
CoIdeaGenerator    *co_idea_generator_llm_get_fallback       (CoIdeaGeneratorLlm *self);
void                co_idea_generator_llm_set_context_tokens (CoIdeaGeneratorLlm *self,
                                                              guint               tokens);
guint               co_idea_generator_llm_get_context_tokens (CoIdeaGeneratorLlm *self);

G_END_DECLS
