/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-publish-media.h"
#include "co-sync-error.h"
#include "co-youtube-private.h"

/*
 * videos.insert as a resumable upload, as Google documents it:
 *
 * 1. `POST {upload}/youtube/v3/videos?uploadType=resumable&part=snippet,status`
 *    with the video's resource as JSON and `X-Upload-Content-Length` and
 *    `-Type`; the answer's `Location` is the upload session.  The session is
 *    the operation's checkpoint, saved before any byte is sent.
 * 2. `PUT {session}` with `Content-Range: bytes FIRST-LAST/SIZE`, a chunk at a
 *    time (a multiple of 256 KiB).  `308 Resume Incomplete` says what the
 *    server holds in its `Range` header (`bytes=0-LAST`, none when it holds
 *    nothing); `200` or `201` carries the video made.
 * 3. After an interruption (a dropped connection, a 5xx), `PUT {session}` with
 *    `Content-Range: bytes *\/SIZE` and no body asks what the server holds, and
 *    the upload goes on from there.  A 404 means the session expired: the upload
 *    starts again with a new one.
 *
 * Asking the session is harmless, so that request may be repeated; a chunk is
 * never repeated blindly, but only from what the server says it holds.
 */

/* Interruptions one attempt recovers from before it gives up to the outbox. */
#define MAX_RESUMES 5

static void send_chunk (GTask  *task,
                        gint64  offset);

/* The offset after the bytes a `Range: bytes=0-LAST` header says are held. */
static gint64
parse_range (CoHttpResponse *response)
{
  const char *range = soup_message_headers_get_one (co_http_response_get_headers (response),
                                                    "Range");
  const char *dash = range != NULL ? strchr (range, '-') : NULL;

  if (dash == NULL || !g_str_has_prefix (range, "bytes=0-"))
    return 0;
  return g_ascii_strtoll (dash + 1, NULL, 10) + 1;
}

/* A 403 for the project's daily quota: YouTube takes requests again after
 * midnight, Pacific time. */
static gboolean
quota_exceeded (GTask           *task,
                CoHttpResponse  *response,
                GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GTimeZone) pacific = g_time_zone_new_identifier ("America/Los_Angeles");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autofree char *text = NULL;
  JsonNode *body;

  if (co_http_response_get_status (response) != SOUP_STATUS_FORBIDDEN ||
      (root = co_http_response_parse_json (response, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root) ||
      (body = json_object_get_member (json_node_get_object (root), "error")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (body) ||
      strstr ((text = co_publish_object_to_string (json_node_get_object (body))),
              "\"quotaExceeded\"") == NULL)
    return FALSE;
  now = g_date_time_new_from_unix_utc (co_publish_call_now (task) / G_USEC_PER_SEC);
  if (pacific == NULL)
    pacific = g_time_zone_new_offset (-8 * 3600);
  local = g_date_time_to_timezone (now, pacific);
  midnight = g_date_time_add_full (local, 0, 0, 1, -g_date_time_get_hour (local),
                                   -g_date_time_get_minute (local),
                                   -g_date_time_get_seconds (local));
  co_publish_call_get (task)->retry_at = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
  g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_RATE_LIMITED,
               _("YouTube’s daily quota for uploads is used up; it is renewed at midnight, "
                 "Pacific time"));
  return TRUE;
}

static CoOutboxResult *
result_from_video (JsonObject *video)
{
  const char *id = json_object_get_string_member_with_default (video, "id", NULL);
  g_autofree char *url = g_strconcat ("https://www.youtube.com/watch?v=", id, NULL);
  JsonNode *status = json_object_get_member (video, "status");

  /* The status says what YouTube made of it: an unverified API project's
   * uploads are private, whatever was asked. */
  return co_publish_result_new (id, url, status != NULL && JSON_NODE_HOLDS_OBJECT (status)
                                           ? json_node_get_object (status) : NULL);
}

static void
return_video (GTask          *task,
              CoHttpResponse *response)
{
  g_autoptr(JsonObject) video = NULL;
  GError *error = NULL;

  video = co_publish_parse_object (response, &error);
  if (video == NULL)
    co_publish_call_fail (task, error);
  else if (json_object_get_string_member_with_default (video, "id", NULL) == NULL)
    g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                             _("YouTube answered the upload without the video’s id"));
  else
    g_task_return_pointer (task, result_from_video (video), (GDestroyNotify)co_outbox_result_free);
}

/* A request of the upload failed: an interruption is asked about and the
 * upload goes on; anything else ends the call (a refused token is renewed). */
static void
upload_failed (GTask  *task,
               GError *error)
{
  CoPublishCall *call = co_publish_call_get (task);
  gint64 resumes = json_object_get_int_member_with_default (call->state, "_resumes", 0);

  /* libsoup sends a request again by itself when a kept-alive connection
   * closes under it, so a chunk may reach a session that holds more than the
   * chunk assumed, which YouTube refuses: asking puts it right. */
  gboolean chunk = json_object_get_boolean_member_with_default (call->state, "_chunk", FALSE);

  if (!call->looking_up && resumes < MAX_RESUMES &&
      co_publish_call_has_state (call, "session") &&
      ((chunk && g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED)) ||
       g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP) ||
       g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN) ||
       g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE)))
    {
      g_debug ("Upload interrupted (%s); asking what YouTube holds", error->message);
      g_error_free (error);
      json_object_set_int_member (call->state, "_resumes", resumes + 1);
      _co_youtube_query_upload (task);
      return;
    }
  co_publish_call_fail (task, error);
}

static void initiate (GTask *task);

/* What the session answered, to a chunk or to a question. */
static void
session_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  GError *error = NULL;
  guint status;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL)
    {
      upload_failed (task, error);
      return;
    }
  status = co_http_response_get_status (response);
  if (status == SOUP_STATUS_OK || status == SOUP_STATUS_CREATED)
    return_video (task, response);
  else if (status == 308 && call->looking_up)
    g_task_return_pointer (task, NULL, NULL);
  else if (status == 308)
    send_chunk (task, parse_range (response));
  else if (status == SOUP_STATUS_NOT_FOUND && call->looking_up)
    g_task_return_pointer (task, NULL, NULL);
  else if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_debug ("The upload session expired; starting a new one");
      json_object_remove_member (call->state, "session");
      initiate (task);
    }
  else if (quota_exceeded (task, response, &error) || !co_http_response_check (response, &error))
    upload_failed (task, error);
}

static CoHttpRequest *
session_request (CoPublishCall *call)
{
  CoHttpRequest *request = co_http_request_new ("PUT", json_object_get_string_member (call->state,
                                                                                      "session"));

  co_http_request_set_bucket (request, "youtube");
  return request;
}

static void
send_chunk (GTask  *task,
            gint64  offset)
{
  CoYouTubeClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  gint64 size = json_object_get_int_member (call->state, "size");
  gint64 last = MIN (offset + (gint64)co_youtube_client_get_chunk_size (self), size) - 1;
  g_autoptr(CoHttpRequest) request = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *range = NULL;
  GError *error = NULL;

  bytes = co_publish_media_read_range (co_publish_call_payload_string (call, "path"), offset,
                                       last, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  range = g_strdup_printf ("bytes %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                           offset, last, size);
  request = session_request (call);
  json_object_set_boolean_member (call->state, "_chunk", TRUE);
  co_http_request_set_header (request, "Content-Range", range);
  co_http_request_set_body (request, "application/octet-stream", bytes);
  /* A chunk cut short is resumed from what the server holds, never sent blindly again. */
  co_http_request_set_max_retries (request, 0);
  co_publish_call_send (task, request, session_cb);
}

/**
 * _co_youtube_query_upload:
 * @task: a call whose state holds the session
 *
 * Asks the session what it holds (`Content-Range: bytes *\/SIZE`): the
 * upload goes on from there, or, for a look-up, the video is found.
 */
void
_co_youtube_query_upload (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpRequest) request = session_request (call);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree char *range = g_strdup_printf ("bytes */%" G_GINT64_FORMAT,
                                            json_object_get_int_member_with_default (call->state,
                                                                                     "size", 0));

  json_object_set_boolean_member (call->state, "_chunk", FALSE);
  co_http_request_set_header (request, "Content-Range", range);
  co_http_request_set_body (request, "application/octet-stream", empty);
  co_http_request_set_idempotent (request, TRUE);
  co_publish_call_send (task, request, session_cb);
}

static void
initiated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  GError *error = NULL;
  const char *session;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL ||
      (quota_exceeded (task, response, &error) || !co_http_response_check (response, &error)))
    {
      co_publish_call_fail (task, error);
      return;
    }
  session = soup_message_headers_get_one (co_http_response_get_headers (response), "Location");
  if (session == NULL || session[0] == '\0')
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("YouTube did not say where to upload the video"));
      return;
    }
  json_object_set_string_member (call->state, "session", session);
  if (co_publish_call_save_or_return (task))
    send_chunk (task, 0);
}

/* The video's resource: snippet and status, from the operation's payload. */
static JsonNode *
build_resource (JsonObject *payload)
{
  g_autoptr(JsonObject) video = json_object_new ();
  JsonObject *snippet = json_object_new ();
  JsonObject *status = json_object_new ();
  JsonNode *tags = json_object_get_member (payload, "tags");

  json_object_set_string_member (snippet, "title",
                                 json_object_get_string_member_with_default (payload, "title",
                                                                             ""));
  json_object_set_string_member (snippet, "description",
                                 json_object_get_string_member_with_default (payload,
                                                                             "description", ""));
  if (tags != NULL && JSON_NODE_HOLDS_ARRAY (tags))
    json_object_set_member (snippet, "tags", json_node_copy (tags));
  if (json_object_has_member (payload, "privacy"))
    json_object_set_string_member (status, "privacyStatus",
                                   json_object_get_string_member (payload, "privacy"));
  json_object_set_boolean_member (status, "selfDeclaredMadeForKids",
                                  json_object_get_boolean_member_with_default (payload,
                                                                               "made_for_kids",
                                                                               FALSE));
  json_object_set_object_member (video, "snippet", snippet);
  json_object_set_object_member (video, "status", status);
  return json_node_init_object (json_node_alloc (), video);
}

static void
initiate (GTask *task)
{
  CoYouTubeClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(JsonObject) payload = co_outbox_operation_dup_payload_object (call->operation);
  g_autoptr(JsonNode) resource = build_resource (payload);
  g_autoptr(CoHttpRequest) request = NULL;
  g_autofree char *length = NULL;
  gint64 size = co_publish_call_keep_size (task, CO_PLATFORM_YOUTUBE);

  if (size < 0)
    return;
  length = g_strdup_printf ("%" G_GINT64_FORMAT, size);
  request = _co_youtube_request_new (self, CO_SERVICE_YOUTUBE_UPLOAD, "POST",
                                     "/youtube/v3/videos?uploadType=resumable&part=snippet,status");
  co_http_request_set_header (request, "X-Upload-Content-Length", length);
  co_http_request_set_header (request, "X-Upload-Content-Type",
                              json_object_get_string_member_with_default (payload, "mime",
                                                                          "video/*"));
  co_http_request_set_json (request, resource);
  /* A session that is never used makes no video, so asking again is harmless. */
  co_http_request_set_idempotent (request, TRUE);
  co_publish_call_send (task, request, initiated_cb);
}

/**
 * _co_youtube_upload_video:
 * @task: a call of a %CO_YOUTUBE_KIND_VIDEO operation
 *
 * Uploads the video: from the session an earlier attempt saved, after asking
 * it what it holds, or with a new session.
 */
void
_co_youtube_upload_video (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);

  json_object_set_int_member (call->state, "_resumes", 0);
  if (co_publish_call_has_state (call, "session"))
    _co_youtube_query_upload (task);
  else
    initiate (task);
}
