/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-progress.h"

G_BEGIN_DECLS

/**
 * CoTranscodeTarget:
 * @CO_TRANSCODE_PRORES_PROXY: Apple ProRes 422 Proxy in MOV, PCM audio
 * @CO_TRANSCODE_PRORES_LT: Apple ProRes 422 LT in MOV, PCM audio
 * @CO_TRANSCODE_PRORES: Apple ProRes 422 in MOV, PCM audio
 * @CO_TRANSCODE_PRORES_HQ: Apple ProRes 422 HQ in MOV, PCM audio
 * @CO_TRANSCODE_DNXHR_LB: Avid DNxHR LB in MXF, PCM audio
 * @CO_TRANSCODE_DNXHR_SQ: Avid DNxHR SQ in MXF, PCM audio
 * @CO_TRANSCODE_DNXHR_HQ: Avid DNxHR HQ in MXF, PCM audio
 * @CO_TRANSCODE_H264: H.264 and AAC in MP4
 */
typedef enum
{
  CO_TRANSCODE_PRORES_PROXY,
  CO_TRANSCODE_PRORES_LT,
  CO_TRANSCODE_PRORES,
  CO_TRANSCODE_PRORES_HQ,
  CO_TRANSCODE_DNXHR_LB,
  CO_TRANSCODE_DNXHR_SQ,
  CO_TRANSCODE_DNXHR_HQ,
  CO_TRANSCODE_H264,
} CoTranscodeTarget;

const char *co_transcode_target_to_string     (CoTranscodeTarget    target);
gboolean    co_transcode_target_from_string   (const char          *name,
                                               CoTranscodeTarget   *out_target);
const char *co_transcode_target_get_extension (CoTranscodeTarget    target);
gboolean    co_transcode_file                 (const char          *input,
                                               const char          *output,
                                               CoTranscodeTarget    target,
                                               gboolean             overwrite,
                                               CoProgressFunc       progress,
                                               gpointer             user_data,
                                               GCancellable        *cancellable,
                                               GError             **error);

G_END_DECLS
