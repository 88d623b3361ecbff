/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "co-file.h"
#include "co-test-util.h"

/*
 * The bounded reader: only regular files, never past the limit, and an
 * error that names the input for everything else.  A pipe without a writer
 * and /dev/zero are the inputs that used to hang or run without end.
 */

static void
assert_read_fails (const char *path,
                   gsize       max_size,
                   int         code,
                   const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = co_file_read (path, max_size, NULL, &error);

  g_assert_null (data);
  g_assert_error (error, CO_FILE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
}

static void
test_read_regular (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("file");
  g_autofree char *path = co_test_write_file (dir, "a.txt", "one\ntwo\n", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *empty_path = co_test_write_file (dir, "empty.txt", "", 0);
  g_autofree char *empty = NULL;
  gsize len = 0;

  data = co_file_read (path, 8, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 8);
  g_assert_cmpstr (data, ==, "one\ntwo\n");

  empty = co_file_read (empty_path, 8, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_read_refused (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("file");
  g_autofree char *missing = g_build_filename (dir, "missing.srt", NULL);
  g_autofree char *loop = g_build_filename (dir, "loop.srt", NULL);
  g_autofree char *big = co_test_write_file (dir, "big.txt", "123456789", -1);

  assert_read_fails (missing, 100, CO_FILE_ERROR_NOT_FOUND, NULL);
  assert_read_fails (dir, 100, CO_FILE_ERROR_NOT_REGULAR, "folder");
  assert_read_fails (big, 8, CO_FILE_ERROR_TOO_LARGE, "8 bytes");
  g_assert_no_errno (symlink ("loop.srt", loop));
  assert_read_fails (loop, 100, CO_FILE_ERROR_UNREADABLE, NULL);
}

/* Opening a pipe that nobody writes to blocks for ever unless the reader
 * refuses it first. */
static void
test_read_fifo (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("file");
  g_autofree char *fifo = g_build_filename (dir, "talk.srt", NULL);

  g_assert_no_errno (mkfifo (fifo, 0600));
  assert_read_fails (fifo, 100, CO_FILE_ERROR_NOT_REGULAR, "pipe");
}

static void
test_read_device (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("file");
  g_autofree char *link = g_build_filename (dir, "zero.srt", NULL);

  assert_read_fails ("/dev/zero", 1024, CO_FILE_ERROR_NOT_REGULAR, NULL);
  g_assert_no_errno (symlink ("/dev/zero", link));
  assert_read_fails (link, 1024, CO_FILE_ERROR_NOT_REGULAR, NULL);
}

/* /proc files are regular but report no size: the limit holds while reading. */
static void
test_read_limit_while_reading (void)
{
  const char *path = "/proc/self/maps";
  GStatBuf st;

  if (g_stat (path, &st) != 0 || st.st_size != 0)
    {
      g_test_skip ("No /proc file that reports a size of 0 here");
      return;
    }
  assert_read_fails (path, 16, CO_FILE_ERROR_TOO_LARGE, NULL);
}

static void
test_stream_bounded (void)
{
  g_autoptr(GInputStream) exact = g_memory_input_stream_new_from_data ("abcd", 4, NULL);
  g_autoptr(GInputStream) over = g_memory_input_stream_new_from_data ("abcde", 5, NULL);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFileInputStream) endless = g_file_read (zero, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  data = co_file_read_stream (exact, "input", 4, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data, ==, "abcd");
  g_assert_cmpuint (len, ==, 4);

  g_assert_null (co_file_read_stream (over, "input", 4, NULL, NULL, &error));
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "input"));
  g_clear_error (&error);

  g_assert_nonnull (endless);
  g_assert_null (co_file_read_stream (G_INPUT_STREAM (endless), "standard input", 1024 * 1024,
                                      NULL, NULL, &error));
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_TOO_LARGE);
}

static void
test_stream_cancelled (void)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data ("abcd", 4, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (co_file_read_stream (input, "input", 100, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_check_text (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (co_file_check_text ("note", "", 0, &error));
  g_assert_true (co_file_check_text ("note", "café\nnaïve\n", strlen ("café\nnaïve\n"),
                                     &error));
  g_assert_no_error (error);

  g_assert_false (co_file_check_text ("note", "one\ntw\0o", 8, &error));
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "“note”"));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "NUL"));
  g_clear_error (&error);

  g_assert_false (co_file_check_text ("note", "a\nb\n\xff", 5, &error));
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/files/read/regular", test_read_regular);
  g_test_add_func ("/core/files/read/refused", test_read_refused);
  g_test_add_func ("/core/files/read/fifo", test_read_fifo);
  g_test_add_func ("/core/files/read/device", test_read_device);
  g_test_add_func ("/core/files/read/limit-while-reading", test_read_limit_while_reading);
  g_test_add_func ("/core/files/stream/bounded", test_stream_bounded);
  g_test_add_func ("/core/files/stream/cancelled", test_stream_cancelled);
  g_test_add_func ("/core/files/text", test_check_text);

  return g_test_run ();
}
