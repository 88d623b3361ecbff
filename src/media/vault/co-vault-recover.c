/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault-recover"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-assets.h"
#include "co-error.h"
#include "co-media-error.h"
#include "co-importer.h"
#include "co-vault-recover.h"

/*
 * Rebuilding a library from its stored files, after its database was lost
 * or replaced by an older backup.  Every stored file the database does not
 * list goes through the importer again, so it gets the type, size,
 * duration, codecs, thumbnail and perceptual hash a fresh import would;
 * what only the database knew (titles, notes, tags, trash) is gone, so each
 * item is titled after its file and tagged "recovered".  A file is never
 * removed or changed: the import finds it already stored and records it.
 */

static void
recovered_file_free (CoRecoveredFile *file)
{
  g_free (file->sha256);
  g_clear_error (&file->error);
  g_free (file);
}

/**
 * co_recover_report_clear:
 * @report: a report to empty
 */
void
co_recover_report_clear (CoRecoverReport *report)
{
  g_clear_pointer (&report->files, g_ptr_array_unref);
}

/**
 * co_recover_report_count:
 * @report: a report
 * @recovered: %TRUE to count the files recovered, %FALSE the failures
 *
 * Returns: how many files were recovered, or could not be
 */
guint
co_recover_report_count (const CoRecoverReport *report,
                         gboolean               recovered)
{
  guint n = 0;

  for (guint i = 0; report->files != NULL && i < report->files->len; i++)
    {
      CoRecoveredFile *file = g_ptr_array_index (report->files, i);
      n += (file->id != 0) == recovered;
    }
  return n;
}

/* The kind of a file the probe now refuses, from its first bytes: a file
 * that was imported once is kept with what can be told about it. */
static CoVaultType
guess_type (const char  *path,
            char       **out_mime)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autofree char *content_type = NULL;
  guint8 head[4096];
  gsize n = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, NULL))
    return CO_VAULT_TYPE_ANY;
  content_type = g_content_type_guess (NULL, head, n, NULL);
  *out_mime = g_content_type_get_mime_type (content_type);
  if (*out_mime == NULL)
    return CO_VAULT_TYPE_ANY;
  if (g_str_has_prefix (*out_mime, "image/"))
    return CO_VAULT_TYPE_IMAGE;
  if (g_str_has_prefix (*out_mime, "video/"))
    return CO_VAULT_TYPE_VIDEO;
  if (g_str_has_prefix (*out_mime, "audio/"))
    return CO_VAULT_TYPE_AUDIO;
  return CO_VAULT_TYPE_ANY;
}

/* Records a stored file the probe refused (stricter rules than when it was
 * imported, or damage), with the type its content suggests.  Sets @error
 * to the probe's reason when the type cannot be told either. */
static gint64
import_unprobed (CoVault             *vault,
                 const char          *path,
                 const char * const  *tags,
                 GError             **error)
{
  g_autofree char *mime = NULL;
  CoVaultNewItem meta = { .duration = -1, .tags = tags };
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  meta.type = guess_type (path, &mime);
  if (meta.type == CO_VAULT_TYPE_ANY)
    return 0;
  meta.mime = mime;
  id = co_vault_import_file (vault, path, &meta, NULL, NULL, &local_error);
  g_clear_error (error);
  if (id == 0)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return id;
}

/* Titles an item after its file when the importer found no better title
 * (the first line of a note). */
static void
give_title (CoVault    *vault,
            gint64      id,
            const char *sha256)
{
  g_autoptr(CoVaultItem) item = co_vault_get (vault, id, NULL);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL || g_strcmp0 (co_vault_item_get_title (item), sha256) != 0)
    return;
  title = g_strdup_printf (_("Recovered file %.8s"), sha256);
  if (!co_vault_update_text (vault, id, title, NULL, &error))
    g_warning ("Cannot title the recovered item %" G_GINT64_FORMAT ": %s", id, error->message);
}

static CoRecoveredFile *
recover_one (CoVault      *vault,
             const char   *sha256,
             GCancellable *cancellable)
{
  const char * const tags[] = { CO_VAULT_RECOVERED_TAG, NULL };
  CoImportOptions options = { .tags = tags };
  CoRecoveredFile *file = g_new0 (CoRecoveredFile, 1);
  g_autofree char *path = co_store_dup_blob_path (co_vault_get_store (vault), sha256);

  file->sha256 = g_strdup (sha256);
  file->id = co_importer_import_file (vault, path, &options, NULL, cancellable, &file->error);
  if (file->id == 0 && file->error->domain == CO_MEDIA_ERROR &&
      !g_error_matches (file->error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NOT_FOUND))
    file->id = import_unprobed (vault, path, tags, &file->error);
  if (file->id != 0)
    give_title (vault, file->id, sha256);
  return file;
}

static gboolean
is_known (CoVault    *vault,
          const char *sha256)
{
  g_autoptr(CoAsset) asset = co_assets_get (co_vault_get_store (vault), sha256, NULL);

  return asset != NULL;
}

static void
report_progress (CoProgressFunc  progress,
                 gpointer        user_data,
                 guint           done,
                 guint           total)
{
  g_autofree char *message = NULL;

  if (progress == NULL)
    return;
  message = g_strdup_printf (_("Recovering stored file %u of %u"), done + 1, total);
  progress ((double)done / total, message, user_data);
}

/**
 * co_vault_recover:
 * @vault: the vault of a library opened with co_store_new_for_recovery()
 * @progress: (nullable) (scope call): called with the share done
 * @user_data: passed to @progress
 * @out_report: (out caller-allocates): what was found and recovered; clear
 *   it with co_recover_report_clear(), also after a failure
 * @cancellable: (nullable): a #GCancellable, checked between files
 * @error: return location for a #GError
 *
 * Records every stored file of the library that its database does not
 * list, as co_importer_import_file() would (type, metadata, thumbnail),
 * tagged "recovered".  Files it cannot record are reported and left in
 * place.  Blocks: call it from a worker thread.
 *
 * Returns: %TRUE when every file was looked at (some may have failed, see
 *   @out_report); %FALSE with %G_IO_ERROR_CANCELLED when cancelled
 */
gboolean
co_vault_recover (CoVault          *vault,
                  CoProgressFunc    progress,
                  gpointer          user_data,
                  CoRecoverReport  *out_report,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(GPtrArray) digests = NULL;

  g_return_val_if_fail (CO_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  digests = co_store_list_blobs (co_vault_get_store (vault));
  out_report->found = digests->len;
  out_report->known = 0;
  out_report->files = g_ptr_array_new_with_free_func ((GDestroyNotify)recovered_file_free);
  for (guint i = 0; i < digests->len; i++)
    {
      const char *sha256 = g_ptr_array_index (digests, i);
      CoRecoveredFile *file;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report_progress (progress, user_data, i, digests->len);
      if (is_known (vault, sha256))
        {
          out_report->known++;
          continue;
        }
      file = recover_one (vault, sha256, cancellable);
      if (co_error_is_cancelled (file->error))
        {
          g_propagate_error (error, g_steal_pointer (&file->error));
          recovered_file_free (file);
          return FALSE;
        }
      g_ptr_array_add (out_report->files, file);
    }
  if (progress != NULL)
    progress (1.0, NULL, user_data);
  return TRUE;
}
