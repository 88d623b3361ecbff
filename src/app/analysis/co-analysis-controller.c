/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-analysis-cache.h"
#include "co-analysis-controller.h"
#include "co-analysis-job.h"
#include "co-app-jobs.h"
#include "co-error.h"
#include "co-media-error.h"

/* The analysis of the item the Media page shows, without the page: the
 * result kept from an earlier run is looked up first; failing that, the job
 * that makes it (an analysis already queued for the same file and
 * parameters, such as the one the import started, or a new one) is
 * followed until it is done, and the kept result read back. */

G_DEFINE_ENUM_TYPE (CoAnalysisState, co_analysis_state,
  G_DEFINE_ENUM_VALUE (CO_ANALYSIS_STATE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (CO_ANALYSIS_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (CO_ANALYSIS_STATE_ANALYSING, "analysing"),
  G_DEFINE_ENUM_VALUE (CO_ANALYSIS_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (CO_ANALYSIS_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (CO_ANALYSIS_STATE_CANCELLED, "cancelled"))

struct _CoAnalysisController
{
  GObject           parent_instance;

  /* Owned: the library and the queue that runs the analyses. */
  CoStore          *store;
  CoJobQueue       *queue;

  /* Owned: the shown item, its stored file and the parameters asked for. */
  CoVaultItem      *item;
  char             *path;
  CoAnalysisParams  params;

  /* Owned: where the analysis stands. */
  CoAnalysisState   state;
  CoAnalysis       *analysis;
  GError           *error;
  CoJob            *job;            /* the job followed, while it runs */
  gboolean          after_job;      /* the lookup reads a job's result */
  GCancellable     *cancellable;    /* the lookup of a kept result */
};

G_DEFINE_FINAL_TYPE (CoAnalysisController, co_analysis_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ANALYSIS,
  PROP_JOB,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void look_up (CoAnalysisController *self);

/* Setters: each notifies only when the value changes. */

static void
set_state (CoAnalysisController *self,
           CoAnalysisState       state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_analysis (CoAnalysisController *self,
              CoAnalysis           *analysis)
{
  if (self->analysis == analysis)
    return;
  g_clear_pointer (&self->analysis, co_analysis_unref);
  self->analysis = analysis != NULL ? co_analysis_ref (analysis) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
}

static void
fail (CoAnalysisController *self,
      const GError         *error)
{
  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  set_state (self, CO_ANALYSIS_STATE_FAILED);
}

/* Following the job that analyses the shown item. */

static void
unfollow_job (CoAnalysisController *self)
{
  if (self->job == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

static void
job_ended (CoAnalysisController *self,
           CoJob                *job)
{
  g_autoptr(GError) error = co_job_dup_error (job);
  CoJobState state = co_job_get_state (job);

  unfollow_job (self);
  if (state == CO_JOB_DONE)
    {
      self->after_job = TRUE;
      look_up (self);
    }
  else if (state == CO_JOB_CANCELLED || co_error_is_cancelled (error))
    set_state (self, CO_ANALYSIS_STATE_CANCELLED);
  else if (error != NULL)
    fail (self, error);
}

static void
job_state_cb (CoJob                *job,
              GParamSpec           *pspec,
              CoAnalysisController *self)
{
  g_autoptr(CoJob) held = g_object_ref (job);

  if (co_job_is_finished (job))
    job_ended (self, held);
  else
    set_state (self, CO_ANALYSIS_STATE_ANALYSING);
}

static void
follow_job (CoAnalysisController *self,
            CoJob                *job)
{
  unfollow_job (self);
  self->job = g_object_ref (job);
  g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
  job_state_cb (job, NULL, self);
}

static void
submit_job (CoAnalysisController *self)
{
  g_autoptr(GError) error = NULL;
  CoJob *job;

  self->after_job = FALSE;
  job = co_app_jobs_submit_analysis (self->queue, self->store, self->item, &self->params, &error);
  if (job == NULL)
    fail (self, error);
  else
    follow_job (self, job);
}

/* A job for exactly these parameters may already run, for instance the one
 * the import started: follow it rather than start a second one. */
static void
ensure_job (CoAnalysisController *self)
{
  g_autofree char *job_params = co_analysis_job_params (self->path, &self->params);
  g_autoptr(CoJob) job = co_app_jobs_find_analysis (self->queue, job_params);

  if (job != NULL)
    follow_job (self, job);
  else
    submit_job (self);
}

/* Looking up a kept result. */

static void
look_up_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CoAnalysisController) self = user_data;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = co_analysis_cache_lookup_finish (CO_STORE (object), result, &error);
  if (co_error_is_cancelled (error))
    return;
  if (analysis != NULL)
    {
      /* The analysis comes first, so that "ready" finds it. */
      set_analysis (self, analysis);
      set_state (self, CO_ANALYSIS_STATE_READY);
    }
  else if (error != NULL)
    fail (self, error);
  else if (self->after_job)
    {
      g_set_error (&error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("The analysis of “%s” finished, but its result could not be read back"),
                   co_vault_item_get_title (self->item));
      fail (self, error);
    }
  else
    ensure_job (self);
}

static void
look_up (CoAnalysisController *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_state (self, CO_ANALYSIS_STATE_LOADING);
  co_analysis_cache_lookup_async (self->store, self->path, &self->params, self->cancellable,
                                  look_up_done_cb, g_object_ref (self));
}

static void
clear (CoAnalysisController *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  unfollow_job (self);
  set_analysis (self, NULL);
  g_clear_error (&self->error);
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->item);
  self->after_job = FALSE;
}

/* GObject. */

static void
co_analysis_controller_dispose (GObject *object)
{
  CoAnalysisController *self = (CoAnalysisController *)object;

  /* The job belongs to the queue and goes on without the page. */
  clear (self);
  g_clear_object (&self->store);
  g_clear_object (&self->queue);

  G_OBJECT_CLASS (co_analysis_controller_parent_class)->dispose (object);
}

static void
co_analysis_controller_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CoAnalysisController *self = CO_ANALYSIS_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ANALYSIS:
      g_value_set_boxed (value, self->analysis);
      break;
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_analysis_controller_class_init (CoAnalysisControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_analysis_controller_dispose;
  object_class->get_property = co_analysis_controller_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CO_TYPE_ANALYSIS_STATE, CO_ANALYSIS_STATE_EMPTY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL, CO_TYPE_ANALYSIS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, CO_TYPE_JOB,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_analysis_controller_init (CoAnalysisController *self)
{
  co_analysis_params_init (&self->params);
}

/**
 * co_analysis_controller_new:
 * @store: the library
 * @queue: the app's job queue, which runs the analyses
 *
 * Returns: (transfer full): a controller with no item
 */
CoAnalysisController *
co_analysis_controller_new (CoStore    *store,
                            CoJobQueue *queue)
{
  CoAnalysisController *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (CO_IS_JOB_QUEUE (queue), NULL);

  self = g_object_new (CO_TYPE_ANALYSIS_CONTROLLER, NULL);
  self->store = g_object_ref (store);
  self->queue = g_object_ref (queue);
  return self;
}

/**
 * co_analysis_controller_set_item:
 * @self: the controller
 * @item: (nullable): a video or audio item with a stored file
 * @params: the parameters to show its analysis with
 *
 * Shows the analysis of @item: the kept result at once when there is one,
 * else the job that makes it.  %NULL, or an item without sound or video,
 * leaves the controller empty.
 */
void
co_analysis_controller_set_item (CoAnalysisController   *self,
                                 CoVaultItem            *item,
                                 const CoAnalysisParams *params)
{
  g_return_if_fail (CO_IS_ANALYSIS_CONTROLLER (self));
  g_return_if_fail (item == NULL || CO_IS_VAULT_ITEM (item));
  g_return_if_fail (params != NULL);

  clear (self);
  self->params = *params;
  if (item == NULL || !co_app_jobs_can_analyse (item))
    {
      set_state (self, CO_ANALYSIS_STATE_EMPTY);
      return;
    }
  self->item = g_object_ref (item);
  self->path = co_app_jobs_dup_media_path (self->store, item);
  look_up (self);
}

/**
 * co_analysis_controller_analyse:
 * @self: the controller
 * @params: (nullable): new parameters, or %NULL for the same again
 *
 * Submits an analysis of the shown item and follows it; parameters
 * analysed before come back from the library at once.
 */
void
co_analysis_controller_analyse (CoAnalysisController   *self,
                                const CoAnalysisParams *params)
{
  g_return_if_fail (CO_IS_ANALYSIS_CONTROLLER (self));

  if (self->item == NULL)
    return;
  if (params != NULL)
    self->params = *params;
  g_clear_error (&self->error);
  submit_job (self);
}

/**
 * co_analysis_controller_cancel:
 * @self: the controller
 *
 * Cancels the job followed; the state becomes cancelled when it stops.
 */
void
co_analysis_controller_cancel (CoAnalysisController *self)
{
  g_return_if_fail (CO_IS_ANALYSIS_CONTROLLER (self));

  if (self->job != NULL)
    co_job_cancel (self->job);
}

/** co_analysis_controller_get_state: @self: the controller  Returns: where the analysis stands */
CoAnalysisState
co_analysis_controller_get_state (CoAnalysisController *self)
{
  g_return_val_if_fail (CO_IS_ANALYSIS_CONTROLLER (self), CO_ANALYSIS_STATE_EMPTY);
  return self->state;
}

/** co_analysis_controller_get_item: @self: the controller  Returns: (transfer none) (nullable): the item */
CoVaultItem *
co_analysis_controller_get_item (CoAnalysisController *self)
{
  g_return_val_if_fail (CO_IS_ANALYSIS_CONTROLLER (self), NULL);
  return self->item;
}

/** co_analysis_controller_get_path: @self: the controller  Returns: (nullable): the item's stored file */
const char *
co_analysis_controller_get_path (CoAnalysisController *self)
{
  g_return_val_if_fail (CO_IS_ANALYSIS_CONTROLLER (self), NULL);
  return self->path;
}

/**
 * co_analysis_controller_get_params:
 * @self: the controller
 * @params: (out caller-allocates): the parameters of the analysis shown or asked for
 */
void
co_analysis_controller_get_params (CoAnalysisController *self,
                                   CoAnalysisParams     *params)
{
  g_return_if_fail (CO_IS_ANALYSIS_CONTROLLER (self));
  g_return_if_fail (params != NULL);
  *params = self->params;
}

/** co_analysis_controller_get_analysis: @self: the controller  Returns: (transfer none) (nullable): the analysis */
CoAnalysis *
co_analysis_controller_get_analysis (CoAnalysisController *self)
{
  g_return_val_if_fail (CO_IS_ANALYSIS_CONTROLLER (self), NULL);
  return self->analysis;
}

/** co_analysis_controller_get_job: @self: the controller  Returns: (transfer none) (nullable): the job followed */
CoJob *
co_analysis_controller_get_job (CoAnalysisController *self)
{
  g_return_val_if_fail (CO_IS_ANALYSIS_CONTROLLER (self), NULL);
  return self->job;
}

/** co_analysis_controller_get_error: @self: the controller  Returns: (nullable): why it failed */
const GError *
co_analysis_controller_get_error (CoAnalysisController *self)
{
  g_return_val_if_fail (CO_IS_ANALYSIS_CONTROLLER (self), NULL);
  return self->state == CO_ANALYSIS_STATE_FAILED ? self->error : NULL;
}
