/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-reanalyse-popover.h"
#include "co-test-desk.h"
#include "co-test-util.h"

/* The analysis settings read back what they were given, as a person would
 * change them, and scene changes are offered only for pictures. */

static void
test_params (void)
{
  CoAnalysisParams given, read;
  CoReanalysePopover *popover;
  GtkWidget *threshold, *scenes;

  if (co_test_desk_skip_without_display ())
    return;
  popover = g_object_ref_sink (g_object_new (CO_TYPE_REANALYSE_POPOVER, NULL));
  co_analysis_params_init (&given);
  given.threshold_db = -42;
  given.min_silence = 0.45;
  given.padding = 0.2;
  given.keep_pauses_over = 3.5;
  given.scenes = TRUE;
  co_reanalyse_popover_set_params (popover, &given);
  co_analysis_params_init (&read);
  co_reanalyse_popover_get_params (popover, &read);
  g_assert_true (co_analysis_params_equal (&given, &read));

  /* What the spin buttons hold is what comes back: the threshold is the
   * first one, scene changes the only switch. */
  threshold = co_test_desk_find_type (GTK_WIDGET (popover), GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), -50);
  co_reanalyse_popover_get_params (popover, &read);
  g_assert_cmpfloat (read.threshold_db, ==, -50);

  scenes = co_test_desk_find_type (GTK_WIDGET (popover), GTK_TYPE_SWITCH);
  g_assert_nonnull (scenes);
  co_reanalyse_popover_set_video (popover, FALSE);
  g_assert_false (gtk_widget_is_sensitive (scenes));
  co_reanalyse_popover_set_video (popover, TRUE);
  g_assert_true (gtk_widget_is_sensitive (scenes));
  g_assert_finalize_object (popover);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add_func ("/app/reanalyse-popover/params", test_params);

  return g_test_run ();
}
