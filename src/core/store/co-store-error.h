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
} CoStoreError;

GQuark co_store_error_quark (void);

G_END_DECLS
