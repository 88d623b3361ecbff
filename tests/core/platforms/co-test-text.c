/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-text.h"

/* Texts of a known length for the platform tests: @unit @times times. */
char *
co_test_repeat (const char *unit,
                int         times)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < times; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}
