/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-export-private.h"
#include "co-subtitle.h"

/* Places the markers in the sequence: through the cuts, or at their source
 * frame when the whole source is kept. */
static GArray *
place_markers (CoTimeline *timeline,
               gboolean    cut,
               gint64      total)
{
  GPtrArray *markers = co_timeline_get_markers (timeline);
  CoRate rate = co_timeline_get_rate (timeline);
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (CoPlacedMarker));

  for (guint i = 0; i < markers->len; i++)
    {
      const CoMarker *m = g_ptr_array_index (markers, i);
      CoPlacedMarker p = { m, 0, 0 };
      gint64 end_us = m->start_us + m->duration_us;

      if (cut)
        {
          p.in = co_timeline_map_to_record (timeline, m->start_us);
          p.out = co_timeline_map_to_record (timeline, end_us);
        }
      else
        {
          p.in = MIN (co_rate_us_to_frames (rate, m->start_us), total);
          p.out = MIN (co_rate_us_to_frames (rate, end_us), total);
        }
      p.out = MAX (p.out, p.in);
      g_array_append_val (placed, p);
    }
  return placed;
}

/**
 * _co_export_plan_new:
 * @timeline: the timeline
 * @cut: whether to follow the kept ranges, or keep the whole source
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL if @timeline is
 *   not valid
 */
CoExportPlan *
_co_export_plan_new (CoTimeline  *timeline,
                     gboolean     cut,
                     GError     **error)
{
  CoExportPlan *plan;

  if (!co_timeline_validate (timeline, error))
    return NULL;

  plan = g_new0 (CoExportPlan, 1);
  plan->timeline = g_object_ref (timeline);
  plan->rate = co_timeline_get_rate (timeline);
  plan->drop_frame = co_timeline_get_drop_frame (timeline);
  plan->source_frames = co_timeline_get_source_frames (timeline);
  if (cut)
    plan->edits = co_timeline_dup_edits (timeline);
  else
    {
      CoEdit whole = { 0, plan->source_frames, 0, plan->source_frames };

      plan->edits = g_array_new (FALSE, FALSE, sizeof (CoEdit));
      g_array_append_val (plan->edits, whole);
    }
  plan->record_frames = g_array_index (plan->edits, CoEdit, plan->edits->len - 1).record_out;
  plan->markers = place_markers (timeline, cut, plan->source_frames);
  return plan;
}

/**
 * _co_export_plan_free:
 * @plan: (nullable): a plan
 *
 * Frees @plan.
 */
void
_co_export_plan_free (CoExportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->timeline);
  g_clear_pointer (&plan->edits, g_array_unref);
  g_clear_pointer (&plan->markers, g_array_unref);
  g_free (plan);
}

/**
 * _co_export_plan_find_edit:
 * @plan: a plan
 * @record_frame: a sequence frame
 *
 * Returns: (transfer none): the edit that shows @record_frame; the last
 *   edit for the frame just after the sequence
 */
const CoEdit *
_co_export_plan_find_edit (CoExportPlan *plan,
                           gint64        record_frame)
{
  for (guint i = 0; i < plan->edits->len; i++)
    {
      const CoEdit *e = &g_array_index (plan->edits, CoEdit, i);

      if (record_frame < e->record_out)
        return e;
    }
  return &g_array_index (plan->edits, CoEdit, plan->edits->len - 1);
}

/**
 * _co_export_append_text:
 * @out: the document
 * @text: text for XML character data or an attribute value
 *
 * Appends @text with `&<>"'` escaped.
 */
void
_co_export_append_text (GString    *out,
                        const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/**
 * _co_export_append_element:
 * @out: the document
 * @indent: the nesting depth
 * @name: the element name
 * @text: its text, escaped here
 *
 * Appends `<name>text</name>` on its own line.
 */
void
_co_export_append_element (GString    *out,
                           int         indent,
                           const char *name,
                           const char *text)
{
  g_string_append_printf (out, "%*s<%s>", indent * 2, "", name);
  _co_export_append_text (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

/**
 * _co_export_append_int_element:
 * @out: the document
 * @indent: the nesting depth
 * @name: the element name
 * @value: its value
 *
 * Appends `<name>value</name>` on its own line.
 */
void
_co_export_append_int_element (GString    *out,
                               int         indent,
                               const char *name,
                               gint64      value)
{
  g_string_append_printf (out, "%*s<%s>%" G_GINT64_FORMAT "</%s>\n",
                          indent * 2, "", name, value, name);
}

/**
 * _co_export_one_line:
 * @text: a name or comment
 *
 * Line-based formats (EDL, CSV, chapters) cannot hold line breaks or tabs.
 *
 * Returns: (transfer full): @text with each run of control characters
 *   replaced by one space
 */
char *
_co_export_one_line (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7F)
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* Moves a source time into the cut sequence, in microseconds, so that
 * subtitles keep their millisecond precision on an uncut timeline. */
static gint64
map_us (CoExportPlan *plan,
        gint64        us)
{
  for (guint i = 0; i < plan->edits->len; i++)
    {
      const CoEdit *e = &g_array_index (plan->edits, CoEdit, i);
      gint64 in_us = co_rate_frames_to_us (plan->rate, e->source_in);
      gint64 rec_us = co_rate_frames_to_us (plan->rate, e->record_in);

      if (us < in_us)
        return rec_us;
      if (us < co_rate_frames_to_us (plan->rate, e->source_out))
        return us - in_us + rec_us;
    }
  return co_rate_frames_to_us (plan->rate, plan->record_frames);
}

/**
 * co_export_subtitles:
 * @timeline: the timeline with its cues (co_timeline_set_cues())
 * @format: SRT or WebVTT
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Writes the timeline's subtitles, moved through the cuts: a cue whose
 * speech was cut is left out, one cut in part is shortened.
 *
 * Returns: (transfer full): the file content, or %NULL
 */
char *
co_export_subtitles (CoTimeline        *timeline,
                     CoSubtitleFormat   format,
                     GError           **error)
{
  g_autoptr(CoExportPlan) plan = _co_export_plan_new (timeline, TRUE, error);
  g_autoptr(GPtrArray) cues = NULL;
  GPtrArray *source;

  if (plan == NULL)
    return NULL;

  source = co_timeline_get_cues (timeline);
  cues = co_cue_list_new ();
  for (guint i = 0; i < source->len; i++)
    {
      CoCue *cue = co_cue_copy (g_ptr_array_index (source, i));

      cue->start_us = map_us (plan, cue->start_us);
      cue->end_us = map_us (plan, cue->end_us);
      if (cue->end_us - cue->start_us >= 1000)
        g_ptr_array_add (cues, cue);
      else
        co_cue_free (cue);
    }
  return co_subtitle_write (cues, format);
}
