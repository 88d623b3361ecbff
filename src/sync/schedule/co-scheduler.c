/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-schedule"

#include "config.h"

#include "co-scheduler.h"

/*
 * One pass of the scheduler: the calendar's due posts are published, a
 * draft's due platforms together; posts that came due while no CreatorOps ran
 * are sent, left for the user to decide, or skipped, as the `missed-posts`
 * setting says.  The pass then records that the calendar was watched up to
 * now, except while missed posts wait for an answer, so that they are still
 * told apart from posts that come due while CreatorOps runs.
 *
 * Given a metrics puller, the scheduler also pulls the published posts'
 * metrics: at its first pass, then once the interval (the
 * `metrics-pull-interval` setting) has passed since the last pull.
 */

struct _CoScheduler
{
  GObject         parent_instance;

  CoPublisher     *publisher;
  CoMissedPolicy   policy;
  gint64           started_at;  /* the drafts' time at the first pass */
  CoMetricsPuller *puller;
  gint64           metrics_interval;
  gint64           metrics_pulled_at;  /* the drafts' time of the last pull, or 0 */
};

G_DEFINE_FINAL_TYPE (CoScheduler, co_scheduler, G_TYPE_OBJECT)

static const char *const policy_names[] = { "send", "ask", "skip" };
static const char *const action_names[] = { "sent", "asked", "skipped" };

/**
 * co_scheduled_post_free:
 * @post: (transfer full): a post of a pass
 */
void
co_scheduled_post_free (CoScheduledPost *post)
{
  g_clear_pointer (&post->outcome, co_publish_outcome_free);
  g_free (post);
}

/**
 * co_scheduled_action_to_string:
 * @action: an action
 *
 * Returns: its name: "sent", "asked" or "skipped"
 */
const char *
co_scheduled_action_to_string (CoScheduledAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (action_names), NULL);

  return action_names[action];
}

/**
 * co_missed_policy_from_string:
 * @name: "send", "ask" or "skip"
 * @out_policy: (out): the policy
 *
 * Returns: %TRUE when @name is one of them
 */
gboolean
co_missed_policy_from_string (const char     *name,
                              CoMissedPolicy *out_policy)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_names); i++)
    if (g_strcmp0 (name, policy_names[i]) == 0)
      {
        *out_policy = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * co_scheduled_post_to_json:
 * @post: a post of a pass
 *
 * Returns: (transfer full): `draft`, `platform`, `at` (ISO 8601, UTC),
 *   `missed`, `action` and, when sent, `outcome`
 */
JsonNode *
co_scheduled_post_to_json (CoScheduledPost *post)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (post->at / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format_iso8601 (at);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "draft", post->draft_id);
  json_object_set_string_member (object, "platform", co_platform_to_string (post->platform));
  json_object_set_string_member (object, "at", when);
  json_object_set_boolean_member (object, "missed", post->missed);
  json_object_set_string_member (object, "action", co_scheduled_action_to_string (post->action));
  if (post->outcome != NULL)
    json_object_set_member (object, "outcome", co_publish_outcome_to_json (post->outcome));
  json_node_take_object (node, object);
  return node;
}

/* A post is missed when it came due while no CreatorOps watched the
 * calendar, before this scheduler started: one that comes due between two
 * passes of a running scheduler is not. */
static CoScheduledPost *
post_new (CoScheduler     *self,
          CoScheduleEntry *entry)
{
  CoScheduledPost *post = g_new0 (CoScheduledPost, 1);

  post->draft_id = co_schedule_entry_get_draft_id (entry);
  post->platform = co_schedule_entry_get_platform (entry);
  post->at = co_schedule_entry_get_at (entry);
  post->missed = co_schedule_entry_get_unwatched (entry) && post->at <= self->started_at;
  return post;
}

/* Sends a skipped post's draft back to Draft, once for all its platforms. */
static gboolean
skip_draft (CoDrafts  *drafts,
            gint64     draft_id,
            GError   **error)
{
  g_autoptr(CoDraft) draft = co_drafts_get (drafts, draft_id, error);

  if (draft == NULL)
    return FALSE;
  if (co_draft_get_stage (draft) != CO_DRAFT_STAGE_SCHEDULED)
    return TRUE;
  g_info ("Draft %" G_GINT64_FORMAT " came due while CreatorOps was closed; skipped", draft_id);
  return co_drafts_move (drafts, draft_id, CO_DRAFT_STAGE_DRAFT, error);
}

/* Decides about each due post; missed ones that are skipped send their
 * draft back to Draft. */
static GPtrArray *
decide (CoScheduler  *self,
        GListModel   *due,
        gboolean     *out_asked,
        GError      **error)
{
  g_autoptr(GPtrArray) posts = NULL;
  CoDrafts *drafts = co_schedule_get_drafts (co_publisher_get_schedule (self->publisher));

  posts = g_ptr_array_new_with_free_func ((GDestroyNotify)co_scheduled_post_free);
  *out_asked = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (due); i++)
    {
      g_autoptr(CoScheduleEntry) entry = g_list_model_get_item (due, i);
      CoScheduledPost *post = post_new (self, entry);

      g_ptr_array_add (posts, post);
      if (!post->missed || self->policy == CO_MISSED_SEND)
        continue;
      post->action = self->policy == CO_MISSED_ASK ? CO_SCHEDULED_ASKED : CO_SCHEDULED_SKIPPED;
      *out_asked |= post->action == CO_SCHEDULED_ASKED;
      if (post->action == CO_SCHEDULED_SKIPPED && !skip_draft (drafts, post->draft_id, error))
        return NULL;
    }
  return g_steal_pointer (&posts);
}

/* Queues the posts to send, a draft's platforms together. */
static gboolean
queue_sent (CoScheduler  *self,
            GPtrArray    *posts,
            GError      **error)
{
  for (guint i = 0; i < posts->len; i++)
    {
      CoScheduledPost *post = posts->pdata[i];
      g_autoptr(GPtrArray) outcomes = NULL;

      if (post->action != CO_SCHEDULED_SENT)
        continue;
      outcomes = co_publisher_queue (self->publisher, post->draft_id, &post->platform, 1, error);
      if (outcomes == NULL)
        return FALSE;
      post->outcome = g_ptr_array_steal_index (outcomes, 0);
    }
  return TRUE;
}

/* Reads what became of each sent post. */
static gboolean
settle_sent (CoScheduler  *self,
             GPtrArray    *posts,
             GError      **error)
{
  for (guint i = 0; i < posts->len; i++)
    {
      CoScheduledPost *post = posts->pdata[i];
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      if (post->outcome == NULL)
        continue;
      g_ptr_array_add (one, post->outcome);
      if (!co_publisher_settle (self->publisher, post->draft_id, one, error))
        return FALSE;
    }
  return TRUE;
}

static void
co_scheduler_dispose (GObject *object)
{
  CoScheduler *self = CO_SCHEDULER (object);

  g_clear_object (&self->publisher);
  g_clear_object (&self->puller);
  G_OBJECT_CLASS (co_scheduler_parent_class)->dispose (object);
}

static void
co_scheduler_class_init (CoSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = co_scheduler_dispose;
}

static void
co_scheduler_init (CoScheduler *self)
{
  self->policy = CO_MISSED_ASK;
}

/**
 * co_scheduler_new:
 * @publisher: the publisher that sends due posts
 *
 * Returns: (transfer full): a scheduler that asks about missed posts
 */
CoScheduler *
co_scheduler_new (CoPublisher *publisher)
{
  CoScheduler *self;

  g_return_val_if_fail (CO_IS_PUBLISHER (publisher), NULL);

  self = g_object_new (CO_TYPE_SCHEDULER, NULL);
  self->publisher = g_object_ref (publisher);
  return self;
}

/**
 * co_scheduler_set_missed_policy:
 * @self: a scheduler
 * @policy: what to do with posts missed while closed
 */
void
co_scheduler_set_missed_policy (CoScheduler    *self,
                                CoMissedPolicy  policy)
{
  g_return_if_fail (CO_IS_SCHEDULER (self));
  g_return_if_fail (policy <= CO_MISSED_SKIP);

  self->policy = policy;
}

/**
 * co_scheduler_run_once_sync:
 * @self: a scheduler
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * One pass: every due post is sent, asked about or skipped, and what was
 * sent is sent now, in one pass of the outbox sender (call it from a worker
 * thread: it waits on a private context).
 *
 * Returns: (transfer full) (element-type CoScheduledPost): the due posts
 *   with what was done, or %NULL with a %CO_STORE_ERROR, a %CO_DRAFT_ERROR,
 *   %CO_OUTBOX_ERROR_BUSY or %G_IO_ERROR_CANCELLED
 */
GPtrArray *
co_scheduler_run_once_sync (CoScheduler   *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  CoSchedule *schedule;
  g_autoptr(GListModel) due = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  gboolean asked;

  g_return_val_if_fail (CO_IS_SCHEDULER (self), NULL);

  schedule = co_publisher_get_schedule (self->publisher);
  if (self->started_at == 0)
    self->started_at = co_drafts_now (co_schedule_get_drafts (schedule));
  due = co_schedule_list_due (schedule, error);
  if (due == NULL || (posts = decide (self, due, &asked, error)) == NULL ||
      !queue_sent (self, posts, error))
    return NULL;
  if (!co_publisher_send_due_sync (self->publisher, cancellable, error) ||
      !settle_sent (self, posts, error))
    return NULL;
  if (!asked && !co_schedule_mark_watched (schedule, error))
    return NULL;
  return g_steal_pointer (&posts);
}

/**
 * co_scheduler_set_metrics_puller:
 * @self: a scheduler
 * @puller: (nullable): the puller, or %NULL for no pulls
 * @interval: the time between two pulls (µs); 0 for no pulls
 *
 * Makes the scheduler pull the published posts' metrics: see
 * co_scheduler_pull_metrics_sync().
 */
void
co_scheduler_set_metrics_puller (CoScheduler     *self,
                                 CoMetricsPuller *puller,
                                 gint64           interval)
{
  g_return_if_fail (CO_IS_SCHEDULER (self));
  g_return_if_fail (puller == NULL || CO_IS_METRICS_PULLER (puller));
  g_return_if_fail (interval >= 0);

  g_set_object (&self->puller, puller);
  self->metrics_interval = interval;
}

/**
 * co_scheduler_pull_metrics_sync:
 * @self: a scheduler
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Pulls the published posts' metrics when it is time to: at the first call,
 * then once the interval of co_scheduler_set_metrics_puller() has passed
 * since the last pull (from a worker thread).
 *
 * Returns: (transfer full) (nullable) (element-type CoMetricsOutcome): an
 *   outcome per platform; %NULL when it was not time (or no puller is set),
 *   or with %G_IO_ERROR_CANCELLED
 */
GPtrArray *
co_scheduler_pull_metrics_sync (CoScheduler   *self,
                                GCancellable  *cancellable,
                                GError       **error)
{
  gint64 now;

  g_return_val_if_fail (CO_IS_SCHEDULER (self), NULL);

  if (self->puller == NULL || self->metrics_interval <= 0)
    return NULL;
  now = co_drafts_now (co_schedule_get_drafts (co_publisher_get_schedule (self->publisher)));
  if (self->metrics_pulled_at != 0 && now - self->metrics_pulled_at < self->metrics_interval)
    return NULL;
  self->metrics_pulled_at = now;
  return co_metrics_puller_pull_sync (self->puller, NULL, 0, cancellable, error);
}
