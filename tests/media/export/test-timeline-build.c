/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "co-export-error.h"
#include "co-export.h"
#include "co-speech-word.h"
#include "co-test-speech.h"
#include "co-test-util.h"
#include "co-timeline-build.h"

#define PATH "/media/talks/Talk & Q&A.mp4"
#define PADDING 0.1

/* A hand-made analysis: the builder is a pure function of it, so every
 * edge can be set up exactly.  Edit points are given as the engine makes
 * them: a cut-out/cut-in pair per cut silence, a pause point, scenes. */
typedef struct
{
  double      start;
  double      end;
} Gap;

typedef struct
{
  double      time;
  const char *kind;
} Point;

static void
add_point (JsonBuilder *builder,
           double       time,
           const char  *kind,
           const char  *reason)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_double_value (builder, time);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  json_builder_end_object (builder);
}

static void
add_silences (JsonBuilder *builder,
              const Gap   *gaps,
              gsize        n_gaps)
{
  json_builder_set_member_name (builder, "silences");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < n_gaps; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_double_value (builder, gaps[i].start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_double_value (builder, gaps[i].end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "scenes");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
}

static CoAnalysis *
make_analysis (double       duration,
               const Gap   *gaps,
               gsize        n_gaps,
               const Point *points,
               gsize        n_points)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  CoAnalysis *analysis;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_double_value (builder, duration);
  json_builder_set_member_name (builder, "loudness");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  add_silences (builder, gaps, n_gaps);
  json_builder_set_member_name (builder, "edit_points");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < n_points; i++)
    {
      g_autofree char *reason = g_strdup_printf ("reason %s at %.3f", points[i].kind,
                                                 points[i].time);
      add_point (builder, points[i].time, points[i].kind, reason);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  analysis = co_analysis_new_from_json (root, &error);
  g_assert_no_error (error);
  return analysis;
}

static CoMediaInfo
video_info (double duration,
            int    num,
            int    den)
{
  return (CoMediaInfo) { .type = CO_VAULT_TYPE_VIDEO, .duration = duration, .has_video = TRUE,
                         .has_audio = TRUE, .width = 1280, .height = 720, .channels = 2,
                         .sample_rate = 48000, .framerate_num = num, .framerate_den = den };
}

static gint64
us (double seconds)
{
  return (gint64) llround (seconds * 1e6);
}

/* Checks the edits against kept ranges in seconds, quantised the way the
 * timeline does it. */
static void
assert_kept (CoTimeline   *timeline,
             const double  kept[][2],
             gsize         n_kept)
{
  g_autoptr(GArray) edits = co_timeline_dup_edits (timeline);
  CoRate rate = co_timeline_get_rate (timeline);

  g_assert_nonnull (edits);
  g_assert_cmpuint (edits->len, ==, n_kept);
  for (gsize i = 0; i < n_kept; i++)
    {
      const CoEdit *edit = &g_array_index (edits, CoEdit, i);

      g_assert_cmpint (edit->source_in, ==, co_rate_us_to_frames (rate, us (kept[i][0])));
      g_assert_cmpint (edit->source_out, ==, co_rate_us_to_frames (rate, us (kept[i][1])));
    }
}

static void
test_source_rate (void)
{
  const struct
  {
    int num, den;
    CoRate expected;
  } cases[] = {
    { 24000, 1001, { 24000, 1001 } }, { 2997, 125, { 24000, 1001 } }, { 24, 1, { 24, 1 } },
    { 25, 1, { 25, 1 } }, { 2997, 100, { 30000, 1001 } }, { 30000, 1001, { 30000, 1001 } },
    { 30, 1, { 30, 1 } }, { 50, 1, { 50, 1 } }, { 5994, 100, { 60000, 1001 } },
    { 60, 1, { 60, 1 } }, { 15, 1, { 15, 1 } }, { 0, 1, { 25, 1 } }, { 1000, 1, { 25, 1 } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CoMediaInfo info = video_info (10, cases[i].num, cases[i].den);
      CoRate rate = co_timeline_build_source_rate (&info);

      g_test_message ("%d/%d", cases[i].num, cases[i].den);
      g_assert_true (co_rate_equal (rate, cases[i].expected));
    }
  {
    CoMediaInfo audio = { .type = CO_VAULT_TYPE_AUDIO, .duration = 3, .has_audio = TRUE,
                          .channels = 1, .sample_rate = 44100 };
    g_assert_true (co_rate_equal (co_timeline_build_source_rate (&audio),
                                  CO_TIMELINE_BUILD_AUDIO_RATE));
  }
}

static void
test_whole_source (void)
{
  CoMediaInfo info = video_info (12.5, 30000, 1001);
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  const double whole[][2] = { { 0, 12.5 } };

  timeline = co_timeline_build (PATH, &info, NULL, CO_RATE_INIT (0, 0),
                                CO_TIMELINE_BUILD_CUT_SILENCES | CO_TIMELINE_BUILD_MARKERS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_timeline_get_media_path (timeline), ==, PATH);
  g_assert_true (co_rate_equal (co_timeline_get_rate (timeline), CO_RATE_INIT (30000, 1001)));
  g_assert_true (co_timeline_get_drop_frame (timeline));
  g_assert_cmpint (co_timeline_get_duration_us (timeline), ==, us (12.5));
  g_assert_cmpint (co_timeline_get_width (timeline), ==, 1280);
  g_assert_cmpint (co_timeline_get_height (timeline), ==, 720);
  g_assert_cmpint (co_timeline_get_audio_channels (timeline), ==, 2);
  g_assert_cmpint (co_timeline_get_sample_rate (timeline), ==, 48000);
  g_assert_cmpuint (co_timeline_get_markers (timeline)->len, ==, 0);
  assert_kept (timeline, whole, 1);
}

static const Gap cut_gaps[] = { { 1.0, 2.0 }, { 4.0, 4.15 }, { 5.0, 6.5 }, { 8.0, 8.6 } };
static const Point cut_points[] = {
  { 1.1, "cut-out" }, { 1.9, "cut-in" }, { 3.0, "scene" }, { 5.0, "pause" },
  { 7.0, "scene" }, { 8.1, "cut-out" }, { 8.5, "cut-in" },
};

static void
assert_made_cut (const CoMarker *marker,
                 double          out,
                 double          in)
{
  g_assert_cmpint (marker->kind, ==, CO_MARKER_CUT);
  g_assert_cmpstr (marker->name, ==, "Silence cut");
  g_assert_cmpint (marker->start_us, ==, us (out));
  g_assert_cmpint (marker->duration_us, ==, us (in - out));
}

static void
test_cut_silences (void)
{
  CoMediaInfo info = video_info (10.0, 25, 1);
  g_autoptr(CoAnalysis) analysis = make_analysis (10.0, cut_gaps, G_N_ELEMENTS (cut_gaps),
                                                  cut_points, G_N_ELEMENTS (cut_points));
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  /* The padding stays with the words; the short silence and the kept
   * pause stay in. */
  const double kept[][2] = { { 0, 1.1 }, { 1.9, 8.1 }, { 8.5, 10.0 } };
  g_autoptr(GArray) edits = NULL;
  GPtrArray *markers;
  CoMarker *pause;

  timeline = co_timeline_build (PATH, &info, analysis, CO_RATE_INIT (0, 0),
                                CO_TIMELINE_BUILD_CUT_SILENCES | CO_TIMELINE_BUILD_MARKERS, &error);
  g_assert_no_error (error);
  assert_kept (timeline, kept, G_N_ELEMENTS (kept));

  /* Made cuts are marked at the jump, for review, between two scenes and
   * the pause. */
  markers = co_timeline_get_markers (timeline);
  g_assert_cmpuint (markers->len, ==, 5);
  assert_made_cut (markers->pdata[0], 1.1, 1.9);
  g_assert_cmpint (((CoMarker *) markers->pdata[1])->kind, ==, CO_MARKER_SCENE);
  g_assert_cmpint (((CoMarker *) markers->pdata[1])->start_us, ==, us (3.0));
  g_assert_cmpstr (((CoMarker *) markers->pdata[1])->comment, ==, "reason scene at 3.000");
  pause = markers->pdata[2];
  g_assert_cmpint (pause->kind, ==, CO_MARKER_SILENCE);
  g_assert_cmpint (pause->start_us, ==, us (5.0));
  g_assert_cmpint (pause->duration_us, ==, us (1.5));
  g_assert_cmpstr (pause->comment, ==, "reason pause at 5.000");
  g_assert_cmpint (((CoMarker *) markers->pdata[3])->start_us, ==, us (7.0));
  assert_made_cut (markers->pdata[4], 8.1, 8.5);
  /* In the cut sequence each lands on its jump, where a kept part ends. */
  edits = co_timeline_dup_edits (timeline);
  g_assert_cmpint (co_timeline_map_to_record (timeline, us (1.1)), ==,
                   g_array_index (edits, CoEdit, 0).record_out);
  g_assert_cmpint (co_timeline_map_to_record (timeline, us (8.1)), ==,
                   g_array_index (edits, CoEdit, 1).record_out);
  g_assert_true (co_timeline_validate (timeline, &error));
}

static void
test_markers_without_cutting (void)
{
  CoMediaInfo info = video_info (10.0, 25, 1);
  g_autoptr(CoAnalysis) analysis = make_analysis (10.0, cut_gaps, G_N_ELEMENTS (cut_gaps),
                                                  cut_points, G_N_ELEMENTS (cut_points));
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(CoTimeline) plain = NULL;
  g_autoptr(GError) error = NULL;
  const double whole[][2] = { { 0, 10.0 } };
  GPtrArray *markers;
  CoMarker *cut;
  guint n_cuts = 0, n_chapters = 0;

  timeline = co_timeline_build (PATH, &info, analysis, CO_RATE_INIT (0, 0),
                                CO_TIMELINE_BUILD_MARKERS | CO_TIMELINE_BUILD_CHAPTERS, &error);
  g_assert_no_error (error);
  assert_kept (timeline, whole, 1);
  markers = co_timeline_get_markers (timeline);
  for (guint i = 0; i < markers->len; i++)
    {
      CoMarker *m = markers->pdata[i];

      n_cuts += m->kind == CO_MARKER_CUT;
      n_chapters += m->kind == CO_MARKER_CHAPTER;
    }
  /* Each suggested cut is one marker spanning what it would remove. */
  g_assert_cmpuint (n_cuts, ==, 2);
  g_assert_cmpuint (n_chapters, ==, 2);
  cut = markers->pdata[0];
  g_assert_cmpint (cut->kind, ==, CO_MARKER_CUT);
  g_assert_cmpint (cut->start_us, ==, us (1.1));
  g_assert_cmpint (cut->duration_us, ==, us (0.8));
  g_assert_nonnull (strstr (cut->comment, "reason cut-out at 1.100"));
  g_assert_nonnull (strstr (cut->comment, "reason cut-in at 1.900"));

  /* Without flags, the analysis changes nothing. */
  plain = co_timeline_build (PATH, &info, analysis, CO_RATE_INIT (0, 0), CO_TIMELINE_BUILD_NONE,
                             &error);
  g_assert_no_error (error);
  assert_kept (plain, whole, 1);
  g_assert_cmpuint (co_timeline_get_markers (plain)->len, ==, 0);
}

/* A silence that opens or closes the file is cut to the file's edge: no
 * sliver of padding is left where there are no words to protect. */
static void
test_edges (void)
{
  const Gap gaps[] = { { 0.0, 0.8 }, { 9.2, 10.0 } };
  const Point points[] = {
    { 0.1, "cut-out" }, { 0.7, "cut-in" }, { 9.3, "cut-out" }, { 9.9, "cut-in" },
  };
  CoMediaInfo info = video_info (10.0, 25, 1);
  g_autoptr(CoAnalysis) analysis = make_analysis (10.0, gaps, G_N_ELEMENTS (gaps), points,
                                                  G_N_ELEMENTS (points));
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  const double kept[][2] = { { 0.7, 9.3 } };

  timeline = co_timeline_build (PATH, &info, analysis, CO_RATE_INIT (50, 1),
                                CO_TIMELINE_BUILD_CUT_SILENCES, &error);
  g_assert_no_error (error);
  g_assert_true (co_rate_equal (co_timeline_get_rate (timeline), CO_RATE_INIT (50, 1)));
  assert_kept (timeline, kept, G_N_ELEMENTS (kept));
}

static void
test_all_silent (void)
{
  const Gap gaps[] = { { 0.0, 4.0 } };
  const Point points[] = { { 0.1, "cut-out" }, { 3.9, "cut-in" } };
  CoMediaInfo info = video_info (4.0, 25, 1);
  g_autoptr(CoAnalysis) analysis = make_analysis (4.0, gaps, 1, points, 2);
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = co_timeline_build (PATH, &info, analysis, CO_RATE_INIT (0, 0),
                                CO_TIMELINE_BUILD_CUT_SILENCES, &error);
  g_assert_null (timeline);
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, PATH));
  g_assert_nonnull (strstr (error->message, "silent"));
}

/* The sound may run past the picture: markers after the container's end
 * are left out, and a cut running past it ends with the media. */
static void
test_past_the_end (void)
{
  const Gap gaps[] = { { 2.0, 3.2 } };
  const Point points[] = { { 2.1, "cut-out" }, { 3.1, "cut-in" }, { 3.5, "scene" } };
  CoMediaInfo info = video_info (3.0, 25, 1);
  g_autoptr(CoAnalysis) analysis = make_analysis (3.2, gaps, 1, points, 3);
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  const double kept[][2] = { { 0, 2.1 } };

  timeline = co_timeline_build (PATH, &info, analysis, CO_RATE_INIT (0, 0),
                                CO_TIMELINE_BUILD_CUT_SILENCES | CO_TIMELINE_BUILD_MARKERS, &error);
  g_assert_no_error (error);
  assert_kept (timeline, kept, 1);
  g_assert_cmpuint (co_timeline_get_markers (timeline)->len, ==, 0);
  g_assert_true (co_timeline_validate (timeline, &error));
}

static void
test_bad_rate (void)
{
  CoMediaInfo info = video_info (3.0, 25, 1);
  CoMediaInfo nothing = { .type = CO_VAULT_TYPE_NOTE, .duration = -1 };
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(CoTimeline) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) empty_error = NULL;

  timeline = co_timeline_build (PATH, &info, NULL, CO_RATE_INIT (0, 1), CO_TIMELINE_BUILD_NONE,
                                &error);
  g_assert_null (timeline);
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, PATH));

  empty = co_timeline_build (PATH, &nothing, NULL, CO_RATE_INIT (0, 0), CO_TIMELINE_BUILD_NONE,
                             &empty_error);
  g_assert_null (empty);
  g_assert_error (empty_error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
}

static GPtrArray *
make_words (void)
{
  static const struct
  {
    const char *text;
    double      start, end, confidence;
  } said[] = {
    { "hello", 0.50, 0.80, 0.9 }, { "and", 0.85, 0.95, 0.8 }, { "welcome.", 1.00, 1.40, 0.95 },
    { "today", 3.00, 3.30, 0.1 }, { "we", 3.35, 3.45, 0.9 }, { "cut.", 3.50, 3.90, 0.9 },
  };
  GPtrArray *words = g_ptr_array_new_with_free_func ((GDestroyNotify) co_speech_word_free);

  for (gsize i = 0; i < G_N_ELEMENTS (said); i++)
    g_ptr_array_add (words, co_speech_word_new (said[i].text, said[i].start, said[i].end,
                                                said[i].confidence));
  return words;
}

static void
test_cues (void)
{
  CoMediaInfo info = video_info (5.0, 30000, 1001);
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GPtrArray) words = make_words ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GError) error = NULL;
  CoCueRules rules;
  GPtrArray *cues;
  CoCue *first, *second;

  timeline = co_timeline_build (PATH, &info, NULL, CO_RATE_INIT (0, 0), CO_TIMELINE_BUILD_NONE,
                                &error);
  g_assert_no_error (error);
  co_cue_rules_init (&rules);
  g_assert_true (co_timeline_build_add_cues (timeline, words, &rules, NULL, &error));
  g_assert_no_error (error);

  /* The pause after "welcome." ends the first cue and its sentence; cues
   * start with their first word, and with a capital, and their confidence
   * is the chance that all their words are right. */
  cues = co_timeline_get_cues (timeline);
  g_assert_cmpuint (cues->len, ==, 2);
  first = cues->pdata[0];
  second = cues->pdata[1];
  g_assert_cmpstr (first->text, ==, "Hello and welcome.");
  g_assert_cmpstr (second->text, ==, "Today we cut.");
  g_assert_cmpint (first->start_us, ==, us (0.5));
  g_assert_cmpfloat_with_epsilon (first->confidence, 0.9 * 0.8 * 0.95, 1e-9);
  g_assert_false (first->flagged);
  g_assert_cmpint (second->start_us, ==, us (3.0));
  g_assert_true (second->flagged);

  empty = co_timeline_build_cues (none, &rules, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

/* On generated speech: every planted gap long enough to hold the padding
 * twice is cut, keeping the padding on both sides, to within the
 * analysis's boundary accuracy and one frame. */
static void
test_planted_gaps (void)
{
  static const double gaps[][2] = { { 1.0, 1.8 }, { 2.6, 2.9 }, { 3.6, 4.6 } };
  CoTestSpeechSpec spec = { .container = "wav", .duration = 5.5, .rate = 16000, .channels = 1,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .seed = 11 };
  g_autofree char *dir = co_test_make_temp_dir ("timeline-build");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = co_test_speech_write (dir, "talk.wav", &spec, &error);
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GArray) edits = NULL;
  CoMediaInfo info = { .type = CO_VAULT_TYPE_AUDIO, .duration = spec.duration, .has_audio = TRUE,
                       .channels = 1, .sample_rate = 16000 };
  CoAnalysisParams params;
  double tolerance = 0.012 + 1.0 / 25;

  g_assert_no_error (error);
  co_analysis_params_init (&params);
  analysis = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  timeline = co_timeline_build (path, &info, analysis, CO_RATE_INIT (0, 0),
                                CO_TIMELINE_BUILD_CUT_SILENCES, &error);
  g_assert_no_error (error);

  edits = co_timeline_dup_edits (timeline);
  g_assert_cmpuint (edits->len, ==, G_N_ELEMENTS (gaps) + 1);
  for (gsize i = 0; i < G_N_ELEMENTS (gaps); i++)
    {
      const CoEdit *before = &g_array_index (edits, CoEdit, i);
      const CoEdit *after = &g_array_index (edits, CoEdit, i + 1);
      double out = before->source_out / 25.0;
      double in = after->source_in / 25.0;

      g_test_message ("gap %.3f–%.3f: cut %.3f–%.3f", gaps[i][0], gaps[i][1], out, in);
      g_assert_cmpfloat (fabs (out - (gaps[i][0] + params.padding)), <=, tolerance);
      g_assert_cmpfloat (fabs (in - (gaps[i][1] - params.padding)), <=, tolerance);
    }
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/media/timeline-build/source-rate", test_source_rate);
  g_test_add_func ("/media/timeline-build/whole-source", test_whole_source);
  g_test_add_func ("/media/timeline-build/cut-silences", test_cut_silences);
  g_test_add_func ("/media/timeline-build/markers-without-cutting", test_markers_without_cutting);
  g_test_add_func ("/media/timeline-build/edges", test_edges);
  g_test_add_func ("/media/timeline-build/all-silent", test_all_silent);
  g_test_add_func ("/media/timeline-build/past-the-end", test_past_the_end);
  g_test_add_func ("/media/timeline-build/bad-rate", test_bad_rate);
  g_test_add_func ("/media/timeline-build/cues", test_cues);
  g_test_add_func ("/media/timeline-build/planted-gaps", test_planted_gaps);

  return g_test_run ();
}
