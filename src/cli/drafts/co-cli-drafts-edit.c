/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-vault-error.h"
#include "co-assets.h"
#include "co-cli-drafts.h"
#include "co-schedule-time.h"

/* The drafts commands that change one draft: edit, move, variant, link and
 * repurpose.  Each prints the draft as it is afterwards. */

/**
 * co_cli_drafts_edit:
 * @cli: the state of the run
 *
 * `drafts edit ID [--title T] [--body B | --body-file FILE]`
 *
 * Returns: the exit code
 */
int
co_cli_drafts_edit (CoCli *cli)
{
  g_autofree char *title = NULL, *body = NULL, *body_file = NULL, *text = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title, N_("The new title"), N_("T") },
    { "body", 0, 0, G_OPTION_ARG_FILENAME, &body, N_("The new text"), N_("B") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file,
      N_("Read the new text from FILE (“-” for standard input)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) ||
      !co_cli_drafts_args (cli, 1, _("Missing the draft id"), &id, NULL, &exit))
    return exit;
  if (title == NULL && body == NULL && body_file == NULL)
    return co_cli_usage (cli, _("Nothing to change: give --title, --body or --body-file"));
  if (!co_cli_drafts_read_text (cli, body, body_file, &text, &error))
    return co_cli_fail (cli, error);
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if (!co_drafts_set_text (drafts, id, title, text, &error))
    return co_cli_fail (cli, error);
  return co_cli_drafts_print (cli, drafts, id);
}

/**
 * co_cli_drafts_move:
 * @cli: the state of the run
 *
 * `drafts move ID STAGE`
 *
 * Returns: the exit code
 */
int
co_cli_drafts_move (CoCli *cli)
{
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  const char **rest;
  CoDraftStage stage;
  gint64 id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) ||
      !co_cli_drafts_args (cli, 2, _("Missing the draft id and the stage"), &id, &rest, &exit))
    return exit;
  if (!co_draft_stage_from_string (rest[0], &stage, &error))
    return co_cli_fail (cli, error);
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if (!co_drafts_move (drafts, id, stage, &error))
    return co_cli_fail (cli, error);
  return co_cli_drafts_print (cli, drafts, id);
}

typedef struct
{
  char     *title;
  char     *body;
  char     *body_file;
  gboolean  follow_title;
  gboolean  follow_body;
  gboolean  remove;
  char     *post_id;
  char     *post_url;
  char     *published_at;
  char     *tz;
} VariantOptions;

static void
variant_options_clear (VariantOptions *options)
{
  g_free (options->title);
  g_free (options->body);
  g_free (options->body_file);
  g_free (options->post_id);
  g_free (options->post_url);
  g_free (options->published_at);
  g_free (options->tz);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VariantOptions, variant_options_clear)

/* The overrides given replace the variant's; the others stay. */
static gboolean
set_texts (CoCli           *cli,
           CoDrafts        *drafts,
           gint64           id,
           CoPlatform       platform,
           VariantOptions  *options,
           GError         **error)
{
  g_autoptr(CoDraft) draft = co_drafts_get (drafts, id, error);
  g_autofree char *body = NULL;
  CoDraftVariant *variant;
  const char *title;

  if (draft == NULL || !co_cli_drafts_read_text (cli, options->body, options->body_file, &body,
                                                 error))
    return FALSE;
  variant = co_draft_get_variant (draft, platform);
  title = options->follow_title ? NULL
        : options->title != NULL ? options->title
        : variant != NULL ? co_draft_variant_get_title_override (variant) : NULL;
  if (options->follow_body)
    g_clear_pointer (&body, g_free);
  else if (body == NULL && variant != NULL)
    body = g_strdup (co_draft_variant_get_body_override (variant));
  return co_drafts_set_variant (drafts, id, platform, title, body, error);
}

static gboolean
record_post (CoDrafts        *drafts,
             gint64           id,
             CoPlatform       platform,
             VariantOptions  *options,
             GError         **error)
{
  g_autoptr(GTimeZone) zone = co_schedule_zone_new (options->tz, error);
  g_auto(CoScheduleTime) when = { 0 };

  if (zone == NULL)
    return FALSE;
  if (options->published_at == NULL)
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("The publication time for draft %lld is missing: give --published-at"),
                   (long long)id);
      return FALSE;
    }
  return co_schedule_time_parse (options->published_at, zone, CO_SCHEDULE_FOLD_EARLIER, &when,
                                 error) &&
         co_drafts_record_publication (drafts, id, platform, options->post_id,
                                       options->post_url, when.usec, error);
}

static int
apply_variant (CoCli          *cli,
               gint64          id,
               CoPlatform      platform,
               VariantOptions *options)
{
  gboolean post = options->post_id != NULL || options->post_url != NULL ||
                  options->published_at != NULL;
  gboolean text = options->title != NULL || options->body != NULL ||
                  options->body_file != NULL || options->follow_title || options->follow_body;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  int exit;

  if ((post && text) || (options->remove && (post || text)))
    return co_cli_usage (cli, _("Give either the platform's text, its post record, or "
                                "--remove"));
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if (options->remove)
    ok = co_drafts_remove_variant (drafts, id, platform, &error);
  else if (post)
    ok = record_post (drafts, id, platform, options, &error);
  else
    ok = set_texts (cli, drafts, id, platform, options, &error);
  return ok ? co_cli_drafts_print (cli, drafts, id) : co_cli_fail (cli, error);
}

/**
 * co_cli_drafts_variant:
 * @cli: the state of the run
 *
 * `drafts variant ID PLATFORM [--title T] [--body B | --body-file FILE]
 * [--follow-title] [--follow-body]`, or with `--remove`, or with
 * `--post-id X --post-url URL --published-at TIME [--tz ZONE]`.
 *
 * Returns: the exit code
 */
int
co_cli_drafts_variant (CoCli *cli)
{
  g_auto(VariantOptions) options = { 0 };
  const char **rest;
  CoPlatform platform;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &options.title,
      N_("The platform's own title (YouTube)"), N_("T") },
    { "body", 0, 0, G_OPTION_ARG_FILENAME, &options.body, N_("The platform's own text"), N_("B") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &options.body_file,
      N_("Read the platform's own text from FILE (“-” for standard input)"), N_("FILE") },
    { "follow-title", 0, 0, G_OPTION_ARG_NONE, &options.follow_title,
      N_("Use the draft's title again"), NULL },
    { "follow-body", 0, 0, G_OPTION_ARG_NONE, &options.follow_body,
      N_("Use the draft's body again"), NULL },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &options.remove, N_("Stop targeting the platform"), NULL },
    { "post-id", 0, 0, G_OPTION_ARG_FILENAME, &options.post_id,
      N_("Record the platform's id of the published post"), N_("X") },
    { "post-url", 0, 0, G_OPTION_ARG_FILENAME, &options.post_url,
      N_("Record the published post's address"), N_("URL") },
    { "published-at", 0, 0, G_OPTION_ARG_STRING, &options.published_at,
      N_("Record when the post went out (ISO 8601, or local time with --tz)"), N_("TIME") },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &options.tz,
      N_("Read local times in ZONE (default: the local zone)"), N_("ZONE") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) ||
      !co_cli_drafts_args (cli, 2, _("Missing the draft id and the platform"), &id, &rest,
                           &exit) ||
      !co_cli_drafts_platform (cli, rest[0], &platform, &exit))
    return exit;
  return apply_variant (cli, id, platform, &options);
}

static gboolean
draft_links_item (CoDraft *draft,
                  gint64   item_id)
{
  guint n;
  const gint64 *ids = co_draft_get_item_ids (draft, &n);

  for (guint i = 0; i < n; i++)
    if (ids[i] == item_id)
      return TRUE;
  return FALSE;
}

/* Checks every link first, so that one bad id changes nothing. */
static gboolean
check_item (CoVault  *vault,
            CoDraft  *draft,
            gint64    item_id,
            gboolean  remove,
            GError  **error)
{
  g_autoptr(CoVaultItem) item = NULL;

  if (remove && !draft_links_item (draft, item_id))
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("Vault item %lld is not linked to draft %lld"), (long long)item_id,
                   (long long)co_draft_get_id (draft));
      return FALSE;
    }
  if (remove)
    return TRUE;
  item = co_vault_get (vault, item_id, error);
  if (item == NULL || !co_vault_item_get_trashed (item))
    return item != NULL;
  g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_WRONG_STATE,
               _("Cannot link vault item %lld to draft %lld: the item is in the trash"),
               (long long)item_id, (long long)co_draft_get_id (draft));
  return FALSE;
}

static gboolean
check_file (CoVault     *vault,
            CoDraft     *draft,
            const char  *sha256,
            gboolean     remove,
            GError     **error)
{
  g_autoptr(CoAsset) asset = NULL;

  if (remove && !g_strv_contains (co_draft_get_files (draft), sha256))
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("The file “%s” is not linked to draft %lld"), sha256,
                   (long long)co_draft_get_id (draft));
      return FALSE;
    }
  if (remove)
    return TRUE;
  if (!co_drafts_check_digest (co_draft_get_id (draft), sha256, error))
    return FALSE;
  asset = co_assets_get (co_vault_get_store (vault), sha256, error);
  return asset != NULL;
}

static gboolean
check_links (CoVault   *vault,
             CoDraft   *draft,
             GArray    *items,
             GStrv      files,
             gboolean   remove,
             GError   **error)
{
  for (guint i = 0; i < items->len; i++)
    if (!check_item (vault, draft, g_array_index (items, gint64, i), remove, error))
      return FALSE;
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (!check_file (vault, draft, files[i], remove, error))
      return FALSE;
  return TRUE;
}

static gboolean
apply_links (CoDrafts  *drafts,
             gint64     id,
             GArray    *items,
             GStrv      files,
             gboolean   remove,
             GError   **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      gint64 item = g_array_index (items, gint64, i);

      if (!(remove ? co_drafts_unlink_item (drafts, id, item, error)
                   : co_drafts_link_item (drafts, id, item, error)))
        return FALSE;
    }
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (!(remove ? co_drafts_unlink_file (drafts, id, files[i], error)
                 : co_drafts_link_file (drafts, id, files[i], error)))
      return FALSE;
  return TRUE;
}

static int
change_links (CoCli    *cli,
              gint64    id,
              GArray   *items,
              GStrv     files,
              gboolean  remove)
{
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  int exit;

  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if ((draft = co_drafts_get (drafts, id, &error)) == NULL ||
      !check_links (co_cli_open_vault (cli, &exit), draft, items, files, remove, &error) ||
      !apply_links (drafts, id, items, files, remove, &error))
    return co_cli_fail (cli, error);
  return co_cli_drafts_print (cli, drafts, id);
}

/**
 * co_cli_drafts_link:
 * @cli: the state of the run
 *
 * `drafts link ID [--item ID]… [--file SHA256]… [--remove]`: every id and
 * digest is checked before any link changes.
 *
 * Returns: the exit code
 */
int
co_cli_drafts_link (CoCli *cli)
{
  g_auto(GStrv) item_texts = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean remove = FALSE;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "item", 0, 0, G_OPTION_ARG_STRING_ARRAY, &item_texts,
      N_("Link vault item ID (repeatable)"), N_("ID") },
    { "file", 0, 0, G_OPTION_ARG_STRING_ARRAY, &files,
      N_("Link the stored file with this SHA-256 digest (repeatable)"), N_("SHA256") },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Unlink them instead"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) ||
      !co_cli_drafts_args (cli, 1, _("Missing the draft id"), &id, NULL, &exit) ||
      !co_cli_drafts_parse_items (cli, item_texts, items, &exit))
    return exit;
  if (items->len == 0 && (files == NULL || files[0] == NULL))
    return co_cli_usage (cli, _("Nothing to link: give --item or --file"));
  return change_links (cli, id, items, files, remove);
}

static void
print_repurposed (CoCli        *cli,
                  CoDrafts     *drafts,
                  gint64        origin,
                  CoDraft      *copy,
                  CoFormatHint *hint)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());

      json_object_set_member (json_node_get_object (root), "draft", co_draft_to_json (copy));
      json_object_set_member (json_node_get_object (root), "format",
                              co_format_hint_to_json (hint));
      co_cli_print_json (root);
      return;
    }
  g_print (_("Draft %lld repurposes draft %lld for %s.\n"), (long long)co_draft_get_id (copy),
           (long long)origin, co_platform_display_name (hint->platform));
  co_cli_drafts_print (cli, drafts, co_draft_get_id (copy));
  g_print ("\n%s\n", hint->summary);
}

/**
 * co_cli_drafts_repurpose:
 * @cli: the state of the run
 *
 * `drafts repurpose ID PLATFORM`: a new Saved draft with the text adapted,
 * and the video format suggestions for the platform.
 *
 * Returns: the exit code
 */
int
co_cli_drafts_repurpose (CoCli *cli)
{
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoDraft) copy = NULL;
  g_autoptr(CoFormatHint) hint = NULL;
  g_autoptr(GError) error = NULL;
  const char **rest;
  CoPlatform platform;
  gint64 id, copy_id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) ||
      !co_cli_drafts_args (cli, 2, _("Missing the draft id and the platform"), &id, &rest,
                           &exit) ||
      !co_cli_drafts_platform (cli, rest[0], &platform, &exit))
    return exit;
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if ((copy_id = co_drafts_repurpose (drafts, id, platform, &error)) == 0 ||
      (copy = co_drafts_get (drafts, copy_id, &error)) == NULL ||
      (hint = co_drafts_get_format_hint (drafts, copy_id, platform, &error)) == NULL)
    return co_cli_fail (cli, error);
  print_repurposed (cli, drafts, id, copy, hint);
  return CO_CLI_EXIT_OK;
}
