/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-draft-private.h"
#include "co-drafts.h"
#include "co-store-private.h"

G_BEGIN_DECLS

/* co-drafts.c.  Callers hold the store's lock. */
CoDraft  *_co_drafts_load          (CoDrafts      *self,
                                    gint64         id,
                                    GError       **error);
gboolean  _co_drafts_load_details  (CoDrafts      *self,
                                    GPtrArray     *drafts,
                                    GError       **error);
gboolean  _co_drafts_get_stage     (CoDrafts      *self,
                                    gint64         id,
                                    CoDraftStage  *out_stage,
                                    GError       **error);
gboolean  _co_drafts_begin_edit    (CoDrafts      *self,
                                    gint64         id,
                                    GError       **error);
gboolean  _co_drafts_set_incomplete (GError      **error,
                                     gint64        id,
                                     CoDraftStage  stage,
                                     const char   *missing);
gboolean  _co_drafts_end_edit      (CoDrafts      *self,
                                    gint64         id,
                                    gboolean       ok,
                                    GError       **error);
gint64    _co_drafts_insert_row    (CoDrafts      *self,
                                    CoDraftStage   stage,
                                    const char    *title,
                                    const char    *body,
                                    gint64         origin_id,
                                    GError       **error);
/* One change to a draft, run by _co_drafts_edit() inside its transaction. */
typedef gboolean (*CoDraftEdit) (CoDrafts  *self,
                                 gint64     id,
                                 gpointer   data,
                                 GError   **error);

gboolean  _co_drafts_edit          (CoDrafts      *self,
                                    gint64         id,
                                    CoDraftEdit    edit,
                                    gpointer       data,
                                    GError       **error);
gboolean  _co_drafts_check_text    (gint64         id,
                                    const char    *field,
                                    const char    *text,
                                    GError       **error);
void      _co_drafts_emit_changed  (CoDrafts      *self,
                                    gint64         id);

/* co-drafts-stage.c */
char     *_co_drafts_text_missing  (const char    *title,
                                    const char    *body);
char     *_co_drafts_find_missing  (CoDraft       *draft,
                                    CoDraftStage   stage,
                                    gint64         now,
                                    gboolean       moving);
gboolean  _co_drafts_add_history   (CoDrafts      *self,
                                    gint64         id,
                                    int            from,
                                    CoDraftStage   to,
                                    GError       **error);

/* co-drafts-edit.c */
gboolean  _co_drafts_insert_variant (CoDrafts    *self,
                                     gint64       id,
                                     CoPlatform   platform,
                                     const char  *title,
                                     const char  *body,
                                     GError     **error);
gboolean  _co_drafts_insert_item_link (CoDrafts  *self,
                                       gint64     id,
                                       gint64     item_id,
                                       GError   **error);

/* co-drafts-task.c: a non-NULL result that carries an id, for the
 * _async() calls that run through co_task_run_async(). */
gpointer  _co_drafts_boxed_id (gint64 id);

G_END_DECLS
