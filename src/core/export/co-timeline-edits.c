/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-export-error.h"
#include "co-timeline-private.h"

/* The part of CoTimeline the exports share: validation and quantisation. */

static gboolean
invalid (GError     **error,
         CoTimeline  *self,
         const char  *reason)
{
  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
               _("%s cannot be exported: %s"), co_timeline_get_media_path (self), reason);
  return FALSE;
}

static gboolean
validate_ranges (CoTimeline  *self,
                 GArray      *edits,
                 GError     **error)
{
  if (edits->len == 0)
    return invalid (error, self, _("nothing of it is kept"));
  return TRUE;
}

/**
 * co_timeline_validate:
 * @self: a timeline
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Checks what every export needs: an absolute path, a frame rate between
 * 1 and 240 fps, a duration of at least one frame, video or audio, kept
 * ranges in order inside the media and not empty, markers inside it.
 *
 * Returns: %TRUE if @self can be exported
 */
gboolean
co_timeline_validate (CoTimeline  *self,
                      GError     **error)
{
  const char *path;
  g_autoptr(GArray) edits = NULL;
  GPtrArray *markers;
  gint64 duration;
  gint64 last = 0;

  g_return_val_if_fail (CO_IS_TIMELINE (self), FALSE);

  path = co_timeline_get_media_path (self);
  duration = co_timeline_get_duration_us (self);
  if (!g_path_is_absolute (path))
    return invalid (error, self, _("the media path must be absolute"));
  if (!co_rate_is_valid (co_timeline_get_rate (self)))
    return invalid (error, self, _("the frame rate must be between 1 and 240 fps"));
  if (co_timeline_get_source_frames (self) < 1)
    return invalid (error, self, _("it is shorter than one frame"));
  if (!co_timeline_has_video (self) && !co_timeline_has_audio (self))
    return invalid (error, self, _("it has neither video nor audio"));

  edits = co_timeline_dup_edits (self);
  if (edits == NULL)
    return invalid (error, self, _("the kept ranges overlap, are out of order or lie "
                                   "outside the media"));
  if (!validate_ranges (self, edits, error))
    return FALSE;

  markers = co_timeline_get_markers (self);
  for (guint i = 0; i < markers->len; i++)
    {
      CoMarker *m = g_ptr_array_index (markers, i);

      if (m->start_us < last || m->start_us > duration || m->duration_us < 0)
        return invalid (error, self, _("a marker lies outside the media"));
      last = m->start_us;
    }
  return TRUE;
}

/**
 * co_timeline_get_source_frames:
 * @self: a timeline
 *
 * Returns: the source duration in frames, rounded to the nearest frame
 */
gint64
co_timeline_get_source_frames (CoTimeline *self)
{
  CoRate rate;

  g_return_val_if_fail (CO_IS_TIMELINE (self), 0);

  rate = co_timeline_get_rate (self);
  if (!co_rate_is_valid (rate))
    return 0;
  return co_rate_us_to_frames (rate, co_timeline_get_duration_us (self));
}

/* Appends [in, out) after the previous edit, merging when they touch. */
static void
append_edit (GArray *edits,
             gint64  in,
             gint64  out)
{
  CoEdit edit = { in, out, 0, out - in };

  if (edits->len > 0)
    {
      CoEdit *last = &g_array_index (edits, CoEdit, edits->len - 1);

      if (last->source_out == in)
        {
          last->source_out = out;
          last->record_out += out - in;
          return;
        }
      edit.record_in = last->record_out;
      edit.record_out = edit.record_in + out - in;
    }
  g_array_append_val (edits, edit);
}

/**
 * co_timeline_dup_edits:
 * @self: a timeline
 *
 * Quantises the kept ranges to frames (each end to the nearest frame),
 * drops those shorter than a frame, merges those that touch, and places
 * them one after the other in the sequence.  With no kept range, there is
 * one edit for the whole source.
 *
 * Returns: (transfer full) (element-type CoEdit) (nullable): the edits, or
 *   %NULL if the kept ranges overlap, are out of order or lie outside the
 *   media
 */
GArray *
co_timeline_dup_edits (CoTimeline *self)
{
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (CoEdit));
  CoRate rate;
  gint64 total;
  GArray *kept = _co_timeline_get_kept (self);
  gint64 duration = co_timeline_get_duration_us (self);
  gint64 prev_end = 0;

  rate = co_timeline_get_rate (self);
  total = co_timeline_get_source_frames (self);
  if (!co_rate_is_valid (rate))
    return NULL;
  if (kept->len == 0 && total > 0)
    append_edit (edits, 0, total);
  for (guint i = 0; i + 1 < kept->len; i += 2)
    {
      gint64 start = g_array_index (kept, gint64, i);
      gint64 end = g_array_index (kept, gint64, i + 1);
      gint64 in, out;

      if (start < prev_end || end < start || start < 0 || end > duration)
        return NULL;
      prev_end = end;
      in = co_rate_us_to_frames (rate, start);
      out = MIN (co_rate_us_to_frames (rate, end), total);
      if (out > in)
        append_edit (edits, in, out);
    }
  return g_steal_pointer (&edits);
}

/**
 * co_timeline_get_record_frames:
 * @self: a timeline
 *
 * Returns: the length of the cut sequence in frames
 */
gint64
co_timeline_get_record_frames (CoTimeline *self)
{
  g_autoptr(GArray) edits = NULL;

  g_return_val_if_fail (CO_IS_TIMELINE (self), 0);

  edits = co_timeline_dup_edits (self);
  if (edits == NULL || edits->len == 0)
    return 0;
  return g_array_index (edits, CoEdit, edits->len - 1).record_out;
}

/**
 * co_timeline_map_to_record:
 * @self: a timeline
 * @source_us: a time in the source
 *
 * Finds where a source time lands in the cut sequence.  A time inside a
 * part that was cut lands on the cut, that is, where the next kept part
 * starts.
 *
 * Returns: the sequence frame
 */
gint64
co_timeline_map_to_record (CoTimeline *self,
                           gint64      source_us)
{
  g_autoptr(GArray) edits = NULL;
  gint64 frame;

  g_return_val_if_fail (CO_IS_TIMELINE (self), 0);

  edits = co_timeline_dup_edits (self);
  if (edits == NULL || edits->len == 0)
    return 0;
  frame = co_rate_us_to_frames (co_timeline_get_rate (self), source_us);
  for (guint i = 0; i < edits->len; i++)
    {
      const CoEdit *e = &g_array_index (edits, CoEdit, i);

      if (frame < e->source_in)
        return e->record_in;
      if (frame < e->source_out)
        return e->record_in + frame - e->source_in;
    }
  return g_array_index (edits, CoEdit, edits->len - 1).record_out;
}
