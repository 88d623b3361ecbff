/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-drafts.h"
#include "co-file.h"
#include "co-probe.h"
#include "co-schedule-time.h"

/* Text options (titles, bodies, searches, post ids and times) are read as
 * the bytes given, G_OPTION_ARG_FILENAME, not converted from the locale:
 * text that is not UTF-8 then reaches the check that names the draft and
 * the field, instead of failing in the option parser without a word about
 * which option. */

/* Titles longer than this are cut in tables so that rows stay on one line. */
#define TABLE_TITLE_CHARS 40
#define DEFAULT_LIST_LIMIT 100

static const CoCliCommand drafts_commands[] = {
  { "drafts", "new", NULL, N_("Start a draft (Saved, or Draft with --stage draft)"),
    co_cli_drafts_new },
  { "drafts", "list", NULL, N_("List drafts by stage, platform or words"), co_cli_drafts_list },
  { "drafts", "show", N_("ID"), N_("Show a draft: variants, times, links, history, formats"),
    co_cli_drafts_show },
  { "drafts", "edit", N_("ID"), N_("Change a draft's title or body"), co_cli_drafts_edit },
  { "drafts", "move", N_("ID STAGE"), N_("Move a draft to saved, draft, scheduled or published"),
    co_cli_drafts_move },
  { "drafts", "variant", N_("ID PLATFORM"),
    N_("Target a platform, with its own text or its post record"), co_cli_drafts_variant },
  { "drafts", "link", N_("ID"), N_("Link vault items (--item) or stored files (--file)"),
    co_cli_drafts_link },
  { "drafts", "repurpose", N_("ID PLATFORM"),
    N_("Copy a draft for another platform, text adapted"), co_cli_drafts_repurpose },
  { "drafts", "delete", N_("ID"), N_("Delete a draft (published ones are kept)"),
    co_cli_drafts_delete },
};

/**
 * co_cli_drafts_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the drafts commands
 */
const CoCliCommand *
co_cli_drafts_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (drafts_commands);
  return drafts_commands;
}

/**
 * co_cli_drafts_open:
 * @cli: the state of the run
 * @out_exit: (out): the exit code when %NULL is returned
 *
 * Opens the drafts of the library, with the command line as the one who
 * makes the changes in the stage history.
 *
 * Returns: (transfer full) (nullable): the drafts, or %NULL after reporting
 */
CoDrafts *
co_cli_drafts_open (CoCli *cli,
                    int   *out_exit)
{
  g_autofree char *actor = NULL;
  CoVault *vault = co_cli_open_vault (cli, out_exit);
  CoDrafts *drafts;

  if (vault == NULL)
    return NULL;
  drafts = co_drafts_new (co_vault_get_store (vault));
  actor = g_strdup_printf (_("%s (command line)"), g_get_user_name ());
  co_drafts_set_actor (drafts, actor);
  return drafts;
}

static gboolean
parse_draft_id (CoCli      *cli,
                const char *text,
                gint64     *out_id,
                int        *out_exit)
{
  const char *digits = text[0] == '#' ? text + 1 : text;
  guint64 value;

  if (g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &value, NULL))
    {
      *out_id = (gint64)value;
      return TRUE;
    }
  *out_exit = co_cli_usage (cli, _("“%s” is not a draft id: use a positive number such as 12"),
                            text);
  return FALSE;
}

/**
 * co_cli_drafts_args:
 * @cli: the state of the run
 * @n_expected: how many positional arguments the command takes, the draft
 *   id first
 * @missing: the message when some are missing
 * @out_id: (out): the draft id
 * @out_rest: (out) (optional): the arguments after it
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Returns: %TRUE when the arguments are there and the id is a number
 */
gboolean
co_cli_drafts_args (CoCli        *cli,
                    guint         n_expected,
                    const char   *missing,
                    gint64       *out_id,
                    const char ***out_rest,
                    int          *out_exit)
{
  guint n_args;
  const char **args = co_cli_get_args (cli, &n_args);

  if (n_args < n_expected)
    {
      *out_exit = co_cli_usage (cli, "%s", missing);
      return FALSE;
    }
  if (n_args > n_expected)
    {
      *out_exit = co_cli_usage (cli, _("Unexpected argument “%s”"), args[n_expected]);
      return FALSE;
    }
  if (out_rest != NULL)
    *out_rest = args + 1;
  return parse_draft_id (cli, args[0], out_id, out_exit);
}

/**
 * co_cli_drafts_platform:
 * @cli: the state of the run
 * @name: a platform name as typed
 * @out_platform: (out): the platform
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Returns: %TRUE when @name is a platform; else reports it by name
 */
gboolean
co_cli_drafts_platform (CoCli      *cli,
                        const char *name,
                        CoPlatform *out_platform,
                        int        *out_exit)
{
  g_autoptr(GError) error = NULL;

  if (name == NULL)
    {
      *out_exit = co_cli_usage (cli, _("Missing --platform (x, linkedin, instagram or youtube)"));
      return FALSE;
    }
  if (co_platform_from_string (name, out_platform, &error))
    return TRUE;
  *out_exit = co_cli_fail (cli, error);
  return FALSE;
}

/**
 * co_cli_drafts_format_time:
 * @usec: µs since 1970, UTC, or 0
 * @zone: (nullable): an IANA zone, or %NULL for the local one
 *
 * Returns: (transfer full): "2027-03-28 09:30 CEST", or "" for 0
 */
char *
co_cli_drafts_format_time (gint64      usec,
                           const char *zone)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (usec == 0)
    return g_strdup ("");
  /* A NULL error: a zone the system no longer knows is shown in local time. */
  tz = co_schedule_zone_new (zone, NULL);
  if (tz == NULL)
    tz = g_time_zone_new_local ();
  return co_schedule_time_format (usec, tz);
}

/**
 * co_cli_drafts_read_text:
 * @cli: the state of the run
 * @text: (nullable): the text given on the command line
 * @path: (nullable): a file to read it from instead, "-" for standard input
 * @out_text: (out) (transfer full): the text, or %NULL when neither was given
 * @error: return location for a #GError
 *
 * A body read from a file or standard input goes through the bounded reader
 * (co_file_read(), co_cli_read_stdin()), as a note's does: only a regular
 * file, at most %CO_PROBE_MAX_NOTE_SIZE bytes, and only text, since a NUL
 * byte would cut it short without a word.
 *
 * Returns: %TRUE unless the file cannot be read or both were given
 */
gboolean
co_cli_drafts_read_text (CoCli       *cli,
                         const char  *text,
                         const char  *path,
                         char       **out_text,
                         GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  gsize len = 0;

  *out_text = NULL;
  if (text != NULL && path != NULL)
    {
      g_set_error (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE,
                   _("Give the body as text or as a file, not both"));
      return FALSE;
    }
  if (path == NULL)
    {
      *out_text = g_strdup (text);
      return TRUE;
    }
  if (g_str_equal (path, "-"))
    {
      *out_text = co_cli_read_stdin (cli, error);
      return *out_text != NULL;
    }
  body = co_file_read (path, CO_PROBE_MAX_NOTE_SIZE, &len, error);
  name = g_filename_display_name (path);
  if (body == NULL || !co_file_check_text (name, body, len, error))
    return FALSE;
  *out_text = g_steal_pointer (&body);
  return TRUE;
}

/* Values are escaped (co_cli_escape()): a title, a linked file's name or a
 * post URL must not break the line or reach the terminal as a command. */
static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  shown = co_cli_escape (value);
  /* Padded by characters, not bytes: translated labels have umlauts. */
  g_print ("%s%*s %s\n", label, (int) MAX (0, 12 - (glong) g_utf8_strlen (label, -1)), "",
           shown);
}

static char *
join_platforms (CoDraft *draft)
{
  GListModel *variants = co_draft_get_variants (draft);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);
      g_strv_builder_add (names, co_platform_to_string (co_draft_variant_get_platform (variant)));
    }
  strv = g_strv_builder_end (names);
  return g_strjoinv (", ", strv);
}

static void
print_variant (CoDraftVariant *variant)
{
  g_autofree char *label = g_strdup_printf ("%s:", co_platform_display_name (
                                              co_draft_variant_get_platform (variant)));
  g_autofree char *when = co_cli_drafts_format_time (co_draft_variant_get_scheduled_at (variant),
                                                     co_draft_variant_get_zone (variant));
  g_autoptr(GError) problem = NULL;

  print_field (label, co_draft_variant_get_body_override (variant) != NULL
                        ? co_draft_variant_get_text (variant) : _("(the draft's body)"));
  print_field (_("  title:"), co_draft_variant_get_title_override (variant));
  print_field (_("  time:"), when);
  print_field (_("  post:"), co_draft_variant_get_post_url (variant));
  if (!co_draft_variant_check_text (variant, &problem))
    print_field (_("  problem:"), problem->message);
}

static void
print_links (CoDraft *draft)
{
  guint n;
  const gint64 *ids = co_draft_get_item_ids (draft, &n);
  g_autoptr(GString) items = g_string_new (NULL);
  g_autofree char *files = g_strjoinv (", ", (char **)co_draft_get_files (draft));

  for (guint i = 0; i < n; i++)
    g_string_append_printf (items, "%s%" G_GINT64_FORMAT, i ? ", " : "", ids[i]);
  print_field (_("Items:"), items->str);
  print_field (_("Files:"), files);
}

static void
print_draft_text (CoDraft *draft)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, co_draft_get_id (draft));
  g_autofree char *origin = co_draft_get_origin_id (draft) != 0
                              ? g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 co_draft_get_origin_id (draft))
                              : NULL;
  g_autofree char *platforms = join_platforms (draft);
  g_autofree char *updated = co_cli_drafts_format_time (co_draft_get_updated_at (draft), NULL);
  GListModel *variants = co_draft_get_variants (draft);

  print_field (_("Draft:"), id);
  print_field (_("Stage:"), co_draft_stage_display_name (co_draft_get_stage (draft)));
  print_field (_("Title:"), co_draft_get_title (draft));
  print_field (_("Platforms:"), platforms);
  print_field (_("From draft:"), origin);
  print_field (_("Updated:"), updated);
  print_links (draft);
  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);
      print_variant (variant);
    }
  if (co_draft_get_body (draft)[0] != '\0')
    {
      g_autofree char *body = co_cli_escape_lines (co_draft_get_body (draft));

      g_print ("\n%s\n", body);
    }
}

/**
 * co_cli_drafts_print:
 * @cli: the state of the run
 * @drafts: the drafts
 * @id: the draft to print
 *
 * Prints a draft as JSON (co_draft_to_json()) or as labelled lines.
 *
 * Returns: the exit code
 */
int
co_cli_drafts_print (CoCli    *cli,
                     CoDrafts *drafts,
                     gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = co_drafts_get (drafts, id, &error);

  if (draft == NULL)
    return co_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_draft_to_json (draft);
      co_cli_print_json (root);
    }
  else
    print_draft_text (draft);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_drafts_no_args:
 * @cli: the state of the run
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Returns: %TRUE when the command was given no positional argument
 */
gboolean
co_cli_drafts_no_args (CoCli *cli,
                       int   *out_exit)
{
  guint n_args;
  const char **args = co_cli_get_args (cli, &n_args);

  if (n_args == 0)
    return TRUE;
  *out_exit = co_cli_usage (cli, _("Unexpected argument “%s”"), args[0]);
  return FALSE;
}

static gboolean
parse_platforms (CoCli   *cli,
                 GStrv    names,
                 GArray  *platforms,
                 int     *out_exit)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      CoPlatform platform;

      if (!co_cli_drafts_platform (cli, names[i], &platform, out_exit))
        return FALSE;
      g_array_append_val (platforms, platform);
    }
  return TRUE;
}

/**
 * co_cli_drafts_parse_items:
 * @cli: the state of the run
 * @texts: (nullable): vault item ids as typed
 * @ids: (element-type gint64): where they go
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Returns: %TRUE when all are ids; else reports the first that is not
 */
gboolean
co_cli_drafts_parse_items (CoCli   *cli,
                           GStrv    texts,
                           GArray  *ids,
                           int     *out_exit)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id;

      if (!co_cli_parse_id (texts[i], &id, &error))
        {
          *out_exit = co_cli_fail (cli, error);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }
  return TRUE;
}

typedef struct
{
  char  *title;
  char  *body;
  char  *body_file;
  char  *stage;
  GStrv  platforms;
  GStrv  items;
} NewOptions;

static void
new_options_clear (NewOptions *options)
{
  g_free (options->title);
  g_free (options->body);
  g_free (options->body_file);
  g_free (options->stage);
  g_strfreev (options->platforms);
  g_strfreev (options->items);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NewOptions, new_options_clear)

/* Checks the options of `drafts new` and creates the draft. */
static int
create_draft (CoCli      *cli,
              NewOptions *options)
{
  g_autoptr(GArray) platforms = g_array_new (FALSE, FALSE, sizeof (CoPlatform));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  CoDraftNew spec = { 0 };
  gint64 id;
  int exit;

  if (!parse_platforms (cli, options->platforms, platforms, &exit) ||
      !co_cli_drafts_parse_items (cli, options->items, items, &exit))
    return exit;
  if ((options->stage != NULL &&
       !co_draft_stage_from_string (options->stage, &spec.stage, &error)) ||
      !co_cli_drafts_read_text (cli, options->body, options->body_file, &body, &error))
    return co_cli_fail (cli, error);
  spec = (CoDraftNew) { spec.stage, options->title, body,
                        (const CoPlatform *)(gpointer)platforms->data, platforms->len,
                        (const gint64 *)(gpointer)items->data, items->len };
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  id = co_drafts_create (drafts, &spec, &error);
  if (id == 0)
    return co_cli_fail (cli, error);
  return co_cli_drafts_print (cli, drafts, id);
}

/**
 * co_cli_drafts_new:
 * @cli: the state of the run
 *
 * `drafts new [--title T] [--body B | --body-file FILE] [--platform P]…
 * [--item ID]… [--stage saved|draft]`
 *
 * Returns: the exit code
 */
int
co_cli_drafts_new (CoCli *cli)
{
  g_auto(NewOptions) options = { 0 };
  int exit;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &options.title, N_("The title"), N_("T") },
    { "body", 0, 0, G_OPTION_ARG_FILENAME, &options.body, N_("The text"), N_("B") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &options.body_file,
      N_("Read the text from FILE (“-” for standard input)"), N_("FILE") },
    { "platform", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.platforms,
      N_("Target platform P: x, linkedin, instagram or youtube (repeatable)"), N_("P") },
    { "item", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.items,
      N_("Link vault item ID (repeatable)"), N_("ID") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &options.stage,
      N_("Start as saved (default) or draft (needs a title and a body)"), N_("S") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  return create_draft (cli, &options);
}

static char *
short_title (CoDraft *draft)
{
  const char *title = co_draft_get_title (draft);

  if (g_utf8_strlen (title, -1) <= TABLE_TITLE_CHARS)
    return g_strdup (title);
  return g_strconcat (g_utf8_substring (title, 0, TABLE_TITLE_CHARS - 1), "…", NULL);
}

static void
print_drafts (CoCli     *cli,
              GPtrArray *drafts)
{
  g_autoptr(CoCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

      for (guint i = 0; i < drafts->len; i++)
        json_array_add_element (json_node_get_array (root),
                                co_draft_to_json (g_ptr_array_index (drafts, i)));
      co_cli_print_json (root);
      return;
    }
  if (drafts->len == 0)
    {
      g_print ("%s\n", _("No drafts."));
      return;
    }
  table = co_cli_table_new (_("ID"), _("STAGE"), _("TITLE"), _("PLATFORMS"), _("UPDATED"), NULL);
  for (guint i = 0; i < drafts->len; i++)
    {
      CoDraft *draft = g_ptr_array_index (drafts, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, co_draft_get_id (draft));
      g_autofree char *title = short_title (draft);
      g_autofree char *platforms = join_platforms (draft);
      g_autofree char *updated = co_cli_drafts_format_time (co_draft_get_updated_at (draft), NULL);

      co_cli_table_add_row (table, id, co_draft_stage_to_string (co_draft_get_stage (draft)),
                            title, platforms, updated, NULL);
    }
  co_cli_table_print (table);
}

typedef struct
{
  GStrv  stages;
  char  *platform;
  char  *search;
  char  *sort;
  int    limit;
  int    offset;
} ListOptions;

static void
list_options_clear (ListOptions *options)
{
  g_strfreev (options->stages);
  g_free (options->platform);
  g_free (options->search);
  g_free (options->sort);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

static gboolean
query_from_options (CoCli              *cli,
                    const ListOptions  *options,
                    CoDraftQuery       *query,
                    int                *out_exit)
{
  static const char *const sorts[] = { "updated", "created", "title" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; options->stages != NULL && options->stages[i] != NULL; i++)
    {
      CoDraftStage stage;

      if (!co_draft_stage_from_string (options->stages[i], &stage, &error))
        {
          *out_exit = co_cli_fail (cli, error);
          return FALSE;
        }
      query->stages |= CO_DRAFT_STAGE_MASK (stage);
    }
  query->by_platform = options->platform != NULL;
  if (query->by_platform &&
      !co_cli_drafts_platform (cli, options->platform, &query->platform, out_exit))
    return FALSE;
  query->search = options->search;
  if (options->sort == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (g_str_equal (options->sort, sorts[i]))
      {
        query->sort = i;
        return TRUE;
      }
  *out_exit = co_cli_usage (cli, _("“%s” is not an order: use updated, created or title"),
                            options->sort);
  return FALSE;
}

static int
run_list (CoCli              *cli,
          const CoDraftQuery *query,
          int                 offset,
          int                 limit)
{
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  int exit;

  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  found = co_drafts_list (drafts, query, offset, limit > 0 ? (guint)limit : G_MAXUINT, &error);
  if (found == NULL)
    return co_cli_fail (cli, error);
  print_drafts (cli, found);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_drafts_list:
 * @cli: the state of the run
 *
 * `drafts list [--stage S]… [--platform P] [--search W] [--sort O]
 * [--limit N] [--offset N]`
 *
 * Returns: the exit code
 */
int
co_cli_drafts_list (CoCli *cli)
{
  g_auto(ListOptions) options = { .limit = DEFAULT_LIST_LIMIT };
  CoDraftQuery query = { 0 };
  int exit;
  const GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.stages,
      N_("Only drafts in stage S: saved, draft, scheduled, published (repeatable)"), N_("S") },
    { "platform", 0, 0, G_OPTION_ARG_STRING, &options.platform,
      N_("Only drafts for platform P"), N_("P") },
    { "search", 0, 0, G_OPTION_ARG_FILENAME, &options.search,
      N_("Only drafts whose title or body holds W"), N_("W") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &options.sort,
      N_("Order: updated (default), created or title"), N_("O") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options.limit,
      N_("Show at most N drafts (default 100; 0 for all)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &options.offset, N_("Skip the first N drafts"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit) ||
      !query_from_options (cli, &options, &query, &exit))
    return exit;
  if (options.limit < 0 || options.offset < 0)
    return co_cli_usage (cli, _("--limit and --offset must be 0 or more"));
  return run_list (cli, &query, options.offset, options.limit);
}

static JsonNode *
history_to_json (GPtrArray *history)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      CoDraftStageChange *change = g_ptr_array_index (history, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (change->at / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from");
      if (change->from >= 0)
        json_builder_add_string_value (builder, co_draft_stage_to_string (change->from));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, co_draft_stage_to_string (change->to));
      json_builder_set_member_name (builder, "actor");
      json_builder_add_string_value (builder, change->actor);
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, when);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* The video format suggestions for each platform the draft targets. */
static GPtrArray *
format_hints (CoDrafts  *drafts,
              CoDraft   *draft,
              GError   **error)
{
  GListModel *variants = co_draft_get_variants (draft);
  g_autoptr(GPtrArray) hints = g_ptr_array_new_with_free_func ((GDestroyNotify)co_format_hint_free);

  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);
      CoFormatHint *hint = co_drafts_get_format_hint (drafts, co_draft_get_id (draft),
                                                      co_draft_variant_get_platform (variant),
                                                      error);
      if (hint == NULL)
        return NULL;
      g_ptr_array_add (hints, hint);
    }
  return g_steal_pointer (&hints);
}

static void
print_details_json (CoDraft   *draft,
                    GPtrArray *history,
                    GPtrArray *hints)
{
  g_autoptr(JsonNode) root = co_draft_to_json (draft);
  JsonArray *formats = json_array_new ();

  for (guint i = 0; i < hints->len; i++)
    json_array_add_element (formats, co_format_hint_to_json (g_ptr_array_index (hints, i)));
  json_object_set_member (json_node_get_object (root), "history", history_to_json (history));
  json_object_set_array_member (json_node_get_object (root), "formats", formats);
  co_cli_print_json (root);
}

static void
print_details_text (CoDraft   *draft,
                    GPtrArray *history,
                    GPtrArray *hints)
{
  print_draft_text (draft);
  g_print ("\n");
  for (guint i = 0; i < history->len; i++)
    {
      CoDraftStageChange *change = g_ptr_array_index (history, i);
      g_autofree char *when = co_cli_drafts_format_time (change->at, NULL);
      g_autofree char *line = g_strdup_printf (_("%s by %s"), co_draft_stage_display_name (
                                                 change->to), change->actor);

      print_field (when, line);
    }
  for (guint i = 0; i < hints->len; i++)
    {
      CoFormatHint *hint = g_ptr_array_index (hints, i);
      g_autofree char *label = g_strdup_printf (_("%s video:"),
                                                co_platform_display_name (hint->platform));
      print_field (label, hint->summary);
    }
}

/**
 * co_cli_drafts_show:
 * @cli: the state of the run
 *
 * `drafts show ID`: the draft, its stage history and the video format
 * suggestions for each of its platforms.
 *
 * Returns: the exit code
 */
int
co_cli_drafts_show (CoCli *cli)
{
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoDraft) draft = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) hints = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) ||
      !co_cli_drafts_args (cli, 1, _("Missing the draft id"), &id, NULL, &exit))
    return exit;
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if ((draft = co_drafts_get (drafts, id, &error)) == NULL ||
      (history = co_drafts_list_history (drafts, id, &error)) == NULL ||
      (hints = format_hints (drafts, draft, &error)) == NULL)
    return co_cli_fail (cli, error);
  if (cli->json)
    print_details_json (draft, history, hints);
  else
    print_details_text (draft, history, hints);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_drafts_delete:
 * @cli: the state of the run
 *
 * `drafts delete ID`
 *
 * Returns: the exit code
 */
int
co_cli_drafts_delete (CoCli *cli)
{
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) ||
      !co_cli_drafts_args (cli, 1, _("Missing the draft id"), &id, NULL, &exit))
    return exit;
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if (!co_drafts_delete (drafts, id, &error))
    return co_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());

      json_object_set_int_member (json_node_get_object (root), "deleted", id);
      co_cli_print_json (root);
    }
  else
    g_print (_("Deleted draft %lld.\n"), (long long)id);
  return CO_CLI_EXIT_OK;
}
