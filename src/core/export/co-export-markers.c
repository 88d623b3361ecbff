/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-export-error.h"
#include "co-export-private.h"

/* YouTube's rules for chapters in a video description. */
#define MIN_CHAPTERS 3
#define MIN_CHAPTER_SECONDS 10

/**
 * _co_export_check_markers:
 * @timeline: what a marker list is made of
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * A marker list without markers would import as nothing, and a header
 * alone looks like a success: the marker exports refuse it instead.
 *
 * Returns: %TRUE if @timeline has a marker
 */
gboolean
_co_export_check_markers (CoTimeline  *timeline,
                          GError     **error)
{
  if (co_timeline_get_markers (timeline)->len > 0)
    return TRUE;
  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
               _("“%s” has no markers to export: its analysis found no scene change, pause or "
                 "silence to cut; a marker list would be empty"),
               co_timeline_get_name (timeline));
  return FALSE;
}

/* Audition's "decimal" time: M:SS.mmm, or H:MM:SS.mmm from an hour on. */
static void
append_decimal_time (GString *out,
                     gint64   us)
{
  gint64 ms = co_time_scale (us, 1, 1000);
  gint64 s = ms / 1000;

  if (s >= 3600)
    g_string_append_printf (out, "%" G_GINT64_FORMAT ":%02d:%02d.%03d",
                            s / 3600, (int) (s / 60 % 60), (int) (s % 60), (int) (ms % 1000));
  else
    g_string_append_printf (out, "%d:%02d.%03d", (int) (s / 60), (int) (s % 60),
                            (int) (ms % 1000));
}

/**
 * co_export_audition_csv:
 * @timeline: what to export
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Writes the marker list Adobe Audition imports (Markers panel, Import):
 * despite the .csv name it is tab-separated, with the columns Name, Start,
 * Duration, Time Format, Type and Description, and times in Audition's
 * "decimal" form (M:SS.mmm).  Times are in the cut sequence.  A timeline
 * without markers is refused rather than written as a header alone.
 *
 * Returns: (transfer full): the list, or %NULL
 */
char *
co_export_audition_csv (CoTimeline  *timeline,
                        GError     **error)
{
  g_autoptr(CoExportPlan) plan = NULL;
  GString *out;

  g_return_val_if_fail (CO_IS_TIMELINE (timeline), NULL);

  plan = _co_export_plan_new (timeline, TRUE, error);
  if (plan == NULL || !_co_export_check_markers (timeline, error))
    return NULL;

  out = g_string_new ("Name\tStart\tDuration\tTime Format\tType\tDescription\n");
  for (guint i = 0; i < plan->markers->len; i++)
    {
      const CoPlacedMarker *p = &g_array_index (plan->markers, CoPlacedMarker, i);
      g_autofree char *name = _co_export_one_line (p->marker->name);
      g_autofree char *comment = _co_export_one_line (p->marker->comment);

      g_string_append_printf (out, "%s\t", name);
      append_decimal_time (out, co_rate_frames_to_us (plan->rate, p->in));
      g_string_append_c (out, '\t');
      append_decimal_time (out, co_rate_frames_to_us (plan->rate, p->out - p->in));
      g_string_append_printf (out, "\tdecimal\tCue\t%s\n", comment);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  gint64      second;
  const char *title;
} Chapter;

/* Chapter markers if there are any, otherwise every marker, at the
 * nearest whole second of the cut sequence (frame starts at NTSC rates fall
 * a little before the second they belong to). */
static GArray *
collect_chapters (CoExportPlan *plan)
{
  GArray *chapters = g_array_new (FALSE, FALSE, sizeof (Chapter));
  gboolean only_chapters = FALSE;

  for (guint i = 0; i < plan->markers->len; i++)
    only_chapters |= g_array_index (plan->markers, CoPlacedMarker, i).marker->kind ==
                     CO_MARKER_CHAPTER;
  for (guint i = 0; i < plan->markers->len; i++)
    {
      const CoPlacedMarker *p = &g_array_index (plan->markers, CoPlacedMarker, i);
      gint64 us = co_rate_frames_to_us (plan->rate, p->in);
      Chapter c = { co_time_scale (us, 1, CO_USEC_PER_SEC), p->marker->name };

      if (!only_chapters || p->marker->kind == CO_MARKER_CHAPTER)
        g_array_append_val (chapters, c);
    }
  return chapters;
}

/* The first chapter starts at 0:00: a marker in the first ten seconds is
 * moved there, otherwise an "Intro" chapter is added.  Then every chapter
 * shorter than ten seconds is merged into the one before it. */
static void
merge_chapters (GArray *chapters,
                gint64  total_seconds)
{
  Chapter intro = { 0, N_("Intro") };

  if (chapters->len > 0 && g_array_index (chapters, Chapter, 0).second < MIN_CHAPTER_SECONDS)
    g_array_index (chapters, Chapter, 0).second = 0;
  else
    {
      intro.title = _(intro.title);
      g_array_prepend_val (chapters, intro);
    }

  for (guint i = 1; i < chapters->len;)
    {
      gint64 prev = g_array_index (chapters, Chapter, i - 1).second;

      if (g_array_index (chapters, Chapter, i).second - prev < MIN_CHAPTER_SECONDS)
        g_array_remove_index (chapters, i);
      else
        i++;
    }
  while (chapters->len > 1 &&
         total_seconds - g_array_index (chapters, Chapter, chapters->len - 1).second <
         MIN_CHAPTER_SECONDS)
    g_array_remove_index (chapters, chapters->len - 1);
}

static void
append_chapter_time (GString *out,
                     gint64   s,
                     gboolean hours)
{
  if (hours)
    g_string_append_printf (out, "%d:%02d:%02d", (int) (s / 3600), (int) (s / 60 % 60),
                            (int) (s % 60));
  else
    g_string_append_printf (out, "%d:%02d", (int) (s / 60), (int) (s % 60));
}

/**
 * co_export_chapters:
 * @timeline: what to export
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Writes YouTube chapters for a video description, one "M:SS Title" line
 * each (H:MM:SS for videos of an hour or more).  The chapters come from
 * the %CO_MARKER_CHAPTER markers, or from all markers if there are none,
 * in the cut sequence.  YouTube needs a first chapter at 0:00, at least
 * three chapters and at least ten seconds each: the first marker is moved
 * to 0:00 (or an "Intro" chapter is added) and chapters that are too short
 * are merged into the previous one.
 *
 * Returns: (transfer full): the text, or %NULL with
 *   #CO_EXPORT_ERROR_INVALID if three chapters of ten seconds do not fit
 */
char *
co_export_chapters (CoTimeline  *timeline,
                    GError     **error)
{
  g_autoptr(CoExportPlan) plan = NULL;
  g_autoptr(GArray) chapters = NULL;
  gint64 total;
  GString *out;

  g_return_val_if_fail (CO_IS_TIMELINE (timeline), NULL);

  plan = _co_export_plan_new (timeline, TRUE, error);
  if (plan == NULL)
    return NULL;

  total = co_rate_frames_to_us (plan->rate, plan->record_frames) / CO_USEC_PER_SEC;
  chapters = collect_chapters (plan);
  merge_chapters (chapters, total);
  if (chapters->len < MIN_CHAPTERS)
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                   _("%s: only %u chapters of at least %d seconds fit the markers of this "
                     "%lld-second video; YouTube needs at least %d"),
                   co_timeline_get_media_path (timeline), chapters->len, MIN_CHAPTER_SECONDS,
                   (long long) total, MIN_CHAPTERS);
      return NULL;
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < chapters->len; i++)
    {
      const Chapter *c = &g_array_index (chapters, Chapter, i);
      g_autofree char *title = _co_export_one_line (c->title);

      append_chapter_time (out, c->second, total >= 3600);
      g_string_append_printf (out, " %s\n", title);
    }
  return g_string_free (out, FALSE);
}
