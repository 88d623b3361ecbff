/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "co-analysis-cache.h"
#include "co-analysis-job.h"
#include "co-cue-store.h"
#include "co-json-read.h"
#include "co-media-error.h"
#include "co-subtitle-check.h"
#include "co-subtitles-job.h"
#include "co-timeline-build.h"
#include "co-transcript-cache.h"
#include "co-vault.h"

/* The job that makes the subtitles kept with a file: the analysis (from the
 * cache when it was made before), speech recognition split at its
 * silences, the cue builder with the rules in its parameters, and the
 * result kept in the store where the app and the exports find it. */

/* The share of the progress bar the analysis takes; it is usually cached. */
#define ANALYSIS_SHARE 0.2

/**
 * co_subtitles_job_add_rules:
 * @object: a job's JSON parameters
 * @rules: the subtitle rules to keep in them
 *
 * Writes the rules a person can change (line length, lines, reading speed)
 * into @object, where co_subtitles_job_read_rules() finds them; the export
 * job keeps its rules the same way.
 */
void
co_subtitles_job_add_rules (JsonObject       *object,
                            const CoCueRules *rules)
{
  g_return_if_fail (object != NULL && rules != NULL);

  json_object_set_int_member (object, "max_chars", rules->max_chars_per_line);
  json_object_set_int_member (object, "max_lines", rules->max_lines);
  json_object_set_double_member (object, "max_cps", rules->max_cps);
}

/**
 * co_subtitles_job_read_rules:
 * @params_json: a job's parameters, which may hold rules from
 *   co_subtitles_job_add_rules()
 * @rules: (out caller-allocates): the rules; the broadcast defaults for what
 *   @params_json leaves out or holds out of range (the queue is in the
 *   database and may be damaged)
 */
void
co_subtitles_job_read_rules (const char *params_json,
                             CoCueRules *rules)
{
  JsonObject *object = NULL;
  g_autoptr(JsonNode) root = NULL;
  double cps;

  g_return_if_fail (params_json != NULL && rules != NULL);

  co_cue_rules_init (rules);
  root = co_json_read_object (params_json, &object);
  rules->max_chars_per_line = (int) CLAMP (co_json_get_int_or (object, "max_chars",
                                                               rules->max_chars_per_line), 1, 1000);
  rules->max_lines = (int) CLAMP (co_json_get_int_or (object, "max_lines", rules->max_lines),
                                  1, 100);
  cps = co_json_get_double_or (object, "max_cps", rules->max_cps);
  if (cps > 0)
    rules->max_cps = cps;
}

/**
 * co_subtitles_job_params:
 * @path: the media file
 * @params: the analysis whose silences split the speech
 * @rules: (nullable): the rules the cues follow; %NULL for the broadcast defaults
 *
 * Returns: (transfer full): the JSON parameters co_subtitles_job_run() reads
 */
char *
co_subtitles_job_params (const char             *path,
                         const CoAnalysisParams *params,
                         const CoCueRules       *rules)
{
  g_autofree char *analysis = NULL;
  g_autoptr(JsonNode) root = NULL;
  CoCueRules defaults;

  g_return_val_if_fail (path != NULL && params != NULL, NULL);

  /* The members of an analysis job (the file and the knobs), and the rules. */
  analysis = co_analysis_job_params (path, params);
  root = json_from_string (analysis, NULL);
  co_cue_rules_init (&defaults);
  co_subtitles_job_add_rules (json_node_get_object (root), rules != NULL ? rules : &defaults);
  return json_to_string (root, FALSE);
}

/**
 * co_subtitles_job_dup_path:
 * @params_json: made by co_subtitles_job_params()
 *
 * Returns: (transfer full) (nullable): the media file the job is for
 */
char *
co_subtitles_job_dup_path (const char *params_json)
{
  JsonObject *object = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (params_json != NULL, NULL);

  /* The queue is in the database and may be damaged: the type of "path"
   * is checked before it is read (co-json-read.h). */
  root = co_json_read_object (params_json, &object);
  return g_strdup (co_json_get_string (object, "path"));
}

/**
 * co_subtitles_job_run:
 * @job: the running job
 * @params_json: made by co_subtitles_job_params()
 * @store: (type CoStore): the store that keeps analyses, words and subtitles
 * @error: return location for a #GError
 *
 * The #CoJobRunFunc for %CO_SUBTITLES_JOB_KIND: transcribes the file and
 * keeps the cues with co_cue_store_save(), replacing those
 * kept before.  Running it again after a crash is safe: the analysis and
 * the recognised words come from the cache.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitles_job_run (CoJob       *job,
                      const char  *params_json,
                      gpointer     store,
                      GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GHashTable) names = NULL;
  GCancellable *cancellable = co_job_get_cancellable (job);
  CoProgressSpan analysing = { co_job_progress_cb, job, 0.0, ANALYSIS_SHARE, NULL };
  CoProgressSpan recognising = { co_job_progress_cb, job, ANALYSIS_SHARE, 1.0, NULL };
  CoAnalysisParams params;
  CoCueRules rules;

  if (!co_analysis_job_read_params (params_json, &path, &params))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("The subtitles job has no file to transcribe: %s"), params_json);
      return FALSE;
    }
  co_job_set_progress (job, 0.0, _("Analysing the sound"));
  analysis = co_analysis_cache_run (store, path, &params, NULL, co_progress_span_cb, &analysing,
                                    cancellable, error);
  if (analysis == NULL)
    return FALSE;
  co_job_set_progress (job, ANALYSIS_SHARE, _("Recognising speech"));
  words = co_transcript_cache_run (store, path, analysis, NULL, co_progress_span_cb,
                                   &recognising, cancellable, error);
  if (words == NULL)
    return FALSE;
  co_subtitles_job_read_rules (params_json, &rules);
  /* Names only refine the text; without them the words stay as spoken. */
  names = co_vault_dup_names (store, NULL);
  cues = co_timeline_build_cues (words, &rules, names, error);
  return cues != NULL && co_cue_store_save (store, path, cues, error);
}
