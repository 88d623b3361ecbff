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

/* Fragments of migration 13 (the cloud mirror), spelt once.  They belong to
 * that migration: never edit them once it has shipped. */
#define M13_NOT_APPLYING "NOT EXISTS (SELECT 1 FROM mirror_applying)"
#define M13_NOW "CAST ((julianday ('now') - 2440587.5) * 86400000000.0 AS INTEGER)"
#define M13_NEXT_SEQ "(SELECT coalesce (max (seq), 0) + 1 FROM mirror_records)"
#define M13_MARK(kind, id) \
  "UPDATE mirror_records SET dirty = 1, modified_at = " M13_NOW ", modified_by = NULL," \
  " seq = " M13_NEXT_SEQ " WHERE kind = '" kind "' AND local_id = " id ";"
#define M13_GONE(kind, id) \
  "UPDATE mirror_records SET dirty = 1, deleted = 1, local_id = NULL," \
  " modified_at = " M13_NOW ", modified_by = NULL, seq = " M13_NEXT_SEQ \
  " WHERE kind = '" kind "' AND local_id = " id ";"
#define M13_NEW(prefix, kind, id) \
  "INSERT INTO mirror_records (doc_id, kind, local_id, modified_at, seq)" \
  " VALUES ('" prefix ":' || lower (hex (randomblob (16))), '" kind "', " id ", " M13_NOW "," \
  " " M13_NEXT_SEQ ");"
/* A trigger that marks a record when a local change touches one of its rows. */
#define M13_TRIGGER(name, when, table, cond, body) \
  "CREATE TRIGGER " name " AFTER " when " ON " table " WHEN " cond " AND " M13_NOT_APPLYING \
  " BEGIN " body " END;"
/* The rules of migration 9, unchanged, except that the mirror may write what
 * another library already accepted under them. */
#define M13_RULE(name, when, table, cond, message) \
  "DROP TRIGGER " name ";" \
  "CREATE TRIGGER " name " BEFORE " when " ON " table " WHEN (" cond ") AND " M13_NOT_APPLYING \
  " BEGIN SELECT RAISE (ABORT, '" message "'); END;"
#define M13_READ_ONLY "a published draft is read-only"
#define M13_TOO_CLOSE "another post on this platform is less than 5 minutes away"

/* Migration 17: the counts just written to post_metrics, kept as a sample
 * (a second write at the same time replaces it). */
#define M17_SAMPLE                                                                      \
  "  INSERT INTO post_metric_samples (platform, post_id, collected_at, views, likes,"  \
  "    comments, shares)"                                                               \
  "  VALUES (NEW.platform, NEW.post_id, NEW.collected_at, NEW.views, NEW.likes,"       \
  "    NEW.comments, NEW.shares)"                                                       \
  "  ON CONFLICT (platform, post_id, collected_at) DO UPDATE SET views = excluded.views," \
  "    likes = excluded.likes, comments = excluded.comments, shares = excluded.shares;"

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
  /* 9: drafts, their per-platform variants, links and stage history; the
   * schedule; and the engagement of published posts (filled by the
   * analytics and publishing work).  A stored file a draft uses is a
   * reference in asset_refs with the owner kind 'draft'.  The triggers are
   * the store's own fence behind the drafts code: a published draft cannot
   * change, a move the stage rule forbids cannot happen, and two posts on
   * one platform cannot be less than five minutes apart.  The schedule's
   * indexes cover the calendar's and the conflict check's queries. */
  "CREATE TABLE drafts ("
  "  id INTEGER PRIMARY KEY,"
  "  stage TEXT NOT NULL CHECK (stage IN ('saved', 'draft', 'scheduled', 'published')),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  origin_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  stage_changed_at INTEGER NOT NULL,"
  "  CHECK (stage = 'saved' OR (title <> '' AND body <> ''))"
  ");"
  "CREATE INDEX drafts_board ON drafts (stage, updated_at, id);"
  "CREATE INDEX drafts_updated ON drafts (updated_at, id);"
  "CREATE INDEX drafts_origin ON drafts (origin_id) WHERE origin_id IS NOT NULL;"
  "CREATE TABLE draft_variants ("
  "  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  platform TEXT NOT NULL,"
  "  title TEXT,"
  "  body TEXT,"
  "  post_id TEXT,"
  "  post_url TEXT,"
  "  published_at INTEGER,"
  "  PRIMARY KEY (draft_id, platform)"
  ") WITHOUT ROWID;"
  "CREATE INDEX draft_variants_platform ON draft_variants (platform, draft_id);"
  "CREATE TABLE draft_items ("
  "  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES vault_items (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (draft_id, item_id)"
  ");"
  "CREATE INDEX draft_items_item ON draft_items (item_id);"
  "CREATE TABLE draft_stage_history ("
  "  id INTEGER PRIMARY KEY,"
  "  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  from_stage TEXT,"
  "  to_stage TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL"
  ");"
  "CREATE INDEX draft_stage_history_draft ON draft_stage_history (draft_id, id);"
  "CREATE TABLE schedule_entries ("
  "  id INTEGER PRIMARY KEY,"
  "  draft_id INTEGER NOT NULL,"
  "  platform TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  zone TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (draft_id, platform),"
  "  FOREIGN KEY (draft_id, platform) REFERENCES draft_variants (draft_id, platform)"
  "    ON DELETE CASCADE"
  ");"
  "CREATE INDEX schedule_entries_slot ON schedule_entries (platform, at, draft_id);"
  "CREATE INDEX schedule_entries_at ON schedule_entries (at, platform, draft_id, zone);"
  "CREATE TABLE post_metrics ("
  "  id INTEGER PRIMARY KEY,"
  "  platform TEXT NOT NULL,"
  "  post_id TEXT NOT NULL,"
  "  draft_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL,"
  "  posted_at INTEGER NOT NULL,"
  "  views INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0),"
  "  likes INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),"
  "  comments INTEGER NOT NULL DEFAULT 0 CHECK (comments >= 0),"
  "  shares INTEGER NOT NULL DEFAULT 0 CHECK (shares >= 0),"
  "  collected_at INTEGER NOT NULL,"
  "  UNIQUE (platform, post_id)"
  ");"
  "CREATE INDEX post_metrics_platform ON post_metrics (platform, posted_at);"
  "CREATE TRIGGER drafts_insert_stage BEFORE INSERT ON drafts"
  "  WHEN NEW.stage NOT IN ('saved', 'draft')"
  "  BEGIN SELECT RAISE (ABORT, 'a new draft starts as saved or draft'); END;"
  "CREATE TRIGGER drafts_move BEFORE UPDATE OF stage ON drafts"
  "  WHEN NEW.stage <> OLD.stage AND NOT ("
  "    (OLD.stage = 'saved' AND NEW.stage = 'draft') OR"
  "    (OLD.stage = 'draft' AND NEW.stage = 'scheduled') OR"
  "    (OLD.stage = 'scheduled' AND NEW.stage IN ('published', 'draft')))"
  "  BEGIN SELECT RAISE (ABORT, 'this stage move is not allowed'); END;"
  "CREATE TRIGGER drafts_published_update BEFORE UPDATE OF stage, title, body, created_at ON drafts"
  "  WHEN OLD.stage = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER drafts_published_delete BEFORE DELETE ON drafts"
  "  WHEN OLD.stage = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER draft_variants_published_insert BEFORE INSERT ON draft_variants"
  "  WHEN (SELECT stage FROM drafts WHERE id = NEW.draft_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER draft_variants_published_update BEFORE UPDATE ON draft_variants"
  "  WHEN (SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER draft_variants_published_delete BEFORE DELETE ON draft_variants"
  "  WHEN (SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER draft_items_published_insert BEFORE INSERT ON draft_items"
  "  WHEN (SELECT stage FROM drafts WHERE id = NEW.draft_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  /* Purging a vault item still removes its links: the item is gone first. */
  "CREATE TRIGGER draft_items_published_delete BEFORE DELETE ON draft_items"
  "  WHEN (SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'"
  "    AND EXISTS (SELECT 1 FROM vault_items WHERE id = OLD.item_id)"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER draft_files_published_insert BEFORE INSERT ON asset_refs"
  "  WHEN NEW.owner_kind = 'draft'"
  "    AND (SELECT stage FROM drafts WHERE id = NEW.owner_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER draft_files_published_delete BEFORE DELETE ON asset_refs"
  "  WHEN OLD.owner_kind = 'draft'"
  "    AND (SELECT stage FROM drafts WHERE id = OLD.owner_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER draft_stage_history_append_only BEFORE UPDATE ON draft_stage_history"
  "  BEGIN SELECT RAISE (ABORT, 'the stage history is append-only'); END;"
  "CREATE TRIGGER schedule_entries_published_insert BEFORE INSERT ON schedule_entries"
  "  WHEN (SELECT stage FROM drafts WHERE id = NEW.draft_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER schedule_entries_published_update BEFORE UPDATE ON schedule_entries"
  "  WHEN (SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER schedule_entries_published_delete BEFORE DELETE ON schedule_entries"
  "  WHEN (SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'"
  "  BEGIN SELECT RAISE (ABORT, 'a published draft is read-only'); END;"
  "CREATE TRIGGER schedule_entries_conflict_insert BEFORE INSERT ON schedule_entries"
  "  WHEN EXISTS (SELECT 1 FROM schedule_entries s WHERE s.platform = NEW.platform"
  "    AND s.at > NEW.at - 300000000 AND s.at < NEW.at + 300000000)"
  "  BEGIN SELECT RAISE (ABORT, 'another post on this platform is less than 5 minutes away');"
  "  END;"
  "CREATE TRIGGER schedule_entries_conflict_update BEFORE UPDATE OF at, platform"
  "  ON schedule_entries"
  "  WHEN EXISTS (SELECT 1 FROM schedule_entries s WHERE s.platform = NEW.platform"
  "    AND s.id <> OLD.id AND s.at > NEW.at - 300000000 AND s.at < NEW.at + 300000000)"
  "  BEGIN SELECT RAISE (ABORT, 'another post on this platform is less than 5 minutes away');"
  "  END;",

  /* 10: publishing accounts and the outbox.  An account row holds no secret:
   * tokens are in the keyring, named by platform and remote_id.  Every
   * operation that must reach the network is an outbox row, written before its
   * first request leaves, with one row per attempt; "unsure" marks an operation
   * whose last request may have reached the server, so that it is looked up
   * there before it is sent again.  Ids are never given twice (as since 7), so
   * an id a script kept never names another account or operation. */
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  platform TEXT NOT NULL"
  "    CHECK (platform IN ('x', 'linkedin', 'instagram', 'youtube')),"
  "  remote_id TEXT NOT NULL,"
  "  display_name TEXT NOT NULL,"
  "  state TEXT NOT NULL"
  "    CHECK (state IN ('connected', 'reconnect-needed', 'disconnected')),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  checked_at INTEGER,"
  "  UNIQUE (platform, remote_id)"
  ");"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  account_id INTEGER REFERENCES accounts (id),"
  "  after_id INTEGER REFERENCES outbox (id),"
  "  payload TEXT NOT NULL,"
  "  marker TEXT,"
  "  state TEXT NOT NULL"
  "    CHECK (state IN ('pending', 'sending', 'done', 'failed', 'discarded')),"
  "  unsure INTEGER NOT NULL DEFAULT 0,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  max_attempts INTEGER NOT NULL,"
  "  budget INTEGER NOT NULL,"
  "  next_attempt_at INTEGER NOT NULL,"
  "  first_sent_at INTEGER,"
  "  checkpoint TEXT,"
  "  remote_id TEXT,"
  "  remote_url TEXT,"
  "  result TEXT,"
  "  error_domain TEXT,"
  "  error_code INTEGER,"
  "  error_message TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  finished_at INTEGER"
  ");"
  "CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';"
  "CREATE INDEX outbox_state ON outbox (state, id);"
  "CREATE INDEX outbox_account ON outbox (account_id, kind, remote_id);"
  "CREATE TABLE outbox_attempts ("
  "  operation_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL,"
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  lookup TEXT CHECK (lookup IN ('found', 'not-found', 'failed')),"
  "  outcome TEXT"
  "    CHECK (outcome IN ('sent', 'found', 'retry', 'unsure', 'failed', 'interrupted')),"
  "  error_domain TEXT,"
  "  error_code INTEGER,"
  "  error_message TEXT,"
  "  PRIMARY KEY (operation_id, number)"
  ");",

  /* 11: a kept result's data last in its row.  SQLite leaves a zeroblob()
   * unwritten only at the end of a row; before another column it builds the
   * blob in memory, twice, so co_store_put_result_streamed() held a long
   * analysis's waveform whole after all.  The table is rebuilt with its
   * rows (SQLite cannot move a column). */
  "CREATE TABLE results_new ("
  "  kind TEXT NOT NULL,"
  "  source_key TEXT NOT NULL,"
  "  params_key TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  data BLOB,"
  "  PRIMARY KEY (kind, source_key, params_key)"
  ");"
  "INSERT INTO results_new (kind, source_key, params_key, json, created_at, data)"
  "  SELECT kind, source_key, params_key, json, created_at, data FROM results;"
  "DROP TABLE results;"
  "ALTER TABLE results_new RENAME TO results;",

  /* 12: search by the beginning of any word, and by the stem of a whole
   * one.  Migration 5 dropped the Porter stemmer so that a word being typed
   * ("stabilis") finds the stored word ("stabilisation"), which lost the
   * other forms of a finished word ("stabilising").  The creatorops_words
   * tokenizer (co-store-words.c) stores each word as written and, beside
   * it, its stem: prefix queries read the first, whole words the second.
   * Every word is now also a prefix query, and FTS5 answers one longer
   * than its longest prefix index by merging the full lists of all words
   * so beginning before it can skip to the newest matches: "interview*"
   * took ten times as long as "interview" in a 100,000-item vault.  So
   * beginnings of up to twelve letters get an index (the index grows by
   * about two thirds); longer ones are rare and match few items.
   * Transcripts set in the index are copied across.
   *
   * And transcripts are searchable: the words kept for a stored file become
   * the spoken text of its items (co_transcript_store_save()).  The view
   * reads kept transcripts as text, skipping anything damaged, for an
   * import (co-vault.c) and for the transcripts kept before this version. */
  "CREATE VIRTUAL TABLE vault_fts_new USING fts5 ("
  "  title, body, notes, tags, transcript,"
  "  tokenize = '" CO_STORE_WORDS_TOKENIZER "',"
  "  prefix = '2 3 4 5 6 7 8 9 10 11 12'"
  ");"
  "INSERT INTO vault_fts_new (rowid, title, body, notes, tags, transcript)"
  "  SELECT rowid, title, body, notes, tags, transcript FROM vault_fts;"
  "DROP TABLE vault_fts;"
  "ALTER TABLE vault_fts_new RENAME TO vault_fts;"
  "CREATE VIEW kept_transcripts AS"
  "  SELECT r.source_key AS source_key, r.created_at AS created_at,"
  "         coalesce ((SELECT group_concat (w.value ->> 'text', ' ')"
  "                    FROM json_each (r.json, '$.words') AS w WHERE w.type = 'object'), '')"
  "           AS text"
  "  FROM results r WHERE r.kind = 'transcript' AND json_valid (r.json);"
  "UPDATE vault_fts SET transcript ="
  "  (SELECT k.text FROM kept_transcripts k JOIN vault_items v ON v.sha256 = k.source_key"
  "   WHERE v.id = vault_fts.rowid ORDER BY k.created_at DESC LIMIT 1)"
  "  WHERE transcript = '' AND rowid IN"
  "    (SELECT v.id FROM vault_items v JOIN kept_transcripts k ON k.source_key = v.sha256);",

  /* 13: the cloud mirror (issue 15).  Every mirrored record (a vault item, a
   * draft with its variants, links, files and history, a schedule entry, a
   * conflict copy) has a row in mirror_records: its CouchDB document id, the
   * revision its local state was last written as, that revision's history
   * (ancestry: the revision hashes, newest first), whether local changes
   * came since (dirty), whether it is gone (deleted: a tombstone), when and
   * by which library it was last changed, and a local sequence number that
   * orders the changes to send.  Triggers mark a record on every local
   * change, except while the mirror itself writes what it received
   * (mirror_applying holds a row only inside that transaction, so no other
   * connection ever sees it).  The drafts' rules are kept for local edits;
   * the mirror may write what another library accepted under them.
   * mirror_losers remembers the losing revisions of resolved conflicts and
   * the tombstones that close them; mirror_pending keeps received documents
   * waiting for a record they refer to; mirror_conflicts the conflict
   * copies; mirror_checkpoints the local side of the _local checkpoints. */
  "CREATE TABLE mirror_applying (applying INTEGER NOT NULL);"
  "CREATE TABLE mirror_records ("
  "  doc_id TEXT PRIMARY KEY NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('vault_item', 'draft', 'schedule', 'conflict')),"
  "  local_id INTEGER,"
  "  rev TEXT,"
  "  ancestry TEXT NOT NULL DEFAULT '[]',"
  "  dirty INTEGER NOT NULL DEFAULT 1,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  modified_at INTEGER NOT NULL,"
  "  modified_by TEXT,"
  "  seq INTEGER NOT NULL,"
  "  UNIQUE (kind, local_id)"
  ");"
  "CREATE INDEX mirror_records_seq ON mirror_records (seq);"
  "CREATE INDEX mirror_records_dirty ON mirror_records (seq) WHERE dirty = 1;"
  "CREATE TABLE mirror_losers ("
  "  doc_id TEXT NOT NULL,"
  "  rev TEXT NOT NULL,"
  "  ancestry TEXT NOT NULL,"
  "  body TEXT,"
  "  pushed INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (doc_id, rev)"
  ") WITHOUT ROWID;"
  "CREATE TABLE mirror_pending ("
  "  doc_id TEXT PRIMARY KEY NOT NULL,"
  "  leaves TEXT NOT NULL,"
  "  received_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE mirror_conflicts ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  doc_id TEXT NOT NULL UNIQUE,"
  "  record_id TEXT NOT NULL,"
  "  record_type TEXT NOT NULL,"
  "  lost_rev TEXT NOT NULL,"
  "  copy TEXT NOT NULL,"
  "  modified_at INTEGER NOT NULL,"
  "  modified_by TEXT"
  ");"
  "CREATE INDEX mirror_conflicts_record ON mirror_conflicts (record_id);"
  "CREATE TABLE mirror_checkpoints ("
  "  replication_id TEXT PRIMARY KEY NOT NULL,"
  "  doc TEXT NOT NULL,"
  "  remote_rev TEXT"
  ");"
  /* What exists already is new to the mirror, in the order it was made. */
  "INSERT INTO mirror_records (doc_id, kind, local_id, modified_at, seq)"
  "  SELECT 'vault:' || lower (hex (randomblob (16))), 'vault_item', id, " M13_NOW ","
  "         row_number () OVER (ORDER BY id)"
  "  FROM vault_items;"
  "INSERT INTO mirror_records (doc_id, kind, local_id, modified_at, seq)"
  "  SELECT 'draft:' || lower (hex (randomblob (16))), 'draft', id, " M13_NOW ","
  "         (SELECT count (*) FROM vault_items) + row_number () OVER (ORDER BY id)"
  "  FROM drafts;"
  "INSERT INTO mirror_records (doc_id, kind, local_id, modified_at, seq)"
  "  SELECT 'schedule:' || substr (m.doc_id, 7) || ':' || s.platform, 'schedule', s.id,"
  "         " M13_NOW ", (SELECT count (*) FROM vault_items) + (SELECT count (*) FROM drafts)"
  "         + row_number () OVER (ORDER BY s.id)"
  "  FROM schedule_entries s JOIN mirror_records m ON m.kind = 'draft' AND m.local_id = s.draft_id;"
  /* Vault items: the row, its tags. */
  M13_TRIGGER ("mirror_vault_items_insert", "INSERT", "vault_items", "1",
               M13_NEW ("vault", "vault_item", "NEW.id"))
  M13_TRIGGER ("mirror_vault_items_update", "UPDATE", "vault_items", "1",
               M13_MARK ("vault_item", "NEW.id"))
  M13_TRIGGER ("mirror_vault_items_delete", "DELETE", "vault_items", "1",
               M13_GONE ("vault_item", "OLD.id"))
  M13_TRIGGER ("mirror_item_tags_insert", "INSERT", "item_tags", "1",
               M13_MARK ("vault_item", "NEW.item_id"))
  M13_TRIGGER ("mirror_item_tags_delete", "DELETE", "item_tags", "1",
               M13_MARK ("vault_item", "OLD.item_id"))
  M13_TRIGGER ("mirror_tags_update", "UPDATE OF name", "tags", "1",
               "UPDATE mirror_records SET dirty = 1, modified_at = " M13_NOW ","
               " modified_by = NULL, seq = " M13_NEXT_SEQ " WHERE kind = 'vault_item'"
               " AND local_id IN (SELECT item_id FROM item_tags WHERE tag_id = NEW.id);")
  /* Drafts: the row, variants, links to items and files, stage history. */
  M13_TRIGGER ("mirror_drafts_insert", "INSERT", "drafts", "1",
               M13_NEW ("draft", "draft", "NEW.id"))
  M13_TRIGGER ("mirror_drafts_update", "UPDATE", "drafts", "1",
               M13_MARK ("draft", "NEW.id"))
  M13_TRIGGER ("mirror_drafts_delete", "DELETE", "drafts", "1",
               M13_GONE ("draft", "OLD.id"))
  M13_TRIGGER ("mirror_draft_variants_insert", "INSERT", "draft_variants", "1",
               M13_MARK ("draft", "NEW.draft_id"))
  M13_TRIGGER ("mirror_draft_variants_update", "UPDATE", "draft_variants", "1",
               M13_MARK ("draft", "NEW.draft_id"))
  M13_TRIGGER ("mirror_draft_variants_delete", "DELETE", "draft_variants", "1",
               M13_MARK ("draft", "OLD.draft_id"))
  M13_TRIGGER ("mirror_draft_items_insert", "INSERT", "draft_items", "1",
               M13_MARK ("draft", "NEW.draft_id"))
  M13_TRIGGER ("mirror_draft_items_update", "UPDATE", "draft_items", "1",
               M13_MARK ("draft", "NEW.draft_id"))
  M13_TRIGGER ("mirror_draft_items_delete", "DELETE", "draft_items", "1",
               M13_MARK ("draft", "OLD.draft_id"))
  M13_TRIGGER ("mirror_draft_history_insert", "INSERT", "draft_stage_history", "1",
               M13_MARK ("draft", "NEW.draft_id"))
  M13_TRIGGER ("mirror_draft_files_insert", "INSERT", "asset_refs", "NEW.owner_kind = 'draft'",
               M13_MARK ("draft", "NEW.owner_id"))
  M13_TRIGGER ("mirror_draft_files_delete", "DELETE", "asset_refs", "OLD.owner_kind = 'draft'",
               M13_MARK ("draft", "OLD.owner_id"))
  /* Schedule entries, named by their draft and platform, so that an entry
   * taken away and given again is the same record. */
  M13_TRIGGER ("mirror_schedule_entries_insert", "INSERT", "schedule_entries", "1",
               "INSERT INTO mirror_records (doc_id, kind, local_id, modified_at, seq)"
               " SELECT 'schedule:' || substr (m.doc_id, 7) || ':' || NEW.platform, 'schedule',"
               "        NEW.id, " M13_NOW ", " M13_NEXT_SEQ
               " FROM mirror_records m WHERE m.kind = 'draft' AND m.local_id = NEW.draft_id"
               " ON CONFLICT (doc_id) DO UPDATE SET local_id = excluded.local_id, deleted = 0,"
               "   dirty = 1, modified_at = excluded.modified_at, modified_by = NULL,"
               "   seq = excluded.seq;")
  M13_TRIGGER ("mirror_schedule_entries_update", "UPDATE", "schedule_entries", "1",
               M13_MARK ("schedule", "NEW.id"))
  M13_TRIGGER ("mirror_schedule_entries_delete", "DELETE", "schedule_entries", "1",
               M13_GONE ("schedule", "OLD.id"))
  /* The drafts' rules of migration 9, for local edits only. */
  M13_RULE ("drafts_insert_stage", "INSERT", "drafts", "NEW.stage NOT IN ('saved', 'draft')",
            "a new draft starts as saved or draft")
  M13_RULE ("drafts_move", "UPDATE OF stage", "drafts",
            "NEW.stage <> OLD.stage AND NOT ("
            "(OLD.stage = 'saved' AND NEW.stage = 'draft') OR"
            " (OLD.stage = 'draft' AND NEW.stage = 'scheduled') OR"
            " (OLD.stage = 'scheduled' AND NEW.stage IN ('published', 'draft')))",
            "this stage move is not allowed")
  M13_RULE ("drafts_published_update", "UPDATE OF stage, title, body, created_at", "drafts",
            "OLD.stage = 'published'", M13_READ_ONLY)
  M13_RULE ("drafts_published_delete", "DELETE", "drafts", "OLD.stage = 'published'",
            M13_READ_ONLY)
  M13_RULE ("draft_variants_published_insert", "INSERT", "draft_variants",
            "(SELECT stage FROM drafts WHERE id = NEW.draft_id) = 'published'", M13_READ_ONLY)
  M13_RULE ("draft_variants_published_update", "UPDATE", "draft_variants",
            "(SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'", M13_READ_ONLY)
  M13_RULE ("draft_variants_published_delete", "DELETE", "draft_variants",
            "(SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'", M13_READ_ONLY)
  M13_RULE ("draft_items_published_insert", "INSERT", "draft_items",
            "(SELECT stage FROM drafts WHERE id = NEW.draft_id) = 'published'", M13_READ_ONLY)
  M13_RULE ("draft_items_published_delete", "DELETE", "draft_items",
            "(SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'"
            " AND EXISTS (SELECT 1 FROM vault_items WHERE id = OLD.item_id)", M13_READ_ONLY)
  M13_RULE ("draft_files_published_insert", "INSERT", "asset_refs",
            "NEW.owner_kind = 'draft'"
            " AND (SELECT stage FROM drafts WHERE id = NEW.owner_id) = 'published'",
            M13_READ_ONLY)
  M13_RULE ("draft_files_published_delete", "DELETE", "asset_refs",
            "OLD.owner_kind = 'draft'"
            " AND (SELECT stage FROM drafts WHERE id = OLD.owner_id) = 'published'",
            M13_READ_ONLY)
  M13_RULE ("schedule_entries_published_insert", "INSERT", "schedule_entries",
            "(SELECT stage FROM drafts WHERE id = NEW.draft_id) = 'published'", M13_READ_ONLY)
  M13_RULE ("schedule_entries_published_update", "UPDATE", "schedule_entries",
            "(SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'", M13_READ_ONLY)
  M13_RULE ("schedule_entries_published_delete", "DELETE", "schedule_entries",
            "(SELECT stage FROM drafts WHERE id = OLD.draft_id) = 'published'", M13_READ_ONLY)
  M13_RULE ("schedule_entries_conflict_insert", "INSERT", "schedule_entries",
            "EXISTS (SELECT 1 FROM schedule_entries s WHERE s.platform = NEW.platform"
            " AND s.at > NEW.at - 300000000 AND s.at < NEW.at + 300000000)", M13_TOO_CLOSE)
  M13_RULE ("schedule_entries_conflict_update", "UPDATE OF at, platform", "schedule_entries",
            "EXISTS (SELECT 1 FROM schedule_entries s WHERE s.platform = NEW.platform"
            " AND s.id <> OLD.id AND s.at > NEW.at - 300000000 AND s.at < NEW.at + 300000000)",
            M13_TOO_CLOSE),

  /* 14: received revisions written without a link to a record that was not
   * here at the end of a pull (a draft's vault item, a schedule entry's
   * draft).  The revision's body is kept, and written again in full when
   * that record comes, as long as the revision is still the record's. */
  "CREATE TABLE mirror_partial ("
  "  doc_id TEXT PRIMARY KEY NOT NULL,"
  "  rev TEXT NOT NULL,"
  "  body TEXT NOT NULL"
  ");",

  /* 15: what the publisher sent for a draft to each platform: the account and
   * the outbox operation whose result is the post (the last of a chain), one
   * row per time the draft was sent there.  The newest row is the one that
   * counts; older ones stay as the record of what was tried. */
  "CREATE TABLE publish_log ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  platform TEXT NOT NULL,"
  "  account_id INTEGER REFERENCES accounts (id),"
  "  operation_id INTEGER NOT NULL REFERENCES outbox (id),"
  "  sent_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX publish_log_draft ON publish_log (draft_id, platform, id);",

  /* 16: the media mirror.  The stored files a bucket holds (pushed from here
   * or found there), and each multipart upload under way with the parts the
   * server took, so an interrupted upload resumes without ListParts. */
  "CREATE TABLE mirror_media ("
  "  bucket TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  PRIMARY KEY (bucket, sha256)"
  ");"
  "CREATE TABLE mirror_uploads ("
  "  sha256 TEXT PRIMARY KEY NOT NULL,"
  "  bucket TEXT NOT NULL,"
  "  upload_id TEXT NOT NULL,"
  "  part_size INTEGER NOT NULL CHECK (part_size > 0)"
  ");"
  "CREATE TABLE mirror_upload_parts ("
  "  sha256 TEXT NOT NULL,"
  "  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 10000),"
  "  etag TEXT NOT NULL,"
  "  PRIMARY KEY (sha256, number)"
  ");",

  /* 17: the metrics of a post over time, and the creator's ideas.  post_metrics
   * keeps the latest counts of each post; every write of counts there also
   * keeps them here, by the triggers (a second write at the same time
   * replaces the sample), so whoever collects metrics gets the series for
   * free.  The samples are kept in the order of their key, which is the
   * order a post's series is read in.  Counts already collected become each
   * post's first sample. */
  "CREATE TABLE post_metric_samples ("
  "  platform TEXT NOT NULL,"
  "  post_id TEXT NOT NULL,"
  "  collected_at INTEGER NOT NULL,"
  "  views INTEGER NOT NULL CHECK (views >= 0),"
  "  likes INTEGER NOT NULL CHECK (likes >= 0),"
  "  comments INTEGER NOT NULL CHECK (comments >= 0),"
  "  shares INTEGER NOT NULL CHECK (shares >= 0),"
  "  PRIMARY KEY (platform, post_id, collected_at)"
  ") WITHOUT ROWID;"
  "INSERT INTO post_metric_samples (platform, post_id, collected_at, views, likes, comments,"
  "  shares)"
  "  SELECT platform, post_id, collected_at, views, likes, comments, shares FROM post_metrics;"
  "CREATE TRIGGER post_metrics_sample_insert AFTER INSERT ON post_metrics BEGIN"
  M17_SAMPLE "END;"
  "CREATE TRIGGER post_metrics_sample_update"
  "  AFTER UPDATE OF views, likes, comments, shares, collected_at ON post_metrics BEGIN"
  M17_SAMPLE "END;"
  "CREATE TABLE ideas ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL CHECK (length (title) > 0),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),"
  "  created_at INTEGER NOT NULL,"
  "  done_at INTEGER"
  ");"
  "CREATE INDEX ideas_status ON ideas (status, created_at);",

  /* 18: approval workflows and brand deals.  A workflow is stages (some of
   * them approval gates, with their approvers and an optional timeout) and
   * the dependencies between them; its members are the people who may be
   * named as approvers.  A run takes one draft through one workflow; each
   * stage of a run has a state, and every step is kept in the history.  At
   * most one run of a draft is running at a time.
   *
   * Money is counted in the minor units of its ISO 4217 currency (cents,
   * yen, fils), as integers: never as floating point.  A deal's milestones
   * never add up to more than its amount (the code checks it; the trigger
   * is the second fence), and each change of a milestone's state is kept. */
  "CREATE TABLE workflows ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT NOT NULL UNIQUE CHECK (length (name) > 0),"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE workflow_members ("
  "  workflow_id INTEGER NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (workflow_id, name)"
  ") WITHOUT ROWID;"
  "CREATE TABLE workflow_stages ("
  "  workflow_id INTEGER NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  position INTEGER NOT NULL,"
  "  is_gate INTEGER NOT NULL CHECK (is_gate IN (0, 1)),"
  "  timeout INTEGER CHECK (timeout IS NULL OR (is_gate = 1 AND timeout > 0)),"
  "  PRIMARY KEY (workflow_id, name)"
  ") WITHOUT ROWID;"
  "CREATE TABLE workflow_dependencies ("
  "  workflow_id INTEGER NOT NULL,"
  "  stage TEXT NOT NULL,"
  "  after TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (workflow_id, stage, after),"
  "  FOREIGN KEY (workflow_id, stage) REFERENCES workflow_stages (workflow_id, name)"
  "    ON DELETE CASCADE,"
  "  FOREIGN KEY (workflow_id, after) REFERENCES workflow_stages (workflow_id, name)"
  "    ON DELETE CASCADE,"
  "  CHECK (stage <> after)"
  ") WITHOUT ROWID;"
  "CREATE TABLE workflow_approvers ("
  "  workflow_id INTEGER NOT NULL,"
  "  stage TEXT NOT NULL,"
  "  approver TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (workflow_id, stage, approver),"
  "  FOREIGN KEY (workflow_id, stage) REFERENCES workflow_stages (workflow_id, name)"
  "    ON DELETE CASCADE,"
  "  FOREIGN KEY (workflow_id, approver) REFERENCES workflow_members (workflow_id, name)"
  "    ON DELETE CASCADE"
  ") WITHOUT ROWID;"
  "CREATE TABLE workflow_runs ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  workflow_id INTEGER NOT NULL REFERENCES workflows (id),"
  "  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  state TEXT NOT NULL CHECK (state IN ('running', 'completed', 'rejected', 'timed_out')),"
  "  draft_stage TEXT NOT NULL,"
  "  submitted_by TEXT NOT NULL,"
  "  started_at INTEGER NOT NULL,"
  "  ended_at INTEGER"
  ");"
  "CREATE UNIQUE INDEX workflow_runs_running ON workflow_runs (draft_id)"
  "  WHERE state = 'running';"
  "CREATE INDEX workflow_runs_draft ON workflow_runs (draft_id, id);"
  "CREATE TABLE workflow_run_stages ("
  "  run_id INTEGER NOT NULL REFERENCES workflow_runs (id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('pending', 'waiting', 'passed', 'approved',"
  "    'rejected', 'timed_out')),"
  "  started_at INTEGER,"
  "  deadline_at INTEGER,"
  "  ended_at INTEGER,"
  "  PRIMARY KEY (run_id, stage)"
  ") WITHOUT ROWID;"
  "CREATE INDEX workflow_run_stages_waiting ON workflow_run_stages (deadline_at)"
  "  WHERE state = 'waiting';"
  "CREATE TABLE workflow_history ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  run_id INTEGER NOT NULL REFERENCES workflow_runs (id) ON DELETE CASCADE,"
  "  stage TEXT,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('submitted', 'passed', 'waiting', 'approved',"
  "    'rejected', 'timed_out', 'completed')),"
  "  comment TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX workflow_history_run ON workflow_history (run_id, id);"
  "CREATE TABLE brands ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (name) > 0),"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE deals ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  brand_id INTEGER NOT NULL REFERENCES brands (id),"
  "  title TEXT NOT NULL CHECK (length (title) > 0),"
  "  amount INTEGER NOT NULL CHECK (typeof (amount) = 'integer' AND amount >= 0),"
  "  currency TEXT NOT NULL CHECK (length (currency) = 3 AND currency = upper (currency)),"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX deals_brand ON deals (brand_id);"
  "CREATE TABLE deal_deliverables ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  deal_id INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL CHECK (length (title) > 0),"
  "  draft_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL,"
  "  due_at INTEGER,"
  "  done_at INTEGER"
  ");"
  "CREATE INDEX deal_deliverables_due ON deal_deliverables (due_at) WHERE done_at IS NULL;"
  "CREATE TABLE deal_milestones ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  deal_id INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL CHECK (length (title) > 0),"
  "  amount INTEGER NOT NULL CHECK (typeof (amount) = 'integer' AND amount >= 0),"
  "  due_at INTEGER,"
  "  state TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (state IN ('pending', 'completed', 'disputed')),"
  "  changed_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX deal_milestones_deal ON deal_milestones (deal_id, id);"
  "CREATE TRIGGER deal_milestones_over_total BEFORE INSERT ON deal_milestones"
  "  WHEN (SELECT coalesce (sum (amount), 0) FROM deal_milestones WHERE deal_id = NEW.deal_id)"
  "       + NEW.amount > (SELECT amount FROM deals WHERE id = NEW.deal_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the milestones would add up to more than the deal'); END;"
  "CREATE TABLE deal_milestone_history ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  milestone_id INTEGER NOT NULL REFERENCES deal_milestones (id) ON DELETE CASCADE,"
  "  from_state TEXT,"
  "  to_state TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX deal_milestone_history_milestone ON deal_milestone_history (milestone_id, id);",

  /* 19: trends from outside the library (topics, hashtags and formats per
   * platform), imported from CSV.  The score is the one observed at
   * observed_at; it decays with age when read, so the row never changes
   * with time.  A trend whose decayed score fell below the threshold gets
   * archived_at and is kept, hidden from the default listing. */
  "CREATE TABLE trends ("
  "  id INTEGER PRIMARY KEY,"
  "  platform TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('topic', 'hashtag', 'format')),"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  score REAL NOT NULL CHECK (score >= 0),"
  "  observed_at INTEGER NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  archived_at INTEGER,"
  "  UNIQUE (platform, kind, name)"
  ");"
  "CREATE INDEX trends_live ON trends (archived_at, platform, kind);",

  /* 20: the calendar's month reads each entry's variant for its
   * published_at only; the variant's row holds the whole text before it,
   * so a covering index spares reading the text's pages. */
  "CREATE INDEX draft_variants_published ON draft_variants (draft_id, platform, published_at);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CO_STORE_SCHEMA_VERSION);

const char *const *
_co_schema_get_migrations (int *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
