/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "co-error.h"
#include "co-instagram-client.h"
#include "co-linkedin-client.h"
#include "co-metrics-puller.h"
#include "co-outbox-sender.h"
#include "co-publish-controller.h"
#include "co-publisher.h"
#include "co-service-settings.h"
#include "co-x-client.h"
#include "co-youtube-client.h"

/*
 * The app's side of publishing, without widgets: the accounts, the outbox
 * and its sender with a client per platform, the publisher and the
 * scheduler, over one library.  The Preferences' accounts page, the publish
 * dialog, the outbox window and the header bar's indicator call it and show
 * its properties; the background service (creatorops --gapplication-service)
 * runs its scheduler without a window.
 *
 * Only one pass over the outbox runs at a time (publishing a draft, sending
 * what is due, or a scheduler pass); the next waits in a queue.  Tokens never
 * pass through here: the account manager takes them to the keyring.
 */

/* Minutes between two pulls of the posts' metrics without settings (the
 * schema's default). */
#define METRICS_EVERY_DEFAULT 360

/* Seconds between scheduler passes (or sends, without a scheduler). */
#define PERIOD_S 60

typedef enum
{
  PASS_PUBLISH,
  PASS_SEND,
  PASS_SCHEDULE,
} PassKind;

typedef struct
{
  PassKind    kind;
  gint64      draft_id;
  CoPlatform *platforms;
  guint       n_platforms;
  GTask      *task;        /* the caller's, for a publish */
} Pass;

struct _CoPublishController
{
  GObject           parent_instance;

  /* Owned: the network side of the library. */
  CoDrafts         *drafts;
  CoServiceConfig  *config;
  CoHttpClient     *client;
  CoAccountBook    *book;
  CoAccountManager *accounts;
  CoOutbox         *outbox;
  CoOutboxSender   *sender;
  GPtrArray        *platform_clients;
  CoSchedule       *schedule;
  CoPublisher      *publisher;
  CoScheduler      *scheduler;
  CoMetricsPuller  *puller;
  GCancellable     *cancellable;

  /* Owned: the passes waiting, and the timers. */
  GQueue            passes;
  gboolean          busy;
  guint             period_id;
  guint             first_id;
  gboolean          scheduling;
  GArray           *watched;     /* operations retried here, to announce */

  /* Owned, with a handler. */
  GNetworkMonitor  *monitor;      /* the default one, or a test's */
  gulong            network_id;

  /* What it says. */
  gboolean          online;
  guint             n_waiting;
  guint             n_failed;
  guint             n_passes;
};

G_DEFINE_FINAL_TYPE (CoPublishController, co_publish_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ONLINE,
  PROP_N_WAITING,
  PROP_N_FAILED,
  PROP_N_PASSES,
  PROP_BUSY,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_PUBLISHED,
  SIGNAL_MESSAGE,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pass_free (Pass *pass)
{
  g_free (pass->platforms);
  g_clear_object (&pass->task);
  g_free (pass);
}

/* State. */

static void
set_uint (CoPublishController *self,
          guint               *field,
          guint                value,
          int                  prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
refresh_counts (CoPublishController *self)
{
  g_autoptr(GListModel) open = NULL;
  g_autoptr(GError) error = NULL;
  guint waiting = 0, failed = 0;

  open = co_outbox_list (self->outbox, CO_OUTBOX_OPEN_STATES, &error);
  if (open == NULL)
    {
      g_message ("Cannot count the outbox: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (open); i++)
    {
      g_autoptr(CoOutboxOperation) op = g_list_model_get_item (open, i);

      if (co_outbox_operation_get_state (op) == CO_OUTBOX_FAILED)
        failed++;
      else
        waiting++;
    }
  set_uint (self, &self->n_waiting, waiting, PROP_N_WAITING);
  set_uint (self, &self->n_failed, failed, PROP_N_FAILED);
}

static void
changed (CoPublishController *self)
{
  refresh_counts (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_busy (CoPublishController *self,
          gboolean             busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Announcements: a toast per post that went out, with its address. */

static void
announce_post (CoPublishController *self,
               CoPlatform           platform,
               const char          *url)
{
  /* Translators: a toast; %s is a platform such as "LinkedIn". */
  g_autofree char *text = g_strdup_printf (_("Published on %s"),
                                           co_platform_display_name (platform));

  g_signal_emit (self, signals[SIGNAL_PUBLISHED], 0, text, url);
}

static void
announce_outcomes (CoPublishController *self,
                   GPtrArray           *outcomes)
{
  for (guint i = 0; i < outcomes->len; i++)
    {
      CoPublishOutcome *outcome = outcomes->pdata[i];

      if (outcome->status == CO_PUBLISH_DONE && outcome->operation_id != 0)
        announce_post (self, outcome->platform, outcome->post_url);
    }
}

static CoPlatform
platform_of_kind (const char *kind)
{
  g_autofree char *name = g_strndup (kind, strcspn (kind, "."));
  CoPlatform platform = CO_N_PLATFORMS;

  if (!co_platform_from_string (name, &platform, NULL))
    return CO_N_PLATFORMS;
  return platform;
}

/* The operations retried from the outbox that went out since. */
static void
announce_watched (CoPublishController *self)
{
  for (guint i = self->watched->len; i > 0; i--)
    {
      gint64 id = g_array_index (self->watched, gint64, i - 1);
      g_autoptr(CoOutboxOperation) op = co_outbox_get (self->outbox, id, NULL);
      CoPlatform platform;

      if (op != NULL && co_outbox_operation_get_state (op) == CO_OUTBOX_PENDING)
        continue;
      g_array_remove_index (self->watched, i - 1);
      if (op == NULL || co_outbox_operation_get_state (op) != CO_OUTBOX_DONE ||
          co_outbox_operation_get_remote_url (op) == NULL)
        continue;
      platform = platform_of_kind (co_outbox_operation_get_kind (op));
      if (platform < CO_N_PLATFORMS)
        announce_post (self, platform, co_outbox_operation_get_remote_url (op));
    }
}

/* Passes. */

static void run_next (CoPublishController *self);

static gboolean
run_next_cb (gpointer data)
{
  run_next (data);
  return G_SOURCE_REMOVE;
}

/* Another process sending the library's outbox is no failure to show. */
static void
pass_ended (CoPublishController *self,
            const GError        *error)
{
  self->n_passes++;
  if (error != NULL && !co_error_is_cancelled (error) &&
      !g_error_matches (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_BUSY))
    {
      g_autofree char *text = co_publish_controller_dup_error_text (error);

      g_message ("%s", error->message);
      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
    }
  announce_watched (self);
  changed (self);
  set_busy (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PASSES]);
  if (!g_cancellable_is_cancelled (self->cancellable))
    g_idle_add_full (G_PRIORITY_DEFAULT, run_next_cb, g_object_ref (self), g_object_unref);
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pass *pass = user_data;
  g_autoptr(CoPublishController) self = g_object_ref (g_task_get_source_object (pass->task));
  GPtrArray *outcomes;
  GError *error = NULL;

  outcomes = co_publisher_publish_finish (CO_PUBLISHER (object), result, &error);
  if (outcomes != NULL)
    {
      announce_outcomes (self, outcomes);
      g_task_return_pointer (pass->task, outcomes, (GDestroyNotify)g_ptr_array_unref);
    }
  else
    g_task_return_error (pass->task, error);
  pass_free (pass);
  /* The caller shows what failed; only the counts and the queue move on. */
  pass_ended (self, NULL);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CoPublishController) self = user_data;
  g_autoptr(GError) error = NULL;

  co_outbox_sender_send_due_finish (CO_OUTBOX_SENDER (object), result, NULL, &error);
  pass_ended (self, error);
}

static void
schedule_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  CoPublishController *self = source;
  GError *error = NULL;
  GPtrArray *posts = co_scheduler_run_once_sync (self->scheduler, cancellable, &error);
  g_autoptr(GPtrArray) pulled = NULL;
  g_autoptr(GError) pull_error = NULL;

  /* Metrics when their interval has passed; a failed pull waits for the next. */
  if (posts != NULL)
    pulled = co_scheduler_pull_metrics_sync (self->scheduler, cancellable, &pull_error);
  if (pull_error != NULL && !co_error_is_cancelled (pull_error))
    g_message ("Metrics were not pulled: %s", pull_error->message);
  if (posts != NULL)
    g_task_return_pointer (task, posts, (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
announce_scheduled (CoPublishController *self,
                    GPtrArray           *posts)
{
  guint asked = 0;

  for (guint i = 0; i < posts->len; i++)
    {
      CoScheduledPost *post = posts->pdata[i];

      if (post->action == CO_SCHEDULED_ASKED)
        asked++;
      else if (post->outcome != NULL && post->outcome->status == CO_PUBLISH_DONE)
        announce_post (self, post->platform, post->outcome->post_url);
    }
  if (asked > 0)
    {
      g_autofree char *text = g_strdup_printf (
        ngettext ("%u post came due while CreatorOps was closed: publish it from its draft",
                  "%u posts came due while CreatorOps was closed: publish them from their drafts",
                  asked), asked);

      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
    }
}

static void
scheduled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CoPublishController *self = CO_PUBLISH_CONTROLLER (object);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;

  posts = g_task_propagate_pointer (G_TASK (result), &error);
  if (posts != NULL)
    announce_scheduled (self, posts);
  pass_ended (self, error);
}

static void
start_pass (CoPublishController *self,
            Pass                *pass)
{
  g_autoptr(GTask) task = NULL;

  switch (pass->kind)
    {
    case PASS_PUBLISH:
      co_publisher_publish_async (self->publisher, pass->draft_id, pass->platforms,
                                  pass->n_platforms, self->cancellable, published_cb, pass);
      return;
    case PASS_SEND:
      co_outbox_sender_send_due_async (self->sender, NULL, NULL, self->cancellable, sent_cb,
                                       g_object_ref (self));
      break;
    case PASS_SCHEDULE:
    default:
      task = g_task_new (self, self->cancellable, scheduled_cb, NULL);
      g_task_set_source_tag (task, start_pass);
      g_task_run_in_thread (task, schedule_thread);
      break;
    }
  pass_free (pass);
}

static void
run_next (CoPublishController *self)
{
  Pass *pass;

  if (self->busy || g_cancellable_is_cancelled (self->cancellable))
    return;
  pass = g_queue_pop_head (&self->passes);
  if (pass == NULL)
    return;
  set_busy (self, TRUE);
  start_pass (self, pass);
}

/* Queues a send or scheduler pass, unless one of its kind waits already. */
static void
queue_pass (CoPublishController *self,
            PassKind             kind)
{
  Pass *pass;

  for (GList *l = self->passes.head; l != NULL; l = l->next)
    if (((Pass *)l->data)->kind == kind)
      return;
  pass = g_new0 (Pass, 1);
  pass->kind = kind;
  g_queue_push_tail (&self->passes, pass);
  run_next (self);
}

/* Triggers. */

/* Passes in the background wait while no network is there: they would only
 * fail and back off.  Coming back online starts the one that waited. */
static gboolean
period_cb (gpointer data)
{
  CoPublishController *self = data;

  if (self->online)
    queue_pass (self, self->scheduling ? PASS_SCHEDULE : PASS_SEND);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_pass_cb (gpointer data)
{
  CoPublishController *self = data;

  self->first_id = 0;
  if (self->online)
    queue_pass (self, PASS_SCHEDULE);
  return G_SOURCE_REMOVE;
}

static void
network_changed_cb (GNetworkMonitor     *monitor,
                    gboolean             available,
                    CoPublishController *self)
{
  gboolean was = self->online;

  if (was == available)
    return;
  self->online = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
  /* Back online: what waited goes out now. */
  if (available && (self->scheduling || self->n_waiting > 0))
    queue_pass (self, self->scheduling ? PASS_SCHEDULE : PASS_SEND);
}

/* Accounts. */

typedef struct
{
  CoAccount *(*finish) (CoAccountManager  *manager,
                        GAsyncResult      *result,
                        GError           **error);
} AccountFinish;

static const AccountFinish connect_finish = { co_account_manager_connect_finish };
static const AccountFinish add_token_finish = { co_account_manager_add_token_finish };
static const AccountFinish disconnect_finish = { co_account_manager_disconnect_finish };

static void
account_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoPublishController *self = g_task_get_source_object (task);
  const AccountFinish *finish = g_task_get_task_data (task);
  GError *error = NULL;
  CoAccount *account = finish->finish (CO_ACCOUNT_MANAGER (object), result, &error);

  if (account == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  changed (self);
  g_task_return_pointer (task, account, g_object_unref);
}

static GTask *
account_task_new (CoPublishController *self,
                  const AccountFinish *finish,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, account_task_new);
  g_task_set_task_data (task, (gpointer)finish, NULL);
  return task;
}

/* GObject. */

static void
co_publish_controller_dispose (GObject *object)
{
  CoPublishController *self = (CoPublishController *)object;

  co_publish_controller_stop (self);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->puller);
  g_clear_object (&self->publisher);
  g_clear_object (&self->schedule);
  g_clear_pointer (&self->platform_clients, g_ptr_array_unref);
  g_clear_object (&self->sender);
  g_clear_object (&self->outbox);
  g_clear_object (&self->accounts);
  g_clear_object (&self->book);
  g_clear_object (&self->client);
  g_clear_object (&self->config);
  g_clear_object (&self->drafts);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (co_publish_controller_parent_class)->dispose (object);
}

static void
co_publish_controller_finalize (GObject *object)
{
  CoPublishController *self = (CoPublishController *)object;

  g_array_unref (self->watched);

  G_OBJECT_CLASS (co_publish_controller_parent_class)->finalize (object);
}

static void
co_publish_controller_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CoPublishController *self = CO_PUBLISH_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_N_WAITING:
      g_value_set_uint (value, self->n_waiting);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    case PROP_N_PASSES:
      g_value_set_uint (value, self->n_passes);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_publish_controller_class_init (CoPublishControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = co_publish_controller_dispose;
  object_class->finalize = co_publish_controller_finalize;
  object_class->get_property = co_publish_controller_get_property;

  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, TRUE, flags);
  properties[PROP_N_WAITING] = g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_PASSES] = g_param_spec_uint ("n-passes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoPublishController::changed:
   *
   * Emitted when an account or the outbox changed.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CoPublishController::published:
   * @text: what went out, for a toast
   * @url: (nullable): the post's address
   */
  signals[SIGNAL_PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                            2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * CoPublishController::message:
   * @text: what a pass in the background found: a failure, or posts to decide about
   */
  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
co_publish_controller_init (CoPublishController *self)
{
  self->cancellable = g_cancellable_new ();
  self->watched = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->platform_clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&self->passes);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->online = g_network_monitor_get_network_available (self->monitor);
}

/* Public API. */

static void
add_client (CoPublishController *self,
            CoPlatform           platform,
            gpointer             client)
{
  co_account_manager_set_profiler (self->accounts, platform, CO_ACCOUNT_PROFILER (client));
  co_outbox_sender_add_handler (self->sender, CO_OUTBOX_HANDLER (client));
  g_ptr_array_add (self->platform_clients, client);
}

/**
 * co_publish_controller_new:
 * @store: the open library
 * @drafts: its drafts, as the views show them
 * @settings: (nullable): the app's settings: service addresses and client ids
 * @error: return location for a #GError
 *
 * Sets up publishing for the library; the environment's service addresses
 * (CREATOROPS_API_BASE_*) win over the settings.  Nothing is sent until a
 * draft is published, a failed operation retried or the scheduler started.
 *
 * Returns: (transfer full) (nullable): the controller, or %NULL when an
 *   address in the environment cannot be used
 */
CoPublishController *
co_publish_controller_new (CoStore    *store,
                           CoDrafts   *drafts,
                           GSettings  *settings,
                           GError    **error)
{
  g_autoptr(CoPublishController) self = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (CO_IS_DRAFTS (drafts), NULL);

  self = g_object_new (CO_TYPE_PUBLISH_CONTROLLER, NULL);
  self->config = co_service_config_new ();
  if (settings != NULL)
    co_service_config_apply_settings (self->config, settings);
  if (!co_service_config_apply_environment (self->config, error))
    return NULL;
  self->drafts = g_object_ref (drafts);
  self->client = co_http_client_new (NULL);
  co_service_config_pace (self->config, co_http_client_get_rate_limiter (self->client));
  self->book = co_account_book_new (store);
  self->accounts = co_account_manager_new (self->book, self->client, self->config);
  self->outbox = co_outbox_new (store);
  self->sender = co_outbox_sender_new (self->outbox, NULL);
  add_client (self, CO_PLATFORM_X, co_x_client_new (self->accounts));
  add_client (self, CO_PLATFORM_LINKEDIN, co_linkedin_client_new (self->accounts));
  add_client (self, CO_PLATFORM_INSTAGRAM, co_instagram_client_new (self->accounts));
  add_client (self, CO_PLATFORM_YOUTUBE, co_youtube_client_new (self->accounts));
  self->schedule = co_schedule_new (drafts);
  self->publisher = co_publisher_new (self->schedule, self->outbox, self->sender, self->book);
  self->scheduler = co_scheduler_new (self->publisher);
  self->puller = co_metrics_puller_new (self->schedule, self->outbox, self->accounts);
  co_scheduler_set_metrics_puller (self->scheduler, self->puller,
                                   (gint64)(settings != NULL
                                            ? g_settings_get_int (settings, "metrics-pull-interval")
                                            : METRICS_EVERY_DEFAULT) * 60 * G_USEC_PER_SEC);
  self->network_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (network_changed_cb), self);
  self->period_id = g_timeout_add_seconds (PERIOD_S, period_cb, self);
  refresh_counts (self);
  return g_steal_pointer (&self);
}

/** co_publish_controller_get_drafts: @self: a controller  Returns: (transfer none): the drafts */
CoDrafts *
co_publish_controller_get_drafts (CoPublishController *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), NULL);
  return self->drafts;
}

/**
 * co_publish_controller_set_network_monitor:
 * @self: a controller
 * @monitor: where "is a network there" is asked (the default one unless a
 *   test gives another)
 *
 * Follows @monitor from now on; when it says the network is there and
 * something waits, a pass starts.
 */
void
co_publish_controller_set_network_monitor (CoPublishController *self,
                                           GNetworkMonitor     *monitor)
{
  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  if (monitor == self->monitor)
    return;
  g_clear_signal_handler (&self->network_id, self->monitor);
  g_set_object (&self->monitor, monitor);
  self->network_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (network_changed_cb), self);
  network_changed_cb (self->monitor, g_network_monitor_get_network_available (self->monitor),
                      self);
}

/** co_publish_controller_get_online: @self: a controller  Returns: whether a network is there */
gboolean
co_publish_controller_get_online (CoPublishController *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), FALSE);
  return self->online;
}

/** co_publish_controller_get_n_waiting: @self: a controller  Returns: operations not sent yet */
guint
co_publish_controller_get_n_waiting (CoPublishController *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), 0);
  return self->n_waiting;
}

/** co_publish_controller_get_n_failed: @self: a controller  Returns: operations that failed */
guint
co_publish_controller_get_n_failed (CoPublishController *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), 0);
  return self->n_failed;
}

/** co_publish_controller_get_n_passes: @self: a controller  Returns: passes that ended */
guint
co_publish_controller_get_n_passes (CoPublishController *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), 0);
  return self->n_passes;
}

/** co_publish_controller_get_busy: @self: a controller  Returns: whether a pass runs */
gboolean
co_publish_controller_get_busy (CoPublishController *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), FALSE);
  return self->busy;
}

/**
 * co_publish_controller_find_account:
 * @self: a controller
 * @platform: a platform
 *
 * Returns: (transfer full) (nullable): the platform's account that is
 *   connected or needs reconnecting (the newest), or %NULL
 */
CoAccount *
co_publish_controller_find_account (CoPublishController *self,
                                    CoPlatform           platform)
{
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;
  CoAccount *found = NULL;

  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), NULL);

  accounts = co_account_book_list (self->book, &error);
  if (accounts == NULL)
    {
      g_message ("Cannot list the accounts: %s", error->message);
      return NULL;
    }
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CoAccount) account = g_list_model_get_item (accounts, i);

      if (co_account_get_platform (account) == platform &&
          co_account_get_state (account) != CO_ACCOUNT_DISCONNECTED)
        g_set_object (&found, account);
    }
  return found;
}

/**
 * co_publish_controller_connect_async:
 * @self: a controller
 * @platform: the platform
 * @open_func: shows the sign-in address (opens the browser)
 * @open_data: for @open_func
 * @cancellable: (nullable): cancels the sign-in
 * @callback: called with the account, see co_publish_controller_account_finish()
 * @user_data: for @callback
 *
 * Signs in in the browser (OAuth with PKCE on a loopback redirect); the
 * token goes to the keyring.  Connecting an account again reconnects it.
 */
void
co_publish_controller_connect_async (CoPublishController *self,
                                     CoPlatform           platform,
                                     CoOAuthOpenFunc      open_func,
                                     gpointer             open_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));

  task = account_task_new (self, &connect_finish, cancellable, callback, user_data);
  co_account_manager_connect_async (self->accounts, platform, open_func, open_data, cancellable,
                                    account_done_cb, task);
}

/**
 * co_publish_controller_add_token_async:
 * @self: a controller
 * @platform: the platform
 * @token_json: a token as `accounts add-token` reads it
 * @cancellable: (nullable): a #GCancellable
 * @callback: see co_publish_controller_account_finish()
 * @user_data: for @callback
 *
 * Connects an account with a token obtained elsewhere; the platform is
 * asked who the account is.
 */
void
co_publish_controller_add_token_async (CoPublishController *self,
                                       CoPlatform           platform,
                                       const char          *token_json,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));
  g_return_if_fail (token_json != NULL);

  task = account_task_new (self, &add_token_finish, cancellable, callback, user_data);
  co_account_manager_add_token_async (self->accounts, platform, token_json, NULL, NULL,
                                      cancellable, account_done_cb, task);
}

/**
 * co_publish_controller_disconnect_async:
 * @self: a controller
 * @account_id: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: see co_publish_controller_account_finish()
 * @user_data: for @callback
 *
 * Forgets the account's token; the account stays listed as disconnected.
 */
void
co_publish_controller_disconnect_async (CoPublishController *self,
                                        gint64               account_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));

  task = account_task_new (self, &disconnect_finish, cancellable, callback, user_data);
  co_account_manager_disconnect_async (self->accounts, account_id, cancellable, account_done_cb,
                                       task);
}

/**
 * co_publish_controller_account_finish:
 * @self: a controller
 * @result: the result of a connect, add-token or disconnect
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account as it is now
 */
CoAccount *
co_publish_controller_account_finish (CoPublishController  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == account_task_new, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * co_publish_controller_publish_async:
 * @self: a controller
 * @draft_id: the draft
 * @platforms: (array length=n_platforms): the platforms to publish to now
 * @n_platforms: their number, at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the summary
 * @user_data: for @callback
 *
 * Publishes the draft now on @platforms, after the pass over the outbox that
 * runs, if any: every platform in parallel, each failure on its own.  A
 * platform that failed before has its failed operations retried.
 */
void
co_publish_controller_publish_async (CoPublishController *self,
                                     gint64               draft_id,
                                     const CoPlatform    *platforms,
                                     guint                n_platforms,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  Pass *pass;

  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));
  g_return_if_fail (platforms != NULL && n_platforms > 0);

  pass = g_new0 (Pass, 1);
  pass->kind = PASS_PUBLISH;
  pass->draft_id = draft_id;
  pass->platforms = g_memdup2 (platforms, sizeof (CoPlatform) * n_platforms);
  pass->n_platforms = n_platforms;
  pass->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (pass->task, co_publish_controller_publish_async);
  g_queue_push_tail (&self->passes, pass);
  run_next (self);
}

/**
 * co_publish_controller_publish_finish:
 * @self: a controller
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoPublishOutcome): an outcome per
 *   platform, or %NULL with the publisher's error
 */
GPtrArray *
co_publish_controller_publish_finish (CoPublishController  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        co_publish_controller_publish_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * co_publish_controller_list_outbox:
 * @self: a controller
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the operations pending, being sent
 *   or failed, oldest first
 */
GListModel *
co_publish_controller_list_outbox (CoPublishController  *self,
                                   GError              **error)
{
  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), NULL);
  return co_outbox_list (self->outbox, CO_OUTBOX_OPEN_STATES, error);
}

/**
 * co_publish_controller_retry:
 * @self: a controller
 * @operation_id: a failed operation
 * @error: return location for a #GError
 *
 * Queues the operation again and sends it; when it goes out, a toast says
 * so with the post's address.
 *
 * Returns: %TRUE when it was queued again
 */
gboolean
co_publish_controller_retry (CoPublishController  *self,
                             gint64                operation_id,
                             GError              **error)
{
  g_autoptr(CoOutboxOperation) op = NULL;

  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), FALSE);

  op = co_outbox_retry (self->outbox, operation_id, g_get_real_time (), error);
  if (op == NULL)
    return FALSE;
  g_array_append_val (self->watched, operation_id);
  changed (self);
  co_publish_controller_send_now (self);
  return TRUE;
}

/**
 * co_publish_controller_discard:
 * @self: a controller
 * @operation_id: a pending or failed operation
 * @error: return location for a #GError
 *
 * Gives the operation up; it is kept as discarded and never sent.
 *
 * Returns: %TRUE when it was discarded
 */
gboolean
co_publish_controller_discard (CoPublishController  *self,
                               gint64                operation_id,
                               GError              **error)
{
  g_autoptr(CoOutboxOperation) op = NULL;

  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (self), FALSE);

  op = co_outbox_discard (self->outbox, operation_id, g_get_real_time (), error);
  if (op == NULL)
    return FALSE;
  changed (self);
  return TRUE;
}

/**
 * co_publish_controller_send_now:
 * @self: a controller
 *
 * Sends what is due in the outbox, after the pass that runs.
 */
void
co_publish_controller_send_now (CoPublishController *self)
{
  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));
  queue_pass (self, PASS_SEND);
}

/**
 * co_publish_controller_start_scheduler:
 * @self: a controller
 * @policy: what to do with posts that came due while nothing ran
 * @first_delay_s: seconds before the first pass
 *
 * Publishes the calendar's due posts from now on: a pass after
 * @first_delay_s, then every minute and when the network comes back.
 */
void
co_publish_controller_start_scheduler (CoPublishController *self,
                                       CoMissedPolicy       policy,
                                       guint                first_delay_s)
{
  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));

  co_publish_controller_set_missed_policy (self, policy);
  self->scheduling = TRUE;
  g_clear_handle_id (&self->first_id, g_source_remove);
  self->first_id = g_timeout_add_seconds (first_delay_s, first_pass_cb, self);
}

/**
 * co_publish_controller_set_missed_policy:
 * @self: a controller
 * @policy: what the scheduler's next passes do with posts that came due
 *   while nothing ran
 */
void
co_publish_controller_set_missed_policy (CoPublishController *self,
                                         CoMissedPolicy       policy)
{
  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));
  co_scheduler_set_missed_policy (self->scheduler, policy);
}

/**
 * co_publish_controller_stop:
 * @self: a controller
 *
 * Cancels the pass that runs and starts no other; the owner calls it when
 * it closes.
 */
void
co_publish_controller_stop (CoPublishController *self)
{
  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->period_id, g_source_remove);
  g_clear_handle_id (&self->first_id, g_source_remove);
  g_clear_signal_handler (&self->network_id, self->monitor);
  while (!g_queue_is_empty (&self->passes))
    {
      Pass *pass = g_queue_pop_head (&self->passes);

      if (pass->task != NULL)
        g_task_return_new_error (pass->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("Publishing was stopped"));
      pass_free (pass);
    }
}

/**
 * co_publish_controller_dup_error_text:
 * @error: an error
 *
 * Returns: (transfer full): the error's message, then what to do about it
 *   on a line of its own when the error table says
 */
char *
co_publish_controller_dup_error_text (const GError *error)
{
  const char *suggestion;

  g_return_val_if_fail (error != NULL, NULL);

  suggestion = co_error_get_suggestion (error);
  if (suggestion == NULL)
    return g_strdup (error->message);
  return g_strdup_printf ("%s\n%s", error->message, suggestion);
}
