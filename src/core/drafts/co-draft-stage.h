/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CoDraftStage:
 * @CO_DRAFT_STAGE_SAVED: collected, nothing required yet
 * @CO_DRAFT_STAGE_DRAFT: being written: has a title and a body
 * @CO_DRAFT_STAGE_SCHEDULED: every target platform has a time and valid text
 * @CO_DRAFT_STAGE_PUBLISHED: posted everywhere it targets; read-only
 *
 * A draft moves one step forward at a time, or from Scheduled back to Draft.
 * Stored by name (co_draft_stage_to_string()), never by number.
 */
typedef enum
{
  CO_DRAFT_STAGE_SAVED,
  CO_DRAFT_STAGE_DRAFT,
  CO_DRAFT_STAGE_SCHEDULED,
  CO_DRAFT_STAGE_PUBLISHED,
} CoDraftStage;

#define CO_N_DRAFT_STAGES (CO_DRAFT_STAGE_PUBLISHED + 1)

#define CO_TYPE_DRAFT_STAGE (co_draft_stage_get_type ())
GType        co_draft_stage_get_type     (void) G_GNUC_CONST;

const char  *co_draft_stage_to_string    (CoDraftStage   stage);
const char  *co_draft_stage_display_name (CoDraftStage   stage);
gboolean     co_draft_stage_from_string  (const char    *name,
                                          CoDraftStage  *out_stage,
                                          GError       **error);
gboolean     co_draft_stage_check_move   (gint64         draft_id,
                                          CoDraftStage   from,
                                          CoDraftStage   to,
                                          GError       **error);

G_END_DECLS
