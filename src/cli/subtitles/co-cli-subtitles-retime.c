/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-export.h"
#include "co-cli-subtitles-retime.h"
#include "co-export.h"
#include "co-subtitle-retime.h"
#include "co-subtitle.h"

/* `subtitles retime`: moves, stretches or conforms the times of an SRT or
 * WebVTT file with the re-timings of core/subtitles, which the subtitles
 * panel of the app uses too. */

typedef struct
{
  char      *shift;
  char     **map;
  char      *conform;
  char      *output;
  char      *format_name;
  gboolean   force;
} RetimeOptions;

static void
retime_options_clear (RetimeOptions *options)
{
  g_free (options->shift);
  g_strfreev (options->map);
  g_free (options->conform);
  g_free (options->output);
  g_free (options->format_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RetimeOptions, retime_options_clear)

/* "OLD=NEW" into its two halves, or NULL. */
static char **
split_pair (const char *text)
{
  g_auto(GStrv) halves = g_strsplit (text, "=", 2);

  if (g_strv_length (halves) != 2 || *g_strstrip (halves[0]) == '\0' ||
      *g_strstrip (halves[1]) == '\0')
    return NULL;
  return g_steal_pointer (&halves);
}

static gboolean
parse_map (CoCli             *cli,
           char             **map,
           CoSubtitleRetime  *retime,
           int               *out_exit)
{
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strv_length (map) != 2)
    {
      *out_exit = co_cli_usage (cli, _("Give --map twice: --map OLD=NEW --map OLD=NEW"));
      return FALSE;
    }
  first = split_pair (map[0]);
  second = split_pair (map[1]);
  if (first == NULL || second == NULL)
    {
      *out_exit = co_cli_usage (cli, _("“%s” is not a point: write --map OLD=NEW, such as "
                                       "--map 0:10:00=0:10:02.5"), first == NULL ? map[0] : map[1]);
      return FALSE;
    }
  if (co_subtitle_retime_parse_map (retime, first[0], first[1], second[0], second[1], &error))
    return TRUE;
  *out_exit = co_cli_fail (cli, error);
  return FALSE;
}

static gboolean
parse_conform (CoCli             *cli,
               const char        *conform,
               CoSubtitleRetime  *retime,
               int               *out_exit)
{
  g_auto(GStrv) rates = split_pair (conform);
  g_autoptr(GError) error = NULL;

  if (rates == NULL)
    {
      *out_exit = co_cli_usage (cli, _("“%s” is not a pair of frame rates: write --conform "
                                       "FROM=TO, such as --conform 25=23.976"), conform);
      return FALSE;
    }
  if (co_subtitle_retime_parse_conform (retime, rates[0], rates[1], &error))
    return TRUE;
  *out_exit = co_cli_fail (cli, error);
  return FALSE;
}

/* Exactly one of --shift, --map and --conform, read before any file is. */
static gboolean
parse_retime (CoCli               *cli,
              const RetimeOptions *options,
              CoSubtitleRetime    *retime,
              int                 *out_exit)
{
  g_autoptr(GError) error = NULL;
  guint n = (options->shift != NULL) + (options->map != NULL) + (options->conform != NULL);

  if (n != 1)
    {
      *out_exit = co_cli_usage (cli, _("Give one of --shift, --map and --conform"));
      return FALSE;
    }
  if (options->map != NULL)
    return parse_map (cli, options->map, retime, out_exit);
  if (options->conform != NULL)
    return parse_conform (cli, options->conform, retime, out_exit);
  if (co_subtitle_retime_parse_shift (retime, options->shift, &error))
    return TRUE;
  *out_exit = co_cli_fail (cli, error);
  return FALSE;
}

/* The format of the output: --format, else OUT's extension, else the input's. */
static gboolean
pick_format (CoCli               *cli,
             const RetimeOptions *options,
             const char          *input,
             CoSubtitleFormat    *format,
             int                 *out_exit)
{
  g_autoptr(GError) error = NULL;
  const char *named = options->output != NULL && g_strcmp0 (options->output, "-") != 0
                      ? options->output : input;

  if (g_strcmp0 (options->format_name, "srt") == 0)
    *format = CO_SUBTITLE_FORMAT_SRT;
  else if (g_strcmp0 (options->format_name, "vtt") == 0)
    *format = CO_SUBTITLE_FORMAT_VTT;
  else if (options->format_name != NULL)
    {
      *out_exit = co_cli_usage (cli, _("“%s” is not a subtitle format: use srt or vtt"),
                                options->format_name);
      return FALSE;
    }
  else if (!co_subtitle_format_for_path (named, format, &error))
    {
      *out_exit = co_cli_usage (cli, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
result_to_json (const char             *input,
                const char             *output,
                CoSubtitleFormat        format,
                const CoSubtitleRetime *retime,
                GPtrArray              *cues)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, input);
  json_builder_set_member_name (builder, "output");
  if (output != NULL)
    json_builder_add_string_value (builder, output);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format == CO_SUBTITLE_FORMAT_VTT ? "vtt" : "srt");
  json_builder_set_member_name (builder, "retime");
  json_builder_add_string_value (builder, co_subtitle_retime_kind_to_string (retime->kind));
  json_builder_set_member_name (builder, "cues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cues->len; i++)
    {
      const CoCue *cue = g_ptr_array_index (cues, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_double_value (builder, (double) (cue->start_us / 1000) / 1000);
      json_builder_set_member_name (builder, "end");
      json_builder_add_double_value (builder, (double) (cue->end_us / 1000) / 1000);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, cue->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Prints or writes the result; with --json the cues go to standard output
 * as JSON only. */
static gboolean
write_result (CoCli               *cli,
              const RetimeOptions *options,
              GPtrArray           *cues,
              CoSubtitleFormat     format,
              GError             **error)
{
  g_autofree char *text = co_subtitle_write (cues, format);
  g_autofree char *shown = NULL;

  if (options->output == NULL || g_strcmp0 (options->output, "-") == 0)
    {
      if (!cli->json)
        g_print ("%s", text);
      return TRUE;
    }
  if (!co_export_write_file (options->output, text, -1,
                             options->force ? CO_EXPORT_FLAGS_OVERWRITE : CO_EXPORT_FLAGS_NONE,
                             error))
    return FALSE;
  shown = co_cli_escape (options->output);
  if (!cli->json)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s: %u subtitle re-timed\n",
                          "Wrote %s: %u subtitles re-timed\n", cues->len), shown, cues->len);
  return TRUE;
}

/**
 * co_cli_subtitles_retime:
 * @cli: the state of the run
 *
 * `subtitles retime FILE (--shift TIME | --map OLD=NEW --map OLD=NEW |
 * --conform FROM=TO) [-o OUT] [--format srt|vtt] [--force]`: reads the
 * file strictly, re-times every cue and writes the result to OUT, or to
 * standard output.  Nothing is written when a cue would start before zero.
 *
 * Returns: the exit code
 */
int
co_cli_subtitles_retime (CoCli *cli)
{
  g_auto(RetimeOptions) options = { NULL, NULL, NULL, NULL, NULL, FALSE };
  const GOptionEntry entries[] = {
    { "shift", 0, 0, G_OPTION_ARG_STRING, &options.shift,
      N_("Move every subtitle by TIME: seconds (-1.5, +2) or H:MM:SS.mmm"), N_("TIME") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.map,
      N_("Twice: move time OLD to NEW and stretch the rest to fit (fixes drift)"),
      N_("OLD=NEW") },
    { "conform", 0, 0, G_OPTION_ARG_STRING, &options.conform,
      N_("Re-time for frames timed at FROM fps that now play at TO fps (25=23.976)"),
      N_("FROM=TO") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Write to OUT (default: standard output)"), N_("OUT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format_name,
      N_("srt or vtt (default: from OUT's extension, else the input's)"), N_("FORMAT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force, N_("Replace an existing OUT"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GError) error = NULL;
  CoSubtitleRetime retime;
  CoSubtitleFormat format;
  const char **paths;
  guint n_paths;
  int exit;

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  paths = co_cli_get_args (cli, &n_paths);
  if (n_paths != 1)
    return co_cli_usage (cli, _("Give one subtitle file to re-time"));
  if (!parse_retime (cli, &options, &retime, &exit) ||
      !pick_format (cli, &options, paths[0], &format, &exit))
    return exit;

  if (co_cli_check_output (options.output != NULL ? options.output : "-", options.force, &error) &&
      (cues = co_subtitle_load (paths[0], &error)) != NULL &&
      co_subtitle_retime_apply (&retime, cues, &error))
    write_result (cli, &options, cues, format, &error);
  if (error != NULL)
    return co_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = result_to_json (paths[0], options.output, format, &retime, cues);
      co_cli_print_json (root);
    }
  return CO_CLI_EXIT_OK;
}
