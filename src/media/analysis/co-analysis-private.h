/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <gst/audio/audio.h>
#include <gst/gst.h>

#include "co-analysis.h"

G_BEGIN_DECLS

#define CO_WAVEFORM_LEVELS 5

/* Four floats in one vector, for the loops that run over every sample
 * (GCC and Clang vector extensions, so any target gets them). */
typedef float CoV4f __attribute__ ((vector_size (16)));
typedef gint32 CoV4i __attribute__ ((vector_size (16)));

/* Lane by lane, @a where @mask is set, else @b. */
static inline CoV4f
_co_v4f_select (CoV4i mask,
                CoV4f a,
                CoV4f b)
{
  return (CoV4f) ((mask & (CoV4i) a) | (~mask & (CoV4i) b));
}

/* Lane by lane, the larger and the smaller of @a and @b, in one
 * instruction where the target has it. */
static inline CoV4f
_co_v4f_max (CoV4f a,
             CoV4f b)
{
#ifdef __SSE2__
  return (CoV4f) _mm_max_ps ((__m128) a, (__m128) b);
#else
  return _co_v4f_select (a > b, a, b);
#endif
}

static inline CoV4f
_co_v4f_min (CoV4f a,
             CoV4f b)
{
#ifdef __SSE2__
  return (CoV4f) _mm_min_ps ((__m128) a, (__m128) b);
#else
  return _co_v4f_select (a < b, a, b);
#endif
}

/* Two doubles in one vector: the two channels of a pair. */
typedef double v2d __attribute__ ((vector_size (16)));


typedef struct _CoEnvelopeSpill CoEnvelopeSpill;

struct _CoAnalysis
{
  gatomicrefcount  ref_count;
  char            *file;
  double           duration;
  int              sample_rate;
  int              channels;
  double           integrated_lufs;
  double           range_lu;
  double           true_peak_dbtp;
  guint64          clip_count;
  GArray          *rms;                        /* float per 10 ms window, linear */
  GArray          *peak;                       /* float per 10 ms window, linear */
  GArray          *waveform[CO_WAVEFORM_LEVELS]; /* gint16 min/max pairs */
  GArray          *silences;                   /* CoInterval */
  GArray          *scenes;                     /* CoScene */
  GArray          *edit_points;                /* CoEditPoint */
  CoEnvelopeSpill *spill;                      /* or the envelope and waveform on disk */
};

CoAnalysis *_co_analysis_new (void);
void        _co_analysis_ensure_arrays (CoAnalysis *self);

/* The streaming audio analyser: fed planar float frames in order.  One
 * analyser may cover only a range of the stream: frames before @range_start
 * only prepare its filters, frames from @range_end on are refused, and
 * @expected_end (the container's duration, G_MAXINT64 if unknown) sizes its
 * arrays.  The
 * analysers of consecutive ranges are merged by _co_audio_analyzer_finish(). */
typedef struct _CoAudioAnalyzer CoAudioAnalyzer;

/* The envelope and waveform of a stream in a temporary file
 * (co-envelope-spill.c): one series per figure, 4 bytes per element. */
enum
{
  CO_SPILL_RMS,
  CO_SPILL_PEAK,
  CO_SPILL_LEVEL0,     /* then the coarser waveform levels */
};

CoEnvelopeSpill *_co_envelope_spill_new          (guint                  capacity,
                                                  GError               **error);
CoEnvelopeSpill *_co_envelope_spill_ref          (CoEnvelopeSpill       *self);
void             _co_envelope_spill_unref        (CoEnvelopeSpill       *self);
guint            _co_envelope_spill_get_capacity (const CoEnvelopeSpill *self);
gboolean         _co_envelope_spill_ok           (CoEnvelopeSpill       *self);
guint            _co_envelope_spill_get_length   (const CoEnvelopeSpill *self,
                                                  guint                  series);
void             _co_envelope_spill_set_length   (CoEnvelopeSpill       *self,
                                                  guint                  series,
                                                  guint                  length);
gboolean         _co_envelope_spill_write        (CoEnvelopeSpill       *self,
                                                  guint                  series,
                                                  guint                  first,
                                                  gconstpointer          values,
                                                  gsize                  n);
gboolean         _co_envelope_spill_read         (CoEnvelopeSpill       *self,
                                                  guint                  series,
                                                  guint                  first,
                                                  gpointer               values,
                                                  gsize                  n);
void             _co_envelope_spill_build_levels (CoEnvelopeSpill       *self);
guint            _co_waveform_coarsen            (const gint16          *finer,
                                                  guint                  n,
                                                  gint16                *coarser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoEnvelopeSpill, _co_envelope_spill_unref)

/* The 10 ms envelope of a whole stream, which the analysers of its
 * ranges may write in place: in the arrays, or with @spill set (and the
 * arrays %NULL) in its file. */
typedef struct
{
  GArray          *rms;        /* float */
  GArray          *peaks;      /* float */
  GArray          *minmax;     /* gint16 pairs */
  CoEnvelopeSpill *spill;
} CoEnvelope;

void             _co_envelope_init           (CoEnvelope             *envelope,
                                              guint                   windows,
                                              gboolean                on_disk);
gboolean         _co_envelope_ready          (const CoEnvelope       *envelope);
void             _co_envelope_clear          (CoEnvelope             *envelope);
gboolean         _co_audio_info_usable       (GstAudioInfo           *info,
                                              GstCaps                *caps);
CoAudioAnalyzer *_co_audio_analyzer_new      (const CoAnalysisParams *params,
                                              const GstAudioInfo     *info,
                                              gint64                  first_frame,
                                              gint64                  range_start,
                                              gint64                  range_end,
                                              gint64                  expected_end,
                                              const CoEnvelope       *envelope);
gboolean         _co_audio_analyzer_feed     (CoAudioAnalyzer        *self,
                                              const float * const    *planes,
                                              gsize                   n_frames);
gint64           _co_audio_analyzer_frames   (CoAudioAnalyzer        *self);
void             _co_audio_analyzer_finish   (CoAudioAnalyzer * const *parts,
                                              guint                   n_parts,
                                              const CoAnalysisParams *params,
                                              CoAnalysis             *result);
void             _co_audio_analyzer_free     (CoAudioAnalyzer        *self);

/* Integrated loudness and loudness range (co-loudness.c). */
typedef struct _CoLoudnessMeter CoLoudnessMeter;

CoLoudnessMeter *_co_loudness_meter_new        (int                  rate,
                                                int                  channels,
                                                const double        *weights);
void             _co_loudness_meter_feed       (CoLoudnessMeter     *self,
                                                const float * const *planes,
                                                gsize                offset,
                                                gsize                n_frames,
                                                gboolean             warm);
void             _co_loudness_meter_append     (CoLoudnessMeter     *self,
                                                CoLoudnessMeter     *next);
double           _co_loudness_meter_integrated (CoLoudnessMeter     *self);
double           _co_loudness_meter_range      (CoLoudnessMeter     *self);
void             _co_loudness_meter_free       (CoLoudnessMeter     *self);

/* True peak (co-true-peak.c), fed blocks with their sample peak. */
typedef struct _CoTruePeak CoTruePeak;

CoTruePeak *_co_true_peak_new  (int                  rate,
                                int                  channels);
void        _co_true_peak_feed (CoTruePeak          *self,
                                const float * const *planes,
                                gsize                offset,
                                gsize                n,
                                float                block_peak);
void        _co_true_peak_warm (CoTruePeak          *self,
                                const float * const *planes,
                                gsize                offset,
                                gsize                n);
double      _co_true_peak_get  (CoTruePeak          *self);
void        _co_true_peak_free (CoTruePeak          *self);

/* One 10 ms window as the silence detector sees it: where its first and
 * last sample at or above the threshold are, in any channel. */
typedef struct
{
  gint16 first_loud;   /* first frame at or above the threshold, or -1 */
  gint16 last_loud;    /* last such frame, or -1 */
} CoWindowLevel;

/* The magnitude of a level of @threshold_db dBFS, as a float sample. */
static inline float
_co_silence_threshold (double threshold_db)
{
  return (float) pow (10.0, threshold_db / 20.0);
}

/* Whether the silence detector counts @level as silent: no sample of it
 * reaches the threshold. */
static inline gboolean
_co_window_level_silent (const CoWindowLevel *level)
{
  return level->first_loud < 0;
}

typedef struct _CoSilenceDetector CoSilenceDetector;

CoSilenceDetector *_co_silence_detector_new    (double               min_silence,
                                                int                  rate);
void               _co_silence_detector_window (CoSilenceDetector   *self,
                                                gint64               first_frame,
                                                const CoWindowLevel *level);
GArray            *_co_silence_detector_finish (CoSilenceDetector   *self,
                                                gint64               end_frame);
void               _co_silence_detector_free   (CoSilenceDetector   *self);

/* One compressed video frame as the demuxer delivered it. */
typedef struct
{
  gint64  pts;          /* nanoseconds, or -1 */
  guint32 size;         /* bytes */
  guint32 keyframe : 1;
} CoVideoFrame;

/* How much pictures change between frames (co-picture-change.c). */
typedef struct _CoPictureChange CoPictureChange;

/* The most frames one measure takes, and the bytes of one grey picture. */
#define CO_PICTURE_CHANGE_MAX 8
#define CO_PICTURE_SIZE (160 * 90)

CoPictureChange *_co_picture_change_new        (const char      *path,
                                                GCancellable    *cancellable);
gboolean         _co_picture_change_pictures   (CoPictureChange *self,
                                                const gint64    *pts,
                                                gsize            n,
                                                gssize           ahead,
                                                guint8          *pictures);
gboolean         _co_picture_change_measure    (CoPictureChange *self,
                                                const gint64    *pts,
                                                gsize            n,
                                                gssize           ahead,
                                                double          *changes);
double           _co_picture_change_difference (const guint8    *a,
                                                const guint8    *b);
void             _co_picture_change_shrink     (const guint8    *luma,
                                                int              stride,
                                                int              width,
                                                int              height,
                                                gboolean         full_range,
                                                guint8          *out);
void             _co_picture_change_free       (CoPictureChange *self);

GArray *_co_scenes_detect      (const CoVideoFrame *frames,
                                gsize               n_frames,
                                CoPictureChange    *check);
GArray *_co_scenes_find        (const char         *path,
                                GArray             *frames,
                                GCancellable       *cancellable);
typedef struct _CoScenesTask CoScenesTask;
CoScenesTask *_co_scenes_start  (const char         *path,
                                 GArray             *frames,
                                 GCancellable       *cancellable);
GArray       *_co_scenes_finish (CoScenesTask       *task,
                                 gboolean            abandon);

void    _co_edit_points_build  (CoAnalysis             *result,
                                const CoAnalysisParams *params);

/* The sample tables of an MP4 file (co-mp4-index.c). */
typedef struct _CoMp4Index CoMp4Index;
typedef struct _CoMp4Track CoMp4Track;
typedef struct _CoMp4Walk CoMp4Walk;

/* One sample as the tables describe it; times in the track's timescale. */
typedef struct
{
  guint32  index;
  guint64  offset;
  guint32  size;
  gint64   dts;
  guint32  duration;
  gint32   cts;        /* from decoding to presentation */
  gboolean keyframe;
} CoMp4Sample;

CoMp4Index *_co_mp4_index_open          (const char   *path,
                                         GArray      **frames);
void        _co_mp4_index_free          (CoMp4Index   *self);
GstCaps    *_co_mp4_index_audio_caps    (CoMp4Index   *self);
void        _co_mp4_index_audio_timing  (CoMp4Index   *self,
                                         guint32      *timescale,
                                         gint64       *delay,
                                         gint64       *priming,
                                         gint64       *length);
GArray     *_co_mp4_index_video_frames  (CoMp4Index   *self);
CoMp4Walk  *_co_mp4_index_walk_audio    (CoMp4Index   *self,
                                         guint32       from);
gboolean    _co_mp4_walk_next           (CoMp4Walk    *walk,
                                         CoMp4Sample  *sample);
void        _co_mp4_walk_free           (CoMp4Walk    *walk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMp4Index, _co_mp4_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMp4Walk, _co_mp4_walk_free)

/* The streaming reader: one pass over the file, audio decoded, video only demuxed. */
typedef struct
{
  const CoAnalysisParams *params;
  CoProgressFunc          progress;
  gpointer                user_data;
  GCancellable           *cancellable;
} CoReadOptions;

CoAnalysis *_co_audio_reader_run (const char          *path,
                                  const CoReadOptions *options,
                                  GError             **error);
CoAnalysis *_co_mp4_reader_run   (const char          *path,
                                  const char          *display,
                                  const CoReadOptions *options,
                                  CoMp4Index          *index,
                                  GArray              *frames,
                                  gboolean            *fallback,
                                  GError             **error);
CoAnalysis *_co_analysis_assemble (const char             *path,
                                   CoAudioAnalyzer * const *parts,
                                   guint                   n_parts,
                                   const CoReadOptions    *options,
                                   GArray                 *frames);

/* Decoded buffers handed from one thread to another (co-handover.c). */
typedef struct _CoHandover CoHandover;

CoHandover *_co_handover_new    (guint          capacity,
                                 guint          batch,
                                 GDestroyNotify free_item);
gboolean    _co_handover_put    (CoHandover    *self,
                                 gpointer       item);
void        _co_handover_finish (CoHandover    *self);
GPtrArray  *_co_handover_take   (CoHandover    *self,
                                 gint64         until,
                                 gboolean      *finished);
void        _co_handover_close  (CoHandover    *self);
void        _co_handover_free   (CoHandover    *self);

double _co_round_ms (double seconds);

G_END_DECLS
