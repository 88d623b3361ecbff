/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-vault-item.h"

G_BEGIN_DECLS

/* Files above this size are refused unless a caller passes another limit:
 * 16 GiB holds an hour of 4K camera footage. */
#define CO_PROBE_DEFAULT_MAX_SIZE (G_GINT64_CONSTANT (16) * 1024 * 1024 * 1024)

/* Text files above this size are not turned into notes. */
#define CO_PROBE_MAX_NOTE_SIZE (1024 * 1024)

/* Images whose header claims more pixels than this are refused before any
 * of them is decoded: 100 megapixels holds every camera's photos (a
 * 12,000 × 8,000 sensor is 96), and decoding one costs 400 MB already.  The
 * help (import.page) and %CO_MEDIA_ERROR_TOO_MANY_PIXELS say the same. */
#define CO_PROBE_MAX_PIXELS (G_GINT64_CONSTANT (100) * 1000 * 1000)

/**
 * CoProbeFlags:
 * @CO_PROBE_NONE: only find out what the file is
 * @CO_PROBE_REQUIRE_AUDIO: fail with %CO_MEDIA_ERROR_NO_AUDIO unless there is a sound track
 * @CO_PROBE_REQUIRE_VIDEO: fail with %CO_MEDIA_ERROR_NO_VIDEO unless there is a video track
 * @CO_PROBE_CHECK_COMPLETE: also read the whole file (demuxing, never decoding video)
 *   and fail with %CO_MEDIA_ERROR_TRUNCATED when it holds less than its header claims
 */
typedef enum
{
  CO_PROBE_NONE           = 0,
  CO_PROBE_REQUIRE_AUDIO  = 1 << 0,
  CO_PROBE_REQUIRE_VIDEO  = 1 << 1,
  CO_PROBE_CHECK_COMPLETE = 1 << 2,
} CoProbeFlags;

/**
 * CoMediaInfo:
 * @type: image, video, audio or note
 * @mime: the MIME type found from the content
 * @container: (nullable): the container, e.g. "Quick Time" or "WebM"; %NULL for images and text
 * @video_codec: (nullable): e.g. "H.264 (High Profile)"
 * @audio_codec: (nullable): e.g. "MPEG-4 AAC"
 * @codecs: (nullable): the codecs joined by ", " (what the vault stores)
 * @size: bytes
 * @width: pixels, or 0
 * @height: pixels, or 0
 * @duration: seconds, or a negative number for images and notes
 * @has_audio: whether there is a sound track
 * @has_video: whether there is a video track
 * @sample_rate: Hz of the first sound track, or 0
 * @channels: channels of the first sound track, or 0
 * @framerate_num: frame rate numerator, or 0
 * @framerate_den: frame rate denominator, or 1
 * @created_at: when the content was made (µs, UTC): the container's date tag
 *   if it has one, otherwise the file's modification time
 *
 * What co_probe_file() found out about a file.
 */
typedef struct
{
  CoVaultType  type;
  char        *mime;
  char        *container;
  char        *video_codec;
  char        *audio_codec;
  char        *codecs;
  gint64       size;
  int          width;
  int          height;
  double       duration;
  gboolean     has_audio;
  gboolean     has_video;
  int          sample_rate;
  int          channels;
  int          framerate_num;
  int          framerate_den;
  gint64       created_at;
} CoMediaInfo;

#define CO_TYPE_MEDIA_INFO (co_media_info_get_type ())

GType        co_media_info_get_type (void) G_GNUC_CONST;
CoMediaInfo *co_media_info_copy     (const CoMediaInfo  *info);
void         co_media_info_free     (CoMediaInfo        *info);

CoMediaInfo *co_probe_file          (const char         *path,
                                     CoProbeFlags        flags,
                                     GCancellable       *cancellable,
                                     GError            **error);
CoMediaInfo *co_probe_file_full     (const char         *path,
                                     CoProbeFlags        flags,
                                     gint64              max_size,
                                     GCancellable       *cancellable,
                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMediaInfo, co_media_info_free)

G_END_DECLS
