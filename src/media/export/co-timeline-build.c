/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "co-export-error.h"
#include "co-speech-case.h"
#include "co-timeline-build.h"

/*
 * The one place that turns a probe, an analysis and recognised words into
 * an export timeline, for the command line and the Export dialog alike
 * (through co-export-job.c).  Everything here is a pure function of its
 * inputs, so the tests can feed hand-made analyses.
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

/* Whether a made cut joins two kept parts; one that takes a silence off
 * the file's start or end leaves no jump to review. */
static gboolean
is_jump (Builder           *builder,
         const CoEditPoint *out,
         const CoEditPoint *in)
{
  const CoInterval *before = find_silence (builder->analysis, out->time);
  const CoInterval *after = find_silence (builder->analysis, in->time);
  double duration = (double) builder->duration_us / CO_USEC_PER_SEC;

  return in->time < duration - EDGE_EPSILON && (before == NULL || before->start > EDGE_EPSILON) &&
         (after == NULL || after->end < duration - EDGE_EPSILON);
}

/* A cut that is made is marked where the sequence jumps, so that an
 * editor can review every jump cut; one that is not is a suggestion over
 * the silence it would remove. */
static void
add_cut_marker (Builder           *builder,
                const CoEditPoint *out,
                const CoEditPoint *in,
                gboolean           made)
{
  g_autofree char *comment = g_strconcat (out->reason, " ", in->reason, NULL);

  add_marker (builder, CO_MARKER_CUT, out->time, in->time,
              made ? _("Silence cut") : _("Suggested cut"), comment);
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
      if (!markers)
        continue;
      if (p->kind == CO_EDIT_POINT_CUT_OUT)
        open_cut = p;
      else if (p->kind == CO_EDIT_POINT_CUT_IN && open_cut != NULL)
        {
          gboolean made = (flags & CO_TIMELINE_BUILD_CUT_SILENCES) != 0;

          if (!made || is_jump (builder, open_cut, p))
            add_cut_marker (builder, open_cut, p, made);
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
 * @names: (nullable) (element-type utf8 utf8): names to spell as the
 *   creator does, from co_vault_dup_names()
 * @error: return location for a #GError
 *
 * Turns a transcription into subtitle cues with the cue builder, after
 * putting back the case and sentence punctuation of the words
 * (co_speech_words_restore_case()), so that cues also end at sentences.
 *
 * Returns: (transfer full) (element-type CoCue) (nullable): the cues (none
 *   for no words), or %NULL with a %CO_EXPORT_ERROR_INVALID error
 */
GPtrArray *
co_timeline_build_cues (GPtrArray         *words,
                        const CoCueRules  *rules,
                        GHashTable        *names,
                        GError           **error)
{
  g_autofree CoWord *input = NULL;
  g_autoptr(GPtrArray) restored = NULL;

  g_return_val_if_fail (words != NULL && rules != NULL, NULL);

  if (words->len == 0)
    return co_cue_list_new ();
  restored = co_speech_words_restore_case (words, names);
  input = g_new0 (CoWord, words->len);
  for (guint i = 0; i < restored->len; i++)
    {
      const CoSpeechWord *word = g_ptr_array_index (restored, i);

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
 * @names: (nullable) (element-type utf8 utf8): names, as for
 *   co_timeline_build_cues()
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
                            GHashTable        *names,
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
  cues = co_timeline_build_cues (words, &local, names, error);
  if (cues == NULL)
    return FALSE;
  co_timeline_set_cues (timeline, cues);
  return TRUE;
}
