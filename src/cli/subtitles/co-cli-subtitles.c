/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "co-cli-analyze.h"
#include "co-cli-export.h"
#include "co-cli-media.h"
#include "co-cli-subtitles-retime.h"
#include "co-cli-subtitles.h"
#include "co-export.h"
#include "co-probe.h"
#include "co-subtitle-check.h"
#include "co-timeline-build.h"
#include "co-transcript-cache.h"
#include "co-vault.h"

static const CoCliCommand subtitles_commands[] = {
  { "subtitles", NULL, N_("FILE|ID"),
    N_("Make subtitles from the speech in a media file (SRT or WebVTT)"), co_cli_subtitles_run },
  { "subtitles", "check", N_("FILE.srt|FILE.vtt"),
    N_("Report every subtitle rule a file breaks (exit status 4 if any)"),
    co_cli_subtitles_check },
  { "subtitles", "retime", N_("FILE.srt|FILE.vtt"),
    N_("Move, stretch or conform the times of a subtitle file"), co_cli_subtitles_retime },
};

typedef struct
{
  char             *output;
  char             *format_name;
  gboolean          force;
  CoSubtitleFormat  format;
  CoCueRules        rules;
} MakeOptions;

/**
 * co_cli_subtitles_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the subtitles commands
 */
const CoCliCommand *
co_cli_subtitles_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (subtitles_commands);
  return subtitles_commands;
}

/**
 * co_cli_cue_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Sets the broadcast defaults and the option entries that change them.
 */
void
co_cli_cue_options_init (CoCliCueOptions *options)
{
  CoCueRules defaults;
  const GOptionEntry entries[] = {
    { "max-chars", 0, 0, G_OPTION_ARG_INT, &options->max_chars,
      N_("At most N characters per line (default 42)"), N_("N") },
    { "max-lines", 0, 0, G_OPTION_ARG_INT, &options->max_lines,
      N_("At most N lines per subtitle (default 2)"), N_("N") },
    { "max-cps", 0, 0, G_OPTION_ARG_DOUBLE, &options->max_cps,
      N_("At most N characters per second of reading (default 17)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  co_cue_rules_init (&defaults);
  options->max_chars = defaults.max_chars_per_line;
  options->max_lines = defaults.max_lines;
  options->max_cps = defaults.max_cps;
  G_STATIC_ASSERT (sizeof options->entries == sizeof entries);
  memcpy (options->entries, entries, sizeof entries);
}

/**
 * co_cli_cue_options_get:
 * @cli: the state of the run
 * @options: the parsed options
 * @rules: (out caller-allocates): the defaults with the options applied
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Returns: %TRUE if the values make sense, else %FALSE after a usage error
 */
gboolean
co_cli_cue_options_get (CoCli                 *cli,
                        const CoCliCueOptions *options,
                        CoCueRules            *rules,
                        int                   *out_exit)
{
  co_cue_rules_init (rules);
  if (options->max_chars < 1 || options->max_lines < 1 || !isfinite (options->max_cps) ||
      options->max_cps <= 0)
    {
      *out_exit = co_cli_usage (cli, _("--max-chars, --max-lines and --max-cps must be above 0"));
      return FALSE;
    }
  rules->max_chars_per_line = options->max_chars;
  rules->max_lines = options->max_lines;
  rules->max_cps = options->max_cps;
  return TRUE;
}

/**
 * co_cli_transcribe:
 * @cli: the state of the run
 * @store: the store that keeps transcripts
 * @path: a media file with speech
 * @analysis: (nullable): its analysis, whose silences split the speech
 * @out_cached: (out) (optional): whether a kept transcript was used
 * @from: the progress fraction where this step starts
 * @to: the progress fraction where it ends
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoSpeechWord) (nullable): the words
 */
GPtrArray *
co_cli_transcribe (CoCli       *cli,
                   CoStore     *store,
                   const char  *path,
                   CoAnalysis  *analysis,
                   gboolean    *out_cached,
                   double       from,
                   double       to,
                   GError     **error)
{
  CoProgressSpan span = { co_cli_progress_cb, cli, from, to, NULL };

  co_cli_progress (cli, from, _("Recognising speech"));
  return co_transcript_cache_run (store, path, analysis, out_cached, co_progress_span_cb, &span,
                                  co_cli_get_cancellable (cli), error);
}

/* Making subtitles */

static gboolean
pick_format (CoCli       *cli,
             MakeOptions *options,
             int         *out_exit)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (options->format_name, "srt") == 0 || options->format_name == NULL)
    options->format = CO_SUBTITLE_FORMAT_SRT;
  else if (g_strcmp0 (options->format_name, "vtt") == 0)
    options->format = CO_SUBTITLE_FORMAT_VTT;
  else
    {
      *out_exit = co_cli_usage (cli, _("“%s” is not a subtitle format: use srt or vtt"),
                                options->format_name);
      return FALSE;
    }
  /* Without --format, the output's extension decides. */
  if (options->format_name == NULL && options->output != NULL &&
      !co_subtitle_format_for_path (options->output, &options->format, &error))
    {
      *out_exit = co_cli_usage (cli, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
cue_to_json (const CoCue *cue,
             guint        index)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "index", index + 1);
  json_object_set_double_member (object, "start", (double) (cue->start_us / 1000) / 1000);
  json_object_set_double_member (object, "end", (double) (cue->end_us / 1000) / 1000);
  json_object_set_string_member (object, "text", cue->text);
  json_object_set_double_member (object, "confidence", round (cue->confidence * 1000) / 1000);
  json_object_set_boolean_member (object, "flagged", cue->flagged);
  return co_cli_json_take_object (object);
}

static void
print_cues_json (const CoCliMedia *media,
                 const char       *output,
                 const char       *format,
                 GPtrArray        *cues)
{
  g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
  JsonObject *object = json_node_get_object (root);
  JsonArray *array = json_array_new ();

  co_cli_media_add_json (media, object);
  if (output != NULL)
    json_object_set_string_member (object, "output", output);
  else
    json_object_set_null_member (object, "output");
  json_object_set_string_member (object, "format", format);
  for (guint i = 0; i < cues->len; i++)
    json_array_add_element (array, cue_to_json (g_ptr_array_index (cues, i), i));
  json_object_set_array_member (object, "cues", array);
  co_cli_print_json (root);
}

static guint
count_flagged (GPtrArray *cues)
{
  guint n = 0;

  for (guint i = 0; i < cues->len; i++)
    n += ((CoCue *) g_ptr_array_index (cues, i))->flagged ? 1 : 0;
  return n;
}

static GPtrArray *
make_cues (CoCli        *cli,
           CoStore      *store,
           const char   *path,
           CoCueRules   *rules,
           GError      **error)
{
  g_autoptr(CoMediaInfo) info = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GHashTable) names = NULL;
  CoAnalysisParams params;

  info = co_probe_file (path, CO_PROBE_REQUIRE_AUDIO, co_cli_get_cancellable (cli), error);
  if (info == NULL)
    return NULL;
  /* The gap between cues is counted in the video's frames. */
  rules->rate = co_timeline_build_source_rate (info);
  /* The default analysis: the one the app makes on import, so it is
   * usually kept already. */
  co_analysis_params_init (&params);
  analysis = co_cli_analyze (cli, store, path, &params, NULL, 0.0, 0.3, error);
  if (analysis == NULL)
    return NULL;
  words = co_cli_transcribe (cli, store, path, analysis, NULL, 0.3, 1.0, error);
  if (words == NULL)
    return NULL;
  /* Names only refine the text; without them the words stay as spoken. */
  names = co_vault_dup_names (store, NULL);
  return co_timeline_build_cues (words, rules, names, error);
}

static gboolean
write_cues (CoCli        *cli,
            GPtrArray    *cues,
            MakeOptions  *options,
            GError      **error)
{
  g_autofree char *text = co_subtitle_write (cues, options->format);

  if (options->output == NULL)
    {
      if (!cli->json)
        {
          co_cli_clear_progress (cli);
          g_print ("%s", text);
        }
      return TRUE;
    }
  if (!co_export_write_file (options->output, text, -1,
                             options->force ? CO_EXPORT_FLAGS_OVERWRITE : CO_EXPORT_FLAGS_NONE,
                             error))
    return FALSE;
  if (!cli->json)
    {
      g_autofree char *shown = co_cli_escape (options->output);

      co_cli_clear_progress (cli);
      g_print (_("Wrote %s: %u subtitles, %u flagged for review\n"), shown, cues->len,
               count_flagged (cues));
    }
  return TRUE;
}

/**
 * co_cli_subtitles_run:
 * @cli: the state of the run
 *
 * `subtitles FILE|ID [-o OUT] [--format srt|vtt] [--force] [--max-chars N]
 * [--max-lines N] [--max-cps N]`: analyses the file (or reuses the kept
 * analysis) for its silences, transcribes the speech between them (or
 * reuses the kept transcript), builds cues and writes them to OUT, or to
 * standard output.  `--json` prints the cues with their confidence.
 *
 * Returns: the exit code
 */
int
co_cli_subtitles_run (CoCli *cli)
{
  MakeOptions options = { NULL, NULL, FALSE, CO_SUBTITLE_FORMAT_SRT, { 0 } };
  g_autofree char *output = NULL, *format_name = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  CoCliMedia *media;
  CoCliCueOptions cue;
  const GOptionEntry own[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT (default: standard output)"), N_("OUT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("srt or vtt (default: from OUT's extension, else srt)"), N_("FORMAT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force, N_("Replace an existing OUT"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char **paths;
  guint n_paths;
  CoStore *store;
  int exit;

  co_cli_cue_options_init (&cue);
  entries = co_cli_entries_join (own, cue.entries, NULL);
  if (!co_cli_parse (cli, entries, &exit) ||
      !co_cli_cue_options_get (cli, &cue, &options.rules, &exit))
    return exit;
  options.output = output;
  options.format_name = format_name;
  paths = co_cli_get_args (cli, &n_paths);
  if (n_paths != 1)
    return co_cli_usage (cli, n_paths == 0 ? _("Missing the media file to subtitle")
                                           : _("Give one media file; use “export srt” for more"));
  if (!pick_format (cli, &options, &exit) || (store = co_cli_open_store (cli, &exit)) == NULL ||
      (inputs = co_cli_media_resolve (cli, paths, 1, &exit)) == NULL)
    return exit;
  media = g_ptr_array_index (inputs, 0);

  if (co_cli_check_output (options.output != NULL ? options.output : "-", options.force, &error))
    cues = make_cues (cli, store, media->path, &options.rules, &error);
  if (cues != NULL)
    write_cues (cli, cues, &options, &error);
  if (error != NULL)
    return co_cli_fail (cli, error);
  if (cli->json)
    print_cues_json (media, options.output,
                     options.format == CO_SUBTITLE_FORMAT_SRT ? "srt" : "vtt", cues);
  return CO_CLI_EXIT_OK;
}

/* Checking subtitles */

static JsonNode *
problems_to_json (const char *path,
                  GPtrArray  *cues,
                  GPtrArray  *problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "cues");
  json_builder_add_int_value (builder, cues->len);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      const CoCueProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "cue");
      json_builder_add_int_value (builder, problem->cue_index + 1);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, co_cue_rule_to_string (problem->rule));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_problems (CoCli      *cli,
                const char *path,
                GPtrArray  *cues,
                GPtrArray  *problems)
{
  g_autofree char *shown = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = problems_to_json (path, cues, problems);
      co_cli_print_json (root);
      return;
    }
  shown = co_cli_escape (path);
  for (guint i = 0; i < problems->len; i++)
    {
      const CoCueProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *message = co_cli_escape (problem->message);

      g_print ("%s: %s [%s]\n", shown, message, co_cue_rule_to_string (problem->rule));
    }
  if (problems->len == 0)
    g_print (_("%s: %u subtitles, every rule kept\n"), shown, cues->len);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u subtitles, %u problem\n",
                          "%s: %u subtitles, %u problems\n", problems->len),
             shown, cues->len, problems->len);
}

static gboolean
parse_check_rate (CoCli       *cli,
                  const char  *fps,
                  CoCueRules  *rules,
                  int         *out_exit)
{
  g_autoptr(GError) error = NULL;

  if (fps == NULL || co_rate_parse (fps, &rules->rate, &error))
    return TRUE;
  *out_exit = co_cli_usage (cli, "%s", error->message);
  return FALSE;
}

/**
 * co_cli_subtitles_check:
 * @cli: the state of the run
 *
 * `subtitles check FILE.srt|FILE.vtt [--max-chars N] [--max-lines N]
 * [--max-cps N] [--fps F]`: reads the file strictly (a malformed one is
 * reported with its line number) and reports every rule each cue breaks.
 *
 * Returns: %CO_CLI_EXIT_OK when every rule is kept, %CO_CLI_EXIT_INVALID
 *   when one is broken or the file is malformed
 */
int
co_cli_subtitles_check (CoCli *cli)
{
  g_autofree char *fps = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  CoCliCueOptions cue;
  CoCueRules rules;
  const GOptionEntry own[] = {
    { "fps", 0, 0, G_OPTION_ARG_STRING, &fps,
      N_("Count the gap between subtitles in frames at F fps (default 25)"), N_("F") },
    G_OPTION_ENTRY_NULL
  };
  const char **paths;
  guint n_paths;
  int exit;

  co_cli_cue_options_init (&cue);
  entries = co_cli_entries_join (own, cue.entries, NULL);
  if (!co_cli_parse (cli, entries, &exit) || !co_cli_cue_options_get (cli, &cue, &rules, &exit) ||
      !parse_check_rate (cli, fps, &rules, &exit))
    return exit;
  paths = co_cli_get_args (cli, &n_paths);
  if (n_paths != 1)
    return co_cli_usage (cli, _("Give one subtitle file to check"));

  cues = co_subtitle_load (paths[0], &error);
  if (cues == NULL)
    return co_cli_fail (cli, error);
  problems = co_subtitle_check (cues, &rules);
  print_problems (cli, paths[0], cues, problems);
  return problems->len == 0 ? CO_CLI_EXIT_OK : CO_CLI_EXIT_INVALID;
}
