/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-ideas.h"
#include "co-test-util.h"

typedef struct
{
  CoStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = co_test_store_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
}

static const CoIdea *
idea_at (GArray *ideas,
         guint   index)
{
  return &g_array_index (ideas, CoIdea, index);
}

/* Ideas are listed newest first; done ones keep their time and leave the
 * open list. */
static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  CoIdeaStatus open = CO_IDEA_OPEN, done = CO_IDEA_DONE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) still_open = NULL;
  g_autoptr(GArray) finished = NULL;
  gint64 first, second, done_at;

  first = co_ideas_add (fixture->store, "  Studio tour  ", "Show the new lights.", &error);
  g_assert_no_error (error);
  second = co_ideas_add (fixture->store, "Gear list", NULL, &error);
  g_assert_cmpint (second, >, first);
  g_assert_true (co_ideas_set_done (fixture->store, first, &error));
  g_assert_no_error (error);

  all = co_ideas_list (fixture->store, NULL, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (idea_at (all, 0)->id, ==, second);
  g_assert_cmpstr (idea_at (all, 1)->title, ==, "Studio tour");
  g_assert_cmpstr (idea_at (all, 1)->notes, ==, "Show the new lights.");
  g_assert_cmpstr (idea_at (all, 0)->notes, ==, "");
  g_assert_cmpint (idea_at (all, 1)->status, ==, CO_IDEA_DONE);
  g_assert_cmpint (idea_at (all, 1)->done_at, >=, idea_at (all, 1)->created_at);
  g_assert_cmpint (idea_at (all, 0)->done_at, ==, 0);
  still_open = co_ideas_list (fixture->store, &open, NULL);
  g_assert_cmpuint (still_open->len, ==, 1);
  g_assert_cmpint (idea_at (still_open, 0)->id, ==, second);

  /* Done again: still done, with the first time. */
  done_at = idea_at (all, 1)->done_at;
  g_usleep (2000);
  g_assert_true (co_ideas_set_done (fixture->store, first, &error));
  finished = co_ideas_list (fixture->store, &done, NULL);
  g_assert_cmpuint (finished->len, ==, 1);
  g_assert_cmpint (idea_at (finished, 0)->done_at, ==, done_at);
}

/* Bad input is refused with an error that names it; nothing is written. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const titles[] = { "", "   ", "two\nlines", "\xff\xfe" };
  g_autofree char *long_title = g_strnfill (CO_IDEA_TITLE_MAX + 1, 'a');
  g_autoptr(GArray) all = NULL;
  CoIdeaStatus status;

  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (co_ideas_add (fixture->store, titles[i], NULL, &error), ==, 0);
      g_assert_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (co_ideas_add (fixture->store, long_title, NULL, &error), ==, 0);
    g_assert_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, long_title));
    g_clear_error (&error);
    g_assert_false (co_ideas_set_done (fixture->store, 42, &error));
    g_assert_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "42"));
    g_clear_error (&error);
    g_assert_false (co_idea_status_from_string ("maybe", &status, &error));
    g_assert_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "“maybe”"));
  }
  all = co_ideas_list (fixture->store, NULL, NULL);
  g_assert_cmpuint (all->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/core/ideas/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lifecycle", test_lifecycle);
  ADD ("bad-input", test_bad_input);
#undef ADD
  return g_test_run ();
}
