/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-import-bar.h"
#include "co-test-desk.h"
#include "co-test-util.h"

/* The import bar follows one job: its title until it says what it does,
 * then its message, and slides away without a job. */

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

static void
test_follows_job (void)
{
  g_autoptr(CoJob) job = co_job_new ("import", "Importing files");
  g_autoptr(CoJob) next = co_job_new ("import", "Importing more files");
  CoImportBar *bar;
  guint n_notified = 0;

  if (co_test_desk_skip_without_display ())
    return;
  bar = g_object_ref_sink (g_object_new (CO_TYPE_IMPORT_BAR, NULL));
  g_signal_connect (bar, "notify::job", G_CALLBACK (count_notify), &n_notified);

  co_import_bar_set_job (bar, job);
  g_assert_true (co_import_bar_get_job (bar) == job);
  g_assert_cmpstr (co_import_bar_get_text (bar), ==, "Importing files");
  co_job_start (job);
  co_job_set_progress (job, 0.5, "Importing “a.png” (1 of 2)");
  drain ();
  g_assert_cmpstr (co_import_bar_get_text (bar), ==, "Importing “a.png” (1 of 2)");
  co_import_bar_set_job (bar, job);
  g_assert_cmpuint (n_notified, ==, 1);

  /* Another job: the first one no longer writes to the bar. */
  co_import_bar_set_job (bar, next);
  co_job_set_progress (job, 1.0, "Imported 2 of 2 files");
  drain ();
  g_assert_cmpstr (co_import_bar_get_text (bar), ==, "Importing more files");
  co_import_bar_set_job (bar, NULL);
  g_assert_null (co_import_bar_get_job (bar));
  g_assert_cmpuint (n_notified, ==, 3);
  g_assert_finalize_object (bar);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add_func ("/app/import-bar/follows-job", test_follows_job);

  return g_test_run ();
}
