/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-similarity.h"
#include "co-test-util.h"

static void
test_normalize (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "Café — Ideas!", "cafe ideas" },
    { "  HELLO,   world  ", "hello world" },
    { "naïve résumé", "naive resume" },
    { "ﬁve", "five" },
    { "...", "" },
    { "", "" },
    { NULL, "" },
    { "\xff\xfe", "" },
    { "Straße", "strasse" },
    { "b-roll_cut", "b roll cut" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = co_similarity_normalize (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_edit (void)
{
  g_assert_cmpfloat (co_similarity_edit ("", ""), ==, 1.0);
  g_assert_cmpfloat (co_similarity_edit ("abc", "abc"), ==, 1.0);
  g_assert_cmpfloat (co_similarity_edit ("ABC!", "abc"), ==, 1.0);
  g_assert_cmpfloat (co_similarity_edit ("abc", ""), ==, 0.0);
  g_assert_cmpfloat (co_similarity_edit ("abc", "xyz"), ==, 0.0);
  /* kitten -> sitting is the classic distance 3 over 7 characters. */
  g_assert_cmpfloat_with_epsilon (co_similarity_edit ("kitten", "sitting"), 1.0 - 3.0 / 7.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (co_similarity_edit ("café", "cafe"), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (co_similarity_edit ("drône", "drones"), 1.0 - 1.0 / 6.0, 1e-9);
  g_assert_cmpfloat (co_similarity_edit ("ab", "ba"), ==, co_similarity_edit ("ba", "ab"));
}

static void
test_edit_long (void)
{
  g_autofree char *a = g_strnfill (5000, 'a');
  g_autofree char *b = g_strnfill (5000, 'a');

  /* Texts are compared on their first 1500 characters: bounded work. */
  b[4000] = 'b';
  g_assert_cmpfloat (co_similarity_edit (a, b), ==, 1.0);
  b[10] = 'b';
  g_assert_cmpfloat (co_similarity_edit (a, b), <, 1.0);
}

/* Word sets made once give what co_similarity_jaccard() gives. */
static void
test_jaccard_sets (void)
{
  const char *texts[] = { "", "a b", "Red red RED", "red green", "green blue", "Café — Ideas!" };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (texts); j++)
      {
        g_autoptr(GHashTable) a = co_similarity_word_set (texts[i]);
        g_autoptr(GHashTable) b = co_similarity_word_set (texts[j]);

        g_assert_cmpfloat (co_similarity_jaccard_sets (a, b), ==,
                           co_similarity_jaccard (texts[i], texts[j]));
      }
}

static void
test_jaccard (void)
{
  g_assert_cmpfloat (co_similarity_jaccard ("", ""), ==, 1.0);
  g_assert_cmpfloat (co_similarity_jaccard ("a b", ""), ==, 0.0);
  g_assert_cmpfloat (co_similarity_jaccard ("red green blue", "blue red green"), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (co_similarity_jaccard ("red green", "green blue"), 1.0 / 3.0,
                                  1e-9);
  g_assert_cmpfloat (co_similarity_jaccard ("Red red RED", "red"), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (co_similarity_text ("red green", "green red"),
                                  0.5 * co_similarity_edit ("red green", "green red") + 0.5, 1e-9);
}

static void
test_tags (void)
{
  const char *a[] = { "Travel", "#Food", NULL };
  const char *b[] = { "travel", "food", NULL };
  const char *c[] = { "travel", "music", NULL };

  g_assert_cmpfloat (co_similarity_tags (a, b), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (co_similarity_tags (a, c), 1.0 / 3.0, 1e-9);
  g_assert_cmpfloat (co_similarity_tags (NULL, NULL), ==, 1.0);
  g_assert_cmpfloat (co_similarity_tags (a, NULL), ==, 0.0);
}

static void
test_compare_weights (void)
{
  const char *tags_a[] = { "x", NULL };
  const char *tags_b[] = { "y", NULL };
  CoTextSimilarity sim;
  g_autofree char *reason = NULL;

  /* Same title and body, disjoint tags: 0.3 + 0.5 of 1.0. */
  co_similarity_compare ("Title", "Body text", tags_a, "Title", "Body text", tags_b, &sim);
  g_assert_cmpfloat (sim.title, ==, 1.0);
  g_assert_cmpfloat (sim.body, ==, 1.0);
  g_assert_cmpfloat (sim.tags, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (sim.score, CO_SIMILARITY_WEIGHT_TITLE + CO_SIMILARITY_WEIGHT_BODY,
                                  1e-9);
  g_assert_cmpfloat (sim.score, >=, CO_SIMILARITY_THRESHOLD);

  /* Parts empty on both sides carry no weight. */
  co_similarity_compare ("Same", NULL, NULL, "same", "", NULL, &sim);
  g_assert_cmpfloat (sim.score, ==, 1.0);
  co_similarity_compare ("Alpha", NULL, NULL, "Omega", NULL, NULL, &sim);
  g_assert_cmpfloat (sim.score, <, 0.5);
  co_similarity_compare (NULL, NULL, NULL, NULL, NULL, NULL, &sim);
  g_assert_cmpfloat (sim.score, ==, 0.0);

  /* Only bodies differ: the score drops by the body's weight share. */
  co_similarity_compare ("T", "completely different", tags_a, "T", "zzzz qqqq", tags_a, &sim);
  g_assert_cmpfloat (sim.score, <, CO_SIMILARITY_THRESHOLD);
  g_assert_cmpfloat (sim.score, >=, CO_SIMILARITY_WEIGHT_TITLE + CO_SIMILARITY_WEIGHT_TAGS);

  co_similarity_compare ("Title", "Body", tags_a, "Title", "Body", tags_b, &sim);
  reason = co_similarity_explain (&sim);
  g_assert_cmpstr (reason, ==, "80 % alike overall: titles 100 %, text 100 %, tags 0 %");
}

static void
test_hamming (void)
{
  g_assert_cmpint (co_similarity_hamming (0, 0), ==, 0);
  g_assert_cmpint (co_similarity_hamming (0, G_MAXUINT64), ==, 64);
  g_assert_cmpint (co_similarity_hamming (0xf0, 0x0f), ==, 8);
  g_assert_cmpint (co_similarity_hamming (G_GUINT64_CONSTANT (1) << 63, 0), ==, 1);
  g_assert_cmpfloat (co_similarity_phash (42, 42), ==, 1.0);
  g_assert_cmpfloat (co_similarity_phash (0, G_MAXUINT64), ==, 0.0);
  g_assert_cmpfloat (co_similarity_phash (0, 0xffff), ==, 0.75);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/similarity/normalize", test_normalize);
  g_test_add_func ("/core/similarity/edit", test_edit);
  g_test_add_func ("/core/similarity/edit-long", test_edit_long);
  g_test_add_func ("/core/similarity/jaccard", test_jaccard);
  g_test_add_func ("/core/similarity/jaccard-sets", test_jaccard_sets);
  g_test_add_func ("/core/similarity/tags", test_tags);
  g_test_add_func ("/core/similarity/compare", test_compare_weights);
  g_test_add_func ("/core/similarity/hamming", test_hamming);

  return g_test_run ();
}
