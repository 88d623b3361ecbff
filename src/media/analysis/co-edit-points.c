/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-analysis-private.h"

/*
 * Edit suggestions are markers with a reason, never edits.  A silence long
 * enough to hold the padding twice becomes a cut-out/cut-in pair that keeps
 * the padding next to the words on both sides; a silence at least
 * keep_pauses_over long is instead marked as an intentional pause; every
 * scene change is a marker of its own.
 */

static void
add_point (GArray          *points,
           double           time,
           CoEditPointKind  kind,
           char            *reason)
{
  CoEditPoint point = { _co_round_ms (time), kind, reason };

  g_array_append_val (points, point);
}

static void
add_silence (GArray                 *points,
             const CoInterval       *silence,
             double                  duration,
             const CoAnalysisParams *params)
{
  double length = silence->end - silence->start;

  if (params->keep_pauses_over > 0 && length >= params->keep_pauses_over)
    {
      add_point (points, silence->start, CO_EDIT_POINT_PAUSE,
                 g_strdup_printf (_("Pause of %.2f s kept as intentional: it is at least "
                                    "%.2f s long."), length, params->keep_pauses_over));
      return;
    }
  if (length <= 2 * params->padding)
    return;
  /* A silence that opens or ends the file has no sound on one side: the
   * reason says so rather than speak of sound that never comes. */
  if (silence->start <= 0.0005)
    add_point (points, silence->start + params->padding, CO_EDIT_POINT_CUT_OUT,
               g_strdup_printf (_("The file opens with %.2f s of silence: cut from here."),
                                length));
  else
    add_point (points, silence->start + params->padding, CO_EDIT_POINT_CUT_OUT,
               g_strdup_printf (_("Silence of %.2f s: cut from here, keeping %.2f s after "
                                  "the last sound."), length, params->padding));
  if (silence->end >= duration - 0.0005)
    add_point (points, silence->end - params->padding, CO_EDIT_POINT_CUT_IN,
               g_strdup_printf (_("The file ends in this silence at %.3f s: anything kept "
                                  "from here is silent."), silence->end));
  else
    add_point (points, silence->end - params->padding, CO_EDIT_POINT_CUT_IN,
               g_strdup_printf (_("Sound resumes at %.3f s: cut back in here, keeping %.2f s "
                                  "before it."), silence->end, params->padding));
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const CoEditPoint *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static void
clear_point (gpointer data)
{
  CoEditPoint *point = data;

  g_free (point->reason);
}

/**
 * _co_edit_points_build:
 * @result: an analysis with silences and scenes; receives its edit points
 * @params: the padding and pause settings
 */
void
_co_edit_points_build (CoAnalysis             *result,
                       const CoAnalysisParams *params)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (CoEditPoint));

  g_array_set_clear_func (points, clear_point);
  for (guint i = 0; i < result->silences->len; i++)
    add_silence (points, &g_array_index (result->silences, CoInterval, i), result->duration,
                 params);
  for (guint i = 0; i < result->scenes->len; i++)
    {
      const CoScene *scene = &g_array_index (result->scenes, CoScene, i);

      add_point (points, scene->time, CO_EDIT_POINT_SCENE,
                 g_strdup_printf (_("The picture changes here (scene score %.2f)."),
                                  scene->score));
    }
  g_array_sort (points, compare_points);
  g_clear_pointer (&result->edit_points, g_array_unref);
  result->edit_points = points;
}
