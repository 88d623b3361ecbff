/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-job"

#include "config.h"

#include "co-error.h"
#include "co-job-private.h"

struct _CoJob
{
  GObject         parent_instance;

  char           *kind;
  char           *title;
  char           *params;
  gint64          id;
  GCancellable   *cancellable;
  GMainContext   *context;

  /* Everything below is written by workers and guarded by the mutex. */
  GMutex          mutex;
  CoJobState      state;
  double          fraction;
  char           *message;
  GError         *error;
  gpointer        result;
  GDestroyNotify  result_destroy;
  guint           notify_source;
  guint           dirty;
};

G_DEFINE_FINAL_TYPE (CoJob, co_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_STATE,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS,
};

enum {
  DIRTY_STATE = 1 << 0,
  DIRTY_FRACTION = 1 << 1,
  DIRTY_MESSAGE = 1 << 2,
};

static GParamSpec *properties[N_PROPS];

static gboolean
emit_notify_cb (gpointer data)
{
  CoJob *self = data;
  guint dirty;

  g_mutex_lock (&self->mutex);
  dirty = self->dirty;
  self->dirty = 0;
  self->notify_source = 0;
  g_mutex_unlock (&self->mutex);

  g_object_freeze_notify (G_OBJECT (self));
  if (dirty & DIRTY_FRACTION)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  if (dirty & DIRTY_MESSAGE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  if (dirty & DIRTY_STATE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

/* Called with the mutex held: marks what changed and makes sure exactly one
 * idle is pending to tell the main thread, however fast the worker reports. */
static void
queue_notify_locked (CoJob *self,
                     guint  what)
{
  GSource *source;

  self->dirty |= what;
  if (self->notify_source != 0)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_notify_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[co-job] notify");
  self->notify_source = g_source_attach (source, self->context);
  g_source_unref (source);
}

static void
co_job_finalize (GObject *object)
{
  CoJob *self = (CoJob *)object;

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->params, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_error (&self->error);
  if (self->result_destroy != NULL)
    self->result_destroy (self->result);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (co_job_parent_class)->finalize (object);
}

static void
co_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  CoJob *self = CO_JOB (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATE:
      g_value_set_int (value, co_job_get_state (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, co_job_get_fraction (self));
      break;
    case PROP_MESSAGE:
      g_value_take_string (value, co_job_dup_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_job_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  CoJob *self = CO_JOB (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_job_class_init (CoJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = co_job_finalize;
  object_class->get_property = co_job_get_property;
  object_class->set_property = co_job_set_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CO_JOB_QUEUED, CO_JOB_CANCELLED, CO_JOB_QUEUED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_job_init (CoJob *self)
{
  g_mutex_init (&self->mutex);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
}

/**
 * co_job_state_to_string:
 * @state: a #CoJobState
 *
 * Returns: (transfer none): the state's stable name, as stored and printed
 */
const char *
co_job_state_to_string (CoJobState state)
{
  static const char *const names[] = { "queued", "running", "done", "failed", "cancelled" };

  g_return_val_if_fail (state <= CO_JOB_CANCELLED, NULL);
  return names[state];
}

/**
 * co_job_new:
 * @kind: a stable machine name ("import", "analyze"…)
 * @title: what a person sees
 *
 * Creates a queued job.  Its notifications are delivered on the calling
 * thread's default main context.
 *
 * Returns: (transfer full): the job
 */
CoJob *
co_job_new (const char *kind,
            const char *title)
{
  g_return_val_if_fail (kind != NULL, NULL);
  return g_object_new (CO_TYPE_JOB, "kind", kind, "title", title, NULL);
}

/**
 * _co_job_set_persisted:
 * @self: a #CoJob
 * @id: its row in the jobs table
 * @params: (nullable): its parameters as JSON text
 *
 * Called by the job queue when the job is saved or loaded.
 */
void
_co_job_set_persisted (CoJob      *self,
                       gint64      id,
                       const char *params)
{
  self->id = id;
  g_free (self->params);
  self->params = g_strdup (params);
}

/** co_job_get_id: @self: a #CoJob  Returns: its database id, or 0 if not persisted */
gint64
co_job_get_id (CoJob *self)
{
  g_return_val_if_fail (CO_IS_JOB (self), 0);
  return self->id;
}

/**
 * co_job_get_params:
 * @self: a #CoJob
 *
 * Returns: (transfer none) (nullable): the parameters the job was submitted
 *   with, as JSON text
 */
const char *
co_job_get_params (CoJob *self)
{
  g_return_val_if_fail (CO_IS_JOB (self), NULL);
  return self->params;
}

/** co_job_get_kind: @self: a #CoJob  Returns: (transfer none): the kind */
const char *
co_job_get_kind (CoJob *self)
{
  g_return_val_if_fail (CO_IS_JOB (self), NULL);
  return self->kind;
}

/** co_job_get_title: @self: a #CoJob  Returns: (transfer none): the title */
const char *
co_job_get_title (CoJob *self)
{
  g_return_val_if_fail (CO_IS_JOB (self), NULL);
  return self->title;
}

/** co_job_get_state: @self: a #CoJob  Returns: the state */
CoJobState
co_job_get_state (CoJob *self)
{
  CoJobState state;

  g_return_val_if_fail (CO_IS_JOB (self), CO_JOB_FAILED);
  g_mutex_lock (&self->mutex);
  state = self->state;
  g_mutex_unlock (&self->mutex);
  return state;
}

/** co_job_get_fraction: @self: a #CoJob  Returns: progress from 0 to 1 */
double
co_job_get_fraction (CoJob *self)
{
  double fraction;

  g_return_val_if_fail (CO_IS_JOB (self), 0.0);
  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  g_mutex_unlock (&self->mutex);
  return fraction;
}

/** co_job_dup_message: @self: a #CoJob  Returns: (transfer full) (nullable): the status line */
char *
co_job_dup_message (CoJob *self)
{
  char *message;

  g_return_val_if_fail (CO_IS_JOB (self), NULL);
  g_mutex_lock (&self->mutex);
  message = g_strdup (self->message);
  g_mutex_unlock (&self->mutex);
  return message;
}

/** co_job_dup_error: @self: a #CoJob  Returns: (transfer full) (nullable): the failure */
GError *
co_job_dup_error (CoJob *self)
{
  GError *error;

  g_return_val_if_fail (CO_IS_JOB (self), NULL);
  g_mutex_lock (&self->mutex);
  error = self->error ? g_error_copy (self->error) : NULL;
  g_mutex_unlock (&self->mutex);
  return error;
}

/**
 * co_job_get_cancellable:
 * @self: a #CoJob
 *
 * Workers pass this to everything they call.
 *
 * Returns: (transfer none): the job's cancellable
 */
GCancellable *
co_job_get_cancellable (CoJob *self)
{
  g_return_val_if_fail (CO_IS_JOB (self), NULL);
  return self->cancellable;
}

/** co_job_is_finished: @self: a #CoJob  Returns: %TRUE once done, failed or cancelled */
gboolean
co_job_is_finished (CoJob *self)
{
  return co_job_get_state (self) >= CO_JOB_DONE;
}

/**
 * co_job_cancel:
 * @self: a #CoJob
 *
 * Asks the worker to stop.  The job becomes cancelled when the worker
 * finishes; a job still queued is cancelled at once.
 */
void
co_job_cancel (CoJob *self)
{
  g_return_if_fail (CO_IS_JOB (self));

  g_cancellable_cancel (self->cancellable);
  g_mutex_lock (&self->mutex);
  if (self->state == CO_JOB_QUEUED)
    {
      self->state = CO_JOB_CANCELLED;
      queue_notify_locked (self, DIRTY_STATE);
    }
  g_mutex_unlock (&self->mutex);
}

/**
 * co_job_start:
 * @self: a #CoJob
 *
 * Marks a queued job as running.
 */
void
co_job_start (CoJob *self)
{
  g_return_if_fail (CO_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  if (self->state == CO_JOB_QUEUED)
    {
      self->state = CO_JOB_RUNNING;
      queue_notify_locked (self, DIRTY_STATE);
    }
  g_mutex_unlock (&self->mutex);
}

/**
 * co_job_set_progress:
 * @self: a #CoJob
 * @fraction: progress from 0 to 1; a negative value keeps the current one
 * @message: (nullable): a status line, or %NULL to keep the current one
 *
 * Reports progress from any thread.  Reports after the job finished are
 * ignored.
 */
void
co_job_set_progress (CoJob      *self,
                     double      fraction,
                     const char *message)
{
  guint what = 0;

  g_return_if_fail (CO_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  /* A late report from a worker must not make a finished job look unfinished. */
  if (self->state >= CO_JOB_DONE)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  if (fraction >= 0.0 && fraction != self->fraction)
    {
      self->fraction = CLAMP (fraction, 0.0, 1.0);
      what |= DIRTY_FRACTION;
    }
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      what |= DIRTY_MESSAGE;
    }
  if (what != 0)
    queue_notify_locked (self, what);
  g_mutex_unlock (&self->mutex);
}

/**
 * co_job_finish:
 * @self: a #CoJob
 * @error: (nullable): why it failed, or %NULL on success
 *
 * Ends the job.  A cancellation error (or any error after co_job_cancel())
 * makes the job cancelled, never failed.
 */
void
co_job_finish (CoJob        *self,
               const GError *error)
{
  g_return_if_fail (CO_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  if (self->state < CO_JOB_DONE)
    {
      if (error == NULL)
        {
          self->state = CO_JOB_DONE;
          self->fraction = 1.0;
        }
      else if (co_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
        self->state = CO_JOB_CANCELLED;
      else
        {
          self->state = CO_JOB_FAILED;
          self->error = g_error_copy (error);
        }
      queue_notify_locked (self, DIRTY_STATE | DIRTY_FRACTION);
    }
  g_mutex_unlock (&self->mutex);
}

/**
 * co_job_set_result:
 * @self: a #CoJob
 * @result: (nullable): what the work made, for whoever follows the job
 * @destroy: (nullable): frees @result with the job
 *
 * Keeps what a worker made beside the job: the import's per-file
 * outcomes, the verification's problems.  Call it before the work returns;
 * a result set before replaces none, and later ones are dropped.  Results
 * live in memory only: a job run again after a restart makes its own.
 */
void
co_job_set_result (CoJob          *self,
                   gpointer        result,
                   GDestroyNotify  destroy)
{
  gboolean taken = FALSE;

  g_return_if_fail (CO_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  if (self->result == NULL && self->state < CO_JOB_DONE)
    {
      self->result = result;
      self->result_destroy = destroy;
      taken = TRUE;
    }
  g_mutex_unlock (&self->mutex);
  if (!taken && destroy != NULL && result != NULL)
    destroy (result);
}

/**
 * co_job_get_result:
 * @self: a #CoJob
 *
 * Returns: (transfer none) (nullable): what the work kept with
 *   co_job_set_result(); read it once the job is finished
 */
gpointer
co_job_get_result (CoJob *self)
{
  gpointer result;

  g_return_val_if_fail (CO_IS_JOB (self), NULL);
  g_mutex_lock (&self->mutex);
  result = self->result;
  g_mutex_unlock (&self->mutex);
  return result;
}

/**
 * co_job_progress_cb:
 * @fraction: how much is done, from 0 to 1
 * @message: (nullable): what is being done, or %NULL to keep the message
 * @job: (type CoJob): the job to report to
 *
 * The #CoProgressFunc of every job runner: it hands a library's progress
 * to the job, from any thread.  With a #CoProgressSpan around it, one step
 * of a longer job reports its share of the whole.
 */
void
co_job_progress_cb (double      fraction,
                    const char *message,
                    gpointer    job)
{
  co_job_set_progress (job, fraction, message);
}
