/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-platform-private.h"
#include "co-test-text.h"
#include "co-test-util.h"

/*
 * Numbered X threads: fixed cases for the rules (sentences first, words
 * next, never inside an address, a mention, a hashtag or an emoji sequence),
 * and seeded property tests over random mixed-script texts: every part is a
 * valid post, and the parts join back into the text.
 */

#define N_RANDOM_TEXTS 300

static GPtrArray *
split_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *parts = co_platform_split_thread (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parts);
  return parts;
}

static CoPlatformPart *
part_at (GPtrArray *parts,
         guint      i)
{
  return g_ptr_array_index (parts, i);
}

static gboolean
is_space_only (const char *text,
               gsize       start,
               gsize       end)
{
  for (const char *p = text + start; p < text + end; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/* Every part is a valid X post with its number, and the parts are the
 * text's own words with only white space between them. */
static void
assert_thread (const char *text,
               GPtrArray  *parts)
{
  gsize previous_end = 0;

  for (guint i = 0; i < parts->len; i++)
    {
      CoPlatformPart *part = part_at (parts, i);
      g_autofree char *number = g_strdup_printf (" %u/%u", i + 1, parts->len);
      g_autofree char *body = g_strndup (text + part->start, part->end - part->start);
      g_autofree char *expected = g_strconcat (body, number, NULL);
      g_autoptr(GError) error = NULL;
      CoPlatformCount count;

      g_assert_true (is_space_only (text, previous_end, part->start));
      g_assert_cmpuint (part->start, <, part->end);
      g_assert_cmpstr (part->text, ==, expected);
      g_assert_true (co_platform_check_text (CO_PLATFORM_X, NULL, part->text, &error));
      g_assert_no_error (error);
      g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, part->text,
                                        &count, NULL));
      g_assert_cmpint (part->length, ==, count.length);
      g_assert_cmpint (part->length, <=, 280);
      previous_end = part->end;
    }
  g_assert_true (is_space_only (text, previous_end, strlen (text)));
}

/* No part ends inside an address, a mention or a hashtag, nor between two
 * code points of one grapheme (an emoji sequence, a letter and its marks). */
static void
assert_nothing_cut (const char *text,
                    GPtrArray  *parts)
{
  g_autoptr(GArray) entities = _co_text_find_entities (text, strlen (text));
  g_autoptr(GArray) graphemes = _co_text_breaks (text, strlen (text), CO_BREAK_GRAPHEME);

  for (guint i = 0; i < parts->len; i++)
    {
      gsize end = part_at (parts, i)->end;
      gboolean on_grapheme = FALSE;

      for (guint e = 0; e < entities->len; e++)
        {
          const CoTextSpan *span = &g_array_index (entities, CoTextSpan, e);

          g_assert_false (span->start < end && end < span->end);
        }
      for (guint g = 0; g < graphemes->len && !on_grapheme; g++)
        on_grapheme = g_array_index (graphemes, gsize, g) == end;
      g_assert_true (on_grapheme);
    }
}

static void
test_fits_in_one (void)
{
  g_autoptr(GPtrArray) parts = split_ok ("  Short post with https://example.com  ");

  g_assert_cmpuint (parts->len, ==, 1);
  g_assert_cmpstr (part_at (parts, 0)->text, ==, "  Short post with https://example.com  ");
  g_assert_cmpint (part_at (parts, 0)->length, ==, 43);
}

static void
test_sentences_first (void)
{
  g_autofree char *sentence = co_test_repeat (" word", 30);
  g_autofree char *text = g_strdup_printf ("First%s end. Second%s stop. Third%s", sentence,
                                           sentence, sentence);
  g_autoptr(GPtrArray) parts = split_ok (text);

  assert_thread (text, parts);
  /* The first sentence fills more than half a post: the part ends with it,
   * though more words would fit. */
  g_assert_true (g_str_has_suffix (part_at (parts, 0)->text, "end. 1/3"));
  g_assert_true (g_str_has_suffix (part_at (parts, 1)->text, "stop. 2/3"));
}

static void
test_words_when_sentence_short (void)
{
  g_autofree char *words = co_test_repeat ("lorem ", 80);
  g_autofree char *text = g_strconcat ("Hi. ", words, NULL);
  g_autoptr(GPtrArray) parts = split_ok (text);

  assert_thread (text, parts);
  /* "Hi." fills far less than half a post: the cut goes at a word. */
  g_assert_true (g_str_has_suffix (part_at (parts, 0)->text, "lorem 1/2"));
  g_assert_cmpint (part_at (parts, 0)->length, >, 270);
}

static void
test_never_inside_url (void)
{
  g_autofree char *words = co_test_repeat ("w ", 126);
  g_autofree char *text = g_strconcat (words, "see https://example.com/a/rather/long/path/to/a/page "
                                       "and more words after it", NULL);
  g_autoptr(GPtrArray) parts = split_ok (text);

  /* 252 + 4 + 23 = 279 as counted, but the numbering pushes the address
   * into the second part, whole. */
  assert_thread (text, parts);
  assert_nothing_cut (text, parts);
  g_assert_cmpuint (parts->len, ==, 2);
  g_assert_true (g_str_has_prefix (part_at (parts, 1)->text, "https://example.com/a/rather"));
}

static void
test_never_inside_entities (void)
{
  g_autofree char *words = co_test_repeat ("w ", 137);
  const char *tails[] = {
    "@creatorops_team rest of it",
    "#VideoCreatorTips rest of it",
    "👨‍👩‍👧‍👦👨‍👩‍👧‍👦 rest of it",
    "🇩🇪🇫🇷🇮🇹 rest of it",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      g_autofree char *text = g_strconcat (words, tails[i], NULL);
      g_autoptr(GPtrArray) parts = split_ok (text);

      assert_thread (text, parts);
      assert_nothing_cut (text, parts);
    }
}

static void
test_cjk_without_spaces (void)
{
  g_autofree char *text = co_test_repeat ("日本語の文章です", 60);
  g_autoptr(GPtrArray) parts = split_ok (text);

  assert_thread (text, parts);
  /* 960 weighted characters, no space: cut between ideographs. */
  g_assert_cmpuint (parts->len, ==, 4);
  g_assert_cmpint (part_at (parts, 0)->length, >=, 270);
}

static void
test_long_word (void)
{
  g_autofree char *text = co_test_repeat ("a", 700);
  g_autoptr(GPtrArray) parts = split_ok (text);

  assert_thread (text, parts);
  g_assert_cmpuint (parts->len, ==, 3);
  g_assert_cmpstr (part_at (parts, 2)->text + part_at (parts, 2)->end - part_at (parts, 2)->start,
                   ==, " 3/3");
}

static void
test_two_digit_numbers (void)
{
  g_autofree char *text = co_test_repeat ("Sentence with a few words in it. ", 100);
  g_autoptr(GPtrArray) parts = split_ok (text);
  g_autofree char *tenth = NULL;

  assert_thread (text, parts);
  g_assert_cmpuint (parts->len, >=, 10);
  tenth = g_strdup_printf (" 10/%u", parts->len);
  g_assert_true (g_str_has_suffix (part_at (parts, 9)->text, tenth));
}

static void
test_too_long_entity (void)
{
  g_autofree char *tag = co_test_repeat ("x", 300);
  g_autofree char *text = g_strconcat ("Start #", tag, " end", NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *parts = co_platform_split_thread (text, &error);

  g_assert_null (parts);
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "#xxxxx"));
}

static void
test_bad_input (void)
{
  const char *bad[] = { "", "   \n ", "caf\xc3", "a\xef\xbb\xbf" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (co_platform_split_thread (bad[i], &error));
      g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
    }
}

static const char *const tokens[] = {
  "word", "Wort", "créateur", "слово", "λέξη", "كلمة", "מילה", "शब्द", "単語", "词语", "단어",
  "https://example.com/path_(x)", "example.co.uk", "t.co", "@someone", "#Topic", "#タグ",
  "😀", "👨‍👩‍👧‍👦", "👍🏽", "🇯🇵", "1️⃣", "e\xcc\x81", "q\xcc\x87", "\xe2\x80\x8f", "…", "—",
  "2.0", "(aside)", "“quoted”",
};

static const char *const separators[] = { " ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\n\n",
                                          "。", "" };

static char *
random_text (GRand *rand)
{
  GString *text = g_string_new (NULL);
  int n = g_rand_int_range (rand, 1, 400);

  for (int i = 0; i < n; i++)
    {
      g_string_append (text, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
      g_string_append (text, separators[g_rand_int_range (rand, 0, G_N_ELEMENTS (separators))]);
    }
  return g_string_free (text, FALSE);
}

static void
test_property_rejoin (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (int i = 0; i < N_RANDOM_TEXTS; i++)
    {
      g_autofree char *text = random_text (rand);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) parts = co_platform_split_thread (text, &error);

      if (parts == NULL)
        g_test_message ("text %d: %s", i, text);
      g_assert_no_error (error);
      if (parts->len > 1)
        {
          assert_thread (text, parts);
          assert_nothing_cut (text, parts);
        }
      else
        g_assert_cmpstr (part_at (parts, 0)->text, ==, text);
    }
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/platform/x-thread/fits-in-one", test_fits_in_one);
  g_test_add_func ("/core/platform/x-thread/sentences-first", test_sentences_first);
  g_test_add_func ("/core/platform/x-thread/words-when-sentence-short",
                   test_words_when_sentence_short);
  g_test_add_func ("/core/platform/x-thread/never-inside-url", test_never_inside_url);
  g_test_add_func ("/core/platform/x-thread/never-inside-entities", test_never_inside_entities);
  g_test_add_func ("/core/platform/x-thread/cjk-without-spaces", test_cjk_without_spaces);
  g_test_add_func ("/core/platform/x-thread/long-word", test_long_word);
  g_test_add_func ("/core/platform/x-thread/two-digit-numbers", test_two_digit_numbers);
  g_test_add_func ("/core/platform/x-thread/too-long-entity", test_too_long_entity);
  g_test_add_func ("/core/platform/x-thread/bad-input", test_bad_input);
  g_test_add_func ("/core/platform/x-thread/property-rejoin", test_property_rejoin);

  return g_test_run ();
}
