/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-analysis.h"
#include "co-export.h"
#include "co-job-queue.h"
#include "co-vault.h"

G_BEGIN_DECLS

/**
 * CoExportDialogState:
 * @CO_EXPORT_DIALOG_IDLE: waiting for the Export button
 * @CO_EXPORT_DIALOG_CONFIRM: asking whether to replace an existing file
 * @CO_EXPORT_DIALOG_RUNNING: the export job runs
 * @CO_EXPORT_DIALOG_DONE: the file is written; the dialog closes itself
 * @CO_EXPORT_DIALOG_FAILED: the export failed; the dialog says why
 */
typedef enum
{
  CO_EXPORT_DIALOG_IDLE,
  CO_EXPORT_DIALOG_CONFIRM,
  CO_EXPORT_DIALOG_RUNNING,
  CO_EXPORT_DIALOG_DONE,
  CO_EXPORT_DIALOG_FAILED,
} CoExportDialogState;

GType co_export_dialog_state_get_type (void) G_GNUC_CONST;
#define CO_TYPE_EXPORT_DIALOG_STATE (co_export_dialog_state_get_type ())

#define CO_TYPE_EXPORT_DIALOG (co_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CoExportDialog, co_export_dialog, CO, EXPORT_DIALOG, AdwWindow)

CoExportDialog   *co_export_dialog_new              (GtkWindow              *parent,
                                                     CoJobQueue             *queue,
                                                     CoVaultItem            *item,
                                                     const char             *media_path,
                                                     const CoAnalysisParams *params);
void              co_export_dialog_set_settings     (CoExportDialog         *self,
                                                     GSettings              *settings);
void              co_export_dialog_set_format       (CoExportDialog         *self,
                                                     CoExportFormat          format);
CoExportFormat    co_export_dialog_get_format       (CoExportDialog         *self);
void              co_export_dialog_set_output       (CoExportDialog         *self,
                                                     const char             *path);
const char       *co_export_dialog_get_output       (CoExportDialog         *self);
void              co_export_dialog_start            (CoExportDialog         *self);
CoExportDialogState co_export_dialog_get_state     (CoExportDialog         *self);
AdwMessageDialog *co_export_dialog_get_confirmation (CoExportDialog         *self);
CoJob            *co_export_dialog_get_job          (CoExportDialog         *self);
const char       *co_export_dialog_get_error_text   (CoExportDialog         *self);
const char       *co_export_format_get_title        (CoExportFormat          format);

G_END_DECLS
