/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-speech-case.h"
#include "co-store-private.h"
#include "co-vault.h"

/*
 * The names a creator writes in the vault, for the words of subtitles.  A
 * word counts as a name when it has a capital letter where none is needed
 * (in a tag, or inside a title's sentence: "Sunrise over Kilimanjaro") and
 * is never written in lower case in a title or a tag: "Travel" as a tag is
 * not a name if a title says "travel tips".  The first word of a title's
 * sentence tells nothing, and is skipped.
 */

typedef struct
{
  GHashTable *names;      /* folded word -> spelling */
  GHashTable *lowercase;  /* folded words written in lower case */
} Names;

static void
add_word (Names      *names,
          const char *word,
          gboolean    capital_needed)
{
  g_autofree char *folded = co_speech_fold_word (word);
  g_autofree char *lower = g_utf8_strdown (word, -1);

  if (g_utf8_strlen (word, -1) < 2)
    return;
  if (g_str_equal (lower, word))
    g_hash_table_add (names->lowercase, g_steal_pointer (&folded));
  else if (!capital_needed && !g_hash_table_contains (names->names, folded))
    g_hash_table_insert (names->names, g_steal_pointer (&folded), g_strdup (word));
}

/* The words of @text; with @sentences, a word after . ! ? : or at the
 * start begins a sentence, whose capital is needed. */
static void
add_text (Names      *names,
          const char *text,
          gboolean    sentences)
{
  g_autoptr(GString) word = g_string_new (NULL);
  gboolean starts = sentences;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '\''))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          add_word (names, word->str, starts);
          starts = FALSE;
          g_string_truncate (word, 0);
        }
      if (sentences && (c == '.' || c == '!' || c == '?' || c == ':'))
        starts = TRUE;
      if (c == 0)
        break;
    }
}

static gboolean
add_column (CoStore     *store,
            Names       *names,
            const char  *sql,
            gboolean     sentences,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_text (names, (const char *) sqlite3_column_text (stmt, 0), sentences);
  if (rc == SQLITE_DONE)
    return TRUE;
  _co_store_set_error (store, error, _("reading names from the vault"));
  return FALSE;
}

static gboolean
drop_lowercase (gpointer key,
                gpointer value,
                gpointer lowercase)
{
  return g_hash_table_contains (lowercase, key);
}

/**
 * co_vault_dup_names:
 * @store: the library
 * @error: return location for a #GError
 *
 * Collects the names written in the titles and tags of the vault's items
 * (not those in the trash), for co_speech_words_restore_case().
 *
 * Returns: (transfer full) (element-type utf8 utf8) (nullable): spellings
 *   keyed by co_speech_fold_word(), or %NULL with a %CO_STORE_ERROR
 */
GHashTable *
co_vault_dup_names (CoStore  *store,
                    GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GHashTable) lowercase = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Names names = { found, lowercase };

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  locker = _co_store_lock (store);
  if (!add_column (store, &names, "SELECT name FROM tags", FALSE, error) ||
      !add_column (store, &names, "SELECT title FROM vault_items WHERE trashed_at IS NULL", TRUE,
                   error))
    return NULL;
  g_hash_table_foreach_remove (found, drop_lowercase, lowercase);
  return g_steal_pointer (&found);
}
