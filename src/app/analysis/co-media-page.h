/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-analysis-controller.h"
#include "co-analysis.h"
#include "co-export-dialog.h"
#include "co-job-queue.h"
#include "co-subtitles-panel.h"
#include "co-vault.h"
#include "co-waveform.h"

G_BEGIN_DECLS

#define CO_TYPE_MEDIA_PAGE (co_media_page_get_type ())
G_DECLARE_FINAL_TYPE (CoMediaPage, co_media_page, CO, MEDIA_PAGE, GtkWidget)

void        co_media_page_set_library     (CoMediaPage            *self,
                                           CoVault                *vault,
                                           CoJobQueue             *queue,
                                           GSettings              *settings);
CoVaultItem *co_media_page_get_item       (CoMediaPage            *self);
void        co_media_page_set_item        (CoMediaPage            *self,
                                           CoVaultItem            *item);
CoAnalysisState co_media_page_get_state   (CoMediaPage            *self);
CoAnalysis *co_media_page_get_analysis    (CoMediaPage            *self);
CoJob      *co_media_page_get_job         (CoMediaPage            *self);
void        co_media_page_get_params      (CoMediaPage            *self,
                                           CoAnalysisParams       *params);
void        co_media_page_reanalyse       (CoMediaPage            *self,
                                           const CoAnalysisParams *params);
double      co_media_page_get_position    (CoMediaPage            *self);
void        co_media_page_seek            (CoMediaPage            *self,
                                           double                  time);
CoWaveform *co_media_page_get_waveform    (CoMediaPage            *self);
GtkListBox *co_media_page_get_suggestions (CoMediaPage            *self);
GtkBox     *co_media_page_get_filmstrip   (CoMediaPage            *self);
CoExportDialog *co_media_page_export      (CoMediaPage            *self,
                                           CoExportFormat          format);
CoSubtitlesPanel *co_media_page_get_subtitles (CoMediaPage        *self);
GtkLabel   *co_media_page_get_caption     (CoMediaPage            *self);
void        co_media_page_show_subtitles  (CoMediaPage            *self);

G_END_DECLS
