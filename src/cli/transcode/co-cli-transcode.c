/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "co-cli-analyze.h"
#include "co-cli-export.h"
#include "co-cli-media.h"
#include "co-cli-transcode.h"
#include "co-probe.h"
#include "co-transcode.h"

static const CoCliCommand transcode_commands[] = {
  { "transcode", NULL, N_("FILE|ID…"),
    N_("Make editing copies: --to prores-proxy, prores-lt, prores, prores-hq, dnxhr-lb, "
       "dnxhr-sq, dnxhr-hq or h264"),
    co_cli_transcode_run },
};

typedef struct
{
  CoCli             *cli;
  CoTranscodeTarget  target;
  gboolean           force;
  CoCliTally         tally;
  double             from;
  double             to;
} TranscodeBatch;

/**
 * co_cli_transcode_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the `transcode` command
 */
const CoCliCommand *
co_cli_transcode_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (transcode_commands);
  return transcode_commands;
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  TranscodeBatch *batch = user_data;

  co_cli_progress (batch->cli, batch->from + (batch->to - batch->from) * fraction, NULL);
}

/* What was written, read back from the file itself. */
static JsonNode *
made_to_json (TranscodeBatch     *batch,
              const CoCliMedia   *media,
              const char         *output,
              const CoMediaInfo  *made)
{
  JsonObject *object = json_object_new ();
  double fps = made->framerate_num > 0 ? (double) made->framerate_num / made->framerate_den : 0;

  co_cli_media_add_json (media, object);
  json_object_set_string_member (object, "output", output);
  json_object_set_string_member (object, "target", co_transcode_target_to_string (batch->target));
  json_object_set_string_member (object, "codec", made->video_codec ? made->video_codec : "");
  if (made->audio_codec != NULL)
    json_object_set_string_member (object, "audio_codec", made->audio_codec);
  else
    json_object_set_null_member (object, "audio_codec");
  json_object_set_int_member (object, "width", made->width);
  json_object_set_int_member (object, "height", made->height);
  json_object_set_double_member (object, "fps", round (fps * 1000) / 1000);
  json_object_set_double_member (object, "duration", round (made->duration * 1000) / 1000);
  json_object_set_int_member (object, "size", made->size);
  return co_cli_json_take_object (object);
}

static void
report_made (TranscodeBatch    *batch,
             const CoCliMedia  *media,
             const char        *output,
             const CoMediaInfo *made)
{
  g_autofree char *size = g_format_size (made->size);
  g_autofree char *shown = co_cli_escape (output);

  co_cli_tally_ok (&batch->tally, made_to_json (batch, media, output, made));
  if (batch->cli->json)
    return;
  co_cli_clear_progress (batch->cli);
  g_print (_("Wrote %s: %s, %d×%d, %.3f s, %s\n"), shown, made->video_codec, made->width,
           made->height, made->duration, size);
}

/* Transcodes one file.  Returns %FALSE only when the batch was cancelled. */
static gboolean
transcode_one (TranscodeBatch   *batch,
               const CoCliMedia *media,
               const char       *output,
               guint             index,
               guint             n_paths)
{
  const char *path = media->input;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoMediaInfo) made = NULL;
  GCancellable *cancellable = co_cli_get_cancellable (batch->cli);

  co_cli_batch_progress (batch->cli, _("Transcoding %s (%u of %u)"), path, index, n_paths);
  batch->from = (double) index / n_paths;
  batch->to = (double) (index + 1) / n_paths;
  /* co_transcode_file() has verified the output already; probing again
   * gives the figures to report. */
  if (co_transcode_file (media->path, output, batch->target, batch->force, progress_cb, batch,
                         cancellable, &error))
    made = co_probe_file (output, CO_PROBE_NONE, cancellable, &error);
  if (co_error_is_cancelled (error))
    return FALSE;
  if (made == NULL)
    co_cli_tally_fail (batch->cli, &batch->tally, path, output, error);
  else
    report_made (batch, media, output, made);
  return TRUE;
}

/**
 * co_cli_transcode_run:
 * @cli: the state of the run
 *
 * `transcode FILE|ID… --to TARGET (-o OUT | --out-dir DIR) [--force]`.  Each
 * output is verified by probing it (codec, size, rate, duration); with
 * `--json` the figures read back are printed per file.
 *
 * Returns: the exit code
 */
int
co_cli_transcode_run (CoCli *cli)
{
  g_autofree char *to = NULL, *output = NULL, *out_dir = NULL;
  TranscodeBatch batch = { cli, 0, FALSE, { NULL, 0, 0, 0, 0 }, 0, 0 };
  g_auto(GStrv) outputs = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The codec to make (see above)"), N_("TARGET") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to OUT (one input)"),
      N_("OUT") },
    { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &out_dir,
      N_("Write each copy to DIR, named after its input"), N_("DIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &batch.force, N_("Replace existing outputs"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char **paths;
  guint n_paths;
  int exit;

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  paths = co_cli_get_args (cli, &n_paths);
  if (to == NULL)
    return co_cli_usage (cli, _("Missing --to TARGET"));
  if (!co_transcode_target_from_string (to, &batch.target))
    return co_cli_usage (cli, _("“%s” is not a transcode target: use prores-proxy, prores-lt, "
                                "prores, prores-hq, dnxhr-lb, dnxhr-sq, dnxhr-hq or h264"), to);
  if (n_paths == 0)
    return co_cli_usage (cli, _("Missing the files to transcode"));
  if ((inputs = co_cli_media_resolve (cli, paths, n_paths, &exit)) == NULL)
    return exit;
  outputs = co_cli_plan_outputs (cli, inputs, output, out_dir,
                                 co_transcode_target_get_extension (batch.target), &exit);
  if (outputs == NULL)
    return exit;

  co_cli_tally_start (&batch.tally, cli, n_paths);
  for (guint i = 0; i < n_paths; i++)
    {
      if (!transcode_one (&batch, g_ptr_array_index (inputs, i), outputs[i], i, n_paths))
        return co_cli_tally_cancel (&batch.tally);
    }
  co_cli_progress (cli, 1.0, NULL);
  return co_cli_tally_finish (cli, &batch.tally);
}
