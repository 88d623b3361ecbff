/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of the media layer: files that cannot be read, decoded or used. */

#define CO_MEDIA_ERROR (co_media_error_quark ())

/**
 * CoMediaError:
 * @CO_MEDIA_ERROR_NOT_FOUND: the file does not exist
 * @CO_MEDIA_ERROR_UNREADABLE: the file exists but cannot be read (permissions, I/O)
 * @CO_MEDIA_ERROR_NOT_A_FILE: the path names a directory or a special file
 * @CO_MEDIA_ERROR_EMPTY: the file is empty
 * @CO_MEDIA_ERROR_UNSUPPORTED: the content is not a supported image, video, audio or text
 * @CO_MEDIA_ERROR_CORRUPT: the content claims a supported format but cannot be decoded
 * @CO_MEDIA_ERROR_TRUNCATED: the file holds less than its header claims
 * @CO_MEDIA_ERROR_NO_AUDIO: an audio track is required and there is none
 * @CO_MEDIA_ERROR_NO_VIDEO: a video track is required and there is none
 * @CO_MEDIA_ERROR_TOO_LARGE: the file exceeds the size limit
 * @CO_MEDIA_ERROR_MISSING_PLUGIN: a GStreamer element needed for the file is not installed
 * @CO_MEDIA_ERROR_FAILED: any other media failure
 * @CO_MEDIA_ERROR_SPEECH_MODEL: no longer raised (speech has %CO_SPEECH_ERROR_MODEL);
 *   kept so that the codes keep their numbers and errors stored by earlier versions
 *   keep their meaning
 * @CO_MEDIA_ERROR_TOO_MANY_PIXELS: an image's header claims more pixels than
 *   %CO_PROBE_MAX_PIXELS (100 megapixels)
 */
typedef enum
{
  CO_MEDIA_ERROR_NOT_FOUND,
  CO_MEDIA_ERROR_UNREADABLE,
  CO_MEDIA_ERROR_NOT_A_FILE,
  CO_MEDIA_ERROR_EMPTY,
  CO_MEDIA_ERROR_UNSUPPORTED,
  CO_MEDIA_ERROR_CORRUPT,
  CO_MEDIA_ERROR_TRUNCATED,
  CO_MEDIA_ERROR_NO_AUDIO,
  CO_MEDIA_ERROR_NO_VIDEO,
  CO_MEDIA_ERROR_TOO_LARGE,
  CO_MEDIA_ERROR_MISSING_PLUGIN,
  CO_MEDIA_ERROR_FAILED,
  CO_MEDIA_ERROR_SPEECH_MODEL,
  CO_MEDIA_ERROR_TOO_MANY_PIXELS,
} CoMediaError;

GQuark co_media_error_quark     (void);
void   co_media_error_wrap_file (GError **error);

G_END_DECLS
