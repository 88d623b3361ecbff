/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-cue-builder.h"
#include "co-export-error.h"

/*
 * Words are grouped into cues in one pass, then each cue is timed.  A cue
 * must end when the next word would not fit its lines or its seven seconds
 * (hard breaks); it may end at a pause or the end of a sentence (soft
 * breaks), if what it holds can stay on screen long enough to be read.
 * Times are whole milliseconds, the precision of SRT and WebVTT, rounded so
 * that a cue never starts before its speech does.
 */

typedef struct
{
  const CoWord     *words;
  gsize             n;
  const CoCueRules *rules;
  gint64            gap_us;
} Builder;

static gint64
ceil_ms (gint64 us)
{
  return (us + 999) / 1000 * 1000;
}

static glong
word_chars (const Builder *b,
            gsize          k)
{
  return g_utf8_strlen (b->words[k].text, -1);
}

/* Characters of words [i, j) on one line, with single spaces. */
static glong
text_chars (const Builder *b,
            gsize          i,
            gsize          j)
{
  glong chars = (glong) (j - i) - 1;

  for (gsize k = i; k < j; k++)
    chars += word_chars (b, k);
  return chars;
}

/* Fills lines of at most @width characters word by word; a longer word
 * takes a line of its own.  Returns the number of lines and, if @out is
 * given, the text. */
static int
fill_lines (const Builder *b,
            gsize          i,
            gsize          j,
            glong          width,
            GString       *out)
{
  int lines = 1;
  glong used = 0;

  for (gsize k = i; k < j; k++)
    {
      glong chars = word_chars (b, k);

      if (used > 0 && used + 1 + chars > width)
        {
          lines++;
          used = 0;
          if (out)
            g_string_append_c (out, '\n');
        }
      else if (used > 0 && out)
        g_string_append_c (out, ' ');
      if (out)
        g_string_append (out, b->words[k].text);
      used += (used > 0 ? 1 : 0) + chars;
    }
  return lines;
}

static gboolean
group_fits (const Builder *b,
            gsize          i,
            gsize          j)
{
  for (gsize k = i; k < j; k++)
    {
      if (word_chars (b, k) > b->rules->max_chars_per_line)
        return FALSE;
    }
  return fill_lines (b, i, j, b->rules->max_chars_per_line, NULL) <= b->rules->max_lines;
}

/* Balanced lines: as many lines as needed at full width, then the
 * narrowest width that still needs no more, so lines come out even. */
static char *
layout_text (const Builder *b,
             gsize          i,
             gsize          j)
{
  glong max = MAX (b->rules->max_chars_per_line, 1);
  int lines = fill_lines (b, i, j, max, NULL);
  glong width = (text_chars (b, i, j) + lines - 1) / lines;
  GString *out = g_string_new (NULL);

  while (width < max && fill_lines (b, i, j, width, NULL) > lines)
    width++;
  fill_lines (b, i, j, width, out);
  return g_string_free (out, FALSE);
}

static gboolean
ends_sentence (const char *text)
{
  const char *end = text + strlen (text);

  while (end > text)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);

      if (c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0xBB)
        end = prev;
      else
        return c == '.' || c == '?' || c == '!' || c == 0x2026;
    }
  return FALSE;
}

/* The time words [i, j) could stay on screen: up to seven seconds, and up
 * to a gap before the next word. */
static gint64
available_us (const Builder *b,
              gsize          i,
              gsize          j)
{
  gint64 start = ceil_ms (b->words[i].start_us);
  gint64 avail = b->rules->max_duration_us;

  if (j < b->n)
    avail = MIN (avail, ceil_ms (b->words[j].start_us) - b->gap_us - start);
  return avail;
}

static gint64
reading_us (const Builder *b,
            glong          chars)
{
  return ceil_ms ((gint64) (chars * 1e6 / b->rules->max_cps + 0.5));
}

static gboolean
can_stand_alone (const Builder *b,
                 gsize          i,
                 gsize          j)
{
  gint64 avail = available_us (b, i, j);

  return avail >= b->rules->min_duration_us && avail >= reading_us (b, text_chars (b, i, j));
}

static gboolean
must_break_before (const Builder *b,
                   gsize          i,
                   gsize          j)
{
  return !group_fits (b, i, j + 1) ||
         b->words[j].end_us - b->words[i].start_us > b->rules->max_duration_us;
}

static gboolean
may_break_before (const Builder *b,
                  gsize          i,
                  gsize          j)
{
  gboolean pause = b->words[j].start_us - b->words[j - 1].end_us >= b->rules->pause_us;

  return (pause || ends_sentence (b->words[j - 1].text)) && can_stand_alone (b, i, j);
}

static gboolean
ends_clause (const char *text)
{
  gsize len = strlen (text);

  return ends_sentence (text) || (len > 0 && strchr (",;:", text[len - 1]) != NULL);
}

/* When a cue is full, ending it at the last sentence or clause end that can
 * stand alone reads better than ending it mid-phrase. */
static gsize
backtrack (const Builder *b,
           gsize          i,
           gsize          j)
{
  for (gsize k = j - 1; k > i; k--)
    {
      if (ends_clause (b->words[k - 1].text) && can_stand_alone (b, i, k))
        return k;
    }
  return j;
}

/* Returns the end (exclusive) of the group that starts at word @i. */
static gsize
group_end (const Builder *b,
           gsize          i)
{
  gsize j = i + 1;

  while (j < b->n)
    {
      if (must_break_before (b, i, j))
        return backtrack (b, i, j);
      if (may_break_before (b, i, j))
        return j;
      j++;
    }
  return j;
}

/* The chance that every word of the cue is right, taking each word's
 * confidence as the chance that it is.  The least confident word alone
 * (as before) rated a cue of twelve sure words like one of a single
 * doubtful word, and flagged either way. */
static double
group_confidence (const Builder *b,
                  gsize          i,
                  gsize          j)
{
  double confidence = 1.0;

  for (gsize k = i; k < j; k++)
    confidence *= CLAMP (b->words[k].confidence, 0.0, 1.0);
  return confidence;
}

/* Times the cue for words [i, j): from the first word (or a gap after the
 * previous cue), long enough to be read, but never into the next cue. */
static CoCue *
make_cue (const Builder *b,
          gsize          i,
          gsize          j,
          gint64         prev_end)
{
  const CoCueRules *r = b->rules;
  g_autofree char *text = layout_text (b, i, j);
  gint64 start = ceil_ms (b->words[i].start_us);
  gint64 end;
  CoCue *cue;

  if (prev_end >= 0)
    start = MAX (start, prev_end + b->gap_us);
  end = MAX (ceil_ms (b->words[j - 1].end_us), start + ceil_ms (r->min_duration_us));
  end = MAX (end, start + reading_us (b, text_chars (b, i, j)));
  end = MIN (end, start + r->max_duration_us);
  if (j < b->n)
    end = MIN (end, ceil_ms (b->words[j].start_us) - b->gap_us);
  end = MAX (end, start + 1000);

  cue = co_cue_new (start, end, text);
  cue->confidence = group_confidence (b, i, j);
  cue->flagged = cue->confidence < r->flag_below;
  return cue;
}

static gboolean
check_input (const CoWord      *words,
             gsize              n_words,
             const CoCueRules  *rules,
             GError           **error)
{
  if (rules->max_chars_per_line < 1 || rules->max_lines < 1 || rules->max_cps <= 0 ||
      rules->min_duration_us > rules->max_duration_us || rules->min_gap_frames < 0 ||
      !co_rate_is_valid (rules->rate))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                   _("The subtitle rules are inconsistent: check the line length, line "
                     "count, durations, reading speed and frame rate"));
      return FALSE;
    }
  for (gsize k = 0; k < n_words; k++)
    {
      const CoWord *w = &words[k];

      if (w->text == NULL || *w->text == '\0' || w->start_us < 0 || w->end_us < w->start_us ||
          (k > 0 && w->start_us < words[k - 1].start_us) || !g_utf8_validate (w->text, -1, NULL))
        {
          g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                       _("Word %lu (“%s”) has no text, is not UTF-8, or its "
                         "times are negative, reversed or out of order"),
                       (unsigned long) (k + 1), w->text ? w->text : "");
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * co_cue_builder_build:
 * @words: (array length=n_words): recognised words, in time order
 * @n_words: the number of words
 * @rules: the rules to follow, from co_cue_rules_init()
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Groups words into subtitle cues following broadcast rules: lines of at
 * most @rules' width, balanced; cues end at pauses and sentence ends when
 * they can be read in time, and must end before they overflow their lines
 * or seven seconds.  A cue starts when its first word does (or later, to
 * keep the gap after the previous cue), stays long enough to be read where
 * the next cue leaves room, and never overlaps it.  Each cue's confidence
 * is the product of its words' (the chance that all of them are right);
 * cues below @rules' threshold are flagged.
 *
 * Returns: (transfer full) (element-type CoCue): the cues, or %NULL if a
 *   word or a rule is invalid
 */
GPtrArray *
co_cue_builder_build (const CoWord      *words,
                      gsize              n_words,
                      const CoCueRules  *rules,
                      GError           **error)
{
  Builder b = { words, n_words, rules, 0 };
  g_autoptr(GPtrArray) cues = co_cue_list_new ();
  gint64 prev_end = -1;

  g_return_val_if_fail (words != NULL || n_words == 0, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  if (!check_input (words, n_words, rules, error))
    return NULL;

  b.gap_us = co_cue_rules_get_gap_us (rules);
  for (gsize i = 0, j; i < n_words; i = j)
    {
      CoCue *cue;

      j = group_end (&b, i);
      cue = make_cue (&b, i, j, prev_end);
      prev_end = cue->end_us;
      g_ptr_array_add (cues, cue);
    }
  return g_steal_pointer (&cues);
}
