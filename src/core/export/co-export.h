/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-subtitle.h"
#include "co-timeline.h"

G_BEGIN_DECLS

/**
 * CoExportFormat:
 * @CO_EXPORT_PREMIERE_XML: Premiere Pro XML (FCP 7 xmeml version 4), cut at the
 *   kept ranges, with sequence markers (`premiere-xml`)
 * @CO_EXPORT_FCPXML: FCPXML 1.9 for Final Cut Pro and DaVinci Resolve (`fcpxml`)
 * @CO_EXPORT_EDL: CMX 3600 edit decision list with locators (`edl`)
 * @CO_EXPORT_AUDITION_CSV: Adobe Audition marker list (`audition-csv`)
 * @CO_EXPORT_PREMIERE_MARKERS: the markers alone for Premiere Pro: an xmeml
 *   sequence of the whole, uncut source with the markers at source times,
 *   which Premiere imports with File › Import (`premiere-markers`)
 * @CO_EXPORT_CHAPTERS: YouTube chapters for a video description (`chapters`)
 * @CO_EXPORT_SRT: SubRip subtitles (`srt`)
 * @CO_EXPORT_VTT: WebVTT subtitles (`vtt`)
 */
typedef enum
{
  CO_EXPORT_PREMIERE_XML,
  CO_EXPORT_FCPXML,
  CO_EXPORT_EDL,
  CO_EXPORT_AUDITION_CSV,
  CO_EXPORT_PREMIERE_MARKERS,
  CO_EXPORT_CHAPTERS,
  CO_EXPORT_SRT,
  CO_EXPORT_VTT,
} CoExportFormat;

/**
 * CoExportFlags:
 * @CO_EXPORT_FLAGS_NONE: refuse to replace an existing file
 * @CO_EXPORT_FLAGS_OVERWRITE: replace an existing file
 */
typedef enum
{
  CO_EXPORT_FLAGS_NONE = 0,
  CO_EXPORT_FLAGS_OVERWRITE = 1 << 0,
} CoExportFlags;

const char *co_export_format_to_name       (CoExportFormat     format);
gboolean    co_export_format_from_name     (const char        *name,
                                            CoExportFormat    *format,
                                            GError           **error);
const char *co_export_format_get_extension (CoExportFormat     format);

char       *co_export_to_string            (CoExportFormat     format,
                                            CoTimeline        *timeline,
                                            GError           **error);
gboolean    co_export_write                (CoExportFormat     format,
                                            CoTimeline        *timeline,
                                            const char        *path,
                                            CoExportFlags      flags,
                                            GError           **error);
gboolean    co_export_write_file           (const char        *path,
                                            const char        *contents,
                                            gssize             len,
                                            CoExportFlags      flags,
                                            GError           **error);

char       *co_export_xmeml                (CoTimeline        *timeline,
                                            GError           **error);
char       *co_export_premiere_markers     (CoTimeline        *timeline,
                                            GError           **error);
char       *co_export_fcpxml               (CoTimeline        *timeline,
                                            GError           **error);
char       *co_export_edl                  (CoTimeline        *timeline,
                                            GError           **error);
char       *co_export_audition_csv         (CoTimeline        *timeline,
                                            GError           **error);
char       *co_export_chapters             (CoTimeline        *timeline,
                                            GError           **error);
char       *co_export_subtitles            (CoTimeline        *timeline,
                                            CoSubtitleFormat   format,
                                            GError           **error);

char       *co_export_file_url             (const char        *path,
                                            gboolean           localhost);

G_END_DECLS
