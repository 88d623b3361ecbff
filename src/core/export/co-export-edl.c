/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-export-private.h"

/*
 * CMX 3600 edit decision list.  Each kept range is one cut event from the
 * auxiliary source "AX" (files have no tape reel), followed by its clip
 * name; "FCM:" says whether timecodes are drop-frame, which also use ';'
 * before the frames.  Markers become locator comments under the event
 * that shows them, with the record timecode, as Avid and Resolve read them.
 */

/* The channel field: V, A (one channel), AA (two), B (video and one
 * channel), AA/V (video and two). */
static const char *
track_field (CoTimeline *timeline)
{
  gboolean video = co_timeline_has_video (timeline);
  int channels = co_timeline_get_audio_channels (timeline);

  if (channels == 0)
    return "V";
  if (channels == 1)
    return video ? "B" : "A";
  return video ? "AA/V" : "AA";
}

static const char *
marker_color (CoMarkerKind kind)
{
  switch (kind)
    {
    case CO_MARKER_CUT: return "RED";
    case CO_MARKER_SCENE: return "BLUE";
    case CO_MARKER_SILENCE: return "YELLOW";
    case CO_MARKER_CHAPTER: return "GREEN";
    case CO_MARKER_NOTE:
    default: return "WHITE";
    }
}

static void
append_tc (GString      *out,
           CoExportPlan *plan,
           gint64        frames)
{
  g_autofree char *tc = co_timecode_format (plan->rate, frames, plan->drop_frame);

  g_string_append_printf (out, " %s", tc);
}

static void
append_locators (GString      *out,
                 CoExportPlan *plan,
                 const CoEdit *e)
{
  for (guint i = 0; i < plan->markers->len; i++)
    {
      const CoPlacedMarker *p = &g_array_index (plan->markers, CoPlacedMarker, i);
      g_autofree char *name = NULL;
      g_autofree char *tc = NULL;

      if (_co_export_plan_find_edit (plan, p->in) != e)
        continue;
      name = _co_export_one_line (p->marker->name);
      tc = co_timecode_format (plan->rate, MIN (p->in, e->record_out - 1), plan->drop_frame);
      g_string_append_printf (out, "* LOC: %s %-7s %s\n", tc,
                              marker_color (p->marker->kind), name);
    }
}

static void
append_event (GString      *out,
              CoExportPlan *plan,
              guint         index)
{
  const CoEdit *e = &g_array_index (plan->edits, CoEdit, index);
  g_autofree char *clip = _co_export_one_line (co_timeline_get_name (plan->timeline));
  g_autofree char *file = _co_export_one_line (co_timeline_get_media_path (plan->timeline));

  g_string_append_printf (out, "%03u  %-8s %-5s C       ", index + 1, "AX",
                          track_field (plan->timeline));
  append_tc (out, plan, e->source_in);
  append_tc (out, plan, e->source_out);
  append_tc (out, plan, e->record_in);
  append_tc (out, plan, e->record_out);
  g_string_append_printf (out, "\n* FROM CLIP NAME: %s\n* SOURCE FILE: %s\n", clip, file);
  append_locators (out, plan, e);
  g_string_append_c (out, '\n');
}

/**
 * co_export_edl:
 * @timeline: what to export
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Writes a CMX 3600 EDL: a title, the frame code mode (DROP FRAME or
 * NON-DROP FRAME), one cut event per kept range with source and record
 * timecodes from 00:00:00:00, `* FROM CLIP NAME:` and `* SOURCE FILE:`
 * comments, and the markers as `* LOC:` locators.
 *
 * Returns: (transfer full): the list, or %NULL
 */
char *
co_export_edl (CoTimeline  *timeline,
               GError     **error)
{
  g_autoptr(CoExportPlan) plan = NULL;
  g_autofree char *title = NULL;
  GString *out;

  g_return_val_if_fail (CO_IS_TIMELINE (timeline), NULL);

  plan = _co_export_plan_new (timeline, TRUE, error);
  if (plan == NULL)
    return NULL;

  title = _co_export_one_line (co_timeline_get_name (timeline));
  out = g_string_new (NULL);
  g_string_append_printf (out, "TITLE: %s\nFCM: %s\n\n", title,
                          plan->drop_frame ? "DROP FRAME" : "NON-DROP FRAME");
  for (guint i = 0; i < plan->edits->len; i++)
    append_event (out, plan, i);
  return g_string_free (out, FALSE);
}
