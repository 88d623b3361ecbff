/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-subtitle.h"
#include "co-timeline-private.h"

/*
 * The model every editor export reads: one source file, what to keep of it
 * after cutting silences, and markers.  Times are kept in microseconds, as
 * the analysis found them, and quantised to frames in exactly one place,
 * co_timeline_dup_edits() and co_timeline_map_to_record(), so that all
 * formats agree frame for frame.
 */

struct _CoTimeline
{
  GObject    parent_instance;

  char      *media_path;
  char      *name;
  CoRate     rate;
  gint64     duration_us;
  gboolean   drop_frame;
  gboolean   has_video;
  int        width;
  int        height;
  int        channels;
  int        sample_rate;
  GArray    *kept;      /* pairs of gint64: start, end */
  GPtrArray *markers;   /* CoMarker */
  GPtrArray *cues;      /* CoCue */
};

G_DEFINE_FINAL_TYPE (CoTimeline, co_timeline, G_TYPE_OBJECT)

static void
co_timeline_finalize (GObject *object)
{
  CoTimeline *self = CO_TIMELINE (object);

  g_free (self->media_path);
  g_free (self->name);
  g_clear_pointer (&self->kept, g_array_unref);
  g_clear_pointer (&self->markers, g_ptr_array_unref);
  g_clear_pointer (&self->cues, g_ptr_array_unref);

  G_OBJECT_CLASS (co_timeline_parent_class)->finalize (object);
}

static void
co_timeline_class_init (CoTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_timeline_finalize;
}

static void
co_timeline_init (CoTimeline *self)
{
  self->has_video = TRUE;
  self->width = 1920;
  self->height = 1080;
  self->channels = 2;
  self->sample_rate = 48000;
  self->kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->markers = g_ptr_array_new_with_free_func ((GDestroyNotify) co_marker_free);
  self->cues = co_cue_list_new ();
}

/**
 * co_marker_kind_to_string:
 * @kind: a marker kind
 *
 * Returns: a stable lower-case name: "note", "cut", "scene", "silence" or
 *   "chapter"
 */
const char *
co_marker_kind_to_string (CoMarkerKind kind)
{
  static const char * const names[] = { "note", "cut", "scene", "silence", "chapter" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

/**
 * co_marker_free:
 * @marker: (nullable): a marker
 *
 * Frees @marker.
 */
void
co_marker_free (CoMarker *marker)
{
  if (marker == NULL)
    return;
  g_free (marker->name);
  g_free (marker->comment);
  g_free (marker);
}

/**
 * co_timeline_new:
 * @media_path: the absolute path of the source media file
 * @rate: its frame rate (for audio-only files, the rate to count in)
 * @duration_us: its duration in microseconds
 *
 * Makes a timeline that keeps the whole source, with video (1920×1080) and
 * stereo 48 kHz audio until told otherwise, and no markers.
 *
 * Returns: (transfer full): the timeline
 */
CoTimeline *
co_timeline_new (const char *media_path,
                 CoRate      rate,
                 gint64      duration_us)
{
  CoTimeline *self;

  g_return_val_if_fail (media_path != NULL, NULL);

  self = g_object_new (CO_TYPE_TIMELINE, NULL);
  self->media_path = g_strdup (media_path);
  self->name = g_path_get_basename (media_path);
  self->rate = rate;
  self->duration_us = duration_us;
  self->drop_frame = co_rate_allows_drop_frame (rate);
  return self;
}

/**
 * co_timeline_get_media_path:
 * @self: a timeline
 *
 * Returns: (transfer none): the source media's path
 */
const char *
co_timeline_get_media_path (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), NULL);
  return self->media_path;
}

/**
 * co_timeline_get_name:
 * @self: a timeline
 *
 * Returns: (transfer none): the clip and sequence name, by default the
 *   file's base name
 */
const char *
co_timeline_get_name (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), NULL);
  return self->name;
}

/**
 * co_timeline_set_media_path:
 * @self: a timeline
 * @media_path: the absolute path of the file the editor is to open
 *
 * Points the export at another file of the same content: the named copy
 * of a stored file (co_export_media_dup_path()) instead of the file that
 * was analysed.  The name editors show is left as it is.
 */
void
co_timeline_set_media_path (CoTimeline *self,
                            const char *media_path)
{
  g_return_if_fail (CO_IS_TIMELINE (self));
  g_return_if_fail (media_path != NULL && g_path_is_absolute (media_path));

  g_free (self->media_path);
  self->media_path = g_strdup (media_path);
}

/**
 * co_timeline_set_name:
 * @self: a timeline
 * @name: the clip and sequence name
 *
 * Sets the name editors show for the clip and the sequence.
 */
void
co_timeline_set_name (CoTimeline *self,
                      const char *name)
{
  g_return_if_fail (CO_IS_TIMELINE (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
}

/**
 * co_timeline_get_rate:
 * @self: a timeline
 *
 * Returns: the frame rate
 */
CoRate
co_timeline_get_rate (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), CO_RATE_INIT (0, 1));
  return self->rate;
}

/**
 * co_timeline_get_duration_us:
 * @self: a timeline
 *
 * Returns: the source duration in microseconds
 */
gint64
co_timeline_get_duration_us (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), 0);
  return self->duration_us;
}

/**
 * co_timeline_get_drop_frame:
 * @self: a timeline
 *
 * Returns: whether timecode is drop-frame; only ever %TRUE at 29.97 and
 *   59.94, where it is the default
 */
gboolean
co_timeline_get_drop_frame (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), FALSE);
  return self->drop_frame && co_rate_allows_drop_frame (self->rate);
}

/**
 * co_timeline_set_drop_frame:
 * @self: a timeline
 * @drop_frame: whether to label with drop-frame timecode
 *
 * Chooses drop-frame or non-drop-frame timecode; ignored at rates that
 * have no drop-frame timecode.
 */
void
co_timeline_set_drop_frame (CoTimeline *self,
                            gboolean    drop_frame)
{
  g_return_if_fail (CO_IS_TIMELINE (self));
  self->drop_frame = !!drop_frame;
}

/**
 * co_timeline_set_video:
 * @self: a timeline
 * @has_video: whether the source has a video track
 * @width: its width in pixels
 * @height: its height in pixels
 *
 * Describes the source's video.
 */
void
co_timeline_set_video (CoTimeline *self,
                       gboolean    has_video,
                       int         width,
                       int         height)
{
  g_return_if_fail (CO_IS_TIMELINE (self));

  self->has_video = !!has_video;
  self->width = width;
  self->height = height;
}

/**
 * co_timeline_has_video:
 * @self: a timeline
 *
 * Returns: whether the source has video
 */
gboolean
co_timeline_has_video (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), FALSE);
  return self->has_video;
}

/**
 * co_timeline_get_width:
 * @self: a timeline
 *
 * Returns: the video width in pixels
 */
int
co_timeline_get_width (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), 0);
  return self->width;
}

/**
 * co_timeline_get_height:
 * @self: a timeline
 *
 * Returns: the video height in pixels
 */
int
co_timeline_get_height (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), 0);
  return self->height;
}

/**
 * co_timeline_set_audio:
 * @self: a timeline
 * @channels: the number of audio channels, 0 for none
 * @sample_rate: the sample rate in Hz
 *
 * Describes the source's audio.
 */
void
co_timeline_set_audio (CoTimeline *self,
                       int         channels,
                       int         sample_rate)
{
  g_return_if_fail (CO_IS_TIMELINE (self));
  g_return_if_fail (channels >= 0);

  self->channels = channels;
  self->sample_rate = sample_rate;
}

/**
 * co_timeline_has_audio:
 * @self: a timeline
 *
 * Returns: whether the source has audio
 */
gboolean
co_timeline_has_audio (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), FALSE);
  return self->channels > 0;
}

/**
 * co_timeline_get_audio_channels:
 * @self: a timeline
 *
 * Returns: the number of audio channels, 0 for none
 */
int
co_timeline_get_audio_channels (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), 0);
  return self->channels;
}

/**
 * co_timeline_get_sample_rate:
 * @self: a timeline
 *
 * Returns: the audio sample rate in Hz
 */
int
co_timeline_get_sample_rate (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), 0);
  return self->sample_rate;
}

/**
 * co_timeline_add_kept_range:
 * @self: a timeline
 * @start_us: the start of a part of the source to keep
 * @end_us: its end
 *
 * Keeps a part of the source, such as the speech between two cut silences.
 * Ranges must be added in order without overlapping;
 * co_timeline_validate() checks.  With no range, the whole source is kept.
 */
void
co_timeline_add_kept_range (CoTimeline *self,
                            gint64      start_us,
                            gint64      end_us)
{
  g_return_if_fail (CO_IS_TIMELINE (self));

  g_array_append_val (self->kept, start_us);
  g_array_append_val (self->kept, end_us);
}

/**
 * co_timeline_clear_kept_ranges:
 * @self: a timeline
 *
 * Keeps the whole source again.
 */
void
co_timeline_clear_kept_ranges (CoTimeline *self)
{
  g_return_if_fail (CO_IS_TIMELINE (self));
  g_array_set_size (self->kept, 0);
}

/**
 * co_timeline_add_marker:
 * @self: a timeline
 * @kind: what the marker suggests
 * @start_us: where it is in the source
 * @duration_us: how long it lasts, 0 for a point
 * @name: a short name
 * @comment: (nullable): a longer explanation
 *
 * Adds a marker; markers are kept in time order.
 */
void
co_timeline_add_marker (CoTimeline   *self,
                        CoMarkerKind  kind,
                        gint64        start_us,
                        gint64        duration_us,
                        const char   *name,
                        const char   *comment)
{
  CoMarker *marker;
  guint pos = 0;

  g_return_if_fail (CO_IS_TIMELINE (self));
  g_return_if_fail (name != NULL);

  marker = g_new0 (CoMarker, 1);
  marker->kind = kind;
  marker->start_us = start_us;
  marker->duration_us = duration_us;
  marker->name = g_strdup (name);
  marker->comment = g_strdup (comment ? comment : "");

  while (pos < self->markers->len &&
         ((CoMarker *) g_ptr_array_index (self->markers, pos))->start_us <= start_us)
    pos++;
  g_ptr_array_insert (self->markers, pos, marker);
}

/**
 * co_timeline_get_markers:
 * @self: a timeline
 *
 * Returns: (transfer none) (element-type CoMarker): the markers in time order
 */
GPtrArray *
co_timeline_get_markers (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), NULL);
  return self->markers;
}

/**
 * co_timeline_set_cues:
 * @self: a timeline
 * @cues: (element-type CoCue): subtitles in source time
 *
 * Sets the subtitles the SRT and WebVTT exports write; @cues is copied.
 */
void
co_timeline_set_cues (CoTimeline *self,
                      GPtrArray  *cues)
{
  g_return_if_fail (CO_IS_TIMELINE (self));
  g_return_if_fail (cues != NULL);

  g_ptr_array_unref (self->cues);
  self->cues = co_cue_list_copy (cues);
}

/**
 * co_timeline_get_cues:
 * @self: a timeline
 *
 * Returns: (transfer none) (element-type CoCue): the subtitles
 */
GPtrArray *
co_timeline_get_cues (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), NULL);
  return self->cues;
}

GArray *
_co_timeline_get_kept (CoTimeline *self)
{
  g_return_val_if_fail (CO_IS_TIMELINE (self), NULL);
  return self->kept;
}
