/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-analysis.h"
#include "co-test-util.h"

/**
 * co_test_analyse_speech:
 * @spec: the speech (and video) to generate
 * @scenes: whether to look for scene changes
 * @out_path: (out) (optional) (transfer full): the file written
 *
 * Writes generated speech into a fresh folder and analyses it with the
 * default parameters: what the views that show an analysis are tested on.
 *
 * Returns: (transfer full): the analysis
 */
CoAnalysis *
co_test_analyse_speech (const CoTestSpeechSpec  *spec,
                        gboolean                 scenes,
                        char                   **out_path)
{
  g_autofree char *dir = co_test_make_temp_dir ("speech-analysis");
  g_autofree char *name = g_strconcat ("talk.", spec->container, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = co_test_speech_write (dir, name, spec, &error);
  CoAnalysisParams params;
  CoAnalysis *analysis;

  g_assert_no_error (error);
  co_analysis_params_init (&params);
  params.scenes = scenes;
  analysis = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return analysis;
}
