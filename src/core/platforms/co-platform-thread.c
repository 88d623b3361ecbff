/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-platform-private.h"

/*
 * A text too long for one X post becomes a numbered thread: "… 1/3".
 *
 * Each part takes as much of the text as fits in 280 weighted characters
 * with the longest number the thread can need.  It ends at the last sentence
 * end that fills at least half of the part; failing that at the last place a
 * line may wrap (after a space, between ideographs); failing that (one
 * unbroken word longer than a post) between two graphemes.  No part ends
 * inside an address, a mention, a hashtag or an emoji sequence: the cut
 * points come from co-platform-breaks.c with those spans left out.
 *
 * The parts are the text's own words: between one part and the next there is
 * only the white space the cut dropped, so the parts join back into the text.
 */

/* The number of digits of a thread's parts: up to 9999 parts. */
#define MAX_DIGITS 4

typedef struct
{
  const char *text;
  gsize       length;
  GArray     *line_cuts;
  GArray     *sentence_cuts;
  GArray     *grapheme_cuts;
  const char *number;     /* the widest numbering, " 99/99" */
  gsize       start;      /* where the part being cut begins */
} Splitter;

/**
 * co_platform_part_free:
 * @part: (transfer full): a part from co_platform_split_thread() or
 *   co_platform_adapt_post()
 */
void
co_platform_part_free (CoPlatformPart *part)
{
  g_free (part->text);
  g_free (part);
}

/* The weighted length of the part from the splitter's start to @end,
 * numbered with the widest number. */
static int
numbered_length (const Splitter *splitter,
                 gsize           end)
{
  g_autofree char *part = g_strdup_printf ("%.*s%s", (int) (end - splitter->start),
                                           splitter->text + splitter->start, splitter->number);

  return _co_x_length (part, strlen (part));
}

static gboolean
part_fits (gsize    cut,
           gpointer data)
{
  const Splitter *splitter = data;
  gsize end = _co_text_trim_end (splitter->text, splitter->start, cut);

  return end > splitter->start && numbered_length (splitter, end) <= CO_X_MAX_LENGTH;
}

static gboolean
contains_offset (GArray *offsets,
                 gsize   offset)
{
  guint low = 0, high = offsets->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      gsize at = g_array_index (offsets, gsize, middle);

      if (at == offset)
        return TRUE;
      if (at < offset)
        low = middle + 1;
      else
        high = middle;
    }
  return FALSE;
}

/* Prefers the last sentence end among the line cuts up to @last, when it
 * fills at least half the part. */
static gsize
prefer_sentence (const Splitter *splitter,
                 guint           last)
{
  gsize best = g_array_index (splitter->line_cuts, gsize, last);
  int length;

  for (guint i = last + 1; i-- > 0;)
    {
      gsize cut = g_array_index (splitter->line_cuts, gsize, i);
      gsize end = _co_text_trim_end (splitter->text, splitter->start, cut);

      if (cut <= splitter->start || end == splitter->start)
        break;
      if (!contains_offset (splitter->sentence_cuts, cut))
        continue;
      length = numbered_length (splitter, end);
      if (length * 2 >= CO_X_MAX_LENGTH && length <= CO_X_MAX_LENGTH)
        return cut;
      break;
    }
  return best;
}

static void
set_too_long (const Splitter  *splitter,
              GError         **error)
{
  gsize end = splitter->start;

  while (end < splitter->length && !g_unichar_isspace (g_utf8_get_char (splitter->text + end)) &&
         end - splitter->start < 40)
    end = g_utf8_next_char (splitter->text + end) - splitter->text;
  g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
               _("“%.*s…” is longer than one post on X and cannot be split inside: an "
                 "address, mention, hashtag or emoji is never cut"),
               (int) (end - splitter->start), splitter->text + splitter->start);
}

/* Where the part that begins at the splitter's start ends, or 0 when
 * nothing fits. */
static gsize
find_part_end (const Splitter *splitter)
{
  gssize found;

  if (part_fits (splitter->length, (gpointer) splitter))
    return splitter->length;
  found = _co_text_last_fitting (splitter->line_cuts, splitter->start, part_fits,
                                 (gpointer) splitter);
  if (found >= 0)
    return prefer_sentence (splitter, found);
  found = _co_text_last_fitting (splitter->grapheme_cuts, splitter->start, part_fits,
                                 (gpointer) splitter);
  return found >= 0 ? g_array_index (splitter->grapheme_cuts, gsize, found) : 0;
}

static CoPlatformPart *
part_new (const Splitter *splitter,
          gsize           end)
{
  CoPlatformPart *part = g_new0 (CoPlatformPart, 1);

  part->start = splitter->start;
  part->end = _co_text_trim_end (splitter->text, splitter->start, end);
  return part;
}

/* Cuts the whole text with numbers of @digits digits in mind. */
static GPtrArray *
cut_parts (Splitter  *splitter,
           int        digits,
           GError   **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) co_platform_part_free);
  g_autofree char *number = NULL;
  int widest = 1;

  for (int i = 0; i < digits; i++)
    widest *= 10;
  splitter->number = number = g_strdup_printf (" %d/%d", widest - 1, widest - 1);
  splitter->start = _co_text_skip_space (splitter->text, 0, splitter->length);
  while (splitter->start < splitter->length)
    {
      gsize end = find_part_end (splitter);

      if (end == 0)
        {
          set_too_long (splitter, error);
          return NULL;
        }
      g_ptr_array_add (parts, part_new (splitter, end));
      splitter->start = _co_text_skip_space (splitter->text, end, splitter->length);
    }
  splitter->number = NULL;
  return g_steal_pointer (&parts);
}

static void
number_parts (const char *text,
              GPtrArray  *parts)
{
  for (guint i = 0; i < parts->len; i++)
    {
      CoPlatformPart *part = g_ptr_array_index (parts, i);

      part->text = g_strdup_printf ("%.*s %u/%u", (int) (part->end - part->start),
                                    text + part->start, i + 1, parts->len);
      part->length = _co_x_length (part->text, strlen (part->text));
    }
}

static GPtrArray *
split (Splitter  *splitter,
       GError   **error)
{
  int limit = 10;

  for (int digits = 1; digits <= MAX_DIGITS; digits++, limit *= 10)
    {
      g_autoptr(GPtrArray) parts = cut_parts (splitter, digits, error);

      if (parts == NULL)
        return NULL;
      if (parts->len < (guint) limit)
        {
          number_parts (splitter->text, parts);
          return g_steal_pointer (&parts);
        }
    }
  g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
               _("The text would take more than 9,999 posts on X"));
  return NULL;
}

static CoPlatformPart *
single_part (const char *text,
             int         length)
{
  CoPlatformPart *part = g_new0 (CoPlatformPart, 1);

  part->text = g_strdup (text);
  part->end = strlen (text);
  part->length = length;
  return part;
}

/**
 * co_platform_split_thread:
 * @text: the text of an X post
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID (invalid UTF-8, an
 *   empty text, a character X refuses) or a %CO_PLATFORM_ERROR_TOO_LONG (an
 *   address, mention, hashtag or emoji too long for a post on its own)
 *
 * Splits @text into a numbered thread of X posts, each within 280 weighted
 * characters: at sentence ends, then at word boundaries, never inside an
 * address, a mention, a hashtag or an emoji sequence.  A text that fits is
 * one part, unchanged and unnumbered.
 *
 * Returns: (transfer container) (element-type CoPlatformPart): the parts, or
 *   %NULL with @error set
 */
GPtrArray *
co_platform_split_thread (const char  *text,
                          GError     **error)
{
  g_autoptr(GArray) entities = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  Splitter splitter = { text, 0 };
  CoXWeight weight;

  g_return_val_if_fail (text != NULL, NULL);

  if (!_co_platform_validate (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, text, error))
    return NULL;
  splitter.length = strlen (text);
  _co_x_weigh (text, splitter.length, &weight);
  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) co_platform_part_free);
  if (weight.weight <= CO_X_MAX_LENGTH * CO_X_SCALE)
    {
      g_ptr_array_add (parts, single_part (text, weight.weight / CO_X_SCALE));
      return g_steal_pointer (&parts);
    }
  entities = _co_text_find_entities (text, splitter.length);
  splitter.line_cuts = _co_text_cut_points (text, splitter.length, CO_BREAK_LINE, entities);
  splitter.grapheme_cuts = _co_text_cut_points (text, splitter.length, CO_BREAK_GRAPHEME,
                                                entities);
  splitter.sentence_cuts = _co_text_breaks (text, splitter.length, CO_BREAK_SENTENCE);
  g_clear_pointer (&parts, g_ptr_array_unref);
  parts = split (&splitter, error);
  g_array_unref (splitter.line_cuts);
  g_array_unref (splitter.grapheme_cuts);
  g_array_unref (splitter.sentence_cuts);
  return g_steal_pointer (&parts);
}
