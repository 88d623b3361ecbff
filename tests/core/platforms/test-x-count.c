/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-platform-private.h"
#include "co-test-text.h"
#include "co-test-util.h"

/*
 * X's weighted length.  Each expected figure is worked out by hand from
 * twitter-text's published rules (configuration v3): weight 1 for code
 * points in 0–4351, 8192–8205, 8208–8223 and 8242–8247, weight 2 elsewhere,
 * 23 for an address, 2 for an emoji sequence, after NFC normalisation.
 */

typedef struct
{
  const char *what;
  const char *text;
  int         length;
} Case;

static void
assert_cases (const Case *cases,
              gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      CoPlatformCount count;
      g_autoptr(GError) error = NULL;

      g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, cases[i].text,
                                        &count, &error));
      g_assert_no_error (error);
      if (count.length != cases[i].length)
        g_test_message ("%s: “%s” counts %d, expected %d", cases[i].what, cases[i].text,
                        count.length, cases[i].length);
      g_assert_cmpint (count.length, ==, cases[i].length);
      g_assert_cmpint (count.limit, ==, 280);
    }
}

static void
test_scripts (void)
{
  static const Case cases[] = {
    { "ASCII", "Hello, world!", 13 },
    { "Latin accents", "Ça coûte cher", 13 },
    /* ệ is U+1EC7, past 4351: Vietnamese letters with two marks weigh 2. */
    { "Vietnamese", "Việt", 5 },
    { "Cyrillic", "Привет", 6 },
    { "Greek", "Καλημέρα", 8 },
    { "Arabic", "مرحبا", 5 },
    { "Hebrew", "שלום", 4 },
    { "Devanagari (code points, not graphemes)", "नमस्ते", 6 },
    { "Thai", "สวัสดี", 6 },
    { "Japanese", "こんにちは", 10 },
    { "Chinese", "你好世界", 8 },
    { "Korean", "한국어", 6 },
    { "mixed", "Hi 你好!", 8 },
    { "fullwidth", "ＡＢＣ", 6 },
    { "newline and tab", "a\n\tb", 4 },
    { "astral letter", "𝒜", 2 },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_normalisation (void)
{
  static const Case cases[] = {
    /* e + combining acute composes to é: one character, not two. */
    { "composed by NFC", "Cafe\xcc\x81", 4 },
    /* q + combining dot above has no precomposed form: two code points. */
    { "combining mark kept", "q\xcc\x87", 2 },
    /* a + acute + dot below: reordered and composed to U+1EA1 (ạ, Latin
     * Extended Additional, weight 2) and the acute (weight 1). */
    { "two marks on one base", "a\xcc\x81\xcc\xa3", 3 },
    /* Hangul jamo L + V compose to one syllable, U+AC00, which weighs 2;
     * unnormalised, U+1100 would sit just past the 0–4351 range. */
    { "Hangul jamo", "\xe1\x84\x80\xe1\x85\xa1", 2 },
    /* U+212B ANGSTROM SIGN normalises to U+00C5: weight 1, not 2. */
    { "singleton decomposition", "\xe2\x84\xab", 1 },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_emoji (void)
{
  static const Case cases[] = {
    { "single emoji", "😀", 2 },
    { "family (ZWJ)", "👨‍👩‍👧‍👦", 2 },
    { "couple with heart (ZWJ and VS16)", "👩‍❤️‍👨", 2 },
    { "kiss with two skin tones", "👩🏻‍❤️‍💋‍👨🏼", 2 },
    { "skin tone", "👍🏽", 2 },
    { "flag", "🇩🇪", 2 },
    { "two flags", "🇩🇪🇫🇷", 4 },
    { "England (tag sequence)", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", 2 },
    { "rainbow flag", "🏳️‍🌈", 2 },
    { "keycap", "1️⃣", 2 },
    { "keycap without VS16", "1⃣", 2 },
    { "hash keycap", "#️⃣", 2 },
    { "heart with VS16", "❤️", 2 },
    { "copyright as emoji", "©️", 2 },
    { "copyright as text", "©", 1 },
    { "text presentation: symbol and VS15 apart", "☺︎", 4 },
    { "base with VS16 and skin tone", "☝️🏽", 2 },
    /* Not a recommended sequence: two emoji and a ZWJ of weight 1. */
    { "non-RGI ZWJ", "👍‍👍", 5 },
    { "stray VS16 after a letter", "a️", 3 },
    { "emoji in text", "I ❤️ 🇫🇷!", 8 },
    { "lone regional indicator", "🇩", 2 },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_punctuation_and_marks (void)
{
  static const Case cases[] = {
    { "em dash (8208–8223)", "a—b", 3 },
    { "curly quotes", "“a”", 3 },
    { "prime (8242–8247)", "5′", 2 },
    { "ellipsis (outside the ranges)", "…", 2 },
    /* U+2022, just past 8208–8223. */
    { "bullet", "•", 2 },
    { "ZWJ on its own (8205)", "a\xe2\x80\x8d" "b", 3 },
    { "left-to-right mark", "a\xe2\x80\x8e", 3 },
    { "right-to-left mark", "\xe2\x80\x8f" "abc", 5 },
    { "embedding and pop", "\xe2\x80\xaa" "abc" "\xe2\x80\xac", 7 },
    { "isolates", "\xe2\x81\xa6" "x" "\xe2\x81\xa9", 5 },
    { "Arabic letter mark (in range)", "\xd8\x9c", 1 },
    { "euro sign", "€", 2 },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_urls (void)
{
  static const Case cases[] = {
    { "with scheme", "https://example.com/a/very/long/path/that/goes/on/and/on", 23 },
    { "short with scheme", "http://a.io", 23 },
    { "without scheme", "example.com", 23 },
    { "co.uk without scheme", "www.example.co.uk/page", 23 },
    { "co.za (no rule of its own)", "shop.example.co.za", 23 },
    { "full stop after", "Visit example.co.uk.", 30 },
    { "comma after", "example.com, then", 29 },
    { "question mark after", "example.com?", 24 },
    { "exclamation after path", "https://example.com/x!", 24 },
    { "query ending in a full stop", "https://example.com/p?x=1&y=2.", 24 },
    { "closing parenthesis after", "(see example.com/docs)", 29 },
    { "balanced parentheses kept", "https://en.wikipedia.org/wiki/Primer_(film)", 23 },
    { "port", "example.com:8080/x", 23 },
    { "upper case", "HTTPS://EXAMPLE.COM", 23 },
    { "two addresses", "a.com b.com", 47 },
    { "unicode host with scheme", "https://müller.de/x", 23 },
    { "IDN domain and TLD with scheme", "http://例子.中国", 23 },
    { "IDN without scheme is text", "例子.中国", 9 },
    { "t.co", "https://t.co/abc123", 23 },
    { "ccTLD .md is a domain", "readme.md", 23 },
    { "not a top-level domain", "file.notatld", 12 },
    { "a version number", "version 2.0", 11 },
    { "after a hash sign", "#example.com", 12 },
    { "after an at sign", "@user.com", 9 },
    { "after a hyphen, without scheme", "-example.com", 12 },
    { "after a slash, without scheme", "/example.com", 12 },
    { "after a directional mark", "\xe2\x80\xaa" "example.com" "\xe2\x80\xac", 27 },
    { "label over 63 characters",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", 68 },
    { "label of 63 characters",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", 23 },
    { "underscore in the domain name", "http://a_b.com", 14 },
    { "underscore in a subdomain", "http://a_b.example.com", 23 },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

/* An e-mail address is no web address: "example.com" follows an @. */
static void
test_email (void)
{
  CoPlatformCount count;

  g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, "me@example.com",
                                    &count, NULL));
  g_assert_cmpint (count.length, ==, 14);
}

static void
assert_x_valid (const char *text,
                int         length,
                gboolean    valid)
{
  CoPlatformCount count;
  g_autoptr(GError) error = NULL;

  g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, text, &count, NULL));
  g_assert_cmpint (count.length, ==, length);
  g_assert_cmpint (co_platform_check_text (CO_PLATFORM_X, NULL, text, &error), ==, valid);
  if (!valid)
    {
      g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG);
      g_assert_nonnull (strstr (error->message, "280"));
    }
}

static void
test_boundary (void)
{
  g_autofree char *latin = co_test_repeat ("a", 280);
  g_autofree char *latin_over = co_test_repeat ("a", 281);
  g_autofree char *cjk = co_test_repeat ("字", 140);
  g_autofree char *cjk_over = g_strconcat (cjk, "a", NULL);
  g_autofree char *emoji = co_test_repeat ("👨‍👩‍👧‍👦", 140);
  g_autofree char *mixed = g_strconcat (cjk + strlen ("字") * 2, "ab", "😀", NULL);
  g_autofree char *words = co_test_repeat ("a", 256);
  g_autofree char *with_url = g_strconcat (words, " https://example.com/long/path", NULL);
  g_autofree char *with_url_over = g_strconcat ("b", with_url, NULL);
  g_autofree char *decomposed = co_test_repeat ("e\xcc\x81", 280);

  assert_x_valid (latin, 280, TRUE);
  assert_x_valid (latin_over, 281, FALSE);
  assert_x_valid (cjk, 280, TRUE);
  assert_x_valid (cjk_over, 281, FALSE);
  assert_x_valid (emoji, 280, TRUE);
  /* 138 CJK (276) + 2 Latin + 1 emoji (2) = 280. */
  assert_x_valid (mixed, 280, TRUE);
  assert_x_valid (with_url, 280, TRUE);
  assert_x_valid (with_url_over, 281, FALSE);
  /* 560 code points, 280 after NFC. */
  assert_x_valid (decomposed, 280, TRUE);
}

static void
test_fits (void)
{
  g_autofree char *latin = co_test_repeat ("a", 300);
  g_autofree char *cjk = co_test_repeat ("字", 150);
  g_autofree char *decomposed = co_test_repeat ("e\xcc\x81", 300);
  CoPlatformCount count;

  g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, latin, &count, NULL));
  g_assert_cmpuint (count.fits, ==, 280);
  g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, cjk, &count, NULL));
  g_assert_cmpuint (count.fits, ==, 140 * strlen ("字"));
  /* Normalised, 280 é fit; in the text as written that is 280 × 3 bytes. */
  g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, decomposed, &count,
                                    NULL));
  g_assert_cmpint (count.length, ==, 300);
  g_assert_cmpuint (count.fits, ==, 280 * 3);
  g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, "short", &count,
                                    NULL));
  g_assert_cmpuint (count.fits, ==, 5);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  CoPlatformCount count;
  g_autofree char *adapted = NULL;

  /* Counted like any character of weight 2, but the post is refused. */
  g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, "abc\xef\xbb\xbf",
                                    &count, NULL));
  g_assert_cmpint (count.length, ==, 5);
  g_assert_cmpuint (count.fits, ==, 3);
  g_assert_false (co_platform_check_text (CO_PLATFORM_X, NULL, "abc\xef\xbb\xbf", &error));
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "U+FEFF"));
  adapted = co_platform_adapt_text (CO_PLATFORM_X, "abc\xef\xbf\xbe" "def", NULL);
  g_assert_cmpstr (adapted, ==, "abcdef");
}

static void
test_bad_input (void)
{
  g_autoptr(GError) invalid = NULL;
  g_autoptr(GError) empty = NULL;
  g_autoptr(GError) blank = NULL;
  CoPlatformCount count;

  g_assert_false (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, "ab\xff", &count,
                                     &invalid));
  g_assert_error (invalid, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_assert_nonnull (strstr (invalid->message, "UTF-8"));
  /* An empty text counts 0: the editor shows 0 / 280, and the check refuses it. */
  g_assert_true (co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, "", &count, NULL));
  g_assert_cmpint (count.length, ==, 0);
  g_assert_false (co_platform_check_text (CO_PLATFORM_X, NULL, "", &empty));
  g_assert_error (empty, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_assert_false (co_platform_check_text (CO_PLATFORM_X, NULL, " \n\t", &blank));
  g_assert_error (blank, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/platform/x-count/scripts", test_scripts);
  g_test_add_func ("/core/platform/x-count/normalisation", test_normalisation);
  g_test_add_func ("/core/platform/x-count/emoji", test_emoji);
  g_test_add_func ("/core/platform/x-count/punctuation-and-marks", test_punctuation_and_marks);
  g_test_add_func ("/core/platform/x-count/urls", test_urls);
  g_test_add_func ("/core/platform/x-count/email", test_email);
  g_test_add_func ("/core/platform/x-count/boundary", test_boundary);
  g_test_add_func ("/core/platform/x-count/fits", test_fits);
  g_test_add_func ("/core/platform/x-count/refused", test_refused);
  g_test_add_func ("/core/platform/x-count/bad-input", test_bad_input);

  return g_test_run ();
}
