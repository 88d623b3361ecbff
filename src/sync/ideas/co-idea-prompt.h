/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-idea-generator.h"

G_BEGIN_DECLS

/* How the prompt is measured against the model's context size: about four
 * characters of text per token, which holds for English with the common
 * tokenizers and errs on the short side for most other languages. */
#define CO_IDEA_PROMPT_CHARS_PER_TOKEN 4

/* The smallest context size the prompt is built for. */
#define CO_IDEA_PROMPT_MIN_TOKENS 512

gsize      co_idea_prompt_budget (const CoIdeaContext *context,
                                  guint                context_tokens);
void       co_idea_prompt_build  (const CoIdeaContext *context,
                                  guint                context_tokens,
                                  char               **system,
                                  char               **user);
GPtrArray *co_idea_prompt_parse  (const char          *answer,
                                  const CoIdeaContext *context);

G_END_DECLS
