/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-account-profiler.h"
#include "co-error.h"
#include "co-instagram-private.h"
#include "co-publish-media-host.h"
#include "co-sync-error.h"

/*
 * The Instagram Graph API's content publishing (Instagram API with Facebook
 * Login, on graph.facebook.com), as Meta documents it: a media container is
 * made from a public address of the file (co-instagram-container.c), then
 * `POST /{ig-user-id}/media_publish` with its `creation_id` publishes it,
 * once `GET /{ig-user-id}/content_publishing_limit` says the account has not
 * used up its posts of the last 24 hours.  The account is the Instagram
 * professional account linked to the user's first Facebook Page that has one.
 *
 * The token goes in the Authorization header, never in the query, so that no
 * address logged or kept holds it.  Graph API errors carry their own code:
 * 190 is a token that expired or was revoked (sent with 400 as often as 401),
 * 4, 17, 32 and 613 are rate limits.
 *
 * media_publish takes no idempotency key: an operation left unsure is looked
 * up among the account's recent media, matched by its caption (the marker).
 */

struct _CoInstagramClient
{
  GObject                   parent_instance;

  CoAccountManager         *accounts;
  CoInstagramMediaHostFunc  host_func;
  gpointer                  host_data;
  GDestroyNotify            host_destroy;
};

static void co_instagram_client_profiler_init (CoAccountProfilerInterface *iface);
static void co_instagram_client_handler_init  (CoOutboxHandlerInterface   *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoInstagramClient, co_instagram_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_ACCOUNT_PROFILER,
                                                      co_instagram_client_profiler_init)
                               G_IMPLEMENT_INTERFACE (CO_TYPE_OUTBOX_HANDLER,
                                                      co_instagram_client_handler_init))

CoHttpRequest *
_co_instagram_request_new (CoInstagramClient *self,
                           const char        *method,
                           const char        *node,
                           const char        *edge_and_query)
{
  g_autofree char *path = g_strconcat ("/" CO_INSTAGRAM_GRAPH_VERSION "/", node,
                                       edge_and_query != NULL ? edge_and_query : "", NULL);
  g_autofree char *url = co_service_config_build_url (
    co_account_manager_get_config (self->accounts), CO_SERVICE_INSTAGRAM, path);
  CoHttpRequest *request = co_http_request_new (method, url);

  co_http_request_set_bucket (request, "instagram");
  return request;
}

static int
graph_error_code (CoHttpResponse *response)
{
  g_autoptr(JsonNode) root = co_http_response_parse_json (response, NULL);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                         ? json_node_get_object (root) : NULL;
  JsonNode *error = object != NULL ? json_object_get_member (object, "error") : NULL;

  if (error == NULL || !JSON_NODE_HOLDS_OBJECT (error))
    return 0;
  return (int)json_object_get_int_member_with_default (json_node_get_object (error), "code", 0);
}

JsonObject *
_co_instagram_parse (CoHttpResponse  *response,
                     GError         **error)
{
  GError *local_error = NULL;
  JsonObject *object = co_publish_parse_object (response, &local_error);
  int code;

  if (object != NULL)
    return object;
  code = graph_error_code (response);
  if (g_error_matches (local_error, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED) && code == 190)
    local_error->code = CO_SYNC_ERROR_AUTH;
  else if (g_error_matches (local_error, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED) &&
           (code == 4 || code == 17 || code == 32 || code == 613))
    local_error->code = CO_SYNC_ERROR_RATE_LIMITED;
  g_propagate_error (error, local_error);
  return NULL;
}

char *
_co_instagram_host_media (CoInstagramClient  *self,
                          const char         *path,
                          const char         *mime,
                          GError            **error)
{
  if (self->host_func == NULL)
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                   _("Instagram fetches “%s” from a public web address, and no place to "
                     "publish files is set up"), path);
      return NULL;
    }
  return self->host_func (path, mime, self->host_data, error);
}

/* Profile: the Instagram account of the user's Pages */

static JsonObject *
find_instagram_account (JsonObject *pages)
{
  JsonNode *data = json_object_get_member (pages, "data");

  for (guint i = 0; data != NULL && JSON_NODE_HOLDS_ARRAY (data) &&
                    i < json_array_get_length (json_node_get_array (data)); i++)
    {
      JsonObject *page = json_array_get_object_element (json_node_get_array (data), i);
      JsonNode *account = page != NULL ? json_object_get_member (page,
                                                                 "instagram_business_account")
                                       : NULL;

      if (account != NULL && JSON_NODE_HOLDS_OBJECT (account) &&
          json_object_has_member (json_node_get_object (account), "id"))
        return json_node_get_object (account);
    }
  return NULL;
}

static void
pages_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) pages = NULL;
  GError *error = NULL;
  JsonObject *account;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (pages = _co_instagram_parse (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  account = find_instagram_account (pages);
  if (account == NULL)
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED,
                               _("None of the account’s Facebook Pages has an Instagram "
                                 "professional account linked to it"));
      return;
    }
  g_task_return_pointer (task, json_object_ref (account), (GDestroyNotify)json_object_unref);
}

static void
co_instagram_client_fetch_async (CoAccountProfiler   *profiler,
                                 const char          *access_token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CoInstagramClient *self = CO_INSTAGRAM_CLIENT (profiler);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(CoHttpRequest) request = NULL;

  g_task_set_source_tag (task, co_instagram_client_fetch_async);
  request = _co_instagram_request_new (self, "GET", "me",
                                       "/accounts?fields=instagram_business_account%7Bid%2Cusername%7D");
  co_http_request_set_bearer (request, access_token);
  co_http_client_send_async (co_account_manager_get_client (self->accounts), request,
                             cancellable, pages_cb, task);
}

static gboolean
co_instagram_client_fetch_finish (CoAccountProfiler  *profiler,
                                  GAsyncResult       *result,
                                  char              **out_remote_id,
                                  char              **out_display_name,
                                  GError            **error)
{
  g_autoptr(JsonObject) account = g_task_propagate_pointer (G_TASK (result), error);
  const char *username;

  if (account == NULL)
    return FALSE;
  username = json_object_get_string_member_with_default (account, "username", NULL);
  *out_remote_id = g_strdup (json_object_get_string_member (account, "id"));
  *out_display_name = username != NULL ? g_strconcat ("@", username, NULL)
                                       : g_strdup (*out_remote_id);
  return TRUE;
}

static void
co_instagram_client_profiler_init (CoAccountProfilerInterface *iface)
{
  iface->fetch_async = co_instagram_client_fetch_async;
  iface->fetch_finish = co_instagram_client_fetch_finish;
}

/* Publishing: the limit, media_publish, then the permalink */

static const char *
ig_user (CoPublishCall *call)
{
  return co_account_get_remote_id (call->account);
}

static void
permalink_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) media = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = json_object_get_string_member (call->state, "media");

  /* The post is out: a failure here costs only its address, never the post. */
  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response != NULL)
    media = _co_instagram_parse (response, &error);
  if (media == NULL)
    g_debug ("No permalink for Instagram media %s: %s", id, error->message);
  g_task_return_pointer (task, co_publish_result_new (
                           id, media != NULL ? json_object_get_string_member_with_default (
                             media, "permalink", NULL) : NULL, media),
                         (GDestroyNotify)co_outbox_result_free);
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoInstagramClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(CoHttpRequest) request = NULL;
  GError *error = NULL;
  const char *id;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (answer = _co_instagram_parse (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return;
    }
  id = json_object_get_string_member_with_default (answer, "id", NULL);
  if (id == NULL)
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                               _("Instagram answered the publishing without the media’s id"));
      return;
    }
  json_object_set_string_member (call->state, "media", id);
  request = _co_instagram_request_new (self, "GET", id, "?fields=id%2Cpermalink");
  co_http_request_set_max_retries (request, 0);
  co_publish_call_send (task, request, permalink_cb);
}

static void
publish (GTask *task)
{
  CoInstagramClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoOutboxOperation) container = NULL;
  g_autoptr(CoHttpRequest) request = NULL;
  g_autoptr(GHashTable) form = NULL;
  GError *error = NULL;

  container = co_outbox_get (call->outbox, co_outbox_operation_get_after_id (call->operation),
                             &error);
  if (container == NULL || co_outbox_operation_get_remote_id (container) == NULL)
    {
      g_task_return_error (task, error != NULL ? error : g_error_new (
                             CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                             _("Outbox operation %lld has no media container to publish"),
                             (long long)co_outbox_operation_get_id (call->operation)));
      return;
    }
  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, (char *)"creation_id",
                       (char *)co_outbox_operation_get_remote_id (container));
  request = _co_instagram_request_new (self, "POST", ig_user (call), "/media_publish");
  co_http_request_set_form (request, form);
  co_publish_call_send (task, request, published_cb);
}

static gboolean
quota_left (GTask      *task,
            JsonObject *answer)
{
  CoPublishCall *call = co_publish_call_get (task);
  JsonNode *data = json_object_get_member (answer, "data");
  JsonObject *limit = data != NULL && JSON_NODE_HOLDS_ARRAY (data) &&
                      json_array_get_length (json_node_get_array (data)) > 0
                        ? json_array_get_object_element (json_node_get_array (data), 0) : NULL;
  JsonObject *config = limit != NULL && json_object_has_member (limit, "config")
                         ? json_object_get_object_member (limit, "config") : NULL;
  gint64 used, total, hours;

  /* Without figures, Instagram itself refuses a post beyond the limit. */
  if (config == NULL)
    return TRUE;
  used = json_object_get_int_member_with_default (limit, "quota_usage", 0);
  total = json_object_get_int_member_with_default (config, "quota_total", G_MAXINT);
  if (used < total)
    return TRUE;
  hours = json_object_get_int_member_with_default (config, "quota_duration", 86400) / 3600;
  /* The window slides: the oldest post leaves it at some time within the hour. */
  call->retry_at = co_publish_call_now (task) + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_RATE_LIMITED,
                           _("Instagram lets an account publish %lld posts in %lld hours through "
                             "its API, and %s has published %lld: the post waits"),
                           (long long)total, (long long)hours,
                           co_account_get_display_name (call->account), (long long)used);
  return FALSE;
}

static void
limit_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (answer = _co_instagram_parse (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return;
    }
  if (quota_left (task, answer))
    {
      co_publish_call_set_step (task, publish);
      publish (task);
    }
}

static void
check_limit (GTask *task)
{
  CoInstagramClient *self = g_task_get_source_object (task);
  g_autoptr(CoHttpRequest) request = NULL;

  request = _co_instagram_request_new (self, "GET", ig_user (co_publish_call_get (task)),
                                       "/content_publishing_limit?fields=quota_usage%2Cconfig");
  co_publish_call_send (task, request, limit_cb);
}

static void
co_instagram_client_send_async (CoOutboxHandler     *handler,
                                CoOutbox            *outbox,
                                CoOutboxOperation   *operation,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CoInstagramClient *self = CO_INSTAGRAM_CLIENT (handler);
  gboolean container = g_str_equal (co_outbox_operation_get_kind (operation),
                                    CO_INSTAGRAM_KIND_CONTAINER);

  co_publish_call_start (self, self->accounts, outbox, operation, FALSE,
                         container ? _co_instagram_make_container : check_limit, cancellable,
                         callback, user_data);
}

static CoOutboxResult *
co_instagram_client_send_finish (CoOutboxHandler  *handler,
                                 GAsyncResult     *result,
                                 gint64           *out_retry_at,
                                 GError          **error)
{
  return co_publish_call_finish (result, out_retry_at, error);
}

/* Look-up: the account's recent media, GET /{ig-user-id}/media */

static CoOutboxResult *
match_media (CoPublishCall *call,
             JsonArray     *media)
{
  g_autofree char *wanted = co_publish_normalize_text (
    co_outbox_operation_get_marker (call->operation));

  for (guint i = 0; media != NULL && i < json_array_get_length (media); i++)
    {
      JsonObject *item = json_array_get_object_element (media, i);
      const char *id = item != NULL ? json_object_get_string_member_with_default (item, "id",
                                                                                  NULL) : NULL;
      g_autofree char *caption = NULL;

      if (id == NULL)
        continue;
      caption = co_publish_normalize_text (json_object_get_string_member_with_default (
                                             item, "caption", ""));
      if (g_str_equal (caption, wanted) &&
          !co_outbox_is_remote_claimed (call->outbox, co_account_get_id (call->account), id,
                                        co_outbox_operation_get_id (call->operation)))
        return co_publish_result_new (id, json_object_get_string_member_with_default (
                                        item, "permalink", NULL), item);
    }
  return NULL;
}

static void lookup_step (GTask *task);

/* The media edge answers a page at a time, newest first, with cursor paging:
 * paging.next is there only while older media remain, and the next page is
 * asked for with paging.cursors.after. */
#define LOOKUP_PAGE_SIZE 50
#define LOOKUP_MAX_PAGES 20

static const char *
after_cursor (JsonObject *page)
{
  JsonNode *node = json_object_get_member (page, "paging");
  JsonObject *paging = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                         ? json_node_get_object (node) : NULL;
  JsonNode *cursors = paging != NULL ? json_object_get_member (paging, "cursors") : NULL;

  if (paging == NULL || json_object_get_string_member_with_default (paging, "next", NULL) == NULL ||
      cursors == NULL || !JSON_NODE_HOLDS_OBJECT (cursors))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (cursors), "after",
                                                     NULL);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) page = NULL;
  GError *error = NULL;
  CoOutboxResult *found;
  JsonNode *data;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (page = _co_instagram_parse (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return;
    }
  data = json_object_get_member (page, "data");
  found = match_media (call, data != NULL && JSON_NODE_HOLDS_ARRAY (data)
                               ? json_node_get_array (data) : NULL);
  if (found == NULL && co_publish_call_turn_page (call, after_cursor (page), LOOKUP_MAX_PAGES))
    {
      lookup_step (task);
      return;
    }
  g_task_return_pointer (task, found, (GDestroyNotify)co_outbox_result_free);
}

static void
lookup_step (GTask *task)
{
  CoInstagramClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpRequest) request = NULL;
  g_autofree char *query = soup_form_encode ("fields", "id,caption,permalink,timestamp",
                                             "limit", G_STRINGIFY (LOOKUP_PAGE_SIZE),
                                             call->page != NULL ? "after" : NULL, call->page,
                                             NULL);
  g_autofree char *edge = g_strconcat ("/media?", query, NULL);

  request = _co_instagram_request_new (self, "GET", ig_user (call), edge);
  co_publish_call_send (task, request, listed_cb);
}

static void
co_instagram_client_lookup_async (CoOutboxHandler     *handler,
                                  CoOutbox            *outbox,
                                  CoOutboxOperation   *operation,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CoInstagramClient *self = CO_INSTAGRAM_CLIENT (handler);

  /* A container is not a post: sending it again polls the one its checkpoint
   * names, or makes another that is never published. */
  if (g_str_equal (co_outbox_operation_get_kind (operation), CO_INSTAGRAM_KIND_CONTAINER))
    co_publish_call_not_found (self, cancellable, callback, user_data);
  else
    co_publish_call_start (self, self->accounts, outbox, operation, TRUE, lookup_step,
                           cancellable, callback, user_data);
}

static CoOutboxResult *
co_instagram_client_lookup_finish (CoOutboxHandler  *handler,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char * const *
co_instagram_client_get_kinds (CoOutboxHandler *handler)
{
  static const char *const kinds[] = { CO_INSTAGRAM_KIND_CONTAINER, CO_INSTAGRAM_KIND_PUBLISH,
                                       NULL };

  return kinds;
}

static void
co_instagram_client_handler_init (CoOutboxHandlerInterface *iface)
{
  iface->get_kinds = co_instagram_client_get_kinds;
  iface->send_async = co_instagram_client_send_async;
  iface->send_finish = co_instagram_client_send_finish;
  iface->lookup_async = co_instagram_client_lookup_async;
  iface->lookup_finish = co_instagram_client_lookup_finish;
}

static void
co_instagram_client_finalize (GObject *object)
{
  CoInstagramClient *self = (CoInstagramClient *)object;

  if (self->host_destroy != NULL)
    self->host_destroy (self->host_data);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (co_instagram_client_parent_class)->finalize (object);
}

static void
co_instagram_client_class_init (CoInstagramClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_instagram_client_finalize;
}

static void
co_instagram_client_init (CoInstagramClient *self)
{
}

/**
 * co_instagram_client_new:
 * @accounts: the accounts, for tokens; their client and service addresses are used
 *
 * A #CoPublishHandlerNewFunc.  Media are put in the media folder of the
 * accounts' service configuration (co_publish_media_host_put()); without
 * one, containers fail with %CO_SYNC_ERROR_CONFIG: Instagram takes media only
 * from a public address.
 *
 * Returns: (transfer full): Instagram's client: register it as the Instagram
 *   profiler of @accounts and as a handler of the outbox sender
 */
CoInstagramClient *
co_instagram_client_new (CoAccountManager *accounts)
{
  CoInstagramClient *self;

  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (accounts), NULL);

  self = g_object_new (CO_TYPE_INSTAGRAM_CLIENT, NULL);
  self->accounts = g_object_ref (accounts);
  /* The app and the command line alike: the configured media folder. */
  co_instagram_client_set_media_host (self, co_publish_media_host_put,
                                      g_object_ref (co_account_manager_get_config (accounts)),
                                      g_object_unref);
  return self;
}

/**
 * co_instagram_client_set_media_host:
 * @self: a #CoInstagramClient
 * @func: (nullable): makes a file reachable at a public address
 * @user_data: passed to @func
 * @destroy: (nullable): frees @user_data
 *
 * Sets how files reach Instagram, which fetches them from the web.
 */
void
co_instagram_client_set_media_host (CoInstagramClient        *self,
                                    CoInstagramMediaHostFunc  func,
                                    gpointer                  user_data,
                                    GDestroyNotify            destroy)
{
  g_return_if_fail (CO_IS_INSTAGRAM_CLIENT (self));

  if (self->host_destroy != NULL)
    self->host_destroy (self->host_data);
  self->host_func = func;
  self->host_data = user_data;
  self->host_destroy = destroy;
}
