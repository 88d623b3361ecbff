/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "co-cli-text.h"
#include "co-platform.h"

/*
 * `text count` and `text adapt`: a post's text as a platform counts it, and
 * adapted to it.  The text is the words after the options, joined with
 * spaces, or standard input for a lone `-` (one final newline dropped, as
 * `echo` adds it).  Nothing here opens the library.
 */

static const CoCliCommand text_commands[] = {
  { "text", "count", N_("--platform P TEXT…|-"),
    N_("Count a post's text as the platform counts it, and check its rules"),
    co_cli_text_count },
  { "text", "adapt", N_("--platform P TEXT…|-"),
    N_("Fit a text to a platform: shortened, or a numbered X thread"), co_cli_text_adapt },
};

#define HASHTAG_LIMIT_KEY "instagram-hashtag-limit"

typedef struct
{
  char       *platform_name;
  char       *title;
  char      **tags;
  int         hashtag_limit;
  CoPlatform  platform;
  char       *text;
} TextRun;

static void
text_run_clear (TextRun *run)
{
  g_free (run->platform_name);
  g_free (run->title);
  g_strfreev (run->tags);
  g_free (run->text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TextRun, text_run_clear)

/**
 * co_cli_text_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the text commands
 */
const CoCliCommand *
co_cli_text_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (text_commands);
  return text_commands;
}

/* Instagram's hashtag limit: the app's setting when its schema is
 * installed, so that the command line and the app agree. */
static int
setting_hashtag_limit (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, HASHTAG_LIMIT_KEY))
    return CO_PLATFORM_INSTAGRAM_HASHTAGS_DEFAULT;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_int (settings, HASHTAG_LIMIT_KEY);
}

static char *
read_text (CoCli   *cli,
           GError **error)
{
  const char **args;
  guint n_args;
  char *text;
  gsize length;

  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1 || !g_str_equal (args[0], "-"))
    return g_strjoinv (" ", (char **) args);
  text = co_cli_read_stdin (cli, error);
  length = text != NULL ? strlen (text) : 0;
  if (length > 0 && text[length - 1] == '\n')
    text[--length] = '\0';
  if (length > 0 && text[length - 1] == '\r')
    text[--length] = '\0';
  return text;
}

static gboolean
check_options (CoCli   *cli,
               TextRun *run,
               int     *out_exit)
{
  g_autoptr(GError) error = NULL;

  if (run->platform_name == NULL)
    {
      *out_exit = co_cli_usage (cli, _("Missing --platform: x, linkedin, instagram or youtube"));
      return FALSE;
    }
  if (run->hashtag_limit != 0 &&
      (run->hashtag_limit < 1 || run->hashtag_limit > CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX))
    {
      *out_exit = co_cli_usage (cli, _("--hashtag-limit must be between 1 and %d"),
                                CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX);
      return FALSE;
    }
  if (!co_platform_from_string (run->platform_name, &run->platform, &error))
    {
      *out_exit = co_cli_fail (cli, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_text_run (CoCli    *cli,
                TextRun  *run,
                gboolean  with_tags,
                int      *out_exit)
{
  g_autoptr(GError) error = NULL;
  guint n_args;
  GOptionEntry entries[] = {
    { "platform", 'p', 0, G_OPTION_ARG_STRING, &run->platform_name,
      N_("The platform: x, linkedin, instagram or youtube"), N_("P") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &run->title, N_("The video's title (YouTube)"),
      N_("T") },
    { "hashtag-limit", 0, 0, G_OPTION_ARG_INT, &run->hashtag_limit,
      N_("Hashtags an Instagram caption may carry, 1 to 30 (default: the app's setting, 5)"),
      N_("N") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &run->tags, N_("A YouTube tag (repeatable)"),
      N_("TAG") },
    G_OPTION_ENTRY_NULL
  };

  if (!with_tags)
    entries[3] = (GOptionEntry) G_OPTION_ENTRY_NULL;
  if (!co_cli_parse (cli, entries, out_exit) || !check_options (cli, run, out_exit))
    return FALSE;
  if (run->hashtag_limit == 0)
    run->hashtag_limit = setting_hashtag_limit ();
  co_cli_get_args (cli, &n_args);
  if (n_args == 0)
    {
      *out_exit = co_cli_usage (cli, _("Missing the text (or - to read it from standard input)"));
      return FALSE;
    }
  run->text = read_text (cli, &error);
  if (run->text == NULL)
    *out_exit = co_cli_fail (cli, error);
  return run->text != NULL;
}

static CoPlatformPost
run_post (const TextRun *run)
{
  return (CoPlatformPost) { run->title, run->text, (const char * const *) run->tags,
                            run->hashtag_limit };
}

/* Invalid UTF-8 and an empty post are errors of the input; a text that
 * breaks a platform's rule is counted and reported. */
static gboolean
check_input (CoCli          *cli,
             const TextRun  *run,
             int            *out_exit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_utf8_validate (run->text, -1, NULL) ? g_strstrip (g_strdup (run->text))
                                                                : NULL;
  g_autofree char *title = run->title != NULL ? g_strstrip (g_strdup (run->title)) : NULL;
  gboolean titled = title != NULL && *title != '\0' &&
                    co_platform_get_limit (run->platform, CO_PLATFORM_FIELD_TITLE) > 0;
  CoPlatformPost post = run_post (run);

  if (text != NULL && (*text != '\0' || titled))
    return TRUE;
  co_platform_check_post (run->platform, &post, &error);
  *out_exit = co_cli_fail (cli, error);
  return FALSE;
}

static void
add_field_json (JsonBuilder *builder,
                const char  *name,
                int          length,
                int          limit)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, length);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, limit);
  json_builder_end_object (builder);
}

/* What the post carries beside its text: YouTube's title and tags,
 * Instagram's hashtags. */
static void
add_extras_json (JsonBuilder   *builder,
                 const TextRun *run)
{
  CoPlatformCount title;

  if (run->title != NULL && co_platform_get_limit (run->platform, CO_PLATFORM_FIELD_TITLE) > 0 &&
      co_platform_count (run->platform, CO_PLATFORM_FIELD_TITLE, run->title, &title, NULL))
    add_field_json (builder, "title", title.length, title.limit);
  if (run->platform == CO_PLATFORM_YOUTUBE && run->tags != NULL)
    add_field_json (builder, "tags", co_platform_count_tags ((const char * const *) run->tags),
                    500);
  if (run->platform == CO_PLATFORM_INSTAGRAM)
    add_field_json (builder, "hashtags", co_platform_count_hashtags (run->text),
                    MIN (run->hashtag_limit, CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX));
}

static void
begin_count_json (JsonBuilder           *builder,
                  const TextRun         *run,
                  const CoPlatformCount *count,
                  gboolean               valid)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, co_platform_to_string (run->platform));
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, count->length);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, count->limit);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, valid);
}

static void
print_count_json (const TextRun         *run,
                  const CoPlatformCount *count,
                  const GError          *problem)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  begin_count_json (builder, run, count, problem == NULL);
  json_builder_set_member_name (builder, "fits");
  json_builder_add_int_value (builder, count->fits);
  add_extras_json (builder, run);
  json_builder_set_member_name (builder, "problem");
  if (problem != NULL)
    json_builder_add_value (builder, co_cli_error_to_json (problem));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  co_cli_print_json (root);
}

static void
print_count (CoCli                 *cli,
             const TextRun         *run,
             const CoPlatformCount *count,
             const GError          *problem)
{
  const char *name = co_platform_display_name (run->platform);

  if (cli->json)
    print_count_json (run, count, problem);
  else if (run->platform == CO_PLATFORM_YOUTUBE)
    g_print (_("%s: %d of %d bytes\n"), name, count->length, count->limit);
  else
    g_print (_("%s: %d of %d characters\n"), name, count->length, count->limit);
  /* Messages go to standard error, with --json too. */
  if (problem != NULL)
    co_cli_report (cli, problem);
}

/**
 * co_cli_text_count:
 * @cli: the state of the run
 *
 * `text count --platform P [--title T] [--tag TAG]… [--hashtag-limit N]
 * TEXT…|-`: counts the text as the platform does (X's weighted length,
 * UTF-16 code units, YouTube's bytes) and checks the post against every
 * rule of the platform.  `--json` prints `length`, `limit`, `valid`, `fits`
 * (bytes of the text that fit), the title, tags and hashtags where the
 * platform has them, and the `problem`.
 *
 * Returns: %CO_CLI_EXIT_OK when the platform would take the post,
 *   %CO_CLI_EXIT_INVALID when it would not or the text is empty or not
 *   UTF-8, %CO_CLI_EXIT_USAGE for a wrong command line
 */
int
co_cli_text_count (CoCli *cli)
{
  g_auto(TextRun) run = { 0 };
  g_autoptr(GError) problem = NULL;
  CoPlatformPost post;
  CoPlatformCount count;
  int exit;

  if (!parse_text_run (cli, &run, TRUE, &exit) || !check_input (cli, &run, &exit))
    return exit;
  post = run_post (&run);
  if (!co_platform_count (run.platform, CO_PLATFORM_FIELD_TEXT, run.text, &count, &problem))
    return co_cli_fail (cli, problem);
  co_platform_check_post (run.platform, &post, &problem);
  print_count (cli, &run, &count, problem);
  return problem == NULL ? CO_CLI_EXIT_OK : co_cli_exit_for_error (problem);
}

static JsonNode *
part_to_json (CoPlatform            platform,
              const CoPlatformPart *part)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "text", part->text);
  json_object_set_int_member (object, "length", part->length);
  json_object_set_int_member (object, "start", part->start);
  json_object_set_int_member (object, "end", part->end);
  /* What LinkedIn's Posts API takes, its reserved characters escaped. */
  if (platform == CO_PLATFORM_LINKEDIN)
    {
      g_autofree char *little = co_platform_linkedin_little_text (part->text, NULL, 0, NULL);

      json_object_set_string_member (object, "little_text", little);
    }
  return co_cli_json_take_object (object);
}

static void
print_adapted_json (const TextRun         *run,
                    const CoPlatformCount *count,
                    gboolean               valid,
                    const char            *title,
                    GPtrArray             *parts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  begin_count_json (builder, run, count, valid);
  if (title != NULL)
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
    }
  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < parts->len; i++)
    json_builder_add_value (builder, part_to_json (run->platform, g_ptr_array_index (parts, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  co_cli_print_json (root);
}

/* The parts as they would be posted, a line of "---" between two. */
static void
print_adapted (const char *title,
               GPtrArray  *parts)
{
  /* Escaped (co_cli_escape()): the text is typed or read from a file, and an
   * escape sequence in it must not reach the terminal as a command. */
  if (title != NULL)
    {
      g_autofree char *shown = co_cli_escape (title);

      g_print ("%s\n\n", shown);
    }
  for (guint i = 0; i < parts->len; i++)
    {
      const CoPlatformPart *part = g_ptr_array_index (parts, i);
      g_autofree char *shown = co_cli_escape_lines (part->text);

      g_print ("%s%s\n", i > 0 ? "---\n" : "", shown);
    }
}

static char *
adapt_title (const TextRun  *run,
             GError        **error)
{
  if (run->title == NULL || co_platform_get_limit (run->platform, CO_PLATFORM_FIELD_TITLE) == 0)
    return NULL;
  return co_platform_adapt_title (run->platform, run->title, error);
}

/**
 * co_cli_text_adapt:
 * @cli: the state of the run
 *
 * `text adapt --platform P [--title T] [--hashtag-limit N] TEXT…|-`:
 * prints the text fitted to the platform: on X a numbered thread when it is
 * too long for one post, elsewhere shortened at a word boundary, with
 * Instagram's extra hashtags and YouTube's angle brackets dealt with.
 * `--json` prints the original text's `length`, `limit` and `valid`, and the
 * `parts` with their text, length and place in the original.
 *
 * Returns: the exit code
 */
int
co_cli_text_adapt (CoCli *cli)
{
  g_auto(TextRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *title = NULL;
  CoPlatformPost post;
  CoPlatformCount count;
  gboolean valid;
  int exit;

  if (!parse_text_run (cli, &run, FALSE, &exit) || !check_input (cli, &run, &exit))
    return exit;
  post = run_post (&run);
  if (!co_platform_count (run.platform, CO_PLATFORM_FIELD_TEXT, run.text, &count, &error))
    return co_cli_fail (cli, error);
  valid = co_platform_check_post (run.platform, &post, NULL /* reported by count */);
  parts = co_platform_adapt_post (run.platform, &post, &error);
  if (parts != NULL && run.title != NULL)
    title = adapt_title (&run, &error);
  if (error != NULL)
    return co_cli_fail (cli, error);
  if (cli->json)
    print_adapted_json (&run, &count, valid, title, parts);
  else
    print_adapted (title, parts);
  return CO_CLI_EXIT_OK;
}
