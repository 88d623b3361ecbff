/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of the store: the database and the stored files. */

#define CO_STORE_ERROR (co_store_error_quark ())

/**
 * CoStoreError:
 * @CO_STORE_ERROR_OPEN: the database or data directory cannot be opened or created
 * @CO_STORE_ERROR_CORRUPT: the database failed its integrity check or is not a database
 * @CO_STORE_ERROR_TOO_NEW: the database was written by a newer CreatorOps
 * @CO_STORE_ERROR_IO: reading or writing the database or a stored file failed
 * @CO_STORE_ERROR_BUSY: another process holds the database locked
 * @CO_STORE_ERROR_FULL: the disk is full
 * @CO_STORE_ERROR_QUOTA: storing the file would exceed the storage quota
 * @CO_STORE_ERROR_FAILED: any other database failure
 * @CO_STORE_ERROR_NO_DATABASE: the library folder holds stored files but its database is
 *   missing or empty; nothing was created or deleted
 * @CO_STORE_ERROR_READ_ONLY: the library folder or its database cannot be written
 * @CO_STORE_ERROR_LAYOUT: a folder inside the library is a symbolic link or not a folder
 */
typedef enum
{
  CO_STORE_ERROR_OPEN,
  CO_STORE_ERROR_CORRUPT,
  CO_STORE_ERROR_TOO_NEW,
  CO_STORE_ERROR_IO,
  CO_STORE_ERROR_BUSY,
  CO_STORE_ERROR_FULL,
  CO_STORE_ERROR_QUOTA,
  CO_STORE_ERROR_FAILED,
  CO_STORE_ERROR_NO_DATABASE,
  CO_STORE_ERROR_READ_ONLY,
  CO_STORE_ERROR_LAYOUT,
} CoStoreError;

GQuark co_store_error_quark (void);

G_END_DECLS
