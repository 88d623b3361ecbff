/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-error.h"
#include "co-publish-call.h"
#include "co-sync-error.h"

/*
 * What the LinkedIn and Instagram clients share for each outbox operation: the
 * account and its token first, one renewal when the platform refuses the token
 * (a refused token means the platform did nothing, so sending again is safe),
 * and the checkpoint that lets an interrupted operation go on where it was.
 */

static void
call_free (CoPublishCall *call)
{
  g_clear_object (&call->accounts);
  g_clear_object (&call->outbox);
  g_clear_object (&call->operation);
  g_clear_object (&call->account);
  g_clear_pointer (&call->token, co_token_free);
  g_clear_object (&call->request);
  g_clear_pointer (&call->state, json_object_unref);
  g_free (call->page);
  g_free (call);
}

/* The checkpoint an earlier attempt saved, or an empty one. */
static JsonObject *
load_state (CoOutboxOperation *operation)
{
  const char *saved = co_outbox_operation_get_checkpoint (operation);
  g_autoptr(JsonNode) node = saved != NULL ? json_from_string (saved, NULL) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_object_ref (json_node_get_object (node));
  return json_object_new ();
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishCall *call = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&call->token, co_token_free);
  call->token = co_account_manager_get_token_finish (CO_ACCOUNT_MANAGER (object), result, &error);
  if (call->token == NULL)
    g_task_return_error (task, error);
  else
    call->step (task);
}

static void
fetch_token (GTask    *task,
             gboolean  force)
{
  CoPublishCall *call = g_task_get_task_data (task);

  co_account_manager_get_token_async (call->accounts,
                                      co_outbox_operation_get_account_id (call->operation),
                                      force, g_task_get_cancellable (task), token_cb,
                                      g_object_ref (task));
}

/**
 * co_publish_call_start:
 * @client: the platform client, the task's source object
 * @accounts: the accounts, for the account and its token
 * @outbox: the outbox
 * @operation: the operation being sent or looked up
 * @looking_up: %TRUE for a look-up
 * @step: what to do once the token is there
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the task's result
 * @user_data: passed to @callback
 *
 * Finds the operation's account, fetches its token, then runs @step.  An
 * account that is gone or disconnected ends the task with the account error.
 *
 */
void
co_publish_call_start (gpointer             client,
                       CoAccountManager    *accounts,
                       CoOutbox            *outbox,
                       CoOutboxOperation   *operation,
                       gboolean             looking_up,
                       CoPublishStepFunc    step,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  CoPublishCall *call = g_new0 (CoPublishCall, 1);
  GError *error = NULL;

  call->accounts = g_object_ref (accounts);
  call->outbox = g_object_ref (outbox);
  call->operation = g_object_ref (operation);
  call->looking_up = looking_up;
  call->step = step;
  call->state = load_state (operation);
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);
  call->account = co_account_book_get (co_account_manager_get_book (accounts),
                                       co_outbox_operation_get_account_id (operation), &error);
  if (call->account == NULL)
    g_task_return_error (task, error);
  else
    fetch_token (task, FALSE);
  g_object_unref (task);
}

/**
 * co_publish_call_not_found:
 * @client: the platform client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: passed to @callback
 *
 * Answers a look-up of an operation that is not a post (an upload, a media
 * container): not found, so that the sender sends it again, which goes on
 * from its checkpoint and at worst leaves an unused upload on the platform.
 */
void
co_publish_call_not_found (gpointer             client,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);

  g_task_return_pointer (task, NULL, NULL);
}

/** co_publish_call_get: @task: a call's task  Returns: (transfer none): the call */
CoPublishCall *
co_publish_call_get (GTask *task)
{
  return g_task_get_task_data (task);
}

/**
 * co_publish_call_set_step:
 * @task: a call's task
 * @step: the step a token renewal runs again from now on
 */
void
co_publish_call_set_step (GTask             *task,
                          CoPublishStepFunc  step)
{
  co_publish_call_get (task)->step = step;
}

static void
send_request (GTask               *task,
              CoHttpRequest       *request,
              gboolean             with_token,
              GAsyncReadyCallback  callback)
{
  CoPublishCall *call = co_publish_call_get (task);

  if (with_token)
    co_http_request_set_bearer (request, call->token->access_token);
  g_set_object (&call->request, request);
  co_http_client_send_async (co_account_manager_get_client (call->accounts), request,
                             g_task_get_cancellable (task), callback, g_object_ref (task));
}

/**
 * co_publish_call_send:
 * @task: a call's task
 * @request: the step's request, without its token
 * @callback: gets the HTTP client as its object and a reference to @task
 *
 * Sends @request with the account's token.
 */
void
co_publish_call_send (GTask               *task,
                      CoHttpRequest       *request,
                      GAsyncReadyCallback  callback)
{
  send_request (task, request, TRUE, callback);
}

/**
 * co_publish_call_send_unsigned:
 * @task: a call's task
 * @request: the step's request
 * @callback: gets the HTTP client as its object and a reference to @task
 *
 * Sends @request without the account's token: to an upload address the
 * platform signed itself, which may be on another host.
 */
void
co_publish_call_send_unsigned (GTask               *task,
                               CoHttpRequest       *request,
                               GAsyncReadyCallback  callback)
{
  send_request (task, request, FALSE, callback);
}

/**
 * co_publish_call_fail:
 * @task: a call's task
 * @error: (transfer full): why a step failed
 *
 * Ends the call with @error, unless it is the platform's first refusal of the
 * token: then the token is renewed and the current step runs again.
 */
void
co_publish_call_fail (GTask  *task,
                      GError *error)
{
  CoPublishCall *call = co_publish_call_get (task);

  if (g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH) && !call->refreshed)
    {
      call->refreshed = TRUE;
      g_error_free (error);
      fetch_token (task, TRUE);
      return;
    }
  g_task_return_error (task, error);
}

/**
 * co_publish_call_turn_page:
 * @call: a look-up's call
 * @next: (nullable): the next page as the platform names it (a start index,
 *   a cursor), or %NULL after the last page
 * @max_pages: how many pages a look-up reads at most
 *
 * Keeps the look-up's next page in @call->page, for its step to ask for.
 * A look-up reads a bounded number of pages: the platforms keep posts
 * without end, and one made long before the first attempt is not the one
 * looked for.
 *
 * Returns: %TRUE when there is a next page to read
 */
gboolean
co_publish_call_turn_page (CoPublishCall *call,
                           const char    *next,
                           guint          max_pages)
{
  g_return_val_if_fail (call != NULL, FALSE);

  g_clear_pointer (&call->page, g_free);
  if (next == NULL || *next == '\0' || ++call->n_pages >= max_pages)
    return FALSE;
  call->page = g_strdup (next);
  return TRUE;
}

/**
 * co_publish_call_save_state:
 * @task: a call's task
 * @error: return location for a #GError
 *
 * Makes the call's state the operation's checkpoint, durably, so that an
 * interrupted operation goes on from here.
 *
 * Returns: %TRUE once it is saved
 */
gboolean
co_publish_call_save_state (GTask   *task,
                            GError **error)
{
  CoPublishCall *call = co_publish_call_get (task);
  g_autofree char *text = co_publish_object_to_string (call->state);

  return co_outbox_save_checkpoint (call->outbox, co_outbox_operation_get_id (call->operation),
                                    text, error);
}

/**
 * co_publish_call_save_or_return:
 * @task: a call's task
 *
 * Saves the call's state as co_publish_call_save_state() does; when it
 * cannot, ends the call with the error.
 *
 * Returns: %TRUE once it is saved; %FALSE when the call has ended
 */
gboolean
co_publish_call_save_or_return (GTask *task)
{
  GError *error = NULL;

  if (co_publish_call_save_state (task, &error))
    return TRUE;
  g_task_return_error (task, error);
  return FALSE;
}

/**
 * co_publish_call_payload_string:
 * @call: a call
 * @member: a string member of the operation's payload ("path", "mime")
 *
 * The payload object is a copy each time it is read: the value is kept in
 * the call's state (as "_@member"), where it lives as long as the call.
 *
 * Returns: (transfer none): the member's value, or "" when it has none
 */
const char *
co_publish_call_payload_string (CoPublishCall *call,
                                const char    *member)
{
  g_autoptr(JsonObject) payload = co_outbox_operation_dup_payload_object (call->operation);
  g_autofree char *key = g_strconcat ("_", member, NULL);

  json_object_set_string_member (call->state, key,
                                 json_object_get_string_member_with_default (payload, member,
                                                                             ""));
  return json_object_get_string_member (call->state, key);
}

/**
 * co_publish_call_keep_size:
 * @task: a call's task
 * @platform: where the file goes, for the message
 *
 * Keeps the size of the payload's file in the call's state ("size"), which
 * an upload announces before its bytes; a file that cannot be read ends the
 * call with %CO_PLATFORM_ERROR_INVALID naming it.
 *
 * Returns: the size, or -1 when the call has ended
 */
gint64
co_publish_call_keep_size (GTask      *task,
                           CoPlatform  platform)
{
  CoPublishCall *call = co_publish_call_get (task);
  const char *path = co_publish_call_payload_string (call, "path");
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                               _("“%s” cannot be sent to %s: %s"), path,
                               co_platform_display_name (platform), g_strerror (saved));
      return -1;
    }
  json_object_set_int_member (call->state, "size", (gint64)st.st_size);
  return (gint64)st.st_size;
}

/**
 * co_publish_call_sleep:
 * @task: a call's task
 * @usec: how long to wait
 * @callback: gets the clock as its object and a reference to @task
 *
 * Waits on the HTTP client's clock, which tests move by hand.
 */
void
co_publish_call_sleep (GTask               *task,
                       gint64               usec,
                       GAsyncReadyCallback  callback)
{
  CoPublishCall *call = co_publish_call_get (task);
  CoClock *clock = co_http_client_get_clock (co_account_manager_get_client (call->accounts));

  co_clock_sleep_async (clock, usec, CO_CLOCK_DELAY, g_task_get_cancellable (task), callback,
                        g_object_ref (task));
}

/**
 * co_publish_call_poll_later:
 * @task: a call's task
 * @usec: how long to wait before asking again
 * @max_polls: how many times one attempt asks
 * @callback: gets the clock as its object and a reference to @task
 *
 * Counts a poll of something the platform still processes ("polls" in the
 * call's state) and waits @usec before the next, unless this attempt has
 * asked @max_polls times: then it sets the call's retry time @usec from now,
 * and the caller ends the call with its error.
 *
 * Returns: %TRUE when @callback will run
 */
gboolean
co_publish_call_poll_later (GTask               *task,
                            gint64               usec,
                            int                  max_polls,
                            GAsyncReadyCallback  callback)
{
  CoPublishCall *call = co_publish_call_get (task);
  gint64 polls = json_object_get_int_member_with_default (call->state, "polls", 0) + 1;

  json_object_set_int_member (call->state, "polls", polls);
  if (polls < max_polls)
    {
      co_publish_call_sleep (task, usec, callback);
      return TRUE;
    }
  call->retry_at = co_publish_call_now (task) + usec;
  return FALSE;
}

/** co_publish_call_now: @task: a call's task  Returns: the HTTP client's time */
gint64
co_publish_call_now (GTask *task)
{
  CoPublishCall *call = co_publish_call_get (task);

  return co_clock_now (co_http_client_get_clock (co_account_manager_get_client (call->accounts)));
}

/**
 * co_publish_call_finish:
 * @result: a call's task
 * @out_retry_at: (out): when the platform allows the next attempt, or 0
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 *   (for a look-up, %NULL without an error means not found)
 */
CoOutboxResult *
co_publish_call_finish (GAsyncResult  *result,
                        gint64        *out_retry_at,
                        GError       **error)
{
  CoPublishCall *call = g_task_get_task_data (G_TASK (result));

  if (out_retry_at != NULL)
    *out_retry_at = MAX (call->retry_at, call->request != NULL
                                           ? co_http_request_get_retry_at (call->request) : 0);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/** co_publish_call_has_state: @call: a call  @member: a name  Returns: whether it is kept */
gboolean
co_publish_call_has_state (CoPublishCall *call,
                           const char    *member)
{
  return json_object_has_member (call->state, member);
}

/**
 * co_publish_parse_object:
 * @response: an answer
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a 2xx answer's JSON object, or %NULL
 *   with the status's error or %CO_SYNC_ERROR_PROTOCOL
 */
JsonObject *
co_publish_parse_object (CoHttpResponse  *response,
                         GError         **error)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *display = NULL;

  if (!co_http_response_check (response, error) ||
      (json = co_http_response_parse_json (response, error)) == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (json))
    return json_object_ref (json_node_get_object (json));
  display = co_http_request_dup_display (co_http_response_get_request (response));
  g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
               _("The answer to %s is not a JSON object"), display);
  return NULL;
}

/** co_publish_object_to_string: @object: a JSON object  Returns: (transfer full): its text */
char *
co_publish_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/**
 * co_publish_result_new:
 * @remote_id: what the platform calls the result
 * @remote_url: (nullable): where people see it
 * @answer: (nullable): what to keep of the platform's answer
 *
 * Returns: (transfer full): the outbox result
 */
CoOutboxResult *
co_publish_result_new (const char *remote_id,
                       const char *remote_url,
                       JsonObject *answer)
{
  g_autofree char *json = answer != NULL ? co_publish_object_to_string (answer) : NULL;

  return co_outbox_result_new (remote_id, remote_url, json);
}

/**
 * co_publish_normalize_text:
 * @text: (nullable): a post's text
 *
 * Platforms may trim a text or fold its line ends: what a look-up compares is
 * the text with each run of white space made one space, trimmed.
 *
 * Returns: (transfer full): the normalized text
 */
char *
co_publish_normalize_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
