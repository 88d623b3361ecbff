/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "co-analysis-cache.h"
#include "co-analysis-job.h"
#include "co-cue-store.h"
#include "co-export-error.h"
#include "co-export-job.h"
#include "co-json-read.h"
#include "co-media-error.h"
#include "co-subtitles-job.h"
#include "co-transcript-cache.h"
#include "co-vault.h"

/*
 * An export: the options, the chain that turns a file into the timeline
 * they ask for (probe, analysis, co_timeline_build(), and for SRT and
 * WebVTT the kept or recognised subtitles), and the job that runs the
 * chain and writes the file.  The command line runs the chain itself; the
 * Export dialog queues the job.
 */

/**
 * co_export_options_init:
 * @options: (out caller-allocates): the options to fill
 * @format: what to write
 *
 * Sets the defaults: the whole source at its own rate, the default analysis
 * parameters and the broadcast subtitle rules; the analysis's markers for
 * the marker lists (Audition, Premiere markers) and its chapters for
 * YouTube chapters.
 */
void
co_export_options_init (CoExportOptions *options,
                        CoExportFormat   format)
{
  g_return_if_fail (options != NULL);

  *options = (CoExportOptions) { format, CO_TIMELINE_BUILD_NONE, { 0, 0 }, { 0 }, { 0 } };
  co_analysis_params_init (&options->params);
  co_cue_rules_init (&options->rules);
  if (format == CO_EXPORT_CHAPTERS)
    options->flags |= CO_TIMELINE_BUILD_CHAPTERS;
  /* A marker list is nothing but its markers. */
  if (format == CO_EXPORT_AUDITION_CSV || format == CO_EXPORT_PREMIERE_MARKERS)
    options->flags |= CO_TIMELINE_BUILD_MARKERS;
}

static gboolean
is_subtitle_format (CoExportFormat format)
{
  return format == CO_EXPORT_SRT || format == CO_EXPORT_VTT;
}

static CoAnalysis *
analyse_for_export (CoStore               *store,
                    const char            *path,
                    const CoMediaInfo     *info,
                    const CoExportOptions *options,
                    CoProgressSpan        *span,
                    GCancellable          *cancellable,
                    GError               **error)
{
  CoAnalysisParams params = options->params;

  /* Markers and chapters are mostly scene changes. */
  if (options->flags & (CO_TIMELINE_BUILD_MARKERS | CO_TIMELINE_BUILD_CHAPTERS))
    params.scenes |= info->has_video;
  span->message = _("Analysing the sound");
  co_progress_span_cb (0, NULL, span);
  return co_analysis_cache_run (store, path, &params, NULL, co_progress_span_cb, span, cancellable,
                                error);
}

/* Edited subtitles kept with the file win over a new transcription. */
static gboolean
add_export_cues (CoStore               *store,
                 CoTimeline            *timeline,
                 const char            *path,
                 const CoExportOptions *options,
                 CoAnalysis            *analysis,
                 CoProgressSpan        *span,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GHashTable) names = NULL;

  cues = co_cue_store_load (store, path, error);
  if (cues != NULL)
    {
      co_timeline_set_cues (timeline, cues);
      return TRUE;
    }
  if (error != NULL && *error != NULL)
    {
      co_media_error_wrap_file (error);
      return FALSE;
    }
  span->message = _("Recognising speech");
  co_progress_span_cb (0, NULL, span);
  words = co_transcript_cache_run (store, path, analysis, NULL, co_progress_span_cb, span,
                                   cancellable, error);
  if (words == NULL)
    return FALSE;
  /* Names only refine the text; without them the words stay as spoken. */
  names = co_vault_dup_names (store, NULL);
  return co_timeline_build_add_cues (timeline, words, &options->rules, names, error);
}

static CoMediaInfo *
probe_for_export (const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(CoMediaInfo) info = co_probe_file (path, CO_PROBE_NONE, cancellable, error);

  if (info != NULL && !info->has_audio && !info->has_video)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
                   _("“%s” is not a video or sound file"), path);
      return NULL;
    }
  return g_steal_pointer (&info);
}

/* Names the media as the editor is to show it, and points at a file with
 * its real extension (co_export_media_dup_path()). */
static gboolean
name_media (CoStore               *store,
            CoTimeline            *timeline,
            const CoExportSource  *source,
            const CoExportOptions *options,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autofree char *title = co_export_source_dup_title (source);
  g_autofree char *media = NULL;

  co_timeline_set_name (timeline, title);
  if (!co_export_format_links_media (options->format))
    return TRUE;
  media = co_export_media_dup_path (store, source, cancellable, error);
  if (media == NULL)
    return FALSE;
  co_timeline_set_media_path (timeline, media);
  return TRUE;
}

/**
 * co_export_job_build_timeline:
 * @store: the store that keeps analyses, transcripts and subtitles
 * @source: the media file, and for a vault item its title and digest
 * @options: what to export and how
 * @progress: (nullable) (scope call): called from this thread with the share done
 * @user_data: passed to @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Probes @source's file, runs (or reuses) the analysis the options need,
 * builds the timeline with co_timeline_build() and, for SRT and WebVTT,
 * gives it the subtitles kept with the file (co_cue_store_load()) or,
 * failing those, the cues of a transcription.  The timeline is named by
 * the item's title and, for the formats that link the media, points at
 * the file co_export_media_dup_path() finds or makes.  Blocks: call it in
 * a thread.
 *
 * Returns: (transfer full) (nullable): the timeline, ready for
 *   co_export_write(), or %NULL with a %CO_MEDIA_ERROR or %CO_EXPORT_ERROR
 *   naming the file
 */
CoTimeline *
co_export_job_build_timeline (CoStore               *store,
                              const CoExportSource  *source,
                              const CoExportOptions *options,
                              CoProgressFunc         progress,
                              gpointer               user_data,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(CoMediaInfo) info = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(CoTimeline) timeline = NULL;
  const char *path;
  gboolean subtitles;
  CoProgressSpan span = { progress, user_data, 0, 1, NULL };

  g_return_val_if_fail (CO_IS_STORE (store) && source != NULL && options != NULL, NULL);

  path = source->path;
  subtitles = is_subtitle_format (options->format);
  span.to = subtitles ? 0.5 : 1;
  info = probe_for_export (path, cancellable, error);
  if (info == NULL)
    return NULL;
  if ((options->flags != CO_TIMELINE_BUILD_NONE || subtitles) &&
      (analysis = analyse_for_export (store, path, info, options, &span, cancellable,
                                      error)) == NULL)
    return NULL;
  timeline = co_timeline_build (path, info, analysis, options->rate, options->flags, error);
  span = (CoProgressSpan) { progress, user_data, span.to, 1, NULL };
  if (timeline == NULL ||
      (subtitles && !add_export_cues (store, timeline, path, options, analysis, &span,
                                      cancellable, error)) ||
      !name_media (store, timeline, source, options, cancellable, error))
    return NULL;
  return g_steal_pointer (&timeline);
}

/* The export job. */

static void
set_optional_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/**
 * co_export_job_params:
 * @source: the media file, and for a vault item its title and digest
 * @options: what to export
 * @output: the file to write
 * @overwrite: whether an existing @output is replaced
 *
 * Returns: (transfer full): the JSON parameters co_export_job_run() reads
 */
char *
co_export_job_params (const CoExportSource  *source,
                      const CoExportOptions *options,
                      const char            *output,
                      gboolean               overwrite)
{
  g_autofree char *analysis = co_analysis_job_params (source->path, &options->params);
  g_autoptr(JsonNode) root = json_from_string (analysis, NULL);
  JsonObject *object = json_node_get_object (root);

  json_object_set_string_member (object, "format", co_export_format_to_name (options->format));
  json_object_set_int_member (object, "flags", options->flags);
  json_object_set_int_member (object, "rate_num", options->rate.num);
  json_object_set_int_member (object, "rate_den", options->rate.den);
  json_object_set_string_member (object, "output", output);
  json_object_set_boolean_member (object, "overwrite", overwrite);
  set_optional_string (object, "sha256", source->sha256);
  set_optional_string (object, "title", source->title);
  set_optional_string (object, "original_name", source->original_name);
  set_optional_string (object, "mime", source->mime);
  co_subtitles_job_add_rules (object, &options->rules);
  return json_to_string (root, FALSE);
}

/* The source of a queued export, with the strings it borrows. */
typedef struct
{
  CoExportSource  source;
  char           *path;
  char           *sha256;
  char           *title;
  char           *original_name;
  char           *mime;
} JobSource;

static void
job_source_clear (JobSource *job_source)
{
  g_free (job_source->path);
  g_free (job_source->sha256);
  g_free (job_source->title);
  g_free (job_source->original_name);
  g_free (job_source->mime);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JobSource, job_source_clear)

static gboolean
is_digest (const char *text)
{
  gsize n = 0;

  for (; text != NULL && g_ascii_isxdigit (text[n]); n++)
    ;
  return n == 64 && text[n] == '\0';
}

/* The vault item's members; a digest that is not one is left out, so the
 * export points at the file read. */
static void
read_source (JsonObject *o,
             char       *path,
             JobSource  *out)
{
  const char *sha256 = co_json_get_string (o, "sha256");

  out->path = path;
  out->sha256 = is_digest (sha256) ? g_ascii_strdown (sha256, -1) : NULL;
  out->title = g_strdup (co_json_get_string (o, "title"));
  out->original_name = g_strdup (co_json_get_string (o, "original_name"));
  out->mime = g_strdup (co_json_get_string (o, "mime"));
  out->source = (CoExportSource) { out->path, out->sha256, out->title, out->original_name,
                                   out->mime };
}

/* The export job's parameters: the analysis job's (read by the same
 * reader), plus the format, the output and how to write it, and the vault
 * item's title and digest.  The queue is in the database and may be
 * damaged, so every member's type is checked before it is read
 * (co-json-read.h). */
static gboolean
parse_export_params (const char       *params_json,
                     CoExportOptions  *options,
                     JobSource        *out_source,
                     char            **out_output,
                     gboolean         *out_overwrite,
                     GError          **error)
{
  JsonObject *o = NULL;
  g_autoptr(JsonNode) root = co_json_read_object (params_json, &o);
  const char *format = co_json_get_string (o, "format");
  const char *output = co_json_get_string (o, "output");
  g_autofree char *path = NULL;
  CoAnalysisParams params;
  CoExportFormat value;

  if (!co_analysis_job_read_params (params_json, &path, &params) || output == NULL ||
      format == NULL || !co_export_format_from_name (format, &value, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                     _("The export job lacks a file, a format or an output: %s"), params_json);
      return FALSE;
    }
  co_export_options_init (options, value);
  options->flags = (CoTimelineBuildFlags) co_json_get_int_or (o, "flags", options->flags);
  options->rate.num = (int) CLAMP (co_json_get_int_or (o, "rate_num", 0), 0, G_MAXINT);
  options->rate.den = (int) CLAMP (co_json_get_int_or (o, "rate_den", 0), 0, G_MAXINT);
  options->params = params;
  co_subtitles_job_read_rules (params_json, &options->rules);
  read_source (o, g_steal_pointer (&path), out_source);
  *out_output = g_strdup (output);
  *out_overwrite = co_json_get_boolean_or (o, "overwrite", FALSE);
  return TRUE;
}

/**
 * co_export_job_run:
 * @job: the running job
 * @params_json: made by co_export_job_params()
 * @store: (type CoStore): the store that keeps results
 * @error: return location for a #GError
 *
 * The #CoJobRunFunc for %CO_EXPORT_JOB_KIND: co_export_job_build_timeline()
 * then co_export_write().  An existing output is only replaced when the
 * parameters say so.
 *
 * Returns: %TRUE on success, else %FALSE with an error naming the file
 */
gboolean
co_export_job_run (CoJob       *job,
                   const char  *params_json,
                   gpointer     store,
                   GError     **error)
{
  g_auto(JobSource) source = { { 0 }, NULL, NULL, NULL, NULL, NULL };
  g_autofree char *output = NULL;
  g_autoptr(CoTimeline) timeline = NULL;
  CoProgressSpan building = { co_job_progress_cb, job, 0.0, 0.98, NULL };
  CoExportOptions options;
  gboolean overwrite = FALSE;

  if (!parse_export_params (params_json, &options, &source, &output, &overwrite, error))
    return FALSE;
  if (!overwrite && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS,
                   _("“%s” already exists and was not replaced"), output);
      return FALSE;
    }
  co_job_set_progress (job, 0.0, _("Reading the file"));
  timeline = co_export_job_build_timeline (store, &source.source, &options, co_progress_span_cb,
                                           &building, co_job_get_cancellable (job), error);
  if (timeline == NULL)
    return FALSE;
  co_job_set_progress (job, 0.99, _("Writing the export"));
  return co_export_write (options.format, timeline, output,
                          overwrite ? CO_EXPORT_FLAGS_OVERWRITE : CO_EXPORT_FLAGS_NONE, error);
}
