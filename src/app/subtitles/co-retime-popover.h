/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-subtitle-retime.h"

G_BEGIN_DECLS

#define CO_TYPE_RETIME_POPOVER (co_retime_popover_get_type ())
G_DECLARE_FINAL_TYPE (CoRetimePopover, co_retime_popover, CO, RETIME_POPOVER, GtkPopover)

gboolean co_retime_popover_read       (CoRetimePopover    *self,
                                       CoSubtitleRetime   *retime,
                                       GError            **error);
void     co_retime_popover_show_error (CoRetimePopover    *self,
                                       const GError       *error);

G_END_DECLS
