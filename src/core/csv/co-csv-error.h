/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_CSV_ERROR (co_csv_error_quark ())

/**
 * CoCsvError:
 * @CO_CSV_ERROR_NO_HEADER: the file holds no header line
 * @CO_CSV_ERROR_MISSING_COLUMN: the header lacks a column the import needs
 *
 * Errors of a CSV file as a whole; a bad row is reported by its line and
 * skipped instead.  Codes are append-only: the command line maps them to
 * exit codes.
 */
typedef enum
{
  CO_CSV_ERROR_NO_HEADER,
  CO_CSV_ERROR_MISSING_COLUMN,
} CoCsvError;

GQuark co_csv_error_quark (void);

G_END_DECLS
