/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "co-platform-private.h"
#include "co-test-text.h"
#include "co-test-util.h"

static void
test_names (void)
{
  for (int i = 0; i < CO_N_PLATFORMS; i++)
    {
      g_autofree char *upper = g_ascii_strup (co_platform_to_string (i), -1);
      CoPlatform found = CO_N_PLATFORMS;

      g_assert_true (co_platform_from_string (upper, &found, NULL));
      g_assert_cmpint (found, ==, i);
      g_assert_cmpstr (co_platform_display_name (i), !=, "");
    }
}

static void
test_unknown (void)
{
  g_autoptr(GError) error = NULL;
  CoPlatform found = CO_PLATFORM_X;

  g_assert_false (co_platform_from_string ("myspace", &found, &error));
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "myspace"));
}

static void
test_check_text (void)
{
  g_autofree char *long_text = g_strnfill (281, 'a');
  g_autofree char *long_title = g_strnfill (101, 't');
  g_autoptr(GError) too_long = NULL;
  g_autoptr(GError) empty = NULL;
  g_autoptr(GError) bad_utf8 = NULL;
  g_autoptr(GError) title = NULL;

  g_assert_true (co_platform_check_text (CO_PLATFORM_X, NULL, long_text + 1, NULL));
  g_assert_false (co_platform_check_text (CO_PLATFORM_X, NULL, long_text, &too_long));
  g_assert_error (too_long, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG);
  g_assert_false (co_platform_check_text (CO_PLATFORM_LINKEDIN, NULL, "", &empty));
  g_assert_error (empty, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_assert_false (co_platform_check_text (CO_PLATFORM_INSTAGRAM, NULL, "caf\xc3", &bad_utf8));
  g_assert_error (bad_utf8, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_assert_false (co_platform_check_text (CO_PLATFORM_YOUTUBE, long_title, "d", &title));
  g_assert_error (title, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG);
  g_assert_true (co_platform_check_text (CO_PLATFORM_YOUTUBE, long_title + 1, "d", NULL));
}

static void
test_adapt_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *adapted = NULL;
  g_autofree char *kept = NULL;

  while (text->len < 400)
    g_string_append (text, "word ");
  adapted = co_platform_adapt_text (CO_PLATFORM_X, text->str, NULL);
  g_assert_cmpint (g_utf8_strlen (adapted, -1), <=, 280);
  g_assert_true (g_str_has_suffix (adapted, "word…"));
  g_assert_true (co_platform_check_text (CO_PLATFORM_X, NULL, adapted, NULL));
  kept = co_platform_adapt_text (CO_PLATFORM_LINKEDIN, text->str, NULL);
  g_assert_cmpstr (kept, ==, text->str);
}

static int
count_length (CoPlatform       platform,
              CoPlatformField  field,
              const char      *text)
{
  CoPlatformCount count;

  g_assert_true (co_platform_count (platform, field, text, &count, NULL));
  return count.length;
}

static void
test_units (void)
{
  g_assert_cmpint (co_platform_get_limit (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT), ==, 280);
  g_assert_cmpint (co_platform_get_limit (CO_PLATFORM_LINKEDIN, CO_PLATFORM_FIELD_TEXT), ==, 3000);
  g_assert_cmpint (co_platform_get_limit (CO_PLATFORM_INSTAGRAM, CO_PLATFORM_FIELD_TEXT), ==, 2200);
  g_assert_cmpint (co_platform_get_limit (CO_PLATFORM_YOUTUBE, CO_PLATFORM_FIELD_TEXT), ==, 5000);
  g_assert_cmpint (co_platform_get_limit (CO_PLATFORM_YOUTUBE, CO_PLATFORM_FIELD_TITLE), ==, 100);
  g_assert_cmpint (co_platform_get_limit (CO_PLATFORM_X, CO_PLATFORM_FIELD_TITLE), ==, 0);
  /* UTF-16 code units: an emoji beyond U+FFFF counts 2, é counts 1. */
  g_assert_cmpint (count_length (CO_PLATFORM_LINKEDIN, CO_PLATFORM_FIELD_TEXT, "😀é"), ==, 3);
  g_assert_cmpint (count_length (CO_PLATFORM_INSTAGRAM, CO_PLATFORM_FIELD_TEXT, "日本"), ==, 2);
  g_assert_cmpint (count_length (CO_PLATFORM_YOUTUBE, CO_PLATFORM_FIELD_TITLE, "😀é"), ==, 3);
  /* YouTube's description is counted in bytes. */
  g_assert_cmpint (count_length (CO_PLATFORM_YOUTUBE, CO_PLATFORM_FIELD_TEXT, "😀é"), ==, 6);
}

static void
assert_check (CoPlatform             platform,
              const CoPlatformPost  *post,
              GQuark                 domain,
              int                    code,
              const char            *named)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = co_platform_check_post (platform, post, &error);

  if (domain == 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, domain, code);
  if (strstr (error->message, named) == NULL)
    g_test_message ("“%s” does not name “%s”", error->message, named);
  g_assert_nonnull (strstr (error->message, named));
}

static void
test_linkedin_limit (void)
{
  g_autofree char *latin = co_test_repeat ("a", 3000);
  g_autofree char *emoji = co_test_repeat ("😀", 1500);
  g_autofree char *emoji_over = co_test_repeat ("😀", 1501);
  g_autofree char *over = g_strconcat (latin, "b", NULL);

  assert_check (CO_PLATFORM_LINKEDIN, &(CoPlatformPost) { .text = latin }, 0, 0, NULL);
  assert_check (CO_PLATFORM_LINKEDIN, &(CoPlatformPost) { .text = emoji }, 0, 0, NULL);
  assert_check (CO_PLATFORM_LINKEDIN, &(CoPlatformPost) { .text = over }, CO_PLATFORM_ERROR,
                CO_PLATFORM_ERROR_TOO_LONG, "3001");
  assert_check (CO_PLATFORM_LINKEDIN, &(CoPlatformPost) { .text = emoji_over }, CO_PLATFORM_ERROR,
                CO_PLATFORM_ERROR_TOO_LONG, "LinkedIn");
}

static void
test_linkedin_little_text (void)
{
  const CoLinkedinMention mentions[] = {
    { "jane", "Jane Doe", "urn:li:person:1234" },
    { "acme", "ACME (Europe)", "urn:li:organization:5678" },
    { "bob", NULL, "urn:li:person:9" },
  };
  g_autofree char *little = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;

  little = co_platform_linkedin_little_text ("Thanks @jane and @acme for *this* (really)! "
                                             "#Video_Tips a_b ~c~ [d] {e} <f> |g| \\h @bob",
                                             mentions, G_N_ELEMENTS (mentions), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (little, ==,
                   "Thanks @[Jane Doe](urn:li:person:1234) and "
                   "@[ACME \\(Europe\\)](urn:li:organization:5678) for \\*this\\* \\(really\\)! "
                   "{hashtag|\\#|Video\\_Tips} a\\_b \\~c\\~ \\[d\\] \\{e\\} \\<f\\> \\|g\\| "
                   "\\\\h \\@bob");
  /* Without mentions every @ is plain text; nothing else changes. */
  plain = co_platform_linkedin_little_text ("@jane: 3 > 2, ok.", NULL, 0, NULL);
  g_assert_cmpstr (plain, ==, "\\@jane: 3 \\> 2, ok.");
  g_clear_error (&error);
  g_assert_null (co_platform_linkedin_little_text ("bad \xff", NULL, 0, &error));
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
}

static void
test_instagram_hashtags (void)
{
  const char *five = "Beach day #sun #sea #sand #surf #summer";
  const char *six = "Beach day #sun #sea #sand #surf #summer #salt";
  g_autofree char *tags = co_test_repeat (" #tag", 31);
  g_autofree char *many = g_strconcat ("Lots", tags, NULL);

  g_assert_cmpint (co_platform_count_hashtags (six), ==, 6);
  g_assert_cmpint (co_platform_count_hashtags ("#1 is no hashtag, a#b neither, #ok is"), ==, 1);
  g_assert_cmpint (co_platform_count_hashtags ("see example.com/#top"), ==, 0);
  assert_check (CO_PLATFORM_INSTAGRAM, &(CoPlatformPost) { .text = five }, 0, 0, NULL);
  assert_check (CO_PLATFORM_INSTAGRAM, &(CoPlatformPost) { .text = six }, CO_PLATFORM_ERROR,
                CO_PLATFORM_ERROR_INVALID, "6 hashtags");
  assert_check (CO_PLATFORM_INSTAGRAM, &(CoPlatformPost) { .text = six, .hashtag_limit = 10 },
                0, 0, NULL);
  /* A setting above 30 is held to Instagram's 30. */
  assert_check (CO_PLATFORM_INSTAGRAM, &(CoPlatformPost) { .text = many, .hashtag_limit = 50 },
                CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID, "at most 30");
}

static char *
adapt_one (CoPlatform            platform,
           const CoPlatformPost *post)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = co_platform_adapt_post (platform, post, &error);
  CoPlatformPart *part;

  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 1);
  part = g_ptr_array_index (parts, 0);
  g_assert_cmpuint (part->start, ==, 0);
  g_assert_cmpuint (part->end, ==, strlen (post->text));
  g_assert_true (co_platform_check_post (platform, &(CoPlatformPost) {
    .text = part->text, .hashtag_limit = post->hashtag_limit }, NULL));
  return g_strdup (part->text);
}

static void
test_instagram_adapt (void)
{
  g_autofree char *block = adapt_one (CO_PLATFORM_INSTAGRAM, &(CoPlatformPost) {
    .text = "Great day at the #beach with #friends\n\n#a #b #c #d #e  " });
  g_autofree char *inline_tags = adapt_one (CO_PLATFORM_INSTAGRAM, &(CoPlatformPost) {
    .text = "#one #two #three and #four, #five, #six is inline. Bye", .hashtag_limit = 4 });
  g_autofree char *kept = adapt_one (CO_PLATFORM_INSTAGRAM, &(CoPlatformPost) {
    .text = "#a #b #c #d #e #f", .hashtag_limit = 30 });

  /* The closing block loses its last hashtags, spaces and all. */
  g_assert_cmpstr (block, ==, "Great day at the #beach with #friends\n\n#a #b #c  ");
  /* Inside a sentence only the sign goes. */
  g_assert_cmpstr (inline_tags, ==, "#one #two #three and #four, five, six is inline. Bye");
  g_assert_cmpstr (kept, ==, "#a #b #c #d #e #f");
}

static void
test_youtube_rules (void)
{
  g_autofree char *description = co_test_repeat ("é", 2500);
  g_autofree char *description_over = g_strconcat (description, "a", NULL);
  g_autofree char *long_tag = co_test_repeat ("t", 498);
  const char *const tags[] = { "travel", "drone shots", "b-roll", NULL };
  const char *const too_long[] = { long_tag, "x", NULL };
  const char *const bracket[] = { "ok", "<b>", NULL };

  assert_check (CO_PLATFORM_YOUTUBE, &(CoPlatformPost) { "Title", description, tags }, 0, 0, NULL);
  assert_check (CO_PLATFORM_YOUTUBE, &(CoPlatformPost) { "Title", description_over },
                CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG, "5001 bytes");
  assert_check (CO_PLATFORM_YOUTUBE, &(CoPlatformPost) { "A <b> title", "d" },
                CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID, "title");
  assert_check (CO_PLATFORM_YOUTUBE, &(CoPlatformPost) { "Title", "1 > 0" },
                CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID, "description");
  assert_check (CO_PLATFORM_YOUTUBE, &(CoPlatformPost) { "Title", "d", bracket },
                CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID, "<b>");
  /* 498 + a comma + 1 = 500 fits; the quotes of "drone shots" count too. */
  assert_check (CO_PLATFORM_YOUTUBE, &(CoPlatformPost) { "Title", "d", too_long }, 0, 0, NULL);
  g_assert_cmpint (co_platform_count_tags (tags), ==, 6 + 1 + 13 + 1 + 6);
  /* A title alone is a whole video; a description alone is not checked for one. */
  assert_check (CO_PLATFORM_YOUTUBE, &(CoPlatformPost) { "Title", "" }, 0, 0, NULL);
}

static void
test_youtube_adapt (void)
{
  g_autofree char *long_title = co_test_repeat ("Title words ", 10);
  g_autofree char *title = co_platform_adapt_title (CO_PLATFORM_YOUTUBE, long_title, NULL);
  g_autofree char *brackets = adapt_one (CO_PLATFORM_YOUTUBE, &(CoPlatformPost) {
    .text = "Use <video> tags > 2" });
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (count_length (CO_PLATFORM_YOUTUBE, CO_PLATFORM_FIELD_TITLE, title), <=, 100);
  g_assert_true (g_str_has_suffix (title, "words…"));
  g_assert_cmpstr (brackets, ==, "Use ‹video› tags › 2");
  g_assert_null (co_platform_adapt_title (CO_PLATFORM_X, "A title", &error));
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
}

static void
test_shorten (void)
{
  g_autofree char *japanese = co_test_repeat ("日本語の文章です", 400);
  g_autofree char *words = co_test_repeat ("word ", 438);
  g_autofree char *with_url = g_strconcat (words, "https://example.com/a/long/path/here tail", NULL);
  g_autofree char *cjk = co_platform_adapt_text (CO_PLATFORM_LINKEDIN, japanese, NULL);
  g_autofree char *url = co_platform_adapt_text (CO_PLATFORM_INSTAGRAM, with_url, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *one_word = co_test_repeat ("x", 3000);

  /* No spaces: cut between ideographs. */
  g_assert_cmpint (count_length (CO_PLATFORM_LINKEDIN, CO_PLATFORM_FIELD_TEXT, cjk), ==, 3000);
  g_assert_true (g_str_has_suffix (cjk, "…"));
  /* The address runs from 2190 across Instagram's 2200: never cut in half. */
  g_assert_true (g_str_has_suffix (url, "word…"));
  g_assert_null (strstr (url, "https://"));
  g_clear_pointer (&url, g_free);
  /* A word longer than the limit is cut between graphemes. */
  url = co_platform_adapt_text (CO_PLATFORM_INSTAGRAM, one_word, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_length (CO_PLATFORM_INSTAGRAM, CO_PLATFORM_FIELD_TEXT, url), ==, 2200);
}

static void
test_shorts (void)
{
  g_autoptr(GError) wide = NULL;
  g_autoptr(GError) long_video = NULL;
  g_autoptr(GError) unknown = NULL;

  g_assert_true (co_platform_check_short (1080, 1920, 59.5, NULL));
  g_assert_true (co_platform_check_short (1080, 1080, 180.0, NULL));
  g_assert_false (co_platform_check_short (1920, 1080, 30.0, &wide));
  g_assert_error (wide, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_assert_nonnull (strstr (wide->message, "1920 × 1080"));
  g_assert_false (co_platform_check_short (1080, 1920, 180.5, &long_video));
  g_assert_error (long_video, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_assert_false (co_platform_check_short (0, 1920, NAN, &unknown));
  g_assert_error (unknown, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
}

/* YouTube makes chapters only of lines that keep its rules. */
static void
assert_chapters_refused (const char *chapters,
                         double      duration,
                         const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (co_platform_check_chapters (chapters, duration, &error));
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_test_message ("Refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_chapters (void)
{
  g_assert_true (co_platform_check_chapters ("0:00 Intro\n0:10 Setup\n0:20 End", 30, NULL));
  g_assert_true (co_platform_check_chapters ("\n0:00 Intro\n\n12:00 Middle\n"
                                             "1:02:03 Late part\n", 0, NULL));
  g_assert_true (co_platform_check_chapters ("00:00 Intro\n01:30 Two\n59:59 Three", 3660, NULL));
  assert_chapters_refused ("0:01 Intro\n0:20 Two\n0:40 Three", 60, "must start at 0:00");
  assert_chapters_refused ("0:00 Intro\n0:20 Two", 60, "2 chapters");
  assert_chapters_refused ("", 60, "0 chapters");
  assert_chapters_refused ("0:00 Intro\n0:09 Two\n0:40 Three", 60, "“0:00 Intro” lasts 9 s");
  assert_chapters_refused ("0:00 Intro\n0:40 Two\n0:20 Three", 60, "“0:40 Two” lasts -20 s");
  assert_chapters_refused ("0:00 Intro\n0:20 Two\n0:40 Three", 45, "“0:40 Three” lasts 5 s");
  assert_chapters_refused ("0:00 Intro\nSetup at 0:20\n0:40 Three", 60, "“Setup at 0:20”");
  assert_chapters_refused ("0:00 Intro\n0:20\n0:40 Three", 60, "“0:20”");
  assert_chapters_refused ("0:00 Intro\n1:75:00 Two\n2:00:00 Three", 0, "“1:75:00 Two”");
}

static void
test_suggest_hashtags (void)
{
  const char *const tags[] = { "travel", "drone shots", "b-roll", "travel", "coast", NULL };
  const char *text = "Flying the drone over the coast. The coast was windy! #Travel";
  g_auto(GStrv) x = co_platform_suggest_hashtags (CO_PLATFORM_X, text, tags, 0, NULL);
  g_auto(GStrv) instagram = co_platform_suggest_hashtags (CO_PLATFORM_INSTAGRAM, text, tags, 0,
                                                          NULL);
  g_auto(GStrv) words = co_platform_suggest_hashtags (CO_PLATFORM_LINKEDIN,
                                                      "Editing, editing and more editing.",
                                                      NULL, 0, NULL);
  g_auto(GStrv) none = co_platform_suggest_hashtags (CO_PLATFORM_X, "#a #b", tags, 0, NULL);
  g_autoptr(GError) error = NULL;

  /* "coast": a tag the text uses twice (10 + 5 + 2 × 3); then the other tags in
   * their order; #Travel is there already and takes one of X's two places. */
  g_assert_cmpuint (g_strv_length (x), ==, 1);
  g_assert_cmpstr (x[0], ==, "#coast");
  g_assert_cmpuint (g_strv_length (instagram), ==, 3);
  g_assert_cmpstr (instagram[1], ==, "#DroneShots");
  g_assert_cmpstr (instagram[2], ==, "#BRoll");
  g_assert_cmpuint (g_strv_length (words), ==, 1);
  g_assert_cmpstr (words[0], ==, "#Editing");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_null (co_platform_suggest_hashtags (CO_PLATFORM_X, "bad \xff", tags, 0, &error));
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
}

static void
test_adapt_post (void)
{
  g_autofree char *text = co_test_repeat ("Lots of words here. ", 40);
  g_autoptr(GPtrArray) thread = co_platform_adapt_post (CO_PLATFORM_X,
                                                        &(CoPlatformPost) { .text = text }, NULL);
  g_autoptr(GError) error = NULL;

  /* 13 sentences of 19 characters and a space fill a post with its number: 40
   * sentences make 13 + 13 + 13 + 1. */
  g_assert_cmpuint (thread->len, ==, 4);
  for (guint i = 0; i < thread->len; i++)
    g_assert_nonnull (strstr (((CoPlatformPart *) g_ptr_array_index (thread, i))->text, "here. "));
  g_assert_null (co_platform_adapt_post (CO_PLATFORM_LINKEDIN, &(CoPlatformPost) { .text = " " },
                                         &error));
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/platform/names", test_names);
  g_test_add_func ("/core/platform/unknown", test_unknown);
  g_test_add_func ("/core/platform/check-text", test_check_text);
  g_test_add_func ("/core/platform/adapt-text", test_adapt_text);
  g_test_add_func ("/core/platform/units", test_units);
  g_test_add_func ("/core/platform/linkedin/limit", test_linkedin_limit);
  g_test_add_func ("/core/platform/linkedin/little-text", test_linkedin_little_text);
  g_test_add_func ("/core/platform/instagram/hashtags", test_instagram_hashtags);
  g_test_add_func ("/core/platform/instagram/adapt", test_instagram_adapt);
  g_test_add_func ("/core/platform/youtube/rules", test_youtube_rules);
  g_test_add_func ("/core/platform/youtube/adapt", test_youtube_adapt);
  g_test_add_func ("/core/platform/youtube/shorts", test_shorts);
  g_test_add_func ("/core/platform/youtube/chapters", test_chapters);
  g_test_add_func ("/core/platform/shorten", test_shorten);
  g_test_add_func ("/core/platform/suggest-hashtags", test_suggest_hashtags);
  g_test_add_func ("/core/platform/adapt-post", test_adapt_post);

  return g_test_run ();
}
