/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-store.h"
#include "co-vault-item.h"

G_BEGIN_DECLS

/**
 * CoVaultSort:
 * @CO_VAULT_SORT_NEWEST: newest import first
 * @CO_VAULT_SORT_OLDEST: oldest import first
 * @CO_VAULT_SORT_NAME: by title, A to Z, case-insensitive
 * @CO_VAULT_SORT_SIZE: largest first
 * @CO_VAULT_SORT_DURATION: longest first (items without duration last)
 * @CO_VAULT_SORT_RELEVANCE: best search match first (only with a search), among
 *   the %CO_VAULT_RELEVANCE_CAP most recent matches
 */
typedef enum
{
  CO_VAULT_SORT_NEWEST,
  CO_VAULT_SORT_OLDEST,
  CO_VAULT_SORT_NAME,
  CO_VAULT_SORT_SIZE,
  CO_VAULT_SORT_DURATION,
  CO_VAULT_SORT_RELEVANCE,
} CoVaultSort;

/* Relevance orders at most this many matches: the most recent ones. */
#define CO_VAULT_RELEVANCE_CAP 500

const char *co_vault_sort_to_string   (CoVaultSort  sort);
gboolean    co_vault_sort_from_string (const char  *name,
                                       CoVaultSort *out_sort);

/**
 * CoVaultTrash:
 * @CO_VAULT_TRASH_EXCLUDE: items in the trash are left out (the default)
 * @CO_VAULT_TRASH_ONLY: only items in the trash
 * @CO_VAULT_TRASH_INCLUDE: both
 */
typedef enum
{
  CO_VAULT_TRASH_EXCLUDE,
  CO_VAULT_TRASH_ONLY,
  CO_VAULT_TRASH_INCLUDE,
} CoVaultTrash;

/**
 * CoVaultQuery:
 * @type: only items of this type, or %CO_VAULT_TYPE_ANY
 * @tag: (nullable): only items with this tag
 * @since: only items imported at or after this time (µs, UTC), or 0
 * @until: only items imported before this time (µs, UTC), or 0
 * @search: (nullable): full-text query: words, all of which must be found.
 *   A word of two letters or more finds the words it begins ("stab" finds
 *   "stabilisation") and the other forms of itself ("stabilising" finds
 *   "stabilisation"); a word ending in `*` finds only the words it begins
 * @sort: the order
 * @trash: what to do with items in the trash
 * @as_you_type: the search is being typed: its last word matches the start
 *   of words even when it is a single letter ("i" finds "interview")
 *
 * A filter over the vault.  Zero-initialise it (`CoVaultQuery q = { 0 };`) for
 * "every item not in the trash, newest first".  Strings are borrowed.
 */
typedef struct
{
  CoVaultType   type;
  const char   *tag;
  gint64        since;
  gint64        until;
  const char   *search;
  CoVaultSort   sort;
  CoVaultTrash  trash;
  gboolean      as_you_type;
} CoVaultQuery;

/**
 * CoVaultNewItem:
 * @type: the detected type
 * @mime: (nullable): the detected MIME type
 * @title: (nullable): the title; the file name is used when %NULL
 * @body: (nullable): the text of a note
 * @notes: (nullable): the user's notes
 * @source_url: (nullable): where it came from
 * @original_name: (nullable): the imported file's base name
 * @codecs: (nullable): codecs, comma-separated
 * @width: pixels, or 0
 * @height: pixels, or 0
 * @duration: seconds, or a negative number when it has none
 * @created_at: when the content was made (µs, UTC), or 0 for now
 * @tags: (nullable) (array zero-terminated=1): tags to attach
 * @has_phash: whether @phash is set
 * @phash: a 64-bit perceptual hash of the image or a video frame
 *
 * What the importer found out about a file.  Strings are borrowed.
 */
typedef struct
{
  CoVaultType         type;
  const char         *mime;
  const char         *title;
  const char         *body;
  const char         *notes;
  const char         *source_url;
  const char         *original_name;
  const char         *codecs;
  int                 width;
  int                 height;
  double              duration;
  gint64              created_at;
  const char * const *tags;
  gboolean            has_phash;
  guint64             phash;
} CoVaultNewItem;

/**
 * CoVaultMatch:
 * @item: the similar item
 * @score: similarity from 0 (unrelated) to 1 (identical)
 * @reason: a sentence that says why the items are alike
 */
typedef struct
{
  CoVaultItem *item;
  double       score;
  char        *reason;
} CoVaultMatch;

void co_vault_match_free (CoVaultMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoVaultMatch, co_vault_match_free)

/**
 * CoVaultPurgeReport:
 * @items: vault items removed
 * @files: stored files deleted
 * @bytes: bytes freed
 */
typedef struct
{
  guint  items;
  guint  files;
  gint64 bytes;
} CoVaultPurgeReport;

#define CO_TYPE_VAULT (co_vault_get_type ())
G_DECLARE_FINAL_TYPE (CoVault, co_vault, CO, VAULT, GObject)

CoVault     *co_vault_new                 (CoStore               *store);
CoStore     *co_vault_get_store           (CoVault               *self);

gint64       co_vault_import_file         (CoVault               *self,
                                           const char            *path,
                                           const CoVaultNewItem  *meta,
                                           gboolean              *out_duplicate,
                                           GCancellable          *cancellable,
                                           GError               **error);
gint64       co_vault_add_note            (CoVault               *self,
                                           const char            *title,
                                           const char            *body,
                                           const char * const    *tags,
                                           GError               **error);
gint64       co_vault_add_link            (CoVault               *self,
                                           const char            *url,
                                           const char            *title,
                                           const char            *notes,
                                           const char * const    *tags,
                                           GError               **error);

CoVaultItem *co_vault_get                 (CoVault               *self,
                                           gint64                 id,
                                           GError               **error);
CoVaultItem *co_vault_find_by_sha256      (CoVault               *self,
                                           const char            *sha256);
GPtrArray   *co_vault_list                (CoVault               *self,
                                           const CoVaultQuery    *query,
                                           guint                  offset,
                                           guint                  limit,
                                           GError               **error);
gint64       co_vault_count               (CoVault               *self,
                                           const CoVaultQuery    *query,
                                           GError               **error);
GStrv        co_vault_list_tags           (CoVault               *self,
                                           GError               **error);

gboolean     co_vault_update_text         (CoVault               *self,
                                           gint64                 id,
                                           const char            *title,
                                           const char            *notes,
                                           GError               **error);
gboolean     co_vault_add_tags            (CoVault               *self,
                                           gint64                 id,
                                           const char * const    *tags,
                                           GError               **error);
gboolean     co_vault_remove_tags         (CoVault               *self,
                                           gint64                 id,
                                           const char * const    *tags,
                                           GError               **error);
gboolean     co_vault_set_excluded        (CoVault               *self,
                                           gint64                 id,
                                           gboolean               excluded,
                                           GError               **error);
gboolean     co_vault_set_transcript      (CoVault               *self,
                                           gint64                 id,
                                           const char            *transcript,
                                           GError               **error);
gint64       co_vault_index_transcript    (CoStore               *store,
                                           const char            *sha256,
                                           const char            *transcript,
                                           GError               **error);
GHashTable  *co_vault_dup_names           (CoStore               *store,
                                           GError               **error);
char        *co_vault_dup_digest_for_file (CoStore               *store,
                                           const char            *path,
                                           GCancellable          *cancellable,
                                           GError               **error);

gboolean     co_vault_trash               (CoVault               *self,
                                           gint64                 id,
                                           GError               **error);
gboolean     co_vault_restore             (CoVault               *self,
                                           gint64                 id,
                                           GError               **error);
gboolean     co_vault_purge               (CoVault               *self,
                                           CoVaultPurgeReport    *out_report,
                                           GError               **error);

GPtrArray   *co_vault_similar             (CoVault               *self,
                                           gint64                 id,
                                           guint                  limit,
                                           GError               **error);
void         co_vault_similar_async       (CoVault               *self,
                                           gint64                 id,
                                           guint                  limit,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
GPtrArray   *co_vault_similar_finish      (CoVault               *self,
                                           GAsyncResult          *result,
                                           GError               **error);
GPtrArray   *co_vault_near_duplicates     (CoVault               *self,
                                           gint64                 id,
                                           double                 threshold,
                                           GError               **error);

G_END_DECLS
