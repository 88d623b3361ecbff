/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-analysis.h"
#include "co-job-queue.h"
#include "co-vault.h"

G_BEGIN_DECLS

/**
 * CoAnalysisState:
 * @CO_ANALYSIS_STATE_EMPTY: no item is shown
 * @CO_ANALYSIS_STATE_LOADING: looking for a result kept from an earlier run
 * @CO_ANALYSIS_STATE_ANALYSING: a job makes the analysis; #CoJob:fraction tells how far
 * @CO_ANALYSIS_STATE_READY: the analysis is there
 * @CO_ANALYSIS_STATE_FAILED: the analysis failed; the error says why
 * @CO_ANALYSIS_STATE_CANCELLED: the job was cancelled; nothing changed
 *
 * Where the analysis of the shown item stands, which is also what the
 * Media page shows.
 */
typedef enum
{
  CO_ANALYSIS_STATE_EMPTY,
  CO_ANALYSIS_STATE_LOADING,
  CO_ANALYSIS_STATE_ANALYSING,
  CO_ANALYSIS_STATE_READY,
  CO_ANALYSIS_STATE_FAILED,
  CO_ANALYSIS_STATE_CANCELLED,
} CoAnalysisState;

GType co_analysis_state_get_type (void) G_GNUC_CONST;
#define CO_TYPE_ANALYSIS_STATE (co_analysis_state_get_type ())

#define CO_TYPE_ANALYSIS_CONTROLLER (co_analysis_controller_get_type ())
G_DECLARE_FINAL_TYPE (CoAnalysisController, co_analysis_controller, CO, ANALYSIS_CONTROLLER,
                      GObject)

CoAnalysisController *co_analysis_controller_new        (CoStore                *store,
                                                         CoJobQueue             *queue);
void                  co_analysis_controller_set_item   (CoAnalysisController   *self,
                                                         CoVaultItem            *item,
                                                         const CoAnalysisParams *params);
void                  co_analysis_controller_analyse    (CoAnalysisController   *self,
                                                         const CoAnalysisParams *params);
void                  co_analysis_controller_cancel     (CoAnalysisController   *self);
CoAnalysisState       co_analysis_controller_get_state  (CoAnalysisController   *self);
CoVaultItem          *co_analysis_controller_get_item   (CoAnalysisController   *self);
const char           *co_analysis_controller_get_path   (CoAnalysisController   *self);
void                  co_analysis_controller_get_params (CoAnalysisController   *self,
                                                         CoAnalysisParams       *params);
CoAnalysis           *co_analysis_controller_get_analysis (CoAnalysisController *self);
CoJob                *co_analysis_controller_get_job    (CoAnalysisController   *self);
const GError         *co_analysis_controller_get_error  (CoAnalysisController   *self);

G_END_DECLS
