/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <string.h>

#include "co-pocketsphinx-private.h"

/*
 * How sure PocketSphinx is of a word.
 *
 * The posterior of a best-path segment (ps_seg_prob()) is that of one link
 * of the word lattice: the word from one start frame to one end frame.  The
 * lattice holds the same word many times, a frame earlier or later, so the
 * belief in the word is spread over all of them and each link got 0.00 to
 * 0.04: every cue was flagged, and the flag told a creator nothing.  The
 * belief in the word is the sum of the posteriors of every lattice node of
 * the same word (any pronunciation) that spans the middle of the recognised
 * word: those are the paths that say this word was spoken then.
 */

/* A node's posterior: the share of all paths that pass through it. */
static int32
node_posterior (ps_lattice_t *dag,
                ps_latnode_t *node)
{
  logmath_t *lmath = ps_lattice_get_logmath (dag);
  int32 sum = logmath_get_zero (lmath);

  for (ps_latlink_iter_t *it = ps_latnode_exits (node); it != NULL;
       it = ps_latlink_iter_next (it))
    {
      int32 acoustic;

      sum = logmath_add (lmath, sum, ps_latlink_prob (dag, ps_latlink_iter_link (it), &acoustic));
    }
  return sum;
}

/**
 * _co_pocketsphinx_word_confidence:
 * @dag: the lattice of the utterance, with posteriors computed
 * @word: a recognised word, without its pronunciation suffix
 * @start_frame: its first frame
 * @end_frame: its last frame
 *
 * Returns: the posterior of @word at that time, from 0 to 1
 */
double
_co_pocketsphinx_word_confidence (ps_lattice_t *dag,
                                  const char   *word,
                                  int           start_frame,
                                  int           end_frame)
{
  logmath_t *lmath = ps_lattice_get_logmath (dag);
  int32 sum = logmath_get_zero (lmath);
  int middle = (start_frame + end_frame) / 2;
  gsize len = strlen (word);

  for (ps_latnode_iter_t *it = ps_latnode_iter (dag); it != NULL; it = ps_latnode_iter_next (it))
    {
      ps_latnode_t *node = ps_latnode_iter_node (it);
      const char *base = ps_latnode_baseword (dag, node);
      int16 first_end, last_end;
      int start = ps_latnode_times (node, &first_end, &last_end);

      if (base == NULL || strncmp (base, word, len) != 0 || base[len] != '\0' ||
          start > middle || last_end < middle)
        continue;
      sum = logmath_add (lmath, sum, node_posterior (dag, node));
    }
  return CLAMP (logmath_exp (lmath, sum), 0.0, 1.0);
}
