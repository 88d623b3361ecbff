/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-publish-media.h"
#include "co-sync-error.h"
#include "co-x-private.h"

/*
 * X's chunked media upload (`/2/media/upload`), as X documents it, for the
 * images and videos of a post; each file is its own outbox operation, whose
 * result is the media id the post then names:
 *
 * 1. `command=INIT` with `total_bytes`, `media_type` and `media_category`
 *    gives the media id, which expires after `expires_after_secs`.
 * 2. `command=APPEND` with `media_id`, `segment_index` and the segment's
 *    bytes (multipart), at most 5 MB each, in order.
 * 3. `command=FINALIZE`: without `processing_info` the media is ready;
 *    otherwise X processes it (a video, a GIF) and
 * 4. `command=STATUS` is asked after `check_after_secs` until the state is
 *    `succeeded` or `failed`.
 *
 * The media id, the segments X has acknowledged and whether it was finalized
 * are the operation's checkpoint, so an upload cut short goes on from the
 * next segment.  Each of these requests may be repeated: an unused media id
 * expires, a segment sent again replaces itself, finalizing twice does not
 * make two media.
 */

#define SEGMENT_SIZE (4 * 1024 * 1024)
#define MAX_POLLS 60
#define EXPIRY_MARGIN (G_GINT64_CONSTANT (120) * G_USEC_PER_SEC)

static void append_next (GTask *task);
static void ask_status  (GTask *task);

static CoHttpRequest *
media_request (GTask      *task,
               const char *method,
               GHashTable *query)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autofree char *encoded = query != NULL ? soup_form_encode_hash (query) : NULL;
  g_autofree char *path = g_strconcat ("/2/media/upload", encoded != NULL ? "?" : "", encoded,
                                       NULL);
  g_autofree char *url = co_service_config_build_url (
    co_account_manager_get_config (call->accounts), CO_SERVICE_X, path);
  CoHttpRequest *request = co_http_request_new (method, url);

  co_http_request_set_bucket (request, "x");
  co_http_request_set_idempotent (request, TRUE);
  return request;
}

/* The "data" object of X's answer, or the call ends (a refused token is renewed). */
static JsonObject *
answer_data (GObject      *object,
             GAsyncResult *result,
             GTask        *task)
{
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  JsonNode *data;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (answer = co_publish_parse_object (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return NULL;
    }
  data = json_object_get_member (answer, "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("X answered the media upload without “data”"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (data));
}

/* Processing */

static void
slept_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!co_clock_sleep_finish (CO_CLOCK (object), result, &error))
    g_task_return_error (task, error);
  else
    ask_status (task);
}

static void
wait_more (GTask  *task,
           gint64  seconds)
{
  CoPublishCall *call = co_publish_call_get (task);

  if (co_publish_call_poll_later (task, CLAMP (seconds, 1, 600) * G_USEC_PER_SEC, MAX_POLLS,
                                  slept_cb))
    return;
  g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP,
                           _("X is still processing media %s"),
                           json_object_get_string_member (call->state, "media_id"));
}

static void
report_failure (GTask      *task,
                JsonObject *info)
{
  CoPublishCall *call = co_publish_call_get (task);
  JsonNode *error = json_object_get_member (info, "error");
  const char *reason = error != NULL && JSON_NODE_HOLDS_OBJECT (error)
                         ? json_object_get_string_member_with_default (
                             json_node_get_object (error), "message", NULL) : NULL;
  g_autofree char *path = g_strdup (co_publish_call_payload_string (call, "path"));

  /* Media that failed stays so: a retry uploads it again. */
  json_object_remove_member (call->state, "media_id");
  if (!co_publish_call_save_or_return (task))
    return;
  g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED,
                           _("X could not process “%s”: %s"), path,
                           reason != NULL ? reason : _("no reason given"));
}

/* What FINALIZE or STATUS said: ready, failed, or ask again later. */
static void
follow_processing (GTask      *task,
                   JsonObject *data)
{
  CoPublishCall *call = co_publish_call_get (task);
  JsonNode *node = json_object_get_member (data, "processing_info");
  JsonObject *info = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                   : NULL;
  const char *state = info != NULL ? json_object_get_string_member_with_default (info, "state",
                                                                                 "") : NULL;

  if (info == NULL || g_str_equal (state, "succeeded"))
    g_task_return_pointer (task, co_publish_result_new (json_object_get_string_member (
                                                          call->state, "media_id"), NULL, NULL),
                           (GDestroyNotify)co_outbox_result_free);
  else if (g_str_equal (state, "failed"))
    report_failure (task, info);
  else
    wait_more (task, json_object_get_int_member_with_default (info, "check_after_secs", 1));
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) data = answer_data (object, result, task);

  if (data != NULL)
    follow_processing (task, data);
}

static void
ask_status (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CoHttpRequest) request = NULL;

  g_hash_table_insert (query, "command", "STATUS");
  g_hash_table_insert (query, "media_id",
                       (char *)json_object_get_string_member (call->state, "media_id"));
  request = media_request (task, "GET", query);
  co_publish_call_send (task, request, status_cb);
}

/* FINALIZE */

static void
finalized_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) data = answer_data (object, result, task);

  if (data == NULL)
    return;
  json_object_set_boolean_member (co_publish_call_get (task)->state, "finalized", TRUE);
  if (co_publish_call_save_or_return (task))
    follow_processing (task, data);
}

static void
finalize (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CoHttpRequest) request = media_request (task, "POST", NULL);

  g_hash_table_insert (form, "command", "FINALIZE");
  g_hash_table_insert (form, "media_id",
                       (char *)json_object_get_string_member (call->state, "media_id"));
  co_http_request_set_form (request, form);
  co_publish_call_send (task, request, finalized_cb);
}

/* APPEND */

static void
appended_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || !co_http_response_check (response, &error))
    {
      co_publish_call_fail (task, error);
      return;
    }
  json_object_set_int_member (call->state, "segments",
                              json_object_get_int_member (call->state, "segments") + 1);
  if (co_publish_call_save_or_return (task))
    append_next (task);
}

/* A multipart body of the form fields and the segment's bytes as "media". */
static void
set_segment_body (CoHttpRequest *request,
                  const char    *media_id,
                  gint64         index,
                  GBytes        *bytes)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (
    SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autofree char *segment = g_strdup_printf ("%" G_GINT64_FORMAT, index);
  g_autoptr(GBytes) body = NULL;

  soup_multipart_append_form_string (multipart, "command", "APPEND");
  soup_multipart_append_form_string (multipart, "media_id", media_id);
  soup_multipart_append_form_string (multipart, "segment_index", segment);
  soup_multipart_append_form_file (multipart, "media", "blob", "application/octet-stream",
                                   bytes);
  soup_multipart_to_message (multipart, headers, &body);
  co_http_request_set_body (request, soup_message_headers_get_one (headers, "Content-Type"),
                            body);
}

static void
append_next (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  gint64 index = json_object_get_int_member (call->state, "segments");
  gint64 size = json_object_get_int_member (call->state, "size");
  gint64 first = index * SEGMENT_SIZE;
  g_autoptr(CoHttpRequest) request = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (first >= size)
    {
      finalize (task);
      return;
    }
  bytes = co_publish_media_read_range (co_publish_call_payload_string (call, "path"), first,
                                       MIN (first + SEGMENT_SIZE, size) - 1, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  request = media_request (task, "POST", NULL);
  set_segment_body (request, json_object_get_string_member (call->state, "media_id"), index,
                    bytes);
  co_publish_call_send (task, request, appended_cb);
}

/* INIT */

static void
initialized_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(JsonObject) data = answer_data (object, result, task);
  gint64 expires;

  if (data == NULL)
    return;
  if (json_object_get_string_member_with_default (data, "id", NULL) == NULL)
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("X answered the media upload without its id"));
      return;
    }
  expires = json_object_get_int_member_with_default (data, "expires_after_secs", 86400);
  json_object_set_string_member (call->state, "media_id",
                                 json_object_get_string_member (data, "id"));
  json_object_set_int_member (call->state, "segments", 0);
  json_object_set_boolean_member (call->state, "finalized", FALSE);
  json_object_set_int_member (call->state, "expires_at",
                              co_publish_call_now (task) + expires * G_USEC_PER_SEC);
  if (co_publish_call_save_or_return (task))
    append_next (task);
}

static const char *
category_for (const char *mime)
{
  if (g_str_equal (mime, "image/gif"))
    return "tweet_gif";
  return g_str_has_prefix (mime, "video/") ? "tweet_video" : "tweet_image";
}

static void
initialize (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CoHttpRequest) request = media_request (task, "POST", NULL);
  const char *mime = co_publish_call_payload_string (call, "mime");
  g_autofree char *total = NULL;
  gint64 size = co_publish_call_keep_size (task, CO_PLATFORM_X);

  if (size < 0)
    return;
  total = g_strdup_printf ("%" G_GINT64_FORMAT, size);
  g_hash_table_insert (form, "command", "INIT");
  g_hash_table_insert (form, "total_bytes", total);
  g_hash_table_insert (form, "media_type", (char *)mime);
  g_hash_table_insert (form, "media_category", (char *)category_for (mime));
  co_http_request_set_form (request, form);
  co_publish_call_send (task, request, initialized_cb);
}

/**
 * _co_x_media_upload:
 * @task: a call of a %CO_X_KIND_MEDIA operation
 *
 * Uploads the file: from the media id an earlier attempt saved, while it is
 * valid, or from INIT.
 */
void
_co_x_media_upload (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  gint64 expires = json_object_get_int_member_with_default (call->state, "expires_at", 0);

  if (!co_publish_call_has_state (call, "media_id") ||
      expires < co_publish_call_now (task) + EXPIRY_MARGIN)
    initialize (task);
  else if (json_object_get_boolean_member_with_default (call->state, "finalized", FALSE))
    ask_status (task);
  else
    append_next (task);
}
