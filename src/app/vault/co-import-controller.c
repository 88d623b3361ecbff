/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-app-jobs.h"
#include "co-error.h"
#include "co-import-controller.h"
#include "co-import-job.h"

/* The window's imports: each drop, paste or file choice becomes an import
 * job of the app's queue.  The controller follows the jobs it submitted and
 * those a crash or quit left unfinished, says what each imported (the
 * window shows it as toasts), and starts the analysis of every new video or
 * audio item, so that its waveform is ready when it is opened. */

/* Errors beyond this many get one summary toast, so a folder of broken files
 * does not bury the window in toasts. */
#define MAX_ERROR_TOASTS 5

/* How long a toast that names a broken file stays, in seconds. */
#define ERROR_TOAST_TIMEOUT 8

struct _CoImportController
{
  GObject     parent_instance;

  /* Owned: the library the jobs import into and the queue that runs them. */
  CoVault    *vault;
  CoJobQueue *queue;
  GSettings  *settings;

  /* Owned: the unfinished import jobs followed, oldest first. */
  GPtrArray  *jobs;
};

G_DEFINE_FINAL_TYPE (CoImportController, co_import_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS,
};

enum {
  SIGNAL_TOAST,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
toast (CoImportController *self,
       const char         *text,
       guint               timeout)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, text, timeout);
}

/* What one import says: how many files came in, how many were there
 * already, and one toast for each of the first broken files. */

static void
toast_summary (CoImportController *self,
               guint               n_imported,
               guint               n_duplicates)
{
  g_autofree char *imported = NULL;
  g_autofree char *duplicates = NULL;

  if (n_imported > 0)
    {
      imported = g_strdup_printf (ngettext ("Imported %u file", "Imported %u files", n_imported),
                                  n_imported);
      toast (self, imported, 0);
    }
  if (n_duplicates > 0)
    {
      duplicates = g_strdup_printf (ngettext ("%u file was already in the vault",
                                              "%u files were already in the vault", n_duplicates),
                                    n_duplicates);
      toast (self, duplicates, 0);
    }
}

static void
toast_error (CoImportController *self,
             CoImportResult     *result)
{
  g_autofree char *name = g_path_get_basename (result->path);
  g_autofree char *text = NULL;

  /* The importer's messages name the file; prefix it only when one does not. */
  if (strstr (result->error->message, name) != NULL)
    text = g_strdup (result->error->message);
  else
    text = g_strdup_printf (_("“%s”: %s"), name, result->error->message);
  toast (self, text, ERROR_TOAST_TIMEOUT);
}

static void
toast_more_errors (CoImportController *self,
                   guint               n_more)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u more file could not be imported",
                                                     "%u more files could not be imported",
                                                     n_more),
                                           n_more);

  toast (self, text, 0);
}

static void
report (CoImportController *self,
        GPtrArray          *results)
{
  guint n_imported = 0, n_duplicates = 0, n_errors = 0;

  for (guint i = 0; i < results->len; i++)
    {
      CoImportResult *result = g_ptr_array_index (results, i);

      /* Files the batch did not reach after a cancel are not failures. */
      if (co_error_is_cancelled (result->error))
        continue;
      if (result->error != NULL)
        {
          if (++n_errors <= MAX_ERROR_TOASTS)
            toast_error (self, result);
        }
      else if (result->duplicate)
        n_duplicates++;
      else
        n_imported++;
    }
  toast_summary (self, n_imported, n_duplicates);
  if (n_errors > MAX_ERROR_TOASTS)
    toast_more_errors (self, n_errors - MAX_ERROR_TOASTS);
}

static void
analyse_imported (CoImportController *self,
                  GPtrArray          *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      CoImportResult *result = g_ptr_array_index (results, i);
      g_autoptr(CoVaultItem) item = NULL;
      g_autoptr(GError) error = NULL;
      CoAnalysisParams params;

      if (result->error != NULL || result->duplicate || result->id <= 0)
        continue;
      item = co_vault_get (self->vault, result->id, &error);
      if (item == NULL || !co_app_jobs_can_analyse (item))
        continue;
      co_app_jobs_default_params (self->settings, co_vault_item_get_item_type (item), &params);
      if (co_app_jobs_submit_analysis (self->queue, co_vault_get_store (self->vault), item,
                                       &params, &error) == NULL)
        toast (self, error->message, 0);
    }
}

/* Following the jobs. */

static void
job_finished (CoImportController *self,
              CoJob              *job)
{
  GPtrArray *results = co_import_job_get_results (job);
  g_autoptr(GError) error = co_job_dup_error (job);

  if (results != NULL)
    {
      report (self, results);
      analyse_imported (self, results);
    }
  else if (error != NULL)
    toast (self, error->message, 0);
}

static void
job_state_cb (CoJob              *job,
              GParamSpec         *pspec,
              CoImportController *self)
{
  CoJob *current = co_import_controller_get_job (self);

  if (!co_job_is_finished (job))
    return;
  g_signal_handlers_disconnect_by_data (job, self);
  /* The toasts come before the job leaves, so that whoever waits for the
   * import to end sees what it said. */
  g_object_ref (job);
  job_finished (self, job);
  g_ptr_array_remove (self->jobs, job);
  g_object_unref (job);
  if (current == job)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

static void
follow (CoImportController *self,
        CoJob              *job)
{
  g_ptr_array_add (self->jobs, g_object_ref (job));
  g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
  job_state_cb (job, NULL, self);
}

/* Imports that the last session left unfinished run again on start; their
 * new items are analysed as those of any import. */
static void
follow_resumed (CoImportController *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      if (g_strcmp0 (co_job_get_kind (job), CO_IMPORT_JOB_KIND) == 0 && !co_job_is_finished (job))
        follow (self, job);
    }
}

/* GObject. */

static void
co_import_controller_dispose (GObject *object)
{
  CoImportController *self = (CoImportController *)object;

  /* The jobs belong to the queue and go on without the window. */
  for (guint i = 0; self->jobs != NULL && i < self->jobs->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->jobs, i), self);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_object (&self->vault);
  g_clear_object (&self->queue);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (co_import_controller_parent_class)->dispose (object);
}

static void
co_import_controller_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CoImportController *self = CO_IMPORT_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, co_import_controller_get_job (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_import_controller_class_init (CoImportControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_import_controller_dispose;
  object_class->get_property = co_import_controller_get_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, CO_TYPE_JOB,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoImportController::toast:
   * @self: the controller
   * @text: what an import says, for a person
   * @timeout: how long to show it in seconds, or 0 for the default
   */
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                        G_TYPE_UINT);
}

static void
co_import_controller_init (CoImportController *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * co_import_controller_new:
 * @vault: the open vault
 * @queue: the app's job queue, with the import runner registered
 * @settings: (nullable): the application's settings, for the analysis
 *   parameters of imported items
 *
 * Returns: (transfer full): a controller that already follows the imports
 *   @queue resumed
 */
CoImportController *
co_import_controller_new (CoVault    *vault,
                          CoJobQueue *queue,
                          GSettings  *settings)
{
  CoImportController *self;

  g_return_val_if_fail (CO_IS_VAULT (vault), NULL);
  g_return_val_if_fail (CO_IS_JOB_QUEUE (queue), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CO_TYPE_IMPORT_CONTROLLER, NULL);
  self->vault = g_object_ref (vault);
  self->queue = g_object_ref (queue);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  follow_resumed (self);
  return self;
}

/**
 * co_import_controller_import:
 * @self: the controller
 * @paths: (array zero-terminated=1): files to import
 * @error: return location for a #GError
 *
 * Submits an import of @paths and follows it: when it ends, a toast says
 * how many files were imported and one toast per file names what was
 * wrong with it.
 *
 * Returns: (transfer none) (nullable): the job, owned by the queue, or
 *   %NULL when it could not be saved
 */
CoJob *
co_import_controller_import (CoImportController  *self,
                             const char * const  *paths,
                             GError             **error)
{
  g_autofree char *params = NULL;
  CoJob *job;

  g_return_val_if_fail (CO_IS_IMPORT_CONTROLLER (self), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  params = co_import_job_params (paths, NULL);
  job = co_job_queue_submit (self->queue, CO_IMPORT_JOB_KIND, _("Importing files"), params, error);
  if (job != NULL)
    follow (self, job);
  return job;
}

/**
 * co_import_controller_get_job:
 * @self: the controller
 *
 * Returns: (transfer none) (nullable): the newest import still running or
 *   waiting, whose progress the window shows
 */
CoJob *
co_import_controller_get_job (CoImportController *self)
{
  g_return_val_if_fail (CO_IS_IMPORT_CONTROLLER (self), NULL);
  return self->jobs->len > 0 ? g_ptr_array_index (self->jobs, self->jobs->len - 1) : NULL;
}
