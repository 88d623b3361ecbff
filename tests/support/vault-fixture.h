/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the store and vault test binaries: a fresh library, a folder
 * of source files, and direct SQL for checks the public API cannot make. */

#include <glib/gstdio.h>

#include "co-assets.h"
#include "co-store-private.h"
#include "co-test-util.h"
#include "co-vault.h"

typedef struct
{
  CoStore *store;
  CoVault *vault;
  char    *src_dir;
  guint    n_changed;
} VaultFixture;

static inline void
changed_cb (CoVault      *vault,
            VaultFixture *fx)
{
  fx->n_changed++;
}

static inline void
vault_fixture_set_up (VaultFixture  *fx,
                      gconstpointer  data)
{
  fx->store = co_test_store_new ();
  fx->vault = co_vault_new (fx->store);
  fx->src_dir = co_test_make_temp_dir ("src");
  g_signal_connect (fx->vault, "changed", G_CALLBACK (changed_cb), fx);
}

static inline void
vault_fixture_tear_down (VaultFixture  *fx,
                         gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fx->vault));
  g_assert_finalize_object (g_steal_pointer (&fx->store));
  g_free (fx->src_dir);
}

static inline gint64
sql_int (CoStore    *store,
         const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static inline void
sql_exec (CoStore    *store,
          const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(GError) error = NULL;

  _co_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

/* Imports @content as a file named @name with hand-made metadata. */
static inline gint64
import_bytes (VaultFixture        *fx,
              const char          *name,
              const char          *content,
              CoVaultType          type,
              const char * const  *tags,
              gboolean            *out_duplicate,
              GError             **error)
{
  g_autofree char *path = co_test_write_file (fx->src_dir, name, content, -1);
  CoVaultNewItem meta = {
    .type = type,
    .mime = type == CO_VAULT_TYPE_IMAGE ? "image/png"
          : type == CO_VAULT_TYPE_VIDEO ? "video/webm"
          : type == CO_VAULT_TYPE_AUDIO ? "audio/x-wav" : "text/plain",
    .original_name = name,
    .duration = -1,
    .tags = tags,
  };

  return co_vault_import_file (fx->vault, path, &meta, out_duplicate, NULL, error);
}

static inline gint64
add_note (VaultFixture *fx,
          const char   *title,
          const char   *body)
{
  g_autoptr(GError) error = NULL;
  gint64 id = co_vault_add_note (fx->vault, title, body, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline gint64
search_count (VaultFixture *fx,
              const char   *words)
{
  CoVaultQuery query = { .search = words };
  g_autoptr(GError) error = NULL;
  gint64 n = co_vault_count (fx->vault, &query, &error);

  g_assert_no_error (error);
  return n;
}

/* The ids a query lists, in order, as a string like "3 1 2". */
static inline char *
list_ids (VaultFixture       *fx,
          const CoVaultQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = co_vault_list (fx->vault, query, 0, 1000, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            co_vault_item_get_id (g_ptr_array_index (items, i)));
  g_assert_cmpint (co_vault_count (fx->vault, query, NULL), ==, items->len);
  return g_string_free (out, FALSE);
}

#define VAULT_TEST(path, func) \
  g_test_add (path, VaultFixture, NULL, vault_fixture_set_up, func, vault_fixture_tear_down)
