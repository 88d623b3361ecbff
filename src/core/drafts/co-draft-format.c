/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "co-draft-format.h"
#include "co-duration.h"

/* A picture within 2 % of an aspect counts as having it. */
#define SAME_ASPECT 0.98
/* Cropping that keeps less than half the picture loses the subject; pad. */
#define MIN_CROP_KEPT 0.5

typedef struct
{
  CoAspect aspects[3];
  guint    n_aspects;
  double   max_duration;
} FormatRule;

/* What each platform takes, in its order of preference, and its longest video
 * in seconds: X 2:20; LinkedIn 10 minutes from its apps; Instagram Reels and
 * YouTube Shorts (the platform rules' limit) 3 minutes, vertical or square. */
static const FormatRule rules[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = { { CO_ASPECT_16_9, CO_ASPECT_1_1 }, 2, 140 },
  [CO_PLATFORM_LINKEDIN] = { { CO_ASPECT_16_9, CO_ASPECT_1_1, CO_ASPECT_9_16 }, 3, 600 },
  [CO_PLATFORM_INSTAGRAM] = { { CO_ASPECT_9_16, CO_ASPECT_1_1 }, 2, 180 },
  [CO_PLATFORM_YOUTUBE] = { { CO_ASPECT_9_16, CO_ASPECT_1_1 }, 2, CO_PLATFORM_SHORT_MAX_SECONDS },
};

static const char *const aspect_names[] = { "9:16", "16:9", "1:1" };
static const double aspect_ratios[] = { 9.0 / 16.0, 16.0 / 9.0, 1.0 };
static const char *const action_names[] = { "keep", "crop", "pad" };

/** co_aspect_to_string: @aspect: an aspect  Returns: "9:16", "16:9" or "1:1" */
const char *
co_aspect_to_string (CoAspect aspect)
{
  g_return_val_if_fail (aspect <= CO_ASPECT_1_1, NULL);
  return aspect_names[aspect];
}

/** co_format_action_to_string: @action: an action  Returns: "keep", "crop" or "pad" */
const char *
co_format_action_to_string (CoFormatAction action)
{
  g_return_val_if_fail (action <= CO_FORMAT_PAD, NULL);
  return action_names[action];
}

/**
 * co_format_max_duration:
 * @platform: a platform
 *
 * Returns: the longest video @platform takes, in seconds
 */
double
co_format_max_duration (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, 0);
  return rules[platform].max_duration;
}

static double
share_kept (double ratio,
            double target)
{
  return MIN (ratio, target) / MAX (ratio, target);
}

/* Video encoders want even sizes. */
static int
even (double pixels)
{
  return MAX (2, (int)round (pixels / 2.0) * 2);
}

static void
choose_aspect (CoFormatHint *hint)
{
  const FormatRule *rule = &rules[hint->platform];
  double ratio = (double)hint->width / hint->height;
  double best = -1;

  for (guint i = 0; i < rule->n_aspects; i++)
    {
      double kept = share_kept (ratio, aspect_ratios[rule->aspects[i]]);

      if (kept > best + 1e-9)
        {
          best = kept;
          hint->aspect = rule->aspects[i];
        }
    }
  hint->kept = best;
  hint->action = best >= SAME_ASPECT ? CO_FORMAT_KEEP
               : best >= MIN_CROP_KEPT ? CO_FORMAT_CROP : CO_FORMAT_PAD;
}

/* Cropping keeps the shorter side of the mismatch, padding the longer. */
static void
compute_frame (CoFormatHint *hint)
{
  double ratio = (double)hint->width / hint->height;
  double target = aspect_ratios[hint->aspect];
  gboolean wider = ratio > target;

  hint->out_width = hint->width;
  hint->out_height = hint->height;
  if (hint->action == CO_FORMAT_KEEP)
    return;
  if (wider == (hint->action == CO_FORMAT_CROP))
    hint->out_width = even (hint->height * target);
  else
    hint->out_height = even (hint->width / target);
}

static char *
describe_frame (const CoFormatHint *hint)
{
  const char *aspect = co_aspect_to_string (hint->aspect);
  int percent = (int)round (hint->kept * 100);

  switch (hint->action)
    {
    case CO_FORMAT_KEEP:
      return g_strdup_printf (_("Keep the %d × %d picture: %s takes it at %s."), hint->width,
                              hint->height, co_platform_display_name (hint->platform), aspect);
    case CO_FORMAT_CROP:
      return g_strdup_printf (_("Crop the %d × %d picture to %d × %d (%s), keeping %d%% of it."),
                              hint->width, hint->height, hint->out_width, hint->out_height,
                              aspect, percent);
    default:
      return g_strdup_printf (_("Pad the %d × %d picture to %d × %d (%s): cropping would keep "
                                "only %d%% of it."),
                              hint->width, hint->height, hint->out_width, hint->out_height,
                              aspect, percent);
    }
}

static char *
describe (const CoFormatHint *hint)
{
  g_autofree char *limit = co_duration_format (hint->max_duration, CO_DURATION_FORMAT_CEIL);
  g_autofree char *frame = NULL;
  g_autofree char *length = NULL;

  if (!hint->has_video)
    return g_strdup_printf (_("No video with a known size is linked; %s takes videos of at "
                              "most %s."), co_platform_display_name (hint->platform), limit);
  frame = describe_frame (hint);
  if (!hint->trim)
    return g_steal_pointer (&frame);
  length = co_duration_format (hint->duration, CO_DURATION_FORMAT_CEIL);
  return g_strdup_printf (_("%s It runs %s, and %s takes at most %s: trim it."), frame, length,
                          co_platform_display_name (hint->platform), limit);
}

/**
 * co_format_hint_compute:
 * @platform: the target
 * @width: the video's width in pixels, or 0 when there is no video
 * @height: its height, or 0
 * @duration: its duration in seconds, or a negative number if unknown
 *
 * Suggests how to post a video on @platform: the accepted aspect closest to
 * the picture's (9:16, 16:9 or 1:1), kept as it is when within 2 %, cropped
 * when that keeps at least half of the picture, padded otherwise; and
 * whether it must be trimmed to the platform's longest video.
 *
 * Returns: (transfer full): the hint
 */
CoFormatHint *
co_format_hint_compute (CoPlatform platform,
                        int        width,
                        int        height,
                        double     duration)
{
  CoFormatHint *hint;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  hint = g_new0 (CoFormatHint, 1);
  hint->platform = platform;
  hint->max_duration = rules[platform].max_duration;
  hint->duration = duration;
  hint->aspect = rules[platform].aspects[0];
  hint->has_video = width > 0 && height > 0;
  if (hint->has_video)
    {
      hint->width = width;
      hint->height = height;
      choose_aspect (hint);
      compute_frame (hint);
      hint->trim = duration > hint->max_duration;
    }
  hint->summary = describe (hint);
  return hint;
}

/** co_format_hint_free: @hint: (transfer full) (nullable): a hint */
void
co_format_hint_free (CoFormatHint *hint)
{
  if (hint == NULL)
    return;
  g_free (hint->summary);
  g_free (hint);
}

static void
add_video_members (JsonBuilder        *builder,
                   const CoFormatHint *hint)
{
  const struct { const char *name; gint64 value; } ints[] = {
    { "item_id", hint->item_id }, { "width", hint->width }, { "height", hint->height },
    { "out_width", hint->out_width }, { "out_height", hint->out_height },
  };

  json_builder_set_member_name (builder, "aspect");
  json_builder_add_string_value (builder, co_aspect_to_string (hint->aspect));
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, co_format_action_to_string (hint->action));
  for (gsize i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      json_builder_set_member_name (builder, ints[i].name);
      json_builder_add_int_value (builder, ints[i].value);
    }
  json_builder_set_member_name (builder, "kept");
  json_builder_add_double_value (builder, round (hint->kept * 1000) / 1000);
  json_builder_set_member_name (builder, "duration");
  if (hint->duration >= 0)
    json_builder_add_double_value (builder, round (hint->duration * 1000) / 1000);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "trim");
  json_builder_add_boolean_value (builder, hint->trim);
}

/**
 * co_format_hint_to_json:
 * @hint: a hint
 *
 * Returns: (transfer full): `platform`, `has_video`, `max_duration` and
 *   `summary`; with a video also `item_id`, `aspect`, `action`, `width`,
 *   `height`, `out_width`, `out_height`, `kept`, `duration` and `trim`
 */
JsonNode *
co_format_hint_to_json (const CoFormatHint *hint)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, co_platform_to_string (hint->platform));
  json_builder_set_member_name (builder, "has_video");
  json_builder_add_boolean_value (builder, hint->has_video);
  if (hint->has_video)
    add_video_members (builder, hint);
  json_builder_set_member_name (builder, "max_duration");
  json_builder_add_double_value (builder, hint->max_duration);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, hint->summary);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
