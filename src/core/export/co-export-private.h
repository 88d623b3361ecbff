/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-export.h"

G_BEGIN_DECLS

/* A marker placed in the sequence, in frames; @out equals @in for a point. */
typedef struct
{
  const CoMarker *marker;
  gint64          in;
  gint64          out;
} CoPlacedMarker;

/* What every editor export writes: the clips (CoEdit), the placed markers
 * and the totals, computed once from a validated timeline. */
typedef struct
{
  CoTimeline *timeline;
  CoRate      rate;
  gboolean    drop_frame;
  GArray     *edits;
  GArray     *markers;
  gint64      source_frames;
  gint64      record_frames;
} CoExportPlan;

CoExportPlan *_co_export_plan_new      (CoTimeline     *timeline,
                                        gboolean        cut,
                                        GError        **error);
void          _co_export_plan_free     (CoExportPlan   *plan);
void          _co_export_append_text   (GString        *out,
                                        const char     *text);
void          _co_export_append_element (GString       *out,
                                        int             indent,
                                        const char     *name,
                                        const char     *text);
void          _co_export_append_int_element (GString   *out,
                                        int             indent,
                                        const char     *name,
                                        gint64          value);
char         *_co_export_one_line      (const char     *text);
const CoEdit *_co_export_plan_find_edit (CoExportPlan  *plan,
                                        gint64          record_frame);
gboolean      _co_export_check_markers (CoTimeline     *timeline,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoExportPlan, _co_export_plan_free)

G_END_DECLS
