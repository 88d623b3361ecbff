/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-filmstrip.h"
#include "co-test-desk.h"
#include "co-test-analysis.h"
#include "co-test-util.h"

/* The filmstrip: a picture of the start and of each scene change, shown only
 * when there are pictures; a picture clicked asks for the playhead there. */

#define WAIT_MS 30000

static void
seek_cb (CoFilmstrip *strip,
         double       time,
         double      *out)
{
  *out = time;
}

static gboolean
has_pictures (gpointer data)
{
  return gtk_widget_get_first_child (data) != NULL;
}

static guint
count_pictures (CoFilmstrip *strip)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (strip)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void
test_pictures (void)
{
  static const guint cuts[] = { 30, 75 };
  static const double gaps[][2] = { { 1.0, 1.8 }, { 3.0, 3.6 } };
  CoTestSpeechSpec spec = { .container = "mp4", .duration = 4.0, .rate = 48000, .channels = 2,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .width = 160,
                            .height = 120, .fps = 30, .cut_frames = cuts,
                            .n_cuts = G_N_ELEMENTS (cuts), .seed = 5 };
  g_autofree char *video = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  CoFilmstrip *strip;
  double asked = -1;
  gsize n = 0;

  if (co_test_desk_skip_without_display ())
    return;
  analysis = co_test_analyse_speech (&spec, TRUE, &video);
  co_analysis_get_scenes (analysis, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (cuts));
  strip = g_object_ref_sink (g_object_new (CO_TYPE_FILMSTRIP, NULL));
  g_signal_connect (strip, "seek", G_CALLBACK (seek_cb), &asked);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (strip)));

  /* A source replaced before its pictures come shows only the new ones. */
  co_filmstrip_set_source (strip, video, analysis);
  co_filmstrip_set_source (strip, video, analysis);
  g_assert_true (co_test_wait_until (has_pictures, strip, WAIT_MS));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (strip)));
  g_assert_cmpuint (count_pictures (strip), ==, G_N_ELEMENTS (cuts) + 1);
  g_signal_emit_by_name (gtk_widget_get_last_child (GTK_WIDGET (strip)), "clicked");
  g_assert_cmpfloat_with_epsilon (asked, cuts[1] / 30.0, 0.002);

  /* No analysis, no pictures, and nothing shown. */
  co_filmstrip_set_source (strip, video, NULL);
  g_assert_cmpuint (count_pictures (strip), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (strip)));
  co_test_assert_finalized (strip, WAIT_MS);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add_func ("/app/filmstrip/pictures", test_pictures);

  return g_test_run ();
}
