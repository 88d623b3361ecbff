/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CoRate:
 * @num: frames per @den seconds, e.g. 30000
 * @den: the seconds that hold @num frames, e.g. 1001
 *
 * A frame rate as an exact fraction.  NTSC rates (23.976, 29.97, 59.94) are
 * 24000/1001, 30000/1001 and 60000/1001; keeping them as fractions is what
 * lets a three-hour timeline convert without drift.
 */
typedef struct
{
  int num;
  int den;
} CoRate;

#define CO_RATE_INIT(n, d) ((CoRate) { (n), (d) })

/* The time unit of subtitles, markers and ranges. */
#define CO_USEC_PER_SEC G_GINT64_CONSTANT (1000000)

gboolean  co_rate_is_valid            (CoRate        rate);
gboolean  co_rate_parse               (const char   *text,
                                       CoRate       *rate,
                                       GError      **error);
char     *co_rate_to_string           (CoRate        rate);
gboolean  co_rate_equal               (CoRate        a,
                                       CoRate        b);
int       co_rate_get_timebase        (CoRate        rate);
gboolean  co_rate_is_ntsc             (CoRate        rate);
gboolean  co_rate_allows_drop_frame   (CoRate        rate);
gint64    co_rate_frames_to_us        (CoRate        rate,
                                       gint64        frames);
gint64    co_rate_us_to_frames        (CoRate        rate,
                                       gint64        us);
gint64    co_rate_us_to_frames_ceil   (CoRate        rate,
                                       gint64        us);
void      co_rate_frames_to_seconds   (CoRate        rate,
                                       gint64        frames,
                                       gint64       *num,
                                       gint64       *den);

char     *co_timecode_format          (CoRate        rate,
                                       gint64        frames,
                                       gboolean      drop_frame);
gboolean  co_timecode_parse           (const char   *text,
                                       CoRate        rate,
                                       gboolean      drop_frame,
                                       gint64       *frames,
                                       GError      **error);

gint64    co_time_scale               (gint64        value,
                                       gint64        num,
                                       gint64        den);

G_END_DECLS
