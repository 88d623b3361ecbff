/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The waveform's geometry, as plain functions so tests check it without a
 * display.  Times are seconds, x is pixels from the widget's left edge, the
 * view starts at @start and shows @pps pixels per second. */

/* The most the waveform zooms in: one 10 ms window is 20 pixels wide. */
#define CO_WAVEFORM_MAX_PPS 2000.0

double   _co_waveform_time_to_x       (double        time,
                                       double        start,
                                       double        pps);
double   _co_waveform_x_to_time       (double        x,
                                       double        start,
                                       double        pps,
                                       double        duration);
guint    _co_waveform_pick_level      (const guint  *bucket_ms,
                                       guint         n_levels,
                                       double        pps);
double   _co_waveform_clamp_start     (double        start,
                                       double        pps,
                                       double        width,
                                       double        duration);
double   _co_waveform_clamp_pps       (double        pps,
                                       double        width,
                                       double        duration);
gboolean _co_waveform_find_marker     (const double *times,
                                       gsize         n_times,
                                       double        position,
                                       int           direction,
                                       double       *out_time);
double   _co_waveform_tick_interval   (double        pps,
                                       double        min_spacing);

G_END_DECLS
