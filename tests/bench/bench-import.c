/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Import benchmark: 500 small, distinct PNG pictures through the importer
 * the app and the command line use (probe by content, SHA-256, copy with
 * flush and rename, thumbnail, perceptual hash, one durable transaction
 * each), in one batch as a drop of many files would run.  Prints files/s.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "co-importer.h"
#include "co-job.h"
#include "co-media.h"

#define N_FILES 500

static char *
write_picture (const char *dir,
               guint       index)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 160, 120);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("shot-%03u.png", index);
  char *path = g_build_filename (dir, name, NULL);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  /* A gradient whose direction and colour depend on the index: every file
   * is different content, so nothing is deduplicated away. */
  for (int y = 0; y < 120; y++)
    for (int x = 0; x < 160; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        p[0] = (x * (index % 7 + 1) + y) & 0xff;
        p[1] = (y * (index % 5 + 1) + index) & 0xff;
        p[2] = (x + y + index * 3) & 0xff;
      }
  if (!gdk_pixbuf_save (pixbuf, path, "png", &error, NULL))
    g_error ("Cannot write %s: %s", path, error->message);
  return path;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = co_importer_import_finish (CO_VAULT (object), result, &error);
  if (*out == NULL)
    g_error ("Import failed: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = g_dir_make_tmp ("co-bench-import-XXXXXX", NULL);
  g_autofree char *src = g_build_filename (root, "src", NULL);
  g_autofree char *lib = g_build_filename (root, "library", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoVault) vault = NULL;
  g_autoptr(CoJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cleanup = NULL;
  CoImportOptions options = { 0 };
  guint failed = 0;
  gint64 start, elapsed;

  co_media_init ();
  g_mkdir_with_parents (src, 0700);
  for (guint i = 0; i < N_FILES; i++)
    g_ptr_array_add (paths, write_picture (src, i));
  g_ptr_array_add (paths, NULL);

  store = co_store_new (lib, NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  vault = co_vault_new (store);
  job = co_job_new ("import", "Benchmark import");

  start = g_get_monotonic_time ();
  co_importer_import_async (vault, (const char * const *)paths->pdata, &options, job, NULL,
                            done_cb, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;

  for (guint i = 0; i < results->len; i++)
    failed += ((CoImportResult *)g_ptr_array_index (results, i))->error != NULL;
  printf ("vault-import: %d small PNG files (160x120) in %.2f s: %.1f files/s, %u failed\n",
          N_FILES, elapsed / 1e6, N_FILES / (elapsed / 1e6), failed);

  cleanup = g_strdup_printf ("rm -rf '%s'", root);
  if (system (cleanup) != 0)
    g_printerr ("Could not remove %s\n", root);
  return failed == 0 ? 0 : 1;
}
