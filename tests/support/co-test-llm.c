/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-llm.h"

/*
 * Each token is its own chunk of the chunked answer, so the client reads them
 * as they are written.  The server pauses an answer by itself when it runs out
 * of chunks before the body is complete; co_test_llm_release() adds the rest
 * and lets it go on.
 */

struct _CoTestLlm
{
  CoTestServer      *server;
  CoTestLlmMode      mode;
  guint              hold_after;
  GPtrArray         *tokens;
  guint              requests;
  char              *bearer;
  JsonNode          *body;
  SoupServerMessage *held;
  guint              held_next;
  guint              to_write;   /* chunks to write before a drop */
};

static const char *default_tokens[] = { "Hello", ", ", "world", NULL };

static void
append (SoupServerMessage *message,
        const char        *text)
{
  soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_COPY,
                            text, strlen (text));
}

/* One `data:` event: a chunk of the answer, with the token or the role (the
 * first chunk) or the finish reason (the last). */
static void
append_chunk (SoupServerMessage *message,
              const char        *token,
              gboolean           last)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *event = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "chatcmpl-test");
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "chat.completion.chunk");
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, "test-model");
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "delta");
  json_builder_begin_object (builder);
  if (token != NULL || !last)
    {
      json_builder_set_member_name (builder, token != NULL ? "content" : "role");
      json_builder_add_string_value (builder, token != NULL ? token : "assistant");
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "finish_reason");
  if (last)
    json_builder_add_string_value (builder, "stop");
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  event = g_strdup_printf ("data: %s\n\n", json);
  append (message, event);
}

static void
append_tokens (CoTestLlm         *self,
               SoupServerMessage *message,
               guint              from,
               guint              to)
{
  for (guint i = from; i < to && i < self->tokens->len; i++)
    append_chunk (message, g_ptr_array_index (self->tokens, i), FALSE);
}

static void
append_end (SoupServerMessage *message)
{
  append_chunk (message, NULL, TRUE);
  append (message, "data: [DONE]\n\n");
  soup_message_body_complete (soup_server_message_get_response_body (message));
}

static gboolean
drop_cb (gpointer user_data)
{
  g_autoptr(SoupServerMessage) message = user_data;

  co_test_server_drop (message);
  return G_SOURCE_REMOVE;
}

/* Closes the connection once the chunks before the drop are on their way. */
static void
wrote_chunk_cb (SoupServerMessage *message,
                CoTestLlm         *self)
{
  if (self->to_write == 0 || --self->to_write > 0)
    return;
  g_signal_handlers_disconnect_by_data (message, self);
  g_idle_add (drop_cb, g_object_ref (message));
}

static void
reply_error (SoupServerMessage *message,
             guint              status,
             const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  co_test_reply_json (message, status, json);
}

/* {"choices": [{"message": {"role": "assistant", "content": …}}]} */
static void
reply_whole (CoTestLlm         *self,
             SoupServerMessage *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  GString *content = g_string_new (NULL);

  for (guint i = 0; i < self->tokens->len; i++)
    g_string_append (content, g_ptr_array_index (self->tokens, i));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "assistant");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content->str);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, TRUE);
  co_test_reply_json (message, SOUP_STATUS_OK, json);
  g_string_free (content, TRUE);
}

static gboolean
reply_refusal (CoTestLlm         *self,
               SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *text = NULL;

  if (self->mode == CO_TEST_LLM_RATE_LIMITED)
    {
      soup_message_headers_replace (headers, "Retry-After", "20");
      reply_error (message, 429, "Rate limit reached for requests");
      return TRUE;
    }
  if (self->mode == CO_TEST_LLM_NOT_STREAMED)
    {
      reply_whole (self, message);
      return TRUE;
    }
  if (self->mode != CO_TEST_LLM_UNAUTHORIZED)
    return FALSE;
  text = g_strdup_printf ("Incorrect API key provided: %s",
                          self->bearer != NULL ? self->bearer : "(none)");
  reply_error (message, 401, text);
  return TRUE;
}

static void
chat_cb (CoTestServer      *server,
         SoupServerMessage *message,
         const char        *path,
         gpointer           user_data)
{
  CoTestLlm *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  const char *bearer = co_test_get_bearer (message);
  guint sent = self->mode == CO_TEST_LLM_NORMAL ? self->tokens->len : self->hold_after;

  self->requests++;
  g_free (self->bearer);
  self->bearer = g_strdup (bearer);
  g_clear_pointer (&self->body, json_node_unref);
  self->body = co_test_read_json (message);
  if (reply_refusal (self, message))
    return;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  append_chunk (message, NULL, FALSE);
  append_tokens (self, message, 0, sent);
  if (self->mode == CO_TEST_LLM_NORMAL)
    append_end (message);
  else if (self->mode == CO_TEST_LLM_MALFORMED)
    {
      append (message, "data: {\"choices\": [{\"delta\": {\"content\": \"br\n\n");
      append_end (message);
    }
  else if (self->mode == CO_TEST_LLM_DROP)
    {
      self->to_write = MIN (sent, self->tokens->len) + 1;
      g_signal_connect (message, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), self);
    }
  else
    {
      g_clear_object (&self->held);
      self->held = g_object_ref (message);
      self->held_next = sent;
    }
}

/* A server on @server's route POST /v1/chat/completions, streaming "Hello, world". */
CoTestLlm *
co_test_llm_new (CoTestServer *server)
{
  CoTestLlm *self = g_new0 (CoTestLlm, 1);

  self->server = g_object_ref (server);
  self->tokens = g_ptr_array_new_with_free_func (g_free);
  co_test_llm_set_tokens (self, default_tokens);
  co_test_server_route (server, "POST", "/v1/chat/completions", chat_cb, self);
  return self;
}

void
co_test_llm_free (CoTestLlm *self)
{
  g_clear_object (&self->held);
  g_clear_object (&self->server);
  g_ptr_array_unref (self->tokens);
  g_free (self->bearer);
  g_clear_pointer (&self->body, json_node_unref);
  g_free (self);
}

/* How the next requests are answered; @hold_after is the number of tokens
 * sent before a drop, a malformed chunk or a hold. */
void
co_test_llm_set_mode (CoTestLlm     *self,
                      CoTestLlmMode  mode,
                      guint          hold_after)
{
  self->mode = mode;
  self->hold_after = hold_after;
}

/* The tokens of the answer, in order. */
void
co_test_llm_set_tokens (CoTestLlm          *self,
                        const char * const *tokens)
{
  g_ptr_array_set_size (self->tokens, 0);
  for (guint i = 0; tokens[i] != NULL; i++)
    g_ptr_array_add (self->tokens, g_strdup (tokens[i]));
}

/* The answer @answer, cut into tokens of @piece bytes (whole characters). */
void
co_test_llm_set_answer (CoTestLlm  *self,
                        const char *answer,
                        gsize       piece)
{
  const char *p = answer;

  g_ptr_array_set_size (self->tokens, 0);
  while (*p != '\0')
    {
      const char *end = p;

      while (*end != '\0' && (gsize)(end - p) < piece)
        end = g_utf8_next_char (end);
      g_ptr_array_add (self->tokens, g_strndup (p, end - p));
      p = end;
    }
}

/* Sends the rest of a held answer and ends it. */
void
co_test_llm_release (CoTestLlm *self)
{
  g_autoptr(SoupServerMessage) message = g_steal_pointer (&self->held);

  g_return_if_fail (message != NULL);
  append_tokens (self, message, self->held_next, self->tokens->len);
  append_end (message);
  soup_server_message_unpause (message);
}

/* 1 while an answer is held, else 0. */
guint
co_test_llm_count_held (CoTestLlm *self)
{
  return self->held != NULL ? 1 : 0;
}

guint
co_test_llm_count_requests (CoTestLlm *self)
{
  return self->requests;
}

/* The key the last request carried, or NULL. */
const char *
co_test_llm_get_bearer (CoTestLlm *self)
{
  return self->bearer;
}

/* The last request's JSON body, or NULL. */
JsonNode *
co_test_llm_get_body (CoTestLlm *self)
{
  return self->body;
}
