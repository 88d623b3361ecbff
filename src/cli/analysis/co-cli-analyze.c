/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "co-analysis-cache.h"
#include "co-cli-analyze.h"
#include "co-cli-media.h"
#include "co-duration.h"
#include "co-importer.h"
#include "co-probe.h"
#include "co-timeline-build.h"

static const CoCliCommand analyze_commands[] = {
  { "analyze", NULL, N_("FILE|ID…"),
    N_("Find silences, loudness, scene changes and cut suggestions in media files"),
    co_cli_analyze_run },
};

typedef struct
{
  CoCli            *cli;
  CoStore          *store;
  CoVault          *vault;
  CoAnalysisParams  params;
  CoCliTally        tally;
} AnalyzeBatch;

/**
 * co_cli_analyze_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the `analyze` command
 */
const CoCliCommand *
co_cli_analyze_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (analyze_commands);
  return analyze_commands;
}

/**
 * co_cli_analysis_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Sets the analysis defaults and the option entries that change them.
 */
void
co_cli_analysis_options_init (CoCliAnalysisOptions *options)
{
  CoAnalysisParams defaults;
  const GOptionEntry entries[] = {
    { "threshold-db", 0, 0, G_OPTION_ARG_DOUBLE, &options->threshold_db,
      N_("Sound below DB dBFS is silence (default −35)"), N_("DB") },
    { "min-silence", 0, 0, G_OPTION_ARG_DOUBLE, &options->min_silence,
      N_("Report silences of at least S seconds (default 0.3)"), N_("S") },
    { "padding", 0, 0, G_OPTION_ARG_DOUBLE, &options->padding,
      N_("Keep S seconds of sound around each suggested cut (default 0.1)"), N_("S") },
    { "keep-pauses-over", 0, 0, G_OPTION_ARG_DOUBLE, &options->keep_pauses_over,
      N_("Keep pauses of S seconds or more as intentional (default: off)"), N_("S") },
    { "scenes", 0, 0, G_OPTION_ARG_NONE, &options->scenes,
      N_("Also find scene changes in the video"), NULL },
    G_OPTION_ENTRY_NULL
  };

  co_analysis_params_init (&defaults);
  options->threshold_db = defaults.threshold_db;
  options->min_silence = defaults.min_silence;
  options->padding = defaults.padding;
  options->keep_pauses_over = defaults.keep_pauses_over;
  options->scenes = defaults.scenes;
  G_STATIC_ASSERT (sizeof options->entries == sizeof entries);
  memcpy (options->entries, entries, sizeof entries);
}

/**
 * co_cli_analysis_options_get:
 * @cli: the state of the run
 * @options: the parsed options
 * @params: (out caller-allocates): the analysis parameters
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Returns: %TRUE if the values make sense; otherwise the option is reported
 *   as a usage error
 */
gboolean
co_cli_analysis_options_get (CoCli                      *cli,
                             const CoCliAnalysisOptions *options,
                             CoAnalysisParams           *params,
                             int                        *out_exit)
{
  co_analysis_params_init (params);
  if (!isfinite (options->threshold_db) || options->threshold_db >= 0 ||
      options->threshold_db < -120)
    {
      *out_exit = co_cli_usage (cli, _("--threshold-db %g is not a level: use a negative "
                                       "number of dBFS such as -35"), options->threshold_db);
      return FALSE;
    }
  if (!(options->min_silence > 0) || !(options->padding >= 0) ||
      !(options->keep_pauses_over >= 0))
    {
      *out_exit = co_cli_usage (cli, _("--min-silence must be above 0 s, and --padding and "
                                       "--keep-pauses-over at least 0 s"));
      return FALSE;
    }
  params->threshold_db = options->threshold_db;
  params->min_silence = options->min_silence;
  params->padding = options->padding;
  params->keep_pauses_over = options->keep_pauses_over;
  params->scenes = options->scenes;
  return TRUE;
}

/**
 * co_cli_entries_join:
 * @first: option entries ended by %G_OPTION_ENTRY_NULL
 * @...: more such arrays, then %NULL
 *
 * Returns: (transfer full): all the entries in one array, for co_cli_parse()
 */
GOptionEntry *
co_cli_entries_join (const GOptionEntry *first,
                     ...)
{
  GArray *all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  va_list args;

  va_start (args, first);
  for (const GOptionEntry *e = first; e != NULL; e = va_arg (args, const GOptionEntry *))
    {
      for (; e->long_name != NULL; e++)
        g_array_append_val (all, *e);
    }
  va_end (args);
  return (GOptionEntry *) g_array_free (all, FALSE);
}

/**
 * co_cli_open_store:
 * @cli: the state of the run
 * @out_exit: (out): the exit code when %NULL is returned
 *
 * Opens the library that keeps analyses and transcripts.
 *
 * Returns: (transfer none) (nullable): the store, or %NULL after reporting
 */
CoStore *
co_cli_open_store (CoCli *cli,
                   int   *out_exit)
{
  CoVault *vault = co_cli_open_vault (cli, out_exit);

  return vault != NULL ? co_vault_get_store (vault) : NULL;
}

/**
 * co_cli_analyze:
 * @cli: the state of the run
 * @store: the store that keeps analyses
 * @path: a media file
 * @params: the analysis parameters
 * @out_cached: (out) (optional): whether a kept analysis was used
 * @from: the progress fraction where this step starts
 * @to: the progress fraction where it ends
 * @error: return location for a #GError
 *
 * Analyses @path, or reads the analysis kept from an earlier run with the
 * same parameters, showing progress between @from and @to.  No command
 * shows the envelope or the waveform, so they go from the analysis to the
 * library through a temporary file (CoAnalysisParams.envelope_on_disk) and
 * the memory needed does not grow with the file's length.
 *
 * Returns: (transfer full) (nullable): the analysis
 */
CoAnalysis *
co_cli_analyze (CoCli                   *cli,
                CoStore                 *store,
                const char              *path,
                const CoAnalysisParams  *params,
                gboolean                *out_cached,
                double                   from,
                double                   to,
                GError                 **error)
{
  CoProgressSpan span = { co_cli_progress_cb, cli, from, to, NULL };
  CoAnalysisParams kept = *params;

  kept.envelope_on_disk = TRUE;
  return co_analysis_cache_run (store, path, &kept, out_cached, co_progress_span_cb, &span,
                                co_cli_get_cancellable (cli), error);
}

/**
 * co_cli_batch_progress:
 * @cli: the state of the run
 * @format: a message with `%s` for the file's name, then `%u` of `%u`
 * @path: the file
 * @index: its place in the batch, from 0
 * @n_paths: the size of the batch
 *
 * Shows which file of a batch is being worked on.
 */
void
co_cli_batch_progress (CoCli      *cli,
                       const char *format,
                       const char *path,
                       guint       index,
                       guint       n_paths)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;

  /* The format is one of this program's translated messages. */
  message = g_strdup_printf (format, name, index + 1, n_paths);
  co_cli_progress (cli, (double) index / n_paths, message);
}

/* Text output */

/* Times in the text output are h:mm:ss.mmm. */
static char *
format_seconds (double seconds)
{
  return co_duration_format (MAX (seconds, 0),
                             CO_DURATION_FORMAT_HOURS | CO_DURATION_FORMAT_MILLIS);
}

static char *
format_level (double value,
              const char *unit)
{
  return isfinite (value) ? g_strdup_printf ("%.1f %s", value, unit) : g_strdup ("—");
}

static void
print_loudness (const CoAnalysis *analysis)
{
  g_autofree char *duration = format_seconds (co_analysis_get_duration (analysis));
  g_autofree char *lufs = format_level (co_analysis_get_integrated_lufs (analysis), "LUFS");
  g_autofree char *range = format_level (co_analysis_get_range_lu (analysis), "LU");
  g_autofree char *peak = format_level (co_analysis_get_true_peak_dbtp (analysis), "dBTP");

  g_print (g_dngettext (GETTEXT_PACKAGE, "Duration:   %s, %d Hz, %d channel\n",
                        "Duration:   %s, %d Hz, %d channels\n",
                        co_analysis_get_channels (analysis)),
           duration, co_analysis_get_sample_rate (analysis), co_analysis_get_channels (analysis));
  g_print (_("Loudness:   %s integrated, %s range, %s true peak\n"), lufs, range, peak);
  if (co_analysis_get_clip_count (analysis) > 0)
    g_print (_("Clipping:   %llu clipped samples\n"),
             (unsigned long long) co_analysis_get_clip_count (analysis));
}

static void
print_silences (const CoAnalysis *analysis)
{
  gsize n_silences;
  const CoInterval *silences = co_analysis_get_silences (analysis, &n_silences);
  g_autoptr(CoCliTable) table = NULL;

  g_print (g_dngettext (GETTEXT_PACKAGE, "%zu silence\n", "%zu silences\n", n_silences),
           n_silences);
  if (n_silences == 0)
    return;
  table = co_cli_table_new (_("START"), _("END"), _("LENGTH"), NULL);
  for (gsize i = 0; i < n_silences; i++)
    {
      g_autofree char *start = format_seconds (silences[i].start);
      g_autofree char *end = format_seconds (silences[i].end);
      g_autofree char *length = g_strdup_printf ("%.3f s", silences[i].end - silences[i].start);

      co_cli_table_add_row (table, start, end, length, NULL);
    }
  co_cli_table_print (table);
}

static void
print_edit_points (const CoAnalysis *analysis,
                   CoRate            rate)
{
  gsize n_points;
  const CoEditPoint *points = co_analysis_get_edit_points (analysis, &n_points);
  g_autoptr(CoCliTable) table = NULL;

  g_print (g_dngettext (GETTEXT_PACKAGE, "%zu edit suggestion\n", "%zu edit suggestions\n",
                        n_points), n_points);
  if (n_points == 0)
    return;
  table = co_cli_table_new (_("TIMECODE"), _("SECONDS"), _("KIND"), _("REASON"), NULL);
  for (gsize i = 0; i < n_points; i++)
    {
      gint64 frames = co_rate_us_to_frames (rate, (gint64) llround (points[i].time * 1e6));
      g_autofree char *timecode = co_timecode_format (rate, frames,
                                                      co_rate_allows_drop_frame (rate));
      g_autofree char *seconds = g_strdup_printf ("%.3f", points[i].time);

      co_cli_table_add_row (table, timecode, seconds, co_edit_point_kind_to_string (points[i].kind),
                            points[i].reason, NULL);
    }
  co_cli_table_print (table);
}

static void
print_analysis_text (const CoCliMedia *media,
                     const CoAnalysis *analysis,
                     gboolean          cached,
                     gint64            id)
{
  g_autoptr(CoMediaInfo) info = co_probe_file (media->path, CO_PROBE_NONE, NULL, NULL);
  CoRate rate = info != NULL ? co_timeline_build_source_rate (info)
                             : CO_TIMELINE_BUILD_AUDIO_RATE;
  g_autofree char *fps = co_rate_to_string (rate);
  g_autofree char *shown = co_cli_escape (media->input);
  gsize n_scenes;

  g_print ("%s\n", shown);
  if (cached)
    g_print ("%s\n", _("Result:     kept from an earlier run with the same options"));
  if (id != 0)
    g_print (_("Vault item: %lld\n"), (long long) id);
  print_loudness (analysis);
  co_analysis_get_scenes (analysis, &n_scenes);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%zu scene change\n", "%zu scene changes\n", n_scenes),
           n_scenes);
  print_silences (analysis);
  g_print (_("Timecodes at %s fps:\n"), fps);
  print_edit_points (analysis, rate);
}

/* The batch */

typedef struct
{
  const CoCliMedia *media;
  const CoAnalysis *analysis;
  gint64            id;
} Result;

/* Written as it is laid out: the tree of an hour's analysis would be
 * megabytes.  The kept analysis names the file as it was first given; name
 * it as this run did. */
static void
write_result (CoJsonWriter *out,
              gpointer      data)
{
  const Result *result = data;

  co_json_writer_begin_object (out);
  co_analysis_write_json_members (result->analysis, out, result->media->input);
  if (result->id != 0)
    {
      co_json_writer_member (out, "item_id");
      co_json_writer_int (out, result->id);
    }
  co_json_writer_end_object (out);
}

/* An item is in the vault already. */
static gint64
import_one (AnalyzeBatch      *batch,
            const CoCliMedia  *media,
            GError           **error)
{
  if (media->item != NULL)
    return co_vault_item_get_id (media->item);
  if (batch->vault == NULL)
    return 0;
  return co_importer_import_file (batch->vault, media->path, NULL, NULL,
                                  co_cli_get_cancellable (batch->cli), error);
}

/* Analyses one file.  Returns %FALSE only when the batch was cancelled. */
static gboolean
analyze_one (AnalyzeBatch     *batch,
             const CoCliMedia *media,
             guint             index,
             guint             n_paths)
{
  const char *path = media->input;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  gboolean cached = FALSE;
  gint64 id;

  co_cli_batch_progress (batch->cli, _("Analysing %s (%u of %u)"), path, index, n_paths);
  id = import_one (batch, media, &error);
  if (error == NULL)
    analysis = co_cli_analyze (batch->cli, batch->store, media->path, &batch->params, &cached,
                               (double) index / n_paths, (double) (index + 1) / n_paths, &error);
  if (co_error_is_cancelled (error))
    return FALSE;
  if (analysis == NULL)
    {
      co_cli_tally_fail (batch->cli, &batch->tally, path, NULL, error);
      return TRUE;
    }
  co_cli_tally_ok_write (&batch->tally, write_result,
                         &(Result) { media, analysis, id });
  if (!batch->cli->json)
    {
      co_cli_clear_progress (batch->cli);
      if (index > 0)
        g_print ("\n");
      print_analysis_text (media, analysis, cached, id);
    }
  return TRUE;
}

/**
 * co_cli_analyze_run:
 * @cli: the state of the run
 *
 * `analyze FILE|ID… [--threshold-db DB] [--min-silence S] [--padding S]
 * [--keep-pauses-over S] [--scenes] [--import]`.  Works on any media file;
 * analyses are kept in the library per file and options, so running again
 * is instant.  With `--json`, one file prints one object and several an
 * array (failed files as `{file, error}`).
 *
 * Returns: the exit code (%CO_CLI_EXIT_PARTIAL when only some failed)
 */
int
co_cli_analyze_run (CoCli *cli)
{
  CoCliAnalysisOptions options;
  gboolean import = FALSE;
  AnalyzeBatch batch = { cli, NULL, NULL, { 0 }, { NULL, 0, 0, 0, CO_CLI_EXIT_OK } };
  const GOptionEntry own[] = {
    { "import", 0, 0, G_OPTION_ARG_NONE, &import, N_("Also import the files into the vault"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  const char **paths;
  guint n_paths;
  int exit;

  co_cli_analysis_options_init (&options);
  entries = co_cli_entries_join (options.entries, own, NULL);
  if (!co_cli_parse (cli, entries, &exit) ||
      !co_cli_analysis_options_get (cli, &options, &batch.params, &exit))
    return exit;
  paths = co_cli_get_args (cli, &n_paths);
  if (n_paths == 0)
    return co_cli_usage (cli, _("Missing the files to analyse"));
  if ((batch.store = co_cli_open_store (cli, &exit)) == NULL ||
      (inputs = co_cli_media_resolve (cli, paths, n_paths, &exit)) == NULL)
    return exit;
  if (import)
    batch.vault = cli->vault;

  co_cli_tally_start (&batch.tally, cli, n_paths);
  for (guint i = 0; i < n_paths; i++)
    {
      if (!analyze_one (&batch, g_ptr_array_index (inputs, i), i, n_paths))
        return co_cli_tally_cancel (&batch.tally);
    }
  co_cli_progress (cli, 1.0, NULL);
  return co_cli_tally_finish (cli, &batch.tally);
}
