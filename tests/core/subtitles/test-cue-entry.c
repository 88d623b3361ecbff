/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cue-entry.h"
#include "co-subtitle.h"
#include "co-test-util.h"

/* The rows of a cue list under review: times as they are edited, the lines,
 * and every rule a cue breaks. */

static GPtrArray *
make_cues (void)
{
  GPtrArray *cues = co_cue_list_new ();
  CoCue *unsure = co_cue_new (4000000, 6000000, "Probably right");

  g_ptr_array_add (cues, co_cue_new (1000000, 3500000, "A calm first line"));
  /* Too short on screen and too fast to read, twice flagged. */
  g_ptr_array_add (cues, co_cue_new (3600000, 3800000, "Far too many words for this"));
  unsure->confidence = 0.1;
  g_ptr_array_add (cues, unsure);
  return cues;
}

static void
test_entries (void)
{
  g_autoptr(GPtrArray) cues = make_cues ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *times = NULL;
  CoCueEntry *first, *fast, *unsure;
  CoCueRules rules;
  guint n_flagged = 0;

  co_cue_rules_init (&rules);
  entries = co_cue_entries_new (cues, &rules, &n_flagged);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpuint (n_flagged, ==, 2);
  first = g_ptr_array_index (entries, 0);
  fast = g_ptr_array_index (entries, 1);
  unsure = g_ptr_array_index (entries, 2);

  g_assert_cmpstr (co_cue_entry_get_times (first), ==, "0:00:01.000 – 0:00:03.500");
  g_assert_cmpstr (co_cue_entry_get_text (first), ==, "A calm first line");
  g_assert_null (co_cue_entry_get_problems (first));

  /* One line per rule broken, each with the rule's name. */
  g_test_message ("%s", co_cue_entry_get_problems (fast));
  g_assert_nonnull (strstr (co_cue_entry_get_problems (fast), "(min-duration)"));
  g_assert_nonnull (strstr (co_cue_entry_get_problems (fast), "\n"));
  g_assert_nonnull (strstr (co_cue_entry_get_problems (unsure), "(low-confidence)"));

  /* The same strings as properties, for bindings. */
  g_object_get (first, "times", &times, NULL);
  g_assert_cmpstr (times, ==, co_cue_entry_get_times (first));
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) cues = co_cue_list_new ();
  g_autoptr(GPtrArray) entries = NULL;
  CoCueRules rules;

  co_cue_rules_init (&rules);
  entries = co_cue_entries_new (cues, &rules, NULL);
  g_assert_cmpuint (entries->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/cue-entry/entries", test_entries);
  g_test_add_func ("/core/cue-entry/empty", test_empty);

  return g_test_run ();
}
