/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-store-error.h"
#include "co-task.h"
#include "co-test-util.h"

/* The two ends of every _async/_finish pair: a worker's value or error,
 * and a _finish that takes only its own results. */

static void
tag_a (void)
{
}

static void
tag_b (void)
{
}

static void
count_free (gpointer data)
{
  (*(int *) data)++;
}

static void
run_value (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  co_task_return (task, g_strdup (task_data), g_free, NULL);
}

static void
run_error (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  /* A value that came with an error is freed, never handed on. */
  co_task_return (task, task_data, count_free,
                  g_error_new_literal (CO_STORE_ERROR, CO_STORE_ERROR_IO, "disk gone"));
}

static void
test_value_and_error (void)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  int freed = 0;

  task = g_task_new (NULL, NULL, co_test_async_ready_cb, &result);
  g_task_set_source_tag (task, tag_a);
  g_task_set_task_data (task, "kept", NULL);
  g_task_run_in_thread (task, run_value);
  g_clear_object (&task);
  value = co_task_propagate (co_test_async_wait (&result, 20000), NULL, tag_a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "kept");
  co_test_assert_finalized (g_steal_pointer (&result), 20000);

  task = g_task_new (NULL, NULL, co_test_async_ready_cb, &result);
  g_task_set_source_tag (task, tag_a);
  g_task_set_task_data (task, &freed, NULL);
  g_task_run_in_thread (task, run_error);
  g_clear_object (&task);
  g_assert_null (co_task_propagate (co_test_async_wait (&result, 20000), NULL, tag_a, &error));
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_IO);
  g_assert_cmpint (freed, ==, 1);
  co_test_assert_finalized (g_steal_pointer (&result), 20000);
}

/* A result from another call is a programmer's error, caught loudly. */
static void
test_wrong_tag (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, tag_a);
  g_task_return_pointer (task, NULL, NULL);
  g_test_expect_message ("co-task", G_LOG_LEVEL_CRITICAL, "*source_tag*");
  g_assert_null (co_task_propagate (G_ASYNC_RESULT (task), NULL, tag_b, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/task/value-and-error", test_value_and_error);
  g_test_add_func ("/core/task/wrong-tag", test_wrong_tag);

  return g_test_run ();
}
