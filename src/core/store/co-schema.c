/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-store-private.h"

/*
 * Forward-only migrations.  Entry N (counting from 1) upgrades a database at
 * version N-1 to version N.  Never edit an entry once it has shipped: append a
 * new one, and add the database it produces to the upgrade test.
 *
 * Times are microseconds since the Unix epoch, UTC.  Durations are seconds.
 */
static const char *const migrations[] = {
  /* 1: vault items, tags and content-addressed assets. */
  "CREATE TABLE assets ("
  "  sha256 TEXT PRIMARY KEY NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  mime TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  unreferenced_since INTEGER"
  ");"
  "CREATE TABLE asset_refs ("
  "  sha256 TEXT NOT NULL REFERENCES assets (sha256) ON DELETE CASCADE,"
  "  owner_kind TEXT NOT NULL,"
  "  owner_id INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (sha256, owner_kind, owner_id)"
  ");"
  "CREATE INDEX asset_refs_owner ON asset_refs (owner_kind, owner_id);"
  "CREATE TABLE vault_items ("
  "  id INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL CHECK (type IN ('image', 'video', 'audio', 'note', 'link')),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  mime TEXT,"
  "  size INTEGER NOT NULL DEFAULT 0,"
  "  sha256 TEXT REFERENCES assets (sha256),"
  "  width INTEGER,"
  "  height INTEGER,"
  "  duration REAL,"
  "  codecs TEXT,"
  "  source_url TEXT,"
  "  original_name TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  trashed_at INTEGER,"
  "  excluded INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX vault_items_imported ON vault_items (imported_at);"
  "CREATE INDEX vault_items_type ON vault_items (type, imported_at);"
  "CREATE INDEX vault_items_sha256 ON vault_items (sha256);"
  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE"
  ");"
  "CREATE TABLE item_tags ("
  "  item_id INTEGER NOT NULL REFERENCES vault_items (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (item_id, tag_id)"
  ");"
  "CREATE INDEX item_tags_tag ON item_tags (tag_id);",

  /* 2: full-text search and perceptual hashes for "similar items". */
  "CREATE VIRTUAL TABLE vault_fts USING fts5 ("
  "  title, body, notes, tags, transcript,"
  "  tokenize = 'porter unicode61 remove_diacritics 2',"
  "  prefix = '2 3'"
  ");"
  "INSERT INTO vault_fts (rowid, title, body, notes, tags, transcript)"
  "  SELECT v.id, v.title, v.body, v.notes,"
  "         coalesce ((SELECT group_concat (t.name, ' ') FROM item_tags it"
  "                    JOIN tags t ON t.id = it.tag_id WHERE it.item_id = v.id), ''),"
  "         ''"
  "  FROM vault_items v;"
  "ALTER TABLE vault_items ADD COLUMN phash INTEGER;"
  "CREATE INDEX vault_items_title ON vault_items (title COLLATE NOCASE);"
  "CREATE INDEX vault_items_size ON vault_items (size);"
  "CREATE INDEX vault_items_duration ON vault_items (duration);"
  "CREATE INDEX vault_items_trashed ON vault_items (trashed_at);",

  /* 3: per-library settings (quota) and hash verification results. */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");"
  "ALTER TABLE assets ADD COLUMN verified_at INTEGER;"
  "ALTER TABLE assets ADD COLUMN verify_ok INTEGER;"
  "CREATE INDEX assets_unreferenced ON assets (unreferenced_since);",

  /* 4: persistent background jobs, and results (analysis, transcripts,
   * subtitles) kept per source and parameter set. */
  "CREATE TABLE jobs ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  params TEXT NOT NULL DEFAULT '{}',"
  "  state TEXT NOT NULL"
  "    CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),"
  "  fraction REAL NOT NULL DEFAULT 0,"
  "  message TEXT,"
  "  error_domain TEXT,"
  "  error_code INTEGER,"
  "  error_message TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  started_at INTEGER,"
  "  finished_at INTEGER"
  ");"
  "CREATE INDEX jobs_state ON jobs (state, id);"
  "CREATE TABLE results ("
  "  kind TEXT NOT NULL,"
  "  source_key TEXT NOT NULL,"
  "  params_key TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  data BLOB,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, source_key, params_key)"
  ");",

  /* 5: the search index without the Porter stemmer.  FTS5 matches a prefix
   * query against the stored stems, so "cookin*" never found "cooking"
   * (stored as "cook"), which broke search as you type.  Transcripts live
   * only in the index, so they are copied across.  Four-letter prefixes get
   * an index too: words being typed are mostly that short, and without it
   * they merged the lists of every word starting so. */
  "CREATE VIRTUAL TABLE vault_fts_new USING fts5 ("
  "  title, body, notes, tags, transcript,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3 4'"
  ");"
  "INSERT INTO vault_fts_new (rowid, title, body, notes, tags, transcript)"
  "  SELECT rowid, title, body, notes, tags, transcript FROM vault_fts;"
  "DROP TABLE vault_fts;"
  "ALTER TABLE vault_fts_new RENAME TO vault_fts;",

  /* 6: indexes the planner can trust.  An index on trashed_at held a NULL for
   * every live item, and without statistics SQLite took "trashed_at IS NULL"
   * as selective: it fetched every live row, then sorted them all for each
   * page of the grid.  Partial indexes hold only what each view reads. */
  "DROP INDEX vault_items_trashed;"
  "CREATE INDEX vault_items_trashed ON vault_items (trashed_at) WHERE trashed_at IS NOT NULL;"
  "CREATE INDEX vault_items_live ON vault_items (imported_at, id) WHERE trashed_at IS NULL;"
  "CREATE INDEX vault_items_live_duration ON vault_items (duration IS NULL, duration DESC, id DESC)"
  "  WHERE trashed_at IS NULL;",

  /* 7: ids are never given twice.  Without AUTOINCREMENT SQLite hands out
   * the highest id plus one, so purging the newest note made its id the
   * next note's, and a script that kept the old id acted on the new note.
   * The tables are rebuilt (SQLite cannot add AUTOINCREMENT to a table) with
   * their indexes; migrate() turns foreign keys off meanwhile, so dropping
   * the old table does not cascade to item_tags.  Copying the rows starts
   * each sequence at the highest id in use. */
  "CREATE TABLE vault_items_new ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  type TEXT NOT NULL CHECK (type IN ('image', 'video', 'audio', 'note', 'link')),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  mime TEXT,"
  "  size INTEGER NOT NULL DEFAULT 0,"
  "  sha256 TEXT REFERENCES assets (sha256),"
  "  width INTEGER,"
  "  height INTEGER,"
  "  duration REAL,"
  "  codecs TEXT,"
  "  source_url TEXT,"
  "  original_name TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  trashed_at INTEGER,"
  "  excluded INTEGER NOT NULL DEFAULT 0,"
  "  phash INTEGER"
  ");"
  "INSERT INTO vault_items_new (id, type, title, body, notes, mime, size, sha256, width,"
  "  height, duration, codecs, source_url, original_name, created_at, imported_at,"
  "  trashed_at, excluded, phash)"
  "  SELECT id, type, title, body, notes, mime, size, sha256, width, height, duration,"
  "         codecs, source_url, original_name, created_at, imported_at, trashed_at,"
  "         excluded, phash"
  "  FROM vault_items;"
  "DROP TABLE vault_items;"
  "ALTER TABLE vault_items_new RENAME TO vault_items;"
  "CREATE INDEX vault_items_imported ON vault_items (imported_at);"
  "CREATE INDEX vault_items_type ON vault_items (type, imported_at);"
  "CREATE INDEX vault_items_sha256 ON vault_items (sha256);"
  "CREATE INDEX vault_items_title ON vault_items (title COLLATE NOCASE);"
  "CREATE INDEX vault_items_size ON vault_items (size);"
  "CREATE INDEX vault_items_duration ON vault_items (duration);"
  "CREATE INDEX vault_items_trashed ON vault_items (trashed_at) WHERE trashed_at IS NOT NULL;"
  "CREATE INDEX vault_items_live ON vault_items (imported_at, id) WHERE trashed_at IS NULL;"
  "CREATE INDEX vault_items_live_duration ON vault_items (duration IS NULL, duration DESC, id DESC)"
  "  WHERE trashed_at IS NULL;"
  "CREATE TABLE jobs_new ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  params TEXT NOT NULL DEFAULT '{}',"
  "  state TEXT NOT NULL"
  "    CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),"
  "  fraction REAL NOT NULL DEFAULT 0,"
  "  message TEXT,"
  "  error_domain TEXT,"
  "  error_code INTEGER,"
  "  error_message TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  started_at INTEGER,"
  "  finished_at INTEGER"
  ");"
  "INSERT INTO jobs_new (id, kind, title, params, state, fraction, message, error_domain,"
  "  error_code, error_message, attempts, created_at, started_at, finished_at)"
  "  SELECT id, kind, title, params, state, fraction, message, error_domain, error_code,"
  "         error_message, attempts, created_at, started_at, finished_at"
  "  FROM jobs;"
  "DROP TABLE jobs;"
  "ALTER TABLE jobs_new RENAME TO jobs;"
  "CREATE INDEX jobs_state ON jobs (state, id);",

  /* 8: stored files a purge has released.  The purge deletes the rows and
   * records the files here in one transaction, then removes the files in a
   * second one, under the write lock, unless an import (perhaps in another
   * process) has recorded the same content in between.  Rows left by a crash
   * are finished by the next purge. */
  "CREATE TABLE file_deletions ("
  "  sha256 TEXT PRIMARY KEY NOT NULL,"
  "  released_at INTEGER NOT NULL"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CO_STORE_SCHEMA_VERSION);

const char *const *
_co_schema_get_migrations (int *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
