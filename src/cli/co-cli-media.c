/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-media.h"
#include "co-vault-error.h"

/*
 * The media inputs of `analyze`, `subtitles`, `export` and `transcode`: a
 * file, or a vault item by its id.  An item is read from the library's
 * stored file, so it works when the file it was imported from has moved or
 * is gone, and an export names it by its title.  A file that exists wins
 * over an id of the same spelling, so `12` is the item only when there is
 * no file called `12` in the working folder.
 */

/**
 * co_cli_media_free:
 * @media: (transfer full): an input
 */
void
co_cli_media_free (CoCliMedia *media)
{
  g_free (media->input);
  g_free (media->path);
  g_clear_object (&media->item);
  g_free (media);
}

static CoCliMedia *
media_for_file (const char *arg)
{
  CoCliMedia *media = g_new0 (CoCliMedia, 1);

  media->input = g_strdup (arg);
  media->path = g_strdup (arg);
  media->source = (CoExportSource) { media->path, NULL, NULL, NULL, NULL };
  return media;
}

static CoCliMedia *
media_for_item (CoStore      *store,
                const char   *arg,
                CoVaultItem  *item,
                GError      **error)
{
  const char *sha256 = co_vault_item_get_sha256 (item);
  CoCliMedia *media;

  if (sha256 == NULL)
    {
      g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_WRONG_STATE,
                   _("Item %lld “%s” has no video or sound: it is a note"),
                   (long long) co_vault_item_get_id (item), co_vault_item_get_title (item));
      return NULL;
    }
  media = g_new0 (CoCliMedia, 1);
  media->input = g_strdup (arg);
  media->path = co_store_dup_blob_path (store, sha256);
  media->item = g_object_ref (item);
  media->source = (CoExportSource) { media->path, sha256, co_vault_item_get_title (item),
                                     co_vault_item_get_original_name (item),
                                     co_vault_item_get_mime (item) };
  return media;
}

static CoCliMedia *
resolve_one (CoCli       *cli,
             const char  *arg,
             int         *out_exit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  CoCliMedia *media = NULL;
  CoVault *vault;
  gint64 id;

  if (g_file_test (arg, G_FILE_TEST_EXISTS) || !co_cli_parse_id (arg, &id, NULL))
    return media_for_file (arg);
  if ((vault = co_cli_open_vault (cli, out_exit)) == NULL)
    return NULL;
  item = co_vault_get (vault, id, &error);
  if (item != NULL)
    media = media_for_item (co_vault_get_store (vault), arg, item, &error);
  if (media == NULL)
    *out_exit = co_cli_fail (cli, error);
  return media;
}

/**
 * co_cli_media_resolve:
 * @cli: the state of the run
 * @args: (array length=n_args): the inputs: files or vault item ids
 * @n_args: how many
 * @out_exit: (out): the exit code when %NULL is returned
 *
 * Turns each input into the file to read, before any work: an unknown
 * item id, or an item that is a note, stops the command at once.  A file
 * that does not exist is left for the command to report with the others
 * of its batch.  Opens the vault only for an id.
 *
 * Returns: (transfer full) (element-type CoCliMedia) (nullable): one
 *   #CoCliMedia per input, or %NULL after reporting the error
 */
GPtrArray *
co_cli_media_resolve (CoCli       *cli,
                      const char **args,
                      guint        n_args,
                      int         *out_exit)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) co_cli_media_free);

  for (guint i = 0; i < n_args; i++)
    {
      CoCliMedia *media = resolve_one (cli, args[i], out_exit);

      if (media == NULL)
        return NULL;
      g_ptr_array_add (inputs, media);
    }
  return g_steal_pointer (&inputs);
}

/**
 * co_cli_media_dup_name:
 * @media: an input
 *
 * Returns: (transfer full): the name outputs made from @media are named
 *   after: a file's base name, or an item's title with the extension of
 *   its original file
 */
char *
co_cli_media_dup_name (const CoCliMedia *media)
{
  g_return_val_if_fail (media != NULL, NULL);

  if (media->item != NULL)
    return co_export_source_dup_filename (&media->source);
  return g_path_get_basename (media->input);
}

/**
 * co_cli_media_add_json:
 * @media: an input
 * @object: a command's result for it
 *
 * Sets `file` to the input as given and, for a vault item, `item_id`.
 */
void
co_cli_media_add_json (const CoCliMedia *media,
                       JsonObject       *object)
{
  g_return_if_fail (media != NULL && object != NULL);

  json_object_set_string_member (object, "file", media->input);
  if (media->item != NULL)
    json_object_set_int_member (object, "item_id", co_vault_item_get_id (media->item));
}
