/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-analysis.h"

G_BEGIN_DECLS

#define CO_TYPE_WAVEFORM (co_waveform_get_type ())
G_DECLARE_FINAL_TYPE (CoWaveform, co_waveform, CO, WAVEFORM, GtkWidget)

GtkWidget     *co_waveform_new                   (void);
CoAnalysis    *co_waveform_get_analysis          (CoWaveform *self);
void           co_waveform_set_analysis          (CoWaveform *self,
                                                  CoAnalysis *analysis);
double         co_waveform_get_position          (CoWaveform *self);
void           co_waveform_set_position          (CoWaveform *self,
                                                  double      position);
double         co_waveform_get_pixels_per_second (CoWaveform *self);
void           co_waveform_zoom                  (CoWaveform *self,
                                                  double      factor);
void           co_waveform_zoom_to_fit           (CoWaveform *self);
GtkAdjustment *co_waveform_get_adjustment        (CoWaveform *self);
guint          co_waveform_get_level             (CoWaveform *self);

G_END_DECLS
