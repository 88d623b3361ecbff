/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-account-profiler.h"
#include "co-error.h"
#include "co-sync-error.h"
#include "co-youtube-private.h"

/*
 * The YouTube Data API v3, as Google documents it.  Who the account is comes
 * from `channels.list?mine=true` (the channel's id and title).  A video is one
 * outbox operation: `videos.insert` as a resumable upload (see
 * co-youtube-upload.c), whose session address is the operation's checkpoint.
 * YouTube takes no idempotency key, but the session itself answers whether
 * the video was made: an operation left unsure is looked up by asking the
 * session how much it holds (`Content-Range: bytes *\/N`), and a session that
 * answers with the video is the video made once.
 */

struct _CoYouTubeClient
{
  GObject           parent_instance;

  CoAccountManager *accounts;
  gsize             chunk_size;
};

static void co_youtube_client_profiler_init (CoAccountProfilerInterface *iface);
static void co_youtube_client_handler_init  (CoOutboxHandlerInterface   *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoYouTubeClient, co_youtube_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_ACCOUNT_PROFILER,
                                                      co_youtube_client_profiler_init)
                               G_IMPLEMENT_INTERFACE (CO_TYPE_OUTBOX_HANDLER,
                                                      co_youtube_client_handler_init))

CoHttpRequest *
_co_youtube_request_new (CoYouTubeClient *self,
                         CoService        service,
                         const char      *method,
                         const char      *path_and_query)
{
  g_autofree char *url = co_service_config_build_url (
    co_account_manager_get_config (self->accounts), service, path_and_query);
  CoHttpRequest *request = co_http_request_new (method, url);

  co_http_request_set_bucket (request, "youtube");
  return request;
}

/* Profile: GET /youtube/v3/channels?part=snippet&mine=true */

static void
channels_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) page = NULL;
  JsonArray *items;
  JsonObject *channel;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (page = co_publish_parse_object (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  items = json_object_has_member (page, "items") ? json_object_get_array_member (page, "items")
                                                 : NULL;
  channel = items != NULL && json_array_get_length (items) > 0
              ? json_array_get_object_element (items, 0) : NULL;
  if (channel == NULL || json_object_get_string_member_with_default (channel, "id", NULL) == NULL)
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("The Google account has no YouTube channel"));
      return;
    }
  g_task_return_pointer (task, json_object_ref (channel), (GDestroyNotify)json_object_unref);
}

static void
co_youtube_client_fetch_async (CoAccountProfiler   *profiler,
                               const char          *access_token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CoYouTubeClient *self = CO_YOUTUBE_CLIENT (profiler);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(CoHttpRequest) request = NULL;

  g_task_set_source_tag (task, co_youtube_client_fetch_async);
  request = _co_youtube_request_new (self, CO_SERVICE_YOUTUBE, "GET",
                                     "/youtube/v3/channels?part=snippet&mine=true");
  co_http_request_set_bearer (request, access_token);
  co_http_client_send_async (co_account_manager_get_client (self->accounts), request,
                             cancellable, channels_cb, task);
}

static gboolean
co_youtube_client_fetch_finish (CoAccountProfiler  *profiler,
                                GAsyncResult       *result,
                                char              **out_remote_id,
                                char              **out_display_name,
                                GError            **error)
{
  g_autoptr(JsonObject) channel = g_task_propagate_pointer (G_TASK (result), error);
  JsonObject *snippet;
  const char *id;

  if (channel == NULL)
    return FALSE;
  id = json_object_get_string_member (channel, "id");
  snippet = json_object_has_member (channel, "snippet")
              ? json_object_get_object_member (channel, "snippet") : NULL;
  *out_remote_id = g_strdup (id);
  *out_display_name = g_strdup (snippet != NULL ? json_object_get_string_member_with_default (
                                                    snippet, "title", id) : id);
  return TRUE;
}

static void
co_youtube_client_profiler_init (CoAccountProfilerInterface *iface)
{
  iface->fetch_async = co_youtube_client_fetch_async;
  iface->fetch_finish = co_youtube_client_fetch_finish;
}

/* Send and look-up: the upload, or its session's status */

static void
co_youtube_client_send_async (CoOutboxHandler     *handler,
                              CoOutbox            *outbox,
                              CoOutboxOperation   *operation,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CoYouTubeClient *self = CO_YOUTUBE_CLIENT (handler);

  co_publish_call_start (self, self->accounts, outbox, operation, FALSE,
                         _co_youtube_upload_video, cancellable, callback, user_data);
}

static CoOutboxResult *
co_youtube_client_send_finish (CoOutboxHandler  *handler,
                               GAsyncResult     *result,
                               gint64           *out_retry_at,
                               GError          **error)
{
  return co_publish_call_finish (result, out_retry_at, error);
}

static void
co_youtube_client_lookup_async (CoOutboxHandler     *handler,
                                CoOutbox            *outbox,
                                CoOutboxOperation   *operation,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CoYouTubeClient *self = CO_YOUTUBE_CLIENT (handler);
  g_autoptr(JsonNode) saved = NULL;
  const char *checkpoint = co_outbox_operation_get_checkpoint (operation);

  /* Without a session nothing was uploaded, so no video can have been made. */
  saved = checkpoint != NULL ? json_from_string (checkpoint, NULL) : NULL;
  if (saved == NULL || !JSON_NODE_HOLDS_OBJECT (saved) ||
      !json_object_has_member (json_node_get_object (saved), "session"))
    co_publish_call_not_found (self, cancellable, callback, user_data);
  else
    co_publish_call_start (self, self->accounts, outbox, operation, TRUE,
                           _co_youtube_query_upload, cancellable, callback, user_data);
}

static CoOutboxResult *
co_youtube_client_lookup_finish (CoOutboxHandler  *handler,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char * const *
co_youtube_client_get_kinds (CoOutboxHandler *handler)
{
  static const char *const kinds[] = { CO_YOUTUBE_KIND_VIDEO, NULL };

  return kinds;
}

static void
co_youtube_client_handler_init (CoOutboxHandlerInterface *iface)
{
  iface->get_kinds = co_youtube_client_get_kinds;
  iface->send_async = co_youtube_client_send_async;
  iface->send_finish = co_youtube_client_send_finish;
  iface->lookup_async = co_youtube_client_lookup_async;
  iface->lookup_finish = co_youtube_client_lookup_finish;
}

static void
co_youtube_client_finalize (GObject *object)
{
  CoYouTubeClient *self = (CoYouTubeClient *)object;

  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (co_youtube_client_parent_class)->finalize (object);
}

static void
co_youtube_client_class_init (CoYouTubeClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_youtube_client_finalize;
}

static void
co_youtube_client_init (CoYouTubeClient *self)
{
  self->chunk_size = CO_YOUTUBE_DEFAULT_CHUNK_SIZE;
}

/**
 * co_youtube_client_new:
 * @accounts: the accounts, for tokens; their client and service addresses are used
 *
 * A #CoPublishHandlerNewFunc.
 *
 * Returns: (transfer full): YouTube's client: register it as the YouTube
 *   profiler of @accounts and as a handler of the outbox sender
 */
CoYouTubeClient *
co_youtube_client_new (CoAccountManager *accounts)
{
  CoYouTubeClient *self;

  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (accounts), NULL);

  self = g_object_new (CO_TYPE_YOUTUBE_CLIENT, NULL);
  self->accounts = g_object_ref (accounts);
  return self;
}

/**
 * co_youtube_client_set_chunk_size:
 * @self: the client
 * @chunk_size: the bytes each request of an upload carries; rounded down to
 *   a multiple of %CO_YOUTUBE_CHUNK_UNIT, as YouTube requires, and at least one
 */
void
co_youtube_client_set_chunk_size (CoYouTubeClient *self,
                                  gsize            chunk_size)
{
  g_return_if_fail (CO_IS_YOUTUBE_CLIENT (self));

  self->chunk_size = MAX (chunk_size / CO_YOUTUBE_CHUNK_UNIT, 1) * CO_YOUTUBE_CHUNK_UNIT;
}

/** co_youtube_client_get_chunk_size: @self: the client  Returns: the bytes a request carries */
gsize
co_youtube_client_get_chunk_size (CoYouTubeClient *self)
{
  g_return_val_if_fail (CO_IS_YOUTUBE_CLIENT (self), 0);

  return self->chunk_size;
}
