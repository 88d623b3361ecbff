/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "co-platform.h"

G_BEGIN_DECLS

/**
 * CoAspect:
 * @CO_ASPECT_9_16: vertical, full screen on a phone
 * @CO_ASPECT_16_9: horizontal, widescreen
 * @CO_ASPECT_1_1: square
 */
typedef enum
{
  CO_ASPECT_9_16,
  CO_ASPECT_16_9,
  CO_ASPECT_1_1,
} CoAspect;

/**
 * CoFormatAction:
 * @CO_FORMAT_KEEP: the picture already has an aspect the platform takes
 * @CO_FORMAT_CROP: cut the sides (or top and bottom) off to reach the aspect
 * @CO_FORMAT_PAD: add bars around the whole picture to reach the aspect
 */
typedef enum
{
  CO_FORMAT_KEEP,
  CO_FORMAT_CROP,
  CO_FORMAT_PAD,
} CoFormatAction;

/**
 * CoFormatHint:
 * @platform: the target
 * @has_video: %FALSE when no video with a known size is linked; only
 *   @max_duration and @summary are set then
 * @item_id: the vault item the hint was computed from, or 0
 * @width: the video's width in pixels
 * @height: its height
 * @duration: its duration in seconds, or a negative number if unknown
 * @aspect: the aspect to post in
 * @action: how to reach it
 * @out_width: the frame's width after cropping or padding, in the video's pixels
 * @out_height: its height
 * @kept: the share of the picture that stays visible (crop) or of the frame
 *   the picture fills (pad), 0–1
 * @max_duration: the longest video the platform takes, in seconds
 * @trim: %TRUE when the video is longer than @max_duration
 * @summary: one translated sentence that says all of it
 *
 * Video format suggestions for posting a video on a platform.
 */
typedef struct
{
  CoPlatform      platform;
  gboolean        has_video;
  gint64          item_id;
  int             width;
  int             height;
  double          duration;
  CoAspect        aspect;
  CoFormatAction  action;
  int             out_width;
  int             out_height;
  double          kept;
  double          max_duration;
  gboolean        trim;
  char           *summary;
} CoFormatHint;

const char   *co_aspect_to_string          (CoAspect        aspect);
const char   *co_format_action_to_string   (CoFormatAction  action);
double        co_format_max_duration       (CoPlatform      platform);
CoFormatHint *co_format_hint_compute       (CoPlatform      platform,
                                            int             width,
                                            int             height,
                                            double          duration);
void          co_format_hint_free          (CoFormatHint   *hint);
JsonNode     *co_format_hint_to_json       (const CoFormatHint *hint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoFormatHint, co_format_hint_free)

G_END_DECLS
