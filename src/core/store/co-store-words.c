/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "co-store-error.h"
#include "co-store-private.h"

/*
 * The search index's tokenizer, CO_STORE_WORDS_TOKENIZER.
 *
 * Search finds words by their beginning: a prefix query matches the start
 * of the terms stored in the index, so "stabilisa*" finds "stabilisation"
 * only if the word is stored whole.  A finished word should also find the
 * other forms of itself ("stabilising" finds "stabilisation"), which needs
 * the Porter stem.  FTS5 tokenizes a table one way, so this tokenizer
 * stores both: every word as unicode61 folds it (case and accents removed),
 * and at the same position, as a colocated token, its Porter stem when that
 * differs.  A query asks for one or the other: a prefix query for the word
 * as typed, a whole word for its stem.
 *
 * Every connection to a library registers it before the schema is read
 * (co-store.c), because SQLite refuses a table whose tokenizer is unknown.
 */

typedef struct
{
  fts5_tokenizer  plain_methods;
  Fts5Tokenizer  *plain;    /* unicode61 remove_diacritics 2 */
  fts5_tokenizer  stem_methods;
  Fts5Tokenizer  *stem;     /* porter over the same */
} Words;

/* What one call of words_tokenize() hands on. */
typedef struct
{
  Words       *self;
  void        *context;
  int        (*emit) (void *, int, const char *, int, int, int);
  const char  *word;
  int          word_len;
  int          start;
  int          end;
} Emit;

static void
words_delete (Fts5Tokenizer *tokenizer)
{
  Words *self = (Words *) tokenizer;

  if (self == NULL)
    return;
  if (self->plain != NULL)
    self->plain_methods.xDelete (self->plain);
  if (self->stem != NULL)
    self->stem_methods.xDelete (self->stem);
  g_free (self);
}

static int
words_create (void           *context,
              const char    **args,
              int             n_args,
              Fts5Tokenizer **out)
{
  static const char *plain_args[] = { "remove_diacritics", "2" };
  static const char *stem_args[] = { "unicode61", "remove_diacritics", "2" };
  fts5_api *api = context;
  Words *self = g_new0 (Words, 1);
  void *plain_data = NULL;
  void *stem_data = NULL;
  int rc;

  /* The index must be built the same way everywhere: no options. */
  rc = n_args == 0 ? SQLITE_OK : SQLITE_ERROR;
  if (rc == SQLITE_OK)
    rc = api->xFindTokenizer (api, "unicode61", &plain_data, &self->plain_methods);
  if (rc == SQLITE_OK)
    rc = self->plain_methods.xCreate (plain_data, plain_args, G_N_ELEMENTS (plain_args),
                                      &self->plain);
  if (rc == SQLITE_OK)
    rc = api->xFindTokenizer (api, "porter", &stem_data, &self->stem_methods);
  if (rc == SQLITE_OK)
    rc = self->stem_methods.xCreate (stem_data, stem_args, G_N_ELEMENTS (stem_args), &self->stem);
  if (rc != SQLITE_OK)
    {
      words_delete ((Fts5Tokenizer *) self);
      self = NULL;
    }
  *out = (Fts5Tokenizer *) self;
  return rc;
}

/* The stem of the word being stored, put beside it unless it is the word. */
static int
stem_cb (void       *data,
         int         flags,
         const char *token,
         int         len,
         int         start,
         int         end)
{
  Emit *emit = data;

  if (len == emit->word_len && memcmp (token, emit->word, len) == 0)
    return SQLITE_OK;
  return emit->emit (emit->context, FTS5_TOKEN_COLOCATED, token, len, emit->start, emit->end);
}

static int
word_cb (void       *data,
         int         flags,
         const char *token,
         int         len,
         int         start,
         int         end)
{
  Emit *emit = data;
  Words *self = emit->self;
  int rc = emit->emit (emit->context, flags, token, len, start, end);

  if (rc != SQLITE_OK)
    return rc;
  emit->word = token;
  emit->word_len = len;
  emit->start = start;
  emit->end = end;
  /* The folded word is one token to the stemmer, which folds the same way. */
  return self->stem_methods.xTokenize (self->stem, emit, FTS5_TOKENIZE_DOCUMENT, token, len,
                                       stem_cb);
}

static int
words_tokenize (Fts5Tokenizer *tokenizer,
                void          *context,
                int            flags,
                const char    *text,
                int            len,
                int          (*emit) (void *, int, const char *, int, int, int))
{
  Words *self = (Words *) tokenizer;
  Emit state = { self, context, emit, NULL, 0, 0, 0 };

  if ((flags & FTS5_TOKENIZE_QUERY) && (flags & FTS5_TOKENIZE_PREFIX))
    return self->plain_methods.xTokenize (self->plain, context, flags, text, len, emit);
  if (flags & FTS5_TOKENIZE_QUERY)
    return self->stem_methods.xTokenize (self->stem, context, flags, text, len, emit);
  return self->plain_methods.xTokenize (self->plain, &state, flags, text, len, word_cb);
}

/* The first of the tokens a tokenizer hands on, and how many there are. */
typedef struct
{
  int   n_tokens;
  char *first;
} Tokens;

static int
capture_cb (void       *data,
            int         flags,
            const char *token,
            int         len,
            int         start,
            int         end)
{
  Tokens *tokens = data;

  if (tokens->n_tokens++ == 0)
    tokens->first = g_strndup (token, len);
  return SQLITE_OK;
}

/**
 * _co_store_find_fts5:
 * @db: a connection
 *
 * Returns: (transfer none) (nullable): the connection's FTS5 API, or %NULL
 *   when this SQLite has no FTS5
 */
fts5_api *
_co_store_find_fts5 (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return api;
}

/**
 * _co_store_add_words_tokenizer:
 * @db: a connection to a library
 * @db_path: its file, for the message
 * @error: return location for a #GError
 *
 * Registers %CO_STORE_WORDS_TOKENIZER on @db.
 *
 * Returns: %TRUE on success, else %FALSE with %CO_STORE_ERROR_FAILED when
 *   this SQLite has no FTS5
 */
gboolean
_co_store_add_words_tokenizer (sqlite3     *db,
                               const char  *db_path,
                               GError     **error)
{
  static fts5_tokenizer methods = { words_create, words_delete, words_tokenize };
  fts5_api *api = _co_store_find_fts5 (db);

  if (api == NULL || api->iVersion < 2 ||
      api->xCreateTokenizer (api, CO_STORE_WORDS_TOKENIZER, api, &methods, NULL) != SQLITE_OK)
    {
      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_FAILED,
                   _("Cannot open the library database “%s”: this SQLite has no full-text"
                     " search (FTS5)"), db_path);
      return FALSE;
    }
  return TRUE;
}

/**
 * _co_store_word_is_own_stem:
 * @self: a #CoStore, locked by the caller
 * @word: a word of a search, as typed
 *
 * Says whether @word, folded as the search index folds words, is its own
 * Porter stem ("video", not "videos"): then the words it begins include the
 * words of its stem, and a search need not ask for both.
 *
 * Returns: %TRUE when @word is one token and its own stem
 */
gboolean
_co_store_word_is_own_stem (CoStore    *self,
                            const char *word)
{
  fts5_api *api = _co_store_find_fts5 (_co_store_get_db (self));
  Fts5Tokenizer *tokenizer = NULL;
  Tokens folded = { 0 }, stem = { 0 };
  gboolean same;
  Words *words;
  int len = (int) strlen (word);

  if (api == NULL || words_create (api, NULL, 0, &tokenizer) != SQLITE_OK)
    return FALSE;
  words = (Words *) tokenizer;
  words->plain_methods.xTokenize (words->plain, &folded, FTS5_TOKENIZE_QUERY, word, len,
                                  capture_cb);
  words->stem_methods.xTokenize (words->stem, &stem, FTS5_TOKENIZE_QUERY, word, len, capture_cb);
  same = folded.n_tokens == 1 && stem.n_tokens == 1 && g_strcmp0 (folded.first, stem.first) == 0;
  g_free (folded.first);
  g_free (stem.first);
  words_delete (tokenizer);
  return same;
}
