/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-http-client.h"

G_BEGIN_DECLS

/* How long the model may take for its first word and for its whole answer,
 * unless the settings say otherwise (keys llm-first-token-timeout, llm-timeout). */
#define CO_LLM_DEFAULT_FIRST_TOKEN_TIMEOUT (G_GINT64_CONSTANT (30) * G_USEC_PER_SEC)
#define CO_LLM_DEFAULT_TIMEOUT             (G_GINT64_CONSTANT (180) * G_USEC_PER_SEC)

/**
 * CoLlmTokenFunc:
 * @token: the next piece of the answer, never empty
 * @user_data: closure
 *
 * Called on the thread-default main context of the _async() call, in order.
 */
typedef void (*CoLlmTokenFunc) (const char *token,
                                gpointer    user_data);

#define CO_TYPE_LLM_CLIENT (co_llm_client_get_type ())
G_DECLARE_FINAL_TYPE (CoLlmClient, co_llm_client, CO, LLM_CLIENT, GObject)

CoLlmClient *co_llm_client_new          (CoHttpClient         *http,
                                         const char           *base,
                                         const char           *model);
const char  *co_llm_client_get_base     (CoLlmClient          *self);
const char  *co_llm_client_get_model    (CoLlmClient          *self);
char        *co_llm_client_dup_url      (CoLlmClient          *self);
void         co_llm_client_set_key      (CoLlmClient          *self,
                                         const char           *key);
void         co_llm_client_set_timeouts (CoLlmClient          *self,
                                         gint64                first_token_usec,
                                         gint64                total_usec);
void         co_llm_client_chat_async   (CoLlmClient          *self,
                                         const char           *system,
                                         const char           *user,
                                         CoLlmTokenFunc        token,
                                         gpointer              token_data,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char        *co_llm_client_chat_finish  (CoLlmClient          *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
