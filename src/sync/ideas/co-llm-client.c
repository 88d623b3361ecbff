/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-llm"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-sync-error.h"
#include "co-http-private.h"
#include "co-llm-client.h"

/*
 * A client of the OpenAI-compatible chat-completions API, which llama.cpp's
 * server, Ollama, vLLM and LocalAI speak as well: `POST …/v1/chat/completions`
 * with `"stream": true`, answered with server-sent events, one
 * `data: {chunk}` event per piece of text and `data: [DONE]` at the end.  A
 * server that ignores "stream" and answers with one `application/json`
 * completion is read too, its text handed on in one piece.
 *
 * The answer streams, so the request goes over the shared client's session
 * with libsoup's own streaming call rather than co_http_client_send_async(),
 * which reads a whole body.  It is sent once: a chat request is not idempotent
 * (the model's work is paid for and its answer differs each time), so nothing
 * here retries it; the caller falls back instead.  Two deadlines from the
 * shared clock bound it: one for the first piece of text and one for all of it.
 *
 * The key is sent as a bearer token and never logged or put in a message: the
 * server's own text is left out of messages about a refused key.
 */

struct _CoLlmClient
{
  GObject       parent_instance;

  CoHttpClient *http;
  char         *base;
  char         *model;
  char         *key;
  gint64        first_token_timeout;
  gint64        timeout;
};

G_DEFINE_FINAL_TYPE (CoLlmClient, co_llm_client, G_TYPE_OBJECT)

/* Bounds what is read of an error answer, and of an answer not streamed. */
#define ERROR_BODY_MAX 8192
#define WHOLE_BODY_MAX (4 * 1024 * 1024)

typedef enum
{
  TIMED_OUT_NO,
  TIMED_OUT_FIRST,
  TIMED_OUT_TOTAL,
} TimedOut;

/* One chat on its way. */
typedef struct
{
  CoLlmTokenFunc    token;
  gpointer          token_data;
  GCancellable     *cancellable;    /* the caller's, or NULL */
  GCancellable     *op;             /* cancelled by the caller or a deadline */
  GCancellable     *first_deadline; /* cancelled when the first text came */
  GCancellable     *deadline;       /* cancelled when the chat ends */
  gulong            cancel_handler;
  SoupMessage      *message;
  GInputStream     *body;
  GDataInputStream *lines;
  GString          *event;          /* the data lines of the event being read */
  GString          *text;           /* the answer so far */
  GString          *whole;          /* an answer not streamed, as JSON, or NULL */
  TimedOut          timed_out;
  gboolean          finished;
} Chat;

static void read_next_line (GTask *task);

static void
chat_free (Chat *chat)
{
  if (chat->cancel_handler != 0)
    g_cancellable_disconnect (chat->cancellable, chat->cancel_handler);
  g_clear_object (&chat->cancellable);
  g_clear_object (&chat->op);
  g_clear_object (&chat->first_deadline);
  g_clear_object (&chat->deadline);
  g_clear_object (&chat->message);
  g_clear_object (&chat->lines);
  g_clear_object (&chat->body);
  g_string_free (chat->event, TRUE);
  g_string_free (chat->text, TRUE);
  if (chat->whole != NULL)
    g_string_free (chat->whole, TRUE);
  g_free (chat);
}

/* Ends the chat once: stops the deadlines and whatever is still being read. */
static void
finish (GTask  *task,
        GError *error)
{
  Chat *chat = g_task_get_task_data (task);

  if (chat->finished)
    {
      g_clear_error (&error);
      return;
    }
  chat->finished = TRUE;
  g_cancellable_cancel (chat->first_deadline);
  g_cancellable_cancel (chat->deadline);
  g_cancellable_cancel (chat->op);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (chat->text->str), g_free);
}

static gboolean
caller_cancelled (Chat *chat)
{
  return chat->cancellable != NULL && g_cancellable_is_cancelled (chat->cancellable);
}

/* What went wrong with a read or a send: the caller's cancellation passes
 * untouched, a deadline says which, anything else is a lost connection. */
static GError *
transport_error (GTask        *task,
                 const GError *error)
{
  CoLlmClient *self = g_task_get_source_object (task);
  Chat *chat = g_task_get_task_data (task);

  if (caller_cancelled (chat))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, error->message);
  if (chat->timed_out == TIMED_OUT_FIRST)
    return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                        _("The model at %s did not answer within %d s"), self->base,
                        (int)(self->first_token_timeout / G_USEC_PER_SEC));
  if (chat->timed_out == TIMED_OUT_TOTAL)
    return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                        _("The model at %s did not finish its answer within %d s"), self->base,
                        (int)(self->timeout / G_USEC_PER_SEC));
  if (chat->text->len > 0 || chat->body != NULL)
    return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                        _("The model at %s stopped answering after %u characters: %s"),
                        self->base, (guint)g_utf8_strlen (chat->text->str, -1), error->message);
  return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE,
                      _("The model at %s could not be reached: %s"), self->base, error->message);
}

/* Takes a server's text into a message without the key, should it echo it. */
static char *
dup_redacted (CoLlmClient *self,
              const char  *text)
{
  g_auto(GStrv) parts = NULL;

  if (self->key == NULL || self->key[0] == '\0')
    return g_strdup (text);
  parts = g_strsplit (text, self->key, -1);
  return g_strjoinv ("…", parts);
}

/* The error text of an answer or a chunk: {"error": {"message": …}} as OpenAI
 * sends it, or {"error": "…"} as Ollama does. */
static char *
dup_error_message (JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *error = object != NULL ? json_object_get_member (object, "error") : NULL;

  if (error == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (error) && json_node_get_value_type (error) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (error));
  if (JSON_NODE_HOLDS_OBJECT (error) &&
      json_object_has_member (json_node_get_object (error), "message"))
    return g_strdup (json_object_get_string_member_with_default (json_node_get_object (error),
                                                                 "message", ""));
  return g_strdup ("");
}

static GError *
status_error (CoLlmClient *self,
              guint        status,
              GBytes      *body,
              gint64       retry_after)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *said = NULL;
  g_autofree char *redacted = NULL;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH,
                        _("The model at %s refused the key (HTTP %u); set another in "
                          "Preferences or with “creatorops-cli ideas model --key-stdin”"),
                        self->base, status);
  if (status == 429)
    return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_RATE_LIMITED,
                        _("The model at %s is busy (HTTP 429); it asks to wait %lld s"),
                        self->base, (long long)MAX (retry_after, 0));
  if (data != NULL && json_parser_load_from_data (parser, data, size, NULL))
    said = dup_error_message (json_parser_get_root (parser));
  if (said == NULL && data != NULL && g_utf8_validate (data, size, NULL))
    said = g_strndup (data, MIN (size, 200));
  redacted = dup_redacted (self, said != NULL ? g_strstrip (said) : "");
  return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP,
                      _("The model at %s answered HTTP %u: %s"), self->base, status,
                      redacted[0] != '\0' ? redacted : soup_status_get_phrase (status));
}

static gint64
retry_after_seconds (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (value == NULL)
    return 0;
  if (g_ascii_isdigit (value[0]))
    return g_ascii_strtoll (value, NULL, 10);
  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;
  now = g_date_time_new_now_utc ();
  return g_date_time_difference (date, now) / G_USEC_PER_SEC;
}

static void
error_body_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoLlmClient *self = g_task_get_source_object (task);
  Chat *chat = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result,
                                                             NULL);

  if (chat->finished)
    return;
  if (caller_cancelled (chat))
    {
      finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
      return;
    }
  finish (task, status_error (self, soup_message_get_status (chat->message), body,
                              retry_after_seconds (chat->message)));
}

/* The first text came: the first deadline no longer applies. */
static void
deliver (GTask      *task,
         const char *token)
{
  Chat *chat = g_task_get_task_data (task);

  if (token == NULL || token[0] == '\0')
    return;
  g_cancellable_cancel (chat->first_deadline);
  g_string_append (chat->text, token);
  if (chat->token != NULL)
    chat->token (token, chat->token_data);
}

static const char *
chunk_content (JsonNode *node)
{
  JsonObject *object = json_node_get_object (node);
  JsonArray *choices;
  JsonObject *choice;
  JsonObject *delta;

  if (!json_object_has_member (object, "choices"))
    return NULL;
  choices = json_object_get_array_member (object, "choices");
  if (choices == NULL || json_array_get_length (choices) == 0)
    return NULL;
  choice = json_array_get_object_element (choices, 0);
  delta = choice != NULL && json_object_has_member (choice, "delta")
          ? json_object_get_object_member (choice, "delta") : NULL;
  if (delta == NULL)
    return NULL;
  return json_object_get_string_member_with_default (delta, "content", NULL);
}

/* One event's data: a chunk, an error, or the end.  Returns FALSE when the
 * chat has ended. */
static gboolean
handle_event (GTask      *task,
              const char *data)
{
  CoLlmClient *self = g_task_get_source_object (task);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *said = NULL;
  JsonNode *root;

  if (g_strcmp0 (data, "[DONE]") == 0)
    {
      finish (task, NULL);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    {
      g_autofree char *start = g_utf8_make_valid (data, MIN (strlen (data), 60));

      finish (task, g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                                 _("The model at %s sent a piece of its answer that is not "
                                   "a JSON chunk: “%s”"), self->base, start));
      return FALSE;
    }
  if ((said = dup_error_message (root)) != NULL)
    {
      g_autofree char *redacted = dup_redacted (self, said);

      finish (task, g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP,
                                 _("The model at %s stopped with an error: %s"), self->base,
                                 redacted));
      return FALSE;
    }
  deliver (task, chunk_content (root));
  return TRUE;
}

/* A server-sent events line: "data: …" lines make up an event, an empty line
 * ends it, and comments (":") and other fields (event, id, retry) are skipped.
 * Returns FALSE when the chat has ended. */
static gboolean
handle_line (GTask      *task,
             const char *line)
{
  Chat *chat = g_task_get_task_data (task);
  g_autofree char *data = NULL;

  if (line[0] == '\0')
    {
      if (chat->event->len == 0)
        return TRUE;
      data = g_string_free (g_steal_pointer (&chat->event), FALSE);
      chat->event = g_string_new (NULL);
      return handle_event (task, data);
    }
  if (!g_str_has_prefix (line, "data:"))
    return TRUE;
  line += strlen ("data:");
  if (line[0] == ' ')
    line++;
  if (chat->event->len > 0)
    g_string_append_c (chat->event, '\n');
  g_string_append (chat->event, line);
  return TRUE;
}

/* A server that ignores "stream" answers with one chat completion: its
 * message's text is handed on as one piece. */
static void
handle_whole (GTask *task)
{
  CoLlmClient *self = g_task_get_source_object (task);
  Chat *chat = g_task_get_task_data (task);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = NULL;
  JsonArray *choices = NULL;
  JsonObject *message = NULL;
  const char *content = NULL;

  if (json_parser_load_from_data (parser, chat->whole->str, chat->whole->len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));
  if (object != NULL && json_object_has_member (object, "choices"))
    choices = json_object_get_array_member (object, "choices");
  if (choices != NULL && json_array_get_length (choices) > 0 &&
      json_object_has_member (json_array_get_object_element (choices, 0), "message"))
    message = json_object_get_object_member (json_array_get_object_element (choices, 0),
                                             "message");
  if (message != NULL)
    content = json_object_get_string_member_with_default (message, "content", NULL);
  if (content == NULL)
    {
      finish (task, g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                                 _("The model at %s answered with JSON that holds no "
                                   "message"), self->base));
      return;
    }
  deliver (task, content);
  finish (task, NULL);
}

/* The stream ended without "[DONE]": what was left is handled, then the
 * answer is reported incomplete. */
static void
handle_end (GTask *task)
{
  CoLlmClient *self = g_task_get_source_object (task);
  Chat *chat = g_task_get_task_data (task);

  if (chat->whole != NULL)
    {
      handle_whole (task);
      return;
    }
  if (!handle_line (task, ""))
    return;
  finish (task, g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                             _("The model at %s stopped answering after %u characters, "
                               "before the end of its answer"),
                             self->base, (guint)g_utf8_strlen (chat->text->str, -1)));
}

/* A line of an answer not streamed, kept up to a bound. */
static void
keep_whole (GTask      *task,
            const char *line)
{
  CoLlmClient *self = g_task_get_source_object (task);
  Chat *chat = g_task_get_task_data (task);

  g_string_append (chat->whole, line);
  g_string_append_c (chat->whole, '\n');
  if (chat->whole->len > WHOLE_BODY_MAX)
    {
      finish (task, g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                                 _("The model at %s answered with more than %d MiB"),
                                 self->base, WHOLE_BODY_MAX / (1024 * 1024)));
      return;
    }
  read_next_line (task);
}

static void
line_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Chat *chat = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length = 0;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                    &length, &error);
  if (chat->finished)
    return;
  if (error != NULL)
    {
      finish (task, transport_error (task, error));
      return;
    }
  if (line == NULL)
    {
      handle_end (task);
      return;
    }
  if (chat->whole != NULL)
    {
      keep_whole (task, line);
      return;
    }
  if (length > 0 && line[length - 1] == '\r')
    line[length - 1] = '\0';
  if (handle_line (task, line))
    read_next_line (task);
}

static void
read_next_line (GTask *task)
{
  Chat *chat = g_task_get_task_data (task);

  g_data_input_stream_read_line_async (chat->lines, G_PRIORITY_DEFAULT, chat->op, line_cb,
                                       g_object_ref (task));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Chat *chat = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;

  chat->body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (chat->finished)
    return;
  if (chat->body == NULL)
    {
      finish (task, transport_error (task, error));
      return;
    }
  status = soup_message_get_status (chat->message);
  g_debug ("The model answered %u", status);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_input_stream_read_bytes_async (chat->body, ERROR_BODY_MAX, G_PRIORITY_DEFAULT, chat->op,
                                       error_body_cb, g_object_ref (task));
      return;
    }
  if (g_strcmp0 (soup_message_headers_get_content_type (
                   soup_message_get_response_headers (chat->message), NULL),
                 "application/json") == 0)
    chat->whole = g_string_new (NULL);
  chat->lines = g_data_input_stream_new (chat->body);
  g_data_input_stream_set_newline_type (chat->lines, G_DATA_STREAM_NEWLINE_TYPE_LF);
  read_next_line (task);
}

/* A deadline passed, unless it was cancelled because the text came, or the
 * chat ended, first. */
static void
deadline_passed (GObject      *object,
                 GAsyncResult *result,
                 GTask        *task,
                 TimedOut      which)
{
  Chat *chat = g_task_get_task_data (task);

  if (!co_clock_sleep_finish (CO_CLOCK (object), result, NULL) || chat->finished ||
      chat->timed_out != TIMED_OUT_NO)
    return;
  chat->timed_out = which;
  g_cancellable_cancel (chat->op);
}

static void
first_deadline_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  deadline_passed (object, result, task, TIMED_OUT_FIRST);
}

static void
deadline_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  deadline_passed (object, result, task, TIMED_OUT_TOTAL);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     GCancellable *op)
{
  g_cancellable_cancel (op);
}

static JsonNode *
build_body (CoLlmClient *self,
            const char  *system,
            const char  *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 2; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, i == 0 ? "system" : "user");
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, i == 0 ? system : user);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static Chat *
chat_new (CoLlmTokenFunc  token,
          gpointer        token_data,
          GCancellable   *cancellable)
{
  Chat *chat = g_new0 (Chat, 1);

  chat->token = token;
  chat->token_data = token_data;
  chat->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  chat->op = g_cancellable_new ();
  chat->first_deadline = g_cancellable_new ();
  chat->deadline = g_cancellable_new ();
  chat->event = g_string_new (NULL);
  chat->text = g_string_new (NULL);
  return chat;
}

/* The request goes out once, on a new connection (see CoHttpRequest). */
static SoupMessage *
new_message (CoLlmClient  *self,
             const char   *system,
             const char   *user,
             GError      **error)
{
  g_autofree char *url = co_llm_client_dup_url (self);
  g_autoptr(CoHttpRequest) request = co_http_request_new ("POST", url);
  g_autoptr(JsonNode) body = build_body (self, system, user);

  co_http_request_set_header (request, "Accept", "text/event-stream");
  if (self->key != NULL)
    co_http_request_set_bearer (request, self->key);
  co_http_request_set_json (request, body);
  return _co_http_request_new_message (request, error);
}

static void
co_llm_client_finalize (GObject *object)
{
  CoLlmClient *self = (CoLlmClient *)object;

  g_clear_object (&self->http);
  g_free (self->base);
  g_free (self->model);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (co_llm_client_parent_class)->finalize (object);
}

static void
co_llm_client_class_init (CoLlmClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_llm_client_finalize;
}

static void
co_llm_client_init (CoLlmClient *self)
{
  self->first_token_timeout = CO_LLM_DEFAULT_FIRST_TOKEN_TIMEOUT;
  self->timeout = CO_LLM_DEFAULT_TIMEOUT;
}

/**
 * co_llm_client_new:
 * @http: the program's HTTP client, whose session and clock are used
 * @base: the server's base address, without a trailing slash, as
 *   co_service_config_get_base() gives it for %CO_SERVICE_LLM
 * @model: (nullable): the model to ask for; %NULL or "" asks for "default",
 *   which servers that run one model (llama.cpp) accept
 *
 * Returns: (transfer full): a client without a key
 */
CoLlmClient *
co_llm_client_new (CoHttpClient *http,
                   const char   *base,
                   const char   *model)
{
  CoLlmClient *self;

  g_return_val_if_fail (CO_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (base != NULL, NULL);

  self = g_object_new (CO_TYPE_LLM_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->base = g_strdup (base);
  self->model = g_strdup (model != NULL && model[0] != '\0' ? model : "default");
  return self;
}

/** co_llm_client_get_base: @self: a client  Returns: (transfer none): its base address */
const char *
co_llm_client_get_base (CoLlmClient *self)
{
  g_return_val_if_fail (CO_IS_LLM_CLIENT (self), NULL);
  return self->base;
}

/** co_llm_client_get_model: @self: a client  Returns: (transfer none): the model asked for */
const char *
co_llm_client_get_model (CoLlmClient *self)
{
  g_return_val_if_fail (CO_IS_LLM_CLIENT (self), NULL);
  return self->model;
}

/**
 * co_llm_client_dup_url:
 * @self: a client
 *
 * The chat-completions address.  A base that already ends in a version
 * (`https://api.example.com/v1`, as OpenAI's libraries take it) gets
 * `/chat/completions`; a server's root (`http://127.0.0.1:11434`, as Ollama,
 * llama.cpp, vLLM and LocalAI are usually given) gets `/v1/chat/completions`.
 *
 * Returns: (transfer full): the address
 */
char *
co_llm_client_dup_url (CoLlmClient *self)
{
  const char *last;

  g_return_val_if_fail (CO_IS_LLM_CLIENT (self), NULL);

  last = strrchr (self->base, '/');
  if (last != NULL && last[1] == 'v' && g_ascii_isdigit (last[2]) &&
      strspn (last + 2, "0123456789") == strlen (last + 2))
    return g_strconcat (self->base, "/chat/completions", NULL);
  return g_strconcat (self->base, "/v1/chat/completions", NULL);
}

/**
 * co_llm_client_set_key:
 * @self: a client
 * @key: (nullable): the key sent as a bearer token, or %NULL for none (local
 *   servers usually want none)
 *
 * The caller takes @key from the keyring; it is kept in memory only.
 */
void
co_llm_client_set_key (CoLlmClient *self,
                       const char  *key)
{
  g_return_if_fail (CO_IS_LLM_CLIENT (self));

  g_free (self->key);
  self->key = key != NULL && key[0] != '\0' ? g_strdup (key) : NULL;
}

/**
 * co_llm_client_set_timeouts:
 * @self: a client
 * @first_token_usec: how long the first piece of text may take, in µs
 * @total_usec: how long the whole answer may take, in µs
 */
void
co_llm_client_set_timeouts (CoLlmClient *self,
                            gint64       first_token_usec,
                            gint64       total_usec)
{
  g_return_if_fail (CO_IS_LLM_CLIENT (self));
  g_return_if_fail (first_token_usec > 0 && total_usec > 0);

  self->first_token_timeout = first_token_usec;
  self->timeout = total_usec;
}

/**
 * co_llm_client_chat_async:
 * @self: a client
 * @system: the system message
 * @user: the user message
 * @token: (nullable): called with each piece of the answer as it arrives
 * @token_data: passed to @token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: passed to @callback
 *
 * Asks the model once, streaming its answer.  Text already passed to @token
 * stays delivered when the chat later fails.
 */
void
co_llm_client_chat_async (CoLlmClient         *self,
                          const char          *system,
                          const char          *user,
                          CoLlmTokenFunc       token,
                          gpointer             token_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Chat *chat;

  g_return_if_fail (CO_IS_LLM_CLIENT (self));
  g_return_if_fail (system != NULL && user != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_llm_client_chat_async);
  chat = chat_new (token, token_data, cancellable);
  g_task_set_task_data (task, chat, (GDestroyNotify)chat_free);
  chat->message = new_message (self, system, user, &error);
  if (chat->message == NULL)
    {
      finish (task, error);
      return;
    }
  if (cancellable != NULL)
    chat->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                  g_object_ref (chat->op), g_object_unref);
  co_clock_sleep_async (co_http_client_get_clock (self->http), self->first_token_timeout,
                        CO_CLOCK_DEADLINE, chat->first_deadline, first_deadline_cb,
                        g_object_ref (task));
  co_clock_sleep_async (co_http_client_get_clock (self->http), self->timeout,
                        CO_CLOCK_DEADLINE, chat->deadline, deadline_cb, g_object_ref (task));
  g_debug ("Asking the model %s at %s", self->model, self->base);
  soup_session_send_async (co_http_client_get_session (self->http), chat->message,
                           G_PRIORITY_DEFAULT, chat->op, sent_cb, g_object_ref (task));
}

/**
 * co_llm_client_chat_finish:
 * @self: a client
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the whole answer, or %NULL with
 *   %G_IO_ERROR_CANCELLED, or %CO_SYNC_ERROR_OFFLINE (not reached),
 *   %CO_SYNC_ERROR_UNCERTAIN (a timeout, or the stream stopped),
 *   %CO_SYNC_ERROR_AUTH (401, 403), %CO_SYNC_ERROR_RATE_LIMITED (429),
 *   %CO_SYNC_ERROR_HTTP (another status, or an error in the stream),
 *   %CO_SYNC_ERROR_PROTOCOL (a chunk that is not JSON) or %CO_SYNC_ERROR_CONFIG
 */
char *
co_llm_client_chat_finish (CoLlmClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
