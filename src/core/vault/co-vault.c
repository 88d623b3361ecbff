/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-assets-private.h"
#include "co-similarity.h"
#include "co-store-error.h"
#include "co-store-private.h"
#include "co-vault-error.h"
#include "co-vault-item-private.h"
#include "co-vault-origin.h"
#include "co-vault-private.h"
#include "co-vault.h"

#define MAX_TAG_CHARS 64

struct _CoVault
{
  GObject       parent_instance;

  CoStore      *store;
  GThread      *owner;
  GMainContext *context;
};

G_DEFINE_FINAL_TYPE (CoVault, co_vault, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS,
};

enum {
  CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *const sort_names[] = {
  "newest", "oldest", "name", "size", "duration", "relevance",
};

static gboolean
emit_changed_cb (gpointer data)
{
  g_signal_emit (data, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Changes made on a worker thread (imports) are announced on the thread that
 * created the vault, so that views never see the signal while they are
 * being disposed on their own thread. */
static void
emit_changed (CoVault *self)
{
  if (g_thread_self () == self->owner)
    g_signal_emit (self, signals[CHANGED], 0);
  else
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_changed_cb,
                                g_object_ref (self), g_object_unref);
}

/* Tags are stored trimmed, without a leading '#', and at most 64 characters;
 * anything else is refused with the offending tag named. */
static char *
clean_tag (const char  *tag,
           GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (tag));
  const char *start = copy;

  while (*start == '#')
    start++;
  if (*start == '\0' || !g_utf8_validate (start, -1, NULL) ||
      g_utf8_strlen (start, -1) > MAX_TAG_CHARS || strchr (start, ',') != NULL)
    {
      g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID,
                   _("“%s” is not a valid tag: use 1 to %d characters without commas"),
                   tag, MAX_TAG_CHARS);
      return NULL;
    }
  return g_strdup (start);
}

static gboolean
item_exists (CoVault   *self,
             gint64     id,
             gboolean  *out_trashed)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Prepare failures are logged by the store and read as "not found". */
  stmt = _co_store_prepare (self->store, "SELECT trashed_at FROM vault_items WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (out_trashed != NULL)
    *out_trashed = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  return TRUE;
}

static gboolean
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND,
               _("No vault item has the id %lld"), (long long)id);
  return FALSE;
}

static gboolean
attach_tags (CoVault             *self,
             gint64               id,
             const char * const  *tags,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) add_tag = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;

  add_tag = _co_store_prepare (self->store,
                               "INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                               error);
  link = _co_store_prepare (self->store,
                            "INSERT INTO item_tags (item_id, tag_id)"
                            " SELECT ?, id FROM tags WHERE name = ? ON CONFLICT DO NOTHING",
                            error);
  if (add_tag == NULL || link == NULL)
    return FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = clean_tag (tags[i], error);

      if (tag == NULL)
        return FALSE;
      sqlite3_bind_text (add_tag, 1, tag, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (link, 1, id);
      sqlite3_bind_text (link, 2, tag, -1, SQLITE_TRANSIENT);
      if (!_co_store_step_done (self->store, add_tag, error) ||
          !_co_store_step_done (self->store, link, error))
        return FALSE;
      _co_stmt_release (add_tag);
      _co_stmt_release (link);
    }
  return TRUE;
}

/**
 * _co_vault_reindex_item:
 * @store: the store, in a write transaction
 * @id: a vault item
 * @error: return location for a #GError
 *
 * Keeps the full-text index in step with an item's row and tags (the vault's
 * own changes, and the mirror's when it writes an item it received).  A new
 * item's file may have been transcribed before it was imported.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_vault_reindex_item (CoStore  *store,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  update = _co_store_prepare (store,
                              "UPDATE vault_fts SET (title, body, notes, tags) ="
                              " (SELECT v.title, v.body, v.notes,"
                              "   coalesce ((SELECT group_concat (t.name, ' ') FROM item_tags it"
                              "     JOIN tags t ON t.id = it.tag_id WHERE it.item_id = v.id), '')"
                              "  FROM vault_items v WHERE v.id = ?1)"
                              " WHERE rowid = ?1",
                              error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, id);
  if (!_co_store_step_done (store, update, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (store)) > 0)
    return TRUE;

  insert = _co_store_prepare (store,
                              "INSERT INTO vault_fts (rowid, title, body, notes, tags, transcript)"
                              " SELECT v.id, v.title, v.body, v.notes,"
                              "   coalesce ((SELECT group_concat (t.name, ' ') FROM item_tags it"
                              "     JOIN tags t ON t.id = it.tag_id WHERE it.item_id = v.id), ''),"
                              "   coalesce ((SELECT k.text FROM kept_transcripts k"
                              "     WHERE k.source_key = v.sha256 ORDER BY k.created_at DESC LIMIT 1),"
                              "     '')"
                              " FROM vault_items v WHERE v.id = ?",
                              error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  return _co_store_step_done (store, insert, error);
}

static gboolean
reindex (CoVault  *self,
         gint64    id,
         GError  **error)
{
  return _co_vault_reindex_item (self->store, id, error);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gint64
insert_item (CoVault              *self,
             const CoVaultNewItem *meta,
             const char           *title,
             const char           *sha256,
             gint64                size,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = _co_store_now ();

  stmt = _co_store_prepare (self->store,
                            "INSERT INTO vault_items (type, title, body, notes, mime, size, sha256,"
                            " width, height, duration, codecs, source_url, original_name,"
                            " created_at, imported_at, phash)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, co_vault_type_to_string (meta->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, meta->body ? meta->body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, meta->notes ? meta->notes : "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, meta->mime);
  sqlite3_bind_int64 (stmt, 6, size);
  bind_text_or_null (stmt, 7, sha256);
  meta->width > 0 ? sqlite3_bind_int (stmt, 8, meta->width) : sqlite3_bind_null (stmt, 8);
  meta->height > 0 ? sqlite3_bind_int (stmt, 9, meta->height) : sqlite3_bind_null (stmt, 9);
  meta->duration >= 0 ? sqlite3_bind_double (stmt, 10, meta->duration)
                      : sqlite3_bind_null (stmt, 10);
  bind_text_or_null (stmt, 11, meta->codecs);
  bind_text_or_null (stmt, 12, meta->source_url);
  bind_text_or_null (stmt, 13, meta->original_name);
  sqlite3_bind_int64 (stmt, 14, meta->created_at > 0 ? meta->created_at : now);
  sqlite3_bind_int64 (stmt, 15, now);
  meta->has_phash ? sqlite3_bind_int64 (stmt, 16, (gint64)meta->phash)
                  : sqlite3_bind_null (stmt, 16);
  if (!_co_store_step_done (self->store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_co_store_get_db (self->store));
}

/* Inserts a complete item, its tags, its index entry and (for files) its
 * asset and reference.  Runs inside the caller's transaction. */
static gint64
insert_full (CoVault              *self,
             const CoVaultNewItem *meta,
             const char           *title,
             const char           *sha256,
             gint64                size,
             GError              **error)
{
  gint64 id;

  if (sha256 != NULL && !_co_assets_register (self->store, sha256, size, meta->mime, error))
    return 0;
  id = insert_item (self, meta, title, sha256, size, error);
  if (id == 0 || !attach_tags (self, id, meta->tags, error) || !reindex (self, id, error))
    return 0;
  if (sha256 != NULL && !co_assets_add_ref (self->store, sha256, "vault", id, error))
    return 0;
  return id;
}

static gint64
find_live_by (CoVault    *self,
              const char *column_sql,
              const char *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Prepare failures are logged by the store and read as "not found". */
  stmt = _co_store_prepare (self->store, column_sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* A file already in the vault is not added twice: the existing item gets the
 * new tags and leaves the trash if it was there. */
static gboolean
merge_duplicate (CoVault              *self,
                 gint64                id,
                 const CoVaultNewItem *meta,
                 GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store, "UPDATE vault_items SET trashed_at = NULL WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _co_store_step_done (self->store, stmt, error) &&
         attach_tags (self, id, meta->tags, error) &&
         reindex (self, id, error);
}

static gint64
record_import (CoVault              *self,
               const char           *path,
               const CoVaultNewItem *meta,
               CoStagedBlob         *staged,
               gboolean              created,
               gboolean             *out_duplicate,
               GError              **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  const char *title = meta->title != NULL && meta->title[0] != '\0' ? meta->title : basename;
  gint64 id;

  id = find_live_by (self, "SELECT id FROM vault_items WHERE sha256 = ? ORDER BY id LIMIT 1",
                     staged->sha256);
  *out_duplicate = id != 0;
  if (id != 0)
    return merge_duplicate (self, id, meta, error) ? id : 0;
  /* Only a file not stored yet takes more room (a stored file the database
   * lost, recorded again by vault recover, does not). */
  if (created && !_co_assets_check_quota (self->store, path, staged->size, error))
    return 0;
  return insert_full (self, meta, title, staged->sha256, staged->size, error);
}

/* Gives the staged copy its stored name and records it, in one write
 * transaction: a purge removes files only under the same lock, so the file
 * is there when the rows that name it are committed. */
static gint64
commit_import (CoVault              *self,
               const char           *path,
               const CoVaultNewItem *meta,
               CoStagedBlob         *staged,
               gboolean             *out_duplicate,
               GError              **error)
{
  gboolean created = FALSE;
  gint64 id = 0;

  if (!_co_store_begin (self->store, error))
    return 0;
  if (_co_store_place_blob (self->store, staged, &created, error))
    id = record_import (self, path, meta, staged, created, out_duplicate, error);
  if (id == 0)
    _co_store_rollback (self->store);
  else if (!_co_store_commit (self->store, error))
    id = 0;

  /* A file this import put in place is not stored for anyone else. */
  if (id == 0 && created)
    _co_store_remove_unowned_blob (self->store, staged->sha256);
  return id;
}

static void
co_vault_dispose (GObject *object)
{
  CoVault *self = (CoVault *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (co_vault_parent_class)->dispose (object);
}

static void
co_vault_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CoVault *self = CO_VAULT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_vault_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CoVault *self = CO_VAULT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_vault_class_init (CoVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_vault_dispose;
  object_class->get_property = co_vault_get_property;
  object_class->set_property = co_vault_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoVault::changed:
   *
   * Emitted after any committed change to the vault, always on the thread
   * that created the vault (changes made by workers are announced there
   * through its main context).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
co_vault_init (CoVault *self)
{
  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
}

/**
 * co_vault_sort_to_string:
 * @sort: a #CoVaultSort
 *
 * Returns: (transfer none): the sort's stable name ("newest", "name"…)
 */
const char *
co_vault_sort_to_string (CoVaultSort sort)
{
  g_return_val_if_fail (sort <= CO_VAULT_SORT_RELEVANCE, NULL);
  return sort_names[sort];
}

/**
 * co_vault_sort_from_string:
 * @name: (nullable): a sort name
 * @out_sort: (out): the sort
 *
 * Returns: %TRUE if @name names a sort order
 */
gboolean
co_vault_sort_from_string (const char  *name,
                           CoVaultSort *out_sort)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (sort_names); i++)
    {
      if (g_ascii_strcasecmp (name, sort_names[i]) == 0)
        {
          *out_sort = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * co_vault_match_free:
 * @match: (transfer full): a match
 */
void
co_vault_match_free (CoVaultMatch *match)
{
  if (match == NULL)
    return;
  g_clear_object (&match->item);
  g_free (match->reason);
  g_free (match);
}

/**
 * co_vault_new:
 * @store: an open #CoStore
 *
 * Returns: (transfer full): the vault of @store's library
 */
CoVault *
co_vault_new (CoStore *store)
{
  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  return g_object_new (CO_TYPE_VAULT, "store", store, NULL);
}

/**
 * co_vault_get_store:
 * @self: a #CoVault
 *
 * Returns: (transfer none): the store
 */
CoStore *
co_vault_get_store (CoVault *self)
{
  g_return_val_if_fail (CO_IS_VAULT (self), NULL);
  return self->store;
}

/**
 * co_vault_import_file:
 * @self: a #CoVault
 * @path: the file to import
 * @meta: what the importer found out about it
 * @out_duplicate: (out) (optional): set to %TRUE when the same content was
 *   already in the vault (its item is returned, with the new tags added)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Stores the file content-addressed and records it in one transaction: item,
 * tags, search index, asset and reference.  Either all of it is committed
 * durably or nothing is.  Where the file was is remembered too
 * (co_vault_remember_origin()).  Callers in the media layer detect the type first;
 * this function trusts @meta.
 *
 * Returns: the item id, or 0 with @error set (%CO_FILE_ERROR for an
 *   unreadable source, %CO_STORE_ERROR_QUOTA, other %CO_STORE_ERROR codes)
 */
gint64
co_vault_import_file (CoVault               *self,
                      const char            *path,
                      const CoVaultNewItem  *meta,
                      gboolean              *out_duplicate,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  CoStagedBlob staged;
  gboolean duplicate = FALSE;
  gint64 id;

  g_return_val_if_fail (CO_IS_VAULT (self), 0);
  g_return_val_if_fail (path != NULL && meta != NULL, 0);
  g_return_val_if_fail (meta->type != CO_VAULT_TYPE_ANY && meta->type != CO_VAULT_TYPE_LINK, 0);

  /* Copying happens outside the lock, so other work goes on meanwhile. */
  if (!_co_store_stage_blob (self->store, path, &staged, cancellable, error))
    return 0;
  locker = _co_store_lock (self->store);
  id = commit_import (self, path, meta, &staged, &duplicate, error);
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  /* Exports point editors at the original while it is there. */
  if (id != 0)
    co_vault_remember_origin (self->store, staged.sha256, path);
  _co_store_staged_blob_clear (self->store, &staged);
  if (id == 0)
    return 0;

  if (out_duplicate != NULL)
    *out_duplicate = duplicate;
  emit_changed (self);
  return id;
}

static char *
title_from_body (const char *body)
{
  g_autofree char *first = g_strstrip (g_strndup (body, strcspn (body, "\n")));
  const char *end = first;

  /* Eighty characters make a readable title; cut at a character boundary. */
  for (int i = 0; i < 80 && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (first, end - first);
}

static gint64
add_without_file (CoVault              *self,
                  const CoVaultNewItem *meta,
                  const char           *title,
                  GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self->store);
  gint64 id;

  if (!_co_store_begin (self->store, error))
    return 0;
  id = insert_full (self, meta, title, NULL, 0, error);
  if (id == 0)
    {
      _co_store_rollback (self->store);
      return 0;
    }
  if (!_co_store_commit (self->store, error))
    return 0;
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  emit_changed (self);
  return id;
}

/**
 * co_vault_add_note:
 * @self: a #CoVault
 * @title: (nullable): a title; the first line of @body when %NULL or empty
 * @body: the note's text
 * @tags: (nullable) (array zero-terminated=1): tags
 * @error: return location for a #GError
 *
 * Returns: the new item's id, or 0 with %CO_VAULT_ERROR_INVALID for an empty
 *   note, text that is not UTF-8, or a bad tag
 */
gint64
co_vault_add_note (CoVault             *self,
                   const char          *title,
                   const char          *body,
                   const char * const  *tags,
                   GError             **error)
{
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_NOTE, .mime = "text/plain", .duration = -1 };
  g_autofree char *stripped = NULL;
  g_autofree char *derived = NULL;

  g_return_val_if_fail (CO_IS_VAULT (self), 0);

  if (body == NULL || !g_utf8_validate (body, -1, NULL) ||
      (stripped = g_strstrip (g_strdup (body)))[0] == '\0')
    {
      g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID,
                   _("A note needs some text (UTF-8); the note given was empty or not text"));
      return 0;
    }
  if (title == NULL || title[0] == '\0')
    title = derived = title_from_body (stripped);

  meta.body = stripped;
  meta.tags = tags;
  return add_without_file (self, &meta, title, error);
}

static gboolean
check_web_address (const char  *url,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 &&
                      g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID,
                   _("“%s” is not a web address: it must start with http:// or https:// and "
                     "name a host"),
                   url);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_vault_add_link:
 * @self: a #CoVault
 * @url: an http or https address
 * @title: (nullable): a title; the address when %NULL or empty
 * @notes: (nullable): notes
 * @tags: (nullable) (array zero-terminated=1): tags
 * @error: return location for a #GError
 *
 * Saves a link.  The same address saved twice gives the existing item, with
 * the new tags added and out of the trash if it was there.
 *
 * Returns: the item's id, or 0 with %CO_VAULT_ERROR_INVALID naming the
 *   address or tag that is wrong
 */
gint64
co_vault_add_link (CoVault             *self,
                   const char          *url,
                   const char          *title,
                   const char          *notes,
                   const char * const  *tags,
                   GError             **error)
{
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_LINK, .mime = "text/uri-list", .duration = -1 };
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 id;

  g_return_val_if_fail (CO_IS_VAULT (self), 0);
  g_return_val_if_fail (url != NULL, 0);

  if (!check_web_address (url, error))
    return 0;

  meta.source_url = url;
  meta.notes = notes;
  meta.tags = tags;

  /* The lock is held from the look-up to the insert, so that two saves of
   * one address cannot both insert. */
  locker = _co_store_lock (self->store);
  id = find_live_by (self, "SELECT id FROM vault_items WHERE type = 'link' AND source_url = ?"
                           " ORDER BY id LIMIT 1", url);
  if (id == 0)
    return add_without_file (self, &meta, title != NULL && title[0] != '\0' ? title : url, error);

  /* Saved again: like a re-imported file, it leaves the trash with the new tags. */
  if (!_co_store_begin (self->store, error))
    return 0;
  if (!merge_duplicate (self, id, &meta, error))
    {
      _co_store_rollback (self->store);
      return 0;
    }
  if (!_co_store_commit (self->store, error))
    return 0;
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  emit_changed (self);
  return id;
}

/**
 * co_vault_get:
 * @self: a #CoVault
 * @id: an item id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the item, or %NULL with
 *   %CO_VAULT_ERROR_NOT_FOUND
 */
CoVaultItem *
co_vault_get (CoVault  *self,
              gint64    id,
              GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_VAULT (self), NULL);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "SELECT " CO_VAULT_ITEM_COLUMNS " FROM vault_items v WHERE v.id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_not_found (error, id);
      return NULL;
    }
  return _co_vault_item_new_from_row (stmt);
}

/**
 * co_vault_find_by_sha256:
 * @self: a #CoVault
 * @sha256: a content digest
 *
 * Returns: (transfer full) (nullable): the item that holds that content
 */
CoVaultItem *
co_vault_find_by_sha256 (CoVault    *self,
                         const char *sha256)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 id;

  g_return_val_if_fail (CO_IS_VAULT (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  locker = _co_store_lock (self->store);
  id = find_live_by (self, "SELECT id FROM vault_items WHERE sha256 = ? ORDER BY id LIMIT 1",
                     sha256);
  /* Not finding it is the expected answer, not an error. */
  return id != 0 ? co_vault_get (self, id, NULL) : NULL;
}

/**
 * co_vault_list:
 * @self: a #CoVault
 * @query: (nullable): the filter and order; %NULL for the default
 * @offset: rows to skip
 * @limit: rows to return at most
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoVaultItem): the items, or %NULL
 *   with %CO_VAULT_ERROR_BAD_QUERY for a search with no words
 */
GPtrArray *
co_vault_list (CoVault             *self,
               const CoVaultQuery  *query,
               guint                offset,
               guint                limit,
               GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CoVaultSql) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_VAULT (self), NULL);

  locker = _co_store_lock (self->store);
  sql = _co_vault_sql_new (self->store, query, "SELECT " CO_VAULT_ITEM_COLUMNS, TRUE, error);
  if (sql == NULL)
    return NULL;
  stmt = _co_vault_sql_prepare (sql, self->store, offset, limit, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, _co_vault_item_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (self->store, error, _("listing the vault"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * co_vault_count:
 * @self: a #CoVault
 * @query: (nullable): the filter; %NULL for the default
 * @error: return location for a #GError
 *
 * Returns: how many items match, or -1 with @error set
 */
gint64
co_vault_count (CoVault             *self,
                const CoVaultQuery  *query,
                GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CoVaultSql) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_VAULT (self), -1);

  locker = _co_store_lock (self->store);
  sql = _co_vault_sql_new (self->store, query, "SELECT count (*)", FALSE, error);
  if (sql == NULL)
    return -1;
  stmt = _co_vault_sql_prepare (sql, self->store, 0, 0, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _co_store_set_error (self->store, error, _("counting the vault"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * co_vault_list_tags:
 * @self: a #CoVault
 * @error: return location for a #GError
 *
 * Returns: (transfer full): every tag used by an item, sorted
 */
GStrv
co_vault_list_tags (CoVault  *self,
                    GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (CO_IS_VAULT (self), NULL);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "SELECT name FROM tags WHERE id IN (SELECT tag_id FROM item_tags)"
                            " ORDER BY name COLLATE NOCASE",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (self->store, error, _("listing tags"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static gboolean
set_invalid_text (GError     **error,
                  const char  *format,
                  gint64       id)
{
  g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID, format, (long long)id);
  return FALSE;
}

/* Runs one UPDATE on an item inside a transaction, then reindexes it. */
static gboolean
update_item (CoVault             *self,
             gint64               id,
             const char          *sql,
             const char          *text,
             GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!item_exists (self, id, NULL))
    return set_not_found (error, id);
  if (!_co_store_begin (self->store, error))
    return FALSE;
  stmt = _co_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_co_store_step_done (self->store, stmt, error) || !reindex (self, id, error))
    goto fail;
  if (!_co_store_commit (self->store, error))
    return FALSE;
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  emit_changed (self);
  return TRUE;

fail:
  _co_store_rollback (self->store);
  return FALSE;
}

/**
 * co_vault_update_text:
 * @self: a #CoVault
 * @id: an item id
 * @title: (nullable): the new title, or %NULL to keep it
 * @notes: (nullable): the new notes, or %NULL to keep them
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %CO_VAULT_ERROR_INVALID for an empty title,
 *   %CO_VAULT_ERROR_NOT_FOUND for an unknown id
 */
gboolean
co_vault_update_text (CoVault     *self,
                      gint64       id,
                      const char  *title,
                      const char  *notes,
                      GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (CO_IS_VAULT (self), FALSE);

  if (title != NULL)
    {
      clean = g_strstrip (g_strdup (title));
      if (!g_utf8_validate (clean, -1, NULL))
        return set_invalid_text (error, _("The title of item %lld is not UTF-8 text"), id);
      if (clean[0] == '\0')
        return set_invalid_text (error, _("The title of item %lld cannot be empty"), id);
    }
  if (notes != NULL && !g_utf8_validate (notes, -1, NULL))
    return set_invalid_text (error, _("The notes of item %lld are not UTF-8 text"), id);

  /* Title and notes change together or not at all. */
  locker = _co_store_lock (self->store);
  if (!_co_store_begin (self->store, error))
    return FALSE;
  if ((clean != NULL &&
       !update_item (self, id, "UPDATE vault_items SET title = ? WHERE id = ?", clean, error)) ||
      (notes != NULL &&
       !update_item (self, id, "UPDATE vault_items SET notes = ? WHERE id = ?", notes, error)))
    {
      _co_store_rollback (self->store);
      return FALSE;
    }
  return _co_store_commit (self->store, error);
}

static gboolean
detach_tags (CoVault             *self,
             gint64               id,
             const char * const  *tags,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store,
                            "DELETE FROM item_tags WHERE item_id = ?"
                            " AND tag_id = (SELECT id FROM tags WHERE name = ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = clean_tag (tags[i], error);

      if (tag == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, tag, -1, SQLITE_TRANSIENT);
      if (!_co_store_step_done (self->store, stmt, error))
        return FALSE;
      _co_stmt_release (stmt);
    }
  return TRUE;
}

typedef gboolean (*TagsFunc) (CoVault             *self,
                             gint64               id,
                             const char * const  *tags,
                             GError             **error);

/* Adds or removes tags in one transaction, with the search index updated. */
static gboolean
change_tags (CoVault             *self,
             gint64               id,
             const char * const  *tags,
             TagsFunc             change,
             GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self->store);

  if (!item_exists (self, id, NULL))
    return set_not_found (error, id);
  if (!_co_store_begin (self->store, error))
    return FALSE;
  if (!change (self, id, tags, error) || !reindex (self, id, error))
    {
      _co_store_rollback (self->store);
      return FALSE;
    }
  if (!_co_store_commit (self->store, error))
    return FALSE;
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  emit_changed (self);
  return TRUE;
}

/**
 * co_vault_add_tags:
 * @self: a #CoVault
 * @id: an item id
 * @tags: (array zero-terminated=1): tags to add
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; nothing is changed if any tag is invalid
 */
gboolean
co_vault_add_tags (CoVault             *self,
                   gint64               id,
                   const char * const  *tags,
                   GError             **error)
{
  g_return_val_if_fail (CO_IS_VAULT (self), FALSE);
  return change_tags (self, id, tags, attach_tags, error);
}

/**
 * co_vault_remove_tags:
 * @self: a #CoVault
 * @id: an item id
 * @tags: (array zero-terminated=1): tags to remove (absent ones are ignored)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
co_vault_remove_tags (CoVault             *self,
                      gint64               id,
                      const char * const  *tags,
                      GError             **error)
{
  g_return_val_if_fail (CO_IS_VAULT (self), FALSE);
  return change_tags (self, id, tags, detach_tags, error);
}

typedef struct
{
  CoVault    *vault;
  gint64      id;
  const char *sql;
  gint64      value;
  const char *wrong_state_message;
} FlagChange;

static gboolean
set_flag_tx (CoStore   *store,
             gpointer   data,
             GError   **error)
{
  FlagChange *change = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store, change->sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->value);
  sqlite3_bind_int64 (stmt, 2, change->id);
  if (!_co_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (store)) > 0)
    return TRUE;
  if (!item_exists (change->vault, change->id, NULL))
    return set_not_found (error, change->id);
  if (change->wrong_state_message == NULL)
    return TRUE;
  g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_WRONG_STATE,
               change->wrong_state_message, (long long)change->id);
  return FALSE;
}

/* Sets a column from NULL to a time or back, failing with WRONG_STATE when
 * the item is not in the state the change starts from.  Runs through the
 * store's write helper, so that trashing works on a full disk too. */
static gboolean
set_flag (CoVault     *self,
          gint64       id,
          const char  *sql,
          gint64       value,
          const char  *wrong_state_message,
          GError     **error)
{
  FlagChange change = { self, id, sql, value, wrong_state_message };

  if (!_co_store_write (self->store, set_flag_tx, &change, error))
    return FALSE;
  emit_changed (self);
  return TRUE;
}

/**
 * co_vault_set_excluded:
 * @self: a #CoVault
 * @id: an item id
 * @excluded: %TRUE to keep the item out of idea generation
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
co_vault_set_excluded (CoVault   *self,
                       gint64     id,
                       gboolean   excluded,
                       GError   **error)
{
  g_return_val_if_fail (CO_IS_VAULT (self), FALSE);
  return set_flag (self, id, "UPDATE vault_items SET excluded = ? WHERE id = ?",
                   excluded ? 1 : 0, NULL, error);
}

/**
 * co_vault_set_transcript:
 * @self: a #CoVault
 * @id: an item id
 * @transcript: the spoken text of an audio or video item
 * @error: return location for a #GError
 *
 * Makes the transcript searchable.
 *
 * Returns: %TRUE on success
 */
gboolean
co_vault_set_transcript (CoVault     *self,
                         gint64       id,
                         const char  *transcript,
                         GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_VAULT (self), FALSE);
  g_return_val_if_fail (transcript != NULL, FALSE);

  locker = _co_store_lock (self->store);
  if (!item_exists (self, id, NULL))
    return set_not_found (error, id);
  stmt = _co_store_prepare (self->store, "UPDATE vault_fts SET transcript = ? WHERE rowid = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, transcript, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_co_store_step_done (self->store, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, _co_stmt_release);
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  /* A new transcript changes what searches find, so views must refresh. */
  emit_changed (self);
  return TRUE;
}

/**
 * co_vault_trash:
 * @self: a #CoVault
 * @id: an item id
 * @error: return location for a #GError
 *
 * Moves an item to the trash, from where co_vault_restore() brings it back
 * unchanged.  Its files stay until the trash is purged.
 *
 * Returns: %TRUE on success; %CO_VAULT_ERROR_WRONG_STATE if already trashed
 */
gboolean
co_vault_trash (CoVault  *self,
                gint64    id,
                GError  **error)
{
  g_return_val_if_fail (CO_IS_VAULT (self), FALSE);
  return set_flag (self, id,
                   "UPDATE vault_items SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL",
                   _co_store_now (), _("Item %lld is already in the trash"),
                   error);
}

/**
 * co_vault_restore:
 * @self: a #CoVault
 * @id: an item id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %CO_VAULT_ERROR_WRONG_STATE if not in the trash
 */
gboolean
co_vault_restore (CoVault  *self,
                  gint64    id,
                  GError  **error)
{
  g_return_val_if_fail (CO_IS_VAULT (self), FALSE);
  return set_flag (self, id,
                   "UPDATE vault_items SET trashed_at = nullif (?, 0)"
                   " WHERE id = ? AND trashed_at IS NOT NULL",
                   0, _("Item %lld is not in the trash"), error);
}

/**
 * co_vault_purge:
 * @self: a #CoVault
 * @out_report: (out caller-allocates) (optional): what was removed
 * @error: return location for a #GError
 *
 * Empties the trash for good: the items' rows, tags, search entries and
 * references, then every stored file and thumbnail nothing else refers to,
 * unless an import recorded the same content meanwhile.  Stray files that a
 * crash left in the store are removed too.  Works on a full disk: the
 * store's space reserve makes room for the transaction.
 *
 * Returns: %TRUE on success; on failure nothing is removed, except that
 *   when only removing the files failed the items are gone and the next
 *   purge removes the files
 */
gboolean
co_vault_purge (CoVault             *self,
                CoVaultPurgeReport  *out_report,
                GError             **error)
{
  CoVaultPurgeReport report = { 0 };
  gboolean ok;

  g_return_val_if_fail (CO_IS_VAULT (self), FALSE);

  ok = _co_vault_purge_trashed (self, &report, error);
  if (ok)
    report.files += _co_store_sweep_strays (self->store, &report.bytes);
  /* Room freed on a full disk goes back to the reserve first. */
  _co_store_ensure_reserve (self->store);

  if (ok && out_report != NULL)
    *out_report = report;
  if (report.items > 0)
    emit_changed (self);
  return ok;
}
