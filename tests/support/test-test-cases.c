/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * co_test_cases(): how many random cases a property test runs.  The sanitizer
 * setup relies on it to scale the long properties down, so a wrong share
 * either wastes the suite's time or silently drops every case.
 */
#include "config.h"

#include "co-test-util.h"

static void
test_unscaled (void)
{
  g_unsetenv ("CO_TEST_SCALE");
  g_assert_cmpuint (co_test_cases (100), ==, 100);
  g_setenv ("CO_TEST_SCALE", "", TRUE);
  g_assert_cmpuint (co_test_cases (7), ==, 7);
  g_setenv ("CO_TEST_SCALE", "1", TRUE);
  g_assert_cmpuint (co_test_cases (1000), ==, 1000);
  g_unsetenv ("CO_TEST_SCALE");
}

static void
test_scaled (void)
{
  g_setenv ("CO_TEST_SCALE", "0.25", TRUE);
  g_assert_cmpuint (co_test_cases (100), ==, 25);
  g_assert_cmpuint (co_test_cases (20), ==, 5);
  /* Rounded up, and never none. */
  g_assert_cmpuint (co_test_cases (7), ==, 2);
  g_assert_cmpuint (co_test_cases (3), ==, 1);
  g_assert_cmpuint (co_test_cases (1), ==, 1);
  g_setenv ("CO_TEST_SCALE", "0.001", TRUE);
  g_assert_cmpuint (co_test_cases (20), ==, 1);
  g_unsetenv ("CO_TEST_SCALE");
}

static void
test_refused (gconstpointer data)
{
  const char *value = data;

  if (g_test_subprocess ())
    {
      g_setenv ("CO_TEST_SCALE", value, TRUE);
      co_test_cases (100);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CO_TEST_SCALE=*not a number above 0 and at most 1*");
}

int
main (int   argc,
      char *argv[])
{
  static const char *refused[] = { "0", "-0.5", "1.5", "quarter", "0.25x", "nan" };

  co_test_init (&argc, &argv);
  g_test_add_func ("/support/cases/unscaled", test_unscaled);
  g_test_add_func ("/support/cases/scaled", test_scaled);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/support/cases/refused/%u", i);

      g_test_add_data_func (path, refused[i], test_refused);
    }
  return g_test_run ();
}
