/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "co-analysis-cache.h"
#include "co-analysis-job.h"
#include "co-error.h"
#include "co-timeline-build.h"
#include "co-transcriber.h"

/*
 * The one place that turns an analysis and a transcription into a
 * timeline, for the command line and the Export dialog alike.  Everything
 * here is a pure function of its inputs except the transcription cache,
 * so the tests can feed hand-made analyses.
 */

/* How far a rate may be from a standard one and still be read as it: a
 * container may store 29.97 as 2997/100 instead of 30000/1001. */
#define RATE_TOLERANCE 0.0005

/* An edit point this close to the media's start or end, or to a silence's
 * edge, is taken to be there. */
#define EDGE_EPSILON 0.002

static const CoRate standard_rates[] = {
  { 24000, 1001 }, { 24, 1 }, { 25, 1 }, { 30000, 1001 },
  { 30, 1 }, { 50, 1 }, { 60000, 1001 }, { 60, 1 },
};

typedef struct
{
  CoTimeline       *timeline;
  const CoAnalysis *analysis;
  gint64            duration_us;
  gint64            kept_from;
  double            cut_from;
  guint             n_kept;
} Builder;

static gint64
seconds_to_us (double seconds)
{
  return (gint64) llround (seconds * CO_USEC_PER_SEC);
}

/**
 * co_timeline_build_source_rate:
 * @info: what the probe found out about a file
 *
 * Picks the rate a timeline of @info counts in: one of the editors'
 * standard rates (23.976, 24, 25, 29.97, 30, 50, 59.94, 60) when the
 * source is within 0.05 % of it, otherwise the source's own rate, and
 * %CO_TIMELINE_BUILD_AUDIO_RATE for files without a usable video rate.
 *
 * Returns: the rate
 */
CoRate
co_timeline_build_source_rate (const CoMediaInfo *info)
{
  CoRate own;
  double fps;

  g_return_val_if_fail (info != NULL, CO_TIMELINE_BUILD_AUDIO_RATE);

  if (!info->has_video || info->framerate_num <= 0 || info->framerate_den <= 0)
    return CO_TIMELINE_BUILD_AUDIO_RATE;
  fps = (double) info->framerate_num / info->framerate_den;
  for (gsize i = 0; i < G_N_ELEMENTS (standard_rates); i++)
    {
      double standard = (double) standard_rates[i].num / standard_rates[i].den;

      if (fabs (fps - standard) / standard < RATE_TOLERANCE)
        return standard_rates[i];
    }
  own = CO_RATE_INIT (info->framerate_num, info->framerate_den);
  return co_rate_is_valid (own) ? own : CO_TIMELINE_BUILD_AUDIO_RATE;
}

/* The silence an edit point was made from, if any. */
static const CoInterval *
find_silence (const CoAnalysis *analysis,
              double            time)
{
  gsize n_silences;
  const CoInterval *silences = co_analysis_get_silences (analysis, &n_silences);

  for (gsize i = 0; i < n_silences; i++)
    {
      if (silences[i].start - EDGE_EPSILON <= time && time <= silences[i].end + EDGE_EPSILON)
        return &silences[i];
    }
  return NULL;
}

static void
keep_until (Builder *builder,
            gint64   end_us)
{
  end_us = MIN (end_us, builder->duration_us);
  if (end_us <= builder->kept_from)
    return;
  co_timeline_add_kept_range (builder->timeline, builder->kept_from, end_us);
  builder->n_kept++;
}

/* A cut-out/cut-in pair keeps the padding around the words.  A silence
 * that opens or closes the file has no words on that side, so the cut
 * reaches the file's edge instead of leaving a sliver of silence. */
static void
cut_out (Builder *builder,
         double   time)
{
  const CoInterval *silence = find_silence (builder->analysis, time);

  builder->cut_from = silence != NULL && silence->start <= EDGE_EPSILON ? 0.0 : time;
}

static void
cut_in (Builder *builder,
        double   time)
{
  const CoInterval *silence = find_silence (builder->analysis, time);
  double duration = (double) builder->duration_us / CO_USEC_PER_SEC;

  if (builder->cut_from < 0)
    return;
  keep_until (builder, seconds_to_us (builder->cut_from));
  if (silence != NULL && silence->end >= duration - EDGE_EPSILON)
    time = duration;
  builder->kept_from = MIN (seconds_to_us (time), builder->duration_us);
  builder->cut_from = -1;
}

static gboolean
cut_silences (Builder  *builder,
              GError  **error)
{
  gsize n_points;
  const CoEditPoint *points = co_analysis_get_edit_points (builder->analysis, &n_points);
  gboolean cut = FALSE;

  builder->kept_from = 0;
  builder->cut_from = -1;
  for (gsize i = 0; i < n_points; i++)
    {
      if (points[i].kind == CO_EDIT_POINT_CUT_OUT)
        cut_out (builder, points[i].time);
      else if (points[i].kind == CO_EDIT_POINT_CUT_IN)
        {
          cut |= builder->cut_from >= 0;
          cut_in (builder, points[i].time);
        }
    }
  if (!cut)
    return TRUE;
  keep_until (builder, builder->duration_us);
  /* With no kept range a timeline keeps everything, the opposite of what
   * cutting a silent file means. */
  if (builder->n_kept > 0 && co_timeline_get_record_frames (builder->timeline) > 0)
    return TRUE;
  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
               _("Nothing of “%s” is left once its silences are cut: it is silent"),
               co_timeline_get_media_path (builder->timeline));
  return FALSE;
}

static void
add_marker (Builder      *builder,
            CoMarkerKind  kind,
            double        start,
            double        end,
            const char   *name,
            const char   *comment)
{
  gint64 start_us = seconds_to_us (start);
  gint64 end_us = MIN (seconds_to_us (end), builder->duration_us);

  /* The sound may run a little past the picture; the timeline ends with
   * the container's duration. */
  if (start_us < 0 || start_us > builder->duration_us)
    return;
  co_timeline_add_marker (builder->timeline, kind, start_us, MAX (end_us - start_us, 0), name,
                          comment);
}

static void
add_pause_marker (Builder           *builder,
                  const CoEditPoint *point)
{
  const CoInterval *silence = find_silence (builder->analysis, point->time);
  double end = silence != NULL ? silence->end : point->time;

  add_marker (builder, CO_MARKER_SILENCE, point->time, end, _("Pause"), point->reason);
}

static void
add_cut_marker (Builder           *builder,
                const CoEditPoint *out,
                const CoEditPoint *in)
{
  g_autofree char *comment = g_strconcat (out->reason, " ", in->reason, NULL);

  add_marker (builder, CO_MARKER_CUT, out->time, in->time, _("Suggested cut"), comment);
}

static void
add_markers (Builder              *builder,
             CoTimelineBuildFlags  flags)
{
  gsize n_points;
  const CoEditPoint *points = co_analysis_get_edit_points (builder->analysis, &n_points);
  const CoEditPoint *open_cut = NULL;
  guint n_chapters = 1;

  for (gsize i = 0; i < n_points; i++)
    {
      const CoEditPoint *p = &points[i];
      gboolean markers = (flags & CO_TIMELINE_BUILD_MARKERS) != 0;

      if (p->kind == CO_EDIT_POINT_SCENE && markers)
        add_marker (builder, CO_MARKER_SCENE, p->time, p->time, _("Scene change"), p->reason);
      if (p->kind == CO_EDIT_POINT_SCENE && (flags & CO_TIMELINE_BUILD_CHAPTERS))
        {
          g_autofree char *name = g_strdup_printf (_("Chapter %u"), ++n_chapters);
          add_marker (builder, CO_MARKER_CHAPTER, p->time, p->time, name, p->reason);
        }
      if (p->kind == CO_EDIT_POINT_PAUSE && markers)
        add_pause_marker (builder, p);
      /* Cuts that are made are edits, not suggestions any more. */
      if (!markers || (flags & CO_TIMELINE_BUILD_CUT_SILENCES))
        continue;
      if (p->kind == CO_EDIT_POINT_CUT_OUT)
        open_cut = p;
      else if (p->kind == CO_EDIT_POINT_CUT_IN && open_cut != NULL)
        {
          add_cut_marker (builder, open_cut, p);
          open_cut = NULL;
        }
    }
}

static gint64
source_duration_us (const CoMediaInfo *info,
                    const CoAnalysis  *analysis)
{
  if (info->duration > 0)
    return seconds_to_us (info->duration);
  return analysis != NULL ? seconds_to_us (co_analysis_get_duration (analysis)) : 0;
}

/**
 * co_timeline_build:
 * @path: the source media file
 * @info: what co_probe_file() found out about @path
 * @analysis: (nullable): its analysis; without one the whole source is
 *   kept and there are no markers
 * @rate: the rate to count in, or `{0, 0}` for the source's
 *   (co_timeline_build_source_rate())
 * @flags: whether to cut the silences, and which markers to add
 * @error: return location for a #GError
 *
 * Builds the timeline the editor exports write: the source's video size,
 * sound channels and duration, the kept ranges (the source minus the
 * suggested cuts, when asked), and markers from the edit suggestions with
 * their reasons.  Drop-frame timecode is used at 29.97 and 59.94.
 *
 * Returns: (transfer full) (nullable): a valid timeline, or %NULL with a
 *   %CO_EXPORT_ERROR_INVALID error naming @path (a bad rate, a source
 *   shorter than a frame, or nothing left after cutting)
 */
CoTimeline *
co_timeline_build (const char            *path,
                   const CoMediaInfo     *info,
                   const CoAnalysis      *analysis,
                   CoRate                 rate,
                   CoTimelineBuildFlags   flags,
                   GError               **error)
{
  g_autofree char *absolute = NULL;
  g_autoptr(CoTimeline) timeline = NULL;
  Builder builder = { 0 };

  g_return_val_if_fail (path != NULL && info != NULL, NULL);

  if (rate.num == 0 && rate.den == 0)
    rate = co_timeline_build_source_rate (info);
  absolute = g_canonicalize_filename (path, NULL);
  timeline = co_timeline_new (absolute, rate, source_duration_us (info, analysis));
  co_timeline_set_video (timeline, info->has_video, info->width, info->height);
  co_timeline_set_audio (timeline, info->has_audio ? MAX (info->channels, 1) : 0,
                         info->sample_rate > 0 ? info->sample_rate : 48000);
  if (!co_timeline_validate (timeline, error))
    return NULL;

  builder = (Builder) { timeline, analysis, co_timeline_get_duration_us (timeline), 0, -1, 0 };
  if (analysis != NULL && (flags & CO_TIMELINE_BUILD_CUT_SILENCES) &&
      !cut_silences (&builder, error))
    return NULL;
  if (analysis != NULL)
    add_markers (&builder, flags);
  return g_steal_pointer (&timeline);
}

/**
 * co_timeline_build_cues:
 * @words: (element-type CoSpeechWord): recognised words in time order
 * @rules: the subtitle rules, from co_cue_rules_init()
 * @error: return location for a #GError
 *
 * Turns a transcription into subtitle cues with the cue builder.
 *
 * Returns: (transfer full) (element-type CoCue) (nullable): the cues (none
 *   for no words), or %NULL with a %CO_EXPORT_ERROR_INVALID error
 */
GPtrArray *
co_timeline_build_cues (GPtrArray         *words,
                        const CoCueRules  *rules,
                        GError           **error)
{
  g_autofree CoWord *input = NULL;

  g_return_val_if_fail (words != NULL && rules != NULL, NULL);

  if (words->len == 0)
    return co_cue_list_new ();
  input = g_new0 (CoWord, words->len);
  for (guint i = 0; i < words->len; i++)
    {
      const CoSpeechWord *word = g_ptr_array_index (words, i);

      input[i] = (CoWord) { word->text, seconds_to_us (word->start), seconds_to_us (word->end),
                            word->confidence };
    }
  return co_cue_builder_build (input, words->len, rules, error);
}

/**
 * co_timeline_build_add_cues:
 * @timeline: a timeline
 * @words: (element-type CoSpeechWord): recognised words in time order
 * @rules: (nullable): the subtitle rules; %NULL for the defaults
 * @error: return location for a #GError
 *
 * Gives @timeline the subtitles of @words.  The minimum gap between cues
 * is counted in the timeline's frame rate.
 *
 * Returns: %TRUE on success
 */
gboolean
co_timeline_build_add_cues (CoTimeline        *timeline,
                            GPtrArray         *words,
                            const CoCueRules  *rules,
                            GError           **error)
{
  g_autoptr(GPtrArray) cues = NULL;
  CoCueRules local;

  g_return_val_if_fail (CO_IS_TIMELINE (timeline) && words != NULL, FALSE);

  if (rules != NULL)
    local = *rules;
  else
    co_cue_rules_init (&local);
  local.rate = co_timeline_get_rate (timeline);
  cues = co_timeline_build_cues (words, &local, error);
  if (cues == NULL)
    return FALSE;
  co_timeline_set_cues (timeline, cues);
  return TRUE;
}

/* The transcript depends on the engine, its model and where the speech was
 * split, so all three name the kept result. */
static char *
transcript_params_key (CoSpeechEngine   *engine,
                       const CoAnalysis *analysis)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *model = g_getenv ("CREATOROPS_SPEECH_MODEL_DIR");
  gsize n_silences = 0;
  const CoInterval *silences = analysis ? co_analysis_get_silences (analysis, &n_silences) : NULL;

  g_checksum_update (checksum, (const guchar *) G_OBJECT_TYPE_NAME (engine), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (model != NULL)
    g_checksum_update (checksum, (const guchar *) model, -1);
  for (gsize i = 0; i < n_silences; i++)
    {
      char line[64];

      g_snprintf (line, sizeof line, "\n%.3f-%.3f", silences[i].start, silences[i].end);
      g_checksum_update (checksum, (const guchar *) line, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/*
 * Kept words and cues are stored as {"NAME": [ {…}, … ]}.  These two write
 * and read that shape; each list says how one of its items looks.
 */
typedef void     (*ItemWriter) (JsonBuilder *builder,
                                gconstpointer item);
typedef gpointer (*ItemReader) (JsonObject  *object,
                                const char  *text);

static char *
list_to_json (const char *name,
              GPtrArray  *items,
              ItemWriter  write)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      write (builder, g_ptr_array_index (items, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Fills @items from @text; FALSE when it is not such a list or an item
 * lacks its "text". */
static gboolean
list_from_json (const char *text,
                const char *name,
                GPtrArray  *items,
                ItemReader  read)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *array = object ? json_object_get_array_member (object, name) : NULL;

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *item_text = item ? json_object_get_string_member_with_default (item, "text",
                                                                                 NULL) : NULL;

      if (item_text == NULL)
        return FALSE;
      g_ptr_array_add (items, read (item, item_text));
    }
  return TRUE;
}

static void
write_word (JsonBuilder  *builder,
            gconstpointer item)
{
  const CoSpeechWord *word = item;

  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, word->text);
  json_builder_set_member_name (builder, "start");
  json_builder_add_double_value (builder, word->start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_double_value (builder, word->end);
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, word->confidence);
}

static gpointer
read_word (JsonObject *w,
           const char *text)
{
  return co_speech_word_new (text, json_object_get_double_member (w, "start"),
                             json_object_get_double_member (w, "end"),
                             json_object_get_double_member (w, "confidence"));
}

static char *
words_to_json (GPtrArray *words)
{
  return list_to_json ("words", words, write_word);
}

static GPtrArray *
words_from_json (const char *text)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                               co_speech_word_free);

  return list_from_json (text, "words", words, read_word) ? g_steal_pointer (&words) : NULL;
}

static GPtrArray *
load_cached_words (CoStore    *store,
                   const char *source_key,
                   const char *params_key)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *words;

  if (!co_store_get_result (store, CO_TRANSCRIPT_RESULT_KIND, source_key, params_key, &json,
                            NULL, &error))
    {
      if (error != NULL)
        g_warning ("Ignoring the kept transcript of %s: %s", source_key, error->message);
      return NULL;
    }
  words = words_from_json (json);
  if (words == NULL)
    g_warning ("Ignoring the kept transcript of %s: it cannot be read", source_key);
  return words;
}

static GPtrArray *
transcribe (CoSpeechEngine        *engine,
            const char            *path,
            const CoAnalysis      *analysis,
            CoProgressFunc         progress,
            gpointer               user_data,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (engine);
  g_autoptr(CoTranscript) transcript = NULL;
  gsize n_silences = 0;
  const CoInterval *silences = analysis ? co_analysis_get_silences (analysis, &n_silences) : NULL;

  for (gsize i = 0; i < n_silences; i++)
    {
      if (silences[i].end > silences[i].start)
        co_transcriber_add_silence (transcriber, silences[i].start, silences[i].end);
    }
  co_transcriber_set_progress_func (transcriber, progress, user_data, NULL);
  transcript = co_transcriber_transcribe (transcriber, path, cancellable, error);
  if (transcript == NULL)
    return NULL;
  return g_ptr_array_ref (co_transcript_get_words (transcript));
}

/**
 * co_timeline_build_transcribe:
 * @store: the store that keeps results
 * @path: a media file with speech
 * @analysis: (nullable): its analysis, whose silences split the speech;
 *   without one the transcriber finds pauses itself
 * @out_cached: (out) (optional): %TRUE when a kept transcript was used
 * @progress: (nullable) (scope call): called with the share done
 * @user_data: passed to @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Transcribes @path with the default speech engine, or returns at once the
 * transcript kept from an earlier run on the same file with the same
 * engine and silences.  New transcripts are kept (kind
 * %CO_TRANSCRIPT_RESULT_KIND).
 *
 * Returns: (transfer full) (element-type CoSpeechWord) (nullable): the
 *   words, or %NULL with @error set (%CO_MEDIA_ERROR_SPEECH_MODEL for a bad
 *   model, another %CO_MEDIA_ERROR naming @path for a bad file)
 */
GPtrArray *
co_timeline_build_transcribe (CoStore               *store,
                              const char            *path,
                              const CoAnalysis      *analysis,
                              gboolean              *out_cached,
                              CoProgressFunc         progress,
                              gpointer               user_data,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(CoSpeechEngine) engine = co_speech_engine_new_default ();
  g_autofree char *source_key = NULL;
  g_autofree char *params_key = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) keep_error = NULL;
  GPtrArray *words;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL, NULL);

  if (out_cached != NULL)
    *out_cached = FALSE;
  source_key = co_analysis_source_key (path, error);
  if (source_key == NULL)
    return NULL;
  params_key = transcript_params_key (engine, analysis);
  words = load_cached_words (store, source_key, params_key);
  if (words != NULL)
    {
      if (out_cached != NULL)
        *out_cached = TRUE;
      return words;
    }

  words = transcribe (engine, path, analysis, progress, user_data, cancellable, error);
  if (words == NULL)
    return NULL;
  json = words_to_json (words);
  /* The words are right even if keeping them fails; that only costs time. */
  if (!co_store_put_result (store, CO_TRANSCRIPT_RESULT_KIND, source_key, params_key, json, NULL,
                            &keep_error))
    g_warning ("Cannot keep the transcript of %s: %s", path, keep_error->message);
  return words;
}

/* The export chain the command line and the Export dialog share. */

/**
 * co_export_options_init:
 * @options: (out caller-allocates): the options to fill
 * @format: what to write
 *
 * Sets the defaults: the whole source at its own rate, the default analysis
 * parameters and the broadcast subtitle rules.
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

  cues = co_timeline_build_load_subtitles (store, path, error);
  if (cues != NULL)
    {
      co_timeline_set_cues (timeline, cues);
      return TRUE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  span->message = _("Recognising speech");
  co_progress_span_cb (0, NULL, span);
  words = co_timeline_build_transcribe (store, path, analysis, NULL, co_progress_span_cb, span,
                                        cancellable, error);
  return words != NULL && co_timeline_build_add_cues (timeline, words, &options->rules, error);
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

/**
 * co_timeline_build_for_export:
 * @store: the store that keeps analyses, transcripts and subtitles
 * @path: a media file
 * @options: what to export and how
 * @progress: (nullable) (scope call): called from this thread with the share done
 * @user_data: passed to @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Probes @path, runs (or reuses) the analysis the options need, builds the
 * timeline with co_timeline_build() and, for SRT and WebVTT, gives it the
 * subtitles kept with the file (co_timeline_build_save_subtitles()) or,
 * failing those, the cues of a transcription.  Blocks: call it in a thread.
 *
 * Returns: (transfer full) (nullable): the timeline, ready for
 *   co_export_write(), or %NULL with a %CO_MEDIA_ERROR or %CO_EXPORT_ERROR
 *   naming @path
 */
CoTimeline *
co_timeline_build_for_export (CoStore               *store,
                              const char            *path,
                              const CoExportOptions *options,
                              CoProgressFunc         progress,
                              gpointer               user_data,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(CoMediaInfo) info = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(CoTimeline) timeline = NULL;
  gboolean subtitles;
  CoProgressSpan span = { progress, user_data, 0, 1, NULL };

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL && options != NULL, NULL);

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
                                      cancellable, error)))
    return NULL;
  return g_steal_pointer (&timeline);
}

/* Subtitles kept with the file. */

static void
write_cue (JsonBuilder  *builder,
           gconstpointer item)
{
  const CoCue *cue = item;

  json_builder_set_member_name (builder, "start_us");
  json_builder_add_int_value (builder, cue->start_us);
  json_builder_set_member_name (builder, "end_us");
  json_builder_add_int_value (builder, cue->end_us);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, cue->text);
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, cue->confidence);
  json_builder_set_member_name (builder, "flagged");
  json_builder_add_boolean_value (builder, cue->flagged);
}

static gpointer
read_cue (JsonObject *c,
          const char *text)
{
  CoCue *cue = co_cue_new (json_object_get_int_member (c, "start_us"),
                           json_object_get_int_member (c, "end_us"), text);

  cue->confidence = json_object_get_double_member_with_default (c, "confidence", 1);
  cue->flagged = json_object_get_boolean_member_with_default (c, "flagged", FALSE);
  return cue;
}

static char *
cues_to_json (GPtrArray *cues)
{
  return list_to_json ("cues", cues, write_cue);
}

static GPtrArray *
cues_from_json (const char *text)
{
  g_autoptr(GPtrArray) cues = co_cue_list_new ();

  return list_from_json (text, "cues", cues, read_cue) ? g_steal_pointer (&cues) : NULL;
}

/**
 * co_timeline_build_load_subtitles:
 * @store: the store
 * @path: a media file
 * @error: return location for a #GError
 *
 * Reads the subtitles kept with @path (kind %CO_SUBTITLES_RESULT_KIND,
 * keyed by the file like its analyses).
 *
 * Returns: (transfer full) (element-type CoCue) (nullable): the cues, or
 *   %NULL without an error when none are kept, or %NULL with an error when
 *   @path or the store cannot be read
 */
GPtrArray *
co_timeline_build_load_subtitles (CoStore     *store,
                                  const char  *path,
                                  GError     **error)
{
  g_autofree char *source_key = NULL;
  g_autofree char *json = NULL;
  GPtrArray *cues;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL, NULL);

  source_key = co_analysis_source_key (path, error);
  if (source_key == NULL ||
      !co_store_get_result (store, CO_SUBTITLES_RESULT_KIND, source_key, "", &json, NULL, error))
    return NULL;
  cues = cues_from_json (json);
  if (cues == NULL)
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                 _("The subtitles kept for “%s” cannot be read"), path);
  return cues;
}

/**
 * co_timeline_build_save_subtitles:
 * @store: the store
 * @path: a media file
 * @cues: (element-type CoCue): its subtitles
 * @error: return location for a #GError
 *
 * Keeps @cues with @path, replacing what was kept, so that they survive a
 * restart and the SRT and WebVTT exports use them.
 *
 * Returns: %TRUE on success
 */
gboolean
co_timeline_build_save_subtitles (CoStore     *store,
                                  const char  *path,
                                  GPtrArray   *cues,
                                  GError     **error)
{
  g_autofree char *source_key = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL && cues != NULL, FALSE);

  source_key = co_analysis_source_key (path, error);
  if (source_key == NULL)
    return FALSE;
  json = cues_to_json (cues);
  return co_store_put_result (store, CO_SUBTITLES_RESULT_KIND, source_key, "", json, NULL, error);
}

/* The export job. */

/**
 * co_export_job_params:
 * @path: the media file
 * @options: what to export
 * @output: the file to write
 * @overwrite: whether an existing @output is replaced
 *
 * Returns: (transfer full): the JSON parameters co_export_job_run() reads
 */
char *
co_export_job_params (const char            *path,
                      const CoExportOptions *options,
                      const char            *output,
                      gboolean               overwrite)
{
  g_autofree char *analysis = co_analysis_job_params (path, &options->params);
  g_autoptr(JsonNode) root = json_from_string (analysis, NULL);
  JsonObject *object = json_node_get_object (root);

  json_object_set_string_member (object, "format", co_export_format_to_name (options->format));
  json_object_set_int_member (object, "flags", options->flags);
  json_object_set_int_member (object, "rate_num", options->rate.num);
  json_object_set_int_member (object, "rate_den", options->rate.den);
  json_object_set_string_member (object, "output", output);
  json_object_set_boolean_member (object, "overwrite", overwrite);
  return json_to_string (root, FALSE);
}

static gboolean
parse_export_params (const char       *params_json,
                     CoExportOptions  *options,
                     char            **out_path,
                     char            **out_output,
                     gboolean         *out_overwrite,
                     GError          **error)
{
  g_autoptr(JsonNode) root = json_from_string (params_json, NULL);
  JsonObject *o = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *format = o ? json_object_get_string_member_with_default (o, "format", NULL) : NULL;
  const char *path = o ? json_object_get_string_member_with_default (o, "path", NULL) : NULL;
  const char *output = o ? json_object_get_string_member_with_default (o, "output", NULL) : NULL;
  CoExportFormat value;

  if (path == NULL || output == NULL || format == NULL ||
      !co_export_format_from_name (format, &value, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                     _("The export job lacks a file, a format or an output: %s"), params_json);
      return FALSE;
    }
  co_export_options_init (options, value);
  options->flags = json_object_get_int_member_with_default (o, "flags", options->flags);
  options->rate.num = json_object_get_int_member_with_default (o, "rate_num", 0);
  options->rate.den = json_object_get_int_member_with_default (o, "rate_den", 0);
  options->params.threshold_db = json_object_get_double_member_with_default (
    o, "threshold_db", options->params.threshold_db);
  options->params.min_silence = json_object_get_double_member_with_default (
    o, "min_silence", options->params.min_silence);
  options->params.padding = json_object_get_double_member_with_default (
    o, "padding", options->params.padding);
  options->params.keep_pauses_over = json_object_get_double_member_with_default (
    o, "keep_pauses_over", options->params.keep_pauses_over);
  options->params.scenes = json_object_get_boolean_member_with_default (o, "scenes", FALSE);
  *out_path = g_strdup (path);
  *out_output = g_strdup (output);
  *out_overwrite = json_object_get_boolean_member_with_default (o, "overwrite", FALSE);
  return TRUE;
}

static void
job_build_progress_cb (double      fraction,
                       const char *message,
                       gpointer    user_data)
{
  co_job_set_progress (user_data, fraction * 0.98, message);
}

/**
 * co_export_job_run:
 * @job: the running job
 * @params_json: made by co_export_job_params()
 * @store: (type CoStore): the store that keeps results
 * @error: return location for a #GError
 *
 * The #CoJobRunFunc for %CO_EXPORT_JOB_KIND: co_timeline_build_for_export()
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
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autoptr(CoTimeline) timeline = NULL;
  CoExportOptions options;
  gboolean overwrite = FALSE;

  if (!parse_export_params (params_json, &options, &path, &output, &overwrite, error))
    return FALSE;
  if (!overwrite && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS,
                   _("“%s” already exists and was not replaced"), output);
      return FALSE;
    }
  co_job_set_progress (job, 0.0, _("Reading the file"));
  timeline = co_timeline_build_for_export (store, path, &options, job_build_progress_cb, job,
                                           co_job_get_cancellable (job), error);
  if (timeline == NULL)
    return FALSE;
  co_job_set_progress (job, 0.99, _("Writing the export"));
  return co_export_write (options.format, timeline, output,
                          overwrite ? CO_EXPORT_FLAGS_OVERWRITE : CO_EXPORT_FLAGS_NONE, error);
}
