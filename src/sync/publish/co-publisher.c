/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-account-error.h"
#include "co-instagram-client.h"
#include "co-linkedin-client.h"
#include "co-publish-draft-media.h"
#include "co-publish-log.h"
#include "co-publisher.h"
#include "co-sync-wait.h"
#include "co-x-client.h"
#include "co-youtube-client.h"

/*
 * The publishing flow: a draft's posts, one per target platform, with the
 * images and videos linked to the draft (co-publish-draft-media.c), are
 * queued in the outbox by the platform's enqueue function and recorded in
 * the publish log; the outbox sender sends them, every platform's operations side
 * by side, so one platform's failure holds up no other; the summary is read
 * back from the outbox.  Publishing a draft again never queues a platform a
 * second time: a post that is done stays done, one that waits keeps waiting,
 * and one that failed has its failed operations retried.
 */

struct _CoPublisher
{
  GObject         parent_instance;

  CoSchedule     *schedule;
  CoOutbox       *outbox;
  CoOutboxSender *sender;
  CoAccountBook  *book;
};

G_DEFINE_FINAL_TYPE (CoPublisher, co_publisher, G_TYPE_OBJECT)

/* Each platform's client, as the contract of co-publish-post.h has it; a
 * platform without one is refused as not available in this build. */
static const CoPublishEnqueueFunc enqueuers[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = co_x_client_enqueue_publish,
  [CO_PLATFORM_LINKEDIN] = co_linkedin_client_enqueue_publish,
  [CO_PLATFORM_INSTAGRAM] = co_instagram_client_enqueue_publish,
  [CO_PLATFORM_YOUTUBE] = co_youtube_client_enqueue_publish,
};

typedef struct
{
  gint64      draft_id;
  CoPlatform *platforms;
  guint       n_platforms;
  GPtrArray  *outcomes;
} PublishData;

static void
publish_data_free (PublishData *data)
{
  g_free (data->platforms);
  g_clear_pointer (&data->outcomes, g_ptr_array_unref);
  g_free (data);
}

static CoDrafts *
get_drafts (CoPublisher *self)
{
  return co_schedule_get_drafts (self->schedule);
}

static gboolean
refuse_unavailable (CoPlatform   platform,
                    GError     **error)
{
  g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_UNSUPPORTED,
               _("%s publishing is not available in this build"),
               co_platform_display_name (platform));
  return FALSE;
}

/* The first connected account of @platform. */
static gint64
find_account (CoPublisher  *self,
              CoPlatform    platform,
              GError      **error)
{
  g_autoptr(GListModel) accounts = co_account_book_list (self->book, error);

  if (accounts == NULL)
    return 0;
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CoAccount) account = g_list_model_get_item (accounts, i);

      if (co_account_get_platform (account) == platform &&
          co_account_get_state (account) == CO_ACCOUNT_CONNECTED)
        return co_account_get_id (account);
    }
  g_set_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_CONNECTED,
               _("No %s account is connected: connect one with “accounts connect --platform "
                 "%s”, then publish again"),
               co_platform_display_name (platform), co_platform_to_string (platform));
  return 0;
}

typedef struct
{
  CoPublisher          *self;
  CoPublishEnqueueFunc  enqueue;
  const CoPublishPost  *post;
  CoOutboxOperation    *operation;
} QueueWrite;

/* Queues the post's operations and records them in the publish log, inside
 * one transaction: a crash or an error between the two keeps neither, so no
 * operation is ever sent that the log does not know of (and that publishing
 * the draft again would therefore queue a second time). */
static gboolean
queue_and_log (CoStore   *store,
               gpointer   data,
               GError   **error)
{
  QueueWrite *write = data;

  g_clear_object (&write->operation);
  write->operation = write->enqueue (write->self->outbox, write->post, error);
  return write->operation != NULL &&
         co_publish_log_add (store, write->post->draft_id, write->post->platform,
                             write->post->account_id,
                             co_outbox_operation_get_id (write->operation), write->post->now,
                             error);
}

/* Queues the draft's post on @variant's platform; the outcome says what came of it. */
static CoPublishOutcome *
queue_new (CoPublisher    *self,
           CoDraft        *draft,
           CoDraftVariant *variant)
{
  CoPlatform platform = co_draft_variant_get_platform (variant);
  CoStore *store = co_outbox_get_store (self->outbox);
  CoPublishPost post = { 0 };
  QueueWrite write = { self, co_publisher_get_enqueue (platform), &post, NULL };
  g_autoptr(CoDraftMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  CoPublishOutcome *outcome;
  gboolean queued = FALSE;

  if ((media = co_draft_media_new (store, draft, &error)) == NULL)
    return co_publish_outcome_failed (platform, error);
  post.media = co_draft_media_get (media, &post.n_media);
  post.draft_id = co_draft_get_id (draft);
  post.platform = platform;
  post.title = co_draft_variant_get_title (variant);
  post.text = co_draft_variant_get_text (variant);
  post.now = co_drafts_now (get_drafts (self));
  if (write.enqueue == NULL)
    refuse_unavailable (platform, &error);
  else if ((post.account_id = find_account (self, platform, &error)) != 0)
    queued = co_store_write_together (store, queue_and_log, &write, &error);
  if (!queued)
    {
      g_clear_object (&write.operation);
      return co_publish_outcome_failed (platform, error);
    }
  outcome = co_publish_outcome_new (platform);
  outcome->operation_id = co_outbox_operation_get_id (write.operation);
  g_object_unref (write.operation);
  return outcome;
}

/* Retries the failed operations of a post that failed. */
static gboolean
retry_failed (CoPublisher       *self,
              CoPublishOutcome  *outcome,
              GError           **error)
{
  g_autoptr(GPtrArray) failed = co_publish_chain_failed (self->outbox, outcome->operation_id,
                                                         error);
  gint64 now = co_drafts_now (get_drafts (self));

  if (failed == NULL)
    return FALSE;
  for (guint i = 0; i < failed->len; i++)
    {
      g_autoptr(CoOutboxOperation) retried = NULL;

      retried = co_outbox_retry (self->outbox, co_outbox_operation_get_id (failed->pdata[i]),
                                 now, error);
      if (retried == NULL)
        return FALSE;
    }
  return co_publish_outcome_read (outcome, self->outbox, error);
}

static CoPublishOutcome *
queue_one (CoPublisher    *self,
           CoDraft        *draft,
           CoDraftVariant *variant)
{
  CoPlatform platform = co_draft_variant_get_platform (variant);
  g_autoptr(CoPublishOutcome) outcome = co_publish_outcome_new (platform);
  g_autoptr(GError) error = NULL;

  if (!co_publish_log_find (co_outbox_get_store (self->outbox), co_draft_get_id (draft), platform,
                            &outcome->operation_id, &error))
    return co_publish_outcome_failed (platform, error);
  if (outcome->operation_id == 0)
    return queue_new (self, draft, variant);
  if (!co_publish_outcome_read (outcome, self->outbox, &error) ||
      (outcome->status == CO_PUBLISH_FAILED && !retry_failed (self, outcome, &error)))
    return co_publish_outcome_failed (platform, error);
  return g_steal_pointer (&outcome);
}

/* The outcome of a platform the draft was published to before. */
static CoPublishOutcome *
outcome_published (CoDraftVariant *variant)
{
  CoPublishOutcome *outcome = co_publish_outcome_new (co_draft_variant_get_platform (variant));

  outcome->status = CO_PUBLISH_DONE;
  outcome->post_id = g_strdup (co_draft_variant_get_post_id (variant));
  outcome->post_url = g_strdup (co_draft_variant_get_post_url (variant));
  return outcome;
}

/* The variants to publish: those of @platforms, each of which the draft must
 * target, or all of them. */
static GPtrArray *
pick_variants (CoDraft           *draft,
               const CoPlatform  *platforms,
               guint              n_platforms,
               GError           **error)
{
  g_autoptr(GPtrArray) picked = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *variants = co_draft_get_variants (draft);

  if (n_platforms == 0)
    {
      for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
        g_ptr_array_add (picked, g_list_model_get_item (variants, i));
    }
  for (guint i = 0; i < n_platforms; i++)
    {
      CoDraftVariant *variant = co_draft_get_variant (draft, platforms[i]);

      if (variant == NULL)
        {
          g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                       _("Draft %lld does not target %s: add it with “drafts variant”, or "
                         "publish to the platforms it has"),
                       (long long)co_draft_get_id (draft),
                       co_platform_display_name (platforms[i]));
          return NULL;
        }
      g_ptr_array_add (picked, g_object_ref (variant));
    }
  if (picked->len == 0)
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE,
                   _("Draft %lld has no target platform to publish to"),
                   (long long)co_draft_get_id (draft));
      return NULL;
    }
  return g_steal_pointer (&picked);
}

/* A draft that is not scheduled yet is scheduled for now on the platforms
 * being published, with the checks of any scheduling, then moved to Scheduled
 * (which checks that every target has a time and a valid text). */
static gboolean
schedule_now (CoPublisher  *self,
              CoDraft      *draft,
              GPtrArray    *variants,
              GError      **error)
{
  gint64 id = co_draft_get_id (draft);
  gint64 at = co_drafts_now (get_drafts (self)) + CO_PUBLISHER_NOW_MARGIN;

  for (guint i = 0; i < variants->len; i++)
    {
      CoDraftVariant *variant = variants->pdata[i];
      g_autoptr(CoScheduleEntry) entry = NULL;

      if (co_draft_variant_get_scheduled_at (variant) != 0)
        continue;
      entry = co_schedule_add (self->schedule, id, co_draft_variant_get_platform (variant), at,
                               NULL, error);
      if (entry == NULL)
        return FALSE;
    }
  return co_drafts_move (get_drafts (self), id, CO_DRAFT_STAGE_SCHEDULED, error);
}

static void
co_publisher_dispose (GObject *object)
{
  CoPublisher *self = CO_PUBLISHER (object);

  g_clear_object (&self->schedule);
  g_clear_object (&self->outbox);
  g_clear_object (&self->sender);
  g_clear_object (&self->book);
  G_OBJECT_CLASS (co_publisher_parent_class)->dispose (object);
}

static void
co_publisher_class_init (CoPublisherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = co_publisher_dispose;
}

static void
co_publisher_init (CoPublisher *self)
{
}

/**
 * co_publisher_get_enqueue:
 * @platform: a platform
 *
 * Returns: (nullable): the function that queues a post on @platform, or
 *   %NULL when this build cannot publish there
 */
CoPublishEnqueueFunc
co_publisher_get_enqueue (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  return enqueuers[platform];
}

/**
 * co_publisher_new:
 * @schedule: the calendar, with its drafts
 * @outbox: the outbox
 * @sender: the sender of @outbox, with a handler for each platform's client
 * @book: the accounts
 *
 * Returns: (transfer full): a publisher
 */
CoPublisher *
co_publisher_new (CoSchedule     *schedule,
                  CoOutbox       *outbox,
                  CoOutboxSender *sender,
                  CoAccountBook  *book)
{
  CoPublisher *self;

  g_return_val_if_fail (CO_IS_SCHEDULE (schedule), NULL);
  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (CO_IS_OUTBOX_SENDER (sender), NULL);
  g_return_val_if_fail (CO_IS_ACCOUNT_BOOK (book), NULL);

  self = g_object_new (CO_TYPE_PUBLISHER, NULL);
  self->schedule = g_object_ref (schedule);
  self->outbox = g_object_ref (outbox);
  self->sender = g_object_ref (sender);
  self->book = g_object_ref (book);
  return self;
}

/**
 * co_publisher_get_schedule:
 * @self: a publisher
 *
 * Returns: (transfer none): its calendar
 */
CoSchedule *
co_publisher_get_schedule (CoPublisher *self)
{
  g_return_val_if_fail (CO_IS_PUBLISHER (self), NULL);

  return self->schedule;
}

/**
 * co_publisher_queue:
 * @self: a publisher
 * @draft_id: the draft
 * @platforms: (array length=n_platforms) (nullable): the platforms to publish
 *   to, each one the draft targets; none for all of them
 * @n_platforms: their number
 * @error: return location for a #GError
 *
 * Queues a draft's posts in the outbox, to be sent at once, without sending.
 * A draft in stage Draft is first scheduled for now; a Scheduled draft's posts
 * are sent now, whatever their time; a Published one is only summarised.  A
 * platform already queued is not queued again (its failed operations are
 * retried), and a platform that cannot take the post fails alone.
 *
 * Returns: (transfer full) (element-type CoPublishOutcome): an outcome per
 *   platform, or %NULL with a %CO_DRAFT_ERROR (%CO_DRAFT_ERROR_NOT_FOUND for an
 *   unknown draft), a %CO_SCHEDULE_ERROR or a %CO_STORE_ERROR
 */
GPtrArray *
co_publisher_queue (CoPublisher       *self,
                    gint64             draft_id,
                    const CoPlatform  *platforms,
                    guint              n_platforms,
                    GError           **error)
{
  g_autoptr(CoDraft) draft = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  CoDraftStage stage;

  g_return_val_if_fail (CO_IS_PUBLISHER (self), NULL);

  draft = co_drafts_get (get_drafts (self), draft_id, error);
  if (draft == NULL || (variants = pick_variants (draft, platforms, n_platforms, error)) == NULL)
    return NULL;
  stage = co_draft_get_stage (draft);
  if (stage != CO_DRAFT_STAGE_SCHEDULED && stage != CO_DRAFT_STAGE_PUBLISHED)
    {
      if (!schedule_now (self, draft, variants, error))
        return NULL;
      g_clear_object (&draft);
      g_clear_pointer (&variants, g_ptr_array_unref);
      draft = co_drafts_get (get_drafts (self), draft_id, error);
      if (draft == NULL || (variants = pick_variants (draft, platforms, n_platforms, error)) == NULL)
        return NULL;
    }
  outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify)co_publish_outcome_free);
  for (guint i = 0; i < variants->len; i++)
    g_ptr_array_add (outcomes, co_draft_variant_get_published_at (variants->pdata[i]) != 0
                                 ? outcome_published (variants->pdata[i])
                                 : queue_one (self, draft, variants->pdata[i]));
  return g_steal_pointer (&outcomes);
}

static gboolean
all_published (CoDraft *draft)
{
  GListModel *variants = co_draft_get_variants (draft);

  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);

      if (co_draft_variant_get_published_at (variant) == 0)
        return FALSE;
    }
  return TRUE;
}

/* Reads one outcome again and records a new publication on its variant. */
static gboolean
settle_one (CoPublisher       *self,
            CoDraft           *draft,
            CoPublishOutcome  *outcome,
            GError           **error)
{
  CoDraftVariant *variant = co_draft_get_variant (draft, outcome->platform);
  g_autoptr(CoOutboxOperation) last = NULL;

  if (outcome->operation_id == 0 || co_draft_variant_get_published_at (variant) != 0)
    return TRUE;
  if (!co_publish_outcome_read (outcome, self->outbox, error))
    return FALSE;
  if (outcome->status != CO_PUBLISH_DONE)
    return TRUE;
  last = co_outbox_get (self->outbox, outcome->operation_id, error);
  return last != NULL &&
         co_drafts_record_publication (get_drafts (self), co_draft_get_id (draft),
                                       outcome->platform, outcome->post_id, outcome->post_url,
                                       co_outbox_operation_get_finished_at (last), error);
}

/**
 * co_publisher_settle:
 * @self: a publisher
 * @draft_id: the draft
 * @outcomes: (element-type CoPublishOutcome): its outcomes from
 *   co_publisher_queue(), read again from the outbox in place
 * @error: return location for a #GError
 *
 * Reads what became of a draft's posts after sending: each post that is done
 * is recorded on its platform's variant, with its id and address, and the
 * draft moves to Published once every target platform has its post.
 *
 * Returns: %TRUE on success, else %FALSE with a %CO_DRAFT_ERROR or
 *   %CO_STORE_ERROR
 */
gboolean
co_publisher_settle (CoPublisher  *self,
                     gint64        draft_id,
                     GPtrArray    *outcomes,
                     GError      **error)
{
  g_autoptr(CoDraft) draft = NULL;
  g_autoptr(CoDraft) after = NULL;

  g_return_val_if_fail (CO_IS_PUBLISHER (self), FALSE);

  draft = co_drafts_get (get_drafts (self), draft_id, error);
  if (draft == NULL)
    return FALSE;
  if (co_draft_get_stage (draft) == CO_DRAFT_STAGE_PUBLISHED)
    return TRUE;
  for (guint i = 0; i < outcomes->len; i++)
    if (!settle_one (self, draft, outcomes->pdata[i], error))
      return FALSE;
  after = co_drafts_get (get_drafts (self), draft_id, error);
  if (after == NULL)
    return FALSE;
  if (!all_published (after))
    return TRUE;
  g_info ("Draft %" G_GINT64_FORMAT " is published on every platform", draft_id);
  return co_drafts_move (get_drafts (self), draft_id, CO_DRAFT_STAGE_PUBLISHED, error);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublisher *self = g_task_get_source_object (task);
  PublishData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!co_outbox_sender_send_due_finish (CO_OUTBOX_SENDER (object), result, NULL, &error) ||
      !co_publisher_settle (self, data->draft_id, data->outcomes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (data->outcomes),
                         (GDestroyNotify)g_ptr_array_unref);
}

/**
 * co_publisher_publish_async:
 * @self: a publisher
 * @draft_id: the draft
 * @platforms: (array length=n_platforms) (nullable): as co_publisher_queue()
 * @n_platforms: their number
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: its data
 *
 * Publishes a draft now: co_publisher_queue(), one pass of the outbox sender
 * (every platform in parallel), then co_publisher_settle().
 */
void
co_publisher_publish_async (CoPublisher         *self,
                            gint64               draft_id,
                            const CoPlatform    *platforms,
                            guint                n_platforms,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PublishData *data = g_new0 (PublishData, 1);
  GError *error = NULL;

  g_return_if_fail (CO_IS_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_publisher_publish_async);
  g_task_set_task_data (task, data, (GDestroyNotify)publish_data_free);
  data->draft_id = draft_id;
  data->outcomes = co_publisher_queue (self, draft_id, platforms, n_platforms, &error);
  if (data->outcomes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  co_outbox_sender_send_due_async (self->sender, NULL, NULL, cancellable, sent_cb,
                                   g_steal_pointer (&task));
}

/**
 * co_publisher_publish_finish:
 * @self: a publisher
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoPublishOutcome): an outcome per
 *   platform; or %NULL with the error of co_publisher_queue(), of the
 *   sender (%CO_OUTBOX_ERROR_BUSY) or %G_IO_ERROR_CANCELLED
 */
GPtrArray *
co_publisher_publish_finish (CoPublisher   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == co_publisher_publish_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * co_publisher_publish_sync:
 * @self: a publisher
 * @draft_id: the draft
 * @platforms: (array length=n_platforms) (nullable): as co_publisher_queue()
 * @n_platforms: their number
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * co_publisher_publish_async() for worker threads, on a private context.
 *
 * Returns: as co_publisher_publish_finish()
 */
GPtrArray *
co_publisher_publish_sync (CoPublisher       *self,
                           gint64             draft_id,
                           const CoPlatform  *platforms,
                           guint              n_platforms,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  g_return_val_if_fail (CO_IS_PUBLISHER (self), NULL);

  co_sync_wait_begin (&wait);
  co_publisher_publish_async (self, draft_id, platforms, n_platforms, cancellable,
                              co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  return co_publisher_publish_finish (self, result, error);
}

/**
 * co_publisher_send_due_sync:
 * @self: a publisher
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * One pass of the outbox sender over everything due, for callers that queued
 * with co_publisher_queue() and settle with co_publisher_settle(), from a
 * worker thread.
 *
 * Returns: %TRUE on success, else %FALSE with %CO_OUTBOX_ERROR_BUSY, a
 *   %CO_STORE_ERROR or %G_IO_ERROR_CANCELLED
 */
gboolean
co_publisher_send_due_sync (CoPublisher   *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_return_val_if_fail (CO_IS_PUBLISHER (self), FALSE);

  return co_outbox_sender_send_due_sync (self->sender, NULL, NULL, cancellable, NULL, error);
}
