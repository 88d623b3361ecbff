/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Helper for test-vault-purge: one vault operation in a process of its own,
 * as another CreatorOps process (the app beside the command line) would
 * run it on the same library.
 *
 * Usage: vault-helper DATA_DIR import FILE   prints "ID SHA256"
 *        vault-helper DATA_DIR trash ID
 *        vault-helper DATA_DIR purge          prints "ITEMS FILES BYTES"
 * Exits 0 on success, 1 with the error on standard error, 2 on bad usage.
 */
#include "config.h"

#include <stdio.h>

#include "co-vault.h"

static gboolean
import (CoVault     *vault,
        const char  *path,
        GError     **error)
{
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_NOTE, .mime = "text/plain", .duration = -1 };
  g_autoptr(CoVaultItem) item = NULL;
  gint64 id = co_vault_import_file (vault, path, &meta, NULL, NULL, error);

  if (id == 0 || (item = co_vault_get (vault, id, error)) == NULL)
    return FALSE;
  printf ("%" G_GINT64_FORMAT " %s\n", id, co_vault_item_get_sha256 (item));
  return TRUE;
}

static gboolean
purge (CoVault  *vault,
       GError  **error)
{
  CoVaultPurgeReport report = { 0 };

  if (!co_vault_purge (vault, &report, error))
    return FALSE;
  printf ("%u %u %" G_GINT64_FORMAT "\n", report.items, report.files, report.bytes);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (argc < 3 || (g_str_equal (argv[2], "purge") ? argc != 3 : argc != 4))
    {
      g_printerr ("Usage: %s DATA_DIR import FILE | trash ID | purge\n", argv[0]);
      return 2;
    }
  store = co_store_new (argv[1], NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  vault = co_vault_new (store);
  if (g_str_equal (argv[2], "import"))
    ok = import (vault, argv[3], &error);
  else if (g_str_equal (argv[2], "trash"))
    ok = co_vault_trash (vault, g_ascii_strtoll (argv[3], NULL, 10), &error);
  else
    ok = purge (vault, &error);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
