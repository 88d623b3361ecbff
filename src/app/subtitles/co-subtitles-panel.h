/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-analysis.h"
#include "co-job-queue.h"
#include "co-store.h"
#include "co-subtitle-check.h"
#include "co-subtitle-retime.h"

G_BEGIN_DECLS

#define CO_TYPE_SUBTITLES_PANEL (co_subtitles_panel_get_type ())
G_DECLARE_FINAL_TYPE (CoSubtitlesPanel, co_subtitles_panel, CO, SUBTITLES_PANEL, GtkWidget)

GtkWidget  *co_subtitles_panel_new           (void);
void        co_subtitles_panel_set_media     (CoSubtitlesPanel  *self,
                                              CoStore           *store,
                                              CoJobQueue        *queue,
                                              const char        *path,
                                              const char        *title);
void        co_subtitles_panel_set_analysis  (CoSubtitlesPanel  *self,
                                              CoAnalysis        *analysis,
                                              const CoAnalysisParams *params);
CoJob      *co_subtitles_panel_get_job       (CoSubtitlesPanel  *self);
GPtrArray  *co_subtitles_panel_get_cues      (CoSubtitlesPanel  *self);
const char *co_subtitles_panel_text_at       (CoSubtitlesPanel  *self,
                                              double             time);
gboolean    co_subtitles_panel_import        (CoSubtitlesPanel  *self,
                                              const char        *filename,
                                              GError           **error);
gboolean    co_subtitles_panel_export        (CoSubtitlesPanel  *self,
                                              const char        *filename,
                                              GError           **error);
void        co_subtitles_panel_edit          (CoSubtitlesPanel  *self,
                                              guint              index);
gboolean    co_subtitles_panel_apply         (CoSubtitlesPanel  *self,
                                              const char        *start,
                                              const char        *end,
                                              const char        *text,
                                              GError           **error);
GListModel *co_subtitles_panel_get_model     (CoSubtitlesPanel  *self);
const char *co_subtitles_panel_get_problems  (CoSubtitlesPanel  *self,
                                              guint              index);
gboolean    co_subtitles_panel_retime        (CoSubtitlesPanel  *self,
                                              const CoSubtitleRetime *retime,
                                              GError           **error);
void        co_subtitles_panel_set_rules     (CoSubtitlesPanel  *self,
                                              const CoCueRules  *rules);

G_END_DECLS
