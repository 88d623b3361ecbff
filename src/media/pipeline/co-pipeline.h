/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

#include "co-progress.h"

G_BEGIN_DECLS

#define CO_TYPE_PIPELINE (co_pipeline_get_type ())
G_DECLARE_FINAL_TYPE (CoPipeline, co_pipeline, CO, PIPELINE, GObject)

CoPipeline *co_pipeline_new              (GstElement          *pipeline,
                                          const char          *path);
CoPipeline *co_pipeline_new_parse        (const char          *description,
                                          const char          *path,
                                          GError             **error);
CoPipeline *co_pipeline_new_video        (const char          *path,
                                          const char          *caps,
                                          GstElement         **out_appsink,
                                          GError             **error);
GstElement *co_pipeline_get_element      (CoPipeline          *self);
GstElement *co_pipeline_get_by_name      (CoPipeline          *self,
                                          const char          *name);
void        co_pipeline_set_display_name (CoPipeline          *self,
                                          const char          *name);
void        co_pipeline_set_wait_limit   (CoPipeline          *self,
                                          guint                seconds);
gboolean    co_pipeline_preroll          (CoPipeline          *self,
                                          GCancellable        *cancellable,
                                          GError             **error);
gboolean    co_pipeline_seek             (CoPipeline          *self,
                                          gint64               position,
                                          GstSeekFlags         flags,
                                          GCancellable        *cancellable,
                                          GError             **error);
gboolean    co_pipeline_run              (CoPipeline          *self,
                                          GCancellable        *cancellable,
                                          GError             **error);
gboolean    co_pipeline_start            (CoPipeline          *self,
                                          GError             **error);
gboolean    co_pipeline_poll             (CoPipeline          *self,
                                          GstClockTime         timeout,
                                          GCancellable        *cancellable,
                                          GError             **error);
gboolean    co_pipeline_reached_eos      (CoPipeline          *self);
void        co_pipeline_set_progress     (CoPipeline          *self,
                                          CoProgressFunc       progress,
                                          gpointer             user_data);

int         co_pipeline_error_code       (const GError        *gst_error);
void        co_pipeline_drop_pad         (GstElement          *bin,
                                          GstPad              *pad);
GstCaps    *co_pipeline_pad_caps         (GstPad              *pad);

G_END_DECLS
