/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-similarity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-similarity.h"

/* Edit distance is quadratic; long texts are compared on their beginning,
 * which is where a duplicated idea shows first.  Jaccard still sees all. */
#define MAX_EDIT_CHARS 1500

static gboolean
is_combining_mark (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);

  return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
         t == G_UNICODE_ENCLOSING_MARK;
}

/**
 * co_similarity_normalize:
 * @text: (nullable): UTF-8 text
 *
 * Folds case and accents and turns every run of punctuation or space into a
 * single space, so that "Café — Ideas!" and "cafe ideas" compare equal.
 *
 * Returns: (transfer full): the normalised text
 */
char *
co_similarity_normalize (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_combining_mark (c))
        continue;
      if (!g_unichar_isalnum (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gunichar *
to_ucs4 (const char *normalized,
         glong      *len)
{
  gunichar *chars = g_utf8_to_ucs4_fast (normalized, -1, len);

  *len = MIN (*len, MAX_EDIT_CHARS);
  return chars;
}

/**
 * co_similarity_edit:
 * @a: (nullable): text
 * @b: (nullable): text
 *
 * One minus the Levenshtein distance of the normalised texts divided by the
 * longer one's length.  Two empty texts are identical.
 *
 * Returns: similarity from 0 to 1
 */
double
co_similarity_edit (const char *a,
                    const char *b)
{
  g_autofree char *na = co_similarity_normalize (a);
  g_autofree char *nb = co_similarity_normalize (b);
  g_autofree gunichar *ua = NULL;
  g_autofree gunichar *ub = NULL;
  g_autofree guint *row = NULL;
  glong la, lb;

  ua = to_ucs4 (na, &la);
  ub = to_ucs4 (nb, &lb);
  if (la == 0 && lb == 0)
    return 1.0;

  /* One row of the dynamic programme suffices. */
  row = g_new (guint, lb + 1);
  for (glong j = 0; j <= lb; j++)
    row[j] = j;
  for (glong i = 1; i <= la; i++)
    {
      guint diagonal = row[0];
      row[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return 1.0 - (double)row[lb] / (double)MAX (la, lb);
}

static GHashTable *
token_set (const char *text)
{
  g_autofree char *normalized = co_similarity_normalize (text);
  g_auto(GStrv) tokens = g_strsplit (normalized, " ", -1);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] != '\0')
        g_hash_table_add (set, g_strdup (tokens[i]));
    }
  return set;
}

static double
jaccard_sets (GHashTable *a,
              GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;
  guint common = 0;
  guint total;

  if (g_hash_table_size (a) == 0 && g_hash_table_size (b) == 0)
    return 1.0;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    common += g_hash_table_contains (b, key);
  total = g_hash_table_size (a) + g_hash_table_size (b) - common;
  return (double)common / (double)total;
}

/**
 * co_similarity_word_set:
 * @text: (nullable): text
 *
 * The set co_similarity_jaccard() compares, made once for a text compared
 * with many others (co_similarity_jaccard_sets()).
 *
 * Returns: (transfer full) (element-type utf8 utf8): the normalised words
 */
GHashTable *
co_similarity_word_set (const char *text)
{
  return token_set (text);
}

/**
 * co_similarity_jaccard_sets:
 * @a: a set from co_similarity_word_set()
 * @b: another
 *
 * Returns: the Jaccard index of the two sets, as co_similarity_jaccard()
 */
double
co_similarity_jaccard_sets (GHashTable *a,
                            GHashTable *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0.0);

  return jaccard_sets (a, b);
}

/**
 * co_similarity_jaccard:
 * @a: (nullable): text
 * @b: (nullable): text
 *
 * The Jaccard index of the two texts' sets of normalised words.
 *
 * Returns: similarity from 0 to 1
 */
double
co_similarity_jaccard (const char *a,
                       const char *b)
{
  g_autoptr(GHashTable) sa = token_set (a);
  g_autoptr(GHashTable) sb = token_set (b);

  return jaccard_sets (sa, sb);
}

/**
 * co_similarity_text:
 * @a: (nullable): text
 * @b: (nullable): text
 *
 * The mean of co_similarity_edit() and co_similarity_jaccard(): the first
 * sees reworded spelling, the second reordered words.
 *
 * Returns: similarity from 0 to 1
 */
double
co_similarity_text (const char *a,
                    const char *b)
{
  return 0.5 * co_similarity_edit (a, b) + 0.5 * co_similarity_jaccard (a, b);
}

/**
 * co_similarity_tags:
 * @a: (nullable) (array zero-terminated=1): tags
 * @b: (nullable) (array zero-terminated=1): tags
 *
 * Returns: the Jaccard index of the case-folded tag sets
 */
double
co_similarity_tags (const char * const *a,
                    const char * const *b)
{
  g_autoptr(GHashTable) sa = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sb = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    g_hash_table_add (sa, co_similarity_normalize (a[i]));
  for (guint i = 0; b != NULL && b[i] != NULL; i++)
    g_hash_table_add (sb, co_similarity_normalize (b[i]));
  return jaccard_sets (sa, sb);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *normalized = co_similarity_normalize (text);

  return normalized[0] == '\0';
}

/**
 * co_similarity_compare:
 * @title_a: (nullable): first title
 * @body_a: (nullable): first body
 * @tags_a: (nullable) (array zero-terminated=1): first tags
 * @title_b: (nullable): second title
 * @body_b: (nullable): second body
 * @tags_b: (nullable) (array zero-terminated=1): second tags
 * @out: (out caller-allocates): the parts and the weighted score
 *
 * Weighs title, body and tags (0.3, 0.5, 0.2).  A part that is empty on both
 * sides says nothing, so its weight is shared among the others.
 */
void
co_similarity_compare (const char         *title_a,
                       const char         *body_a,
                       const char * const *tags_a,
                       const char         *title_b,
                       const char         *body_b,
                       const char * const *tags_b,
                       CoTextSimilarity   *out)
{
  double wt = CO_SIMILARITY_WEIGHT_TITLE;
  double wb = CO_SIMILARITY_WEIGHT_BODY;
  double wg = CO_SIMILARITY_WEIGHT_TAGS;
  double total;

  out->title = co_similarity_text (title_a, title_b);
  out->body = co_similarity_text (body_a, body_b);
  out->tags = co_similarity_tags (tags_a, tags_b);

  if (is_blank (title_a) && is_blank (title_b))
    wt = 0;
  if (is_blank (body_a) && is_blank (body_b))
    wb = 0;
  if ((tags_a == NULL || tags_a[0] == NULL) && (tags_b == NULL || tags_b[0] == NULL))
    wg = 0;

  total = wt + wb + wg;
  out->score = total > 0 ? (wt * out->title + wb * out->body + wg * out->tags) / total : 0.0;
}

/**
 * co_similarity_explain:
 * @sim: a comparison
 *
 * Returns: (transfer full): a sentence saying which parts make two items alike
 */
char *
co_similarity_explain (const CoTextSimilarity *sim)
{
  /* Translators: the numbers are percentages of similarity. */
  return g_strdup_printf (_("%.0f %% alike overall: titles %.0f %%, text %.0f %%, tags %.0f %%"),
                          sim->score * 100, sim->title * 100, sim->body * 100, sim->tags * 100);
}

/**
 * co_similarity_hamming:
 * @a: a 64-bit hash
 * @b: a 64-bit hash
 *
 * Returns: the number of bits that differ
 */
int
co_similarity_hamming (guint64 a,
                       guint64 b)
{
  return __builtin_popcountll (a ^ b);
}

/**
 * co_similarity_phash:
 * @a: a perceptual hash
 * @b: a perceptual hash
 *
 * Returns: 1 minus the share of differing bits
 */
double
co_similarity_phash (guint64 a,
                     guint64 b)
{
  return 1.0 - co_similarity_hamming (a, b) / 64.0;
}
