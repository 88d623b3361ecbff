/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of subtitles: files that cannot be read as SRT or WebVTT, and
 * subtitles or words kept with a file that cannot be read back. */

#define CO_SUBTITLE_ERROR (co_subtitle_error_quark ())

/**
 * CoSubtitleError:
 * @CO_SUBTITLE_ERROR_PARSE: an SRT or WebVTT file is malformed; the message names
 *   the line
 * @CO_SUBTITLE_ERROR_DAMAGED: the subtitles or the recognised words kept with a file
 *   cannot be read back
 */
typedef enum
{
  CO_SUBTITLE_ERROR_PARSE,
  CO_SUBTITLE_ERROR_DAMAGED,
} CoSubtitleError;

GQuark co_subtitle_error_quark (void);

G_END_DECLS
