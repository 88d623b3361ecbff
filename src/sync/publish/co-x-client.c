/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-account-profiler.h"
#include "co-error.h"
#include "co-sync-error.h"
#include "co-x-private.h"

/*
 * The X API v2, as far as the outbox and the accounts need it today: who an
 * account is (GET /2/users/me), posting text (POST /2/tweets, a reply with
 * reply.in_reply_to_tweet_id), and finding a post again among the account's
 * recent ones (GET /2/users/:id/tweets) when an attempt left it unsure, since
 * X takes no idempotency key.  A post's images and videos are uploaded first,
 * each an operation of its own (co-x-media.c, on the shared co-publish-call.c),
 * and the post names their media ids.
 */

struct _CoXClient
{
  GObject           parent_instance;

  CoAccountManager *accounts;
};

static void co_x_client_profiler_init (CoAccountProfilerInterface *iface);
static void co_x_client_handler_init  (CoOutboxHandlerInterface   *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoXClient, co_x_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_ACCOUNT_PROFILER,
                                                      co_x_client_profiler_init)
                               G_IMPLEMENT_INTERFACE (CO_TYPE_OUTBOX_HANDLER,
                                                      co_x_client_handler_init))

/* A request to X, as one step of an operation: the token, then the call. */
typedef struct
{
  CoOutbox          *outbox;
  CoOutboxOperation *operation;
  CoAccount         *account;
  CoToken           *token;
  CoHttpRequest     *request;
  gboolean           refreshed;
  gboolean           looking_up;
  char              *page;       /* the look-up's next page, X's next_token */
  guint              n_pages;
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->outbox);
  g_clear_object (&call->operation);
  g_clear_object (&call->account);
  g_clear_pointer (&call->token, co_token_free);
  g_clear_object (&call->request);
  g_free (call->page);
  g_free (call);
}

static char *
build_url (CoXClient  *self,
           const char *path)
{
  return co_service_config_build_url (co_account_manager_get_config (self->accounts),
                                      CO_SERVICE_X, path);
}

static CoHttpClient *
http (CoXClient *self)
{
  return co_account_manager_get_client (self->accounts);
}

static JsonObject *
get_data (CoHttpResponse  *response,
          GError         **error)
{
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  if (!co_http_response_check (response, error) ||
      (json = co_http_response_parse_json (response, error)) == NULL)
    return NULL;
  object = JSON_NODE_HOLDS_OBJECT (json) ? json_node_get_object (json) : NULL;
  if (object == NULL || !json_object_has_member (object, "data"))
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                   _("X answered without “data”"));
      return NULL;
    }
  return json_object_ref (object);
}

/**
 * co_x_normalize_text:
 * @text: a post's text
 *
 * X rewrites links (t.co) and may trim spaces: what is compared when a post is
 * looked up is the text with each link replaced by one placeholder and runs of
 * white space made one space.
 *
 * Returns: (transfer full): the normalized text
 */
char *
co_x_normalize_text (const char *text)
{
  g_autoptr(GRegex) links = g_regex_new ("https?://\\S+", G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", G_REGEX_OPTIMIZE, 0, NULL);
  g_autofree char *no_links = g_regex_replace_literal (links, text, -1, 0, "<link>", 0, NULL);
  g_autofree char *one_space = g_regex_replace_literal (spaces, no_links, -1, 0, " ", 0, NULL);

  return g_strdup (g_strstrip (one_space));
}

/* Profile: GET /2/users/me */

static void
me_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) object_data = NULL;
  GError *error = NULL;
  JsonObject *data;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (object_data = get_data (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = json_object_get_object_member (object_data, "data");
  if (data == NULL || !json_object_has_member (data, "id") ||
      !json_object_has_member (data, "username"))
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("X did not say who the account is"));
      return;
    }
  g_task_return_pointer (task, json_object_ref (data), (GDestroyNotify)json_object_unref);
}

static void
co_x_client_fetch_async (CoAccountProfiler   *profiler,
                         const char          *access_token,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  CoXClient *self = CO_X_CLIENT (profiler);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = build_url (self, "/2/users/me");
  g_autoptr(CoHttpRequest) request = co_http_request_new ("GET", url);

  g_task_set_source_tag (task, co_x_client_fetch_async);
  co_http_request_set_bearer (request, access_token);
  co_http_request_set_bucket (request, "x");
  co_http_client_send_async (http (self), request, cancellable, me_cb, task);
}

static gboolean
co_x_client_fetch_finish (CoAccountProfiler  *profiler,
                          GAsyncResult       *result,
                          char              **out_remote_id,
                          char              **out_display_name,
                          GError            **error)
{
  g_autoptr(JsonObject) data = g_task_propagate_pointer (G_TASK (result), error);

  if (data == NULL)
    return FALSE;
  *out_remote_id = g_strdup (json_object_get_string_member (data, "id"));
  *out_display_name = g_strconcat ("@", json_object_get_string_member (data, "username"), NULL);
  return TRUE;
}

static void
co_x_client_profiler_init (CoAccountProfilerInterface *iface)
{
  iface->fetch_async = co_x_client_fetch_async;
  iface->fetch_finish = co_x_client_fetch_finish;
}

/* Both outbox steps start with the account's token; a 401 gets one renewal. */

static void proceed (GTask *task);

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&call->token, co_token_free);
  call->token = co_account_manager_get_token_finish (CO_ACCOUNT_MANAGER (object), result, &error);
  if (call->token == NULL)
    g_task_return_error (task, error);
  else
    proceed (task);
}

static void
fetch_token (GTask    *task,
             gboolean  force)
{
  CoXClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  co_account_manager_get_token_async (self->accounts, co_outbox_operation_get_account_id (
                                        call->operation), force, g_task_get_cancellable (task),
                                      token_cb, g_object_ref (task));
}

/* Posts or looks up @operation: first the account, then its token. */
static void
start_call (CoXClient           *self,
            CoOutbox            *outbox,
            CoOutboxOperation   *operation,
            gboolean             looking_up,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);
  GError *error = NULL;

  call->outbox = g_object_ref (outbox);
  call->operation = g_object_ref (operation);
  call->looking_up = looking_up;
  g_task_set_source_tag (task, start_call);
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);
  call->account = co_account_book_get (co_account_manager_get_book (self->accounts),
                                       co_outbox_operation_get_account_id (operation), &error);
  if (call->account == NULL)
    g_task_return_error (task, error);
  else
    fetch_token (task, FALSE);
}

static gboolean
renew_on_refusal (GTask        *task,
                  const GError *error)
{
  Call *call = g_task_get_task_data (task);

  /* A 401 means X did nothing with the request: renewing and sending again is safe. */
  if (!g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH) || call->refreshed)
    return FALSE;
  call->refreshed = TRUE;
  fetch_token (task, TRUE);
  return TRUE;
}

/* Send: POST /2/tweets */

/* A post as X gives it ({"id", "text"…}) as the outbox keeps it. */
static CoOutboxResult *
result_from_post (JsonObject *data)
{
  const char *id = data != NULL ? json_object_get_string_member_with_default (data, "id", NULL)
                                : NULL;
  g_autofree char *url = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  if (id == NULL)
    return NULL;
  url = g_strconcat ("https://x.com/i/web/status/", id, NULL);
  node = json_node_init_object (json_node_alloc (), data);
  json = json_to_string (node, FALSE);
  return co_outbox_result_new (id, url, json);
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) data = NULL;
  CoOutboxResult *posted;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (data = get_data (response, &error)) == NULL)
    {
      if (!renew_on_refusal (task, error))
        g_task_return_error (task, error);
      else
        g_error_free (error);
      return;
    }
  posted = JSON_NODE_HOLDS_OBJECT (json_object_get_member (data, "data"))
             ? result_from_post (json_object_get_object_member (data, "data")) : NULL;
  if (posted == NULL)
    g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                             _("X answered the post without its id"));
  else
    g_task_return_pointer (task, posted, (GDestroyNotify)co_outbox_result_free);
}

/* The media ids the post's uploads got, in order, as `media.media_ids`. */
static gboolean
add_media (JsonBuilder  *builder,
           Call         *call,
           JsonObject   *payload,
           GError      **error)
{
  JsonNode *ids = json_object_get_member (payload, "media");
  JsonArray *array = ids != NULL && JSON_NODE_HOLDS_ARRAY (ids) ? json_node_get_array (ids) : NULL;

  if (array == NULL || json_array_get_length (array) == 0)
    return TRUE;
  json_builder_set_member_name (builder, "media");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "media_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CoOutboxOperation) upload = co_outbox_get (call->outbox,
                                                           json_array_get_int_element (array, i),
                                                           error);

      if (upload == NULL)
        return FALSE;
      if (co_outbox_operation_get_remote_id (upload) == NULL)
        {
          g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                       _("The upload of outbox operation %lld is not done"),
                       (long long)co_outbox_operation_get_id (upload));
          return FALSE;
        }
      json_builder_add_string_value (builder, co_outbox_operation_get_remote_id (upload));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return TRUE;
}

static JsonNode *
build_post (Call     *call,
            GError  **error)
{
  g_autoptr(JsonObject) payload = co_outbox_operation_dup_payload_object (call->operation);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *text = json_object_get_string_member_with_default (payload, "text", NULL);
  gint64 after = co_outbox_operation_get_after_id (call->operation);
  g_autoptr(CoOutboxOperation) parent = NULL;

  if (text == NULL)
    {
      g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                   _("Outbox operation %lld has no text to post"),
                   (long long)co_outbox_operation_get_id (call->operation));
      return NULL;
    }
  if (after != 0 && (parent = co_outbox_get (call->outbox, after, error)) == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  if (!add_media (builder, call, payload, error))
    return NULL;
  /* The first post of a thread waits for its uploads, and answers nobody. */
  if (parent != NULL && g_str_equal (co_outbox_operation_get_kind (parent), CO_X_KIND_POST))
    {
      json_builder_set_member_name (builder, "reply");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "in_reply_to_tweet_id");
      json_builder_add_string_value (builder, co_outbox_operation_get_remote_id (parent));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
post_call (GTask *task)
{
  CoXClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *url = build_url (self, "/2/tweets");
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  body = build_post (call, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_object (&call->request);
  call->request = co_http_request_new ("POST", url);
  co_http_request_set_bearer (call->request, call->token->access_token);
  co_http_request_set_json (call->request, body);
  co_http_request_set_bucket (call->request, "x");
  co_http_client_send_async (http (self), call->request, g_task_get_cancellable (task),
                             posted_cb, g_object_ref (task));
}

static void
co_x_client_send_async (CoOutboxHandler     *handler,
                        CoOutbox            *outbox,
                        CoOutboxOperation   *operation,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  CoXClient *self = CO_X_CLIENT (handler);

  if (g_str_equal (co_outbox_operation_get_kind (operation), CO_X_KIND_MEDIA))
    co_publish_call_start (self, self->accounts, outbox, operation, FALSE, _co_x_media_upload,
                           cancellable, callback, user_data);
  else
    start_call (self, outbox, operation, FALSE, cancellable, callback, user_data);
}

static CoOutboxResult *
co_x_client_send_finish (CoOutboxHandler  *handler,
                         GAsyncResult     *result,
                         gint64           *out_retry_at,
                         GError          **error)
{
  Call *call;

  if (g_task_get_source_tag (G_TASK (result)) != start_call)
    return co_publish_call_finish (result, out_retry_at, error);
  call = g_task_get_task_data (G_TASK (result));
  if (call->request != NULL)
    *out_retry_at = co_http_request_get_retry_at (call->request);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Look-up: GET /2/users/:id/tweets since the first attempt */

static CoOutboxResult *
match_post (Call      *call,
            JsonArray *posts)
{
  g_autofree char *wanted = co_x_normalize_text (co_outbox_operation_get_marker (call->operation));

  for (guint i = 0; posts != NULL && i < json_array_get_length (posts); i++)
    {
      JsonObject *post = json_array_get_object_element (posts, i);
      const char *id = json_object_get_string_member_with_default (post, "id", NULL);
      const char *text = json_object_get_string_member_with_default (post, "text", "");
      g_autofree char *found = co_x_normalize_text (text);

      if (id != NULL && g_str_equal (found, wanted) &&
          !co_outbox_is_remote_claimed (call->outbox, co_account_get_id (call->account), id,
                                        co_outbox_operation_get_id (call->operation)))
        return result_from_post (post);
    }
  return NULL;
}

/* X answers a page of at most 100 posts: more may have been made since the
 * first attempt than one page holds, and the one looked for may be on a later
 * page.  X keeps the 3,200 newest; no more pages than those are asked for. */
static gboolean
next_page (Call       *call,
           JsonObject *data)
{
  JsonNode *node = json_object_get_member (data, "meta");
  JsonObject *meta = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                   : NULL;
  const char *token = meta != NULL
                        ? json_object_get_string_member_with_default (meta, "next_token", NULL)
                        : NULL;

  g_clear_pointer (&call->page, g_free);
  if (token == NULL || *token == '\0' || ++call->n_pages >= 32)
    return FALSE;
  call->page = g_strdup (token);
  return TRUE;
}

static void lookup_call (GTask *task);

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) data = NULL;
  CoOutboxResult *found;
  GError *error = NULL;
  JsonNode *posts;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response != NULL && co_http_response_get_status (response) == SOUP_STATUS_OK)
    {
      g_autoptr(JsonNode) json = co_http_response_parse_json (response, &error);

      /* An account without recent posts gets no "data" at all. */
      if (json != NULL && JSON_NODE_HOLDS_OBJECT (json))
        data = json_object_ref (json_node_get_object (json));
    }
  else if (response != NULL)
    co_http_response_check (response, &error);
  if (data == NULL)
    {
      if (error == NULL || !renew_on_refusal (task, error))
        g_task_return_error (task, error != NULL ? error : g_error_new_literal (
                               CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL, _("X answered without posts")));
      else
        g_error_free (error);
      return;
    }
  posts = json_object_get_member (data, "data");
  found = match_post (call, posts != NULL && JSON_NODE_HOLDS_ARRAY (posts)
                              ? json_node_get_array (posts) : NULL);
  if (found == NULL && next_page (call, data))
    {
      lookup_call (task);
      return;
    }
  g_task_return_pointer (task, found, (GDestroyNotify)co_outbox_result_free);
}

static void
lookup_call (GTask *task)
{
  CoXClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  gint64 since = co_outbox_operation_get_first_sent_at (call->operation) / G_USEC_PER_SEC - 60;
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (since);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *path = g_strdup_printf ("/2/users/%s/tweets",
                                           co_account_get_remote_id (call->account));
  g_autofree char *base = build_url (self, path);
  /* On the first page the NULL name ends the list before pagination_token. */
  g_autofree char *query = soup_form_encode ("max_results", "100", "start_time", start_text,
                                             "tweet.fields", "created_at", call->page != NULL
                                               ? "pagination_token" : NULL, call->page, NULL);
  g_autofree char *url = g_strconcat (base, "?", query, NULL);

  g_clear_object (&call->request);
  call->request = co_http_request_new ("GET", url);
  co_http_request_set_bearer (call->request, call->token->access_token);
  co_http_request_set_bucket (call->request, "x");
  co_http_client_send_async (http (self), call->request, g_task_get_cancellable (task),
                             listed_cb, g_object_ref (task));
}

/* With a token: the step the operation is at. */
static void
proceed (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  if (call->looking_up)
    lookup_call (task);
  else
    post_call (task);
}

static void
co_x_client_lookup_async (CoOutboxHandler     *handler,
                          CoOutbox            *outbox,
                          CoOutboxOperation   *operation,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  /* An upload is never a post: sending it again goes on from its checkpoint. */
  if (g_str_equal (co_outbox_operation_get_kind (operation), CO_X_KIND_MEDIA))
    co_publish_call_not_found (handler, cancellable, callback, user_data);
  else
    start_call (CO_X_CLIENT (handler), outbox, operation, TRUE, cancellable, callback,
                user_data);
}

static CoOutboxResult *
co_x_client_lookup_finish (CoOutboxHandler  *handler,
                           GAsyncResult     *result,
                           GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char * const *
co_x_client_get_kinds (CoOutboxHandler *handler)
{
  static const char *const kinds[] = { CO_X_KIND_MEDIA, CO_X_KIND_POST, NULL };

  return kinds;
}

static void
co_x_client_handler_init (CoOutboxHandlerInterface *iface)
{
  iface->get_kinds = co_x_client_get_kinds;
  iface->send_async = co_x_client_send_async;
  iface->send_finish = co_x_client_send_finish;
  iface->lookup_async = co_x_client_lookup_async;
  iface->lookup_finish = co_x_client_lookup_finish;
}

static void
co_x_client_finalize (GObject *object)
{
  CoXClient *self = (CoXClient *)object;

  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (co_x_client_parent_class)->finalize (object);
}

static void
co_x_client_class_init (CoXClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_x_client_finalize;
}

static void
co_x_client_init (CoXClient *self)
{
}

/**
 * co_x_client_new:
 * @accounts: the accounts, for tokens; their client and service addresses are used
 *
 * Returns: (transfer full): X's client: register it as the X profiler of
 *   @accounts and as a handler of the outbox sender
 */
CoXClient *
co_x_client_new (CoAccountManager *accounts)
{
  CoXClient *self;

  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (accounts), NULL);

  self = g_object_new (CO_TYPE_X_CLIENT, NULL);
  self->accounts = g_object_ref (accounts);
  return self;
}

/**
 * co_x_client_enqueue_post:
 * @outbox: the outbox
 * @account_id: the X account to post as
 * @text: the post's text, already checked for X
 * @reply_after: the outbox operation of the post this one answers (a thread), or 0
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Queues a post, with its text as the marker a look-up matches.
 *
 * Returns: (transfer full) (nullable): the operation
 */
CoOutboxOperation *
co_x_client_enqueue_post (CoOutbox    *outbox,
                          gint64       account_id,
                          const char  *text,
                          gint64       reply_after,
                          gint64       now,
                          GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  CoOutboxRequest request = { CO_X_KIND_POST, NULL, NULL, text, account_id, reply_after, 0, 0 };

  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  payload = json_to_string (root, FALSE);
  request.payload = payload;
  return co_outbox_enqueue (outbox, &request, now, error);
}
