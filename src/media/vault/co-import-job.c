/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "co-import-job.h"
#include "co-importer-private.h"
#include "co-json-read.h"
#include "co-media-error.h"

/* The import job: a batch of files imported into the vault, one after the
 * other (co_importer_import_files()).  The outcome of each file stays with
 * the job for the view that asked.  Running it again after a crash is
 * safe: a file imported before is found by its content and reported as a
 * duplicate of its item. */

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * co_import_job_params:
 * @paths: (array zero-terminated=1): the files to import
 * @options: (nullable): what co_importer_import_files() applies to every file
 *
 * Returns: (transfer full): the JSON parameters co_import_job_run() reads
 */
char *
co_import_job_params (const char * const    *paths,
                      const CoImportOptions *options)
{
  static const CoImportOptions defaults = { 0 };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (paths != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  json_builder_begin_object (builder);
  add_strv (builder, "paths", paths);
  add_string (builder, "title", options->title);
  add_string (builder, "notes", options->notes);
  add_string (builder, "source_url", options->source_url);
  add_strv (builder, "tags", options->tags);
  json_builder_set_member_name (builder, "probe_flags");
  json_builder_add_int_value (builder, options->probe_flags);
  json_builder_set_member_name (builder, "max_size");
  json_builder_add_int_value (builder, options->max_size);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Collects the strings of an array member; %NULL when it is missing or
 * holds anything but strings. */
static GStrv
read_strv (JsonObject *object,
           const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = co_json_get_array (object, name);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

/* The job's parameters, kept alive while the import borrows them. */
typedef struct
{
  JsonNode        *root;
  GStrv            paths;
  GStrv            tags;
  CoImportOptions  options;
} Params;

static void
params_clear (Params *params)
{
  g_clear_pointer (&params->root, json_node_unref);
  g_clear_pointer (&params->paths, g_strfreev);
  g_clear_pointer (&params->tags, g_strfreev);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Params, params_clear)

static gboolean
read_params (const char  *params_json,
             Params      *params,
             GError     **error)
{
  JsonObject *object = NULL;
  gint64 max_size;

  /* The queue is in the database and may be damaged: each member's type is
   * checked before it is read (co-json-read.h). */
  params->root = co_json_read_object (params_json, &object);
  params->paths = read_strv (object, "paths");
  if (params->paths == NULL)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("The import job has no files to import: %s"), params_json);
      return FALSE;
    }
  params->tags = read_strv (object, "tags");
  params->options.title = co_json_get_string (object, "title");
  params->options.notes = co_json_get_string (object, "notes");
  params->options.source_url = co_json_get_string (object, "source_url");
  params->options.tags = (const char * const *)params->tags;
  params->options.probe_flags = (CoProbeFlags)co_json_get_int_or (object, "probe_flags", 0);
  params->options.max_size = co_json_get_int (object, "max_size", 0, G_MAXINT64, &max_size)
                               ? max_size : 0;
  return TRUE;
}

/**
 * co_import_job_run:
 * @job: the running job
 * @params_json: made by co_import_job_params()
 * @vault: (type CoVault): the vault to import into; the app's own, so that
 *   its views see the new items
 * @error: return location for a #GError
 *
 * The #CoJobRunFunc for %CO_IMPORT_JOB_KIND.  Each file's outcome is the
 * job's result (co_import_job_get_results()), even when the job fails or is
 * cancelled.  The job fails only when every file failed, with the first
 * file's error.
 *
 * Returns: %TRUE when at least one file was imported
 */
gboolean
co_import_job_run (CoJob       *job,
                   const char  *params_json,
                   gpointer     vault,
                   GError     **error)
{
  g_auto(Params) params = { NULL, };
  GPtrArray *results;
  gboolean ok;

  if (!read_params (params_json, &params, error))
    return FALSE;
  results = co_importer_import_files (vault, (const char * const *)params.paths, &params.options,
                                      job, NULL);
  ok = _co_importer_check_batch (results, job, NULL, error);
  co_job_set_result (job, results, (GDestroyNotify)g_ptr_array_unref);
  return ok;
}

/**
 * co_import_job_get_results:
 * @job: a finished %CO_IMPORT_JOB_KIND job
 *
 * Returns: (transfer none) (nullable) (element-type CoImportResult): one
 *   result per file, in order, or %NULL when the job imported nothing
 *   because its parameters were wrong
 */
GPtrArray *
co_import_job_get_results (CoJob *job)
{
  g_return_val_if_fail (CO_IS_JOB (job), NULL);
  g_return_val_if_fail (g_strcmp0 (co_job_get_kind (job), CO_IMPORT_JOB_KIND) == 0, NULL);

  return co_job_get_result (job);
}
