/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-vault.h"

/* Titles longer than this are cut in tables so that rows stay on one line. */
#define TABLE_TITLE_CHARS 48
#define DEFAULT_LIST_LIMIT 100
#define DEFAULT_SEARCH_LIMIT 20
#define DEFAULT_SIMILAR_LIMIT 10

static const CoCliCommand vault_commands[] = {
  { "vault", "import", N_("PATH…"), N_("Import files into the vault (type read from content)"),
    co_cli_vault_import },
  { "vault", "note", N_("TEXT…"), N_("Save a text note (TEXT “-” reads standard input)"),
    co_cli_vault_note },
  { "vault", "link", N_("URL"), N_("Save a web address"), co_cli_vault_link },
  { "vault", "list", NULL, N_("List items, filtered and sorted"), co_cli_vault_list },
  { "vault", "search", N_("QUERY…"),
    N_("Search titles, text, notes, tags and transcripts (word* for prefixes)"),
    co_cli_vault_search },
  { "vault", "show", N_("ID"), N_("Show everything about one item"), co_cli_vault_show },
  { "vault", "tag", N_("ID TAG…"), N_("Add tags to an item (or remove them with --remove)"),
    co_cli_vault_tag },
  { "vault", "similar", N_("ID"), N_("List items similar to one item"), co_cli_vault_similar },
  { "vault", "duplicates", N_("ID"), N_("List near-duplicates of a note or link, with the reason"),
    co_cli_vault_duplicates },
  { "vault", "trash", N_("ID…"), N_("Move items to the trash"), co_cli_vault_trash },
  { "vault", "restore", N_("ID…"), N_("Bring items back from the trash"), co_cli_vault_restore },
  { "vault", "purge", NULL, N_("Empty the trash and delete files nothing uses"),
    co_cli_vault_purge },
  { "vault", "exclude", N_("ID"), N_("Leave an item out of idea suggestions (--undo to take it "
                                     "back)"), co_cli_vault_exclude },
  { "vault", "recover", NULL, N_("Rebuild the library from its stored files after losing its "
                                 "database"), co_cli_vault_recover },
};

/**
 * co_cli_vault_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the vault commands
 */
const CoCliCommand *
co_cli_vault_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (vault_commands);
  return vault_commands;
}

static char *
dup_short_title (CoVaultItem *item)
{
  const char *title = co_vault_item_get_title (item);
  g_autofree char *start = NULL;

  if (title == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (title, -1) <= TABLE_TITLE_CHARS)
    return g_strdup (title);
  start = g_utf8_substring (title, 0, TABLE_TITLE_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

static char *
dup_size (CoVaultItem *item)
{
  gint64 size = co_vault_item_get_size (item);

  return size > 0 ? g_format_size (size) : g_strdup ("");
}

static void
add_item_row (CoCliTable  *table,
              CoVaultItem *item)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, co_vault_item_get_id (item));
  g_autofree char *title = dup_short_title (item);
  g_autofree char *size = dup_size (item);
  g_autofree char *duration = co_cli_format_duration (co_vault_item_get_duration (item));
  g_autofree char *tags = g_strjoinv (", ", (char **)co_vault_item_get_tags (item));
  g_autofree char *imported = co_cli_format_time (co_vault_item_get_imported_at (item));

  co_cli_table_add_row (table, id, co_vault_type_to_string (co_vault_item_get_item_type (item)),
                        title, size, duration, tags, imported, NULL);
}

/**
 * co_cli_vault_print_items:
 * @cli: the state of the run
 * @items: (element-type CoVaultItem): the items
 *
 * Prints a JSON array of items, or a table of them.
 */
void
co_cli_vault_print_items (CoCli     *cli,
                          GPtrArray *items)
{
  g_autoptr(CoCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < items->len; i++)
        json_array_add_element (array, co_vault_item_to_json (g_ptr_array_index (items, i)));
      co_cli_print_json (root);
      return;
    }

  if (items->len == 0)
    {
      g_print ("%s\n", _("No items."));
      return;
    }
  table = co_cli_table_new (_("ID"), _("TYPE"), _("TITLE"), _("SIZE"), _("DURATION"), _("TAGS"),
                            _("IMPORTED"), NULL);
  for (guint i = 0; i < items->len; i++)
    add_item_row (table, g_ptr_array_index (items, i));
  co_cli_table_print (table);
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  shown = co_cli_escape (value);
  g_print ("%-12s %s\n", label, shown);
}

static void
print_media_fields (CoVaultItem *item)
{
  gint64 bytes = co_vault_item_get_size (item);
  g_autofree char *human = bytes > 0 ? g_format_size (bytes) : NULL;
  g_autofree char *size = NULL;
  g_autofree char *dimensions = NULL;
  g_autofree char *duration = co_cli_format_duration (co_vault_item_get_duration (item));

  if (human != NULL)
    size = g_strdup_printf (_("%s (%lld bytes)"), human, (long long)bytes);
  if (co_vault_item_get_width (item) > 0)
    dimensions = g_strdup_printf ("%d × %d", co_vault_item_get_width (item),
                                  co_vault_item_get_height (item));
  print_field (_("MIME:"), co_vault_item_get_mime (item));
  print_field (_("Size:"), size);
  print_field (_("SHA-256:"), co_vault_item_get_sha256 (item));
  print_field (_("Dimensions:"), dimensions);
  print_field (_("Duration:"), duration);
  print_field (_("Codecs:"), co_vault_item_get_codecs (item));
}

static void
print_item_text (CoVaultItem *item)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, co_vault_item_get_id (item));
  g_autofree char *tags = g_strjoinv (", ", (char **)co_vault_item_get_tags (item));
  g_autofree char *created = co_cli_format_time (co_vault_item_get_created_at (item));
  g_autofree char *imported = co_cli_format_time (co_vault_item_get_imported_at (item));
  g_autofree char *trashed = co_cli_format_time (co_vault_item_get_trashed_at (item));

  print_field (_("ID:"), id);
  print_field (_("Type:"), co_vault_type_to_string (co_vault_item_get_item_type (item)));
  print_field (_("Title:"), co_vault_item_get_title (item));
  print_media_fields (item);
  print_field (_("Tags:"), tags);
  print_field (_("Source:"), co_vault_item_get_source_url (item));
  print_field (_("File name:"), co_vault_item_get_original_name (item));
  print_field (_("Created:"), created);
  print_field (_("Imported:"), imported);
  print_field (_("Trashed:"), trashed);
  if (co_vault_item_get_excluded (item))
    print_field (_("Ideas:"), _("excluded"));
  print_field (_("Notes:"), co_vault_item_get_notes (item));
  if (co_vault_item_get_body (item) != NULL)
    {
      g_autofree char *body = co_cli_escape_lines (co_vault_item_get_body (item));

      g_print ("\n%s\n", body);
    }
}

/**
 * co_cli_vault_print_item:
 * @cli: the state of the run
 * @item: an item
 *
 * Prints one item as a JSON object, or as labelled lines.
 */
void
co_cli_vault_print_item (CoCli       *cli,
                         CoVaultItem *item)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_vault_item_to_json (item);
      co_cli_print_json (root);
    }
  else
    {
      print_item_text (item);
    }
}

/**
 * co_cli_vault_parse_ids:
 * @cli: the state of the run
 * @args: item ids as typed
 * @n_args: how many
 * @out_ids: (out) (element-type gint64): the ids
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Checks every id before any is used, so that a typo in a batch changes
 * nothing.
 *
 * Returns: %TRUE if all are ids; else %FALSE after reporting the bad one
 */
gboolean
co_cli_vault_parse_ids (CoCli       *cli,
                        const char **args,
                        guint        n_args,
                        GArray     **out_ids,
                        int         *out_exit)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_args);

  if (n_args == 0)
    {
      *out_exit = co_cli_usage (cli, _("Missing the item id"));
      return FALSE;
    }
  for (guint i = 0; i < n_args; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id;

      if (!co_cli_parse_id (args[i], &id, &error))
        {
          *out_exit = co_cli_fail (cli, error);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }
  *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

/* Reads a single id argument, as `show`, `similar` and friends take. */
static gboolean
parse_one_id (CoCli  *cli,
              gint64 *out_id,
              int    *out_exit)
{
  guint n_args;
  const char **args = co_cli_get_args (cli, &n_args);
  g_autoptr(GArray) ids = NULL;

  if (n_args > 1)
    {
      *out_exit = co_cli_usage (cli, _("Expected one item id, got %u arguments"), n_args);
      return FALSE;
    }
  if (!co_cli_vault_parse_ids (cli, args, n_args, &ids, out_exit))
    return FALSE;
  *out_id = g_array_index (ids, gint64, 0);
  return TRUE;
}

static gboolean
check_count (CoCli      *cli,
             const char *option,
             int         value,
             int        *out_exit)
{
  if (value >= 0)
    return TRUE;
  *out_exit = co_cli_usage (cli, _("%s must be 0 or more, not %d"), option, value);
  return FALSE;
}

typedef struct
{
  char     *type;
  char     *tag;
  char     *sort;
  char     *since;
  char     *until;
  gboolean  trashed;
  int       limit;
  int       offset;
} ListOptions;

static void
list_options_clear (ListOptions *options)
{
  g_free (options->type);
  g_free (options->tag);
  g_free (options->sort);
  g_free (options->since);
  g_free (options->until);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

static gboolean
query_from_options (const ListOptions  *options,
                    CoVaultQuery       *query,
                    GError            **error)
{
  if (options->type != NULL && !co_vault_type_from_string (options->type, &query->type))
    {
      g_set_error (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE,
                   _("“%s” is not an item type: use image, video, audio, note or link"),
                   options->type);
      return FALSE;
    }
  if (options->sort != NULL && !co_vault_sort_from_string (options->sort, &query->sort))
    {
      g_set_error (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE,
                   _("“%s” is not a sort order: use newest, oldest, name, size or duration"),
                   options->sort);
      return FALSE;
    }
  if ((options->since != NULL && !co_cli_parse_date (options->since, &query->since, error)) ||
      (options->until != NULL && !co_cli_parse_date (options->until, &query->until, error)))
    return FALSE;
  query->tag = options->tag;
  query->trash = options->trashed ? CO_VAULT_TRASH_ONLY : CO_VAULT_TRASH_EXCLUDE;
  return TRUE;
}

static int
run_query (CoCli              *cli,
           const CoVaultQuery *query,
           int                 offset,
           int                 limit)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  CoVault *vault;
  int exit;

  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  /* A limit of 0 means "all"; SQLite reads the largest value as no limit. */
  items = co_vault_list (vault, query, offset, limit > 0 ? (guint)limit : G_MAXUINT, &error);
  if (items == NULL)
    return co_cli_fail (cli, error);
  co_cli_vault_print_items (cli, items);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_vault_list:
 * @cli: the state of the run
 *
 * `vault list [--type T] [--tag T] [--sort S] [--since DATE] [--until DATE]
 * [--trashed] [--limit N] [--offset N]`
 *
 * Returns: the exit code
 */
int
co_cli_vault_list (CoCli *cli)
{
  g_auto(ListOptions) options = { .limit = DEFAULT_LIST_LIMIT };
  g_autoptr(GError) error = NULL;
  CoVaultQuery query = { 0 };
  guint n_args;
  int exit;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &options.type,
      N_("Only items of type T: image, video, audio, note or link"), N_("T") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &options.tag, N_("Only items tagged T"), N_("T") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &options.sort,
      N_("Order: newest (default), oldest, name, size or duration"), N_("S") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &options.since,
      N_("Only items imported at or after DATE (YYYY-MM-DD or ISO 8601)"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &options.until,
      N_("Only items imported before DATE (YYYY-MM-DD or ISO 8601)"), N_("DATE") },
    { "trashed", 0, 0, G_OPTION_ARG_NONE, &options.trashed, N_("List the trash instead"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options.limit,
      N_("Show at most N items (default 100; 0 for all)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &options.offset, N_("Skip the first N items"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  co_cli_get_args (cli, &n_args);
  if (n_args > 0)
    return co_cli_usage (cli, _("Unexpected argument “%s”"), co_cli_get_args (cli, &n_args)[0]);
  if (!check_count (cli, "--limit", options.limit, &exit) ||
      !check_count (cli, "--offset", options.offset, &exit))
    return exit;
  if (!query_from_options (&options, &query, &error))
    return co_cli_fail (cli, error);
  return run_query (cli, &query, options.offset, options.limit);
}

/**
 * co_cli_vault_search:
 * @cli: the state of the run
 *
 * `vault search QUERY… [--limit N]`: the words are joined, best match first.
 *
 * Returns: the exit code
 */
int
co_cli_vault_search (CoCli *cli)
{
  int limit = DEFAULT_SEARCH_LIMIT;
  g_autofree char *text = NULL;
  CoVaultQuery query = { .sort = CO_VAULT_SORT_RELEVANCE };
  const char **args;
  guint n_args;
  int exit;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("Show at most N items (default 20; 0 for all, up to the 500 most recent matches)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args == 0)
    return co_cli_usage (cli, _("Missing the words to search for"));
  if (!check_count (cli, "--limit", limit, &exit))
    return exit;
  text = g_strjoinv (" ", (char **)args);
  query.search = text;
  return run_query (cli, &query, 0, limit);
}

/**
 * co_cli_vault_show:
 * @cli: the state of the run
 *
 * `vault show ID`, whether or not the item is in the trash.
 *
 * Returns: the exit code
 */
int
co_cli_vault_show (CoCli *cli)
{
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  CoVault *vault;
  gint64 id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) || !parse_one_id (cli, &id, &exit))
    return exit;
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  item = co_vault_get (vault, id, &error);
  if (item == NULL)
    return co_cli_fail (cli, error);
  co_cli_vault_print_item (cli, item);
  return CO_CLI_EXIT_OK;
}

static JsonNode *
match_to_json (CoVaultMatch *match)
{
  JsonObject *object = json_object_new ();

  json_object_set_double_member (object, "score", match->score);
  json_object_set_string_member (object, "reason", match->reason);
  json_object_set_member (object, "item", co_vault_item_to_json (match->item));
  return co_cli_json_take_object (object);
}

static void
print_matches (CoCli     *cli,
               GPtrArray *matches)
{
  g_autoptr(CoCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

      for (guint i = 0; i < matches->len; i++)
        json_array_add_element (json_node_get_array (root),
                                match_to_json (g_ptr_array_index (matches, i)));
      co_cli_print_json (root);
      return;
    }
  if (matches->len == 0)
    {
      g_print ("%s\n", _("No matches."));
      return;
    }
  table = co_cli_table_new (_("ID"), _("SCORE"), _("TYPE"), _("TITLE"), _("REASON"), NULL);
  for (guint i = 0; i < matches->len; i++)
    {
      CoVaultMatch *match = g_ptr_array_index (matches, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             co_vault_item_get_id (match->item));
      g_autofree char *score = g_strdup_printf ("%.2f", match->score);
      g_autofree char *title = dup_short_title (match->item);

      co_cli_table_add_row (table, id, score,
                            co_vault_type_to_string (co_vault_item_get_item_type (match->item)),
                            title, match->reason != NULL ? match->reason : "", NULL);
    }
  co_cli_table_print (table);
}

/**
 * co_cli_vault_similar:
 * @cli: the state of the run
 *
 * `vault similar ID [--limit N]`
 *
 * Returns: the exit code
 */
int
co_cli_vault_similar (CoCli *cli)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  int limit = DEFAULT_SIMILAR_LIMIT;
  CoVault *vault;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("Show at most N items (default 10; 0 for all)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !parse_one_id (cli, &id, &exit) ||
      !check_count (cli, "--limit", limit, &exit))
    return exit;
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  matches = co_vault_similar (vault, id, (guint)limit, &error);
  if (matches == NULL)
    return co_cli_fail (cli, error);
  print_matches (cli, matches);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_vault_duplicates:
 * @cli: the state of the run
 *
 * `vault duplicates ID [--threshold X]`: near-duplicate notes and links,
 * each with the reason.
 *
 * Returns: the exit code
 */
int
co_cli_vault_duplicates (CoCli *cli)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  double threshold = 0;
  CoVault *vault;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("Similarity from 0 to 1 at which items count as duplicates"), N_("X") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !parse_one_id (cli, &id, &exit))
    return exit;
  if (threshold < 0)
    return co_cli_usage (cli, _("--threshold must be between 0 and 1, not %g"), threshold);
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  matches = co_vault_near_duplicates (vault, id, threshold, &error);
  if (matches == NULL)
    return co_cli_fail (cli, error);
  print_matches (cli, matches);
  return CO_CLI_EXIT_OK;
}
