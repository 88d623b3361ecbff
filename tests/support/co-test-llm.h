/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-test-server.h"

G_BEGIN_DECLS

/*
 * A language model's server, as the OpenAI-compatible chat-completions API
 * answers `POST /v1/chat/completions` with `"stream": true`: server-sent
 * events, one `data: {chunk}` event per token (the first with only the role,
 * as servers send it), a last chunk with `finish_reason`, then `data: [DONE]`.
 * A route on a #CoTestServer; it keeps the last request's body and key.
 */

/**
 * CoTestLlmMode:
 * @CO_TEST_LLM_NORMAL: stream every token and end with [DONE]
 * @CO_TEST_LLM_DROP: stream the first `hold_after` tokens, then close the
 *   connection without ending the stream
 * @CO_TEST_LLM_RATE_LIMITED: 429 with `Retry-After: 20` and an error body
 * @CO_TEST_LLM_MALFORMED: stream the first `hold_after` tokens, then a chunk
 *   that is not JSON
 * @CO_TEST_LLM_HOLD: stream the first `hold_after` tokens, then wait for
 *   co_test_llm_release() (0 tokens: a very slow first token)
 * @CO_TEST_LLM_UNAUTHORIZED: 401 with an error body that echoes the key, as
 *   some services do
 * @CO_TEST_LLM_NOT_STREAMED: one chat completion as JSON, as a server that
 *   ignores "stream" answers
 */
typedef enum
{
  CO_TEST_LLM_NORMAL,
  CO_TEST_LLM_DROP,
  CO_TEST_LLM_RATE_LIMITED,
  CO_TEST_LLM_MALFORMED,
  CO_TEST_LLM_HOLD,
  CO_TEST_LLM_UNAUTHORIZED,
  CO_TEST_LLM_NOT_STREAMED,
} CoTestLlmMode;

typedef struct _CoTestLlm CoTestLlm;

CoTestLlm  *co_test_llm_new             (CoTestServer       *server);
void        co_test_llm_free            (CoTestLlm          *self);
void        co_test_llm_set_mode        (CoTestLlm          *self,
                                         CoTestLlmMode       mode,
                                         guint               hold_after);
void        co_test_llm_set_tokens      (CoTestLlm          *self,
                                         const char * const *tokens);
void        co_test_llm_set_answer      (CoTestLlm          *self,
                                         const char         *answer,
                                         gsize               piece);
void        co_test_llm_release         (CoTestLlm          *self);
guint       co_test_llm_count_held      (CoTestLlm          *self);
guint       co_test_llm_count_requests  (CoTestLlm          *self);
const char *co_test_llm_get_bearer      (CoTestLlm          *self);
JsonNode   *co_test_llm_get_body        (CoTestLlm          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoTestLlm, co_test_llm_free)

G_END_DECLS
