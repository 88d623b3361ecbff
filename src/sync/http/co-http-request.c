/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-sync-error.h"
#include "co-http-policy.h"
#include "co-http-private.h"

/*
 * A request says what to send and how it may be repeated; the client fills in
 * how many attempts it took and, when it gave up because a server asked it to
 * wait, until when.  Header values are never logged: they may be tokens.
 */
struct _CoHttpRequest
{
  GObject             parent_instance;

  char               *method;
  char               *uri;
  SoupMessageHeaders *headers;
  char               *content_type;
  GBytes             *body;
  char               *idempotency_key;
  char               *bucket;
  gboolean            idempotent;
  gint64              timeout;
  guint               max_retries;
  int                 attempts;
  gint64              retry_at;
};

G_DEFINE_FINAL_TYPE (CoHttpRequest, co_http_request, G_TYPE_OBJECT)

struct _CoHttpResponse
{
  GObject             parent_instance;

  CoHttpRequest      *request;
  guint               status;
  char               *reason;
  SoupMessageHeaders *headers;
  GBytes             *body;
};

G_DEFINE_FINAL_TYPE (CoHttpResponse, co_http_response, G_TYPE_OBJECT)

static void
co_http_request_finalize (GObject *object)
{
  CoHttpRequest *self = (CoHttpRequest *)object;

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->bucket, g_free);

  G_OBJECT_CLASS (co_http_request_parent_class)->finalize (object);
}

static void
co_http_request_class_init (CoHttpRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_http_request_finalize;
}

static void
co_http_request_init (CoHttpRequest *self)
{
  self->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  self->timeout = CO_HTTP_DEFAULT_TIMEOUT;
  self->max_retries = CO_HTTP_MAX_RETRIES;
}

static void
co_http_response_finalize (GObject *object)
{
  CoHttpResponse *self = (CoHttpResponse *)object;

  g_clear_object (&self->request);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);

  G_OBJECT_CLASS (co_http_response_parent_class)->finalize (object);
}

static void
co_http_response_class_init (CoHttpResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_http_response_finalize;
}

static void
co_http_response_init (CoHttpResponse *self)
{
}

/**
 * co_http_request_new:
 * @method: the HTTP method ("GET", "POST"…)
 * @uri: the full address
 *
 * Returns: (transfer full): a request with no body, the default timeout and up to
 *   %CO_HTTP_MAX_RETRIES retries when it may be repeated
 */
CoHttpRequest *
co_http_request_new (const char *method,
                     const char *uri)
{
  CoHttpRequest *self;

  g_return_val_if_fail (method != NULL && uri != NULL, NULL);

  self = g_object_new (CO_TYPE_HTTP_REQUEST, NULL);
  self->method = g_ascii_strup (method, -1);
  self->uri = g_strdup (uri);
  self->idempotent = co_http_method_is_idempotent (self->method);
  return self;
}

/** co_http_request_get_method: @self: a request  Returns: (transfer none): its method */
const char *
co_http_request_get_method (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), NULL);
  return self->method;
}

/** co_http_request_get_uri: @self: a request  Returns: (transfer none): its address */
const char *
co_http_request_get_uri (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), NULL);
  return self->uri;
}

/**
 * co_http_request_set_header:
 * @self: a request
 * @name: the header
 * @value: its value, replacing any earlier one
 */
void
co_http_request_set_header (CoHttpRequest *self,
                            const char    *name,
                            const char    *value)
{
  g_return_if_fail (CO_IS_HTTP_REQUEST (self));
  soup_message_headers_replace (self->headers, name, value);
}

/**
 * co_http_request_set_bearer:
 * @self: a request
 * @token: an OAuth access token
 *
 * Sends @token in `Authorization: Bearer`.  The request keeps it only as a header,
 * which the client never logs.
 */
void
co_http_request_set_bearer (CoHttpRequest *self,
                            const char    *token)
{
  g_autofree char *value = NULL;

  g_return_if_fail (CO_IS_HTTP_REQUEST (self));
  g_return_if_fail (token != NULL);

  value = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (self->headers, "Authorization", value);
}

/** co_http_request_get_headers: @self: a request  Returns: (transfer none): its headers */
SoupMessageHeaders *
co_http_request_get_headers (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), NULL);
  return self->headers;
}

/**
 * co_http_request_set_body:
 * @self: a request
 * @content_type: the body's media type
 * @body: the body
 */
void
co_http_request_set_body (CoHttpRequest *self,
                          const char    *content_type,
                          GBytes        *body)
{
  g_return_if_fail (CO_IS_HTTP_REQUEST (self));
  g_return_if_fail (content_type != NULL && body != NULL);

  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = g_bytes_ref (body);
}

/**
 * co_http_request_set_json:
 * @self: a request
 * @node: the body, as JSON
 */
void
co_http_request_set_json (CoHttpRequest *self,
                          JsonNode      *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize length = strlen (text);
  g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&text), length);

  co_http_request_set_body (self, "application/json", body);
}

/**
 * co_http_request_set_form:
 * @self: a request
 * @fields: (element-type utf8 utf8): the form's fields
 *
 * Sends @fields as `application/x-www-form-urlencoded`, as OAuth token endpoints
 * want them.
 */
void
co_http_request_set_form (CoHttpRequest *self,
                          GHashTable    *fields)
{
  char *text = soup_form_encode_hash (fields);
  gsize length = strlen (text);
  g_autoptr(GBytes) body = g_bytes_new_take (text, length);

  co_http_request_set_body (self, "application/x-www-form-urlencoded", body);
}

/** co_http_request_get_body: @self: a request  Returns: (transfer none) (nullable): its body */
GBytes *
co_http_request_get_body (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), NULL);
  return self->body;
}

/**
 * co_http_request_get_content_type:
 * @self: a request
 *
 * Returns: (transfer none) (nullable): its body's media type
 */
const char *
co_http_request_get_content_type (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), NULL);
  return self->content_type;
}

/**
 * co_http_request_set_idempotency_key:
 * @self: a request
 * @header: the header the server reads it from ("Idempotency-Key")
 * @key: the key: the server does what a request with the same key asks only once
 *
 * A request with a key may be repeated whatever its method.
 */
void
co_http_request_set_idempotency_key (CoHttpRequest *self,
                                     const char    *header,
                                     const char    *key)
{
  g_return_if_fail (CO_IS_HTTP_REQUEST (self));
  g_return_if_fail (header != NULL && key != NULL && key[0] != '\0');

  g_free (self->idempotency_key);
  self->idempotency_key = g_strdup (key);
  soup_message_headers_replace (self->headers, header, key);
}

/**
 * co_http_request_get_idempotency_key:
 * @self: a request
 *
 * Returns: (transfer none) (nullable): its idempotency key
 */
const char *
co_http_request_get_idempotency_key (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), NULL);
  return self->idempotency_key;
}

/**
 * co_http_request_set_idempotent:
 * @self: a request
 * @idempotent: whether doing it twice has the effect of doing it once
 *
 * Overrides what the method says: a resumable upload's chunk sent with POST may be
 * idempotent, and a PUT that appends may not be.
 */
void
co_http_request_set_idempotent (CoHttpRequest *self,
                                gboolean       idempotent)
{
  g_return_if_fail (CO_IS_HTTP_REQUEST (self));
  self->idempotent = idempotent;
}

/**
 * co_http_request_may_repeat:
 * @self: a request
 *
 * Returns: %TRUE when sending it again cannot do twice what it asks: it is
 *   idempotent or carries an idempotency key
 */
gboolean
co_http_request_may_repeat (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), FALSE);
  return self->idempotent || self->idempotency_key != NULL;
}

/**
 * co_http_request_set_bucket:
 * @self: a request
 * @bucket: (nullable): the rate-limit bucket: the platform's name; %NULL for the
 *   request's host
 */
void
co_http_request_set_bucket (CoHttpRequest *self,
                            const char    *bucket)
{
  g_return_if_fail (CO_IS_HTTP_REQUEST (self));
  g_free (self->bucket);
  self->bucket = g_strdup (bucket);
}

/**
 * co_http_request_get_bucket:
 * @self: a request
 *
 * Returns: (transfer none): its rate-limit bucket
 */
const char *
co_http_request_get_bucket (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), NULL);
  if (self->bucket == NULL)
    self->bucket = _co_http_dup_host (self->uri);
  return self->bucket;
}

/**
 * co_http_request_set_timeout:
 * @self: a request
 * @usec: how long one attempt may take, in µs, from sending to the end of the answer
 */
void
co_http_request_set_timeout (CoHttpRequest *self,
                             gint64         usec)
{
  g_return_if_fail (CO_IS_HTTP_REQUEST (self));
  g_return_if_fail (usec > 0);
  self->timeout = usec;
}

/** co_http_request_get_timeout: @self: a request  Returns: its timeout, in µs */
gint64
co_http_request_get_timeout (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), 0);
  return self->timeout;
}

/**
 * co_http_request_set_max_retries:
 * @self: a request
 * @retries: retries allowed when it may be repeated, at most %CO_HTTP_MAX_RETRIES
 */
void
co_http_request_set_max_retries (CoHttpRequest *self,
                                 guint          retries)
{
  g_return_if_fail (CO_IS_HTTP_REQUEST (self));
  self->max_retries = MIN (retries, CO_HTTP_MAX_RETRIES);
}

/** co_http_request_get_max_retries: @self: a request  Returns: retries allowed */
guint
co_http_request_get_max_retries (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), 0);
  return self->max_retries;
}

/**
 * co_http_request_dup_display:
 * @self: a request
 *
 * Returns: (transfer full): "METHOD host/path" for messages and logs: without the
 *   query, which may hold a token
 */
char *
co_http_request_dup_display (CoHttpRequest *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), NULL);

  uri = g_uri_parse (self->uri, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (self->method);
  return g_strdup_printf ("%s %s%s", self->method, g_uri_get_host (uri), g_uri_get_path (uri));
}

/** co_http_request_get_attempts: @self: a request  Returns: attempts made so far */
int
co_http_request_get_attempts (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), 0);
  return self->attempts;
}

/**
 * co_http_request_get_retry_at:
 * @self: a request
 *
 * Returns: when a server that asked to wait allows it again (µs since 1970, UTC),
 *   if the client stopped for that reason; otherwise 0
 */
gint64
co_http_request_get_retry_at (CoHttpRequest *self)
{
  g_return_val_if_fail (CO_IS_HTTP_REQUEST (self), 0);
  return self->retry_at;
}

void
_co_http_request_begin_attempt (CoHttpRequest *self)
{
  self->attempts++;
  self->retry_at = 0;
}

void
_co_http_request_set_retry_at (CoHttpRequest *self,
                               gint64         retry_at)
{
  self->retry_at = retry_at;
}

char *
_co_http_dup_host (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  return g_strdup (parsed != NULL && g_uri_get_host (parsed) != NULL ? g_uri_get_host (parsed)
                                                                     : uri);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    data)
{
  soup_message_headers_append (data, name, value);
}

/* A message for one attempt.  A request that must not be repeated goes on a
 * connection of its own: libsoup may resend a request on a kept-alive
 * connection that the server closed, which is only safe when it may repeat. */
SoupMessage *
_co_http_request_new_message (CoHttpRequest  *self,
                              GError        **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GUri) uri = g_uri_parse (self->uri, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                   _("“%s” is not an address CreatorOps can send to"), self->uri);
      return NULL;
    }
  message = soup_message_new_from_uri (self->method, uri);
  soup_message_headers_foreach (self->headers, copy_header_cb,
                                soup_message_get_request_headers (message));
  if (self->body != NULL)
    soup_message_set_request_body_from_bytes (message, self->content_type, self->body);
  if (self->idempotency_key != NULL)
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  if (!co_http_request_may_repeat (self))
    soup_message_add_flags (message, SOUP_MESSAGE_NEW_CONNECTION);
  return g_steal_pointer (&message);
}

CoHttpResponse *
_co_http_response_new (CoHttpRequest *request,
                       SoupMessage   *message,
                       GBytes        *body)
{
  CoHttpResponse *self = g_object_new (CO_TYPE_HTTP_RESPONSE, NULL);

  self->request = g_object_ref (request);
  self->status = soup_message_get_status (message);
  self->reason = g_strdup (soup_message_get_reason_phrase (message));
  self->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  self->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  return self;
}

/** co_http_response_get_status: @self: a response  Returns: its HTTP status */
guint
co_http_response_get_status (CoHttpResponse *self)
{
  g_return_val_if_fail (CO_IS_HTTP_RESPONSE (self), 0);
  return self->status;
}

/** co_http_response_get_headers: @self: a response  Returns: (transfer none): its headers */
SoupMessageHeaders *
co_http_response_get_headers (CoHttpResponse *self)
{
  g_return_val_if_fail (CO_IS_HTTP_RESPONSE (self), NULL);
  return self->headers;
}

/** co_http_response_get_body: @self: a response  Returns: (transfer none): its body */
GBytes *
co_http_response_get_body (CoHttpResponse *self)
{
  g_return_val_if_fail (CO_IS_HTTP_RESPONSE (self), NULL);
  return self->body;
}

/**
 * co_http_response_get_request:
 * @self: a response
 *
 * Returns: (transfer none): the request it answers
 */
CoHttpRequest *
co_http_response_get_request (CoHttpResponse *self)
{
  g_return_val_if_fail (CO_IS_HTTP_RESPONSE (self), NULL);
  return self->request;
}

/**
 * co_http_response_parse_json:
 * @self: a response
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the body as JSON, or %NULL with
 *   %CO_SYNC_ERROR_PROTOCOL
 */
JsonNode *
co_http_response_parse_json (CoHttpResponse  *self,
                             GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (CO_IS_HTTP_RESPONSE (self), NULL);

  data = g_bytes_get_data (self->body, &length);
  if (length > 0 && json_parser_load_from_data (parser, data, (gssize)length, &local_error))
    return json_node_ref (json_parser_get_root (parser));
  display = co_http_request_dup_display (self->request);
  g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
               _("The answer to %s is not JSON: %s"), display,
               local_error != NULL ? local_error->message : _("it is empty"));
  return NULL;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A short reason from an error body: OAuth's error_description, X's detail,
 * LinkedIn's and Google's message… */
static char *
dup_server_reason (CoHttpResponse *self)
{
  static const char *const members[] = { "error_description", "detail", "message", "title",
                                         "error" };
  g_autoptr(JsonNode) root = co_http_response_parse_json (self, NULL);
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup (self->reason);
  object = json_node_get_object (root);
  if (json_object_has_member (object, "error") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "error")))
    object = json_object_get_object_member (object, "error");
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *text = get_string_member (object, members[i]);

      if (text != NULL && text[0] != '\0')
        return g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 300));
    }
  return g_strdup (self->reason);
}

static int
error_code_for_status (CoHttpResponse *self)
{
  if (self->status == SOUP_STATUS_UNAUTHORIZED)
    return CO_SYNC_ERROR_AUTH;
  if (self->status == CO_HTTP_STATUS_TOO_MANY_REQUESTS)
    return CO_SYNC_ERROR_RATE_LIMITED;
  if (self->status >= 400 && self->status < 500)
    return CO_SYNC_ERROR_REJECTED;
  /* A server or gateway error after a request that must not be repeated may
   * have come after the work was done. */
  if (!co_http_request_may_repeat (self->request) &&
      (self->status == SOUP_STATUS_INTERNAL_SERVER_ERROR ||
       self->status == SOUP_STATUS_BAD_GATEWAY || self->status == SOUP_STATUS_GATEWAY_TIMEOUT))
    return CO_SYNC_ERROR_UNCERTAIN;
  return CO_SYNC_ERROR_HTTP;
}

/**
 * co_http_response_check:
 * @self: a response
 * @error: return location for a #GError
 *
 * Turns an answer other than 2xx into an error: %CO_SYNC_ERROR_AUTH for 401,
 * %CO_SYNC_ERROR_RATE_LIMITED for 429, %CO_SYNC_ERROR_REJECTED for the other 4xx,
 * %CO_SYNC_ERROR_UNCERTAIN for 500, 502 and 504 after a request that must not be
 * repeated, and %CO_SYNC_ERROR_HTTP otherwise.  The message names the request and
 * gives the server's own reason.
 *
 * Returns: %TRUE for a 2xx answer
 */
gboolean
co_http_response_check (CoHttpResponse  *self,
                        GError         **error)
{
  g_autofree char *display = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (CO_IS_HTTP_RESPONSE (self), FALSE);

  if (SOUP_STATUS_IS_SUCCESSFUL (self->status))
    return TRUE;
  display = co_http_request_dup_display (self->request);
  reason = dup_server_reason (self);
  g_set_error (error, CO_SYNC_ERROR, error_code_for_status (self),
               _("%s was answered with %u: %s"), display, self->status,
               reason != NULL ? reason : "");
  return FALSE;
}
