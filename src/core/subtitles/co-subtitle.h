/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "co-timecode.h"

G_BEGIN_DECLS

/**
 * CoCue:
 * @start_us: when the cue appears, in microseconds from the start of the media
 * @end_us: when it disappears; always after @start_us
 * @text: the lines shown, separated by `\n`, without blank lines
 * @confidence: how sure the speech engine was, from 0 to 1 (1 for imported cues)
 * @flagged: whether a person should review the cue (low confidence)
 *
 * One subtitle.  Lists of cues are #GPtrArray<!-- -->s made with
 * co_cue_list_new(), which free their cues.
 */
typedef struct
{
  gint64    start_us;
  gint64    end_us;
  char     *text;
  double    confidence;
  gboolean  flagged;
} CoCue;

/**
 * CoSubtitleFormat:
 * @CO_SUBTITLE_FORMAT_SRT: SubRip (`.srt`)
 * @CO_SUBTITLE_FORMAT_VTT: WebVTT (`.vtt`)
 */
typedef enum
{
  CO_SUBTITLE_FORMAT_SRT,
  CO_SUBTITLE_FORMAT_VTT,
} CoSubtitleFormat;

#define CO_TYPE_CUE (co_cue_get_type ())

GType       co_cue_get_type             (void) G_GNUC_CONST;
CoCue      *co_cue_new                  (gint64             start_us,
                                         gint64             end_us,
                                         const char        *text);
CoCue      *co_cue_copy                 (const CoCue       *cue);
void        co_cue_free                 (CoCue             *cue);
char      **co_cue_dup_lines            (const CoCue       *cue);
glong       co_cue_count_chars          (const CoCue       *cue);

GPtrArray  *co_cue_list_new             (void);
GPtrArray  *co_cue_list_copy            (GPtrArray         *cues);

gboolean    co_subtitle_format_for_path (const char        *path,
                                         CoSubtitleFormat  *format,
                                         GError           **error);
char       *co_subtitle_write           (GPtrArray         *cues,
                                         CoSubtitleFormat   format);
GPtrArray  *co_subtitle_parse           (const char        *name,
                                         const char        *data,
                                         gssize             len,
                                         CoSubtitleFormat   format,
                                         GError           **error);
GPtrArray  *co_subtitle_load            (const char        *path,
                                         GError           **error);

gboolean    co_subtitle_shift           (GPtrArray         *cues,
                                         gint64             delta_us,
                                         GError           **error);
gboolean    co_subtitle_map_linear      (GPtrArray         *cues,
                                         gint64             from_a_us,
                                         gint64             to_a_us,
                                         gint64             from_b_us,
                                         gint64             to_b_us,
                                         GError           **error);
gboolean    co_subtitle_conform         (GPtrArray         *cues,
                                         CoRate             from,
                                         CoRate             to,
                                         GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoCue, co_cue_free)

G_END_DECLS
