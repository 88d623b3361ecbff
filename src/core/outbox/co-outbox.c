/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "co-error.h"
#include "co-outbox.h"
#include "co-outbox-private.h"
#include "co-store-error.h"
#include "co-store-private.h"

struct _CoOutbox
{
  GObject  parent_instance;

  CoStore *store;
};

G_DEFINE_FINAL_TYPE (CoOutbox, co_outbox, G_TYPE_OBJECT)

struct _CoOutboxLock
{
  CoOutbox *outbox;
  int       fd;
};

/* Operations whose kind is in the JSON array ?1 and that wait for nothing. */
#define DUE_WHERE \
  "o.state = 'pending' AND o.kind IN (SELECT value FROM json_each (?1)) " \
  "AND (o.after_id IS NULL OR EXISTS (SELECT 1 FROM outbox p " \
  "                                   WHERE p.id = o.after_id AND p.state = 'done')) "

static void
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_NOT_FOUND,
               _("No outbox operation has the id %lld"), (long long)id);
}

static char *
kinds_to_json (const char * const *kinds)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    json_array_add_string_element (array, kinds[i]);
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

static void
bind_error (sqlite3_stmt *stmt,
            int           first,
            const GError *error)
{
  sqlite3_bind_text (stmt, first, g_quark_to_string (error->domain), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, first + 1, error->code);
  sqlite3_bind_text (stmt, first + 2, error->message, -1, SQLITE_TRANSIENT);
}

static gboolean
check_request (const CoOutboxRequest  *request,
               GError                **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (request->kind == NULL || request->kind[0] == '\0')
    {
      g_set_error_literal (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                           _("An outbox operation needs a kind"));
      return FALSE;
    }
  node = request->payload != NULL ? json_from_string (request->payload, NULL) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                   _("The payload of a “%s” operation must be a JSON object"), request->kind);
      return FALSE;
    }
  if (request->max_attempts < 0 || (request->key != NULL && request->key[0] == '\0'))
    {
      g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                   _("A “%s” operation needs a key that is not empty and a positive number "
                     "of attempts"), request->kind);
      return FALSE;
    }
  return TRUE;
}

/* Runs one statement whose only parameter, ?1, is the time. */
static gboolean
exec_at (CoStore     *store,
         const char  *sql,
         gint64       now,
         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  return _co_store_step_done (store, stmt, error);
}

static void
co_outbox_finalize (GObject *object)
{
  CoOutbox *self = (CoOutbox *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (co_outbox_parent_class)->finalize (object);
}

static void
co_outbox_class_init (CoOutboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_outbox_finalize;
}

static void
co_outbox_init (CoOutbox *self)
{
}

/* Reads operation @id; the caller holds the store's lock. */
static CoOutboxOperation *
get_locked (CoOutbox  *self,
            gint64     id,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store, "SELECT " CO_OUTBOX_COLUMNS " FROM outbox WHERE id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_not_found (error, id);
      return NULL;
    }
  return _co_outbox_operation_new_from_row (stmt);
}

static CoOutboxOperation *
get_by_key_locked (CoOutbox   *self,
                   const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* NULL: a failure to prepare is logged by the store; the caller reports it. */
  stmt = _co_store_prepare (self->store,
                            "SELECT " CO_OUTBOX_COLUMNS " FROM outbox WHERE idempotency_key = ?",
                            NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return _co_outbox_operation_new_from_row (stmt);
}

/* The same key queued again is the same operation, so that a caller who crashed
 * between queuing and noting it down can simply queue it again. */
static CoOutboxOperation *
reuse_key_locked (CoOutbox               *self,
                  const CoOutboxRequest  *request,
                  GError                **error)
{
  g_autoptr(CoOutboxOperation) known = get_by_key_locked (self, request->key);

  if (known == NULL)
    {
      _co_store_set_error (self->store, error, _("queuing an outbox operation"));
      return NULL;
    }
  if (g_strcmp0 (co_outbox_operation_get_kind (known), request->kind) != 0 ||
      g_strcmp0 (co_outbox_operation_get_payload (known), request->payload) != 0)
    {
      g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID,
                   _("The idempotency key “%s” is already used by outbox operation %lld, "
                     "which does something else"),
                   request->key, (long long)co_outbox_operation_get_id (known));
      return NULL;
    }
  return g_steal_pointer (&known);
}

static gboolean
check_after_locked (CoOutbox  *self,
                    gint64     after_id,
                    GError   **error)
{
  g_autoptr(CoOutboxOperation) after = NULL;

  if (after_id == 0)
    return TRUE;
  after = get_locked (self, after_id, error);
  if (after == NULL)
    g_prefix_error (error, _("The operation to wait for is missing: "));
  return after != NULL;
}

static CoOutboxOperation *
insert_locked (CoOutbox               *self,
               const CoOutboxRequest  *request,
               const char             *key,
               gint64                  now,
               GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int attempts = request->max_attempts > 0 ? request->max_attempts : CO_OUTBOX_DEFAULT_ATTEMPTS;

  stmt = _co_store_prepare (self->store,
                            "INSERT INTO outbox (idempotency_key, kind, account_id, after_id, "
                            "  payload, marker, state, max_attempts, budget, next_attempt_at, "
                            "  created_at, updated_at) "
                            "VALUES (?1, ?2, nullif (?3, 0), nullif (?4, 0), ?5, ?6, 'pending', "
                            "  ?7, ?7, ?8, ?9, ?9) "
                            "ON CONFLICT (idempotency_key) DO NOTHING "
                            "RETURNING " CO_OUTBOX_COLUMNS,
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, request->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, request->account_id);
  sqlite3_bind_int64 (stmt, 4, request->after_id);
  sqlite3_bind_text (stmt, 5, request->payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, request->marker, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, attempts);
  sqlite3_bind_int64 (stmt, 8, MAX (request->not_before, now));
  sqlite3_bind_int64 (stmt, 9, now);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return _co_outbox_operation_new_from_row (stmt);
    case SQLITE_DONE:
      {
        CoOutboxRequest same = *request;

        same.key = key;
        return reuse_key_locked (self, &same, error);
      }
    default:
      _co_store_set_error (self->store, error, _("queuing an outbox operation"));
      return NULL;
    }
}

/**
 * co_outbox_new:
 * @store: the library
 *
 * Returns: (transfer full): the outbox of @store
 */
CoOutbox *
co_outbox_new (CoStore *store)
{
  CoOutbox *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * co_outbox_get_store:
 * @self: a #CoOutbox
 *
 * Returns: (transfer none): the library the outbox is kept in
 */
CoStore *
co_outbox_get_store (CoOutbox *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);
  return self->store;
}

/**
 * co_outbox_enqueue:
 * @self: a #CoOutbox
 * @request: what to queue
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Queues an operation durably: once this returns, it will be sent even if the
 * program is killed at once.  Queuing a key that is already there returns the
 * operation queued first, whatever its state.
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL with
 *   %CO_OUTBOX_ERROR_INVALID, %CO_OUTBOX_ERROR_NOT_FOUND (for @after_id) or a
 *   %CO_STORE_ERROR
 */
CoOutboxOperation *
co_outbox_enqueue (CoOutbox               *self,
                   const CoOutboxRequest  *request,
                   gint64                  now,
                   GError                **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!check_request (request, error))
    return NULL;
  key = request->key != NULL ? g_strdup (request->key) : g_uuid_string_random ();
  locker = _co_store_lock (self->store);
  if (!check_after_locked (self, request->after_id, error))
    return NULL;
  return insert_locked (self, request, key, now, error);
}

/**
 * co_outbox_get:
 * @self: a #CoOutbox
 * @id: an operation id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL with
 *   %CO_OUTBOX_ERROR_NOT_FOUND
 */
CoOutboxOperation *
co_outbox_get (CoOutbox  *self,
               gint64     id,
               GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);

  locker = _co_store_lock (self->store);
  return get_locked (self, id, error);
}

/**
 * co_outbox_list:
 * @self: a #CoOutbox
 * @states: a mask of CO_OUTBOX_STATE_BIT()s, or 0 for every state but discarded
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the operations in those states, oldest first,
 *   as #CoOutboxOperation items
 */
GListModel *
co_outbox_list (CoOutbox  *self,
                guint      states,
                GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (CO_TYPE_OUTBOX_OPERATION);
  int rc;

  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);

  if (states == 0)
    states = ~CO_OUTBOX_STATE_BIT (CO_OUTBOX_DISCARDED);
  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "SELECT " CO_OUTBOX_COLUMNS " FROM outbox "
                            "WHERE ((1 << (CASE state WHEN 'pending' THEN 0 WHEN 'sending' "
                            "  THEN 1 WHEN 'done' THEN 2 WHEN 'failed' THEN 3 ELSE 4 END)) & ?) "
                            "  != 0 ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, states);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CoOutboxOperation) operation = _co_outbox_operation_new_from_row (stmt);

      g_list_store_append (list, operation);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (self->store, error, _("listing the outbox"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static CoOutboxAttempt *
attempt_from_row (sqlite3_stmt *stmt)
{
  CoOutboxAttempt *attempt = g_new0 (CoOutboxAttempt, 1);

  attempt->number = sqlite3_column_int (stmt, 0);
  attempt->started_at = sqlite3_column_int64 (stmt, 1);
  attempt->finished_at = sqlite3_column_int64 (stmt, 2);
  attempt->lookup = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  attempt->outcome = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  attempt->error = _co_outbox_error_from_columns (stmt, 5);
  return attempt;
}

/**
 * co_outbox_list_attempts:
 * @self: a #CoOutbox
 * @id: an operation id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoOutboxAttempt) (nullable): the
 *   operation's attempts, first first; %NULL with %CO_OUTBOX_ERROR_NOT_FOUND
 */
GPtrArray *
co_outbox_list_attempts (CoOutbox  *self,
                         gint64     id,
                         GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GPtrArray) attempts = g_ptr_array_new_with_free_func (
    (GDestroyNotify)co_outbox_attempt_free);

  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);

  locker = _co_store_lock (self->store);
  operation = get_locked (self, id, error);
  if (operation == NULL)
    return NULL;
  stmt = _co_store_prepare (self->store,
                            "SELECT number, started_at, finished_at, lookup, outcome, "
                            "  error_domain, error_code, error_message "
                            "FROM outbox_attempts WHERE operation_id = ? ORDER BY number",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (attempts, attempt_from_row (stmt));
  return g_steal_pointer (&attempts);
}

static CoOutboxOperation *
change_state_locked (CoOutbox    *self,
                     gint64       id,
                     const char  *sql,
                     gint64       now,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (self->store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!_co_store_step_done (self->store, stmt, error))
    return NULL;
  return get_locked (self, id, error);
}

static gboolean
check_state (CoOutboxOperation  *operation,
             guint               allowed,
             const char         *message,
             GError            **error)
{
  CoOutboxState state = co_outbox_operation_get_state (operation);

  if ((CO_OUTBOX_STATE_BIT (state) & allowed) != 0)
    return TRUE;
  g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE, message,
               (long long)co_outbox_operation_get_id (operation),
               co_outbox_state_to_string (state));
  return FALSE;
}

/**
 * co_outbox_retry:
 * @self: a #CoOutbox
 * @id: a failed operation
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Gives a failed operation as many attempts again as it had at first, due now.  One
 * that was left unsure is still looked up on the server before it is sent.
 *
 * Returns: (transfer full) (nullable): the operation, pending; or %NULL with
 *   %CO_OUTBOX_ERROR_NOT_FOUND or %CO_OUTBOX_ERROR_WRONG_STATE
 */
CoOutboxOperation *
co_outbox_retry (CoOutbox  *self,
                 gint64     id,
                 gint64     now,
                 GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CoOutboxOperation) operation = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);

  locker = _co_store_lock (self->store);
  operation = get_locked (self, id, error);
  if (operation == NULL ||
      !check_state (operation, CO_OUTBOX_STATE_BIT (CO_OUTBOX_FAILED),
                    _("Outbox operation %lld is %s: only a failed operation "
                      "can be retried"), error))
    return NULL;
  return change_state_locked (self, id,
                              "UPDATE outbox SET state = 'pending', "
                              "  budget = attempts + max_attempts, next_attempt_at = ?2, "
                              "  updated_at = ?2, finished_at = NULL "
                              "WHERE id = ?1 AND state = 'failed'",
                              now, error);
}

/**
 * co_outbox_discard:
 * @self: a #CoOutbox
 * @id: a pending or failed operation
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Gives an operation up, with the pending ones that wait for it (the rest of a
 * thread).  It stays in the outbox, discarded, for the record.
 *
 * Returns: (transfer full) (nullable): the operation, discarded; or %NULL with
 *   %CO_OUTBOX_ERROR_NOT_FOUND or %CO_OUTBOX_ERROR_WRONG_STATE (one being sent or
 *   already done)
 */
CoOutboxOperation *
co_outbox_discard (CoOutbox  *self,
                   gint64     id,
                   gint64     now,
                   GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CoOutboxOperation) operation = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);

  locker = _co_store_lock (self->store);
  operation = get_locked (self, id, error);
  if (operation == NULL ||
      !check_state (operation, CO_OUTBOX_STATE_BIT (CO_OUTBOX_PENDING) |
                               CO_OUTBOX_STATE_BIT (CO_OUTBOX_FAILED),
                    _("Outbox operation %lld is %s: only a pending or failed "
                      "operation can be discarded"), error))
    return NULL;
  return change_state_locked (self, id,
                              "WITH RECURSIVE doomed (id) AS ("
                              "  SELECT ?1 UNION SELECT o.id FROM outbox o JOIN doomed d "
                              "  ON o.after_id = d.id WHERE o.state = 'pending') "
                              "UPDATE outbox SET state = 'discarded', updated_at = ?2, "
                              "  finished_at = ?2 "
                              "WHERE id IN doomed AND state IN ('pending', 'failed')",
                              now, error);
}

/**
 * co_outbox_lock:
 * @self: a #CoOutbox
 * @error: return location for a #GError
 *
 * Takes the library's sender lock: one process at a time sends a library's outbox
 * (the app, its background service or the CLI).  The kernel releases the lock
 * when its holder dies, however it dies, so a crashed sender never blocks the
 * next one.
 *
 * Returns: (transfer full) (nullable): the lock, or %NULL with
 *   %CO_OUTBOX_ERROR_BUSY when another process holds it, or %CO_STORE_ERROR_OPEN
 */
CoOutboxLock *
co_outbox_lock (CoOutbox  *self,
                GError   **error)
{
  g_autofree char *path = NULL;
  CoOutboxLock *lock;
  int fd;

  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);

  path = g_build_filename (co_store_get_data_dir (self->store), "outbox.lock", NULL);
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_OPEN, _("Cannot open “%s”: %s"), path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error_literal (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_BUSY,
                           _("Another CreatorOps process is sending this library's outbox"));
      return NULL;
    }
  lock = g_new0 (CoOutboxLock, 1);
  lock->outbox = g_object_ref (self);
  lock->fd = fd;
  return lock;
}

/**
 * co_outbox_lock_free:
 * @lock: (transfer full): the sender lock
 *
 * Releases the sender lock.
 */
void
co_outbox_lock_free (CoOutboxLock *lock)
{
  close (lock->fd);
  g_object_unref (lock->outbox);
  g_free (lock);
}

/**
 * co_outbox_recover:
 * @self: a #CoOutbox
 * @lock: the sender lock, held
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Finds operations a sender had claimed when it died (holding the lock, no other
 * sender can be at work) and makes them pending again, unsure: their request may
 * have reached the server, so they are looked up before they are sent again.
 *
 * Returns: how many were recovered; 0 with @error set on failure
 */
guint
co_outbox_recover (CoOutbox      *self,
                   CoOutboxLock  *lock,
                   gint64         now,
                   GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  guint n;

  g_return_val_if_fail (CO_IS_OUTBOX (self), 0);
  g_return_val_if_fail (lock != NULL && lock->outbox == self, 0);

  locker = _co_store_lock (self->store);
  if (!_co_store_begin (self->store, error))
    return 0;
  if (!exec_at (self->store,
                            "UPDATE outbox_attempts SET outcome = 'interrupted', finished_at = ?1 "
                            "WHERE outcome IS NULL AND operation_id IN "
                            "  (SELECT id FROM outbox WHERE state = 'sending')",
                            now, error) ||
      !exec_at (self->store,
                            "UPDATE outbox SET state = 'pending', unsure = 1, "
                            "  next_attempt_at = ?1, updated_at = ?1 WHERE state = 'sending'",
                            now, error))
    {
      _co_store_rollback (self->store);
      return 0;
    }
  n = sqlite3_changes (_co_store_get_db (self->store));
  if (!_co_store_commit (self->store, error))
    return 0;
  if (n > 0)
    g_message ("Recovered %u outbox operations cut short while sending", n);
  return n;
}

static gboolean
start_attempt_locked (CoOutbox  *self,
                      gint64     id,
                      gint64     now,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store,
                            "INSERT INTO outbox_attempts (operation_id, number, started_at) "
                            "SELECT id, attempts, ?2 FROM outbox WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  return _co_store_step_done (self->store, stmt, error);
}

/* Marks the first due operation as being sent; the caller holds the lock and has
 * begun a transaction. */
static CoOutboxOperation *
claim_locked (CoOutbox            *self,
              const char * const  *kinds,
              gint64               now,
              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *kinds_json = kinds_to_json (kinds);
  g_autoptr(CoOutboxOperation) operation = NULL;
  int rc;

  stmt = _co_store_prepare (self->store,
                            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, "
                            "  first_sent_at = coalesce (first_sent_at, ?2), updated_at = ?2 "
                            "WHERE id = (SELECT o.id FROM outbox o WHERE " DUE_WHERE
                            "            AND o.next_attempt_at <= ?2 "
                            "            ORDER BY o.next_attempt_at, o.id LIMIT 1) "
                            "RETURNING " CO_OUTBOX_COLUMNS,
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kinds_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _co_store_set_error (self->store, error, _("claiming an outbox operation"));
      return NULL;
    }
  operation = _co_outbox_operation_new_from_row (stmt);
  g_clear_pointer (&stmt, _co_stmt_release);
  if (!start_attempt_locked (self, co_outbox_operation_get_id (operation), now, error))
    return NULL;
  return g_steal_pointer (&operation);
}

/**
 * co_outbox_claim:
 * @self: a #CoOutbox
 * @lock: the sender lock, held
 * @kinds: the kinds the sender has handlers for, %NULL-terminated
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Takes the operation that has been due longest, marks it as being sent and starts
 * its next attempt, all in one transaction committed before the sender makes any
 * request: a crash from here on leaves it unsure, never forgotten.
 *
 * Returns: (transfer full) (nullable): the operation, sending; or %NULL when none is
 *   due (@error unset) or on failure (@error set)
 */
CoOutboxOperation *
co_outbox_claim (CoOutbox            *self,
                 CoOutboxLock        *lock,
                 const char * const  *kinds,
                 gint64               now,
                 GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CoOutboxOperation) operation = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (lock != NULL && lock->outbox == self, NULL);

  locker = _co_store_lock (self->store);
  if (!_co_store_begin (self->store, error))
    return NULL;
  operation = claim_locked (self, kinds, now, &local_error);
  if (local_error != NULL)
    {
      _co_store_rollback (self->store);
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!_co_store_commit (self->store, error))
    return NULL;
  return g_steal_pointer (&operation);
}

static gint64
query_due (CoOutbox           *self,
           const char         *sql,
           const char * const *kinds,
           gint64              now)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *kinds_json = kinds_to_json (kinds);

  /* NULL: a failure is logged by the store; nothing reads as due then. */
  stmt = _co_store_prepare (self->store, sql, NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, kinds_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * co_outbox_next_due:
 * @self: a #CoOutbox
 * @kinds: the kinds the sender has handlers for, %NULL-terminated
 *
 * Returns: when the next pending operation of those kinds is due (µs since 1970,
 *   UTC; possibly in the past), or -1 when none is pending
 */
gint64
co_outbox_next_due (CoOutbox           *self,
                    const char * const *kinds)
{
  g_return_val_if_fail (CO_IS_OUTBOX (self), -1);

  return query_due (self,
                    "SELECT min (o.next_attempt_at) FROM outbox o WHERE " DUE_WHERE,
                    kinds, 0);
}

/**
 * co_outbox_count_due:
 * @self: a #CoOutbox
 * @kinds: the kinds the sender has handlers for, %NULL-terminated
 * @now: the time (µs since 1970, UTC)
 *
 * Returns: how many operations of those kinds are due at @now
 */
guint
co_outbox_count_due (CoOutbox           *self,
                     const char * const *kinds,
                     gint64              now)
{
  g_return_val_if_fail (CO_IS_OUTBOX (self), 0);

  return (guint)MAX (0, query_due (self,
                                   "SELECT count (*) FROM outbox o WHERE " DUE_WHERE
                                   "AND o.next_attempt_at <= ?2",
                                   kinds, now));
}

/* Updates the operation being sent and its current attempt; ?1 is the id. */
static gboolean
update_sending_locked (CoOutbox     *self,
                       gint64        id,
                       const char   *sql,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (self->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_co_store_step_done (self->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (self->store)) == 0)
    {
      g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE,
                   _("Outbox operation %lld is not being sent"), (long long)id);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_outbox_note_not_found:
 * @self: a #CoOutbox
 * @id: an unsure operation being sent
 * @error: return location for a #GError
 *
 * Records that looking the operation up on the server found nothing: it is no
 * longer unsure, and the sender sends it in the same attempt.
 *
 * Returns: %TRUE on success
 */
gboolean
co_outbox_note_not_found (CoOutbox  *self,
                          gint64     id,
                          GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), FALSE);

  locker = _co_store_lock (self->store);
  if (!_co_store_begin (self->store, error))
    return FALSE;
  if (!update_sending_locked (self, id,
                              "UPDATE outbox SET unsure = 0 WHERE id = ?1 AND state = 'sending'",
                              error) ||
      !update_sending_locked (self, id,
                              "UPDATE outbox_attempts SET lookup = 'not-found' "
                              "WHERE operation_id = ?1 AND outcome IS NULL",
                              error))
    {
      _co_store_rollback (self->store);
      return FALSE;
    }
  return _co_store_commit (self->store, error);
}

/**
 * co_outbox_save_checkpoint:
 * @self: a #CoOutbox
 * @id: an operation being sent
 * @checkpoint: (nullable): what the handler needs to go on after an interruption
 * @error: return location for a #GError
 *
 * Returns: %TRUE once the checkpoint is durable
 */
gboolean
co_outbox_save_checkpoint (CoOutbox    *self,
                           gint64       id,
                           const char  *checkpoint,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), FALSE);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "UPDATE outbox SET checkpoint = ?2 WHERE id = ?1 AND state = 'sending'",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, checkpoint, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (self->store, stmt, error);
}

static gboolean
finish_attempt_locked (CoOutbox      *self,
                       gint64         id,
                       const char    *lookup,
                       const char    *outcome,
                       const GError  *why,
                       gint64         now,
                       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store,
                            "UPDATE outbox_attempts SET finished_at = ?2, "
                            "  lookup = coalesce (?3, lookup), outcome = ?4, "
                            "  error_domain = ?5, error_code = ?6, error_message = ?7 "
                            "WHERE operation_id = ?1 AND outcome IS NULL",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, lookup, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, outcome, -1, SQLITE_STATIC);
  if (why != NULL)
    bind_error (stmt, 5, why);
  return _co_store_step_done (self->store, stmt, error);
}

static gboolean
mark_done_locked (CoOutbox    *self,
                  gint64       id,
                  const char  *remote_id,
                  const char  *remote_url,
                  const char  *result,
                  gint64       now,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store,
                            "UPDATE outbox SET state = 'done', unsure = 0, remote_id = ?2, "
                            "  remote_url = ?3, result = ?4, checkpoint = NULL, "
                            "  error_domain = NULL, error_code = NULL, error_message = NULL, "
                            "  updated_at = ?5, finished_at = ?5 "
                            "WHERE id = ?1 AND state = 'sending'",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, remote_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, result, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!_co_store_step_done (self->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (self->store)) > 0)
    return TRUE;
  g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE,
               _("Outbox operation %lld is not being sent"), (long long)id);
  return FALSE;
}

/**
 * co_outbox_complete:
 * @self: a #CoOutbox
 * @id: an operation being sent
 * @remote_id: (nullable): the server's id for what it made
 * @remote_url: (nullable): where people see it
 * @result: (nullable): what to keep of the server's answer, as JSON
 * @found: %TRUE when a look-up found it on the server, %FALSE when it was sent
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Records that the server has the operation.
 *
 * Returns: %TRUE on success
 */
gboolean
co_outbox_complete (CoOutbox    *self,
                    gint64       id,
                    const char  *remote_id,
                    const char  *remote_url,
                    const char  *result,
                    gboolean     found,
                    gint64       now,
                    GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), FALSE);

  locker = _co_store_lock (self->store);
  if (!_co_store_begin (self->store, error))
    return FALSE;
  if (!mark_done_locked (self, id, remote_id, remote_url, result, now, error) ||
      !finish_attempt_locked (self, id, found ? "found" : NULL, found ? "found" : "sent", NULL,
                              now, error))
    {
      _co_store_rollback (self->store);
      return FALSE;
    }
  return _co_store_commit (self->store, error);
}

/* What an attempt that ended with @why says about the operation. */
static const char *
classify_failure (const GError *why,
                  gboolean      in_lookup,
                  gboolean      unsure,
                  gboolean     *out_again)
{
  *out_again = TRUE;
  if (co_error_is_cancelled (why))
    return "interrupted";
  if (unsure && !in_lookup)
    return "unsure";
  if (co_error_is_retryable (why))
    return "retry";
  *out_again = FALSE;
  return "failed";
}

static gboolean
mark_failed_locked (CoOutbox      *self,
                    gint64         id,
                    const GError  *why,
                    gboolean       unsure,
                    gboolean       again,
                    gint64         retry_at,
                    gint64         now,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store,
                            "UPDATE outbox SET "
                            "  state = CASE WHEN ?2 AND attempts < budget THEN 'pending' "
                            "               ELSE 'failed' END, "
                            "  unsure = max (unsure, ?3), next_attempt_at = ?4, updated_at = ?5, "
                            "  finished_at = CASE WHEN ?2 AND attempts < budget THEN NULL "
                            "                     ELSE ?5 END, "
                            "  error_domain = ?6, error_code = ?7, error_message = ?8 "
                            "WHERE id = ?1 AND state = 'sending'",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, again);
  sqlite3_bind_int (stmt, 3, unsure);
  sqlite3_bind_int64 (stmt, 4, MAX (retry_at, now));
  sqlite3_bind_int64 (stmt, 5, now);
  bind_error (stmt, 6, why);
  if (!_co_store_step_done (self->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (self->store)) > 0)
    return TRUE;
  g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE,
               _("Outbox operation %lld is not being sent"), (long long)id);
  return FALSE;
}

/**
 * co_outbox_fail:
 * @self: a #CoOutbox
 * @id: an operation being sent
 * @why: what went wrong
 * @in_lookup: %TRUE when @why came from looking the operation up on the server
 * @unsure: %TRUE when the request may have reached the server without an answer
 *   coming back (a timeout or a dropped connection after it left, an attempt cut
 *   short while sending): the operation is then looked up before it is sent again
 * @retry_at: when to try again (µs since 1970, UTC), if it may
 * @now: the time (µs since 1970, UTC)
 * @out_state: (out) (optional): where the operation stands now: pending or failed
 * @error: return location for a #GError
 *
 * Records a failed attempt.  A cancelled attempt counts as interrupted; an unsure
 * one stays unsure; any other error that co_error_is_retryable() accepts leaves it
 * pending until @retry_at; the rest fail it at once.  An operation out of attempts
 * fails, keeping @why (and whether it is unsure).
 *
 * Returns: %TRUE on success
 */
gboolean
co_outbox_fail (CoOutbox       *self,
                gint64          id,
                const GError   *why,
                gboolean        in_lookup,
                gboolean        unsure,
                gint64          retry_at,
                gint64          now,
                CoOutboxState  *out_state,
                GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CoOutboxOperation) operation = NULL;
  gboolean again;
  const char *outcome;

  g_return_val_if_fail (CO_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (why != NULL, FALSE);

  outcome = classify_failure (why, in_lookup, unsure, &again);
  unsure = unsure && !in_lookup;
  locker = _co_store_lock (self->store);
  if (!_co_store_begin (self->store, error))
    return FALSE;
  if (!mark_failed_locked (self, id, why, unsure, again, retry_at, now, error) ||
      !finish_attempt_locked (self, id, in_lookup ? "failed" : NULL, outcome, why, now, error))
    {
      _co_store_rollback (self->store);
      return FALSE;
    }
  if (!_co_store_commit (self->store, error))
    return FALSE;
  operation = get_locked (self, id, error);
  if (operation != NULL && out_state != NULL)
    *out_state = co_outbox_operation_get_state (operation);
  return operation != NULL;
}

/**
 * co_outbox_is_remote_claimed:
 * @self: a #CoOutbox
 * @account_id: the account
 * @remote_id: a post found on the server
 * @except_id: the operation asking
 *
 * A look-up that matches posts by their content must not take a post another
 * operation already made: this tells whether one did.
 *
 * Returns: %TRUE if another done operation of @account_id made @remote_id
 */
gboolean
co_outbox_is_remote_claimed (CoOutbox   *self,
                             gint64      account_id,
                             const char *remote_id,
                             gint64      except_id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (remote_id != NULL, FALSE);

  locker = _co_store_lock (self->store);
  /* NULL: a failure is logged by the store; "claimed" is then the safe answer. */
  stmt = _co_store_prepare (self->store,
                            "SELECT 1 FROM outbox WHERE account_id IS ?1 AND remote_id = ?2 "
                            "AND state = 'done' AND id != ?3",
                            NULL);
  if (stmt == NULL)
    return TRUE;
  if (account_id != 0)
    sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, except_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}
