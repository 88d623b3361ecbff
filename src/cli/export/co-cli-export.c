/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-analyze.h"
#include "co-cli-export.h"
#include "co-cli-media.h"
#include "co-cli-subtitles.h"
#include "co-export.h"
#include "co-export-job.h"

static const CoCliCommand export_commands[] = {
  { "export", NULL, N_("FORMAT FILE|ID…"),
    N_("Write a cut timeline, markers, chapters or subtitles for an editor (FORMAT: "
       "premiere-xml, fcpxml, edl, audition-csv, premiere-markers, chapters, srt, vtt)"),
    co_cli_export_run },
};

/* `-o -` writes to standard output, handy for chapters in a description. */
#define STDOUT_NAME "-"

typedef struct
{
  CoCli                *cli;
  CoStore              *store;
  CoExportFormat        format;
  CoTimelineBuildFlags  flags;
  CoRate                rate;
  gboolean              force;
  CoAnalysisParams      params;
  CoCueRules            rules;
  CoCliTally            tally;
} ExportBatch;

/**
 * co_cli_export_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the `export` command
 */
const CoCliCommand *
co_cli_export_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (export_commands);
  return export_commands;
}

static char *
output_in_dir (const char *input_name,
               const char *out_dir,
               const char *extension)
{
  g_autofree char *base = g_path_get_basename (input_name);
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".", extension, NULL);
  return g_build_filename (out_dir, name, NULL);
}

static gboolean
check_out_dir (CoCli      *cli,
               const char *out_dir,
               int        *out_exit)
{
  g_autoptr(GError) error = NULL;

  if (g_file_test (out_dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_set_error (&error, CO_CLI_ERROR, CO_CLI_ERROR_NOT_FOUND,
               _("The output folder “%s” does not exist"), out_dir);
  *out_exit = co_cli_fail (cli, error);
  return FALSE;
}

/* Two inputs with the same base name would write the same output; say so
 * before any work rather than fail half-way. */
static gboolean
check_unique (CoCli       *cli,
              GPtrArray   *inputs,
              char       **outputs,
              int         *out_exit)
{
  for (guint i = 0; outputs[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      {
        if (g_strcmp0 (outputs[i], outputs[j]) != 0)
          continue;
        *out_exit = co_cli_usage (cli, _("“%s” and “%s” would both be written to “%s”"),
                                  ((CoCliMedia *) g_ptr_array_index (inputs, j))->input,
                                  ((CoCliMedia *) g_ptr_array_index (inputs, i))->input,
                                  outputs[i]);
        return FALSE;
      }
  return TRUE;
}

/**
 * co_cli_plan_outputs:
 * @cli: the state of the run
 * @inputs: (element-type CoCliMedia): the inputs (co_cli_media_resolve())
 * @output: (nullable): `-o OUT`, for one input only
 * @out_dir: (nullable): `--out-dir DIR`: outputs are named after the
 *   inputs (co_cli_media_dup_name()) with @extension
 * @extension: the outputs' extension, without a dot
 * @out_exit: (out): the exit code when %NULL is returned
 *
 * Returns: (transfer full) (nullable): one output path per input, or %NULL
 *   after reporting a usage error (neither or both options, `-o` with
 *   several inputs, a missing folder, two inputs with the same name)
 */
char **
co_cli_plan_outputs (CoCli       *cli,
                     GPtrArray   *inputs,
                     const char  *output,
                     const char  *out_dir,
                     const char  *extension,
                     int         *out_exit)
{
  g_auto(GStrv) outputs = NULL;
  guint n_inputs = inputs->len;

  if ((output == NULL) == (out_dir == NULL))
    {
      *out_exit = co_cli_usage (cli, _("Give either -o OUT or --out-dir DIR"));
      return NULL;
    }
  if (output != NULL && n_inputs > 1)
    {
      *out_exit = co_cli_usage (cli, _("-o OUT takes one input file; use --out-dir DIR for %u "
                                       "files"), n_inputs);
      return NULL;
    }
  if (out_dir != NULL && !check_out_dir (cli, out_dir, out_exit))
    return NULL;

  outputs = g_new0 (char *, n_inputs + 1);
  for (guint i = 0; i < n_inputs; i++)
    {
      g_autofree char *name = co_cli_media_dup_name (g_ptr_array_index (inputs, i));

      outputs[i] = output != NULL ? g_strdup (output) : output_in_dir (name, out_dir, extension);
    }
  if (!check_unique (cli, inputs, outputs, out_exit))
    return NULL;
  return g_steal_pointer (&outputs);
}

/**
 * co_cli_check_output:
 * @output: an output file
 * @force: whether `--force` was given
 * @error: return location for a #GError
 *
 * Refuses an existing output before any work is done for it.
 *
 * Returns: %TRUE if @output may be written, else %FALSE with
 *   %CO_CLI_ERROR_EXISTS
 */
gboolean
co_cli_check_output (const char  *output,
                     gboolean     force,
                     GError     **error)
{
  if (force || g_strcmp0 (output, STDOUT_NAME) == 0 || !g_file_test (output, G_FILE_TEST_EXISTS))
    return TRUE;
  g_set_error (error, CO_CLI_ERROR, CO_CLI_ERROR_EXISTS,
               _("“%s” already exists; it is not overwritten without --force"), output);
  return FALSE;
}

/* The chain itself is shared with the Export dialog. */
static CoTimeline *
build_timeline (ExportBatch       *batch,
                const CoCliMedia  *media,
                double             from,
                double        to,
                GError      **error)
{
  CoExportOptions options;
  CoProgressSpan span = { co_cli_progress_cb, batch->cli, from, to, NULL };

  co_export_options_init (&options, batch->format);
  options.flags |= batch->flags;
  options.rate = batch->rate;
  options.params = batch->params;
  options.rules = batch->rules;
  return co_export_job_build_timeline (batch->store, &media->source, &options, co_progress_span_cb,
                                       &span, co_cli_get_cancellable (batch->cli), error);
}

static gboolean
write_export (ExportBatch  *batch,
              CoTimeline   *timeline,
              const char   *output,
              GError      **error)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (output, STDOUT_NAME) != 0)
    return co_export_write (batch->format, timeline, output,
                            batch->force ? CO_EXPORT_FLAGS_OVERWRITE : CO_EXPORT_FLAGS_NONE,
                            error);
  text = co_export_to_string (batch->format, timeline, error);
  if (text == NULL)
    return FALSE;
  co_cli_clear_progress (batch->cli);
  g_print ("%s", text);
  return TRUE;
}

static JsonNode *
export_to_json (ExportBatch      *batch,
                const CoCliMedia *media,
                const char       *output,
                CoTimeline       *timeline)
{
  JsonObject *object = json_object_new ();
  g_autoptr(GArray) edits = co_timeline_dup_edits (timeline);
  CoRate rate = co_timeline_get_rate (timeline);
  g_autofree char *fps = co_rate_to_string (rate);
  gint64 record_us = co_rate_frames_to_us (rate, co_timeline_get_record_frames (timeline));

  co_cli_media_add_json (media, object);
  json_object_set_string_member (object, "format", co_export_format_to_name (batch->format));
  json_object_set_string_member (object, "output", output);
  json_object_set_string_member (object, "name", co_timeline_get_name (timeline));
  if (co_export_format_links_media (batch->format))
    json_object_set_string_member (object, "media", co_timeline_get_media_path (timeline));
  json_object_set_string_member (object, "fps", fps);
  json_object_set_boolean_member (object, "drop_frame", co_timeline_get_drop_frame (timeline));
  json_object_set_double_member (object, "duration", (double) (record_us / 1000) / 1000);
  json_object_set_int_member (object, "clips", edits != NULL ? edits->len : 0);
  json_object_set_int_member (object, "markers", co_timeline_get_markers (timeline)->len);
  json_object_set_int_member (object, "cues", co_timeline_get_cues (timeline)->len);
  return co_cli_json_take_object (object);
}

/* Exports one file.  Returns %FALSE only when the batch was cancelled. */
static gboolean
export_one (ExportBatch      *batch,
            const CoCliMedia *media,
            const char       *output,
            guint             index,
            guint             n_paths)
{
  const char *path = media->input;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoTimeline) timeline = NULL;
  double from = (double) index / n_paths;
  double to = (double) (index + 1) / n_paths;

  co_cli_batch_progress (batch->cli, _("Exporting %s (%u of %u)"), path, index, n_paths);
  if (co_cli_check_output (output, batch->force, &error))
    timeline = build_timeline (batch, media, from, to, &error);
  if (timeline != NULL)
    write_export (batch, timeline, output, &error);
  if (co_error_is_cancelled (error))
    return FALSE;
  if (error != NULL)
    {
      co_cli_tally_fail (batch->cli, &batch->tally, path, output, error);
      return TRUE;
    }
  co_cli_tally_ok (&batch->tally, export_to_json (batch, media, output, timeline));
  if (!batch->cli->json && g_strcmp0 (output, STDOUT_NAME) != 0)
    {
      g_autofree char *shown = co_cli_escape (output);

      co_cli_clear_progress (batch->cli);
      g_print (_("Wrote %s\n"), shown);
    }
  return TRUE;
}

static gboolean
parse_format_and_rate (ExportBatch  *batch,
                       const char   *format,
                       const char   *fps,
                       int          *out_exit)
{
  g_autoptr(GError) error = NULL;

  if (!co_export_format_from_name (format, &batch->format, &error) ||
      (fps != NULL && !co_rate_parse (fps, &batch->rate, &error)))
    {
      *out_exit = co_cli_usage (batch->cli, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
export_all (ExportBatch  *batch,
            GPtrArray    *inputs,
            char        **outputs)
{
  co_cli_tally_start (&batch->tally, batch->cli, inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      if (!export_one (batch, g_ptr_array_index (inputs, i), outputs[i], i, inputs->len))
        return co_cli_tally_cancel (&batch->tally);
    }
  co_cli_progress (batch->cli, 1.0, NULL);
  return co_cli_tally_finish (batch->cli, &batch->tally);
}

/**
 * co_cli_export_run:
 * @cli: the state of the run
 *
 * `export FORMAT FILE|ID… (-o OUT | --out-dir DIR) [--cut-silences] [--markers]
 * [--fps RATE] [--force]`, plus the analysis and subtitle options.  Runs,
 * or reuses, the analysis and transcription each format needs, builds the
 * timeline with co_timeline_build() and writes it.  `-o -` prints it.  A
 * vault item is named by its title and linked through the file
 * co_export_media_dup_path() finds or makes.  The marker lists always
 * carry the markers, and refuse to write a list without any.
 *
 * Returns: the exit code
 */
int
co_cli_export_run (CoCli *cli)
{
  g_autofree char *output = NULL, *out_dir = NULL, *fps = NULL;
  gboolean cut = FALSE, markers = FALSE, force = FALSE;
  ExportBatch batch = { cli, NULL, 0, 0, { 0, 0 }, FALSE, { 0 }, { 0 }, { NULL, 0, 0, 0, 0 } };
  CoCliAnalysisOptions analysis;
  CoCliCueOptions cue;
  g_autofree GOptionEntry *entries = NULL;
  g_auto(GStrv) outputs = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  const GOptionEntry own[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT (one input; “-” prints it)"), N_("OUT") },
    { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &out_dir,
      N_("Write each export to DIR, named after its input"), N_("DIR") },
    { "cut-silences", 0, 0, G_OPTION_ARG_NONE, &cut,
      N_("Cut the suggested silences out of the timeline"), NULL },
    { "markers", 0, 0, G_OPTION_ARG_NONE, &markers,
      N_("Add the edit suggestions (scene changes, pauses, cuts) as markers; always on for "
         "audition-csv and premiere-markers"), NULL },
    { "fps", 0, 0, G_OPTION_ARG_STRING, &fps,
      N_("Count in RATE frames per second (default: the source's)"), N_("RATE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace existing outputs"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char **args;
  guint n_args;
  int exit;

  co_cli_analysis_options_init (&analysis);
  co_cli_cue_options_init (&cue);
  entries = co_cli_entries_join (own, analysis.entries, cue.entries, NULL);
  if (!co_cli_parse (cli, entries, &exit) ||
      !co_cli_analysis_options_get (cli, &analysis, &batch.params, &exit) ||
      !co_cli_cue_options_get (cli, &cue, &batch.rules, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args == 0)
    return co_cli_usage (cli, _("Missing the format and the files to export"));
  batch.flags = (cut ? CO_TIMELINE_BUILD_CUT_SILENCES : 0) |
                (markers ? CO_TIMELINE_BUILD_MARKERS : 0);
  batch.force = force;
  if (!parse_format_and_rate (&batch, args[0], fps, &exit))
    return exit;
  if (n_args == 1)
    return co_cli_usage (cli, _("Missing the files to export"));
  if (cli->json && g_strcmp0 (output, STDOUT_NAME) == 0)
    return co_cli_usage (cli, _("-o - prints the export, which cannot go with --json"));
  if ((inputs = co_cli_media_resolve (cli, args + 1, n_args - 1, &exit)) == NULL)
    return exit;
  outputs = co_cli_plan_outputs (cli, inputs, output, out_dir,
                                 co_export_format_get_extension (batch.format), &exit);
  if (outputs == NULL || (batch.store = co_cli_open_store (cli, &exit)) == NULL)
    return exit;
  return export_all (&batch, inputs, outputs);
}
