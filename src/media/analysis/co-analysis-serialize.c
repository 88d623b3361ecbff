/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "co-analysis-private.h"
#include "co-json-read.h"
#include "co-media-error.h"

/*
 * The JSON form is the one the command line prints (seconds with
 * millisecond precision); the envelope and waveform go into a separate
 * compact little-endian blob, so a store can keep both per asset and
 * parameter set and rebuild the whole analysis without decoding again.
 */

#define BLOB_MAGIC "COWF"
#define BLOB_VERSION 1u

/* JSON has no infinity: an unknown or infinitely quiet value is null
 * (co_json_writer_double() writes null for anything not finite). */
static void
write_number (CoJsonWriter *out,
              const char   *name,
              double        value)
{
  co_json_writer_member (out, name);
  co_json_writer_double (out, value);
}

static void
write_int (CoJsonWriter *out,
           const char   *name,
           gint64        value)
{
  co_json_writer_member (out, name);
  co_json_writer_int (out, value);
}

static void
write_loudness (CoJsonWriter     *out,
                const CoAnalysis *self)
{
  co_json_writer_member (out, "loudness");
  co_json_writer_begin_object (out);
  write_number (out, "integrated_lufs", round (self->integrated_lufs * 100) / 100);
  write_number (out, "range_lu", round (self->range_lu * 100) / 100);
  write_number (out, "true_peak_dbtp", round (self->true_peak_dbtp * 100) / 100);
  co_json_writer_end_object (out);
}

static void
write_lists (CoJsonWriter     *out,
             const CoAnalysis *self)
{
  co_json_writer_member (out, "silences");
  co_json_writer_begin_array (out);
  for (guint i = 0; i < self->silences->len; i++)
    {
      const CoInterval *s = &g_array_index (self->silences, CoInterval, i);

      co_json_writer_begin_object (out);
      write_number (out, "start", s->start);
      write_number (out, "end", s->end);
      co_json_writer_end_object (out);
    }
  co_json_writer_end_array (out);
  co_json_writer_member (out, "scenes");
  co_json_writer_begin_array (out);
  for (guint i = 0; i < self->scenes->len; i++)
    {
      const CoScene *s = &g_array_index (self->scenes, CoScene, i);

      co_json_writer_begin_object (out);
      write_number (out, "time", s->time);
      write_number (out, "score", s->score);
      co_json_writer_end_object (out);
    }
  co_json_writer_end_array (out);
}

static void
write_edit_points (CoJsonWriter     *out,
                   const CoAnalysis *self)
{
  co_json_writer_member (out, "edit_points");
  co_json_writer_begin_array (out);
  for (guint i = 0; i < self->edit_points->len; i++)
    {
      const CoEditPoint *p = &g_array_index (self->edit_points, CoEditPoint, i);

      co_json_writer_begin_object (out);
      write_number (out, "time", p->time);
      co_json_writer_member (out, "kind");
      co_json_writer_string (out, co_edit_point_kind_to_string (p->kind));
      co_json_writer_member (out, "reason");
      co_json_writer_string (out, p->reason);
      co_json_writer_end_object (out);
    }
  co_json_writer_end_array (out);
}

/**
 * co_analysis_write_json_members:
 * @self: an analysis
 * @out: a writer inside an object
 * @file: (nullable): the name to give as `file`, or %NULL for the
 *   analysis's own
 *
 * Writes the members of the command line's JSON object, in this order:
 * file, duration, sample_rate, channels, loudness {integrated_lufs,
 * range_lu, true_peak_dbtp}, clip_count, silences [{start, end}], scenes
 * [{time, score}], edit_points [{time, kind, reason}].  The caller opens and
 * closes the object, and may add members of its own.  The envelope and
 * waveform are not included; see co_analysis_write_waveform().
 */
void
co_analysis_write_json_members (const CoAnalysis *self,
                                CoJsonWriter     *out,
                                const char       *file)
{
  g_return_if_fail (self != NULL && out != NULL);

  if (file == NULL)
    file = self->file != NULL ? self->file : "";
  co_json_writer_member (out, "file");
  co_json_writer_string (out, file);
  write_number (out, "duration", self->duration);
  write_int (out, "sample_rate", self->sample_rate);
  write_int (out, "channels", self->channels);
  write_loudness (out, self);
  write_int (out, "clip_count", (gint64) self->clip_count);
  write_lists (out, self);
  write_edit_points (out, self);
}

/**
 * co_analysis_to_json_string:
 * @self: an analysis
 * @pretty: whether to indent
 *
 * The analysis as the command line's JSON object (see
 * co_analysis_write_json_members()), written without building a tree.
 *
 * Returns: (transfer full): the text
 */
char *
co_analysis_to_json_string (const CoAnalysis *self,
                            gboolean          pretty)
{
  CoJsonWriter *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = co_json_writer_new_string (pretty);
  co_json_writer_begin_object (out);
  co_analysis_write_json_members (self, out, NULL);
  co_json_writer_end_object (out);
  return co_json_writer_free_to_string (out);
}

/**
 * co_analysis_to_json:
 * @self: an analysis
 *
 * co_analysis_to_json_string() read back as a tree.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
co_analysis_to_json (const CoAnalysis *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  text = co_analysis_to_json_string (self, FALSE);
  return json_from_string (text, NULL);
}

/* What is read back is checked member by member before it is used: a kept
 * analysis comes from the database, which a disk fault or another program
 * may have damaged, and json-glib's own getters turn a member of the wrong
 * type into a CRITICAL.  Times must be finite and not negative. */
static gboolean
read_time (JsonObject *object,
           const char *name,
           double     *out)
{
  return co_json_get_number (object, name, out) && isfinite (*out) && *out >= 0;
}

static gboolean
kind_from_string (const char      *name,
                  CoEditPointKind *kind)
{
  for (int k = CO_EDIT_POINT_CUT_OUT; k <= CO_EDIT_POINT_SCENE; k++)
    if (g_strcmp0 (name, co_edit_point_kind_to_string (k)) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

static gboolean
read_silences (JsonArray  *silences,
               CoAnalysis *self)
{
  for (guint i = 0; i < json_array_get_length (silences); i++)
    {
      JsonObject *o = co_json_array_get_object (silences, i);
      CoInterval s;

      if (!read_time (o, "start", &s.start) || !read_time (o, "end", &s.end) || s.end < s.start)
        return FALSE;
      g_array_append_val (self->silences, s);
    }
  return TRUE;
}

static gboolean
read_scenes (JsonArray  *scenes,
             CoAnalysis *self)
{
  for (guint i = 0; i < json_array_get_length (scenes); i++)
    {
      JsonObject *o = co_json_array_get_object (scenes, i);
      CoScene s;

      if (!read_time (o, "time", &s.time) || !co_json_get_number (o, "score", &s.score))
        return FALSE;
      g_array_append_val (self->scenes, s);
    }
  return TRUE;
}

static gboolean
read_edit_points (JsonArray  *points,
                  CoAnalysis *self)
{
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonObject *o = co_json_array_get_object (points, i);
      const char *reason = co_json_get_string (o, "reason");
      CoEditPoint p;

      if (!kind_from_string (co_json_get_string (o, "kind"), &p.kind) ||
          !read_time (o, "time", &p.time))
        return FALSE;
      p.reason = g_strdup (reason != NULL ? reason : "");
      g_array_append_val (self->edit_points, p);
    }
  return TRUE;
}

static gboolean
read_lists (JsonObject *root,
            CoAnalysis *self)
{
  JsonArray *silences = co_json_get_array (root, "silences");
  JsonArray *scenes = co_json_get_array (root, "scenes");
  JsonArray *points = co_json_get_array (root, "edit_points");

  return silences != NULL && scenes != NULL && points != NULL &&
         read_silences (silences, self) && read_scenes (scenes, self) &&
         read_edit_points (points, self);
}

/* Members older writers and hand-made analyses leave out read as unknown
 * (NAN) or 0; a member that is there must have the right type. */
static gboolean
read_optional_number (JsonObject *object,
                      const char *name,
                      double     *out)
{
  *out = NAN;
  return !json_object_has_member (object, name) || co_json_get_number (object, name, out);
}

static gboolean
read_optional_count (JsonObject *object,
                     const char *name,
                     gint64      max,
                     gint64     *out)
{
  *out = 0;
  return !json_object_has_member (object, name) || co_json_get_int (object, name, 0, max, out);
}

static gboolean
read_header (JsonObject *root,
             CoAnalysis *self)
{
  JsonObject *loudness = co_json_get_object (root, "loudness");
  const char *file = co_json_get_string (root, "file");
  gint64 sample_rate, channels, clip_count;

  /* The duration is null when unknown; otherwise a time. */
  if (loudness == NULL || !co_json_get_number (root, "duration", &self->duration) ||
      (!isnan (self->duration) && !read_time (root, "duration", &self->duration)) ||
      !read_optional_number (loudness, "integrated_lufs", &self->integrated_lufs) ||
      !read_optional_number (loudness, "range_lu", &self->range_lu) ||
      !read_optional_number (loudness, "true_peak_dbtp", &self->true_peak_dbtp) ||
      !read_optional_count (root, "sample_rate", G_MAXINT, &sample_rate) ||
      !read_optional_count (root, "channels", G_MAXINT, &channels) ||
      !read_optional_count (root, "clip_count", G_MAXINT64, &clip_count))
    return FALSE;
  self->file = g_strdup (file != NULL ? file : "");
  self->sample_rate = (int) sample_rate;
  self->channels = (int) channels;
  self->clip_count = (guint64) clip_count;
  return TRUE;
}

/**
 * co_analysis_new_from_json:
 * @node: a node made by co_analysis_to_json(), or one read back from the
 *   store that may be damaged
 * @error: return location for %CO_MEDIA_ERROR_CORRUPT
 *
 * Rebuilds an analysis from its JSON form, checking every member's type and
 * that every time is finite and not negative, so a damaged document is
 * refused with an error rather than read.  The envelope and waveform stay
 * empty until co_analysis_load_waveform() is given the blob.
 *
 * Returns: (transfer full): the analysis, or %NULL when @node is malformed
 */
CoAnalysis *
co_analysis_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(CoAnalysis) self = _co_analysis_new ();
  JsonObject *root;

  g_return_val_if_fail (node != NULL, NULL);

  _co_analysis_ensure_arrays (self);
  root = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (root == NULL || !read_header (root, self) || !read_lists (root, self))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                   _("The stored analysis is malformed: a required field is missing or "
                     "has the wrong type"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* The blob is written in pieces of at most CHUNK bytes, so that it is
 * never held whole a second time (co_analysis_write_waveform()). */
#define CHUNK (64 * 1024)

typedef struct
{
  guint8                 buffer[CHUNK];
  gsize                  fill;
  CoAnalysisWriteFunc    write;
  gpointer               user_data;
  GError               **error;
  gboolean               ok;
} Writer;

static void
flush (Writer *w)
{
  if (w->ok && w->fill > 0)
    w->ok = w->write (w->buffer, w->fill, w->user_data, w->error);
  w->fill = 0;
}

static void
put_u32 (Writer  *w,
         guint32  value)
{
  guint32 le = GUINT32_TO_LE (value);

  if (w->fill + 4 > CHUNK)
    flush (w);
  memcpy (w->buffer + w->fill, &le, 4);
  w->fill += 4;
}

static void
put_floats (Writer      *w,
            const float *values,
            gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;

      memcpy (&bits, &values[i], 4);
      put_u32 (w, bits);
    }
}

static void
put_pairs (Writer       *w,
           const gint16 *values,
           gsize         n)
{
  for (gsize i = 0; i < n; i++)
    put_u32 (w, (guint32) (guint16) values[2 * i] | (guint32) (guint16) values[2 * i + 1] << 16);
}

/* Elements read back from a spill at a time. */
#define SPILL_PIECE 4096

/* Puts a series of @spill, read back in pieces: floats, or min/max pairs. */
static void
put_spilled (Writer          *w,
             CoEnvelopeSpill *spill,
             guint            series)
{
  g_autofree guint32 *piece = g_new (guint32, SPILL_PIECE);
  guint n = _co_envelope_spill_get_length (spill, series);

  for (guint i = 0; i < n && w->ok; i += SPILL_PIECE)
    {
      guint len = MIN (SPILL_PIECE, n - i);

      /* A write that failed left a hole: the waveform cannot be kept. */
      if (!_co_envelope_spill_read (spill, series, i, piece, len)
          || !_co_envelope_spill_ok (spill))
        {
          g_set_error_literal (w->error, G_FILE_ERROR, G_FILE_ERROR_IO,
                               _("Cannot write or read back the waveform's temporary file"));
          w->ok = FALSE;
          return;
        }
      if (series >= CO_SPILL_LEVEL0)
        put_pairs (w, (const gint16 *) piece, len);
      else
        put_floats (w, (const float *) piece, len);
    }
}

/* The number of windows, or of buckets at a waveform @level. */
static gsize
count_windows (const CoAnalysis *self)
{
  return self->spill != NULL ? _co_envelope_spill_get_length (self->spill, CO_SPILL_RMS)
                             : self->rms->len;
}

static gsize
count_buckets (const CoAnalysis *self,
               guint             level)
{
  return self->spill != NULL
         ? _co_envelope_spill_get_length (self->spill, CO_SPILL_LEVEL0 + level)
         : self->waveform[level]->len;
}

/**
 * co_analysis_get_waveform_size:
 * @self: an analysis
 *
 * Returns: the size of the blob co_analysis_write_waveform() writes
 */
gsize
co_analysis_get_waveform_size (const CoAnalysis *self)
{
  gsize size;

  g_return_val_if_fail (self != NULL, 0);

  size = 16 + 8 * count_windows (self);
  for (guint level = 0; level < CO_WAVEFORM_LEVELS; level++)
    size += 8 + 4 * count_buckets (self, level);
  return size;
}

/**
 * co_analysis_write_waveform:
 * @self: an analysis
 * @write: (scope call): given the blob in order, in pieces of at most 64 KiB
 * @user_data: passed to @write
 * @error: return location for the error @write sets
 *
 * Packs the envelope (RMS and peak per 10 ms, float32) and every waveform
 * zoom level (int16 min/max pairs) into one little-endian blob of
 * co_analysis_get_waveform_size() bytes: "COWF", version, window count,
 * level count, RMS, peaks, then per level its bucket length in ms, its
 * bucket count and its pairs.  An analysis made with
 * CoAnalysisParams.envelope_on_disk reads them back from its temporary
 * file in pieces, so that they are never in memory whole.
 *
 * Returns: %TRUE, or %FALSE as soon as @write fails
 */
gboolean
co_analysis_write_waveform (const CoAnalysis     *self,
                            CoAnalysisWriteFunc   write,
                            gpointer              user_data,
                            GError              **error)
{
  g_autofree Writer *w = g_new (Writer, 1);

  g_return_val_if_fail (self != NULL && write != NULL, FALSE);

  *w = (Writer) { .write = write, .user_data = user_data, .error = error, .ok = TRUE };
  memcpy (w->buffer, BLOB_MAGIC, 4);
  w->fill = 4;
  put_u32 (w, BLOB_VERSION);
  put_u32 (w, (guint32) count_windows (self));
  put_u32 (w, CO_WAVEFORM_LEVELS);
  if (self->spill != NULL)
    {
      put_spilled (w, self->spill, CO_SPILL_RMS);
      put_spilled (w, self->spill, CO_SPILL_PEAK);
    }
  else
    {
      put_floats (w, (const float *) (gpointer) self->rms->data, self->rms->len);
      put_floats (w, (const float *) (gpointer) self->peak->data, self->peak->len);
    }
  for (guint level = 0; level < CO_WAVEFORM_LEVELS; level++)
    {
      put_u32 (w, 10u << (2 * level));
      put_u32 (w, (guint32) count_buckets (self, level));
      if (self->spill != NULL)
        put_spilled (w, self->spill, CO_SPILL_LEVEL0 + level);
      else
        put_pairs (w, (const gint16 *) (gpointer) self->waveform[level]->data,
                   self->waveform[level]->len);
    }
  flush (w);
  return w->ok;
}

static gboolean
append_cb (gconstpointer   data,
           gsize           size,
           gpointer        user_data,
           GError        **error)
{
  g_byte_array_append (user_data, data, (guint) size);
  return TRUE;
}

/**
 * co_analysis_serialize_waveform:
 * @self: an analysis
 *
 * The blob of co_analysis_write_waveform(), in memory.
 *
 * Returns: (transfer full): the blob
 */
GBytes *
co_analysis_serialize_waveform (const CoAnalysis *self)
{
  GByteArray *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_byte_array_sized_new ((guint) co_analysis_get_waveform_size (self));
  /* NULL: appending to memory cannot fail. */
  co_analysis_write_waveform (self, append_cb, out, NULL);
  return g_byte_array_free_to_bytes (out);
}

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} BlobReader;

static gboolean
take_u32 (BlobReader *r,
          guint32    *value)
{
  guint32 le;

  if (r->len - r->pos < 4)
    return FALSE;
  memcpy (&le, r->data + r->pos, 4);
  r->pos += 4;
  *value = GUINT32_FROM_LE (le);
  return TRUE;
}

static gboolean
take_floats (BlobReader *r,
             guint32     n,
             GArray     *into)
{
  if ((r->len - r->pos) / 4 < n)
    return FALSE;
  g_array_set_size (into, n);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 bits = 0;

      take_u32 (r, &bits);
      memcpy (&g_array_index (into, float, i), &bits, 4);
    }
  return TRUE;
}

static gboolean
take_level (BlobReader *r,
            guint       level,
            GArray     *into)
{
  guint32 bucket_ms, n;

  if (!take_u32 (r, &bucket_ms) || !take_u32 (r, &n) || bucket_ms != 10u << (2 * level)
      || (r->len - r->pos) / 4 < n)
    return FALSE;
  g_array_set_size (into, n);
  for (guint32 i = 0; i < 2 * n; i++)
    {
      guint16 le;

      memcpy (&le, r->data + r->pos, 2);
      r->pos += 2;
      ((gint16 *) (gpointer) into->data)[i] = (gint16) GUINT16_FROM_LE (le);
    }
  return TRUE;
}

/**
 * co_analysis_load_waveform:
 * @self: an analysis, typically from co_analysis_new_from_json()
 * @blob: a blob made by co_analysis_serialize_waveform()
 * @error: return location for %CO_MEDIA_ERROR_CORRUPT
 *
 * Replaces the envelope and waveform of @self with those in @blob.
 *
 * Returns: %TRUE on success; on failure @self is unchanged
 */
gboolean
co_analysis_load_waveform (CoAnalysis  *self,
                           GBytes      *blob,
                           GError     **error)
{
  BlobReader r = { 0 };
  guint32 version = 0, n = 0, levels = 0;
  g_autoptr(GArray) rms = g_array_new (FALSE, TRUE, sizeof (float));
  g_autoptr(GArray) peak = g_array_new (FALSE, TRUE, sizeof (float));
  GArray *wave[CO_WAVEFORM_LEVELS];
  gboolean ok;

  g_return_val_if_fail (self != NULL && blob != NULL, FALSE);

  r.data = g_bytes_get_data (blob, &r.len);
  ok = r.len >= 4 && memcmp (r.data, BLOB_MAGIC, 4) == 0;
  r.pos = 4;
  ok = ok && take_u32 (&r, &version) && version == BLOB_VERSION && take_u32 (&r, &n)
       && take_u32 (&r, &levels) && levels == CO_WAVEFORM_LEVELS
       && take_floats (&r, n, rms) && take_floats (&r, n, peak);
  for (guint l = 0; l < CO_WAVEFORM_LEVELS; l++)
    {
      wave[l] = g_array_new (FALSE, TRUE, sizeof (gint16) * 2);
      ok = ok && take_level (&r, l, wave[l]);
    }
  if (!ok || r.pos != r.len)
    {
      for (guint l = 0; l < CO_WAVEFORM_LEVELS; l++)
        g_array_unref (wave[l]);
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                   _("The stored waveform is damaged: its header or length is wrong"));
      return FALSE;
    }
  g_array_unref (self->rms);
  g_array_unref (self->peak);
  self->rms = g_steal_pointer (&rms);
  self->peak = g_steal_pointer (&peak);
  g_clear_pointer (&self->spill, _co_envelope_spill_unref);
  for (guint l = 0; l < CO_WAVEFORM_LEVELS; l++)
    {
      g_array_unref (self->waveform[l]);
      self->waveform[l] = wave[l];
    }
  return TRUE;
}
