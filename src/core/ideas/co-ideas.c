/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-ideas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-ideas.h"
#include "co-store-private.h"

/*
 * The creator's ideas for posts: a title, notes, open or done.  Rows of the
 * ideas table (migration 17); done ideas are kept, with the time.
 */

static const char *const status_names[] = {
  [CO_IDEA_OPEN] = "open",
  [CO_IDEA_DONE] = "done",
};

/**
 * co_idea_status_to_string:
 * @status: a status
 *
 * Returns: its stored name, "open" or "done"
 */
const char *
co_idea_status_to_string (CoIdeaStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

/**
 * co_idea_status_from_string:
 * @name: (nullable): "open" or "done"
 * @out_status: (out): the status
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, else %FALSE with %CO_IDEA_ERROR_INVALID naming
 *   @name
 */
gboolean
co_idea_status_from_string (const char    *name,
                            CoIdeaStatus  *out_status,
                            GError       **error)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (name, status_names[i]) == 0)
      {
        *out_status = i;
        return TRUE;
      }
  g_set_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID,
               _("“%s” is not the status of an idea (open, done)"), name != NULL ? name : "");
  return FALSE;
}

static gboolean
check_title (const char  *title,
             GError     **error)
{
  g_autofree char *stripped = NULL;

  if (!g_utf8_validate (title, -1, NULL))
    {
      g_set_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID,
                   _("The title of an idea must be UTF-8 text"));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (title));
  if (stripped[0] == '\0' || g_utf8_strlen (stripped, -1) > CO_IDEA_TITLE_MAX ||
      strpbrk (stripped, "\r\n") != NULL)
    {
      g_set_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID,
                   _("“%s” is not a title for an idea: write one line of 1 to %d characters"),
                   title, CO_IDEA_TITLE_MAX);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_ideas_add:
 * @store: the library
 * @title: one line, 1 to %CO_IDEA_TITLE_MAX characters (spaces around it
 *   are dropped)
 * @notes: (nullable): anything longer
 * @error: return location for a #GError
 *
 * Notes a new open idea.
 *
 * Returns: its id, or 0 with %CO_IDEA_ERROR_INVALID or a #CoStoreError
 */
gint64
co_ideas_add (CoStore     *store,
              const char  *title,
              const char  *notes,
              GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && title != NULL, 0);

  if (!check_title (title, error))
    return 0;
  if (notes != NULL && !g_utf8_validate (notes, -1, NULL))
    {
      g_set_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID,
                   _("The notes of idea “%s” must be UTF-8 text"), title);
      return 0;
    }
  stripped = g_strstrip (g_strdup (title));
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "INSERT INTO ideas (title, notes, created_at) VALUES (?, ?, ?)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, notes != NULL ? notes : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, _co_store_now ());
  if (!_co_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_co_store_get_db (store));
}

/**
 * co_idea_clear:
 * @idea: an idea filled by co_ideas_get()
 *
 * Frees what @idea holds, not @idea itself.
 */
void
co_idea_clear (CoIdea *idea)
{
  g_clear_pointer (&idea->title, g_free);
  g_clear_pointer (&idea->notes, g_free);
}

static void
clear_idea (gpointer data)
{
  co_idea_clear (data);
}

static void
idea_from_row (sqlite3_stmt *stmt,
               CoIdea       *idea)
{
  idea->id = sqlite3_column_int64 (stmt, 0);
  idea->title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  idea->notes = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  idea->status = g_str_equal (sqlite3_column_text (stmt, 3), "done") ? CO_IDEA_DONE
                                                                      : CO_IDEA_OPEN;
  idea->created_at = sqlite3_column_int64 (stmt, 4);
  idea->done_at = sqlite3_column_int64 (stmt, 5);
}

#define IDEA_COLUMNS "id, title, notes, status, created_at, coalesce (done_at, 0)"

/**
 * co_ideas_get:
 * @store: the library
 * @id: an idea's id
 * @out_idea: (out caller-allocates): the idea; co_idea_clear() it
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %CO_IDEA_ERROR_NOT_FOUND naming @id or a
 *   #CoStoreError
 */
gboolean
co_ideas_get (CoStore  *store,
              gint64    id,
              CoIdea   *out_idea,
              GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && out_idea != NULL, FALSE);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT " IDEA_COLUMNS " FROM ideas WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      idea_from_row (stmt, out_idea);
      return TRUE;
    }
  g_set_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_NOT_FOUND,
               _("There is no idea %lld"), (long long)id);
  return FALSE;
}

/**
 * co_ideas_list:
 * @store: the library
 * @status: (nullable): only ideas with this status, or %NULL for all
 * @error: return location for a #GError
 *
 * Lists ideas, the newest first.
 *
 * Returns: (transfer full) (element-type CoIdea) (nullable): the ideas, or
 *   %NULL with a #CoStoreError
 */
GArray *
co_ideas_list (CoStore             *store,
               const CoIdeaStatus  *status,
               GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ideas = g_array_new (FALSE, TRUE, sizeof (CoIdea));
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  g_array_set_clear_func (ideas, clear_idea);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT " IDEA_COLUMNS " FROM ideas"
                            " WHERE ?1 IS NULL OR status = ?1"
                            " ORDER BY created_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (status != NULL)
    sqlite3_bind_text (stmt, 1, co_idea_status_to_string (*status), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoIdea idea = { 0 };

      idea_from_row (stmt, &idea);
      g_array_append_val (ideas, idea);
    }
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&ideas);
  _co_store_set_error (store, error, _("reading ideas"));
  return NULL;
}

/**
 * co_ideas_set_done:
 * @store: the library
 * @id: an idea's id
 * @error: return location for a #GError
 *
 * Marks an idea done, with the time.  An idea already done keeps the time
 * it was first done.
 *
 * Returns: %TRUE on success, else %FALSE with %CO_IDEA_ERROR_NOT_FOUND or a
 *   #CoStoreError
 */
gboolean
co_ideas_set_done (CoStore  *store,
                   gint64    id,
                   GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "UPDATE ideas SET status = 'done',"
                            " done_at = coalesce (done_at, ?2) WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, _co_store_now ());
  if (!_co_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (store)) > 0)
    return TRUE;
  g_set_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_NOT_FOUND,
               _("There is no idea %lld"), (long long)id);
  return FALSE;
}
