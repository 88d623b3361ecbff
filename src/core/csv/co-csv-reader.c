/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-csv-reader.h"

/*
 * CSV as RFC 4180 reads it: fields separated by commas, records ended by
 * CRLF (a lone LF is taken too, as spreadsheets on Unix write it), a field
 * in double quotes may hold commas, CR, LF and doubled double quotes.  A
 * UTF-8 byte order mark at the start is skipped and blank lines are ignored.
 *
 * Written by hand: Debian packages no CSV library for C that fits (libcsv
 * is not packaged for bookworm's GLib stack, and GLib has no CSV parser),
 * and the grammar is small.  The reader never fails as a whole: a record it
 * cannot read is returned with its line and the reason, and reading goes on
 * at the next record, so that an import keeps every good row.  The caller
 * checks size and UTF-8 first (co_file_read(), co_file_check_text()).
 */

typedef struct
{
  const char *text;
  gsize       len;
  gsize       pos;
  guint       line;
} Reader;

static void
record_free (gpointer data)
{
  CoCsvRecord *record = data;

  g_strfreev (record->fields);
  g_free (record->problem);
  g_free (record);
}

static void
set_problem (char       **problem,
             char        *reason)
{
  /* The first problem of a record is the one worth saying. */
  if (*problem == NULL)
    *problem = reason;
  else
    g_free (reason);
}

static gboolean
at_end_of_record (Reader *reader)
{
  return reader->pos >= reader->len || reader->text[reader->pos] == '\n' ||
         (reader->text[reader->pos] == '\r' && reader->pos + 1 < reader->len &&
          reader->text[reader->pos + 1] == '\n');
}

/* Reads a quoted field from after its opening quote to after its closing one. */
static void
read_quoted (Reader   *reader,
             GString  *field,
             guint     number,
             char    **problem)
{
  guint opened_on = reader->line;

  for (;;)
    {
      char c;

      if (reader->pos >= reader->len)
        {
          set_problem (problem, g_strdup_printf (_("the quote that opens field %u on line %u "
                                                   "is never closed"), number, opened_on));
          return;
        }
      c = reader->text[reader->pos++];
      if (c == '"' && reader->pos < reader->len && reader->text[reader->pos] == '"')
        reader->pos++;
      else if (c == '"')
        break;
      else if (c == '\n')
        reader->line++;
      g_string_append_c (field, c);
    }
  if (reader->pos < reader->len && reader->text[reader->pos] != ',' && !at_end_of_record (reader))
    set_problem (problem, g_strdup_printf (_("text follows the closing quote of field %u"),
                                           number));
}

/* Reads an unquoted field (or what follows a closing quote) up to the next
 * comma or the end of the record. */
static void
read_plain (Reader   *reader,
            GString  *field,
            guint     number,
            char    **problem)
{
  while (reader->pos < reader->len && reader->text[reader->pos] != ',' &&
         !at_end_of_record (reader))
    {
      char c = reader->text[reader->pos++];

      if (c == '"')
        set_problem (problem, g_strdup_printf (_("field %u holds a double quote but does not "
                                                 "start with one"), number));
      else if (c == '\r')
        set_problem (problem, g_strdup_printf (_("field %u holds a carriage return outside "
                                                 "quotes"), number));
      else if (c == '\0')
        set_problem (problem, g_strdup_printf (_("field %u holds a NUL byte"), number));
      g_string_append_c (field, c);
    }
}

static void
skip_end_of_record (Reader *reader)
{
  if (reader->pos < reader->len && reader->text[reader->pos] == '\r')
    reader->pos++;
  if (reader->pos < reader->len && reader->text[reader->pos] == '\n')
    {
      reader->pos++;
      reader->line++;
    }
}

static CoCsvRecord *
read_record (Reader *reader)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  CoCsvRecord *record = g_new0 (CoCsvRecord, 1);

  record->line = reader->line;
  for (;;)
    {
      GString *field = g_string_new (NULL);
      guint number = fields->len + 1;

      if (reader->pos < reader->len && reader->text[reader->pos] == '"')
        {
          reader->pos++;
          read_quoted (reader, field, number, &record->problem);
        }
      read_plain (reader, field, number, &record->problem);
      if (fields->len < CO_CSV_MAX_FIELDS)
        g_ptr_array_add (fields, g_string_free (field, FALSE));
      else
        {
          g_string_free (field, TRUE);
          set_problem (&record->problem, g_strdup_printf (_("more than %d fields"),
                                                          CO_CSV_MAX_FIELDS));
        }
      if (reader->pos >= reader->len || reader->text[reader->pos] != ',')
        break;
      reader->pos++;
    }
  skip_end_of_record (reader);
  record->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  record->fields = (char **)g_ptr_array_free (g_steal_pointer (&fields), FALSE);
  return record;
}

static gboolean
is_blank (const CoCsvRecord *record)
{
  return record->problem == NULL && record->n_fields == 1 && record->fields[0][0] == '\0';
}

/**
 * co_csv_parse:
 * @text: (array length=len): the CSV text, UTF-8
 * @len: its length in bytes
 *
 * Splits @text into records.  Never fails: malformed records come back
 * with their @problem set, and blank lines are left out.
 *
 * Returns: (transfer full) (element-type CoCsvRecord): the records in order
 */
GPtrArray *
co_csv_parse (const char *text,
              gsize       len)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (record_free);
  Reader reader = { text, len, 0, 1 };

  g_return_val_if_fail (text != NULL || len == 0, records);

  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = 3;
  while (reader.pos < reader.len)
    {
      CoCsvRecord *record = read_record (&reader);

      if (is_blank (record))
        record_free (record);
      else
        g_ptr_array_add (records, record);
    }
  return records;
}

/**
 * co_csv_record_get:
 * @record: a record
 * @column: a column's index, or -1 for a column the file lacks
 *
 * Returns: (transfer none): the field in @column, or "" when the record is
 *   shorter or @column is -1
 */
const char *
co_csv_record_get (const CoCsvRecord *record,
                   int                column)
{
  g_return_val_if_fail (record != NULL, "");

  return column >= 0 && (guint)column < record->n_fields ? record->fields[column] : "";
}

static int
find_column (const CoCsvRecord *header,
             const char        *name)
{
  for (guint i = 0; i < header->n_fields; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (header->fields[i]));

      if (g_ascii_strcasecmp (trimmed, name) == 0)
        return (int)i;
    }
  return -1;
}

/**
 * co_csv_find_columns:
 * @header: (nullable): the file's first record, or %NULL for an empty file
 * @file_name: the file, for messages
 * @names: (array length=n_names): the columns looked for, matched without
 *   regard to case or surrounding spaces
 * @n_names: how many
 * @n_required: the first this many of @names must be there
 * @out_columns: (array length=n_names) (out caller-allocates): the index of
 *   each column, or -1 for an optional one the file lacks
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %CO_CSV_ERROR_NO_HEADER or
 *   %CO_CSV_ERROR_MISSING_COLUMN naming @file_name and the column
 */
gboolean
co_csv_find_columns (const CoCsvRecord  *header,
                     const char         *file_name,
                     const char * const *names,
                     guint               n_names,
                     guint               n_required,
                     int                *out_columns,
                     GError            **error)
{
  g_return_val_if_fail (file_name != NULL && names != NULL && n_required <= n_names, FALSE);

  if (header == NULL || header->problem != NULL)
    {
      g_set_error (error, CO_CSV_ERROR, CO_CSV_ERROR_NO_HEADER,
                   _("“%s” has no header line naming its columns%s%s"), file_name,
                   header != NULL ? ": " : "", header != NULL ? header->problem : "");
      return FALSE;
    }
  for (guint i = 0; i < n_names; i++)
    {
      out_columns[i] = find_column (header, names[i]);
      if (out_columns[i] < 0 && i < n_required)
        {
          g_set_error (error, CO_CSV_ERROR, CO_CSV_ERROR_MISSING_COLUMN,
                       _("“%s” has no column “%s” on its header line"), file_name, names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
clear_problem (gpointer data)
{
  g_free (((CoCsvProblem *)data)->reason);
}

/**
 * co_csv_report_new:
 *
 * Returns: (transfer full): an empty report
 */
CoCsvReport *
co_csv_report_new (void)
{
  CoCsvReport *report = g_new0 (CoCsvReport, 1);

  report->problems = g_array_new (FALSE, TRUE, sizeof (CoCsvProblem));
  g_array_set_clear_func (report->problems, clear_problem);
  return report;
}

/**
 * co_csv_report_free:
 * @report: (transfer full) (nullable): a report
 */
void
co_csv_report_free (CoCsvReport *report)
{
  if (report == NULL)
    return;
  g_array_unref (report->problems);
  g_free (report);
}

/**
 * co_csv_report_add_problem:
 * @report: a report
 * @line: the bad row's line
 * @reason: why it was skipped
 *
 * Lists a skipped row.
 */
void
co_csv_report_add_problem (CoCsvReport *report,
                           guint        line,
                           const char  *reason)
{
  CoCsvProblem problem = { line, g_strdup (reason) };

  g_return_if_fail (report != NULL && reason != NULL);

  g_array_append_val (report->problems, problem);
}
