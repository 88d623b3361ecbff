/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-job-private.h"
#include "co-job-queue.h"
#include "co-store-error.h"
#include "co-store-private.h"

typedef struct
{
  CoJobRunFunc   run;
  gpointer       user_data;
  GDestroyNotify destroy;
} Runner;

struct _CoJobQueue
{
  GObject     parent_instance;

  CoStore    *store;
  GHashTable *runners;     /* kind -> Runner */
  GPtrArray  *jobs;        /* every job of this session, oldest first */
  GQueue      pending;     /* CoJob, waiting for a slot */
  guint       n_running;
  guint       max_running;
  gboolean    shutting_down;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoJobQueue, co_job_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void start_pending (CoJobQueue *self);

static void
runner_free (Runner *runner)
{
  if (runner->destroy != NULL)
    runner->destroy (runner->user_data);
  g_free (runner);
}

static GType
get_item_type (GListModel *model)
{
  return CO_TYPE_JOB;
}

static guint
get_n_items (GListModel *model)
{
  return CO_JOB_QUEUE (model)->jobs->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CoJobQueue *self = CO_JOB_QUEUE (model);

  if (position >= self->jobs->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->jobs, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Writes a job's state to its row.  A job stopped by shutdown is saved as
 * queued, so that the next start runs it again. */
static void
persist (CoJobQueue *self,
         CoJob      *job,
         CoJobState  state)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) job_error = co_job_dup_error (job);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = co_job_dup_message (job);
  gint64 now = _co_store_now ();

  stmt = _co_store_prepare (self->store,
                            "UPDATE jobs SET state = ?, fraction = ?, message = ?,"
                            " error_domain = ?, error_code = ?, error_message = ?,"
                            " started_at = CASE WHEN ?1 = 'running' THEN ?7 ELSE started_at END,"
                            " attempts = attempts + (?1 = 'running'),"
                            " finished_at = CASE WHEN ?1 IN ('done', 'failed', 'cancelled')"
                            "               THEN ?7 ELSE NULL END"
                            " WHERE id = ?8",
                            &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot save job %" G_GINT64_FORMAT ": %s", co_job_get_id (job), error->message);
      return;
    }
  sqlite3_bind_text (stmt, 1, co_job_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, co_job_get_fraction (job));
  sqlite3_bind_text (stmt, 3, message, -1, SQLITE_TRANSIENT);
  if (job_error != NULL)
    {
      sqlite3_bind_text (stmt, 4, g_quark_to_string (job_error->domain), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, job_error->code);
      sqlite3_bind_text (stmt, 6, job_error->message, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, co_job_get_id (job));
  if (!_co_store_step_done (self->store, stmt, &error))
    g_warning ("Cannot save job %" G_GINT64_FORMAT ": %s", co_job_get_id (job), error->message);
}

/* A job stopped by co_job_queue_shutdown() is saved as queued, so that the
 * next start runs it again; one the user cancelled stays cancelled. */
static CoJobState
state_to_save (CoJob *job)
{
  CoJobState state = co_job_get_state (job);

  if (state == CO_JOB_CANCELLED && g_object_get_data (G_OBJECT (job), "co-stopped-at-quit"))
    return CO_JOB_QUEUED;
  return state;
}

static void
job_state_cb (CoJob      *job,
              GParamSpec *pspec,
              CoJobQueue *self)
{
  /* Only a waiting job changes state outside start_job and job_done_cb
   * (cancelled before it ran); those two save their own changes at once. */
  if (co_job_get_state (job) == CO_JOB_CANCELLED && !g_object_get_data (G_OBJECT (job), "co-ran"))
    persist (self, job, state_to_save (job));
}

static void
add_job (CoJobQueue *self,
         CoJob      *job)
{
  g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_cb), self, 0);
  g_ptr_array_add (self->jobs, g_object_ref (job));
  g_queue_push_tail (&self->pending, g_object_ref (job));
  g_list_model_items_changed (G_LIST_MODEL (self), self->jobs->len - 1, 0, 1);
}

typedef struct
{
  CoJob        *job;
  CoJobRunFunc  run;
  gpointer      user_data;
} Work;

static void
work_free (Work *work)
{
  g_object_unref (work->job);
  g_free (work);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Work *work = task_data;
  GError *error = NULL;

  if (work->run (work->job, co_job_get_params (work->job), work->user_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CoJobQueue *self = CO_JOB_QUEUE (object);
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  co_job_finish (work->job, error);
  persist (self, work->job, state_to_save (work->job));
  if (error != NULL && !co_error_is_cancelled (error) && !self->shutting_down)
    g_info ("Job “%s” failed: %s", co_job_get_title (work->job), error->message);

  self->n_running--;
  start_pending (self);
}

static void
start_job (CoJobQueue *self,
           CoJob      *job)
{
  g_autoptr(GTask) task = NULL;
  Runner *runner = g_hash_table_lookup (self->runners, co_job_get_kind (job));
  Work *work = g_new0 (Work, 1);

  /* The runner is looked up here, on the queue's thread, and handed over:
   * the worker never reads the table. */
  work->job = g_object_ref (job);
  work->run = runner->run;
  work->user_data = runner->user_data;

  task = g_task_new (self, co_job_get_cancellable (job), job_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, work, (GDestroyNotify)work_free);
  /* The job's own cancellable is the one to watch, and a cancelled job
   * still reports through the callback, which keeps the count right. */
  g_task_set_check_cancellable (task, FALSE);

  self->n_running++;
  g_object_set_data (G_OBJECT (job), "co-ran", GINT_TO_POINTER (TRUE));
  co_job_start (job);
  persist (self, job, CO_JOB_RUNNING);
  g_task_run_in_thread (task, run_in_thread);
}

static void
start_pending (CoJobQueue *self)
{
  while (!self->shutting_down && self->n_running < self->max_running &&
         !g_queue_is_empty (&self->pending))
    {
      g_autoptr(CoJob) job = g_queue_pop_head (&self->pending);

      /* A job cancelled while it waited never starts. */
      if (co_job_get_state (job) == CO_JOB_QUEUED)
        start_job (self, job);
    }
}

static void
co_job_queue_dispose (GObject *object)
{
  CoJobQueue *self = (CoJobQueue *)object;

  /* Running tasks hold a reference to the queue, so none is running here. */
  g_queue_clear_full (&self->pending, g_object_unref);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_pointer (&self->runners, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (co_job_queue_parent_class)->dispose (object);
}

static void
co_job_queue_class_init (CoJobQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_job_queue_dispose;
}

static void
co_job_queue_init (CoJobQueue *self)
{
  self->runners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)runner_free);
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&self->pending);
}

/**
 * co_job_queue_new:
 * @store: the store that keeps the jobs
 * @max_running: how many jobs may run at once; 0 for the default (2)
 *
 * Creates a queue of persistent background jobs.  It is a #GListModel of
 * #CoJob, which the app shows and tests assert on.  Call
 * co_job_queue_resume() once runners are registered to pick up work an
 * earlier run left unfinished.
 *
 * Returns: (transfer full): the queue
 */
CoJobQueue *
co_job_queue_new (CoStore *store,
                  guint    max_running)
{
  CoJobQueue *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_JOB_QUEUE, NULL);
  self->store = g_object_ref (store);
  self->max_running = max_running > 0 ? max_running : CO_JOB_QUEUE_DEFAULT_MAX_RUNNING;
  return self;
}

/**
 * co_job_queue_register:
 * @self: a #CoJobQueue
 * @kind: the job kind this runner does ("analyze", "transcode"…)
 * @run: (scope notified): the work, run in a worker thread
 * @user_data: passed to @run
 * @destroy: (nullable): frees @user_data
 *
 * Says how to run one kind of job.  Each kind is registered once.
 */
void
co_job_queue_register (CoJobQueue     *self,
                       const char     *kind,
                       CoJobRunFunc    run,
                       gpointer        user_data,
                       GDestroyNotify  destroy)
{
  Runner *runner;

  g_return_if_fail (CO_IS_JOB_QUEUE (self));
  g_return_if_fail (kind != NULL && run != NULL);
  /* A running job may still use the data of the runner it started with. */
  g_return_if_fail (!g_hash_table_contains (self->runners, kind));

  runner = g_new0 (Runner, 1);
  runner->run = run;
  runner->user_data = user_data;
  runner->destroy = destroy;
  g_hash_table_insert (self->runners, g_strdup (kind), runner);
}

static gint64
insert_row (CoJobQueue  *self,
            const char  *kind,
            const char  *title,
            const char  *params,
            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store,
                            "INSERT INTO jobs (kind, title, params, state, created_at)"
                            " VALUES (?, ?, ?, 'queued', ?)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title != NULL ? title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, params != NULL ? params : "{}", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, _co_store_now ());
  if (!_co_store_step_done (self->store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_co_store_get_db (self->store));
}

/**
 * co_job_queue_submit:
 * @self: a #CoJobQueue
 * @kind: a registered job kind
 * @title: what a person sees
 * @params: (nullable): the parameters as JSON text, everything @kind's
 *   runner needs to do the work again after a restart
 * @error: return location for a #GError
 *
 * Saves a job and starts it as soon as a slot is free.
 *
 * Returns: (transfer none) (nullable): the job, owned by the queue
 */
CoJob *
co_job_queue_submit (CoJobQueue  *self,
                     const char  *kind,
                     const char  *title,
                     const char  *params,
                     GError     **error)
{
  g_autoptr(CoJob) job = NULL;
  gint64 id;

  g_return_val_if_fail (CO_IS_JOB_QUEUE (self), NULL);
  g_return_val_if_fail (kind != NULL && g_hash_table_contains (self->runners, kind), NULL);

  id = insert_row (self, kind, title, params, error);
  if (id == 0)
    return NULL;

  job = co_job_new (kind, title);
  _co_job_set_persisted (job, id, params != NULL ? params : "{}");
  add_job (self, job);
  start_pending (self);
  return job;
}

static void
fail_unknown_kind (CoJobQueue *self,
                   CoJob      *job)
{
  g_autoptr(GError) error = NULL;

  g_set_error (&error, CO_STORE_ERROR, CO_STORE_ERROR_TOO_NEW,
               _("The job “%s” is of a kind this CreatorOps cannot run (%s)"),
               co_job_get_title (job), co_job_get_kind (job));
  co_job_start (job);
  co_job_finish (job, error);
  persist (self, job, CO_JOB_FAILED);
}

/**
 * co_job_queue_resume:
 * @self: a #CoJobQueue
 * @error: return location for a #GError
 *
 * Loads the jobs that a crash or quit cut short, or that were still
 * waiting, and runs them again from the start.
 *
 * Returns: how many jobs were resumed, or 0 with @error set
 */
guint
co_job_queue_resume (CoJobQueue  *self,
                     GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CO_IS_JOB_QUEUE (self), 0);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "SELECT id, kind, title, params FROM jobs"
                            " WHERE state IN ('queued', 'running') ORDER BY id",
                            error);
  if (stmt == NULL)
    return 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CoJob *job = co_job_new ((const char *)sqlite3_column_text (stmt, 1),
                               (const char *)sqlite3_column_text (stmt, 2));
      _co_job_set_persisted (job, sqlite3_column_int64 (stmt, 0),
                             (const char *)sqlite3_column_text (stmt, 3));
      g_ptr_array_add (loaded, job);
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);

  for (guint i = 0; i < loaded->len; i++)
    {
      CoJob *job = g_ptr_array_index (loaded, i);

      persist (self, job, CO_JOB_QUEUED);
      add_job (self, job);
      if (!g_hash_table_contains (self->runners, co_job_get_kind (job)))
        fail_unknown_kind (self, job);
    }
  start_pending (self);
  return loaded->len;
}

/** co_job_queue_get_max_running: @self: a queue  Returns: the most jobs run at once */
guint
co_job_queue_get_max_running (CoJobQueue *self)
{
  g_return_val_if_fail (CO_IS_JOB_QUEUE (self), 0);
  return self->max_running;
}

/**
 * co_job_queue_set_max_running:
 * @self: a #CoJobQueue
 * @max_running: how many jobs may run at once, at least 1
 */
void
co_job_queue_set_max_running (CoJobQueue *self,
                              guint       max_running)
{
  g_return_if_fail (CO_IS_JOB_QUEUE (self));
  g_return_if_fail (max_running > 0);

  self->max_running = max_running;
  start_pending (self);
}

/** co_job_queue_get_n_running: @self: a queue  Returns: how many jobs are running now */
guint
co_job_queue_get_n_running (CoJobQueue *self)
{
  g_return_val_if_fail (CO_IS_JOB_QUEUE (self), 0);
  return self->n_running;
}

/**
 * co_job_queue_shutdown:
 * @self: a #CoJobQueue
 *
 * Stops running jobs at quit.  They, and the jobs still waiting, stay
 * queued in the database and run again on the next co_job_queue_resume().
 * Iterate the main context until co_job_queue_get_n_running() is 0 to let
 * the workers finish.
 */
void
co_job_queue_shutdown (CoJobQueue *self)
{
  g_return_if_fail (CO_IS_JOB_QUEUE (self));

  self->shutting_down = TRUE;
  for (guint i = 0; i < self->jobs->len; i++)
    {
      CoJob *job = g_ptr_array_index (self->jobs, i);

      if (co_job_get_state (job) == CO_JOB_RUNNING)
        {
          g_object_set_data (G_OBJECT (job), "co-stopped-at-quit", GINT_TO_POINTER (TRUE));
          g_cancellable_cancel (co_job_get_cancellable (job));
        }
    }
}
