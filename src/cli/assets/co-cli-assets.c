/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-assets.h"
#include "co-cli-assets.h"

static int assets_quota        (CoCli *cli);
static int assets_unreferenced (CoCli *cli);
static int assets_verify       (CoCli *cli);
static int assets_refs         (CoCli *cli);

static const CoCliCommand assets_commands[] = {
  { "assets", "quota", NULL, N_("Show storage use against the quota, or set the quota"),
    assets_quota },
  { "assets", "unreferenced", NULL, N_("List stored files nothing uses any more"),
    assets_unreferenced },
  { "assets", "verify", NULL, N_("Re-read every stored file and check its digest"),
    assets_verify },
  { "assets", "refs", N_("SHA256"), N_("List what uses a stored file"), assets_refs },
};

/**
 * co_cli_assets_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the assets commands
 */
const CoCliCommand *
co_cli_assets_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (assets_commands);
  return assets_commands;
}

static void
set_time_member (JsonObject *object,
                 const char *name,
                 gint64      usec)
{
  g_autoptr(GDateTime) time = usec != 0 ? g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC)
                                        : NULL;
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  if (text != NULL)
    json_object_set_string_member (object, name, text);
  else
    json_object_set_null_member (object, name);
}

static JsonNode *
asset_to_json (const CoAsset *asset)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "sha256", asset->sha256);
  json_object_set_int_member (object, "size", asset->size);
  json_object_set_string_member (object, "mime", asset->mime);
  set_time_member (object, "created_at", asset->created_at);
  set_time_member (object, "unreferenced_since", asset->unreferenced_since);
  json_object_set_int_member (object, "refs", asset->n_refs);
  return co_cli_json_take_object (object);
}

static JsonNode *
assets_to_json (GPtrArray *assets)
{
  JsonNode *node = co_cli_json_take_array (json_array_new ());

  for (guint i = 0; i < assets->len; i++)
    json_array_add_element (json_node_get_array (node),
                            asset_to_json (g_ptr_array_index (assets, i)));
  return node;
}

static void
print_assets_table (GPtrArray *assets)
{
  g_autoptr(CoCliTable) table = co_cli_table_new (_("SHA256"), _("SIZE"), _("MIME"), _("REFS"),
                                                  _("UNUSED SINCE"), NULL);

  for (guint i = 0; i < assets->len; i++)
    {
      CoAsset *asset = g_ptr_array_index (assets, i);
      g_autofree char *size = g_format_size (asset->size);
      g_autofree char *refs = g_strdup_printf ("%u", asset->n_refs);
      g_autofree char *since = co_cli_format_time (asset->unreferenced_since);

      co_cli_table_add_row (table, asset->sha256, size, asset->mime ? asset->mime : "", refs,
                            since, NULL);
    }
  co_cli_table_print (table);
}

static gboolean
no_arguments (CoCli *cli,
              int   *out_exit)
{
  guint n_args;
  const char **args = co_cli_get_args (cli, &n_args);

  if (n_args == 0)
    return TRUE;
  *out_exit = co_cli_usage (cli, _("Unexpected argument “%s”"), args[0]);
  return FALSE;
}

static void
print_quota (CoCli               *cli,
             const CoQuotaReport *report)
{
  /* Quotas are set in powers of 1024 (50G), so they are shown that way. */
  g_autofree char *used = g_format_size_full (report->used, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit = g_format_size_full (report->limit, G_FORMAT_SIZE_IEC_UNITS);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
      JsonObject *object = json_node_get_object (root);

      json_object_set_int_member (object, "used", report->used);
      json_object_set_int_member (object, "limit", report->limit);
      json_object_set_double_member (object, "fraction", report->fraction);
      json_object_set_boolean_member (object, "warning", report->warning);
      json_object_set_member (object, "suggestions", assets_to_json (report->suggestions));
      co_cli_print_json (root);
      return;
    }

  g_print (_("Using %s of %s (%.1f %%)\n"), used, limit, report->fraction * 100);
  if (report->warning)
    g_print ("%s\n", _("Warning: the library is almost full."));
  if (report->suggestions->len > 0)
    {
      g_print ("%s\n", _("These stored files could be deleted:"));
      print_assets_table (report->suggestions);
    }
}

static int
assets_quota (CoCli *cli)
{
  g_auto(CoQuotaReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *set = NULL;
  gint64 bytes = 0;
  CoVault *vault;
  int exit;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING, &set,
      N_("Set the quota: bytes, or a size such as 50G (K, M, G, T are powers of 1024)"),
      N_("SIZE") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !no_arguments (cli, &exit))
    return exit;
  /* A malformed size is refused before the library is even opened. */
  if (set != NULL && !co_cli_parse_size (set, &bytes, &error))
    return co_cli_fail (cli, error);
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  if (set != NULL && !co_assets_set_quota_limit (co_vault_get_store (vault), bytes, &error))
    return co_cli_fail (cli, error);
  if (!co_assets_get_quota (co_vault_get_store (vault), &report, &error))
    return co_cli_fail (cli, error);
  print_quota (cli, &report);
  return CO_CLI_EXIT_OK;
}

static int
assets_unreferenced (CoCli *cli)
{
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  int days = CO_ASSETS_DEFAULT_ARCHIVE_DAYS;
  CoVault *vault;
  int exit;
  const GOptionEntry entries[] = {
    { "older-than", 0, 0, G_OPTION_ARG_INT, &days,
      N_("Only files unused for at least DAYS days (default 30; 0 for all)"), N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !no_arguments (cli, &exit))
    return exit;
  if (days < 0)
    return co_cli_usage (cli, _("--older-than must be 0 or more, not %d"), days);
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  assets = co_assets_list_unreferenced (co_vault_get_store (vault), (guint)days, &error);
  if (assets == NULL)
    return co_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = assets_to_json (assets);
      co_cli_print_json (root);
    }
  else if (assets->len == 0)
    g_print ("%s\n", _("No unused stored files."));
  else
    print_assets_table (assets);
  return CO_CLI_EXIT_OK;
}

typedef struct
{
  CoCli *cli;
  guint  checked;
} VerifyState;

static void
verify_progress_cb (double      fraction,
                    const char *message,
                    gpointer    data)
{
  VerifyState *state = data;

  state->checked++;
  co_cli_progress (state->cli, fraction, _("Verifying stored files"));
}

static JsonNode *
problem_to_json (const CoVerifyProblem *problem)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "sha256", problem->sha256);
  json_object_set_string_member (object, "path", problem->path);
  json_object_set_boolean_member (object, "missing", problem->missing);
  json_object_set_string_member (object, "actual_sha256", problem->actual_sha256);
  return co_cli_json_take_object (object);
}

static void
print_verify_json (guint      checked,
                   GPtrArray *problems)
{
  g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < problems->len; i++)
    json_array_add_element (array, problem_to_json (g_ptr_array_index (problems, i)));
  json_object_set_int_member (json_node_get_object (root), "checked", checked);
  json_object_set_array_member (json_node_get_object (root), "problems", array);
  co_cli_print_json (root);
}

static int
report_problems (CoCli     *cli,
                 guint      checked,
                 GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;

  co_cli_clear_progress (cli);
  for (guint i = 0; i < problems->len; i++)
    {
      CoVerifyProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *shown = co_cli_escape (problem->path);

      g_printerr (problem->missing ? _("%s: the stored file “%s” is missing\n")
                                   : _("%s: the stored file “%s” has changed\n"),
                  g_get_prgname (), shown);
    }
  error = g_error_new (CO_CLI_ERROR, CO_CLI_ERROR_DAMAGED,
                       _("%u of %u stored files failed verification"), problems->len, checked);
  co_cli_report (cli, error);
  return co_cli_exit_for_error (error);
}

static int
assets_verify (CoCli *cli)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  VerifyState state = { cli, 0 };
  CoVault *vault;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) || !no_arguments (cli, &exit))
    return exit;
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  problems = co_assets_verify (co_vault_get_store (vault), verify_progress_cb, &state,
                               co_cli_get_cancellable (cli), &error);
  if (problems == NULL)
    return co_cli_fail (cli, error);

  if (cli->json)
    print_verify_json (state.checked, problems);
  else if (problems->len == 0)
    {
      co_cli_clear_progress (cli);
      g_print (_("All %u stored files are intact.\n"), state.checked);
    }
  return problems->len == 0 ? CO_CLI_EXIT_OK : report_problems (cli, state.checked, problems);
}

static JsonNode *
refs_to_json (GPtrArray *refs)
{
  JsonNode *node = co_cli_json_take_array (json_array_new ());

  for (guint i = 0; i < refs->len; i++)
    {
      CoAssetRef *ref = g_ptr_array_index (refs, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "owner_kind", ref->owner_kind);
      json_object_set_int_member (object, "owner_id", ref->owner_id);
      set_time_member (object, "created_at", ref->created_at);
      json_array_add_object_element (json_node_get_array (node), object);
    }
  return node;
}

static void
print_refs (CoCli     *cli,
            GPtrArray *refs)
{
  g_autoptr(CoCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = refs_to_json (refs);
      co_cli_print_json (root);
      return;
    }
  if (refs->len == 0)
    {
      g_print ("%s\n", _("Nothing uses this stored file."));
      return;
    }
  table = co_cli_table_new (_("KIND"), _("ID"), _("SINCE"), NULL);
  for (guint i = 0; i < refs->len; i++)
    {
      CoAssetRef *ref = g_ptr_array_index (refs, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ref->owner_id);
      g_autofree char *since = co_cli_format_time (ref->created_at);

      co_cli_table_add_row (table, ref->owner_kind, id, since, NULL);
    }
  co_cli_table_print (table);
}

static int
assets_refs (CoCli *cli)
{
  g_autoptr(CoAsset) asset = NULL;
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoVault *vault;
  guint n_args;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Expected one SHA-256 digest, got %u arguments"), n_args);
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;

  /* Asking for the asset first tells an unknown digest from an unused file. */
  asset = co_assets_get (co_vault_get_store (vault), args[0], &error);
  if (asset == NULL)
    return co_cli_fail (cli, error);
  refs = co_assets_list_refs (co_vault_get_store (vault), args[0], &error);
  if (refs == NULL)
    return co_cli_fail (cli, error);
  print_refs (cli, refs);
  return CO_CLI_EXIT_OK;
}
