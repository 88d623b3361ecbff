/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-export-private.h"

/*
 * Final Cut Pro 7 XML interchange (xmeml version 4), the format Premiere Pro
 * imports as "Final Cut Pro XML".  Times are frame counts at the sequence
 * rate: <timebase> is the whole number of frames per second and <ntsc> says
 * whether the real rate is 1000/1001 of it (23.976, 29.97, 59.94).  One
 * <file> is described once and referenced by id afterwards; each kept range
 * becomes one clipitem per track, linked together so that video and audio
 * move as one.
 */

typedef struct
{
  GString      *out;
  CoExportPlan *plan;
  CoTimeline   *timeline;
  int           channels;
  gboolean      file_written;
} Xmeml;

static void
append_rate (Xmeml *x,
             int    indent)
{
  CoRate rate = x->plan->rate;

  g_string_append_printf (x->out, "%*s<rate>\n", indent * 2, "");
  _co_export_append_int_element (x->out, indent + 1, "timebase", co_rate_get_timebase (rate));
  _co_export_append_element (x->out, indent + 1, "ntsc",
                             co_rate_is_ntsc (rate) ? "TRUE" : "FALSE");
  g_string_append_printf (x->out, "%*s</rate>\n", indent * 2, "");
}

static void
append_timecode (Xmeml *x,
                 int    indent)
{
  gboolean drop = x->plan->drop_frame;
  g_autofree char *tc = co_timecode_format (x->plan->rate, 0, drop);

  g_string_append_printf (x->out, "%*s<timecode>\n", indent * 2, "");
  append_rate (x, indent + 1);
  _co_export_append_element (x->out, indent + 1, "string", tc);
  _co_export_append_int_element (x->out, indent + 1, "frame", 0);
  _co_export_append_element (x->out, indent + 1, "displayformat", drop ? "DF" : "NDF");
  g_string_append_printf (x->out, "%*s</timecode>\n", indent * 2, "");
}

static void
append_video_characteristics (Xmeml *x,
                              int    indent)
{
  g_string_append_printf (x->out, "%*s<samplecharacteristics>\n", indent * 2, "");
  append_rate (x, indent + 1);
  _co_export_append_int_element (x->out, indent + 1, "width", co_timeline_get_width (x->timeline));
  _co_export_append_int_element (x->out, indent + 1, "height",
                                 co_timeline_get_height (x->timeline));
  _co_export_append_element (x->out, indent + 1, "anamorphic", "FALSE");
  _co_export_append_element (x->out, indent + 1, "pixelaspectratio", "square");
  _co_export_append_element (x->out, indent + 1, "fielddominance", "none");
  g_string_append_printf (x->out, "%*s</samplecharacteristics>\n", indent * 2, "");
}

static void
append_audio_characteristics (Xmeml *x,
                              int    indent)
{
  g_string_append_printf (x->out, "%*s<samplecharacteristics>\n", indent * 2, "");
  _co_export_append_int_element (x->out, indent + 1, "depth", 16);
  _co_export_append_int_element (x->out, indent + 1, "samplerate",
                                 co_timeline_get_sample_rate (x->timeline));
  g_string_append_printf (x->out, "%*s</samplecharacteristics>\n", indent * 2, "");
}

static void
append_file_media (Xmeml *x,
                   int    indent)
{
  g_string_append_printf (x->out, "%*s<media>\n", indent * 2, "");
  if (co_timeline_has_video (x->timeline))
    {
      g_string_append_printf (x->out, "%*s<video>\n", (indent + 1) * 2, "");
      append_video_characteristics (x, indent + 2);
      g_string_append_printf (x->out, "%*s</video>\n", (indent + 1) * 2, "");
    }
  if (x->channels > 0)
    {
      g_string_append_printf (x->out, "%*s<audio>\n", (indent + 1) * 2, "");
      append_audio_characteristics (x, indent + 2);
      _co_export_append_int_element (x->out, indent + 2, "channelcount", x->channels);
      g_string_append_printf (x->out, "%*s</audio>\n", (indent + 1) * 2, "");
    }
  g_string_append_printf (x->out, "%*s</media>\n", indent * 2, "");
}

/* The full description of the source the first time, a reference after. */
static void
append_file (Xmeml *x,
             int    indent)
{
  const char *path = co_timeline_get_media_path (x->timeline);
  g_autofree char *url = NULL;
  g_autofree char *base = NULL;

  if (x->file_written)
    {
      g_string_append_printf (x->out, "%*s<file id=\"file-1\"/>\n", indent * 2, "");
      return;
    }
  x->file_written = TRUE;
  url = co_export_file_url (path, TRUE);
  base = g_path_get_basename (path);
  g_string_append_printf (x->out, "%*s<file id=\"file-1\">\n", indent * 2, "");
  _co_export_append_element (x->out, indent + 1, "name", base);
  _co_export_append_element (x->out, indent + 1, "pathurl", url);
  append_rate (x, indent + 1);
  _co_export_append_int_element (x->out, indent + 1, "duration", x->plan->source_frames);
  append_timecode (x, indent + 1);
  append_file_media (x, indent + 1);
  g_string_append_printf (x->out, "%*s</file>\n", indent * 2, "");
}

/* Track 0 is the video track; tracks 1… are the audio channels. */
static char *
clipitem_id (guint track,
             guint clip)
{
  if (track == 0)
    return g_strdup_printf ("clipitem-v%u", clip + 1);
  return g_strdup_printf ("clipitem-a%u-%u", track, clip + 1);
}

static void
append_links (Xmeml *x,
              guint  clip,
              int    indent)
{
  gboolean video = co_timeline_has_video (x->timeline);

  for (guint track = video ? 0 : 1; track <= (guint) x->channels; track++)
    {
      g_autofree char *id = clipitem_id (track, clip);

      g_string_append_printf (x->out, "%*s<link>\n", indent * 2, "");
      _co_export_append_element (x->out, indent + 1, "linkclipref", id);
      _co_export_append_element (x->out, indent + 1, "mediatype", track == 0 ? "video" : "audio");
      _co_export_append_int_element (x->out, indent + 1, "trackindex", track == 0 ? 1 : track);
      _co_export_append_int_element (x->out, indent + 1, "clipindex", clip + 1);
      if (track > 0)
        _co_export_append_int_element (x->out, indent + 1, "groupindex", 1);
      g_string_append_printf (x->out, "%*s</link>\n", indent * 2, "");
    }
}

static void
append_clipitem (Xmeml *x,
                 guint  track,
                 guint  clip,
                 int    indent)
{
  const CoEdit *e = &g_array_index (x->plan->edits, CoEdit, clip);
  g_autofree char *id = clipitem_id (track, clip);
  GString *out = x->out;

  g_string_append_printf (out, "%*s<clipitem id=\"%s\">\n", indent * 2, "", id);
  _co_export_append_element (out, indent + 1, "masterclipid", "masterclip-1");
  _co_export_append_element (out, indent + 1, "name", co_timeline_get_name (x->timeline));
  _co_export_append_element (out, indent + 1, "enabled", "TRUE");
  _co_export_append_int_element (out, indent + 1, "duration", x->plan->source_frames);
  append_rate (x, indent + 1);
  _co_export_append_int_element (out, indent + 1, "start", e->record_in);
  _co_export_append_int_element (out, indent + 1, "end", e->record_out);
  _co_export_append_int_element (out, indent + 1, "in", e->source_in);
  _co_export_append_int_element (out, indent + 1, "out", e->source_out);
  append_file (x, indent + 1);
  if (track > 0)
    {
      g_string_append_printf (out, "%*s<sourcetrack>\n", (indent + 1) * 2, "");
      _co_export_append_element (out, indent + 2, "mediatype", "audio");
      _co_export_append_int_element (out, indent + 2, "trackindex", track);
      g_string_append_printf (out, "%*s</sourcetrack>\n", (indent + 1) * 2, "");
    }
  append_links (x, clip, indent + 1);
  g_string_append_printf (out, "%*s</clipitem>\n", indent * 2, "");
}

static void
append_track (Xmeml *x,
              guint  track,
              int    indent)
{
  g_string_append_printf (x->out, "%*s<track>\n", indent * 2, "");
  for (guint clip = 0; clip < x->plan->edits->len; clip++)
    append_clipitem (x, track, clip, indent + 1);
  g_string_append_printf (x->out, "%*s</track>\n", indent * 2, "");
}

static void
append_media (Xmeml *x,
              int    indent)
{
  g_string_append_printf (x->out, "%*s<media>\n", indent * 2, "");
  if (co_timeline_has_video (x->timeline))
    {
      g_string_append_printf (x->out, "%*s<video>\n", (indent + 1) * 2, "");
      g_string_append_printf (x->out, "%*s<format>\n", (indent + 2) * 2, "");
      append_video_characteristics (x, indent + 3);
      g_string_append_printf (x->out, "%*s</format>\n", (indent + 2) * 2, "");
      append_track (x, 0, indent + 2);
      g_string_append_printf (x->out, "%*s</video>\n", (indent + 1) * 2, "");
    }
  if (x->channels > 0)
    {
      g_string_append_printf (x->out, "%*s<audio>\n", (indent + 1) * 2, "");
      _co_export_append_int_element (x->out, indent + 2, "numOutputChannels", x->channels);
      g_string_append_printf (x->out, "%*s<format>\n", (indent + 2) * 2, "");
      append_audio_characteristics (x, indent + 3);
      g_string_append_printf (x->out, "%*s</format>\n", (indent + 2) * 2, "");
      for (int ch = 1; ch <= x->channels; ch++)
        append_track (x, ch, indent + 2);
      g_string_append_printf (x->out, "%*s</audio>\n", (indent + 1) * 2, "");
    }
  g_string_append_printf (x->out, "%*s</media>\n", indent * 2, "");
}

/* A point marker has <out>-1</out>, as Premiere and Final Cut write it. */
static void
append_markers (Xmeml *x,
                int    indent)
{
  for (guint i = 0; i < x->plan->markers->len; i++)
    {
      const CoPlacedMarker *p = &g_array_index (x->plan->markers, CoPlacedMarker, i);

      g_string_append_printf (x->out, "%*s<marker>\n", indent * 2, "");
      _co_export_append_element (x->out, indent + 1, "name", p->marker->name);
      _co_export_append_element (x->out, indent + 1, "comment", p->marker->comment);
      _co_export_append_int_element (x->out, indent + 1, "in", p->in);
      _co_export_append_int_element (x->out, indent + 1, "out", p->out > p->in ? p->out : -1);
      g_string_append_printf (x->out, "%*s</marker>\n", indent * 2, "");
    }
}

static char *
write_xmeml (CoTimeline  *timeline,
             gboolean     cut,
             GError     **error)
{
  g_autoptr(CoExportPlan) plan = _co_export_plan_new (timeline, cut, error);
  Xmeml x = { NULL, plan, timeline, 0, FALSE };

  if (plan == NULL)
    return NULL;

  /* Premiere builds stereo from one mono clip per channel and track. */
  x.channels = MIN (co_timeline_get_audio_channels (timeline), 2);
  x.out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<!DOCTYPE xmeml>\n"
                        "<xmeml version=\"4\">\n"
                        "  <sequence id=\"sequence-1\">\n");
  _co_export_append_element (x.out, 2, "name", co_timeline_get_name (timeline));
  _co_export_append_int_element (x.out, 2, "duration", plan->record_frames);
  append_rate (&x, 2);
  append_timecode (&x, 2);
  append_media (&x, 2);
  append_markers (&x, 2);
  g_string_append (x.out, "  </sequence>\n</xmeml>\n");
  return g_string_free (x.out, FALSE);
}

/**
 * co_export_xmeml:
 * @timeline: what to export
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Writes Premiere Pro XML (FCP 7 xmeml version 4): one sequence holding the
 * source cut to its kept ranges, as linked video and audio clip items
 * (one audio track per channel, at most two), with the markers as sequence
 * markers.  The file is referenced by a percent-encoded
 * `file://localhost/` URL.
 *
 * Returns: (transfer full): the document, or %NULL
 */
char *
co_export_xmeml (CoTimeline  *timeline,
                 GError     **error)
{
  g_return_val_if_fail (CO_IS_TIMELINE (timeline), NULL);
  return write_xmeml (timeline, TRUE, error);
}

/**
 * co_export_premiere_markers:
 * @timeline: what to export
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Writes the markers in the form Premiere Pro imports: Premiere reads no
 * marker CSV, but it imports xmeml sequence markers.  This is an xmeml
 * sequence of the whole, uncut source with every marker at its source
 * time, so the markers line up with the original clip.  A timeline
 * without markers is refused.
 *
 * Returns: (transfer full): the document, or %NULL
 */
char *
co_export_premiere_markers (CoTimeline  *timeline,
                            GError     **error)
{
  g_return_val_if_fail (CO_IS_TIMELINE (timeline), NULL);
  if (!co_timeline_validate (timeline, error) || !_co_export_check_markers (timeline, error))
    return NULL;
  return write_xmeml (timeline, FALSE, error);
}
