/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-test-cli.h"

/*
 * The harness of the command-line tests: they run the built creatorops-cli
 * (CO_CLI_PATH, set by meson) as a child process and check what a script
 * sees, the exit code, JSON on standard output and messages on standard
 * error.
 */

void
co_cli_run_free (CoCliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_pointer (&run->json, json_node_unref);
  g_free (run);
}

/**
 * co_test_cli_spawn:
 * @options: the library and environment
 * @flags: pipes to open
 * @args: the arguments after the program, ending with %NULL
 *
 * Returns: (transfer full): the running CLI, in the C.UTF-8 locale
 */
GSubprocess *
co_test_cli_spawn (const CoCliOptions *options,
                   GSubprocessFlags    flags,
                   const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (options->cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, options->cwd);
  if (options->env != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (options->env, "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  g_ptr_array_add (argv, (char *) CO_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  if (options->data_dir_in_env)
    g_subprocess_launcher_setenv (launcher, "CREATOROPS_DATA_DIR", options->data_dir, TRUE);
  else
    {
      g_ptr_array_add (argv, (char *) "--data-dir");
      g_ptr_array_add (argv, (char *) options->data_dir);
    }
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/**
 * co_test_cli_finish:
 * @process: a CLI started with co_test_cli_spawn()
 * @input: (nullable): what to write to its standard input
 *
 * Waits for @process and collects what it wrote.
 *
 * Returns: (transfer full): the run
 */
CoCliRun *
co_test_cli_finish (GSubprocess *process,
                    const char  *input)
{
  g_autoptr(GError) error = NULL;
  CoCliRun *run = g_new0 (CoCliRun, 1);

  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                     : -g_subprocess_get_term_sig (process);
  return run;
}

/**
 * co_test_cli_runv:
 * @options: the library and environment
 * @input: (nullable): standard input
 * @first: the first argument
 * @list: the others, ending with %NULL
 *
 * Runs the CLI to its end.
 *
 * Returns: (transfer full): the run
 */
CoCliRun *
co_test_cli_runv (const CoCliOptions *options,
                  const char         *input,
                  const char         *first,
                  va_list             list)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (char *) arg);
  g_ptr_array_add (args, NULL);
  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  process = co_test_cli_spawn (options, flags, (const char * const *) args->pdata);
  return co_test_cli_finish (process, input);
}

/* Checks the exit code, showing what the CLI wrote when it is wrong. */
void
co_test_cli_assert_exit (CoCliRun *run,
                         int       expected)
{
  if (run->status != expected)
    g_test_message ("stdout:\n%s\nstderr:\n%s", run->out, run->err);
  g_assert_cmpint (run->status, ==, expected);
}

/* Checks the exit code and parses standard output as JSON, once: nodes
 * handed out earlier stay valid. */
JsonNode *
co_test_cli_assert_json (CoCliRun *run,
                         int       expected)
{
  g_autoptr(GError) error = NULL;

  co_test_cli_assert_exit (run, expected);
  if (run->json != NULL)
    return run->json;
  run->json = json_from_string (run->out, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run->json);
  return run->json;
}

/* An error message names the input and comes with a suggestion line. */
void
co_test_cli_assert_error_names (CoCliRun   *run,
                                const char *input)
{
  if (strstr (run->err, input) == NULL)
    g_test_message ("stderr: %s", run->err);
  g_assert_nonnull (strstr (run->err, input));
  g_assert_nonnull (strstr (run->err, "\n  "));
}

/**
 * co_test_cli_run_in:
 * @data_dir: the library, given as --data-dir
 * @env: (nullable): one "NAME=value" variable
 * @first: the first argument
 * @...: the others, ending with %NULL
 *
 * Runs the CLI to its end on @data_dir, with no standard input.
 *
 * Returns: (transfer full): the run
 */
CoCliRun *
co_test_cli_run_in (const char *data_dir,
                    const char *env,
                    const char *first,
                    ...)
{
  CoCliOptions options = { data_dir, FALSE, NULL, env };
  CoCliRun *result;
  va_list list;

  va_start (list, first);
  result = co_test_cli_runv (&options, NULL, first, list);
  va_end (list);
  return result;
}
