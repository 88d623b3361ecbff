/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-file-error.h"
#include "co-media-error.h"
#include "co-store-error.h"
#include "co-test-util.h"

/* At the media layer's edge a core file error becomes the media error of
 * the same meaning; other errors pass untouched. */
static void
test_wrap_file (void)
{
  const struct
  {
    int file_code;
    int media_code;
  } cases[] = {
    { CO_FILE_ERROR_NOT_FOUND, CO_MEDIA_ERROR_NOT_FOUND },
    { CO_FILE_ERROR_NOT_REGULAR, CO_MEDIA_ERROR_NOT_A_FILE },
    { CO_FILE_ERROR_TOO_LARGE, CO_MEDIA_ERROR_TOO_LARGE },
    { CO_FILE_ERROR_UNREADABLE, CO_MEDIA_ERROR_UNREADABLE },
    { CO_FILE_ERROR_NOT_TEXT, CO_MEDIA_ERROR_UNSUPPORTED },
    { 99, CO_MEDIA_ERROR_FAILED },
  };
  g_autoptr(GError) store = g_error_new_literal (CO_STORE_ERROR, CO_STORE_ERROR_IO, "disk");
  GError *none = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new (CO_FILE_ERROR, cases[i].file_code, "“talk.mp4” %d",
                                             cases[i].file_code);
      g_autofree char *message = g_strdup (error->message);

      co_media_error_wrap_file (&error);
      g_assert_error (error, CO_MEDIA_ERROR, cases[i].media_code);
      g_assert_cmpstr (error->message, ==, message);
    }
  co_media_error_wrap_file (&store);
  g_assert_error (store, CO_STORE_ERROR, CO_STORE_ERROR_IO);
  co_media_error_wrap_file (&none);
  g_assert_null (none);
  co_media_error_wrap_file (NULL);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/media/error/wrap-file", test_wrap_file);

  return g_test_run ();
}
