/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-csv.h"

/*
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by
 * CRLF, and a field that holds a comma, a double quote, a CR or an LF put in
 * double quotes, with each double quote inside doubled.  A field with a
 * space at either end is quoted too, so that no reader trims it.
 */

static gboolean
needs_quotes (const char *field)
{
  gsize length = strlen (field);

  return strpbrk (field, ",\"\r\n") != NULL ||
         (length > 0 && (field[0] == ' ' || field[length - 1] == ' '));
}

/**
 * co_csv_append_field:
 * @out: the text to append to
 * @field: (nullable): the field, UTF-8; %NULL writes an empty field
 *
 * Appends one field, quoted if it needs to be.
 */
void
co_csv_append_field (GString    *out,
                     const char *field)
{
  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;
  if (!needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = field; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

/**
 * co_csv_append_row:
 * @out: the text to append to
 * @fields: (array length=n_fields): the fields
 * @n_fields: how many
 *
 * Appends one record, ended by CRLF.
 */
void
co_csv_append_row (GString           *out,
                   const char *const *fields,
                   gsize              n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      co_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}
