/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-sync-error.h"
#include "co-http-client.h"
#include "co-http-policy.h"
#include "co-http-private.h"
#include "co-sync-wait.h"

/*
 * The one HTTP client of the program, over its one SoupSession.  A request
 * goes out when its platform's rate limiter gives it a slot, with a deadline
 * from the clock; a failure that says "not now" is retried, when the request
 * may be repeated, after a back-off of 1, 2 and 4 s with full jitter (longer if
 * the server asks), at most three times.  TLS certificates are always verified:
 * nothing here or anywhere else accepts a certificate the system does not trust.
 *
 * libsoup 3.2 sends from any thread whose thread-default main context runs;
 * the session is configured here, before the first request, as it requires.
 */

struct _CoHttpClient
{
  GObject        parent_instance;

  SoupSession   *session;
  CoClock       *clock;
  CoRateLimiter *limiter;
  gint64         max_wait;

  GMutex         mutex;    /* guards the random numbers */
  GRand         *rand;
};

G_DEFINE_FINAL_TYPE (CoHttpClient, co_http_client, G_TYPE_OBJECT)

/* One request on its way, across its attempts. */
typedef struct
{
  CoHttpRequest *request;
  GCancellable  *cancellable;       /* the caller's, or NULL */
  GCancellable  *attempt;           /* cancelled by the caller or the deadline */
  GCancellable  *deadline;          /* cancels the deadline once the answer came */
  gulong         cancel_handler;
  SoupMessage   *message;
  gboolean       wrote_headers;
  gboolean       timed_out;
  guint          retries;
} Send;

static void begin_attempt (GTask *task);

static void
end_attempt (Send *send)
{
  if (send->deadline != NULL)
    g_cancellable_cancel (send->deadline);
  g_clear_object (&send->deadline);
  if (send->cancel_handler != 0)
    g_cancellable_disconnect (send->cancellable, send->cancel_handler);
  send->cancel_handler = 0;
  g_clear_object (&send->attempt);
  if (send->message != NULL)
    g_signal_handlers_disconnect_by_data (send->message, send);
  g_clear_object (&send->message);
}

static void
send_free (Send *send)
{
  end_attempt (send);
  g_clear_object (&send->request);
  g_clear_object (&send->cancellable);
  g_free (send);
}

static double
next_random (CoHttpClient *self)
{
  double value;

  g_mutex_lock (&self->mutex);
  value = g_rand_double (self->rand);
  g_mutex_unlock (&self->mutex);
  return value;
}

/* Stops with the caller's cancellation, which is never reported as a failure. */
static gboolean
return_if_cancelled (GTask *task)
{
  Send *send = g_task_get_task_data (task);

  return send->cancellable != NULL && g_task_return_error_if_cancelled (task);
}

static void
return_rate_limited (GTask  *task,
                     gint64  until)
{
  Send *send = g_task_get_task_data (task);
  g_autofree char *display = co_http_request_dup_display (send->request);
  CoHttpClient *self = g_task_get_source_object (task);
  gint64 seconds = (until - co_clock_now (self->clock) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  _co_http_request_set_retry_at (send->request, until);
  g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_RATE_LIMITED,
                           _("%s must wait %lld s for the service's rate limit"),
                           display, (long long)seconds);
}

static void
retry_slept_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (!co_clock_sleep_finish (CO_CLOCK (object), result, NULL) && return_if_cancelled (task))
    return;
  begin_attempt (task);
}

/* Waits before the next attempt: the back-off, or longer if the server asked.
 * Returns FALSE, having set the request's retry time, when that is too long. */
static gboolean
schedule_retry (GTask  *task,
                gint64  server_until)
{
  CoHttpClient *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  gint64 now = co_clock_now (self->clock);
  gint64 delay = co_http_backoff_delay (send->retries, next_random (self));

  if (server_until > 0)
    delay = MAX (delay, server_until - now);
  if (delay > self->max_wait)
    {
      _co_http_request_set_retry_at (send->request, now + delay);
      return FALSE;
    }
  send->retries++;
  g_debug ("Retry %u of %s in %" G_GINT64_FORMAT " ms", send->retries,
           co_http_request_get_uri (send->request), delay / 1000);
  co_clock_sleep_async (self->clock, delay, CO_CLOCK_DELAY, send->cancellable, retry_slept_cb,
                        g_object_ref (task));
  return TRUE;
}

static gboolean
may_retry (Send *send)
{
  return co_http_request_may_repeat (send->request) &&
         send->retries < co_http_request_get_max_retries (send->request);
}

static void
handle_answer (GTask       *task,
               GBytes      *body)
{
  CoHttpClient *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autoptr(CoHttpResponse) response = _co_http_response_new (send->request, send->message, body);
  guint status = co_http_response_get_status (response);
  gint64 until = co_http_server_wait_until (co_http_response_get_headers (response), status,
                                            co_clock_now (self->clock));

  if (until > 0)
    co_rate_limiter_block_until (self->limiter, co_http_request_get_bucket (send->request),
                                 until);
  end_attempt (send);
  if (co_http_status_is_transient (status) && may_retry (send) && schedule_retry (task, until))
    return;
  if (until > 0 && co_http_request_get_retry_at (send->request) == 0)
    _co_http_request_set_retry_at (send->request, until);
  g_task_return_pointer (task, g_steal_pointer (&response), g_object_unref);
}

static GError *
wrap_transport_error (Send         *send,
                      const GError *error)
{
  g_autofree char *display = co_http_request_dup_display (send->request);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_TLS,
                        _("The certificate of the server for %s could not be verified, so "
                          "nothing was sent: %s"), display, error->message);
  if (send->wrote_headers)
    return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                        _("No answer came to %s (%s); the service may have received it"),
                        display, send->timed_out ? _("it timed out") : error->message);
  return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE, _("%s could not be sent: %s"),
                      display, send->timed_out ? _("it timed out") : error->message);
}

static void
handle_failure (GTask        *task,
                const GError *error)
{
  Send *send = g_task_get_task_data (task);
  GError *wrapped = wrap_transport_error (send, error);

  end_attempt (send);
  if (return_if_cancelled (task))
    {
      g_error_free (wrapped);
      return;
    }
  if (!g_error_matches (wrapped, CO_SYNC_ERROR, CO_SYNC_ERROR_TLS) && may_retry (send) &&
      schedule_retry (task, 0))
    {
      g_error_free (wrapped);
      return;
    }
  g_task_return_error (task, wrapped);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *display = co_http_request_dup_display (send->request);

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_debug ("%s failed in attempt %d: %s", display,
               co_http_request_get_attempts (send->request), error->message);
      handle_failure (task, error);
      return;
    }
  g_debug ("%s answered %u in attempt %d", display, soup_message_get_status (send->message),
           co_http_request_get_attempts (send->request));
  handle_answer (task, body);
}

static void
deadline_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);

  /* Cancelled: the answer came first. */
  if (!co_clock_sleep_finish (CO_CLOCK (object), result, NULL) || send->attempt == NULL)
    return;
  send->timed_out = TRUE;
  g_cancellable_cancel (send->attempt);
}

static void
wrote_headers_cb (SoupMessage *message,
                  Send        *send)
{
  send->wrote_headers = TRUE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     GCancellable *attempt)
{
  g_cancellable_cancel (attempt);
}

static void
send_attempt (GTask *task)
{
  CoHttpClient *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  GError *error = NULL;

  _co_http_request_begin_attempt (send->request);
  send->message = _co_http_request_new_message (send->request, &error);
  if (send->message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  send->wrote_headers = send->timed_out = FALSE;
  g_signal_connect (send->message, "wrote-headers", G_CALLBACK (wrote_headers_cb), send);
  send->attempt = g_cancellable_new ();
  send->deadline = g_cancellable_new ();
  if (send->cancellable != NULL)
    send->cancel_handler = g_cancellable_connect (send->cancellable,
                                                  G_CALLBACK (caller_cancelled_cb),
                                                  g_object_ref (send->attempt), g_object_unref);
  co_clock_sleep_async (self->clock, co_http_request_get_timeout (send->request),
                        CO_CLOCK_DEADLINE, send->deadline, deadline_cb, g_object_ref (task));
  soup_session_send_and_read_async (self->session, send->message, G_PRIORITY_DEFAULT,
                                    send->attempt, read_cb, g_object_ref (task));
}

static void
limiter_slept_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (!co_clock_sleep_finish (CO_CLOCK (object), result, NULL) && return_if_cancelled (task))
    return;
  send_attempt (task);
}

/* Waits for the rate limiter's slot, then sends. */
static void
begin_attempt (GTask *task)
{
  CoHttpClient *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  gint64 now = co_clock_now (self->clock);
  gint64 wait = 0;

  if (return_if_cancelled (task))
    return;
  if (!co_rate_limiter_reserve (self->limiter, co_http_request_get_bucket (send->request), now,
                                self->max_wait, &wait))
    {
      return_rate_limited (task, now + wait);
      return;
    }
  if (wait == 0)
    {
      send_attempt (task);
      return;
    }
  co_clock_sleep_async (self->clock, wait, CO_CLOCK_DELAY, send->cancellable, limiter_slept_cb,
                        g_object_ref (task));
}

static void
co_http_client_dispose (GObject *object)
{
  CoHttpClient *self = (CoHttpClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (co_http_client_parent_class)->dispose (object);
}

static void
co_http_client_finalize (GObject *object)
{
  CoHttpClient *self = (CoHttpClient *)object;

  g_clear_object (&self->clock);
  g_clear_object (&self->limiter);
  g_clear_pointer (&self->rand, g_rand_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (co_http_client_parent_class)->finalize (object);
}

static void
co_http_client_class_init (CoHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_http_client_dispose;
  object_class->finalize = co_http_client_finalize;
}

static void
co_http_client_init (CoHttpClient *self)
{
  g_mutex_init (&self->mutex);
  self->rand = g_rand_new ();
  self->max_wait = CO_HTTP_DEFAULT_MAX_WAIT;
  self->limiter = co_rate_limiter_new ();
  /* Timeouts come from the clock, per attempt; libsoup's own stay off. */
  self->session = soup_session_new_with_options ("user-agent", "CreatorOps/" PACKAGE_VERSION,
                                                 "timeout", 0,
                                                 "idle-timeout", 60,
                                                 NULL);
}

/**
 * co_http_client_new:
 * @clock: (nullable): where time comes from; %NULL for the system's clock
 *
 * Makes the program's HTTP client.  The app and the CLI make one and hand it to
 * everything that talks to a service; tests make one per test.
 *
 * Returns: (transfer full): a client
 */
CoHttpClient *
co_http_client_new (CoClock *clock)
{
  CoHttpClient *self = g_object_new (CO_TYPE_HTTP_CLIENT, NULL);

  self->clock = g_object_ref (clock != NULL ? clock : co_clock_get_system ());
  return self;
}

/** co_http_client_get_clock: @self: a client  Returns: (transfer none): its clock */
CoClock *
co_http_client_get_clock (CoHttpClient *self)
{
  g_return_val_if_fail (CO_IS_HTTP_CLIENT (self), NULL);
  return self->clock;
}

/**
 * co_http_client_get_session:
 * @self: a client
 *
 * Returns: (transfer none): the one #SoupSession, for code that needs libsoup itself
 *   (a WebSocket, a streamed upload); configure nothing on it
 */
SoupSession *
co_http_client_get_session (CoHttpClient *self)
{
  g_return_val_if_fail (CO_IS_HTTP_CLIENT (self), NULL);
  return self->session;
}

/**
 * co_http_client_get_rate_limiter:
 * @self: a client
 *
 * Returns: (transfer none): the limiter the client's requests go through
 */
CoRateLimiter *
co_http_client_get_rate_limiter (CoHttpClient *self)
{
  g_return_val_if_fail (CO_IS_HTTP_CLIENT (self), NULL);
  return self->limiter;
}

/**
 * co_http_client_set_max_wait:
 * @self: a client
 * @usec: the longest wait, in µs, the client sits through before an attempt
 */
void
co_http_client_set_max_wait (CoHttpClient *self,
                             gint64        usec)
{
  g_return_if_fail (CO_IS_HTTP_CLIENT (self));
  g_return_if_fail (usec >= 0);
  self->max_wait = usec;
}

/**
 * co_http_client_set_jitter_seed:
 * @self: a client
 * @seed: a seed for the back-off's random numbers, so that a test can replay them
 */
void
co_http_client_set_jitter_seed (CoHttpClient *self,
                                guint32       seed)
{
  g_return_if_fail (CO_IS_HTTP_CLIENT (self));

  g_mutex_lock (&self->mutex);
  g_rand_set_seed (self->rand, seed);
  g_mutex_unlock (&self->mutex);
}

/**
 * co_http_client_send_async:
 * @self: a client
 * @request: what to send; it records the attempts made
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: passed to @callback
 *
 * Sends @request, retrying as the rules above allow.  Any answer ends it, even
 * one with an error status (see co_http_response_check()).
 */
void
co_http_client_send_async (CoHttpClient        *self,
                           CoHttpRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Send *send;

  g_return_if_fail (CO_IS_HTTP_CLIENT (self));
  g_return_if_fail (CO_IS_HTTP_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_http_client_send_async);
  send = g_new0 (Send, 1);
  send->request = g_object_ref (request);
  send->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, send, (GDestroyNotify)send_free);
  begin_attempt (task);
}

/**
 * co_http_client_send_finish:
 * @self: a client
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL with
 *   %CO_SYNC_ERROR_OFFLINE (nothing was sent), %CO_SYNC_ERROR_UNCERTAIN (sent, no
 *   answer), %CO_SYNC_ERROR_TLS, %CO_SYNC_ERROR_RATE_LIMITED (see
 *   co_http_request_get_retry_at()) or %G_IO_ERROR_CANCELLED
 */
CoHttpResponse *
co_http_client_send_finish (CoHttpClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * co_http_client_send_sync:
 * @self: a client
 * @request: what to send
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * co_http_client_send_async() for worker threads: it runs on a private main
 * context, over the same session.  Never call it from the main thread.
 *
 * Returns: (transfer full) (nullable): as co_http_client_send_finish()
 */
CoHttpResponse *
co_http_client_send_sync (CoHttpClient   *self,
                          CoHttpRequest  *request,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  g_return_val_if_fail (CO_IS_HTTP_CLIENT (self), NULL);

  co_sync_wait_begin (&wait);
  co_http_client_send_async (self, request, cancellable, co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  return co_http_client_send_finish (self, result, error);
}
