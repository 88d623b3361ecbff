/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-export-private.h"

/*
 * FCPXML 1.9, read by Final Cut Pro 10.4.9 and later and by DaVinci
 * Resolve.  Every time is a rational number of seconds that is a whole
 * number of frames ("1001/30000s" is one frame at 29.97).  Version 1.9 put
 * the file URL in a <media-rep> inside the <asset>.  The project's spine
 * holds one asset-clip per kept range; markers sit in the clip that shows
 * them, in the clip's own (source) time.
 */

/* Writes a frame count as FCPXML time: "0s", "5s" or "1001/1000s". */
static void
append_time (GString    *out,
             const char *attribute,
             CoRate      rate,
             gint64      frames)
{
  gint64 num, den;

  co_rate_frames_to_seconds (rate, frames, &num, &den);
  if (den == 1)
    g_string_append_printf (out, " %s=\"%" G_GINT64_FORMAT "s\"", attribute, num);
  else
    g_string_append_printf (out, " %s=\"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "s\"",
                            attribute, num, den);
}

static void
append_attribute (GString    *out,
                  const char *attribute,
                  const char *value)
{
  g_string_append_printf (out, " %s=\"", attribute);
  _co_export_append_text (out, value);
  g_string_append_c (out, '"');
}

static const char *
audio_rate_name (int sample_rate)
{
  switch (sample_rate)
    {
    case 32000: return "32k";
    case 44100: return "44.1k";
    case 88200: return "88.2k";
    case 96000: return "96k";
    case 176400: return "176.4k";
    case 192000: return "192k";
    default: return "48k";
    }
}

static void
append_resources (GString      *out,
                  CoExportPlan *plan)
{
  CoTimeline *tl = plan->timeline;
  g_autofree char *url = co_export_file_url (co_timeline_get_media_path (tl), FALSE);
  int channels = co_timeline_get_audio_channels (tl);

  g_string_append (out, "  <resources>\n    <format id=\"r1\"");
  append_time (out, "frameDuration", plan->rate, 1);
  if (co_timeline_has_video (tl))
    g_string_append_printf (out, " width=\"%d\" height=\"%d\"",
                            co_timeline_get_width (tl), co_timeline_get_height (tl));
  g_string_append (out, "/>\n    <asset id=\"r2\"");
  append_attribute (out, "name", co_timeline_get_name (tl));
  append_time (out, "start", plan->rate, 0);
  append_time (out, "duration", plan->rate, plan->source_frames);
  g_string_append_printf (out, " hasVideo=\"%d\" format=\"r1\"", co_timeline_has_video (tl));
  if (channels > 0)
    g_string_append_printf (out, " hasAudio=\"1\" audioSources=\"1\" audioChannels=\"%d\" "
                            "audioRate=\"%d\"", channels, co_timeline_get_sample_rate (tl));
  g_string_append (out, ">\n      <media-rep kind=\"original-media\"");
  append_attribute (out, "src", url);
  g_string_append (out, "/>\n    </asset>\n  </resources>\n");
}

static void
append_marker (GString              *out,
               CoExportPlan         *plan,
               const CoEdit         *e,
               const CoPlacedMarker *p)
{
  gboolean chapter = p->marker->kind == CO_MARKER_CHAPTER;
  gint64 in = CLAMP (p->in, e->record_in, e->record_out - 1);

  g_string_append_printf (out, "              <%s", chapter ? "chapter-marker" : "marker");
  append_time (out, "start", plan->rate, e->source_in + in - e->record_in);
  append_time (out, "duration", plan->rate, MAX (p->out - p->in, 1));
  append_attribute (out, "value", p->marker->name);
  if (chapter)
    g_string_append (out, " posterOffset=\"0s\"");
  else if (*p->marker->comment != '\0')
    append_attribute (out, "note", p->marker->comment);
  g_string_append (out, "/>\n");
}

static void
append_clip (GString      *out,
             CoExportPlan *plan,
             const CoEdit *e)
{
  const char *tc_format = plan->drop_frame ? "DF" : "NDF";

  g_string_append (out, "            <asset-clip ref=\"r2\"");
  append_time (out, "offset", plan->rate, e->record_in);
  append_attribute (out, "name", co_timeline_get_name (plan->timeline));
  append_time (out, "start", plan->rate, e->source_in);
  append_time (out, "duration", plan->rate, e->record_out - e->record_in);
  g_string_append_printf (out, " format=\"r1\" tcFormat=\"%s\">\n", tc_format);
  for (guint i = 0; i < plan->markers->len; i++)
    {
      const CoPlacedMarker *p = &g_array_index (plan->markers, CoPlacedMarker, i);

      if (_co_export_plan_find_edit (plan, p->in) == e)
        append_marker (out, plan, e, p);
    }
  g_string_append (out, "            </asset-clip>\n");
}

static void
append_project (GString      *out,
                CoExportPlan *plan)
{
  CoTimeline *tl = plan->timeline;
  int channels = co_timeline_get_audio_channels (tl);

  g_string_append (out, "  <library>\n    <event name=\"CreatorOps\">\n      <project");
  append_attribute (out, "name", co_timeline_get_name (tl));
  g_string_append (out, ">\n        <sequence format=\"r1\"");
  append_time (out, "duration", plan->rate, plan->record_frames);
  append_time (out, "tcStart", plan->rate, 0);
  g_string_append_printf (out, " tcFormat=\"%s\" audioLayout=\"%s\" audioRate=\"%s\">\n"
                          "          <spine>\n",
                          plan->drop_frame ? "DF" : "NDF",
                          channels == 1 ? "mono" : channels > 2 ? "surround" : "stereo",
                          audio_rate_name (co_timeline_get_sample_rate (tl)));
  for (guint i = 0; i < plan->edits->len; i++)
    append_clip (out, plan, &g_array_index (plan->edits, CoEdit, i));
  g_string_append (out, "          </spine>\n        </sequence>\n      </project>\n"
                        "    </event>\n  </library>\n");
}

/**
 * co_export_fcpxml:
 * @timeline: what to export
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Writes FCPXML 1.9 for Final Cut Pro and DaVinci Resolve: a format and
 * an asset resource (with a `file:///` URL), and a project whose spine holds
 * one asset-clip per kept range, with exact rational times.  Markers become
 * clip markers, chapter markers for %CO_MARKER_CHAPTER.
 *
 * Returns: (transfer full): the document, or %NULL
 */
char *
co_export_fcpxml (CoTimeline  *timeline,
                  GError     **error)
{
  g_autoptr(CoExportPlan) plan = NULL;
  GString *out;

  g_return_val_if_fail (CO_IS_TIMELINE (timeline), NULL);

  plan = _co_export_plan_new (timeline, TRUE, error);
  if (plan == NULL)
    return NULL;

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<!DOCTYPE fcpxml>\n"
                      "<fcpxml version=\"1.9\">\n");
  append_resources (out, plan);
  append_project (out, plan);
  g_string_append (out, "</fcpxml>\n");
  return g_string_free (out, FALSE);
}
