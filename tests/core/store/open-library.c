/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Helper for test-store-concurrent and the open benchmark: waits until its
 * standard input closes (the parent releases every process at once), then
 * opens the library in DATA_DIR, which may create or upgrade it, and adds
 * a note.  Prints the schema version it found.
 *
 * Usage: open-library DATA_DIR
 * Exits 0 on success, 1 with the error on standard error.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "co-store.h"
#include "co-vault.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[16];

  if (argc != 2)
    {
      g_printerr ("Usage: %s DATA_DIR\n", argv[0]);
      return 2;
    }
  while (read (STDIN_FILENO, buffer, sizeof buffer) > 0)
    ;
  store = co_store_new (argv[1], NULL, &error);
  if (store != NULL)
    {
      vault = co_vault_new (store);
      co_vault_add_note (vault, NULL, "Written by one of several processes", NULL, &error);
    }
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("%d\n", co_store_get_schema_version (store));
  return 0;
}
