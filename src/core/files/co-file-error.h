/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of plain file reads in core: a file a person names (a source to
 * import, a file whose results are kept) that cannot be read as a file. */

#define CO_FILE_ERROR (co_file_error_quark ())

/**
 * CoFileError:
 * @CO_FILE_ERROR_NOT_FOUND: the file does not exist
 * @CO_FILE_ERROR_NOT_REGULAR: the path names a folder, a pipe, a device or a socket
 * @CO_FILE_ERROR_TOO_LARGE: the file or input holds more than the limit
 * @CO_FILE_ERROR_UNREADABLE: the file cannot be opened or read (permissions, I/O)
 * @CO_FILE_ERROR_NOT_TEXT: the content holds a NUL byte or is not UTF-8
 */
typedef enum
{
  CO_FILE_ERROR_NOT_FOUND,
  CO_FILE_ERROR_NOT_REGULAR,
  CO_FILE_ERROR_TOO_LARGE,
  CO_FILE_ERROR_UNREADABLE,
  CO_FILE_ERROR_NOT_TEXT,
} CoFileError;

GQuark co_file_error_quark (void);

G_END_DECLS
