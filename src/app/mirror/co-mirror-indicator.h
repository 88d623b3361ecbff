/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-mirror-controller.h"

G_BEGIN_DECLS

#define CO_TYPE_MIRROR_INDICATOR (co_mirror_indicator_get_type ())
G_DECLARE_FINAL_TYPE (CoMirrorIndicator, co_mirror_indicator, CO, MIRROR_INDICATOR, GtkWidget)

void        co_mirror_indicator_set_controller (CoMirrorIndicator  *self,
                                                CoMirrorController *controller);
const char *co_mirror_indicator_get_icon_name  (CoMirrorIndicator  *self);
const char *co_mirror_indicator_get_tooltip    (CoMirrorIndicator  *self);
double      co_mirror_indicator_get_fraction   (CoMirrorIndicator  *self);
void        co_mirror_indicator_popup          (CoMirrorIndicator  *self);
void        co_mirror_indicator_popdown        (CoMirrorIndicator  *self);

G_END_DECLS
