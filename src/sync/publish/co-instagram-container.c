/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-instagram-private.h"
#include "co-sync-error.h"
#include "co-task.h"

/*
 * An Instagram media container: `POST /{ig-user-id}/media` with the file's
 * public address (`image_url`, or `video_url` with `media_type=REELS`) and the
 * caption; Instagram fetches the file and processes it, and
 * `GET /{container-id}?fields=status_code,status` says how far it is:
 * IN_PROGRESS, then FINISHED (ready to publish) or ERROR (with what went
 * wrong in `status`); EXPIRED after 24 hours unpublished.
 *
 * The container's id is the operation's checkpoint, so an attempt cut short
 * polls the same container again.  Polls wait on the HTTP client's clock.
 * Making a container twice is harmless (one is never published), so that
 * request may be repeated.
 *
 * The file must be at a public address when the container is made: this is
 * the API's limit, not the client's.  The client asks its media host
 * (co_instagram_client_set_media_host()) for the address.
 */

static void create_container (GTask *task);

static void poll_container (GTask *task);

static gboolean
forget_container (GTask *task)
{
  json_object_remove_member (co_publish_call_get (task)->state, "container");
  return co_publish_call_save_or_return (task);
}

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
    poll_container (task);
}

/* Still processing: asks again later, or ends the attempt after enough polls. */
static void
wait_more (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);

  if (co_publish_call_poll_later (task, CO_INSTAGRAM_POLL_INTERVAL, CO_INSTAGRAM_MAX_POLLS,
                                  slept_cb))
    return;
  g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP,
                           _("Instagram is still processing media container %s"),
                           json_object_get_string_member (call->state, "container"));
}

static void
report_error (GTask      *task,
              JsonObject *status)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(JsonObject) payload = co_outbox_operation_dup_payload_object (call->operation);
  g_autofree char *path = g_strdup (json_object_get_string_member_with_default (payload, "path",
                                                                                ""));
  g_autofree char *container = g_strdup (json_object_get_string_member (call->state,
                                                                        "container"));

  /* A container in error stays so: a retry makes a new one. */
  if (!forget_container (task))
    return;
  g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED,
                           _("Instagram could not process “%s” (media container %s): %s"),
                           path, container,
                           json_object_get_string_member_with_default (status, "status",
                                                                       _("no reason given")));
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) status = NULL;
  GError *error = NULL;
  const char *code;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (status = _co_instagram_parse (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return;
    }
  code = json_object_get_string_member_with_default (status, "status_code", "");
  if (g_str_equal (code, "FINISHED") || g_str_equal (code, "PUBLISHED"))
    g_task_return_pointer (task, co_publish_result_new (
                             json_object_get_string_member (call->state, "container"), NULL,
                             status), (GDestroyNotify)co_outbox_result_free);
  else if (g_str_equal (code, "ERROR"))
    report_error (task, status);
  else if (g_str_equal (code, "EXPIRED"))
    {
      if (forget_container (task))
        create_container (task);
    }
  else
    wait_more (task);
}

static void
poll_container (GTask *task)
{
  CoInstagramClient *self = g_task_get_source_object (task);
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpRequest) request = NULL;

  request = _co_instagram_request_new (self, "GET",
                                       json_object_get_string_member (call->state, "container"),
                                       "?fields=status_code%2Cstatus");
  co_publish_call_send (task, request, status_cb);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || (answer = _co_instagram_parse (response, &error)) == NULL)
    {
      co_publish_call_fail (task, error);
      return;
    }
  if (json_object_get_string_member_with_default (answer, "id", NULL) == NULL)
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                               _("Instagram answered the media container without its id"));
      return;
    }
  json_object_set_string_member (call->state, "container",
                                 json_object_get_string_member (answer, "id"));
  if (!co_publish_call_save_state (task, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  co_publish_call_set_step (task, poll_container);
  poll_container (task);
}

static GHashTable *
container_form (JsonObject *payload,
                char       *url)
{
  GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *type = json_object_get_string_member_with_default (payload, "media_type", "IMAGE");

  if (g_str_equal (type, "REELS"))
    {
      g_hash_table_insert (form, (char *)"media_type", g_strdup (type));
      g_hash_table_insert (form, (char *)"video_url", url);
    }
  else
    g_hash_table_insert (form, (char *)"image_url", url);
  g_hash_table_insert (form, (char *)"caption",
                       g_strdup (json_object_get_string_member_with_default (payload, "caption",
                                                                             "")));
  return form;
}

typedef struct
{
  char *path;
  char *mime;
} HostArgs;

static void
host_args_free (gpointer data)
{
  HostArgs *args = data;

  g_free (args->path);
  g_free (args->mime);
  g_free (args);
}

/* Putting the file where Instagram fetches it may copy a whole video (to
 * another file system): in a worker, never on the main context. */
static gpointer
host_work (gpointer       source,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  HostArgs *args = data;

  return _co_instagram_host_media (source, args->path, args->mime, error);
}

static void
hosted_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(JsonObject) payload = co_outbox_operation_dup_payload_object (call->operation);
  g_autoptr(CoHttpRequest) request = NULL;
  g_autoptr(GHashTable) form = NULL;
  GError *error = NULL;
  char *url = co_task_propagate (result, source, _co_instagram_make_container, &error);

  if (url == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  form = container_form (payload, url);
  request = _co_instagram_request_new (CO_INSTAGRAM_CLIENT (source), "POST",
                                       co_account_get_remote_id (call->account), "/media");
  co_http_request_set_form (request, form);
  co_http_request_set_idempotent (request, TRUE);
  co_publish_call_send (task, request, created_cb);
}

static void
create_container (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autoptr(JsonObject) payload = co_outbox_operation_dup_payload_object (call->operation);
  HostArgs *args = g_new0 (HostArgs, 1);

  args->path = g_strdup (json_object_get_string_member_with_default (payload, "path", ""));
  args->mime = g_strdup (json_object_get_string_member_with_default (payload, "mime", ""));
  co_task_run_async (g_task_get_source_object (task), _co_instagram_make_container, host_work,
                     args, host_args_free, g_free, g_task_get_cancellable (task), hosted_cb,
                     g_object_ref (task));
}

void
_co_instagram_make_container (GTask *task)
{
  if (co_publish_call_has_state (co_publish_call_get (task), "container"))
    poll_container (task);
  else
    create_container (task);
}
