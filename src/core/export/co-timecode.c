/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "co-export-error.h"
#include "co-timecode.h"

/* The highest frame rate any export accepts; it also bounds every product
 * below well inside 64 bits for timelines of several days. */
#define MAX_FPS 240

static gint64
gcd64 (gint64 a,
       gint64 b)
{
  while (b != 0)
    {
      gint64 t = a % b;
      a = b;
      b = t;
    }
  return a < 0 ? -a : a;
}

/* Rounds a / b to the nearest integer, halves away from zero, for b > 0. */
static gint64
div_round (gint64 a,
           gint64 b)
{
  g_assert (b > 0);
  if (a >= 0)
    return (a + b / 2) / b;
  return -((-a + b / 2) / b);
}

/**
 * co_time_scale:
 * @value: a time or count
 * @num: the numerator of the factor
 * @den: the denominator of the factor, positive
 *
 * Computes @value × @num / @den rounded to the nearest integer, with a
 * 128-bit intermediate so that re-timing long files cannot overflow.
 *
 * Returns: the scaled value
 */
gint64
co_time_scale (gint64 value,
               gint64 num,
               gint64 den)
{
  __int128 product;
  __int128 half;

  g_return_val_if_fail (den > 0, 0);

  product = (__int128) value * num;
  half = den / 2;
  if (product >= 0)
    return (gint64) ((product + half) / den);
  return (gint64) -((-product + half) / den);
}

/**
 * co_rate_is_valid:
 * @rate: a frame rate
 *
 * Returns: %TRUE if @rate is positive and at most 240 frames per second
 */
gboolean
co_rate_is_valid (CoRate rate)
{
  return rate.num > 0 && rate.den > 0 && rate.num >= rate.den &&
         (gint64) rate.num <= (gint64) rate.den * MAX_FPS;
}

/**
 * co_rate_equal:
 * @a: a frame rate
 * @b: another frame rate
 *
 * Returns: %TRUE if both fractions stand for the same rate
 */
gboolean
co_rate_equal (CoRate a,
               CoRate b)
{
  return (gint64) a.num * b.den == (gint64) b.num * a.den;
}

static CoRate
reduce_rate (gint64 num,
             gint64 den)
{
  gint64 g = gcd64 (num, den);

  if (g == 0)
    return CO_RATE_INIT (0, 1);
  return CO_RATE_INIT ((int) (num / g), (int) (den / g));
}

/* A decimal such as 29.97 or 23.976 means the NTSC rate next to it; any
 * other decimal is taken exactly (12.5 → 25/2). */
static gboolean
parse_decimal_rate (const char *text,
                    CoRate     *rate)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  gint64 nominal;

  if (end == text || *end != '\0' || !(value >= 1.0) || value > MAX_FPS)
    return FALSE;

  nominal = (gint64) (value * 1.001 + 0.5);
  if (strchr (text, '.') != NULL && ABS (value - nominal / 1.001) < 0.006 &&
      ABS (value - (double) nominal) > 0.001)
    {
      *rate = reduce_rate (nominal * 1000, 1001);
      return TRUE;
    }
  *rate = reduce_rate ((gint64) (value * 1000 + 0.5), 1000);
  return co_rate_is_valid (*rate) && ABS ((double) rate->num / rate->den - value) < 1e-9;
}

/**
 * co_rate_parse:
 * @text: "25", "29.97", "23.976", "59.94" or a fraction such as "30000/1001"
 * @rate: (out): the parsed rate
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Reads a frame rate the way people write it on the command line.
 *
 * Returns: %TRUE on success
 */
gboolean
co_rate_parse (const char  *text,
               CoRate      *rate,
               GError     **error)
{
  const char *slash;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (rate != NULL, FALSE);

  slash = strchr (text, '/');
  if (slash != NULL)
    {
      guint64 num = 0, den = 0;
      g_autofree char *head = g_strndup (text, slash - text);

      if (g_ascii_string_to_unsigned (head, 10, 1, G_MAXINT, &num, NULL) &&
          g_ascii_string_to_unsigned (slash + 1, 10, 1, G_MAXINT, &den, NULL))
        {
          *rate = reduce_rate (num, den);
          if (co_rate_is_valid (*rate))
            return TRUE;
        }
    }
  else if (parse_decimal_rate (text, rate))
    return TRUE;

  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
               _("“%s” is not a frame rate: use a number of frames per second between 1 and "
                 "240 such as 25 or 29.97, or a fraction such as 30000/1001"), text);
  return FALSE;
}

/**
 * co_rate_to_string:
 * @rate: a valid frame rate
 *
 * Formats @rate the way editors show it: "25", "29.97", "23.976", "59.94".
 *
 * Returns: (transfer full): the text
 */
char *
co_rate_to_string (CoRate rate)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (co_rate_is_valid (rate), NULL);

  if (rate.num % rate.den == 0)
    return g_strdup_printf ("%d", rate.num / rate.den);
  if (co_rate_is_ntsc (rate))
    {
      /* Three decimals, without trailing zeros: 23.976, 29.97, 59.94. */
      g_autofree char *s = g_strdup_printf ("%.3f", (double) rate.num / rate.den);
      gsize len = strlen (s);

      while (len > 0 && s[len - 1] == '0')
        s[--len] = '\0';
      return g_steal_pointer (&s);
    }
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, (double) rate.num / rate.den));
}

/**
 * co_rate_get_timebase:
 * @rate: a valid frame rate
 *
 * Gets the whole number of frames a timecode counts per second: 30 for
 * 29.97, 24 for 23.976, 25 for 25.
 *
 * Returns: the nominal frames per second
 */
int
co_rate_get_timebase (CoRate rate)
{
  g_return_val_if_fail (co_rate_is_valid (rate), 0);

  return (int) div_round (rate.num, rate.den);
}

/**
 * co_rate_is_ntsc:
 * @rate: a frame rate
 *
 * Returns: %TRUE if @rate runs 1000/1001 slower than its timebase (the
 *   `<ntsc>TRUE</ntsc>` of xmeml)
 */
gboolean
co_rate_is_ntsc (CoRate rate)
{
  CoRate r = reduce_rate (rate.num, rate.den);

  return co_rate_is_valid (r) && r.den == 1001 && r.num % 1000 == 0;
}

/**
 * co_rate_allows_drop_frame:
 * @rate: a frame rate
 *
 * Drop-frame timecode exists only for 29.97 and 59.94.
 *
 * Returns: %TRUE if @rate may be labelled with drop-frame timecode
 */
gboolean
co_rate_allows_drop_frame (CoRate rate)
{
  return co_rate_is_ntsc (rate) && co_rate_get_timebase (rate) % 30 == 0;
}

/**
 * co_rate_frames_to_us:
 * @rate: a valid frame rate
 * @frames: a frame count
 *
 * Returns: the time at which frame @frames starts, in microseconds, rounded
 *   to the nearest microsecond (so converting back gives @frames again)
 */
gint64
co_rate_frames_to_us (CoRate rate,
                      gint64 frames)
{
  g_return_val_if_fail (co_rate_is_valid (rate), 0);

  return co_time_scale (frames, (gint64) rate.den * CO_USEC_PER_SEC, rate.num);
}

/**
 * co_rate_us_to_frames:
 * @rate: a valid frame rate
 * @us: a time in microseconds
 *
 * Returns: the frame whose start is nearest to @us
 */
gint64
co_rate_us_to_frames (CoRate rate,
                      gint64 us)
{
  g_return_val_if_fail (co_rate_is_valid (rate), 0);

  return co_time_scale (us, rate.num, (gint64) rate.den * CO_USEC_PER_SEC);
}

/**
 * co_rate_us_to_frames_ceil:
 * @rate: a valid frame rate
 * @us: a non-negative time in microseconds
 *
 * Returns: the number of whole frames needed to last at least @us
 */
gint64
co_rate_us_to_frames_ceil (CoRate rate,
                           gint64 us)
{
  gint64 den;

  g_return_val_if_fail (co_rate_is_valid (rate), 0);
  g_return_val_if_fail (us >= 0, 0);

  den = (gint64) rate.den * CO_USEC_PER_SEC;
  return (us * rate.num + den - 1) / den;
}

/**
 * co_rate_frames_to_seconds:
 * @rate: a valid frame rate
 * @frames: a frame count
 * @num: (out): the numerator of the time in seconds
 * @den: (out): its positive denominator, in lowest terms
 *
 * Gives the exact start time of a frame as a fraction of seconds, as FCPXML
 * writes it (e.g. 1001/30000s).
 */
void
co_rate_frames_to_seconds (CoRate  rate,
                           gint64  frames,
                           gint64 *num,
                           gint64 *den)
{
  gint64 n, d, g;

  g_return_if_fail (co_rate_is_valid (rate));

  n = frames * rate.den;
  d = rate.num;
  g = gcd64 (n, d);
  if (g == 0)
    g = 1;
  *num = n / g;
  *den = d / g;
}

/* Frames whose labels are skipped at the start of each minute that is not
 * a multiple of ten: 2 at 29.97, 4 at 59.94. */
static int
dropped_per_minute (CoRate rate)
{
  return co_rate_get_timebase (rate) / 15;
}

/* Turns a real frame count into the frame count of its timecode label, that
 * is, adds back the labels that drop-frame timecode skips. */
static gint64
add_dropped_labels (CoRate rate,
                    gint64 frames)
{
  int base = co_rate_get_timebase (rate);
  int drop = dropped_per_minute (rate);
  gint64 per_10min = (gint64) base * 600 - drop * 9;
  gint64 per_min = (gint64) base * 60 - drop;
  gint64 tens = frames / per_10min;
  gint64 rest = frames % per_10min;
  gint64 extra = (gint64) drop * 9 * tens;

  if (rest >= drop)
    extra += drop * ((rest - drop) / per_min);
  return frames + extra;
}

/**
 * co_timecode_format:
 * @rate: a valid frame rate
 * @frames: a non-negative frame count
 * @drop_frame: whether to label with drop-frame timecode (only at 29.97 and
 *   59.94; ignored otherwise)
 *
 * Labels a frame as SMPTE timecode, `HH:MM:SS:FF`, or `HH:MM:SS;FF` for
 * drop-frame.
 *
 * Returns: (transfer full): the timecode
 */
char *
co_timecode_format (CoRate   rate,
                    gint64   frames,
                    gboolean drop_frame)
{
  int base;
  gint64 label;

  g_return_val_if_fail (co_rate_is_valid (rate), NULL);
  g_return_val_if_fail (frames >= 0, NULL);

  base = co_rate_get_timebase (rate);
  drop_frame = drop_frame && co_rate_allows_drop_frame (rate);
  label = drop_frame ? add_dropped_labels (rate, frames) : frames;

  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02d:%02d%c%02d",
                          label / ((gint64) base * 3600),
                          (int) (label / (base * 60) % 60),
                          (int) (label / base % 60),
                          drop_frame ? ';' : ':',
                          (int) (label % base));
}

/* Reads "HH:MM:SS:FF" (or with ';' or '.' before the frames) into its four
 * fields; hours may have more than two digits. */
static gboolean
split_timecode (const char *text,
                gint64      fields[4])
{
  const char *p = text;

  for (int i = 0; i < 4; i++)
    {
      int digits = 0;

      fields[i] = 0;
      while (g_ascii_isdigit (*p) && digits < 9)
        {
          fields[i] = fields[i] * 10 + (*p++ - '0');
          digits++;
        }
      if (digits < (i == 0 ? 1 : 2) || (i > 0 && digits != 2))
        return FALSE;
      if (i < 2 && *p++ != ':')
        return FALSE;
      if (i == 2 && *p != ':' && *p != ';' && *p != '.' && *p != ',')
        return FALSE;
      if (i == 2)
        p++;
    }
  return *p == '\0';
}

/* Refuses labels that drop-frame timecode never uses, such as 00:01:00;00. */
static gboolean
label_is_dropped (CoRate       rate,
                  const gint64 fields[4])
{
  return fields[2] == 0 && fields[3] < dropped_per_minute (rate) && fields[1] % 10 != 0;
}

/**
 * co_timecode_parse:
 * @text: a timecode such as `01:02:03:04` or `01:02:03;04`
 * @rate: the valid frame rate it counts in
 * @drop_frame: whether @text is drop-frame timecode (only honoured at 29.97
 *   and 59.94)
 * @frames: (out): the frame count it labels
 * @error: return location for a #CO_EXPORT_ERROR_PARSE error
 *
 * The inverse of co_timecode_format().  Minutes and seconds must be below
 * 60, frames below the timebase, and drop-frame labels must exist.
 *
 * Returns: %TRUE on success
 */
gboolean
co_timecode_parse (const char  *text,
                   CoRate       rate,
                   gboolean     drop_frame,
                   gint64      *frames,
                   GError     **error)
{
  gint64 f[4];
  int base;
  gint64 label, minutes;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (co_rate_is_valid (rate), FALSE);

  base = co_rate_get_timebase (rate);
  drop_frame = drop_frame && co_rate_allows_drop_frame (rate);
  if (!split_timecode (text, f) || f[1] >= 60 || f[2] >= 60 || f[3] >= base ||
      (drop_frame && label_is_dropped (rate, f)))
    {
      g_autofree char *r = co_rate_to_string (rate);

      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_PARSE,
                   _("“%s” is not a %s timecode at %s fps (expected HH:MM:SS:FF)"),
                   text, drop_frame ? _("drop-frame") : _("non-drop-frame"), r);
      return FALSE;
    }

  minutes = f[0] * 60 + f[1];
  label = (minutes * 60 + f[2]) * base + f[3];
  if (drop_frame)
    label -= dropped_per_minute (rate) * (minutes - minutes / 10);
  *frames = label;
  return TRUE;
}
