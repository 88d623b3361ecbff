/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "co-test-util.h"

/* gdb prints to stdout, which is the test's TAP stream. */
static void
stdout_to_stderr (gpointer data)
{
  dup2 (STDERR_FILENO, STDOUT_FILENO);
}

/* Sleeps until the test has run for as long as its argument says (in
 * seconds), then has gdb print every thread's stack to stderr: a test that
 * hangs on a CI machine then shows where, before meson kills it. */
static gpointer
hang_watch (gpointer data)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  const char *argv[] = { "gdb", "-p", pid, "-batch", "-nx", "-ex", "thread apply all bt", NULL };
  guint seconds = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < seconds; i++)
    g_usleep (G_USEC_PER_SEC);
  g_printerr ("co-test: still running after %u s; the stacks of its threads follow\n", seconds);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, stdout_to_stderr, NULL,
                     NULL, NULL, NULL, &error))
    g_printerr ("co-test: cannot run gdb: %s\n", error->message);
  return NULL;
}

/**
 * co_test_init:
 *
 * Every test binary starts here: isolated XDG folders (so nothing touches
 * the real library), the C locale for stable messages, and an in-memory
 * settings backend.  With CO_TEST_HANG_DUMP=S in the environment, the
 * stacks of all threads are printed if the test still runs after S
 * seconds.
 */
void
co_test_init (int    *argc,
              char ***argv)
{
  const char *dump_after = g_getenv ("CO_TEST_HANG_DUMP");

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_unsetenv ("CREATOROPS_DATA_DIR");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (dump_after != NULL && atoi (dump_after) > 0)
    {
#ifdef PR_SET_PTRACER
      /* Where Yama lets only ancestors trace a process, let gdb. */
      prctl (PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
#endif
      g_thread_unref (g_thread_new ("hang-watch", hang_watch,
                                  GUINT_TO_POINTER ((guint) atoi (dump_after))));
    }
}

/**
 * co_test_make_temp_dir:
 * @name: a label for the folder
 *
 * Returns: (transfer full): a new empty folder under the isolated user
 *   data folder, removed with the test's isolated folders
 */
char *
co_test_make_temp_dir (const char *name)
{
  static int counter;
  g_autofree char *leaf = g_strdup_printf ("%s-%d", name, ++counter);
  char *dir = g_build_filename (g_get_user_cache_dir (), leaf, NULL);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  return dir;
}

/**
 * co_test_store_new:
 *
 * Returns: (transfer full): a store in a fresh folder
 */
CoStore *
co_test_store_new (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("store");
  g_autoptr(GError) error = NULL;
  CoStore *store;

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

typedef struct
{
  gboolean timed_out;
} WaitState;

static gboolean
timeout_cb (gpointer data)
{
  WaitState *state = data;

  state->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * co_test_wait_until:
 * @predicate: checked after every main-loop iteration
 * @data: passed to @predicate
 * @timeout_ms: how long to wait at most
 *
 * Iterates the default main context until @predicate holds or the time is
 * up: the bounded wait every asynchronous test uses.
 *
 * Returns: %TRUE if @predicate held in time
 */
gboolean
co_test_wait_until (gboolean (*predicate) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  WaitState state = { FALSE };
  guint id = g_timeout_add (timeout_ms, timeout_cb, &state);
  /* What a worker thread changes wakes no main loop: look again often. */
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (!predicate (data) && !state.timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!state.timed_out)
    g_source_remove (id);
  g_source_remove (tick);
  return predicate (data);
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *)data;
}

/**
 * co_test_wait_flag:
 * @flag: set by a callback
 * @timeout_ms: how long to wait at most
 *
 * Waits for @flag and fails the test if it is not set in time.
 */
void
co_test_wait_flag (gboolean *flag,
                   guint     timeout_ms)
{
  if (!co_test_wait_until (flag_set, flag, timeout_ms))
    g_error ("Timed out after %u ms waiting for a callback", timeout_ms);
}

/**
 * co_test_write_file:
 * @dir: a folder
 * @name: the file name
 * @data: the content
 * @len: its length, or -1 for a nul-terminated string
 *
 * Returns: (transfer full): the path of the written file
 */
char *
co_test_write_file (const char *dir,
                    const char *name,
                    const void *data,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * co_test_seed:
 *
 * Property tests draw from a private generator seeded here: from
 * `CO_PROPERTY_SEED` when it is set (to replay a failure), else from
 * g_test_rand_int(), which meson runs seeded. The seed is printed with the
 * command line that replays this test case.
 *
 * Returns: a seed for a private generator
 */
guint32
co_test_seed (void)
{
  const char *forced = g_getenv ("CO_PROPERTY_SEED");
  const char *path = g_test_get_path ();
  guint64 value = 0;
  guint32 seed;

  if (forced != NULL && g_ascii_string_to_unsigned (forced, 10, 0, G_MAXUINT32, &value, NULL))
    seed = (guint32) value;
  else
    seed = (guint32) g_test_rand_int ();
  g_test_message ("property seed: %u (replay: CO_PROPERTY_SEED=%u %s -p %s)", seed, seed,
                  g_get_prgname () ? g_get_prgname () : "the test binary",
                  path != NULL && *path != '\0' ? path : "/");
  return seed;
}

/**
 * co_test_cases:
 * @n: how many random cases (or rounds) the test runs in full
 *
 * The number of random cases a property, fuzz or stress test runs: @n, or
 * the share of it that `CO_TEST_SCALE` sets (a number above 0 and at most 1).
 * The sanitizer setup sets it: there a repeated case finds no new memory
 * error but costs ten times as long.  Never less than one; a value that is
 * not a number in that range is an error, so a typo cannot turn a test off.
 * Fixed regression cases are not scaled.
 *
 * Returns: how many cases to run
 */
guint
co_test_cases (guint n)
{
  const char *scale_text = g_getenv ("CO_TEST_SCALE");
  char *end = NULL;
  double scale;
  guint cases;

  if (scale_text == NULL || *scale_text == '\0')
    return n;
  scale = g_ascii_strtod (scale_text, &end);
  if (end == scale_text || *end != '\0' || !(scale > 0.0 && scale <= 1.0))
    g_error ("CO_TEST_SCALE=%s: not a number above 0 and at most 1", scale_text);
  /* Rounded up. */
  cases = (guint) (n * scale);
  if (cases < n * scale)
    cases++;
  cases = MAX (cases, 1);
  if (cases < n)
    g_test_message ("running %u of %u cases (CO_TEST_SCALE=%s)", cases, n, scale_text);
  return cases;
}

/**
 * co_test_assert_finalized:
 * @object: (transfer full): the last reference the test holds
 * @timeout_ms: how long worker threads may keep it
 *
 * Drops @object and checks that it is finalized: at once, or as soon as
 * the workers that borrowed it (a thumbnail render, a cancelled job) let it
 * go, iterating the main context meanwhile.
 */
void
co_test_assert_finalized (gpointer object,
                          guint    timeout_ms)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  if (weak != NULL)
    g_error ("A %s is still alive %u ms after the test dropped it", G_OBJECT_TYPE_NAME (weak),
             timeout_ms);
}

/**
 * co_test_async_ready_cb:
 * @source: the source object
 * @result: the result
 * @user_data: a `GAsyncResult *` set to %NULL, where the result is kept
 *
 * The #GAsyncReadyCallback of tests of an `_async`/`_finish` pair: it keeps
 * a reference to the result for co_test_async_wait().
 */
void
co_test_async_ready_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
result_set (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

/**
 * co_test_async_wait:
 * @result: where co_test_async_ready_cb() keeps the result
 * @timeout_ms: how long to wait at most
 *
 * Iterates the main context until the callback ran, and fails the test
 * when it does not run in time.
 *
 * Returns: (transfer none): the result, still owned by @result
 */
GAsyncResult *
co_test_async_wait (GAsyncResult **result,
                    guint          timeout_ms)
{
  if (!co_test_wait_until (result_set, result, timeout_ms))
    g_error ("Timed out after %u ms waiting for an asynchronous call", timeout_ms);
  return *result;
}
