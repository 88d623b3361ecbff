/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-transcode"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "co-export-error.h"
#include "co-media-error.h"
#include "co-media.h"
#include "co-pipeline.h"
#include "co-probe.h"
#include "co-transcode.h"

/*
 * Transcodes for editors.  Resolution and frame rate are kept as they are:
 * nothing in these pipelines scales or retimes, so nothing is ever upscaled.
 *
 * DNxHR goes into MXF (OP1a), Avid's own wrapping that Premiere reads: in
 * GStreamer 1.22 neither qtmux nor avmux_mov accepts a DNxHD stream.  The
 * libav wrapper of that release also offers its DNxHR encoder only at
 * 1280×720 and 1920×1080, so other sizes are refused with that reason.
 */

typedef struct
{
  const char *name;
  const char *label;
  const char *extension;
  const char *video;       /* caps and encoder after videoconvert */
  const char *audio;       /* caps and encoder after audioconvert */
  const char *muxer;
  const char *codec_word;  /* what the probe's codec name must contain */
  gboolean    fixed_sizes;
} Target;

#define PRORES(profile) \
  "video/x-raw,format=I422_10LE ! avenc_prores_ks profile=" profile
#define DNXHR(profile) \
  "video/x-raw,format=Y42B ! avenc_dnxhd profile=" profile

static const Target targets[] = {
  { "prores-proxy", N_("ProRes 422 Proxy"), "mov", PRORES ("proxy"),
    "audio/x-raw,format=S16LE", "qtmux", "ProRes", FALSE },
  { "prores-lt", N_("ProRes 422 LT"), "mov", PRORES ("lt"),
    "audio/x-raw,format=S16LE", "qtmux", "ProRes", FALSE },
  { "prores", N_("ProRes 422"), "mov", PRORES ("standard"),
    "audio/x-raw,format=S16LE", "qtmux", "ProRes", FALSE },
  { "prores-hq", N_("ProRes 422 HQ"), "mov", PRORES ("hq"),
    "audio/x-raw,format=S16LE", "qtmux", "ProRes", FALSE },
  { "dnxhr-lb", N_("DNxHR LB"), "mxf", DNXHR ("dnxhr_lb"),
    "audio/x-raw,format=S16LE", "mxfmux", "DNx", TRUE },
  { "dnxhr-sq", N_("DNxHR SQ"), "mxf", DNXHR ("dnxhr_sq"),
    "audio/x-raw,format=S16LE", "mxfmux", "DNx", TRUE },
  { "dnxhr-hq", N_("DNxHR HQ"), "mxf", DNXHR ("dnxhr_hq"),
    "audio/x-raw,format=S16LE", "mxfmux", "DNx", TRUE },
  { "h264", N_("H.264"), "mp4",
    "video/x-raw,format=I420 ! x264enc pass=quant quantizer=18 speed-preset=faster",
    "audio/x-raw,format=F32LE ! avenc_aac bitrate=192000", "mp4mux", "H.264", FALSE },
};

/**
 * co_transcode_target_to_string:
 * @target: a #CoTranscodeTarget
 *
 * Returns: (transfer none): the stable name the command line uses
 */
const char *
co_transcode_target_to_string (CoTranscodeTarget target)
{
  g_return_val_if_fail (target <= CO_TRANSCODE_H264, NULL);
  return targets[target].name;
}

/**
 * co_transcode_target_from_string:
 * @name: (nullable): a target name ("prores-hq", "dnxhr-sq", "h264"…)
 * @out_target: (out): the target
 *
 * Returns: %TRUE if @name names a target
 */
gboolean
co_transcode_target_from_string (const char        *name,
                                 CoTranscodeTarget *out_target)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (targets); i++)
    {
      if (g_str_equal (name, targets[i].name))
        {
          *out_target = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * co_transcode_target_get_extension:
 * @target: a #CoTranscodeTarget
 *
 * Returns: (transfer none): the file name extension of its container
 */
const char *
co_transcode_target_get_extension (CoTranscodeTarget target)
{
  g_return_val_if_fail (target <= CO_TRANSCODE_H264, NULL);
  return targets[target].extension;
}

static gboolean
check_output (const char  *output,
              gboolean     overwrite,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (output);

  if (!overwrite && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS,
                   _("“%s” already exists; it is not overwritten unless asked"), output);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO,
                   _("Cannot write “%s”: the folder “%s” does not exist"), output, dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_size (const Target      *target,
            const CoMediaInfo *info,
            const char        *input,
            GError           **error)
{
  if (!target->fixed_sizes ||
      (info->width == 1920 && info->height == 1080) ||
      (info->width == 1280 && info->height == 720))
    return TRUE;

  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
               _("“%s” is %d×%d; %s can be made here only at 1920×1080 or 1280×720, and "
                 "CreatorOps never scales a transcode"),
               input, info->width, info->height, _(target->label));
  return FALSE;
}

static char *
describe_pipeline (const Target      *target,
                   const CoMediaInfo *info)
{
  GString *desc = g_string_new (NULL);

  /* Paths are set on the named elements afterwards, never written into the
   * description, whose parser would mangle quotes and non-ASCII names.  The
   * caps filters right after decodebin make each branch take only its own
   * kind of stream. */
  g_string_append_printf (desc,
                          "filesrc name=src ! decodebin name=d "
                          "%s name=mux ! filesink name=sink "
                          "d. ! video/x-raw ! queue ! videoconvert ! %s ! queue ! mux. ",
                          target->muxer, target->video);
  if (info->has_audio)
    g_string_append_printf (desc, "d. ! audio/x-raw ! queue ! audioconvert ! %s ! queue ! mux. ",
                            target->audio);
  return g_string_free (desc, FALSE);
}

static gboolean
run_pipeline (const char           *description,
              const char           *input,
              const char           *tmp_path,
              CoProgressFunc        progress,
              gpointer              user_data,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(CoPipeline) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;

  pipeline = co_pipeline_new_parse (description, input, error);
  if (pipeline == NULL)
    return FALSE;
  src = co_pipeline_get_by_name (pipeline, "src");
  sink = co_pipeline_get_by_name (pipeline, "sink");
  g_object_set (src, "location", input, NULL);
  g_object_set (sink, "location", tmp_path, NULL);
  co_pipeline_set_progress (pipeline, progress, user_data);
  return co_pipeline_run (pipeline, cancellable, error);
}

static gboolean
same_picture (const CoMediaInfo *made,
              const Target      *target,
              const CoMediaInfo *source)
{
  return made->video_codec != NULL && strstr (made->video_codec, target->codec_word) &&
         made->width == source->width && made->height == source->height &&
         (gint64)made->framerate_num * source->framerate_den ==
           (gint64)source->framerate_num * made->framerate_den;
}

/* Probes what was written and compares it with the source: codec, size,
 * frame rate, and duration within one frame.  A copy that stops early means
 * the source could not be decoded to its end, which names the source; any
 * other difference is ours and names the copy. */
static gboolean
verify (const Target      *target,
        const CoMediaInfo *source,
        const char        *input,
        const char        *tmp_path,
        const char        *output,
        GError           **error)
{
  g_autoptr(CoMediaInfo) made = NULL;
  g_autoptr(GError) local_error = NULL;
  double frame;

  made = co_probe_file (tmp_path, CO_PROBE_REQUIRE_VIDEO, NULL, &local_error);
  frame = source->framerate_num > 0 ? (double)source->framerate_den / source->framerate_num
                                    : 1.0 / 25;
  if (made != NULL && same_picture (made, target, source) &&
      fabs (made->duration - source->duration) <= frame + 1e-3)
    return TRUE;

  if (made == NULL)
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                 _("The %s made for “%s” cannot be read back: %s"),
                 _(target->label), output, local_error->message);
  else if (same_picture (made, target, source) && made->duration < source->duration)
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED,
                 _("“%s” could be decoded only to %.3f s of its %.3f s: it is damaged or "
                   "cut short"), input, made->duration, source->duration);
  else
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                 _("The %s made for “%s” does not match its source: %s %d×%d at %d/%d fps, "
                   "%.3f s, where %d×%d at %d/%d fps, %.3f s was expected"),
                 _(target->label), output, made->video_codec ? made->video_codec : "?",
                 made->width, made->height, made->framerate_num, made->framerate_den,
                 made->duration, source->width, source->height, source->framerate_num,
                 source->framerate_den, source->duration);
  return FALSE;
}

static char *
temp_path_for (const char *output)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  g_autofree char *name = g_strdup_printf (".%s.part-%u", base, g_random_int ());

  return g_build_filename (dir, name, NULL);
}

/**
 * co_transcode_file:
 * @input: a video file
 * @output: the file to write
 * @target: the codec and container
 * @overwrite: whether an existing @output may be replaced
 * @progress: (nullable) (scope call): called with the share done
 * @user_data: passed to @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Transcodes for an editor, keeping resolution and frame rate, then probes
 * the result and fails if its codec, size, rate or duration (within one
 * frame) differ from what was asked.  The output appears under its name only
 * when it is complete and verified; a cancelled or failed run leaves nothing.
 *
 * Returns: %TRUE on success; %CO_EXPORT_ERROR_EXISTS, %CO_MEDIA_ERROR_NO_VIDEO
 *   and the other %CO_MEDIA_ERROR codes otherwise
 */
gboolean
co_transcode_file (const char           *input,
                   const char           *output,
                   CoTranscodeTarget     target,
                   gboolean              overwrite,
                   CoProgressFunc        progress,
                   gpointer              user_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  const Target *t;
  g_autoptr(CoMediaInfo) info = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (input != NULL && output != NULL, FALSE);
  g_return_val_if_fail (target <= CO_TRANSCODE_H264, FALSE);

  co_media_init ();
  t = &targets[target];
  if (!check_output (output, overwrite, error))
    return FALSE;
  /* Demuxed to its end first (never decoded), so a cut input is named as
   * such here rather than found later as a copy shorter than its source. */
  info = co_probe_file (input, CO_PROBE_REQUIRE_VIDEO | CO_PROBE_CHECK_COMPLETE, cancellable,
                        error);
  if (info == NULL || !check_size (t, info, input, error))
    return FALSE;

  tmp_path = temp_path_for (output);
  description = describe_pipeline (t, info);
  if (!run_pipeline (description, input, tmp_path, progress, user_data, cancellable, error) ||
      !verify (t, info, input, tmp_path, output, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  if (g_rename (tmp_path, output) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp_path);
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO, _("Cannot write “%s”: %s"),
                   output, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
