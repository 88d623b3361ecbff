/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-csv-error.h"

G_BEGIN_DECLS

/* The most fields a record may have; more is not a CSV the imports take. */
#define CO_CSV_MAX_FIELDS 256

/**
 * CoCsvRecord:
 * @line: the line the record starts on, from 1
 * @n_fields: how many fields it has
 * @fields: (array length=n_fields): its fields, UTF-8, unquoted
 * @problem: (nullable): why the record is malformed, or %NULL
 *
 * One record of a CSV text.  A malformed record keeps what could be read
 * of it, and says why in @problem.
 */
typedef struct
{
  guint   line;
  guint   n_fields;
  char  **fields;
  char   *problem;
} CoCsvRecord;

/**
 * CoCsvProblem:
 * @line: the line of the bad row, from 1
 * @reason: why it was skipped
 */
typedef struct
{
  guint  line;
  char  *reason;
} CoCsvProblem;

/**
 * CoCsvReport:
 * @n_rows: the data rows read (without the header)
 * @n_imported: the rows taken
 * @problems: (element-type CoCsvProblem): the rows skipped, in file order
 *
 * What an import of a CSV file did: every good row is taken and every bad
 * one is listed here by its line, with the reason.
 */
typedef struct
{
  guint   n_rows;
  guint   n_imported;
  GArray *problems;
} CoCsvReport;

GPtrArray   *co_csv_parse              (const char         *text,
                                        gsize               len);
const char  *co_csv_record_get         (const CoCsvRecord  *record,
                                        int                 column);
gboolean     co_csv_find_columns       (const CoCsvRecord  *header,
                                        const char         *file_name,
                                        const char * const *names,
                                        guint               n_names,
                                        guint               n_required,
                                        int                *out_columns,
                                        GError            **error);

CoCsvReport *co_csv_report_new         (void);
void         co_csv_report_free        (CoCsvReport        *report);
void         co_csv_report_add_problem (CoCsvReport        *report,
                                        guint               line,
                                        const char         *reason);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoCsvReport, co_csv_report_free)

G_END_DECLS
