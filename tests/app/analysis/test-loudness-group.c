/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-loudness-group.h"
#include "co-test-desk.h"
#include "co-test-speech.h"
#include "co-test-util.h"

/* The Media page's loudness figures, as the rows show them. */

static const double gaps[][2] = { { 1.0, 1.6 } };

static CoAnalysis *
analyse_speech (void)
{
  CoTestSpeechSpec spec = { .container = "wav", .duration = 3.0, .rate = 16000, .channels = 1,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .seed = 9 };
  g_autofree char *dir = co_test_make_temp_dir ("loudness");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = co_test_speech_write (dir, "talk.wav", &spec, &error);
  CoAnalysisParams params;
  CoAnalysis *analysis;

  g_assert_no_error (error);
  co_analysis_params_init (&params);
  analysis = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return analysis;
}

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
  analysis = analyse_speech ();
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
