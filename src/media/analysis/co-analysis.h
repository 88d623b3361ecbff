/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "co-json-write.h"
#include "co-progress.h"

G_BEGIN_DECLS

/* Raise this whenever a change to the engine changes its results, so that
 * kept results from before are recomputed. */
#define CO_ANALYSIS_ENGINE_VERSION 8

/**
 * CoAnalysisParams:
 * @threshold_db: a silence is a stretch in which no sample of any channel
 *   reaches this level (dBFS)
 * @min_silence: shortest silence reported, in seconds
 * @padding: sound kept on each side of a suggested cut, in seconds, so words
 *   are never clipped
 * @keep_pauses_over: silences at least this long are kept as intentional
 *   pauses instead of being suggested as cuts; 0 turns this off
 * @scenes: whether to look for scene changes in the video track
 * @serial: read the ranges of a long file one after the other instead of at
 *   once, each decoded on GStreamer's thread and analysed on the caller's
 *   (tests and benchmarks compare it with the parallel path; results are
 *   identical)
 * @envelope_on_disk: for a caller that only keeps the envelope and waveform
 *   in a store (co_analysis_cache_run()): while the file is analysed they
 *   go to a temporary file instead of memory, so that the memory needed
 *   does not grow with the file's length.  The analysis then has none to
 *   show (co_analysis_get_rms() and co_analysis_get_waveform() give 0
 *   windows) but writes them with co_analysis_write_waveform().  Only
 *   where the sound's length is known for sure (MP4 sample tables); not
 *   part of the results' key
 *
 * The knobs of one analysis.  Initialise with co_analysis_params_init(); the
 * struct is plain data, so it can be copied into a #GTask.
 */
typedef struct
{
  double   threshold_db;
  double   min_silence;
  double   padding;
  double   keep_pauses_over;
  gboolean scenes;
  gboolean serial;
  gboolean envelope_on_disk;
} CoAnalysisParams;

/**
 * CoInterval:
 * @start: seconds, to the millisecond: just after the last sample that
 *   reaches the threshold
 * @end: seconds, to the millisecond: the next sample that reaches it
 */
typedef struct
{
  double start;
  double end;
} CoInterval;

/**
 * CoScene:
 * @time: presentation time of the first frame of the new scene, in seconds
 * @score: confidence between 0 and 1
 */
typedef struct
{
  double time;
  double score;
} CoScene;

/**
 * CoEditPointKind:
 * @CO_EDIT_POINT_CUT_OUT: start of a stretch that can be removed (after padding)
 * @CO_EDIT_POINT_CUT_IN: end of a removable stretch, where the content resumes
 * @CO_EDIT_POINT_PAUSE: a long silence kept as an intentional pause
 * @CO_EDIT_POINT_SCENE: a scene change in the video
 */
typedef enum
{
  CO_EDIT_POINT_CUT_OUT,
  CO_EDIT_POINT_CUT_IN,
  CO_EDIT_POINT_PAUSE,
  CO_EDIT_POINT_SCENE,
} CoEditPointKind;

/**
 * CoEditPoint:
 * @time: seconds, millisecond precision
 * @kind: what the marker suggests
 * @reason: (not nullable): one sentence saying why
 *
 * A suggestion only: nothing is ever cut by the engine.
 */
typedef struct
{
  double           time;
  CoEditPointKind  kind;
  char            *reason;
} CoEditPoint;

typedef struct _CoAnalysis CoAnalysis;

/**
 * CoAnalysisWriteFunc:
 * @data: (array length=size): the next bytes
 * @size: how many
 * @user_data: what the caller passed
 * @error: return location for a #GError
 *
 * Takes the next piece of a blob (co_analysis_write_waveform()).
 *
 * Returns: %TRUE to go on, %FALSE (with @error set) to stop
 */
typedef gboolean (*CoAnalysisWriteFunc) (gconstpointer   data,
                                         gsize           size,
                                         gpointer        user_data,
                                         GError        **error);

#define CO_TYPE_ANALYSIS (co_analysis_get_type ())

/* Length of one envelope window, in seconds. */
#define CO_ANALYSIS_WINDOW 0.01

GType              co_analysis_get_type             (void) G_GNUC_CONST;
void               co_analysis_params_init          (CoAnalysisParams        *params);
gboolean           co_analysis_params_equal         (const CoAnalysisParams  *a,
                                                     const CoAnalysisParams  *b);
char              *co_analysis_params_to_key        (const CoAnalysisParams  *params);
const char        *co_edit_point_kind_to_string     (CoEditPointKind          kind);

CoAnalysis        *co_analyze_file                  (const char              *path,
                                                     const CoAnalysisParams  *params,
                                                     CoProgressFunc           progress,
                                                     gpointer                 user_data,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);

CoAnalysis        *co_analysis_ref                  (CoAnalysis              *self);
void               co_analysis_unref                (CoAnalysis              *self);

const char        *co_analysis_get_file             (const CoAnalysis        *self);
double             co_analysis_get_duration         (const CoAnalysis        *self);
int                co_analysis_get_sample_rate      (const CoAnalysis        *self);
int                co_analysis_get_channels         (const CoAnalysis        *self);
double             co_analysis_get_integrated_lufs  (const CoAnalysis        *self);
double             co_analysis_get_range_lu         (const CoAnalysis        *self);
double             co_analysis_get_true_peak_dbtp   (const CoAnalysis        *self);
guint64            co_analysis_get_clip_count       (const CoAnalysis        *self);
const float       *co_analysis_get_rms              (const CoAnalysis        *self,
                                                     gsize                   *n_windows);
const float       *co_analysis_get_peak             (const CoAnalysis        *self,
                                                     gsize                   *n_windows);
guint              co_analysis_get_n_zoom_levels    (const CoAnalysis        *self);
const gint16      *co_analysis_get_waveform         (const CoAnalysis        *self,
                                                     guint                    level,
                                                     guint                   *bucket_ms,
                                                     gsize                   *n_buckets);
const CoInterval  *co_analysis_get_silences         (const CoAnalysis        *self,
                                                     gsize                   *n_silences);
const CoScene     *co_analysis_get_scenes           (const CoAnalysis        *self,
                                                     gsize                   *n_scenes);
const CoEditPoint *co_analysis_get_edit_points      (const CoAnalysis        *self,
                                                     gsize                   *n_points);

void               co_analysis_write_json_members   (const CoAnalysis        *self,
                                                     CoJsonWriter            *out,
                                                     const char              *file);
JsonNode          *co_analysis_to_json              (const CoAnalysis        *self);
char              *co_analysis_to_json_string       (const CoAnalysis        *self,
                                                     gboolean                 pretty);
CoAnalysis        *co_analysis_new_from_json        (JsonNode                *node,
                                                     GError                 **error);
GBytes            *co_analysis_serialize_waveform   (const CoAnalysis        *self);
gsize              co_analysis_get_waveform_size    (const CoAnalysis        *self);
gboolean           co_analysis_write_waveform       (const CoAnalysis        *self,
                                                     CoAnalysisWriteFunc      write,
                                                     gpointer                 user_data,
                                                     GError                 **error);
gboolean           co_analysis_load_waveform        (CoAnalysis              *self,
                                                     GBytes                  *blob,
                                                     GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoAnalysis, co_analysis_unref)

G_END_DECLS
