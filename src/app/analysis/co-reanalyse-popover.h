/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-analysis.h"

G_BEGIN_DECLS

#define CO_TYPE_REANALYSE_POPOVER (co_reanalyse_popover_get_type ())
G_DECLARE_FINAL_TYPE (CoReanalysePopover, co_reanalyse_popover, CO, REANALYSE_POPOVER, GtkPopover)

void co_reanalyse_popover_set_params (CoReanalysePopover     *self,
                                      const CoAnalysisParams *params);
void co_reanalyse_popover_get_params (CoReanalysePopover     *self,
                                      CoAnalysisParams       *params);
void co_reanalyse_popover_set_video  (CoReanalysePopover     *self,
                                      gboolean                video);

G_END_DECLS
