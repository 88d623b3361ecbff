/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "co-analysis-private.h"
#include "co-media-error.h"

G_DEFINE_BOXED_TYPE (CoAnalysis, co_analysis, co_analysis_ref, co_analysis_unref)

static const char * const kind_names[] = { "cut-out", "cut-in", "pause", "scene" };

#define WAVEFORM_MAGIC "COWF"
#define WAVEFORM_VERSION 1

double
_co_round_ms (double seconds)
{
  return round (seconds * 1000.0) / 1000.0;
}

static void
clear_point (gpointer data)
{
  CoEditPoint *point = data;

  g_free (point->reason);
}

CoAnalysis *
_co_analysis_new (void)
{
  CoAnalysis *self = g_new0 (CoAnalysis, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->integrated_lufs = NAN;
  self->range_lu = NAN;
  self->true_peak_dbtp = NAN;
  return self;
}

/* Fills every array a JSON or partial analysis may lack, so getters never see NULL. */
static void
ensure_arrays (CoAnalysis *self)
{
  if (self->rms == NULL)
    self->rms = g_array_new (FALSE, TRUE, sizeof (float));
  if (self->peak == NULL)
    self->peak = g_array_new (FALSE, TRUE, sizeof (float));
  for (guint i = 0; i < CO_WAVEFORM_LEVELS; i++)
    if (self->waveform[i] == NULL)
      self->waveform[i] = g_array_new (FALSE, TRUE, sizeof (gint16) * 2);
  if (self->silences == NULL)
    self->silences = g_array_new (FALSE, FALSE, sizeof (CoInterval));
  if (self->scenes == NULL)
    self->scenes = g_array_new (FALSE, FALSE, sizeof (CoScene));
  if (self->edit_points == NULL)
    {
      self->edit_points = g_array_new (FALSE, FALSE, sizeof (CoEditPoint));
      g_array_set_clear_func (self->edit_points, clear_point);
    }
}

/**
 * co_analysis_params_init:
 * @params: (out caller-allocates): the parameters to fill
 *
 * Sets the defaults: −35 dBFS, 0.3 s minimum silence, 0.1 s padding, no
 * pauses kept, no scene detection, parallel decoding.  The environment
 * variable `CO_ANALYSIS_SERIAL=1` selects the serial path instead, and
 * `CO_ANALYSIS_ONE_RANGE=1` reads even a long file as one range (a
 * reference for the tests of the seam between ranges), and
 * `CO_ANALYSIS_DEMUXER=1` reads an MP4 file through the GStreamer demuxer
 * instead of its sample table.
 */
void
co_analysis_params_init (CoAnalysisParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->threshold_db = -35.0;
  params->min_silence = 0.3;
  params->padding = 0.1;
  params->keep_pauses_over = 0.0;
  params->scenes = FALSE;
  params->serial = g_strcmp0 (g_getenv ("CO_ANALYSIS_SERIAL"), "1") == 0;
}

/**
 * co_analysis_params_to_key:
 * @params: parameters
 *
 * A stable text key of the parameters that change results (not @serial),
 * for storing analyses per asset and parameter set.
 *
 * Returns: (transfer full): the key
 */
char *
co_analysis_params_to_key (const CoAnalysisParams *params)
{
  g_return_val_if_fail (params != NULL, NULL);

  /* The engine's version is part of the key: results kept by an older
   * engine are not served for a newer one. */
  return g_strdup_printf ("engine=%d;threshold=%.2f;min=%.3f;padding=%.3f;keep=%.3f;scenes=%d",
                          CO_ANALYSIS_ENGINE_VERSION, params->threshold_db, params->min_silence, params->padding,
                          params->keep_pauses_over, params->scenes ? 1 : 0);
}

/**
 * co_analysis_params_equal:
 * @a: parameters
 * @b: parameters
 *
 * Returns: whether @a and @b give the same results
 */
gboolean
co_analysis_params_equal (const CoAnalysisParams *a,
                          const CoAnalysisParams *b)
{
  g_autofree char *ka = co_analysis_params_to_key (a);
  g_autofree char *kb = co_analysis_params_to_key (b);

  return g_strcmp0 (ka, kb) == 0;
}

/**
 * co_edit_point_kind_to_string:
 * @kind: a kind
 *
 * Returns: the kind's name in JSON: "cut-out", "cut-in", "pause" or "scene"
 */
const char *
co_edit_point_kind_to_string (CoEditPointKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

static gboolean
params_valid (const CoAnalysisParams *params,
              GError                **error)
{
  if (isfinite (params->threshold_db) && params->threshold_db < 0
      && params->min_silence > 0 && params->min_silence < 3600
      && params->padding >= 0 && params->padding < 60
      && params->keep_pauses_over >= 0)
    return TRUE;
  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
               _("Invalid analysis parameters: the threshold must be below 0 dBFS, the "
                 "minimum silence above 0 s and the padding and pause length not negative"));
  return FALSE;
}

/**
 * co_analyze_file:
 * @path: a local audio or video file
 * @params: (nullable): parameters, or %NULL for the defaults
 * @progress: (nullable) (scope call): called with the fraction done, from
 *   this thread, never decreasing, ending with 1
 * @user_data: passed to @progress
 * @cancellable: (nullable): cancels the analysis
 * @error: return location for a #CO_MEDIA_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Analyses the sound of @path in one streaming pass (video is demuxed but
 * never decoded): envelope, waveform, silences, loudness, clipping and,
 * when @params asks for it, scene changes; then derives edit suggestions.
 * Blocks: call it from a worker thread, such as g_task_run_in_thread().
 *
 * Returns: (transfer full): the analysis, or %NULL with @error set
 */
CoAnalysis *
co_analyze_file (const char              *path,
                 const CoAnalysisParams  *params,
                 CoProgressFunc           progress,
                 gpointer                 user_data,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  CoAnalysisParams defaults;
  CoReadOptions options;
  CoAnalysis *result;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params == NULL)
    {
      co_analysis_params_init (&defaults);
      params = &defaults;
    }
  if (!params_valid (params, error))
    return NULL;
  options = (CoReadOptions) { params, progress, user_data, cancellable };
  result = _co_audio_reader_run (path, &options, error);
  if (result == NULL)
    return NULL;
  ensure_arrays (result);
  _co_edit_points_build (result, params);
  if (progress != NULL)
    progress (1.0, NULL, user_data);
  return result;
}

/**
 * co_analysis_ref:
 * @self: an analysis
 *
 * Returns: (transfer full): @self
 */
CoAnalysis *
co_analysis_ref (CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * co_analysis_unref:
 * @self: (transfer full): an analysis
 *
 * Drops a reference; the last one frees the analysis.
 */
void
co_analysis_unref (CoAnalysis *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->file);
  g_clear_pointer (&self->rms, g_array_unref);
  g_clear_pointer (&self->peak, g_array_unref);
  for (guint i = 0; i < CO_WAVEFORM_LEVELS; i++)
    g_clear_pointer (&self->waveform[i], g_array_unref);
  g_clear_pointer (&self->silences, g_array_unref);
  g_clear_pointer (&self->scenes, g_array_unref);
  g_clear_pointer (&self->edit_points, g_array_unref);
  g_clear_pointer (&self->spill, _co_envelope_spill_unref);
  g_free (self);
}

/**
 * co_analysis_get_file:
 * @self: an analysis
 *
 * Returns: the path that was analysed
 */
const char *
co_analysis_get_file (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->file;
}

/**
 * co_analysis_get_duration:
 * @self: an analysis
 *
 * Returns: the length of the decoded sound, in seconds (millisecond precision)
 */
double
co_analysis_get_duration (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->duration;
}

/**
 * co_analysis_get_sample_rate:
 * @self: an analysis
 *
 * Returns: the sample rate of the audio track, in Hz
 */
int
co_analysis_get_sample_rate (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sample_rate;
}

/**
 * co_analysis_get_channels:
 * @self: an analysis
 *
 * Returns: the number of audio channels
 */
int
co_analysis_get_channels (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->channels;
}

/**
 * co_analysis_get_integrated_lufs:
 * @self: an analysis
 *
 * Returns: integrated loudness (EBU R128) in LUFS; −∞ for digital silence,
 *   NaN when unknown
 */
double
co_analysis_get_integrated_lufs (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->integrated_lufs;
}

/**
 * co_analysis_get_range_lu:
 * @self: an analysis
 *
 * Returns: loudness range (EBU R128 LRA) in LU
 */
double
co_analysis_get_range_lu (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->range_lu;
}

/**
 * co_analysis_get_true_peak_dbtp:
 * @self: an analysis
 *
 * Returns: the true peak over all channels, in dBTP
 */
double
co_analysis_get_true_peak_dbtp (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->true_peak_dbtp;
}

/**
 * co_analysis_get_clip_count:
 * @self: an analysis
 *
 * Returns: how many samples reached or exceeded full scale
 */
guint64
co_analysis_get_clip_count (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->clip_count;
}

/**
 * co_analysis_get_rms:
 * @self: an analysis
 * @n_windows: (out): the number of 10 ms windows
 *
 * Returns: (transfer none) (array length=n_windows): linear RMS per 10 ms,
 *   over all channels
 */
const float *
co_analysis_get_rms (const CoAnalysis *self,
                     gsize            *n_windows)
{
  g_return_val_if_fail (self != NULL && n_windows != NULL, NULL);
  *n_windows = self->rms->len;
  return (const float *) (gpointer) self->rms->data;
}

/**
 * co_analysis_get_peak:
 * @self: an analysis
 * @n_windows: (out): the number of 10 ms windows
 *
 * Returns: (transfer none) (array length=n_windows): linear sample peak per 10 ms
 */
const float *
co_analysis_get_peak (const CoAnalysis *self,
                      gsize            *n_windows)
{
  g_return_val_if_fail (self != NULL && n_windows != NULL, NULL);
  *n_windows = self->peak->len;
  return (const float *) (gpointer) self->peak->data;
}

/**
 * co_analysis_get_n_zoom_levels:
 * @self: an analysis
 *
 * Returns: the number of waveform zoom levels (10, 40, 160, 640, 2560 ms)
 */
guint
co_analysis_get_n_zoom_levels (const CoAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return CO_WAVEFORM_LEVELS;
}

/**
 * co_analysis_get_waveform:
 * @self: an analysis
 * @level: from 0 (finest) to co_analysis_get_n_zoom_levels() − 1
 * @bucket_ms: (out) (optional): the length of one bucket in milliseconds
 * @n_buckets: (out): the number of buckets
 *
 * Returns: (transfer none): @n_buckets pairs of (min, max) sample values
 *   scaled to ±32767
 */
const gint16 *
co_analysis_get_waveform (const CoAnalysis *self,
                          guint             level,
                          guint            *bucket_ms,
                          gsize            *n_buckets)
{
  g_return_val_if_fail (self != NULL && n_buckets != NULL, NULL);
  g_return_val_if_fail (level < CO_WAVEFORM_LEVELS, NULL);

  if (bucket_ms != NULL)
    *bucket_ms = 10u << (2 * level);
  *n_buckets = self->waveform[level]->len;
  return (const gint16 *) (gpointer) self->waveform[level]->data;
}

/**
 * co_analysis_get_silences:
 * @self: an analysis
 * @n_silences: (out): how many
 *
 * Returns: (transfer none): the silences in time order, in seconds
 */
const CoInterval *
co_analysis_get_silences (const CoAnalysis *self,
                          gsize            *n_silences)
{
  g_return_val_if_fail (self != NULL && n_silences != NULL, NULL);
  *n_silences = self->silences->len;
  return (const CoInterval *) (gpointer) self->silences->data;
}

/**
 * co_analysis_get_scenes:
 * @self: an analysis
 * @n_scenes: (out): how many
 *
 * Returns: (transfer none): the scene changes in time order
 */
const CoScene *
co_analysis_get_scenes (const CoAnalysis *self,
                        gsize            *n_scenes)
{
  g_return_val_if_fail (self != NULL && n_scenes != NULL, NULL);
  *n_scenes = self->scenes->len;
  return (const CoScene *) (gpointer) self->scenes->data;
}

/**
 * co_analysis_get_edit_points:
 * @self: an analysis
 * @n_points: (out): how many
 *
 * Returns: (transfer none): the edit suggestions in time order
 */
const CoEditPoint *
co_analysis_get_edit_points (const CoAnalysis *self,
                             gsize            *n_points)
{
  g_return_val_if_fail (self != NULL && n_points != NULL, NULL);
  *n_points = self->edit_points->len;
  return (const CoEditPoint *) (gpointer) self->edit_points->data;
}

/**
 * _co_analysis_assemble:
 * @path: the file analysed
 * @parts: the analysers of its consecutive ranges, all finished
 * @n_parts: how many
 * @options: the parameters and the cancellable
 * @frames: (nullable): the video's frames (#CoVideoFrame) for the scene
 *   pass, or %NULL for no scenes
 *
 * Joins what the readers found into an analysis (without edit points).
 *
 * Returns: (transfer full): the analysis
 */
CoAnalysis *
_co_analysis_assemble (const char             *path,
                       CoAudioAnalyzer * const *parts,
                       guint                   n_parts,
                       const CoReadOptions    *options,
                       GArray                 *frames)
{
  CoAnalysis *result = _co_analysis_new ();

  result->file = g_strdup (path);
  _co_audio_analyzer_finish (parts, n_parts, options->params, result);
  result->duration = _co_round_ms ((double) _co_audio_analyzer_frames (parts[0])
                                   / result->sample_rate);
  if (frames != NULL)
    result->scenes = _co_scenes_find (path, frames, options->cancellable);
  else
    result->scenes = g_array_new (FALSE, FALSE, sizeof (CoScene));
  return result;
}

void
_co_analysis_ensure_arrays (CoAnalysis *self)
{
  ensure_arrays (self);
}
