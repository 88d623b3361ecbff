/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-publish-controller.h"

G_BEGIN_DECLS

#define CO_TYPE_PUBLISH_DIALOG (co_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CoPublishDialog, co_publish_dialog, CO, PUBLISH_DIALOG, AdwWindow)

GtkWidget        *co_publish_dialog_new          (CoPublishController *controller,
                                                  gint64               draft_id);
void              co_publish_dialog_set_selected (CoPublishDialog     *self,
                                                  CoPlatform           platform,
                                                  gboolean             selected);
gboolean          co_publish_dialog_get_selected (CoPublishDialog     *self,
                                                  CoPlatform           platform);
gboolean          co_publish_dialog_get_busy     (CoPublishDialog     *self);
const CoPublishOutcome *co_publish_dialog_get_outcome (CoPublishDialog *self,
                                                       CoPlatform       platform);
const char       *co_publish_dialog_get_summary  (CoPublishDialog     *self,
                                                  CoPlatform           platform);
const char       *co_publish_dialog_get_error    (CoPublishDialog     *self);
gboolean          co_publish_dialog_get_youtube_note (CoPublishDialog *self);

G_END_DECLS
