/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-store-error.h"
#include "co-store-private.h"
#include "co-task.h"

struct _CoStore
{
  GObject     parent_instance;

  char       *data_dir;
  char       *db_path;
  char       *open_report;
  int         max_version;
  gboolean    defer_check;
  gboolean    recovery;
  int         schema_version;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt */
  GRecMutex   mutex;
  int         tx_depth;
};

/* How long a write waits for another process's transaction before failing
 * with CO_STORE_ERROR_BUSY.  Transactions are short (files are copied
 * outside them), so a longer wait means a stuck process; a loaded machine
 * running eight at once still needs several seconds. */
#define BUSY_TIMEOUT_MS 30000
#define OPEN_BUSY_TIMEOUT_MS 120000

static void co_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoStore, co_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      co_store_initable_iface_init))

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_DEFER_CHECK,
  PROP_RECOVERY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CO_STORE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CO_STORE_ERROR_BUSY;
    case SQLITE_FULL:
      return CO_STORE_ERROR_FULL;
    case SQLITE_IOERR:
      return CO_STORE_ERROR_IO;
    case SQLITE_READONLY:
      return CO_STORE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return CO_STORE_ERROR_OPEN;
    default:
      return CO_STORE_ERROR_FAILED;
    }
}

/* I/O errors say more with the system's reason: a full disk or a
 * read-only one is not a failing disk. */
static int
error_code_for_db (CoStore *self,
                   int      rc)
{
  int code = error_code_for_sqlite (rc);
  int saved_errno = self->db != NULL ? sqlite3_system_errno (self->db) : 0;

  if (code != CO_STORE_ERROR_IO && code != CO_STORE_ERROR_OPEN && code != CO_STORE_ERROR_CORRUPT)
    return code;
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    return CO_STORE_ERROR_FULL;
  if (saved_errno == EROFS)
    return CO_STORE_ERROR_READ_ONLY;
  if (code == CO_STORE_ERROR_IO && _co_store_space_is_low (self))
    return CO_STORE_ERROR_FULL;
  return code;
}

static void
free_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static gboolean
read_schema_version (CoStore  *self,
                     int      *out_version,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_co_store_exec (self,
                       "CREATE TABLE IF NOT EXISTS schema_migrations ("
                       "  version INTEGER PRIMARY KEY NOT NULL,"
                       "  applied_at INTEGER NOT NULL)",
                       error))
    return FALSE;

  stmt = _co_store_prepare (self, "SELECT coalesce (max (version), 0) FROM schema_migrations",
                            error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _co_store_set_error (self, error, _("reading the schema version"));
      return FALSE;
    }
  *out_version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Runs one migration inside the transaction migrate() holds. */
static gboolean
apply_migration (CoStore     *self,
                 int          version,
                 const char  *sql,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self,
                            "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                            error);
  if (stmt == NULL || !_co_store_exec (self, sql, error))
    goto fail;

  sqlite3_bind_int (stmt, 1, version);
  sqlite3_bind_int64 (stmt, 2, _co_store_now ());
  if (!_co_store_step_done (self, stmt, error))
    goto fail;

  g_debug ("Upgraded %s to schema version %d", self->db_path, version);
  return TRUE;

fail:
  g_prefix_error (error, _("Cannot upgrade “%s” to schema version %d: "), self->db_path, version);
  return FALSE;
}

/* A rebuilt table must leave no row pointing nowhere. */
static gboolean
check_foreign_keys (CoStore  *self,
                    GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_FAILED,
               _("Cannot upgrade “%s”: rows refer to missing rows after the upgrade"),
               self->db_path);
  return FALSE;
}

static gboolean check_on_open (CoStore  *self,
                               GError  **error);

static gboolean
migrate_locked (CoStore  *self,
                GError  **error)
{
  const char *const *steps;
  int n_steps;
  int version;
  int first;

  if (!read_schema_version (self, &version, error))
    return FALSE;

  steps = _co_schema_get_migrations (&n_steps);
  if (version > n_steps)
    {
      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_TOO_NEW,
                   _("“%s” uses schema version %d, but this CreatorOps only knows up to %d"),
                   self->db_path, version, n_steps);
      return FALSE;
    }

  /* A deferred check still runs before anything is written to the file. */
  if (version < self->max_version && self->defer_check && self->open_report == NULL &&
      !check_on_open (self, error))
    return FALSE;

  for (first = version; version < self->max_version; version++)
    {
      if (!apply_migration (self, version + 1, steps[version], error))
        return FALSE;
    }
  if (version > first && !check_foreign_keys (self, error))
    return FALSE;

  self->schema_version = version;
  return TRUE;
}

/* Migrations run in one exclusive transaction: of several processes opening
 * a library at once, one upgrades it and the others wait for the lock and
 * then find the finished schema.  The same transaction checks that the
 * database is the one of the folder's stored files, so that an import in
 * another process cannot slip a file in between. */
static gboolean
migrate (CoStore  *self,
         GError  **error)
{
  gboolean ok;

  /* Rebuilding a table drops it, which must not cascade to the rows that
   * refer to it; the switch only takes effect outside a transaction. */
  if (!_co_store_exec (self, "PRAGMA foreign_keys = OFF", error) ||
      !_co_store_begin (self, error))
    return FALSE;
  ok = migrate_locked (self, error) &&
       (self->recovery || self->max_version < CO_STORE_SCHEMA_VERSION ||
        _co_store_check_not_lost (self, error));
  if (ok)
    ok = _co_store_commit (self, error);
  else
    _co_store_rollback (self);
  /* The error of a failed upgrade matters more than this one. */
  return _co_store_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL) && ok;
}

/* A quick check at every start: a damaged database is reported and left
 * exactly as it is, so that the user (or a backup tool) can still rescue it. */
static gboolean
check_on_open (CoStore  *self,
               GError  **error)
{
  g_autofree char *report = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!co_store_check_integrity (self, FALSE, &report, &local_error))
    {
      if (g_error_matches (local_error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT))
        g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT,
                     _("The library database “%s” is damaged and was not changed: %s"),
                     self->db_path, local_error->message);
      else
        g_set_error (error, CO_STORE_ERROR, local_error->code,
                     _("Cannot read the library database “%s”: %s"),
                     self->db_path, local_error->message);
      return FALSE;
    }

  self->open_report = g_steal_pointer (&report);
  return TRUE;
}

static gboolean
configure_connection (CoStore  *self,
                      GError  **error)
{
  /* Opening waits for another process's upgrade of the library, however
   * long it takes to rebuild a large table. */
  sqlite3_busy_timeout (self->db, OPEN_BUSY_TIMEOUT_MS);

  if (!self->defer_check && !check_on_open (self, error))
    return FALSE;

  /* WAL with synchronous=FULL makes every committed transaction durable across
   * a crash or power loss, while readers never block the writer.  The page
   * cache stays at SQLite's default (2 MiB): a larger one made month queries
   * of the calendar faster, but every large result written (a waveform, a
   * transcript) then filled it with dirty pages before they spilled, tens of
   * MiB more memory per library (test-analysis-cache's streamed-memory case
   * caught it at 32 MiB); memory mapping would turn an I/O error into SIGBUS. */
  return _co_store_exec (self,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = FULL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA temp_store = MEMORY;",
                         error);
}

static gboolean
open_database (CoStore  *self,
               GError  **error)
{
  int rc = sqlite3_open_v2 (self->db_path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                            NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, CO_STORE_ERROR, error_code_for_db (self, rc),
                   _("Cannot open the library database “%s”: %s"),
                   self->db_path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  if (!_co_store_add_words_tokenizer (self->db, self->db_path, error))
    return FALSE;
  /* The tokenizer proved that FTS5 is there, so only memory can fail. */
  if (!_co_store_add_rank_function (self->db))
    {
      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_FAILED,
                   _("Cannot open the library database “%s”: %s"), self->db_path,
                   sqlite3_errstr (SQLITE_NOMEM));
      return FALSE;
    }
  return TRUE;
}

/* Opening, switching to WAL and migrating run one process at a time, under a
 * lock on the library folder.  SQLite's busy handler cannot settle every race
 * of several first opens: two processes that both read the new file and then
 * both ask for the lock that changes its journal mode would deadlock, so
 * SQLite fails one of them at once with "database is locked".  The lock goes
 * with the process, so a process killed while it holds it frees it. */
static gboolean
open_serialised (CoStore  *self,
                 GError  **error)
{
  int fd = g_open (self->data_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd >= 0)
    while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
      ;
  ok = open_database (self, error) && configure_connection (self, error) &&
       migrate (self, error);
  if (fd >= 0)
    close (fd);
  return ok;
}

static gboolean
co_store_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  CoStore *self = CO_STORE (initable);
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self);

  if (self->data_dir == NULL)
    self->data_dir = co_store_dup_default_data_dir ();
  self->db_path = g_build_filename (self->data_dir, "creatorops.db", NULL);

  if (!_co_store_check_folder (self, self->db_path, error) ||
      !_co_store_prepare_database (self, self->db_path, self->recovery, error))
    return FALSE;
  /* On a full disk SQLite cannot even make its shared-memory file. */
  if (_co_store_space_is_low (self))
    _co_store_release_reserve (self);

  if (!open_serialised (self, error))
    return FALSE;
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  _co_store_ensure_reserve (self);
  return TRUE;
}

static void
co_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = co_store_initable_init;
}

static void
co_store_finalize (GObject *object)
{
  CoStore *self = (CoStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Closing runs a checkpoint, which keeps the WAL file small. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->open_report, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (co_store_parent_class)->finalize (object);
}

static void
co_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CoStore *self = CO_STORE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_DEFER_CHECK:
      g_value_set_boolean (value, self->defer_check);
      break;
    case PROP_RECOVERY:
      g_value_set_boolean (value, self->recovery);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CoStore *self = CO_STORE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      /* Absolute from the start: every path made from it (stored files,
       * named export copies that editors open) must not depend on the
       * folder a command was started in. */
      if (g_value_get_string (value) != NULL)
        self->data_dir = g_canonicalize_filename (g_value_get_string (value), NULL);
      break;
    case PROP_DEFER_CHECK:
      self->defer_check = g_value_get_boolean (value);
      break;
    case PROP_RECOVERY:
      self->recovery = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_store_class_init (CoStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = co_store_finalize;
  object_class->get_property = co_store_get_property;
  object_class->set_property = co_store_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CoStore:defer-check:
   *
   * Skips the integrity check when opening an up-to-date database, for a
   * caller that runs co_store_check_integrity() itself once it has shown
   * something (the app, so that a large library does not delay the first
   * frame).  Databases that need an upgrade are still checked before it.
   */
  properties[PROP_DEFER_CHECK] =
    g_param_spec_boolean ("defer-check", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CoStore:recovery:
   *
   * Opens a library whose database is missing or empty although the
   * folder holds stored files, which is otherwise refused with
   * %CO_STORE_ERROR_NO_DATABASE.  Only for co_vault_recover(), which
   * records the stored files again.
   */
  properties[PROP_RECOVERY] =
    g_param_spec_boolean ("recovery", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_store_init (CoStore *self)
{
  g_rec_mutex_init (&self->mutex);
  self->max_version = CO_STORE_SCHEMA_VERSION;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_statement);
}

/* Layer-internal API */

sqlite3 *
_co_store_get_db (CoStore *self)
{
  return self->db;
}

GRecMutexLocker *
_co_store_lock (CoStore *self)
{
  return g_rec_mutex_locker_new (&self->mutex);
}

gint64
_co_store_now (void)
{
  return g_get_real_time ();
}

void
_co_store_set_error (CoStore     *self,
                     GError     **error,
                     const char  *what)
{
  int rc = sqlite3_extended_errcode (self->db);

  g_set_error (error, CO_STORE_ERROR, error_code_for_db (self, rc),
               _("Database error while %s in “%s”: %s"),
               what, self->db_path, sqlite3_errmsg (self->db));
}

sqlite3_stmt *
_co_store_prepare (CoStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _co_store_set_error (self, error, _("preparing a query"));
      g_warning ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_co_store_exec (CoStore     *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CO_STORE_ERROR, error_code_for_db (self, rc),
                   _("Database error in “%s”: %s"), self->db_path, message ? message : "");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_co_store_step_done (CoStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  _co_store_set_error (self, error, _("writing"));
  return FALSE;
}

/* Transactions nest: the outermost one is BEGIN IMMEDIATE, so that a writer
 * takes the lock up front instead of failing halfway; inner ones are
 * savepoints. */
gboolean
_co_store_begin (CoStore  *self,
                 GError  **error)
{
  const char *sql = self->tx_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT co_nested";

  if (!_co_store_exec (self, sql, error))
    return FALSE;
  self->tx_depth++;
  return TRUE;
}

gboolean
_co_store_commit (CoStore  *self,
                  GError  **error)
{
  const char *sql;

  g_assert (self->tx_depth > 0);
  sql = self->tx_depth == 1 ? "COMMIT" : "RELEASE co_nested";
  if (!_co_store_exec (self, sql, error))
    {
      _co_store_rollback (self);
      return FALSE;
    }
  self->tx_depth--;
  return TRUE;
}

void
_co_store_rollback (CoStore *self)
{
  g_assert (self->tx_depth > 0);

  if (self->tx_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO co_nested; RELEASE co_nested", NULL, NULL, NULL);
  self->tx_depth--;
}

static gboolean
write_once (CoStore           *self,
            CoStoreWriteFunc   func,
            gpointer           data,
            GError           **error)
{
  if (!_co_store_begin (self, error))
    return FALSE;
  if (!func (self, data, error))
    {
      _co_store_rollback (self);
      return FALSE;
    }
  return _co_store_commit (self, error);
}

/**
 * _co_store_write:
 * @self: a #CoStore
 * @func: (scope call): does the work inside the transaction
 * @data: passed to @func
 * @error: return location for a #GError
 *
 * Runs @func in a write transaction under the store's lock.  When the disk
 * is full, the space reserve is released and @func runs once more: work
 * that frees space (trash, purge) must run exactly then.  @func must
 * therefore start from scratch each time it is called.
 *
 * Returns: %TRUE if @func succeeded and the transaction committed
 */
gboolean
_co_store_write (CoStore           *self,
                 CoStoreWriteFunc   func,
                 gpointer           data,
                 GError           **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self);
  g_autoptr(GError) local_error = NULL;

  if (write_once (self, func, data, &local_error))
    return TRUE;
  if (g_error_matches (local_error, CO_STORE_ERROR, CO_STORE_ERROR_FULL) &&
      _co_store_release_reserve (self))
    {
      g_clear_error (&local_error);
      if (write_once (self, func, data, &local_error))
        return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * co_store_write_together:
 * @self: a #CoStore
 * @func: (scope call): the writes, through any of the library's APIs
 * @data: passed to @func
 * @error: return location for a #GError
 *
 * Runs @func in one write transaction under the store's lock, for writes of
 * two features that must stand or fall together (an outbox operation and
 * the publish log's record of it): when @func fails, or the program dies
 * before the commit, none of them is kept.  The writes inside nest as
 * savepoints.  @func may run twice when the disk was full (see
 * _co_store_write()), so it starts from scratch each time.
 *
 * Returns: %TRUE if @func succeeded and the transaction committed, else
 *   %FALSE with @func's error or a %CO_STORE_ERROR
 */
gboolean
co_store_write_together (CoStore           *self,
                         CoStoreWriteFunc   func,
                         gpointer           data,
                         GError           **error)
{
  g_return_val_if_fail (CO_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return _co_store_write (self, func, data, error);
}

/**
 * _co_store_new_at_version:
 * @data_dir: the data folder
 * @version: the schema version to stop at
 * @error: return location for a #GError
 *
 * Opens a store but migrates it only up to @version.  Tests use this to make
 * databases of every earlier schema and check that they upgrade.
 *
 * Returns: (transfer full) (nullable): the store
 */
CoStore *
_co_store_new_at_version (const char  *data_dir,
                          int          version,
                          GError     **error)
{
  g_autoptr(CoStore) self = g_object_new (CO_TYPE_STORE, "data-dir", data_dir, NULL);

  self->max_version = version;
  if (!g_initable_init (G_INITABLE (self), NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Public API */

/**
 * co_store_dup_default_data_dir:
 *
 * Gets the folder that holds the library when none is given: the value of
 * `CREATOROPS_DATA_DIR` if set, otherwise `$XDG_DATA_HOME/creatorops`.
 *
 * Returns: (transfer full): the folder path
 */
char *
co_store_dup_default_data_dir (void)
{
  const char *env = g_getenv ("CREATOROPS_DATA_DIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "creatorops", NULL);
}

/**
 * co_store_new:
 * @data_dir: (nullable): the library folder, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens (creating if needed) the library in @data_dir: checks the database's
 * integrity and upgrades its schema.  A damaged database is never modified.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   (%CO_STORE_ERROR_OPEN, %CO_STORE_ERROR_CORRUPT, %CO_STORE_ERROR_TOO_NEW…)
 */
CoStore *
co_store_new (const char    *data_dir,
              GCancellable  *cancellable,
              GError       **error)
{
  return g_initable_new (CO_TYPE_STORE, cancellable, error, "data-dir", data_dir, NULL);
}

/**
 * co_store_new_for_recovery:
 * @data_dir: (nullable): the library folder, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens the library like co_store_new(), but accepts a folder whose
 * database is missing or empty although it holds stored files (creating
 * the database), for co_vault_recover() to record them again.  Everything
 * else is checked as usual.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
CoStore *
co_store_new_for_recovery (const char    *data_dir,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return g_initable_new (CO_TYPE_STORE, cancellable, error, "data-dir", data_dir,
                         "recovery", TRUE, NULL);
}

/**
 * co_store_get_data_dir:
 * @self: a #CoStore
 *
 * Returns: (transfer none): the library folder
 */
const char *
co_store_get_data_dir (CoStore *self)
{
  g_return_val_if_fail (CO_IS_STORE (self), NULL);
  return self->data_dir;
}

/**
 * co_store_get_database_path:
 * @self: a #CoStore
 *
 * Returns: (transfer none): the path of the SQLite database file
 */
const char *
co_store_get_database_path (CoStore *self)
{
  g_return_val_if_fail (CO_IS_STORE (self), NULL);
  return self->db_path;
}

/**
 * co_store_get_schema_version:
 * @self: a #CoStore
 *
 * Returns: the schema version of the open database
 */
int
co_store_get_schema_version (CoStore *self)
{
  g_return_val_if_fail (CO_IS_STORE (self), 0);
  return self->schema_version;
}

/**
 * co_store_get_open_report:
 * @self: a #CoStore
 *
 * Gets what the integrity check found when the store was opened, in words a
 * person can read ("ok" for a healthy database).
 *
 * Returns: (transfer none) (nullable): the report, or %NULL when the check
 *   was deferred
 */
const char *
co_store_get_open_report (CoStore *self)
{
  g_return_val_if_fail (CO_IS_STORE (self), NULL);
  return self->open_report;
}

/* Why the check could not run: a full or read-only disk is not a damaged
 * database. */
static void
set_check_error (CoStore  *self,
                 int       rc,
                 GError  **error)
{
  int code = error_code_for_db (self, rc);

  g_set_error (error, CO_STORE_ERROR, code == CO_STORE_ERROR_FAILED ? CO_STORE_ERROR_CORRUPT : code,
               "%s",
               (rc & 0xff) == SQLITE_NOTADB ? _("the file is not a database")
               : code == CO_STORE_ERROR_FULL ? _("the disk is full")
               : sqlite3_errmsg (self->db));
}

/**
 * co_store_check_integrity:
 * @self: a #CoStore
 * @full: %TRUE for SQLite's full integrity_check, %FALSE for quick_check
 * @report: (out) (optional) (transfer full): "ok" when healthy
 * @error: return location for a #GError
 *
 * Checks the database file.  Fails with %CO_STORE_ERROR_CORRUPT and the
 * problems found when the database is damaged or not a database at all.
 *
 * Returns: %TRUE if the database is healthy
 */
gboolean
co_store_check_integrity (CoStore   *self,
                          gboolean   full,
                          char     **report,
                          GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (self), FALSE);

  locker = _co_store_lock (self);
  rc = sqlite3_prepare_v2 (self->db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;
      if (found->len > 0)
        g_string_append (found, "; ");
      g_string_append (found, (const char *)sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_check_error (self, rc, error);
      return FALSE;
    }
  if (g_strcmp0 (found->str, "ok") != 0)
    {
      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT, "%s", found->str);
      return FALSE;
    }

  if (report != NULL)
    *report = g_string_free (g_steal_pointer (&found), FALSE);
  return TRUE;
}

/* The async edge: the app opens and checks its library off the main thread. */

typedef struct
{
  char             *data_dir;
  CoStoreOpenFlags  flags;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->data_dir);
  g_free (data);
}

static void
new_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  CoStore *store;

  store = g_initable_new (CO_TYPE_STORE, cancellable, &error, "data-dir", data->data_dir,
                          "defer-check", (data->flags & CO_STORE_OPEN_DEFER_CHECK) != 0, NULL);
  co_task_return (task, store, g_object_unref, error);
}

/**
 * co_store_new_async:
 * @data_dir: (nullable): the library folder, or %NULL for the default
 * @flags: %CO_STORE_OPEN_DEFER_CHECK to leave the integrity check of an
 *   up-to-date database to co_store_check_integrity_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when the store is open
 * @user_data: data for @callback
 *
 * Opens the library as co_store_new() does, in a worker thread.
 */
void
co_store_new_async (const char          *data_dir,
                    CoStoreOpenFlags     flags,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data = g_new0 (OpenData, 1);

  data->data_dir = g_strdup (data_dir);
  data->flags = flags;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_store_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify)open_data_free);
  g_task_run_in_thread (task, new_in_thread);
}

/**
 * co_store_new_finish:
 * @result: the result given to the callback of co_store_new_async()
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set,
 *   as co_store_new() fails
 */
CoStore *
co_store_new_finish (GAsyncResult  *result,
                     GError       **error)
{
  return co_task_propagate (result, NULL, co_store_new_async, error);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  char *report = NULL;

  co_store_check_integrity (source_object, GPOINTER_TO_INT (task_data), &report, &error);
  co_task_return (task, report, g_free, error);
}

/**
 * co_store_check_integrity_async:
 * @self: a #CoStore
 * @full: %TRUE for SQLite's full integrity_check, %FALSE for quick_check
 * @cancellable: (nullable): a #GCancellable; the check itself runs to its end
 * @callback: called on the caller's main context when the check is done
 * @user_data: data for @callback
 *
 * Runs co_store_check_integrity() in a worker thread: it reads the whole
 * database, which takes a while for a large library.
 */
void
co_store_check_integrity_async (CoStore             *self,
                                gboolean             full,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CO_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_store_check_integrity_async);
  g_task_set_task_data (task, GINT_TO_POINTER (full != FALSE), NULL);
  g_task_run_in_thread (task, check_in_thread);
}

/**
 * co_store_check_integrity_finish:
 * @self: a #CoStore
 * @result: the result given to the callback
 * @report: (out) (optional) (transfer full): "ok" when healthy
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the database is healthy; otherwise @error is set as
 *   co_store_check_integrity() sets it, or to %G_IO_ERROR_CANCELLED
 */
gboolean
co_store_check_integrity_finish (CoStore       *self,
                                 GAsyncResult  *result,
                                 char         **report,
                                 GError       **error)
{
  g_autofree char *found = co_task_propagate (result, self, co_store_check_integrity_async, error);

  if (found == NULL)
    return FALSE;
  if (report != NULL)
    *report = g_steal_pointer (&found);
  return TRUE;
}

/**
 * co_store_dup_setting:
 * @self: a #CoStore
 * @key: the setting's name
 *
 * Reads a per-library setting (the storage quota, for example).
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if unset
 */
char *
co_store_dup_setting (CoStore    *self,
                      const char *key)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  locker = _co_store_lock (self);
  /* A failure to prepare is logged by the store; an unreadable setting reads as unset. */
  stmt = _co_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/**
 * co_store_set_setting:
 * @self: a #CoStore
 * @key: the setting's name
 * @value: (nullable): the new value, or %NULL to unset
 * @error: return location for a #GError
 *
 * Writes a per-library setting durably.
 *
 * Returns: %TRUE on success
 */
gboolean
co_store_set_setting (CoStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  locker = _co_store_lock (self);
  if (value == NULL)
    stmt = _co_store_prepare (self, "DELETE FROM settings WHERE key = ?", error);
  else
    stmt = _co_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?, ?) "
                                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (self, stmt, error);
}
