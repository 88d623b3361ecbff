/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-file-error.h"
#include "co-media-error-enums.h"
#include "co-media-error.h"

CO_DEFINE_ERROR_QUARK (co-media-error-quark, co_media_error, CO_TYPE_MEDIA_ERROR)

/**
 * co_media_error_wrap_file:
 * @error: (inout) (optional) (nullable): where an error may be
 *
 * The media layer raises media errors: at its edge, a %CO_FILE_ERROR from
 * core becomes the %CO_MEDIA_ERROR of the same meaning, with its message.
 * Any other error is left alone.
 */
void
co_media_error_wrap_file (GError **error)
{
  static const int codes[] = {
    [CO_FILE_ERROR_NOT_FOUND] = CO_MEDIA_ERROR_NOT_FOUND,
    [CO_FILE_ERROR_NOT_REGULAR] = CO_MEDIA_ERROR_NOT_A_FILE,
    [CO_FILE_ERROR_TOO_LARGE] = CO_MEDIA_ERROR_TOO_LARGE,
    [CO_FILE_ERROR_UNREADABLE] = CO_MEDIA_ERROR_UNREADABLE,
    [CO_FILE_ERROR_NOT_TEXT] = CO_MEDIA_ERROR_UNSUPPORTED,
  };
  GError *file_error;

  if (error == NULL || *error == NULL || (*error)->domain != CO_FILE_ERROR)
    return;
  file_error = *error;
  file_error->domain = CO_MEDIA_ERROR;
  file_error->code = file_error->code >= 0 && (gsize) file_error->code < G_N_ELEMENTS (codes)
                       ? codes[file_error->code] : CO_MEDIA_ERROR_FAILED;
}
