/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-linkedin-private.h"
#include "co-publish-media.h"
#include "co-sync-error.h"

/*
 * A post's files go to LinkedIn before the post, each as its own outbox
 * operation whose result is the file's URN.
 *
 * An image: `POST /rest/images?action=initializeUpload` gives an upload
 * address and the image's URN, then the bytes go there in one PUT.
 *
 * A video: `POST /rest/videos?action=initializeUpload` with its size gives the
 * video's URN, an upload token and the parts to send (byte ranges, each with
 * its address); each part's PUT answers with an ETag; `finalizeUpload` lists
 * the ETags in order.
 *
 * What LinkedIn gave and each part's ETag are the operation's checkpoint,
 * saved before the next request: an upload cut short goes on from the first
 * part not yet answered instead of starting again.  Initializing again is
 * harmless (LinkedIn keeps an unused upload, never a post), so those requests
 * may be repeated, as may the PUTs of the bytes.
 */

/* Addresses that expire within this margin are asked for again. */
#define EXPIRY_MARGIN (G_GINT64_CONSTANT (120) * G_USEC_PER_SEC)

static JsonObject *
get_value (CoHttpResponse  *response,
           GError         **error)
{
  g_autoptr(JsonObject) answer = co_publish_parse_object (response, error);
  JsonNode *value = answer != NULL ? json_object_get_member (answer, "value") : NULL;

  if (answer == NULL)
    return NULL;
  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                   _("LinkedIn answered the upload without its “value”"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (value));
}

static CoHttpRequest *
initialize_request (GTask      *task,
                    const char *api,
                    JsonObject *fields)
{
  CoLinkedInClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autofree char *owner = co_linkedin_person_urn (co_account_get_remote_id (call->account));
  g_autofree char *path = g_strconcat ("/rest/", api, "?action=initializeUpload", NULL);
  JsonObject *body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  CoHttpRequest *request = _co_linkedin_request_new (self, "POST", path);

  json_object_set_string_member (fields, "owner", owner);
  json_object_set_object_member (body, "initializeUploadRequest", fields);
  node = json_node_init_object (json_node_alloc (), body);
  json_object_unref (body);
  co_http_request_set_json (request, node);
  co_http_request_set_idempotent (request, TRUE);
  return request;
}

static gboolean
expired (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  gint64 expires_ms = json_object_get_int_member_with_default (call->state, "expires_at", 0);

  return expires_ms * 1000 < co_publish_call_now (task) + EXPIRY_MARGIN;
}

/* Ends the call with the URN the state keeps under @member, once the answer
 * to the last request says it worked. */
static void
finish_upload (GObject      *object,
               GAsyncResult *result,
               GTask        *task,
               const char   *member)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || !co_http_response_check (response, &error))
    {
      co_publish_call_fail (task, error);
      return;
    }
  g_task_return_pointer (task, co_publish_result_new (
                           json_object_get_string_member (call->state, member), NULL, NULL),
                         (GDestroyNotify)co_outbox_result_free);
}

/* Images */

static void
image_put_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  finish_upload (object, result, task, "image");
}

static void
put_image (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CoHttpRequest) request = NULL;
  GError *error = NULL;

  bytes = co_publish_media_read_range (co_publish_call_payload_string (call, "path"), 0, -1,
                                       &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  request = co_http_request_new ("PUT", json_object_get_string_member (call->state, "upload_url"));
  co_http_request_set_body (request, "application/octet-stream", bytes);
  co_http_request_set_bucket (request, "linkedin");
  /* LinkedIn's image upload takes the member's token, as its docs show. */
  co_publish_call_send (task, request, image_put_cb);
}

static void
image_initialized_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) value = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (value = get_value (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return;
    }
  if (!json_object_has_member (value, "image") || !json_object_has_member (value, "uploadUrl"))
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("LinkedIn did not say where to upload the image"));
      return;
    }
  json_object_set_string_member (call->state, "image",
                                 json_object_get_string_member (value, "image"));
  json_object_set_string_member (call->state, "upload_url",
                                 json_object_get_string_member (value, "uploadUrl"));
  json_object_set_int_member (call->state, "expires_at",
                              json_object_get_int_member_with_default (value,
                                                                       "uploadUrlExpiresAt", 0));
  if (!co_publish_call_save_or_return (task))
    return;
  co_publish_call_set_step (task, put_image);
  put_image (task);
}

void
_co_linkedin_upload_image (GTask *task)
{
  g_autoptr(CoHttpRequest) request = NULL;

  if (co_publish_call_has_state (co_publish_call_get (task), "upload_url") && !expired (task))
    {
      put_image (task);
      return;
    }
  request = initialize_request (task, "images", json_object_new ());
  co_publish_call_send (task, request, image_initialized_cb);
}

/* Videos */

static void send_next_part (GTask *task);

static void
finalized_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  finish_upload (object, result, task, "video");
}

static void
finalize_video (GTask *task)
{
  CoLinkedInClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpRequest) request = NULL;
  JsonObject *fields = json_object_new ();
  JsonObject *body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (fields, "video", json_object_get_string_member (call->state,
                                                                                 "video"));
  json_object_set_string_member (fields, "uploadToken",
                                 json_object_get_string_member (call->state, "token"));
  json_object_set_array_member (fields, "uploadedPartIds",
                                json_array_ref (json_object_get_array_member (call->state,
                                                                              "etags")));
  json_object_set_object_member (body, "finalizeUploadRequest", fields);
  node = json_node_init_object (json_node_alloc (), body);
  json_object_unref (body);
  request = _co_linkedin_request_new (self, "POST", "/rest/videos?action=finalizeUpload");
  co_http_request_set_json (request, node);
  /* Finalizing a video twice finalizes it once. */
  co_http_request_set_idempotent (request, TRUE);
  co_publish_call_send (task, request, finalized_cb);
}

static void
part_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  GError *error = NULL;
  const char *etag;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || !co_http_response_check (response, &error))
    {
      co_publish_call_fail (task, error);
      return;
    }
  etag = soup_message_headers_get_one (co_http_response_get_headers (response), "ETag");
  if (etag == NULL)
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("LinkedIn answered a part of the video without its ETag"));
      return;
    }
  json_array_add_string_element (json_object_get_array_member (call->state, "etags"), etag);
  if (co_publish_call_save_or_return (task))
    send_next_part (task);
}

static void
send_next_part (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  JsonArray *parts = json_object_get_array_member (call->state, "parts");
  guint done = json_array_get_length (json_object_get_array_member (call->state, "etags"));
  g_autoptr(CoHttpRequest) request = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *part;
  GError *error = NULL;

  if (done >= json_array_get_length (parts))
    {
      finalize_video (task);
      return;
    }
  part = json_array_get_object_element (parts, done);
  bytes = co_publish_media_read_range (co_publish_call_payload_string (call, "path"),
                                   json_object_get_int_member (part, "firstByte"),
                                   json_object_get_int_member (part, "lastByte"), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  request = co_http_request_new ("PUT", json_object_get_string_member (part, "uploadUrl"));
  co_http_request_set_body (request, "application/octet-stream", bytes);
  co_http_request_set_bucket (request, "linkedin");
  /* The part's address is signed by LinkedIn: the token does not go there. */
  co_publish_call_send_unsigned (task, request, part_cb);
}

static gboolean
valid_instructions (JsonObject *value)
{
  JsonNode *parts = json_object_get_member (value, "uploadInstructions");

  if (!json_object_has_member (value, "video") || parts == NULL ||
      !JSON_NODE_HOLDS_ARRAY (parts) || json_array_get_length (json_node_get_array (parts)) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (parts)); i++)
    {
      JsonObject *part = json_array_get_object_element (json_node_get_array (parts), i);

      if (part == NULL || !json_object_has_member (part, "uploadUrl") ||
          !json_object_has_member (part, "firstByte") || !json_object_has_member (part, "lastByte"))
        return FALSE;
    }
  return TRUE;
}

static void
video_initialized_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) value = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (value = get_value (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return;
    }
  if (!valid_instructions (value))
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("LinkedIn did not say how to upload the video"));
      return;
    }
  json_object_set_string_member (call->state, "video",
                                 json_object_get_string_member (value, "video"));
  json_object_set_string_member (call->state, "token",
                                 json_object_get_string_member_with_default (value, "uploadToken",
                                                                             ""));
  json_object_set_array_member (call->state, "parts", json_array_ref (
                                  json_object_get_array_member (value, "uploadInstructions")));
  json_object_set_array_member (call->state, "etags", json_array_new ());
  json_object_set_int_member (call->state, "expires_at",
                              json_object_get_int_member_with_default (value,
                                                                       "uploadUrlsExpireAt", 0));
  if (!co_publish_call_save_or_return (task))
    return;
  co_publish_call_set_step (task, send_next_part);
  send_next_part (task);
}

void
_co_linkedin_upload_video (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CoHttpRequest) request = NULL;
  JsonObject *fields;
  GError *error = NULL;

  if (co_publish_call_has_state (call, "etags") && !expired (task))
    {
      send_next_part (task);
      return;
    }
  bytes = co_publish_media_read_range (co_publish_call_payload_string (call, "path"), 0, -1,
                                       &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  fields = json_object_new ();
  json_object_set_int_member (fields, "fileSizeBytes", (gint64)g_bytes_get_size (bytes));
  json_object_set_boolean_member (fields, "uploadCaptions", FALSE);
  json_object_set_boolean_member (fields, "uploadThumbnail", FALSE);
  request = initialize_request (task, "videos", fields);
  co_publish_call_send (task, request, video_initialized_cb);
}
