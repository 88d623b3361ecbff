/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-suggestions-group.h"
#include "co-test-desk.h"
#include "co-test-analysis.h"
#include "co-test-util.h"

/* The edit suggestions: one row per edit point, and a row activated asks
 * for the playhead at its time. */

static const double gaps[][2] = { { 1.0, 1.8 }, { 2.6, 3.4 } };

static void
seek_cb (CoSuggestionsGroup *group,
         double              time,
         double             *out)
{
  *out = time;
}

static void
test_rows (void)
{
  g_autoptr(CoAnalysis) analysis = NULL;
  const CoEditPoint *points;
  CoSuggestionsGroup *group;
  GtkListBoxRow *row;
  GtkListBox *list;
  const char *description;
  double asked = -1;
  gsize n = 0;

  if (co_test_desk_skip_without_display ())
    return;
  analysis = co_test_analyse_speech (&(CoTestSpeechSpec) { .container = "wav", .duration = 4.5,
                                                          .rate = 16000, .channels = 1,
                                                          .gaps = gaps,
                                                          .n_gaps = G_N_ELEMENTS (gaps),
                                                          .seed = 4 },
                                     FALSE, NULL);
  points = co_analysis_get_edit_points (analysis, &n);
  g_assert_cmpuint (n, >=, 2);
  group = g_object_ref_sink (g_object_new (CO_TYPE_SUGGESTIONS_GROUP, NULL));
  g_signal_connect (group, "seek", G_CALLBACK (seek_cb), &asked);
  list = co_suggestions_group_get_list (group);

  co_suggestions_group_set_analysis (group, analysis);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, n - 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, n));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "markers"));
  row = gtk_list_box_get_row_at_index (list, 1);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpfloat (asked, ==, points[1].time);

  /* No analysis: no rows, and the hint instead. */
  co_suggestions_group_set_analysis (group, NULL);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
  g_assert_cmpstr (description != NULL ? description : "", ==, "");
  g_assert_finalize_object (group);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add_func ("/app/suggestions-group/rows", test_rows);

  return g_test_run ();
}
