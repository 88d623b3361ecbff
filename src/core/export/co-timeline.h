/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "co-timecode.h"

G_BEGIN_DECLS

/**
 * CoMarkerKind:
 * @CO_MARKER_NOTE: a plain note
 * @CO_MARKER_CUT: a suggested cut (inside a long silence)
 * @CO_MARKER_SCENE: a scene change
 * @CO_MARKER_SILENCE: a silence
 * @CO_MARKER_CHAPTER: the start of a chapter
 */
typedef enum
{
  CO_MARKER_NOTE,
  CO_MARKER_CUT,
  CO_MARKER_SCENE,
  CO_MARKER_SILENCE,
  CO_MARKER_CHAPTER,
} CoMarkerKind;

/**
 * CoMarker:
 * @kind: what the marker suggests
 * @name: a short name shown on the marker
 * @comment: a longer explanation (the reason of an edit suggestion)
 * @start_us: where it is in the source media, in microseconds
 * @duration_us: how long it lasts; 0 for a point
 */
typedef struct
{
  CoMarkerKind  kind;
  char         *name;
  char         *comment;
  gint64        start_us;
  gint64        duration_us;
} CoMarker;

/**
 * CoEdit:
 * @source_in: the first source frame used
 * @source_out: the frame after the last source frame used
 * @record_in: where it goes in the sequence
 * @record_out: the frame after its end in the sequence
 *
 * A kept range of the source, quantised to frames and placed in the
 * sequence: what every editor export writes as one clip.
 */
typedef struct
{
  gint64 source_in;
  gint64 source_out;
  gint64 record_in;
  gint64 record_out;
} CoEdit;

#define CO_TYPE_TIMELINE (co_timeline_get_type ())
G_DECLARE_FINAL_TYPE (CoTimeline, co_timeline, CO, TIMELINE, GObject)

const char *co_marker_kind_to_string        (CoMarkerKind   kind);
void        co_marker_free                  (CoMarker      *marker);

CoTimeline *co_timeline_new                 (const char    *media_path,
                                             CoRate         rate,
                                             gint64         duration_us);
const char *co_timeline_get_media_path      (CoTimeline    *self);
void        co_timeline_set_media_path      (CoTimeline    *self,
                                             const char    *media_path);
const char *co_timeline_get_name            (CoTimeline    *self);
void        co_timeline_set_name            (CoTimeline    *self,
                                             const char    *name);
CoRate      co_timeline_get_rate            (CoTimeline    *self);
gint64      co_timeline_get_duration_us     (CoTimeline    *self);
gboolean    co_timeline_get_drop_frame      (CoTimeline    *self);
void        co_timeline_set_drop_frame      (CoTimeline    *self,
                                             gboolean       drop_frame);
void        co_timeline_set_video           (CoTimeline    *self,
                                             gboolean       has_video,
                                             int            width,
                                             int            height);
gboolean    co_timeline_has_video           (CoTimeline    *self);
int         co_timeline_get_width           (CoTimeline    *self);
int         co_timeline_get_height          (CoTimeline    *self);
void        co_timeline_set_audio           (CoTimeline    *self,
                                             int            channels,
                                             int            sample_rate);
gboolean    co_timeline_has_audio           (CoTimeline    *self);
int         co_timeline_get_audio_channels  (CoTimeline    *self);
int         co_timeline_get_sample_rate     (CoTimeline    *self);

void        co_timeline_add_kept_range      (CoTimeline    *self,
                                             gint64         start_us,
                                             gint64         end_us);
void        co_timeline_clear_kept_ranges   (CoTimeline    *self);
void        co_timeline_add_marker          (CoTimeline    *self,
                                             CoMarkerKind   kind,
                                             gint64         start_us,
                                             gint64         duration_us,
                                             const char    *name,
                                             const char    *comment);
GPtrArray  *co_timeline_get_markers         (CoTimeline    *self);
void        co_timeline_set_cues            (CoTimeline    *self,
                                             GPtrArray     *cues);
GPtrArray  *co_timeline_get_cues            (CoTimeline    *self);

gboolean    co_timeline_validate            (CoTimeline    *self,
                                             GError       **error);
gint64      co_timeline_get_source_frames   (CoTimeline    *self);
GArray     *co_timeline_dup_edits           (CoTimeline    *self);
gint64      co_timeline_get_record_frames   (CoTimeline    *self);
gint64      co_timeline_map_to_record       (CoTimeline    *self,
                                             gint64         source_us);

G_END_DECLS
