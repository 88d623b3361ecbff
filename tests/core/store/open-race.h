/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Several processes opening one library at the same moment, shared by
 * test-store-concurrent and the open benchmark. */

#include <gio/gio.h>

/* What a finished process wrote: little enough to wait in its pipe. */
static inline char *
co_open_race_read (GInputStream *stream)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[4096];
  gsize n = 0;

  while (g_input_stream_read_all (stream, buffer, sizeof buffer, &n, NULL, NULL) && n > 0)
    g_byte_array_append (bytes, buffer, n);
  g_byte_array_append (bytes, (const guint8 *)"", 1);
  return (char *)g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

/* Starts @n_processes of the open-library @helper on @data_dir, releases
 * them together by closing their standard input, and waits for all.
 * Returns how many failed or found a schema version other than @version;
 * *out_first_error (if not NULL) gets the first failure's message. */
static inline guint
co_open_race (const char  *helper,
              const char  *data_dir,
              guint        n_processes,
              int          version,
              char       **out_first_error)
{
  g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_failed = 0;

  for (guint i = 0; i < n_processes; i++)
    {
      GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                               &error, helper, data_dir, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (processes, process);
    }
  for (guint i = 0; i < processes->len; i++)
    g_output_stream_close (g_subprocess_get_stdin_pipe (g_ptr_array_index (processes, i)), NULL,
                           NULL);
  for (guint i = 0; i < processes->len; i++)
    {
      GSubprocess *process = g_ptr_array_index (processes, i);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      out = co_open_race_read (g_subprocess_get_stdout_pipe (process));
      err = co_open_race_read (g_subprocess_get_stderr_pipe (process));
      if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0 &&
          atoi (out) == version)
        continue;
      if (n_failed++ == 0 && out_first_error != NULL)
        *out_first_error = g_strdup_printf ("exit status %d, version “%s”: %s",
                                            g_subprocess_get_status (process), g_strstrip (out),
                                            err);
    }
  return n_failed;
}
