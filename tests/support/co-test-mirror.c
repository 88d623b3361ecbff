/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-mirror-private.h"
#include "co-test-mirror.h"
#include "co-test-util.h"

/**
 * co_test_side_open:
 * @dir: a data folder
 *
 * Returns: (transfer full): the library in @dir, with its mirror
 */
CoTestSide *
co_test_side_open (const char *dir)
{
  CoTestSide *side = g_new0 (CoTestSide, 1);
  g_autoptr(GError) error = NULL;

  side->dir = g_strdup (dir);
  side->store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  side->vault = co_vault_new (side->store);
  side->drafts = co_drafts_new (side->store);
  side->schedule = co_schedule_new (side->drafts);
  side->mirror = co_mirror_new (side->store, &error);
  g_assert_no_error (error);
  return side;
}

/**
 * co_test_side_new:
 * @name: a name for the library's folder
 *
 * Returns: (transfer full): a new, empty library in a temporary folder
 */
CoTestSide *
co_test_side_new (const char *name)
{
  g_autofree char *dir = co_test_make_temp_dir (name);

  return co_test_side_open (dir);
}

void
co_test_side_free (CoTestSide *side)
{
  if (side == NULL)
    return;
  co_test_assert_finalized (g_steal_pointer (&side->mirror), 5000);
  co_test_assert_finalized (g_steal_pointer (&side->schedule), 5000);
  co_test_assert_finalized (g_steal_pointer (&side->drafts), 5000);
  co_test_assert_finalized (g_steal_pointer (&side->vault), 5000);
  co_test_assert_finalized (g_steal_pointer (&side->store), 5000);
  g_free (side->dir);
  g_free (side);
}

/**
 * co_test_side_count:
 * @side: a library
 * @sql: a query whose first column of its one row is a number
 *
 * Returns: the number
 */
gint64
co_test_side_count (CoTestSide *side,
                    const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (side->store);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (side->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/**
 * co_test_side_state:
 * @side: a library
 *
 * Every mirrored record that exists, as its document id, revision and body
 * (built from the tables): two libraries that converged have the same text.
 *
 * Returns: (transfer full): the state, one line per record
 */
char *
co_test_side_state (CoTestSide *side)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (side->store);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (side->store),
                                       "SELECT " CO_MIRROR_RECORD_COLUMNS " FROM mirror_records"
                                       " WHERE deleted = 0 ORDER BY doc_id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(CoMirrorRecord) record = _co_mirror_record_from_row (stmt);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) body = _co_mirror_build_body (side->store, record,
                                                         co_mirror_get_device (side->mirror),
                                                         &error);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      node = json_node_init_object (json_node_alloc (), body);
      text = json_to_string (node, FALSE);
      g_string_append_printf (out, "%s %s%s %s\n", record->doc_id, record->rev,
                              record->dirty ? "+" : "", text);
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

gint64
co_test_side_add_note (CoTestSide *side,
                       const char *title,
                       const char *tag)
{
  g_autoptr(GError) error = NULL;
  const char *tags[] = { tag, NULL };
  gint64 id = co_vault_add_note (side->vault, title, "Body of the note", tag ? tags : NULL,
                                 &error);

  g_assert_no_error (error);
  return id;
}

/* Imports @size bytes of noise from @seed into @vault as a video item
 * (unprobed), written first into @dir; returns the file's SHA-256. */
char *
co_test_vault_add_file (CoVault    *vault,
                        const char *dir,
                        const char *name,
                        gsize       size,
                        guint32     seed)
{
  g_autofree guint8 *data = g_malloc (size);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_VIDEO, .mime = "video/mp4", .title = name,
                          .original_name = name, .duration = -1, .created_at = 1000000 };
  GRand *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < size; i++)
    data[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  path = co_test_write_file (dir, name, data, size);
  g_assert_cmpint (co_vault_import_file (vault, path, &meta, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_unlink (path);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
}

/* Asserts that the file at @path holds @size bytes whose SHA-256 is @sha256
 * (@size -1: any size). */
void
co_test_assert_file_sha256 (const char *path,
                            gssize      size,
                            const char *sha256)
{
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  if (size >= 0)
    g_assert_cmpuint (length, ==, size);
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *)contents, length);
  g_assert_cmpstr (actual, ==, sha256);
}

/* co_test_vault_add_file() into @side's library. */
char *
co_test_side_add_file (CoTestSide *side,
                       const char *name,
                       gsize       size,
                       guint32     seed)
{
  return co_test_vault_add_file (side->vault, side->dir, name, size, seed);
}

/* A draft at the Draft stage for X and LinkedIn, linked to @item_id (or 0). */
gint64
co_test_side_add_draft (CoTestSide *side,
                        const char *title,
                        gint64      item_id)
{
  static const CoPlatform platforms[] = { CO_PLATFORM_X, CO_PLATFORM_LINKEDIN };
  g_autoptr(GError) error = NULL;
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, title, "The text of the post", platforms, 2,
                      item_id ? &item_id : NULL, item_id ? 1 : 0 };
  gint64 id = co_drafts_create (side->drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

void
co_test_side_schedule (CoTestSide *side,
                       gint64      draft_id,
                       CoPlatform  platform,
                       gint64      minutes_ahead)
{
  g_autoptr(GError) error = NULL;
  gint64 at = g_get_real_time () + minutes_ahead * G_TIME_SPAN_MINUTE;
  g_autoptr(CoScheduleEntry) entry = NULL;

  at -= at % G_TIME_SPAN_MINUTE;
  entry = co_schedule_add (side->schedule, draft_id, platform, at, "UTC", &error);
  g_assert_no_error (error);
}

/**
 * co_test_side_local_id:
 * @side: a library
 * @doc_id: a record's document id
 *
 * Returns: its row id here, or 0
 */
gint64
co_test_side_local_id (CoTestSide *side,
                       const char *doc_id)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (side->store);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (side->store),
                                       "SELECT coalesce (local_id, 0) FROM mirror_records"
                                       " WHERE doc_id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/**
 * co_test_side_title:
 * @side: a library
 * @doc_id: a vault item's or a draft's document id
 *
 * Returns: (transfer full) (nullable): its title here, %NULL when it is not here
 */
char *
co_test_side_title (CoTestSide *side,
                    const char *doc_id)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (side->store);
  sqlite3_stmt *stmt = NULL;
  char *title = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (side->store),
                                       "SELECT coalesce (v.title, d.title) FROM mirror_records m"
                                       " LEFT JOIN vault_items v ON m.kind = 'vault_item'"
                                       "  AND v.id = m.local_id"
                                       " LEFT JOIN drafts d ON m.kind = 'draft'"
                                       "  AND d.id = m.local_id"
                                       " WHERE m.doc_id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return title;
}

/**
 * co_test_side_exchange:
 * @from: a library
 * @to: another
 * @since: (inout): how far @from's changes were sent to @to
 *
 * Sends @from's changes straight to @to, as a push to a server and a pull
 * from it would, without the server: for the core's tests.
 */
void
co_test_side_exchange (CoTestSide *from,
                       CoTestSide *to,
                       gint64     *since)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  gint64 last = 0;

  docs = co_mirror_read_changes (from->mirror, *since, 1000, &last, &error);
  g_assert_no_error (error);
  g_assert_true (co_mirror_apply_docs (to->mirror, docs, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  *since = last;
}
