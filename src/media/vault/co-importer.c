/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-importer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-error.h"
#include "co-file.h"
#include "co-importer-private.h"
#include "co-media-error.h"
#include "co-phash.h"
#include "co-thumbnail.h"

/*
 * The one import path behind drag and drop, the file chooser and the command
 * line.  Everything that can reject a file (probing with the completeness
 * check) happens before anything is written, and co_vault_import_file()
 * commits the stored file and its row together, so a bad input leaves
 * nothing behind.  The thumbnail is made before the commit because the
 * perceptual hash stored with the item is computed from it; if the commit
 * fails, a thumbnail made by this import is removed again.
 */

/* Everything co_importer_import_async() needs, copied so the caller's
 * strings may go away while the worker runs. */
typedef struct
{
  CoVault *vault;
  GStrv    paths;
  char    *title;
  char    *notes;
  char    *source_url;
  GStrv    tags;
  CoProbeFlags probe_flags;
  gint64   max_size;
  CoJob   *job;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->vault);
  g_strfreev (data->paths);
  g_free (data->title);
  g_free (data->notes);
  g_free (data->source_url);
  g_strfreev (data->tags);
  g_clear_object (&data->job);
  g_free (data);
}

/* The first non-empty line, at most 80 characters: what a person would call
 * the note.  %NULL when there is none (the vault then uses the file name). */
static char *
title_from_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 0);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      const char *end = line;

      if (*line == '\0')
        continue;
      for (int n = 0; n < 80 && *end != '\0'; n++)
        end = g_utf8_next_char (end);
      return g_strndup (line, end - line);
    }
  return NULL;
}

static void
fill_meta (CoVaultNewItem        *meta,
           const CoMediaInfo     *info,
           const CoImportOptions *options,
           const char            *basename)
{
  meta->type = info->type;
  meta->mime = info->mime;
  meta->title = options->title;
  meta->notes = options->notes;
  meta->source_url = options->source_url;
  meta->original_name = basename;
  meta->codecs = info->codecs;
  meta->width = info->width;
  meta->height = info->height;
  meta->duration = info->duration;
  meta->created_at = info->created_at;
  meta->tags = options->tags;
}

/* Makes (or finds) the cached thumbnail of a visual file and takes its
 * perceptual hash.  Sets *out_made to the thumbnail path when this call
 * created it, so a failed commit can remove it. */
static gboolean
prepare_visual (CoVault         *vault,
                const char      *path,
                CoVaultNewItem  *meta,
                char           **out_made,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *thumb_path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean existed;

  sha256 = co_store_hash_file (path, NULL, cancellable, error);
  if (sha256 == NULL)
    return FALSE;
  thumb_path = co_store_dup_thumbnail_path (co_vault_get_store (vault), sha256);
  existed = g_file_test (thumb_path, G_FILE_TEST_EXISTS);

  pixbuf = co_thumbnail_ensure (path, meta->type, thumb_path, CO_THUMBNAIL_DEFAULT_SIZE,
                                cancellable, &local_error);
  if (pixbuf == NULL)
    {
      if (co_error_is_cancelled (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* The file itself passed the probe; the grid shows a placeholder and
       * the thumbnail can be made again later. */
      g_debug ("No thumbnail for %s: %s", path, local_error->message);
      return TRUE;
    }

  meta->has_phash = TRUE;
  meta->phash = co_phash_pixbuf (pixbuf);
  if (!existed)
    *out_made = g_steal_pointer (&thumb_path);
  return TRUE;
}

/* The probe has read the text already, but the file may have changed since:
 * it is read again through the same bounded reader and checked again. */
static gboolean
read_note (const char   *path,
           char        **out_body,
           GError      **error)
{
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  body = co_file_read (path, CO_PROBE_MAX_NOTE_SIZE, &len, error);
  if (body == NULL)
    return FALSE;
  name = g_filename_display_name (path);
  if (!co_file_check_text (name, body, len, error))
    return FALSE;
  *out_body = g_steal_pointer (&body);
  return TRUE;
}

static gint64
commit (CoVault               *vault,
        const char            *path,
        const CoVaultNewItem  *meta,
        char                  *made_thumbnail,
        gboolean              *out_duplicate,
        GCancellable          *cancellable,
        GError               **error)
{
  gboolean duplicate = FALSE;
  gint64 id;

  id = co_vault_import_file (vault, path, meta, &duplicate, cancellable, error);
  if (id == 0 && made_thumbnail != NULL)
    g_unlink (made_thumbnail);
  if (id != 0 && out_duplicate != NULL)
    *out_duplicate = duplicate;
  return id;
}

/**
 * co_import_result_free:
 * @result: (nullable): a #CoImportResult
 */
void
co_import_result_free (CoImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_clear_error (&result->error);
  g_free (result);
}

/**
 * co_importer_import_file:
 * @vault: a #CoVault
 * @path: the file to import
 * @options: (nullable): title, notes, source, tags and limits
 * @out_duplicate: (out) (optional): set to %TRUE when the same content was
 *   already in the vault; its item id is returned
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Imports one file: probes it by content (with the completeness check),
 * makes the thumbnail and perceptual hash of images and videos, turns text
 * files into notes (the body is the text, the title its first line), and
 * stores it.  A file that is rejected leaves nothing in the database or the
 * file store.  Blocks: call it from a worker thread, or use
 * co_importer_import_async().
 *
 * Returns: the item id, or 0 with a %CO_MEDIA_ERROR naming the file and the
 *   reason (see co_probe_file_full()), a %CO_STORE_ERROR, or
 *   %G_IO_ERROR_CANCELLED
 */
gint64
co_importer_import_file (CoVault                *vault,
                         const char             *path,
                         const CoImportOptions  *options,
                         gboolean               *out_duplicate,
                         GCancellable           *cancellable,
                         GError                **error)
{
  static const CoImportOptions defaults = { NULL, };
  g_autoptr(CoMediaInfo) info = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  g_autofree char *made_thumbnail = NULL;
  CoVaultNewItem meta = { 0, };

  g_return_val_if_fail (CO_IS_VAULT (vault), 0);
  g_return_val_if_fail (path != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (options == NULL)
    options = &defaults;
  info = co_probe_file_full (path, options->probe_flags | CO_PROBE_CHECK_COMPLETE,
                             options->max_size > 0 ? options->max_size : CO_PROBE_DEFAULT_MAX_SIZE,
                             cancellable, error);
  if (info == NULL)
    return 0;

  basename = g_path_get_basename (path);
  fill_meta (&meta, info, options, basename);
  if (info->type == CO_VAULT_TYPE_NOTE)
    {
      if (!read_note (path, &body, error))
        return 0;
      meta.body = body;
      if (meta.title == NULL)
        meta.title = title = title_from_text (body);
    }
  else if (co_vault_type_is_visual (info->type) &&
           !prepare_visual (vault, path, &meta, &made_thumbnail, cancellable, error))
    return 0;

  return commit (vault, path, &meta, made_thumbnail, out_duplicate, cancellable, error);
}

/* Batch ---------------------------------------------------------------- */

static gboolean
batch_cancelled (CoJob        *job,
                 GCancellable *cancellable)
{
  return g_cancellable_is_cancelled (cancellable) ||
         (job != NULL && g_cancellable_is_cancelled (co_job_get_cancellable (job)));
}

static CoImportResult *
import_one (CoVault               *vault,
            const char            *path,
            const CoImportOptions *options,
            CoJob                 *job,
            guint                  index,
            guint                  n_paths,
            GCancellable          *cancellable)
{
  CoImportResult *result = g_new0 (CoImportResult, 1);

  result->path = g_strdup (path);
  if (batch_cancelled (job, cancellable))
    {
      g_set_error_literal (&result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The import was cancelled"));
      return result;
    }
  if (job != NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf (_("Importing “%s” (%u of %u)"),
                                                  name, index + 1, n_paths);

      co_job_set_progress (job, (double)index / n_paths, message);
    }
  result->id = co_importer_import_file (vault, path, options, &result->duplicate, cancellable,
                                        &result->error);
  return result;
}

/* Says in the job how many files of the batch were imported. */
static void
report_batch (CoJob     *job,
              GPtrArray *results)
{
  g_autofree char *message = NULL;
  guint imported = 0;

  for (guint i = 0; i < results->len; i++)
    imported += ((CoImportResult *)g_ptr_array_index (results, i))->error == NULL;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u of %u file",
                                          "Imported %u of %u files", results->len),
                             imported, results->len);
  co_job_set_progress (job, 1.0, message);
}

/**
 * co_importer_import_files:
 * @vault: a #CoVault
 * @paths: (array zero-terminated=1): the files to import
 * @options: (nullable): title, notes, source, tags and limits, applied to every file
 * @job: (nullable): a running #CoJob to report progress to (a message
 *   naming each file, then how many were imported); its cancellable counts
 *   as much as @cancellable
 * @cancellable: (nullable): a #GCancellable
 *
 * Imports files one after the other, each as co_importer_import_file()
 * does.  One file failing never stops the others; cancelling stops before
 * the next file.  Blocks: call it from a worker thread.
 *
 * Returns: (transfer container) (element-type CoImportResult): one result
 *   per path, in order; files not reached after a cancellation fail with
 *   %G_IO_ERROR_CANCELLED
 */
GPtrArray *
co_importer_import_files (CoVault                *vault,
                          const char * const     *paths,
                          const CoImportOptions  *options,
                          CoJob                  *job,
                          GCancellable           *cancellable)
{
  guint n_paths;
  GPtrArray *results;

  g_return_val_if_fail (CO_IS_VAULT (vault), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (job == NULL || CO_IS_JOB (job), NULL);

  n_paths = g_strv_length ((char **)paths);
  results = g_ptr_array_new_with_free_func ((GDestroyNotify)co_import_result_free);
  /* The job's own cancel button counts as much as the caller's cancellable. */
  if (cancellable == NULL && job != NULL)
    cancellable = co_job_get_cancellable (job);
  for (guint i = 0; i < n_paths; i++)
    g_ptr_array_add (results, import_one (vault, paths[i], options, job, i, n_paths, cancellable));
  if (job != NULL)
    report_batch (job, results);
  return results;
}

/**
 * _co_importer_check_batch:
 * @results: (element-type CoImportResult): what co_importer_import_files() returned
 * @job: (nullable): the batch's job
 * @cancellable: (nullable): the batch's cancellable
 * @error: return location for a #GError
 *
 * Sums a batch up for its job: it was cancelled, or it failed when every
 * file failed (with the first file's error); otherwise it succeeded.
 *
 * Returns: %TRUE when the batch succeeded
 */
gboolean
_co_importer_check_batch (GPtrArray     *results,
                          CoJob         *job,
                          GCancellable  *cancellable,
                          GError       **error)
{
  const GError *first_error = NULL;
  guint imported = 0;

  if (batch_cancelled (job, cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled"));
      return FALSE;
    }
  for (guint i = 0; i < results->len; i++)
    {
      CoImportResult *result = g_ptr_array_index (results, i);

      if (result->error == NULL)
        imported++;
      else if (first_error == NULL)
        first_error = result->error;
    }
  if (imported == 0 && first_error != NULL)
    {
      g_propagate_error (error, g_error_copy (first_error));
      return FALSE;
    }
  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  CoImportOptions options = { data->title, data->notes, data->source_url,
                              (const char * const *)data->tags, data->probe_flags,
                              data->max_size };
  g_autoptr(GPtrArray) results = NULL;

  if (data->job != NULL)
    co_job_start (data->job);
  results = co_importer_import_files (data->vault, (const char * const *)data->paths, &options,
                                      data->job, cancellable);
  if (data->job != NULL)
    {
      g_autoptr(GError) error = NULL;

      _co_importer_check_batch (results, data->job, cancellable, &error);
      co_job_finish (data->job, error);
    }
  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * co_importer_import_async:
 * @vault: a #CoVault
 * @paths: (array zero-terminated=1): the files to import
 * @options: (nullable): title, notes, source, tags and limits, applied to every file
 * @job: (nullable): a #CoJob to start, report progress to (a message naming
 *   each file) and finish
 * @cancellable: (nullable): a #GCancellable; the job's is used when %NULL
 * @callback: called on the caller's main context when done
 * @user_data: data for @callback
 *
 * Imports files one after the other in a worker thread, each as
 * co_importer_import_file() does.  One file failing never stops the others.
 * Cancelling stops before the next file.  Inputs are copied.
 */
void
co_importer_import_async (CoVault                *vault,
                          const char * const     *paths,
                          const CoImportOptions  *options,
                          CoJob                  *job,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (CO_IS_VAULT (vault));
  g_return_if_fail (paths != NULL);
  g_return_if_fail (job == NULL || CO_IS_JOB (job));

  data = g_new0 (ImportData, 1);
  data->vault = g_object_ref (vault);
  data->paths = g_strdupv ((char **)paths);
  data->job = job != NULL ? g_object_ref (job) : NULL;
  if (options != NULL)
    {
      data->title = g_strdup (options->title);
      data->notes = g_strdup (options->notes);
      data->source_url = g_strdup (options->source_url);
      data->tags = g_strdupv ((char **)options->tags);
      data->probe_flags = options->probe_flags;
      data->max_size = options->max_size;
    }

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_importer_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);
  /* Files imported before a cancellation are committed: the caller gets
   * their results rather than a bare "cancelled". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

/**
 * co_importer_import_finish:
 * @vault: a #CoVault
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CoImportResult): one result
 *   per path, in order; per-file failures are in the results, not in @error
 */
GPtrArray *
co_importer_import_finish (CoVault       *vault,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, vault), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == co_importer_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
