/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-schedule-time.h"


/* No zone is further than this from UTC (Kiribati is +14:00). */
#define MAX_OFFSET (15 * 3600)

static const char *const reading_names[] = { "exact", "earlier", "later" };

/** co_time_reading_to_string: @reading: a reading  Returns: "exact", "earlier" or "later" */
const char *
co_time_reading_to_string (CoTimeReading reading)
{
  g_return_val_if_fail (reading <= CO_TIME_READING_LATER, NULL);
  return reading_names[reading];
}

/** co_schedule_time_clear: @time: a time to empty */
void
co_schedule_time_clear (CoScheduleTime *time)
{
  g_clear_pointer (&time->note, g_free);
}

/**
 * co_schedule_zone_new:
 * @identifier: (nullable): an IANA zone such as "Europe/Berlin", or %NULL or
 *   "" for the local zone
 * @error: return location for %CO_SCHEDULE_ERROR_UNKNOWN_ZONE
 *
 * Returns: (transfer full) (nullable): the zone
 */
GTimeZone *
co_schedule_zone_new (const char  *identifier,
                      GError     **error)
{
  GTimeZone *zone;

  if (identifier == NULL || identifier[0] == '\0')
    return g_time_zone_new_local ();
  zone = g_utf8_validate (identifier, -1, NULL) ? g_time_zone_new_identifier (identifier) : NULL;
  if (zone == NULL)
    g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_UNKNOWN_ZONE,
                 _("“%s” is not a time zone this system knows (such as Europe/Berlin)"),
                 g_utf8_validate (identifier, -1, NULL) ? identifier : "?");
  return zone;
}

/* Seconds since 1970 of a wall-clock time read as if it were UTC. */
static gboolean
wall_seconds (int     year,
              int     month,
              int     day,
              int     hour,
              int     minute,
              int     second,
              gint64 *out_wall)
{
  g_autoptr(GDateTime) dt = NULL;

  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year) || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return FALSE;
  dt = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;
  *out_wall = g_date_time_to_unix (dt);
  return TRUE;
}

static gint32
offset_at (GTimeZone *zone,
           gint64     utc)
{
  return g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL,
                                                                  utc));
}

/* The offsets in use within a day either side of @wall. */
static guint
nearby_offsets (GTimeZone *zone,
                gint64     wall,
                gint32     offsets[8])
{
  guint n = 0;

  for (gint64 probe = wall - MAX_OFFSET; probe <= wall + MAX_OFFSET; probe += 1800)
    {
      gint32 offset = offset_at (zone, probe);
      gboolean seen = FALSE;

      for (guint i = 0; i < n; i++)
        seen |= offsets[i] == offset;
      if (!seen && n < 8)
        offsets[n++] = offset;
    }
  return n;
}

/* Every instant (UTC seconds) whose local time in @zone is @wall, earliest
 * first: none in a gap, two in an overlap. */
static guint
instants_at_wall (GTimeZone *zone,
                  gint64     wall,
                  gint64     out[2])
{
  gint32 offsets[8];
  guint n_offsets = nearby_offsets (zone, wall, offsets);
  guint n = 0;

  for (guint i = 0; i < n_offsets; i++)
    {
      gint64 utc = wall - offsets[i];

      if (offset_at (zone, utc) != offsets[i] || (n > 0 && out[0] == utc))
        continue;
      if (n < 2)
        out[n++] = utc;
      else
        out[1] = MAX (out[1], utc);
      if (n == 2 && out[0] > out[1])
        {
          gint64 swap = out[0];
          out[0] = out[1];
          out[1] = swap;
        }
    }
  return n;
}

/* The first second at which the offset of @zone differs from the one at
 * @before (which must differ from the one at @after). */
static gint64
find_transition (GTimeZone *zone,
                 gint64     before,
                 gint64     after)
{
  gint32 first = offset_at (zone, before);

  while (after - before > 1)
    {
      gint64 middle = before + (after - before) / 2;

      if (offset_at (zone, middle) == first)
        before = middle;
      else
        after = middle;
    }
  return after;
}

static char *
format_with (gint64      utc,
             GTimeZone  *zone,
             const char *format)
{
  g_autoptr(GDateTime) instant = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = NULL;

  if (instant == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (instant, zone);
  return g_date_time_format (local, format);
}

/**
 * co_schedule_time_format:
 * @usec: µs since 1970, UTC
 * @zone: the zone to show it in
 *
 * Returns: (transfer full): "2027-03-28 03:30 CEST"
 */
char *
co_schedule_time_format (gint64     usec,
                         GTimeZone *zone)
{
  return format_with (usec / G_USEC_PER_SEC, zone, "%Y-%m-%d %H:%M %Z");
}

/**
 * co_schedule_time_format_iso:
 * @usec: µs since 1970, UTC
 * @zone: the zone to show it in
 *
 * Returns: (transfer full): ISO 8601 with the zone's offset,
 *   "2027-03-28T03:30:00+02:00"
 */
char *
co_schedule_time_format_iso (gint64     usec,
                             GTimeZone *zone)
{
  return format_with (usec / G_USEC_PER_SEC, zone, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
set_nonexistent (GError    **error,
                 GTimeZone  *zone,
                 gint64      wall)
{
  gint32 offsets[8];
  guint n = nearby_offsets (zone, wall, offsets);
  gint32 low = offsets[0], high = offsets[0];
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *asked = format_with (wall, utc, "%Y-%m-%d %H:%M");
  g_autofree char *skip_from = NULL, *skip_to = NULL, *later = NULL, *earlier = NULL;
  gint64 jump;

  for (guint i = 1; i < n; i++)
    {
      low = MIN (low, offsets[i]);
      high = MAX (high, offsets[i]);
    }
  jump = find_transition (zone, wall - high, wall - low);
  /* A gap opens when the offset grows: the wall clock reads jump + low
   * just before it reads jump + high. */
  skip_from = format_with (jump + low, utc, "%H:%M");
  skip_to = format_with (jump, zone, "%H:%M");
  later = format_with (wall - low, zone, "%Y-%m-%d %H:%M %Z");
  earlier = format_with (wall - high, zone, "%Y-%m-%d %H:%M %Z");
  g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_NONEXISTENT_TIME,
               _("%s does not exist in %s: the clocks jump from %s to %s then. The nearest "
                 "times that exist are %s and %s"),
               asked, g_time_zone_get_identifier (zone), skip_from, skip_to, later, earlier);
}

static char *
describe_fold (GTimeZone *zone,
               gint64     wall,
               gint64     first,
               gint64     second,
               gboolean   later)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *asked = format_with (wall, utc, "%Y-%m-%d %H:%M");
  g_autofree char *one = format_with (first, zone, "%H:%M %Z (UTC%:z)");
  g_autofree char *two = format_with (second, zone, "%H:%M %Z (UTC%:z)");

  if (later)
    return g_strdup_printf (_("%s happens twice in %s, as the clocks go back: took the second, "
                              "%s; the first is %s"),
                            asked, g_time_zone_get_identifier (zone), two, one);
  return g_strdup_printf (_("%s happens twice in %s, as the clocks go back: took the first, "
                            "%s; the second is %s"),
                          asked, g_time_zone_get_identifier (zone), one, two);
}

static gboolean
resolve_wall (GTimeZone       *zone,
              gint64           wall,
              CoScheduleFold   fold,
              CoScheduleTime  *out_time,
              GError         **error)
{
  gint64 instants[2];
  guint n = instants_at_wall (zone, wall, instants);
  gboolean later = fold == CO_SCHEDULE_FOLD_LATER;

  if (n == 0)
    {
      set_nonexistent (error, zone, wall);
      return FALSE;
    }
  out_time->note = NULL;
  out_time->reading = CO_TIME_READING_EXACT;
  out_time->usec = instants[0] * G_USEC_PER_SEC;
  if (n == 2)
    {
      out_time->reading = later ? CO_TIME_READING_LATER : CO_TIME_READING_EARLIER;
      out_time->usec = instants[later ? 1 : 0] * G_USEC_PER_SEC;
      out_time->note = describe_fold (zone, wall, instants[0], instants[1], later);
    }
  return TRUE;
}

static void
set_bad_time (GError     **error,
              const char  *text)
{
  g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_BAD_TIME,
               _("“%s” is not a time: write it as 2027-03-28T09:30+02:00, or as 2027-03-28 09:30 "
                 "in a time zone"), text);
}

/**
 * co_schedule_time_from_local:
 * @zone: the zone the time is in
 * @year: the year
 * @month: the month, 1–12
 * @day: the day of the month
 * @hour: 0–23
 * @minute: 0–59
 * @second: 0–59
 * @fold: which of two times to take when the local time happens twice
 * @out_time: (out caller-allocates): the instant and how it was read
 * @error: return location for a #GError
 *
 * Turns a wall-clock time in @zone into an instant.
 *
 * Returns: %TRUE on success; else %FALSE with %CO_SCHEDULE_ERROR_BAD_TIME
 *   (no such date or time) or %CO_SCHEDULE_ERROR_NONEXISTENT_TIME (the
 *   clocks skip it; the message names the nearest times that exist)
 */
gboolean
co_schedule_time_from_local (GTimeZone       *zone,
                             int              year,
                             int              month,
                             int              day,
                             int              hour,
                             int              minute,
                             int              second,
                             CoScheduleFold   fold,
                             CoScheduleTime  *out_time,
                             GError         **error)
{
  gint64 wall;

  g_return_val_if_fail (zone != NULL && out_time != NULL, FALSE);

  if (!wall_seconds (year, month, day, hour, minute, second, &wall))
    {
      g_autofree char *text = g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", year, month, day,
                                               hour, minute, second);
      set_bad_time (error, text);
      return FALSE;
    }
  return resolve_wall (zone, wall, fold, out_time, error);
}

typedef struct
{
  int      year, month, day, hour, minute, second;
  gboolean has_offset;
  int      offset;
} Parts;

static gboolean
read_number (const char **p,
             int          digits,
             int         *out)
{
  *out = 0;
  for (int i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *out = *out * 10 + ((*p)[i] - '0');
    }
  *p += digits;
  return TRUE;
}

static gboolean
read_char (const char **p,
           const char  *allowed)
{
  if (**p == '\0' || strchr (allowed, **p) == NULL)
    return FALSE;
  (*p)++;
  return TRUE;
}

/* Z, ±HH, ±HH:MM or ±HHMM; nothing at all is local time. */
static gboolean
read_offset (const char **p,
             Parts       *parts)
{
  int sign, hours, minutes = 0;

  if (**p == '\0')
    return TRUE;
  parts->has_offset = TRUE;
  if (read_char (p, "Zz"))
    return TRUE;
  sign = **p == '-' ? -1 : 1;
  if (!read_char (p, "+-") || !read_number (p, 2, &hours) || hours > 14)
    return FALSE;
  if (**p != '\0')
    {
      read_char (p, ":");
      if (!read_number (p, 2, &minutes) || minutes > 59)
        return FALSE;
    }
  parts->offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

static gboolean
read_parts (const char *text,
            Parts      *parts)
{
  const char *p = text;
  int fraction;

  *parts = (Parts) { 0 };
  if (!read_number (&p, 4, &parts->year) || !read_char (&p, "-") ||
      !read_number (&p, 2, &parts->month) || !read_char (&p, "-") ||
      !read_number (&p, 2, &parts->day) || !read_char (&p, "Tt ") ||
      !read_number (&p, 2, &parts->hour) || !read_char (&p, ":") ||
      !read_number (&p, 2, &parts->minute))
    return FALSE;
  if (read_char (&p, ":") && !read_number (&p, 2, &parts->second))
    return FALSE;
  /* Fractions of a second are read and dropped: posts are planned to the second. */
  if (read_char (&p, ".,"))
    while (read_number (&p, 1, &fraction))
      ;
  return read_offset (&p, parts) && *p == '\0';
}

/**
 * co_schedule_time_parse:
 * @text: ISO 8601 with a UTC offset ("2027-03-28T09:30+02:00",
 *   "2027-03-28T07:30Z"), or a local time without one ("2027-03-28 09:30",
 *   "2027-03-28T09:30:00") read in @zone
 * @zone: the zone for local times
 * @fold: which of two times to take when a local time happens twice
 * @out_time: (out caller-allocates): the instant and how it was read
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; else %FALSE with %CO_SCHEDULE_ERROR_BAD_TIME
 *   naming @text, or %CO_SCHEDULE_ERROR_NONEXISTENT_TIME
 */
gboolean
co_schedule_time_parse (const char      *text,
                        GTimeZone       *zone,
                        CoScheduleFold   fold,
                        CoScheduleTime  *out_time,
                        GError         **error)
{
  g_autofree char *clean = NULL;
  Parts parts;
  gint64 wall;

  g_return_val_if_fail (text != NULL && zone != NULL && out_time != NULL, FALSE);

  clean = g_utf8_validate (text, -1, NULL) ? g_strstrip (g_strdup (text)) : g_strdup ("?");
  if (!read_parts (clean, &parts) ||
      !wall_seconds (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second,
                     &wall))
    {
      set_bad_time (error, clean);
      return FALSE;
    }
  if (!parts.has_offset)
    return resolve_wall (zone, wall, fold, out_time, error);
  *out_time = (CoScheduleTime) { (wall - parts.offset) * G_USEC_PER_SEC, CO_TIME_READING_EXACT,
                                 NULL };
  return TRUE;
}

/**
 * co_schedule_day_start:
 * @zone: a zone
 * @year: the year
 * @month: the month, 1–12
 * @day: the day
 *
 * Returns: the first instant of that local day (µs since 1970, UTC): its
 *   midnight, or the end of the gap where the clocks skip midnight
 */
gint64
co_schedule_day_start (GTimeZone *zone,
                       int        year,
                       int        month,
                       int        day)
{
  gint64 instants[2];
  gint32 offsets[8];
  gint64 wall;
  guint n;

  g_return_val_if_fail (zone != NULL, 0);

  if (!wall_seconds (year, month, day, 0, 0, 0, &wall))
    g_return_val_if_reached (0);
  if (instants_at_wall (zone, wall, instants) > 0)
    return instants[0] * G_USEC_PER_SEC;
  n = nearby_offsets (zone, wall, offsets);
  g_assert (n >= 2);
  return find_transition (zone, wall - MAX (offsets[0], offsets[1]),
                          wall - MIN (offsets[0], offsets[1])) * G_USEC_PER_SEC;
}

/**
 * co_schedule_month_range:
 * @zone: the zone of the calendar
 * @year: the year
 * @month: the month, 1–12
 * @out_from: (out): the month's first instant (µs, UTC)
 * @out_to: (out): the next month's first instant
 */
void
co_schedule_month_range (GTimeZone *zone,
                         int        year,
                         int        month,
                         gint64    *out_from,
                         gint64    *out_to)
{
  g_return_if_fail (month >= 1 && month <= 12);

  *out_from = co_schedule_day_start (zone, year, month, 1);
  *out_to = month == 12 ? co_schedule_day_start (zone, year + 1, 1, 1)
                        : co_schedule_day_start (zone, year, month + 1, 1);
}

/**
 * co_schedule_week_range:
 * @zone: the zone of the calendar
 * @usec: any instant in the week (µs since 1970, UTC)
 * @out_from: (out): the first instant of its Monday, local time
 * @out_to: (out): the first instant of the Monday after
 */
void
co_schedule_week_range (GTimeZone *zone,
                        gint64     usec,
                        gint64    *out_from,
                        gint64    *out_to)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) next = NULL;

  g_return_if_fail (zone != NULL && utc != NULL);

  local = g_date_time_to_timezone (utc, zone);
  monday = g_date_time_add_days (local, 1 - g_date_time_get_day_of_week (local));
  next = g_date_time_add_days (monday, 7);
  *out_from = co_schedule_day_start (zone, g_date_time_get_year (monday),
                                     g_date_time_get_month (monday),
                                     g_date_time_get_day_of_month (monday));
  *out_to = co_schedule_day_start (zone, g_date_time_get_year (next),
                                   g_date_time_get_month (next),
                                   g_date_time_get_day_of_month (next));
}
