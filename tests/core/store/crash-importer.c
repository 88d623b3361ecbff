/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Helper for test-crash: imports distinct small files into the library in
 * DATA_DIR, forever, printing "ID SHA256" on stdout (flushed) only after
 * co_vault_import_file() has returned, i.e. after the import committed.
 * It prints "opening" first, just before it opens the library.  The test
 * kills it with SIGKILL once it has read a chosen number of lines.
 *
 * Usage: crash-importer DATA_DIR SOURCE_DIR FIRST_NUMBER
 */
#include "config.h"

#include <stdio.h>

#include "co-vault.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n;

  if (argc != 4)
    {
      g_printerr ("Usage: %s DATA_DIR SOURCE_DIR FIRST_NUMBER\n", argv[0]);
      return 2;
    }
  n = g_ascii_strtoull (argv[3], NULL, 10);
  printf ("opening\n");
  fflush (stdout);
  store = co_store_new (argv[1], NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  vault = co_vault_new (store);

  for (;; n++)
    {
      g_autofree char *name = g_strdup_printf ("file-%" G_GUINT64_FORMAT ".txt", n);
      g_autofree char *path = g_build_filename (argv[2], name, NULL);
      g_autofree char *content = g_strdup_printf ("content number %" G_GUINT64_FORMAT " %s", n,
                                                  "padding to make it a little file");
      CoVaultNewItem meta = { .type = CO_VAULT_TYPE_NOTE, .mime = "text/plain", .duration = -1,
                              .title = name };
      g_autoptr(CoVaultItem) item = NULL;
      gint64 id;

      if (!g_file_set_contents (path, content, -1, &error))
        break;
      id = co_vault_import_file (vault, path, &meta, NULL, NULL, &error);
      if (id == 0)
        break;
      item = co_vault_get (vault, id, &error);
      if (item == NULL)
        break;
      printf ("%" G_GINT64_FORMAT " %s\n", id, co_vault_item_get_sha256 (item));
      fflush (stdout);
    }
  g_printerr ("%s\n", error->message);
  return 1;
}
