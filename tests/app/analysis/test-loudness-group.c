/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-loudness-group.h"
#include "co-test-desk.h"
#include "co-test-analysis.h"
#include "co-test-util.h"

/* The Media page's loudness figures, as the rows show them. */

static const double gaps[][2] = { { 1.0, 1.6 } };

static void
test_figures (void)
{
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autofree char *integrated = NULL;
  g_autofree char *peak = NULL;
  CoLoudnessGroup *group;
  gsize n = 0;

  if (co_test_desk_skip_without_display ())
    return;
  analysis = co_test_analyse_speech (&(CoTestSpeechSpec) { .container = "wav", .duration = 3.0,
                                                          .rate = 16000, .channels = 1,
                                                          .gaps = gaps, .n_gaps = 1, .seed = 9 },
                                     FALSE, NULL);
  group = g_object_ref_sink (g_object_new (CO_TYPE_LOUDNESS_GROUP, NULL));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Loudness");
  co_loudness_group_set_analysis (group, analysis);

  integrated = g_strdup_printf ("%.1f LUFS", co_analysis_get_integrated_lufs (analysis));
  peak = g_strdup_printf ("%.1f dBTP", co_analysis_get_true_peak_dbtp (analysis));
  g_assert_cmpstr (co_loudness_group_get_text (group, "integrated"), ==, integrated);
  g_assert_cmpstr (co_loudness_group_get_text (group, "peak"), ==, peak);
  g_assert_true (g_str_has_suffix (co_loudness_group_get_text (group, "range"), " LU"));
  g_assert_cmpuint (co_analysis_get_clip_count (analysis), ==, 0);
  g_assert_cmpstr (co_loudness_group_get_text (group, "clip"), ==, "None");
  co_analysis_get_silences (analysis, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_str_has_prefix (co_loudness_group_get_text (group, "silences"), "1 silence · "));
  g_assert_null (co_loudness_group_get_text (group, "tempo"));
  g_assert_finalize_object (group);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add_func ("/app/loudness-group/figures", test_figures);

  return g_test_run ();
}
