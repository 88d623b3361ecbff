/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-platform.h"
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

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/platform/names", test_names);
  g_test_add_func ("/core/platform/unknown", test_unknown);
  g_test_add_func ("/core/platform/check-text", test_check_text);
  g_test_add_func ("/core/platform/adapt-text", test_adapt_text);

  return g_test_run ();
}
