/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "co-analysis-private.h"

/*
 * The 10 ms envelope (RMS, peak) and the waveform's zoom levels of one
 * stream, in an unlinked temporary file instead of memory, for a caller
 * that only keeps them in a store (CoAnalysisParams.envelope_on_disk): the
 * memory an analysis needs then does not grow with the length of the file.
 *
 * Each series has its own region of the file, REGION bytes apart (the file
 * is sparse; a window never written reads as 0, as in the arrays); element
 * i of a series is at 4 × i in its region.  The analysers of the ranges
 * write their windows in batches at their own places (pwrite() needs no
 * lock); everything is read back in bounded pieces.  A failed write or
 * read is remembered: the figures computed from the samples do not depend
 * on the file, only the waveform kept with them.
 */

/* 256 M windows of 10 ms (a month) per series. */
#define REGION ((gint64) 1 << 30)
#define SERIES (CO_SPILL_LEVEL0 + CO_WAVEFORM_LEVELS)
/* Elements per piece when levels are built. */
#define PIECE 4096
G_STATIC_ASSERT (PIECE % 4 == 0);   /* each piece makes whole buckets */

struct _CoEnvelopeSpill
{
  gatomicrefcount ref_count;
  int             fd;
  guint           capacity;           /* windows */
  guint           length[SERIES];     /* elements of each series */
  int             failed;             /* atomic: a write or read failed */
};

/**
 * _co_envelope_spill_new:
 * @capacity: the most windows the stream may have
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a spill in a new temporary file, or
 *   %NULL with @error set if none can be made
 */
CoEnvelopeSpill *
_co_envelope_spill_new (guint    capacity,
                        GError **error)
{
  g_autofree char *path = NULL;
  CoEnvelopeSpill *self;
  int fd;

  if ((gint64) capacity * 4 > REGION)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%u windows do not fit", capacity);
      return NULL;
    }
  fd = g_file_open_tmp ("creatorops-envelope-XXXXXX", &path, error);
  if (fd < 0)
    return NULL;
  g_unlink (path);
  self = g_new0 (CoEnvelopeSpill, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->fd = fd;
  self->capacity = capacity;
  return self;
}

CoEnvelopeSpill *
_co_envelope_spill_ref (CoEnvelopeSpill *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
_co_envelope_spill_unref (CoEnvelopeSpill *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  close (self->fd);
  g_free (self);
}

guint
_co_envelope_spill_get_capacity (const CoEnvelopeSpill *self)
{
  return self->capacity;
}

/* Whether every write and read so far succeeded. */
gboolean
_co_envelope_spill_ok (CoEnvelopeSpill *self)
{
  return !g_atomic_int_get (&self->failed);
}

guint
_co_envelope_spill_get_length (const CoEnvelopeSpill *self,
                               guint                  series)
{
  g_assert (series < SERIES);
  return self->length[series];
}

void
_co_envelope_spill_set_length (CoEnvelopeSpill *self,
                               guint            series,
                               guint            length)
{
  g_assert (series < SERIES && length <= self->capacity);
  self->length[series] = length;
}

static gboolean
transfer (CoEnvelopeSpill *self,
          gboolean         writing,
          guint            series,
          guint            first,
          gpointer         values,
          gsize            n)
{
  guint8 *at = values;
  gsize left = n * 4;
  off_t offset = (off_t) (series * REGION + (gint64) first * 4);

  g_assert (series < SERIES && first + n <= self->capacity);
  while (left > 0)
    {
      gssize done = writing ? pwrite (self->fd, at, left, offset)
                            : pread (self->fd, at, left, offset);

      if (done < 0 && errno == EINTR)
        continue;
      if (done < 0 || (done == 0 && writing))
        {
          g_atomic_int_set (&self->failed, TRUE);
          return FALSE;
        }
      if (done == 0)
        {
          /* Past the end of the file: never written, so zero. */
          memset (at, 0, left);
          break;
        }
      at += done;
      left -= (gsize) done;
      offset += done;
    }
  return TRUE;
}

/**
 * _co_envelope_spill_write:
 * @self: a spill
 * @series: %CO_SPILL_RMS, %CO_SPILL_PEAK or a waveform level
 * @first: the index of the first element
 * @values: @n elements of 4 bytes (floats, or gint16 min/max pairs)
 * @n: how many
 *
 * Returns: whether they were written; the spill remembers a failure
 */
gboolean
_co_envelope_spill_write (CoEnvelopeSpill *self,
                          guint            series,
                          guint            first,
                          gconstpointer    values,
                          gsize            n)
{
  return transfer (self, TRUE, series, first, (gpointer) values, n);
}

/**
 * _co_envelope_spill_read:
 * @self: a spill
 * @series: the series
 * @first: the index of the first element
 * @values: (out caller-allocates): room for @n elements of 4 bytes
 * @n: how many
 *
 * Returns: whether they were read; the spill remembers a failure
 */
gboolean
_co_envelope_spill_read (CoEnvelopeSpill *self,
                         guint            series,
                         guint            first,
                         gpointer         values,
                         gsize            n)
{
  return transfer (self, FALSE, series, first, values, n);
}

/**
 * _co_envelope_spill_build_levels:
 * @self: a spill whose finest level is written and its length set
 *
 * Writes the coarser waveform levels, each 4 times coarser than the last
 * (_co_waveform_coarsen()), reading the finer level in pieces of a
 * multiple of 4.
 */
void
_co_envelope_spill_build_levels (CoEnvelopeSpill *self)
{
  g_autofree gint16 *finer = g_new (gint16, 2 * PIECE);
  g_autofree gint16 *coarser = g_new (gint16, 2 * PIECE / 4);

  for (guint level = 1; level < CO_WAVEFORM_LEVELS; level++)
    {
      guint from = CO_SPILL_LEVEL0 + level - 1, n = self->length[from], made = 0;

      for (guint i = 0; i < n; i += PIECE)
        {
          guint piece = MIN (PIECE, n - i), buckets;

          if (!_co_envelope_spill_read (self, from, i, finer, piece))
            return;
          buckets = _co_waveform_coarsen (finer, piece, coarser);
          if (!_co_envelope_spill_write (self, from + 1, made, coarser, buckets))
            return;
          made += buckets;
        }
      self->length[from + 1] = made;
    }
}
