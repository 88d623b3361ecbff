/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-account-profiler.h"
#include "co-error.h"
#include "co-linkedin-private.h"
#include "co-sync-error.h"

/*
 * LinkedIn's versioned REST API (Posts, Images, Videos), as LinkedIn documents
 * it: every request carries `LinkedIn-Version` and
 * `X-Restli-Protocol-Version: 2.0.0`.  Who the account is comes from the
 * OpenID Connect userinfo (`sub` is the member id of `urn:li:person:`).  A post
 * is `POST /rest/posts`; its id comes back in the `x-restli-id` header.
 * LinkedIn takes no idempotency key, so an operation left unsure is looked up
 * among the author's recent posts (the posts finder), matched by its
 * commentary, which the outbox keeps as the operation's marker.
 */

struct _CoLinkedInClient
{
  GObject           parent_instance;

  CoAccountManager *accounts;
};

static void co_linkedin_client_profiler_init (CoAccountProfilerInterface *iface);
static void co_linkedin_client_handler_init  (CoOutboxHandlerInterface   *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoLinkedInClient, co_linkedin_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_ACCOUNT_PROFILER,
                                                      co_linkedin_client_profiler_init)
                               G_IMPLEMENT_INTERFACE (CO_TYPE_OUTBOX_HANDLER,
                                                      co_linkedin_client_handler_init))

static char *
build_url (CoLinkedInClient *self,
           const char       *path)
{
  return co_service_config_build_url (co_account_manager_get_config (self->accounts),
                                      CO_SERVICE_LINKEDIN, path);
}

CoHttpRequest *
_co_linkedin_request_new (CoLinkedInClient *self,
                          const char       *method,
                          const char       *path_and_query)
{
  g_autofree char *url = build_url (self, path_and_query);
  CoHttpRequest *request = co_http_request_new (method, url);

  co_http_request_set_header (request, "LinkedIn-Version", CO_LINKEDIN_VERSION);
  co_http_request_set_header (request, "X-Restli-Protocol-Version", "2.0.0");
  co_http_request_set_bucket (request, "linkedin");
  return request;
}

/**
 * co_linkedin_person_urn:
 * @member_id: a member's id, as the userinfo's `sub` gives it
 *
 * Returns: (transfer full): the member's URN, the author of their posts
 */
char *
co_linkedin_person_urn (const char *member_id)
{
  g_return_val_if_fail (member_id != NULL, NULL);
  return g_strconcat ("urn:li:person:", member_id, NULL);
}

/* Profile: GET /v2/userinfo (OpenID Connect) */

static void
userinfo_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) info = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (info = co_publish_parse_object (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (json_object_get_string_member_with_default (info, "sub", NULL) == NULL)
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("LinkedIn did not say who the account is"));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify)json_object_unref);
}

static void
co_linkedin_client_fetch_async (CoAccountProfiler   *profiler,
                                const char          *access_token,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CoLinkedInClient *self = CO_LINKEDIN_CLIENT (profiler);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = build_url (self, "/v2/userinfo");
  g_autoptr(CoHttpRequest) request = co_http_request_new ("GET", url);

  g_task_set_source_tag (task, co_linkedin_client_fetch_async);
  co_http_request_set_bearer (request, access_token);
  co_http_request_set_bucket (request, "linkedin");
  co_http_client_send_async (co_account_manager_get_client (self->accounts), request,
                             cancellable, userinfo_cb, task);
}

static gboolean
co_linkedin_client_fetch_finish (CoAccountProfiler  *profiler,
                                 GAsyncResult       *result,
                                 char              **out_remote_id,
                                 char              **out_display_name,
                                 GError            **error)
{
  g_autoptr(JsonObject) info = g_task_propagate_pointer (G_TASK (result), error);
  const char *sub;

  if (info == NULL)
    return FALSE;
  sub = json_object_get_string_member (info, "sub");
  *out_remote_id = g_strdup (sub);
  *out_display_name = g_strdup (json_object_get_string_member_with_default (info, "name", sub));
  return TRUE;
}

static void
co_linkedin_client_profiler_init (CoAccountProfilerInterface *iface)
{
  iface->fetch_async = co_linkedin_client_fetch_async;
  iface->fetch_finish = co_linkedin_client_fetch_finish;
}

/* Send: POST /rest/posts */

/* The URNs the post's uploads got, in order. */
static GPtrArray *
collect_media (CoPublishCall  *call,
               JsonObject     *payload,
               GError        **error)
{
  JsonArray *ids = json_object_get_array_member (payload, "media");
  g_autoptr(GPtrArray) urns = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      g_autoptr(CoOutboxOperation) upload = co_outbox_get (call->outbox,
                                                           json_array_get_int_element (ids, i),
                                                           error);

      if (upload == NULL)
        return NULL;
      if (co_outbox_operation_get_remote_id (upload) == NULL)
        {
          g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                       _("The upload of outbox operation %lld is not done"),
                       (long long)co_outbox_operation_get_id (upload));
          return NULL;
        }
      g_ptr_array_add (urns, g_strdup (co_outbox_operation_get_remote_id (upload)));
    }
  return g_steal_pointer (&urns);
}

static void
add_content (JsonObject *post,
             GPtrArray  *urns)
{
  JsonObject *content = json_object_new ();
  JsonObject *media = json_object_new ();

  if (urns->len == 1)
    {
      /* One image or one video: the media content. */
      json_object_set_string_member (media, "id", g_ptr_array_index (urns, 0));
      json_object_set_object_member (content, "media", media);
    }
  else
    {
      JsonArray *images = json_array_new ();

      for (guint i = 0; i < urns->len; i++)
        {
          JsonObject *image = json_object_new ();

          json_object_set_string_member (image, "id", g_ptr_array_index (urns, i));
          json_array_add_object_element (images, image);
        }
      json_object_set_array_member (media, "images", images);
      json_object_set_object_member (content, "multiImage", media);
    }
  json_object_set_object_member (post, "content", content);
}

static JsonObject *
build_post (CoPublishCall  *call,
            GError        **error)
{
  g_autoptr(JsonObject) payload = co_outbox_operation_dup_payload_object (call->operation);
  const char *commentary = json_object_get_string_member_with_default (payload, "commentary",
                                                                       NULL);
  g_autoptr(GPtrArray) urns = NULL;
  g_autofree char *author = NULL;
  JsonObject *post, *distribution;

  if (commentary == NULL || (urns = collect_media (call, payload, error)) == NULL)
    {
      if (commentary == NULL)
        g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                     _("Outbox operation %lld has no text to post"),
                     (long long)co_outbox_operation_get_id (call->operation));
      return NULL;
    }
  author = co_linkedin_person_urn (co_account_get_remote_id (call->account));
  post = json_object_new ();
  json_object_set_string_member (post, "author", author);
  json_object_set_string_member (post, "commentary", commentary);
  json_object_set_string_member (post, "visibility", "PUBLIC");
  distribution = json_object_new ();
  json_object_set_string_member (distribution, "feedDistribution", "MAIN_FEED");
  json_object_set_array_member (distribution, "targetEntities", json_array_new ());
  json_object_set_array_member (distribution, "thirdPartyDistributionChannels",
                                json_array_new ());
  json_object_set_object_member (post, "distribution", distribution);
  json_object_set_string_member (post, "lifecycleState", "PUBLISHED");
  json_object_set_boolean_member (post, "isReshareDisabledByAuthor", FALSE);
  if (urns->len > 0)
    add_content (post, urns);
  return post;
}

static CoOutboxResult *
result_from_post (const char *urn,
                  JsonObject *answer)
{
  g_autofree char *url = g_strdup_printf ("https://www.linkedin.com/feed/update/%s/", urn);

  return co_publish_result_new (urn, url, answer);
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  GError *error = NULL;
  const char *urn;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || !co_http_response_check (response, &error))
    {
      co_publish_call_fail (task, error);
      return;
    }
  urn = soup_message_headers_get_one (co_http_response_get_headers (response), "x-restli-id");
  if (urn == NULL || urn[0] == '\0')
    g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                             _("LinkedIn answered the post without its id"));
  else
    g_task_return_pointer (task, result_from_post (urn, NULL),
                           (GDestroyNotify)co_outbox_result_free);
}

static void
post_step (GTask *task)
{
  CoLinkedInClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpRequest) request = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  post = build_post (call, &error);
  if (post == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  body = json_node_init_object (json_node_alloc (), post);
  request = _co_linkedin_request_new (self, "POST", "/rest/posts");
  co_http_request_set_json (request, body);
  co_publish_call_send (task, request, posted_cb);
}

static CoPublishStepFunc
step_for_kind (const char *kind)
{
  if (g_str_equal (kind, CO_LINKEDIN_KIND_IMAGE))
    return _co_linkedin_upload_image;
  if (g_str_equal (kind, CO_LINKEDIN_KIND_VIDEO))
    return _co_linkedin_upload_video;
  return post_step;
}

static void
co_linkedin_client_send_async (CoOutboxHandler     *handler,
                               CoOutbox            *outbox,
                               CoOutboxOperation   *operation,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CoLinkedInClient *self = CO_LINKEDIN_CLIENT (handler);

  co_publish_call_start (self, self->accounts, outbox, operation, FALSE,
                         step_for_kind (co_outbox_operation_get_kind (operation)), cancellable,
                         callback, user_data);
}

static CoOutboxResult *
co_linkedin_client_send_finish (CoOutboxHandler  *handler,
                                GAsyncResult     *result,
                                gint64           *out_retry_at,
                                GError          **error)
{
  return co_publish_call_finish (result, out_retry_at, error);
}

/* Look-up: the author's recent posts, GET /rest/posts?q=author */

static CoOutboxResult *
match_post (CoPublishCall *call,
            JsonArray     *posts)
{
  g_autofree char *wanted = co_publish_normalize_text (
    co_outbox_operation_get_marker (call->operation));

  for (guint i = 0; posts != NULL && i < json_array_get_length (posts); i++)
    {
      JsonObject *post = json_array_get_object_element (posts, i);
      const char *id = post != NULL ? json_object_get_string_member_with_default (post, "id",
                                                                                  NULL) : NULL;
      g_autofree char *found = NULL;

      if (id == NULL)
        continue;
      found = co_publish_normalize_text (json_object_get_string_member_with_default (
                                           post, "commentary", ""));
      if (g_str_equal (found, wanted) &&
          !co_outbox_is_remote_claimed (call->outbox, co_account_get_id (call->account), id,
                                        co_outbox_operation_get_id (call->operation)))
        return result_from_post (id, NULL);
    }
  return NULL;
}

static void lookup_step (GTask *task);

/* The finder answers a page of posts, newest first; paging.links has a
 * "next" link while older ones remain (LinkedIn's API paging).  The next
 * page starts after this one's elements. */
#define LOOKUP_PAGE_SIZE 50
#define LOOKUP_MAX_PAGES 20

static char *
next_start (JsonObject *page,
            guint       n_elements)
{
  JsonNode *node = json_object_get_member (page, "paging");
  JsonObject *paging = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                         ? json_node_get_object (node) : NULL;
  JsonNode *links = paging != NULL ? json_object_get_member (paging, "links") : NULL;
  gboolean more = FALSE;

  for (guint i = 0; links != NULL && JSON_NODE_HOLDS_ARRAY (links) &&
                    i < json_array_get_length (json_node_get_array (links)); i++)
    {
      JsonNode *link = json_array_get_element (json_node_get_array (links), i);

      if (JSON_NODE_HOLDS_OBJECT (link) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (link),
                                                                 "rel", NULL), "next") == 0)
        more = TRUE;
    }
  if (!more || n_elements == 0)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT,
                          json_object_get_int_member_with_default (paging, "start", 0) +
                          n_elements);
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
  g_autofree char *next = NULL;
  GError *error = NULL;
  JsonNode *node;
  JsonArray *elements;
  CoOutboxResult *found;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (page = co_publish_parse_object (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return;
    }
  node = json_object_get_member (page, "elements");
  elements = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  found = match_post (call, elements);
  next = next_start (page, elements != NULL ? json_array_get_length (elements) : 0);
  if (found == NULL && co_publish_call_turn_page (call, next, LOOKUP_MAX_PAGES))
    {
      lookup_step (task);
      return;
    }
  g_task_return_pointer (task, found, (GDestroyNotify)co_outbox_result_free);
}

static void
lookup_step (GTask *task)
{
  CoLinkedInClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autofree char *author = co_linkedin_person_urn (co_account_get_remote_id (call->account));
  g_autofree char *query = soup_form_encode ("author", author, "q", "author",
                                             "count", G_STRINGIFY (LOOKUP_PAGE_SIZE),
                                             "sortBy", "LAST_MODIFIED",
                                             "start", call->page != NULL ? call->page : "0",
                                             NULL);
  g_autofree char *path = g_strconcat ("/rest/posts?", query, NULL);
  g_autoptr(CoHttpRequest) request = _co_linkedin_request_new (self, "GET", path);

  co_http_request_set_header (request, "X-RestLi-Method", "FINDER");
  co_publish_call_send (task, request, listed_cb);
}

static void
co_linkedin_client_lookup_async (CoOutboxHandler     *handler,
                                 CoOutbox            *outbox,
                                 CoOutboxOperation   *operation,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CoLinkedInClient *self = CO_LINKEDIN_CLIENT (handler);

  /* An upload is never a post. */
  if (!g_str_equal (co_outbox_operation_get_kind (operation), CO_LINKEDIN_KIND_POST))
    co_publish_call_not_found (self, cancellable, callback, user_data);
  else
    co_publish_call_start (self, self->accounts, outbox, operation, TRUE, lookup_step,
                           cancellable, callback, user_data);
}

static CoOutboxResult *
co_linkedin_client_lookup_finish (CoOutboxHandler  *handler,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char * const *
co_linkedin_client_get_kinds (CoOutboxHandler *handler)
{
  static const char *const kinds[] = { CO_LINKEDIN_KIND_IMAGE, CO_LINKEDIN_KIND_VIDEO,
                                       CO_LINKEDIN_KIND_POST, NULL };

  return kinds;
}

static void
co_linkedin_client_handler_init (CoOutboxHandlerInterface *iface)
{
  iface->get_kinds = co_linkedin_client_get_kinds;
  iface->send_async = co_linkedin_client_send_async;
  iface->send_finish = co_linkedin_client_send_finish;
  iface->lookup_async = co_linkedin_client_lookup_async;
  iface->lookup_finish = co_linkedin_client_lookup_finish;
}

static void
co_linkedin_client_finalize (GObject *object)
{
  CoLinkedInClient *self = (CoLinkedInClient *)object;

  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (co_linkedin_client_parent_class)->finalize (object);
}

static void
co_linkedin_client_class_init (CoLinkedInClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_linkedin_client_finalize;
}

static void
co_linkedin_client_init (CoLinkedInClient *self)
{
}

/**
 * co_linkedin_client_new:
 * @accounts: the accounts, for tokens; their client and service addresses are used
 *
 * A #CoPublishHandlerNewFunc.
 *
 * Returns: (transfer full): LinkedIn's client: register it as the LinkedIn
 *   profiler of @accounts and as a handler of the outbox sender
 */
CoLinkedInClient *
co_linkedin_client_new (CoAccountManager *accounts)
{
  CoLinkedInClient *self;

  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (accounts), NULL);

  self = g_object_new (CO_TYPE_LINKEDIN_CLIENT, NULL);
  self->accounts = g_object_ref (accounts);
  return self;
}
