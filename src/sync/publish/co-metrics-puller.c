/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-metrics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-metrics-private.h"
#include "co-metrics-puller.h"
#include "co-publish-log.h"
#include "co-publish-outcome.h"
#include "co-sync-error.h"
#include "co-sync-wait.h"

/*
 * Pulling the engagement of published posts back: the posts are the publish
 * log's records whose outbox operation is done (its remote id is the post's
 * id); each platform is asked for them as co-metrics-routes.c says, in
 * batches of one account, with that account's token (renewed once when the
 * platform refuses it), through the shared HTTP client and its per-platform
 * rate limiter.  The counts go to post_metrics (co_schedule_record_metrics()),
 * whose triggers keep each collection as a sample for analytics.
 *
 * Every platform is pulled side by side and fails alone.  On one platform a
 * refused token, a rate limit or a cancellation stops the pull there; any
 * other failure of a batch is kept as the platform's error and the next batch
 * is asked all the same, so one deleted post does not hide the rest.
 */

struct _CoMetricsPuller
{
  GObject           parent_instance;

  CoSchedule       *schedule;
  CoOutbox         *outbox;
  CoAccountManager *accounts;
};

G_DEFINE_FINAL_TYPE (CoMetricsPuller, co_metrics_puller, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray *outcomes;
  guint      pending;
} PullData;

/* One platform's pull, within the task of the whole. */
typedef struct
{
  GTask                *task;
  const CoMetricsRoute *route;
  CoMetricsOutcome     *outcome;
  GPtrArray            *posts;      /* CoMetricsPost, by account */
  guint                 next;       /* the first post of the batch */
  guint                 n_batch;
  gboolean              refreshed;
} PlatformPull;

static void
post_free (CoMetricsPost *post)
{
  g_free (post->post_id);
  g_free (post);
}

static void
pull_data_free (PullData *data)
{
  g_ptr_array_unref (data->outcomes);
  g_free (data);
}

static void
platform_pull_free (PlatformPull *pull)
{
  g_object_unref (pull->task);
  g_clear_pointer (&pull->posts, g_ptr_array_unref);
  g_free (pull);
}

static int
by_account (gconstpointer a,
            gconstpointer b)
{
  const CoMetricsPost *x = *(CoMetricsPost * const *)a;
  const CoMetricsPost *y = *(CoMetricsPost * const *)b;

  if (x->account_id != y->account_id)
    return x->account_id < y->account_id ? -1 : 1;
  return x->draft_id < y->draft_id ? -1 : x->draft_id > y->draft_id;
}

/* The posts on @platform that went out, with their ids and times. */
static GPtrArray *
list_posts (CoMetricsPuller  *self,
            CoPlatform        platform,
            GError          **error)
{
  g_autoptr(GArray) entries = co_publish_log_published (co_outbox_get_store (self->outbox),
                                                        platform, error);
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify)post_free);

  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      CoPublishLogEntry *entry = &g_array_index (entries, CoPublishLogEntry, i);
      g_autoptr(CoOutboxOperation) operation = co_outbox_get (self->outbox, entry->operation_id,
                                                              error);
      CoMetricsPost *post;

      if (operation == NULL)
        return NULL;
      if (co_outbox_operation_get_remote_id (operation) == NULL)
        continue;
      post = g_new0 (CoMetricsPost, 1);
      post->post_id = g_strdup (co_outbox_operation_get_remote_id (operation));
      post->draft_id = entry->draft_id;
      post->account_id = co_outbox_operation_get_account_id (operation);
      post->posted_at = co_outbox_operation_get_finished_at (operation);
      g_ptr_array_add (posts, post);
    }
  g_ptr_array_sort (posts, by_account);
  return g_steal_pointer (&posts);
}

static void
platform_done (PlatformPull *pull)
{
  PullData *data = g_task_get_task_data (pull->task);

  g_assert (data->pending > 0);
  if (--data->pending == 0)
    g_task_return_pointer (pull->task, g_ptr_array_ref (data->outcomes),
                           (GDestroyNotify)g_ptr_array_unref);
  platform_pull_free (pull);
}

/* Keeps the first error of the platform. */
static void
keep_error (PlatformPull *pull,
            GError       *error)
{
  if (pull->outcome->error == NULL)
    pull->outcome->error = error;
  else
    g_error_free (error);
}

/* Writes the counts of the batch's posts that the platform answered for. */
static gboolean
record_batch (PlatformPull  *pull,
              GError       **error)
{
  CoMetricsPuller *self = g_task_get_source_object (pull->task);

  for (guint i = pull->next; i < pull->next + pull->n_batch; i++)
    {
      CoMetricsPost *post = pull->posts->pdata[i];
      CoPostMetrics metrics = { pull->outcome->platform, post->post_id, post->draft_id,
                                post->posted_at, post->counts.views, post->counts.likes,
                                post->counts.comments, post->counts.shares };

      if (post->counts.n_posts == 0)
        continue;
      if (!co_schedule_record_metrics (self->schedule, &metrics, error))
        return FALSE;
      pull->outcome->n_pulled++;
    }
  return TRUE;
}

static void start_batch (PlatformPull *pull);

/* Whether the platform's pull stops at @error, rather than go on to the next batch. */
static gboolean
stops (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH) ||
         g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_RATE_LIMITED) ||
         error->domain != CO_SYNC_ERROR;
}

static void
answered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PlatformPull *pull = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response != NULL &&
      _co_metrics_route_read (pull->route, response,
                              (CoMetricsPost **)pull->posts->pdata + pull->next, pull->n_batch,
                              &error))
    record_batch (pull, &error);
  if (g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH) && !pull->refreshed)
    {
      /* The token may have been revoked or expired early: renew it once. */
      g_clear_error (&error);
      pull->refreshed = TRUE;
      start_batch (pull);
      return;
    }
  if (error != NULL && stops (error))
    {
      keep_error (pull, error);
      platform_done (pull);
      return;
    }
  if (error != NULL)
    keep_error (pull, error);
  pull->next += pull->n_batch;
  pull->refreshed = FALSE;
  start_batch (pull);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PlatformPull *pull = user_data;
  CoAccountManager *accounts = CO_ACCOUNT_MANAGER (object);
  g_autoptr(CoToken) token = NULL;
  g_autoptr(CoHttpRequest) request = NULL;
  GError *error = NULL;

  token = co_account_manager_get_token_finish (accounts, result, &error);
  if (token == NULL)
    {
      keep_error (pull, error);
      platform_done (pull);
      return;
    }
  request = pull->route->build (co_account_manager_get_config (accounts),
                                (CoMetricsPost **)pull->posts->pdata + pull->next,
                                pull->n_batch);
  co_http_request_set_bearer (request, token->access_token);
  co_http_client_send_async (co_account_manager_get_client (accounts), request,
                             g_task_get_cancellable (pull->task), answered_cb, pull);
}

/* Asks for the next posts of one account, as many as one request takes. */
static void
start_batch (PlatformPull *pull)
{
  CoMetricsPuller *self = g_task_get_source_object (pull->task);
  CoMetricsPost *first;

  if (pull->next >= pull->posts->len)
    {
      platform_done (pull);
      return;
    }
  first = pull->posts->pdata[pull->next];
  pull->n_batch = 1;
  while (pull->n_batch < pull->route->max_batch &&
         pull->next + pull->n_batch < pull->posts->len &&
         ((CoMetricsPost *)pull->posts->pdata[pull->next + pull->n_batch])->account_id ==
           first->account_id)
    pull->n_batch++;
  co_account_manager_get_token_async (self->accounts, first->account_id, pull->refreshed,
                                      g_task_get_cancellable (pull->task), token_cb, pull);
}

static void
start_platform (GTask      *task,
                CoPlatform  platform)
{
  CoMetricsPuller *self = g_task_get_source_object (task);
  PullData *data = g_task_get_task_data (task);
  PlatformPull *pull = g_new0 (PlatformPull, 1);
  GError *error = NULL;

  pull->task = g_object_ref (task);
  pull->outcome = g_new0 (CoMetricsOutcome, 1);
  pull->outcome->platform = platform;
  g_ptr_array_add (data->outcomes, pull->outcome);
  data->pending++;
  pull->route = _co_metrics_route (platform);
  pull->posts = list_posts (self, platform, &error);
  if (pull->posts == NULL)
    {
      keep_error (pull, error);
      platform_done (pull);
      return;
    }
  pull->outcome->n_posts = pull->posts->len;
  start_batch (pull);
}

static void
co_metrics_puller_dispose (GObject *object)
{
  CoMetricsPuller *self = CO_METRICS_PULLER (object);

  g_clear_object (&self->schedule);
  g_clear_object (&self->outbox);
  g_clear_object (&self->accounts);
  G_OBJECT_CLASS (co_metrics_puller_parent_class)->dispose (object);
}

static void
co_metrics_puller_class_init (CoMetricsPullerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = co_metrics_puller_dispose;
}

static void
co_metrics_puller_init (CoMetricsPuller *self)
{
}

/**
 * co_metrics_outcome_free:
 * @outcome: (transfer full) (nullable): an outcome
 */
void
co_metrics_outcome_free (CoMetricsOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_error (&outcome->error);
  g_free (outcome);
}

/**
 * co_metrics_outcome_to_json:
 * @outcome: an outcome
 *
 * Returns: (transfer full): `platform`, `posts`, `pulled`, and on failure
 *   `error` with `retryable` and `suggestion`
 */
JsonNode *
co_metrics_outcome_to_json (const CoMetricsOutcome *outcome)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (outcome != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, co_platform_to_string (outcome->platform));
  json_builder_set_member_name (builder, "posts");
  json_builder_add_int_value (builder, outcome->n_posts);
  json_builder_set_member_name (builder, "pulled");
  json_builder_add_int_value (builder, outcome->n_pulled);
  if (outcome->error != NULL)
    co_publish_error_add_json (builder, outcome->error);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * co_metrics_puller_new:
 * @schedule: the calendar, whose store keeps the metrics
 * @outbox: the outbox, whose done operations hold the posts' ids
 * @accounts: the account manager, for tokens, the HTTP client and the
 *   services' addresses
 *
 * Returns: (transfer full): a puller
 */
CoMetricsPuller *
co_metrics_puller_new (CoSchedule       *schedule,
                       CoOutbox         *outbox,
                       CoAccountManager *accounts)
{
  CoMetricsPuller *self;

  g_return_val_if_fail (CO_IS_SCHEDULE (schedule), NULL);
  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (accounts), NULL);

  self = g_object_new (CO_TYPE_METRICS_PULLER, NULL);
  self->schedule = g_object_ref (schedule);
  self->outbox = g_object_ref (outbox);
  self->accounts = g_object_ref (accounts);
  return self;
}

/**
 * co_metrics_puller_pull_async:
 * @self: a puller
 * @platforms: (array length=n_platforms) (nullable): the platforms to pull
 *   from; none for every platform
 * @n_platforms: their number
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every platform is done
 * @user_data: its data
 *
 * Collects the views, likes, comments and shares of every published post on
 * those platforms, side by side, and keeps them in the library.
 */
void
co_metrics_puller_pull_async (CoMetricsPuller     *self,
                              const CoPlatform    *platforms,
                              guint                n_platforms,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PullData *data = g_new0 (PullData, 1);

  g_return_if_fail (CO_IS_METRICS_PULLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_metrics_puller_pull_async);
  data->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify)co_metrics_outcome_free);
  g_task_set_task_data (task, data, (GDestroyNotify)pull_data_free);
  /* Held so that a platform finishing at once does not return the task early. */
  data->pending = 1;
  for (guint i = 0; i < (n_platforms > 0 ? n_platforms : CO_N_PLATFORMS); i++)
    start_platform (task, n_platforms > 0 ? platforms[i] : (CoPlatform)i);
  if (--data->pending == 0)
    g_task_return_pointer (task, g_ptr_array_ref (data->outcomes),
                           (GDestroyNotify)g_ptr_array_unref);
}

/**
 * co_metrics_puller_pull_finish:
 * @self: a puller
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoMetricsOutcome): an outcome per
 *   platform, in the order asked, each with its own error; %NULL only with
 *   %G_IO_ERROR_CANCELLED
 */
GPtrArray *
co_metrics_puller_pull_finish (CoMetricsPuller  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * co_metrics_puller_pull_sync:
 * @self: a puller
 * @platforms: (array length=n_platforms) (nullable): as co_metrics_puller_pull_async()
 * @n_platforms: their number
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * co_metrics_puller_pull_async() for worker threads, on a private context.
 *
 * Returns: as co_metrics_puller_pull_finish()
 */
GPtrArray *
co_metrics_puller_pull_sync (CoMetricsPuller   *self,
                             const CoPlatform  *platforms,
                             guint              n_platforms,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  g_return_val_if_fail (CO_IS_METRICS_PULLER (self), NULL);

  co_sync_wait_begin (&wait);
  co_metrics_puller_pull_async (self, platforms, n_platforms, cancellable, co_sync_wait_cb,
                                &wait);
  result = co_sync_wait_end (&wait);
  return co_metrics_puller_pull_finish (self, result, error);
}
