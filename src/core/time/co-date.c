/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "co-date.h"

/*
 * Dates as people and spreadsheets write them: `YYYY-MM-DD`, or a full
 * ISO 8601 date and time.  One reading for the command line's options and
 * the CSV imports.
 */

static gboolean
is_plain_date (const char *text)
{
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/**
 * co_date_parse:
 * @text: `YYYY-MM-DD` (midnight in @zone) or a full ISO 8601 date and time
 *   (in @zone when it gives no offset)
 * @zone: the zone of a date or time without an offset
 *
 * Returns: (transfer full) (nullable): the time, or %NULL when @text is not
 *   a date
 */
GDateTime *
co_date_parse (const char *text,
               GTimeZone  *zone)
{
  g_return_val_if_fail (text != NULL && zone != NULL, NULL);

  if (is_plain_date (text))
    {
      int year = atoi (text);
      int month = atoi (text + 5);
      int day = atoi (text + 8);

      if (!g_date_valid_dmy (day, month, year))
        return NULL;
      return g_date_time_new (zone, year, month, day, 0, 0, 0);
    }
  return g_date_time_new_from_iso8601 (text, zone);
}

/**
 * co_date_parse_usec:
 * @text: as for co_date_parse()
 * @zone: as for co_date_parse()
 * @out_usec: (out): the time in microseconds since 1970, UTC
 *
 * Returns: %TRUE, or %FALSE when @text is not a date
 */
gboolean
co_date_parse_usec (const char *text,
                    GTimeZone  *zone,
                    gint64     *out_usec)
{
  g_autoptr(GDateTime) time = co_date_parse (text, zone);

  if (time == NULL)
    return FALSE;
  *out_usec = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
  return TRUE;
}
