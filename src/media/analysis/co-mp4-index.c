/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gst/pbutils/pbutils.h>
#include <string.h>
#include <unistd.h>

#include "co-analysis-private.h"

/*
 * The sample tables of an MP4 (ISO base media) file: where each sample of
 * the sound is, how long it lasts, and the size, key-frame flag and time of
 * each video frame, all from the index (the moov box) without reading a
 * byte of the media data.  The reader then fetches only the sound's chunks
 * from the file, in large reads, and the scene pass needs nothing but the
 * frame table.
 *
 * Only what the analysis can take is accepted: AAC sound, one edit (after
 * at most one empty one) at normal speed, sample tables that agree with
 * each other and with the file's size.  Anything else is left to the
 * GStreamer demuxer (co-audio-reader.c), which also reports what is wrong
 * with a damaged file.  Every number read from the file is checked before
 * it is used.
 */

#define BOX(a, b, c, d) \
  ((guint32) (a) << 24 | (guint32) (b) << 16 | (guint32) (c) << 8 | (guint32) (d))
/* Larger indexes than this are not read. */
#define MAX_MOOV (256u << 20)
/* No AAC frame is this large. */
#define MAX_AUDIO_SAMPLE (1u << 20)

/* Bytes of a box, read front to back; reading past the end sets @bad. */
typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gboolean      bad;
} Cursor;

struct _CoMp4Track
{
  guint32  handler;         /* 'soun' or 'vide' */
  guint32  timescale;
  guint32  n_samples;
  guint32  fixed_size;      /* every sample's size, or 0: see sizes */
  Cursor   sizes;           /* stsz entries */
  Cursor   stts;
  Cursor   ctts;
  Cursor   stsc;
  Cursor   offsets;         /* stco or co64 entries */
  gboolean wide_offsets;    /* co64 */
  guint32  n_chunks;
  Cursor   stss;
  gboolean have_stss;
  Cursor   stsd;
  gint64   media_time;      /* where the edit starts in the media, or 0 */
  guint64  edit_duration;   /* in the movie's timescale, 0 for the whole */
  guint64  empty_edit;      /* in the movie's timescale */
  gboolean edits_ok;
};

typedef struct _CoMp4Track Track;

struct _CoMp4Walk
{
  const Track *track;
  guint32  index;           /* of the next sample */
  guint32  chunk;           /* its chunk */
  gboolean started;
  guint32  per_chunk;       /* samples per chunk, from the stsc entry */
  guint32  left_in_chunk;   /* samples of the chunk from the next one on */
  guint64  offset;          /* of the next sample */
  Cursor   stsc;
  Cursor   stts;
  guint32  stts_left;
  guint32  duration;
  gint64   dts;
  Cursor   ctts;
  guint32  ctts_left;
  gint32   cts;
  Cursor   stss;
  guint32  next_key;        /* number (from 1) of the next key frame */
};

struct _CoMp4Index
{
  guint8  *moov;
  guint64  file_size;
  guint32  movie_timescale;
  Track    audio;
  Track    video;
  gboolean have_audio;
  gboolean have_video;
  GBytes  *codec_data;      /* the AAC AudioSpecificConfig */
  int      mpeg_version;
  gint64   audio_end;       /* the sound's samples' total duration */
};

static gboolean
take (Cursor *c,
      gsize   n)
{
  if (c->bad || c->len - c->pos < n)
    {
      c->bad = TRUE;
      c->pos = c->len;
      return FALSE;
    }
  c->pos += n;
  return TRUE;
}

static guint32
read_be (Cursor *c,
         gsize   n)
{
  guint32 v = 0;

  if (!take (c, n))
    return 0;
  for (gsize i = 0; i < n; i++)
    v = v << 8 | c->data[c->pos - n + i];
  return v;
}

static guint32
read_u32 (Cursor *c)
{
  return read_be (c, 4);
}

static guint64
read_u64 (Cursor *c)
{
  guint64 high = read_u32 (c);

  return high << 32 | read_u32 (c);
}

/* The next box inside @parent: its type and a cursor over its contents. */
static gboolean
next_box (Cursor  *parent,
          guint32 *type,
          Cursor  *contents)
{
  gsize start = parent->pos, header = 8;
  guint64 size;

  if (parent->len - parent->pos < 8)
    return FALSE;
  size = read_u32 (parent);
  *type = read_u32 (parent);
  if (size == 1)
    {
      size = read_u64 (parent);
      header = 16;
    }
  else if (size == 0)
    size = parent->len - start;
  if (parent->bad || size < header || size > parent->len - start)
    {
      parent->bad = TRUE;
      return FALSE;
    }
  *contents = (Cursor) { parent->data + start + header, (gsize) size - header, 0, FALSE };
  parent->pos = start + (gsize) size;
  return TRUE;
}

/* The first box of @type inside @parent. */
static gboolean
find_box (const Cursor *parent,
          guint32       type,
          Cursor       *out)
{
  Cursor c = { parent->data, parent->len, 0, FALSE };
  guint32 found;

  while (next_box (&c, &found, out))
    if (found == type)
      return TRUE;
  return FALSE;
}

/* Follows a path of boxes down from @parent. */
static gboolean
find_path (const Cursor  *parent,
           const guint32 *types,
           gsize          n,
           Cursor        *out)
{
  Cursor at = *parent;

  for (gsize i = 0; i < n; i++)
    {
      if (!find_box (&at, types[i], out))
        return FALSE;
      at = *out;
    }
  return TRUE;
}

/* A full box's version, its flags skipped. */
static guint32
read_version (Cursor *c)
{
  return read_u32 (c) >> 24;
}

/* The timescale of an mvhd or mdhd box. */
static guint32
read_timescale (Cursor *c)
{
  guint32 version = read_version (c);

  take (c, version == 1 ? 16 : 8);
  return read_u32 (c);
}

/* A table (a full box): its entry count, checked against its size, and a
 * cursor at its first entry. */
static gboolean
read_table (const Cursor *box,
            gsize         entry_size,
            guint32      *count,
            Cursor       *entries)
{
  *entries = *box;
  take (entries, 4);
  *count = read_u32 (entries);
  return !entries->bad && (entries->len - entries->pos) / entry_size >= *count;
}

static gboolean
read_edits (Track        *track,
            const Cursor *trak)
{
  Cursor elst;
  guint32 count, version;
  const guint32 path[] = { BOX ('e', 'd', 't', 's'), BOX ('e', 'l', 's', 't') };

  if (!find_path (trak, path, G_N_ELEMENTS (path), &elst))
    return TRUE;
  version = read_version (&elst);
  count = read_u32 (&elst);
  for (guint32 i = 0; i < count && !elst.bad; i++)
    {
      guint64 duration = version == 1 ? read_u64 (&elst) : read_u32 (&elst);
      gint64 media_time = version == 1 ? (gint64) read_u64 (&elst) : (gint32) read_u32 (&elst);
      guint32 rate = read_u32 (&elst);

      if (media_time == -1 && i == 0 && count > 1)
        track->empty_edit = duration;
      else if (i == count - 1 && media_time >= 0 && rate == 0x10000)
        {
          track->media_time = media_time;
          track->edit_duration = duration;
        }
      else
        return FALSE;
    }
  return !elst.bad;
}

static gboolean
read_sample_table (Track        *track,
                   const Cursor *stbl)
{
  Cursor stsz, box;

  if (!find_box (stbl, BOX ('s', 't', 's', 'z'), &stsz)
      || !find_box (stbl, BOX ('s', 't', 's', 'd'), &track->stsd))
    return FALSE;
  take (&stsz, 4);
  track->fixed_size = read_u32 (&stsz);
  track->n_samples = read_u32 (&stsz);
  track->sizes = stsz;
  if (stsz.bad || (track->fixed_size == 0 && (stsz.len - stsz.pos) / 4 < track->n_samples))
    return FALSE;
  if (find_box (stbl, BOX ('s', 't', 'c', 'o'), &box))
    track->wide_offsets = FALSE;
  else if (find_box (stbl, BOX ('c', 'o', '6', '4'), &box))
    track->wide_offsets = TRUE;
  else
    return FALSE;
  if (!read_table (&box, track->wide_offsets ? 8 : 4, &track->n_chunks, &track->offsets)
      || !find_box (stbl, BOX ('s', 't', 's', 'c'), &box)
      || !read_table (&box, 12, &(guint32) { 0 }, &track->stsc)
      || !find_box (stbl, BOX ('s', 't', 't', 's'), &box)
      || !read_table (&box, 8, &(guint32) { 0 }, &track->stts))
    return FALSE;
  if (find_box (stbl, BOX ('c', 't', 't', 's'), &box)
      && !read_table (&box, 8, &(guint32) { 0 }, &track->ctts))
    return FALSE;
  track->have_stss = find_box (stbl, BOX ('s', 't', 's', 's'), &box);
  return !track->have_stss || read_table (&box, 4, &(guint32) { 0 }, &track->stss);
}

static gboolean
read_track (Track        *track,
            const Cursor *trak)
{
  Cursor mdia, box;
  const guint32 stbl_path[] = { BOX ('m', 'i', 'n', 'f'), BOX ('s', 't', 'b', 'l') };

  if (!find_box (trak, BOX ('m', 'd', 'i', 'a'), &mdia)
      || !find_box (&mdia, BOX ('m', 'd', 'h', 'd'), &box))
    return FALSE;
  track->timescale = read_timescale (&box);
  if (box.bad || track->timescale == 0 || !find_box (&mdia, BOX ('h', 'd', 'l', 'r'), &box))
    return FALSE;
  take (&box, 8);
  track->handler = read_u32 (&box);
  track->edits_ok = read_edits (track, trak);
  return !box.bad && find_path (&mdia, stbl_path, G_N_ELEMENTS (stbl_path), &box)
         && read_sample_table (track, &box);
}

/* The length of an MPEG-4 descriptor. */
static guint32
read_descriptor_length (Cursor *c)
{
  guint32 length = 0;

  for (int i = 0; i < 4; i++)
    {
      guint32 byte = read_be (c, 1);

      length = length << 7 | (byte & 0x7f);
      if (!(byte & 0x80))
        break;
    }
  return length;
}

/* Steps into the descriptor of @tag at @c. */
static gboolean
enter_descriptor (Cursor *c,
                  guint32 tag)
{
  guint32 length;

  if (read_be (c, 1) != tag)
    return FALSE;
  length = read_descriptor_length (c);
  if (c->bad || length > c->len - c->pos)
    return FALSE;
  c->len = c->pos + length;
  return TRUE;
}

/* The AAC decoder's configuration from an esds box. */
static gboolean
read_esds (CoMp4Index *self,
           Cursor     *esds)
{
  guint32 flags, type;

  take (esds, 4);
  if (!enter_descriptor (esds, 0x03))
    return FALSE;
  take (esds, 2);
  flags = read_be (esds, 1);
  if (flags & 0x80)
    take (esds, 2);
  if (flags & 0x40)
    take (esds, read_be (esds, 1));
  if (flags & 0x20)
    take (esds, 2);
  if (!enter_descriptor (esds, 0x04))
    return FALSE;
  type = read_be (esds, 1);
  take (esds, 12);
  if (type != 0x40 && (type < 0x66 || type > 0x68))
    return FALSE;
  self->mpeg_version = type == 0x40 ? 4 : 2;
  if (!enter_descriptor (esds, 0x05) || esds->len - esds->pos < 2)
    return FALSE;
  self->codec_data = g_bytes_new (esds->data + esds->pos, esds->len - esds->pos);
  return TRUE;
}

/* Whether the sound is AAC, and its configuration. */
static gboolean
read_audio_entry (CoMp4Index *self)
{
  Cursor stsd = self->audio.stsd, entry, esds, wave;
  guint32 type, version;

  take (&stsd, 8);
  if (!next_box (&stsd, &type, &entry) || type != BOX ('m', 'p', '4', 'a'))
    return FALSE;
  take (&entry, 8);
  version = read_be (&entry, 2);
  /* QuickTime's sound descriptions of version 1 and 2 are longer. */
  take (&entry, 18 + (version == 1 ? 16 : version == 2 ? 36 : 0));
  if (entry.bad)
    return FALSE;
  entry = (Cursor) { entry.data + entry.pos, entry.len - entry.pos, 0, FALSE };
  if (find_box (&entry, BOX ('e', 's', 'd', 's'), &esds))
    return read_esds (self, &esds);
  return find_box (&entry, BOX ('w', 'a', 'v', 'e'), &wave)
         && find_box (&wave, BOX ('e', 's', 'd', 's'), &esds) && read_esds (self, &esds);
}

static gboolean
read_moov (CoMp4Index *self,
           gsize       len)
{
  Cursor moov = { self->moov, len, 0, FALSE }, box;
  guint32 type;

  if (!find_box (&moov, BOX ('m', 'v', 'h', 'd'), &box))
    return FALSE;
  self->movie_timescale = read_timescale (&box);
  if (box.bad || self->movie_timescale == 0)
    return FALSE;
  while (next_box (&moov, &type, &box))
    {
      Track track = { 0 };

      if (type != BOX ('t', 'r', 'a', 'k') || !read_track (&track, &box))
        continue;
      if (track.handler == BOX ('s', 'o', 'u', 'n') && !self->have_audio)
        {
          self->audio = track;
          self->have_audio = TRUE;
        }
      else if (track.handler == BOX ('v', 'i', 'd', 'e') && !self->have_video)
        {
          self->video = track;
          self->have_video = TRUE;
        }
    }
  return !moov.bad && self->have_audio && self->audio.edits_ok && self->audio.n_samples > 0
         && read_audio_entry (self);
}

/* Reads the top-level box @type of the file @fd into memory. */
static guint8 *
read_top_box (int      fd,
              guint64  file_size,
              guint32  type,
              gsize   *len)
{
  guint64 pos = 0;

  while (pos + 8 <= file_size)
    {
      guint8 header[16];
      Cursor c = { header, sizeof header, 0, FALSE };
      guint64 size;
      guint32 found;
      gsize head = 8;

      if (pread (fd, header, sizeof header, (off_t) pos) < 8)
        return NULL;
      size = read_u32 (&c);
      found = read_u32 (&c);
      if (size == 1)
        {
          size = read_u64 (&c);
          head = 16;
        }
      else if (size == 0)
        size = file_size - pos;
      if (size < head || size > file_size - pos)
        return NULL;
      if (found == type)
        {
          guint8 *data;

          if (size - head > MAX_MOOV)
            return NULL;
          *len = (gsize) (size - head);
          data = g_malloc (MAX (*len, 1));
          if (pread (fd, data, *len, (off_t) (pos + head)) != (gssize) *len)
            {
              g_free (data);
              return NULL;
            }
          return data;
        }
      pos += size;
    }
  return NULL;
}

static guint64
chunk_offset (const Track *track,
              guint32      chunk)
{
  Cursor c = track->offsets;

  take (&c, (gsize) chunk * (track->wide_offsets ? 8 : 4));
  return track->wide_offsets ? read_u64 (&c) : read_u32 (&c);
}

static guint32
sample_size (const Track *track,
             guint32      sample)
{
  Cursor c = track->sizes;

  if (track->fixed_size != 0)
    return track->fixed_size;
  take (&c, (gsize) sample * 4);
  return read_u32 (&c);
}

/* The number at @c, left where it is; G_MAXUINT32 at the end. */
static guint32
peek_u32 (const Cursor *c)
{
  Cursor copy = *c;

  return copy.len - copy.pos >= 4 ? read_u32 (&copy) : G_MAXUINT32;
}

/* Moves @walk to the next chunk; FALSE past the last one, or where the
 * chunk table is inconsistent. */
static gboolean
walk_next_chunk (CoMp4Walk *walk)
{
  const Track *track = walk->track;

  walk->chunk = walk->started ? walk->chunk + 1 : 0;
  walk->started = TRUE;
  if (walk->chunk >= track->n_chunks)
    return FALSE;
  /* stsc numbers chunks from 1; each entry holds from its first chunk on. */
  while (walk->chunk + 1 >= peek_u32 (&walk->stsc))
    {
      guint32 first = read_u32 (&walk->stsc);

      walk->per_chunk = read_u32 (&walk->stsc);
      take (&walk->stsc, 4);
      if (walk->stsc.bad || first == 0 || peek_u32 (&walk->stsc) <= first)
        return FALSE;
    }
  walk->left_in_chunk = walk->per_chunk;
  walk->offset = chunk_offset (track, walk->chunk);
  return walk->per_chunk > 0 && !walk->stsc.bad;
}

static CoMp4Walk *
walk_new (const Track *track)
{
  CoMp4Walk *walk = g_new0 (CoMp4Walk, 1);

  walk->track = track;
  walk->stsc = track->stsc;
  walk->stts = track->stts;
  walk->ctts = track->ctts;
  walk->stss = track->stss;
  return walk;
}

/* Reads the next entry of the run-length table @c when the current run
 * is over. */
static void
next_run (Cursor  *c,
          guint32 *left,
          guint32 *value)
{
  while (*left == 0 && !c->bad)
    {
      *left = read_u32 (c);
      *value = read_u32 (c);
    }
}

/**
 * _co_mp4_walk_next:
 * @walk: a walk begun by _co_mp4_index_walk_audio() or
 *   _co_mp4_index_walk_video()
 * @sample: (out): the next sample
 *
 * Returns: %FALSE past the last sample, or where the tables disagree
 */
gboolean
_co_mp4_walk_next (CoMp4Walk   *walk,
                   CoMp4Sample *sample)
{
  const Track *track = walk->track;

  if (walk->index >= track->n_samples)
    return FALSE;
  while (walk->left_in_chunk == 0)
    if (!walk_next_chunk (walk))
      return FALSE;
  next_run (&walk->stts, &walk->stts_left, &walk->duration);
  if (walk->ctts.len > 0)
    next_run (&walk->ctts, &walk->ctts_left, (guint32 *) &walk->cts);
  while (walk->stss.len > 0 && walk->next_key < walk->index + 1 && walk->stss.pos < walk->stss.len)
    walk->next_key = read_u32 (&walk->stss);
  if (walk->stts.bad || walk->ctts.bad || walk->stss.bad)
    return FALSE;
  sample->index = walk->index;
  sample->offset = walk->offset;
  sample->size = sample_size (track, walk->index);
  sample->dts = walk->dts;
  sample->duration = walk->duration;
  sample->cts = walk->ctts.len > 0 ? walk->cts : 0;
  sample->keyframe = walk->stss.len == 0 || walk->next_key == walk->index + 1;
  walk->offset += sample->size;
  walk->dts += walk->duration;
  walk->index++;
  walk->left_in_chunk--;
  walk->stts_left--;
  if (walk->ctts_left > 0)
    walk->ctts_left--;
  return TRUE;
}

void
_co_mp4_walk_free (CoMp4Walk *walk)
{
  g_free (walk);
}

/* Moves a new @walk to its chunk that holds @target, in as many steps as
 * the chunk table has runs. */
static gboolean
seek_chunk (CoMp4Walk *walk,
            guint32    target,
            guint32   *within)
{
  const Track *track = walk->track;
  guint32 before = 0;

  while (walk->stsc.len - walk->stsc.pos >= 12)
    {
      guint32 first = read_u32 (&walk->stsc), per = read_u32 (&walk->stsc), next;
      guint64 samples;

      take (&walk->stsc, 4);
      next = MIN (peek_u32 (&walk->stsc), track->n_chunks + 1);
      if (first == 0 || next <= first || per == 0)
        return FALSE;
      samples = (guint64) (next - first) * per;
      if (before + samples > target)
        {
          walk->chunk = first - 1 + (target - before) / per;
          walk->per_chunk = per;
          *within = (target - before) % per;
          return TRUE;
        }
      before += (guint32) samples;
    }
  return FALSE;
}

/* Moves a new @walk to @target directly; FALSE where the tables end first. */
static gboolean
walk_seek (CoMp4Walk *walk,
           guint32    target)
{
  guint32 within = 0, left = target;

  if (target == 0)
    return TRUE;
  if (target >= walk->track->n_samples || !seek_chunk (walk, target, &within))
    return FALSE;
  walk->started = TRUE;
  walk->left_in_chunk = walk->per_chunk - within;
  walk->offset = chunk_offset (walk->track, walk->chunk);
  for (guint32 i = target - within; i < target; i++)
    walk->offset += sample_size (walk->track, i);
  while (left > 0 && !walk->stts.bad)
    {
      guint32 step;

      next_run (&walk->stts, &walk->stts_left, &walk->duration);
      step = MIN (left, walk->stts_left);
      walk->dts += (gint64) step * walk->duration;
      walk->stts_left -= step;
      left -= step;
    }
  walk->index = target;
  return !walk->stts.bad;
}

/**
 * _co_mp4_index_walk_audio:
 * @from: the first sample to give
 *
 * Returns: (transfer full): a walk through the sound's samples from @from;
 *   a walk from past the end gives nothing
 */
CoMp4Walk *
_co_mp4_index_walk_audio (CoMp4Index *self,
                          guint32     from)
{
  CoMp4Walk *walk = walk_new (&self->audio);

  /* The sound's own tables: no composition offsets, every frame a key. */
  walk->ctts.len = 0;
  walk->stss.len = 0;
  if (!walk_seek (walk, from))
    walk->index = G_MAXUINT32;
  return walk;
}

/* Walks the whole sound once: every sample lies inside the file, no
 * sample is absurdly large or lasts no time, and the tables agree on the
 * count. */
static gboolean
check_audio (CoMp4Index *self)
{
  g_autoptr(CoMp4Walk) walk = walk_new (&self->audio);
  CoMp4Sample sample;
  guint32 n = 0;

  while (_co_mp4_walk_next (walk, &sample))
    {
      if (sample.size == 0 || sample.size > MAX_AUDIO_SAMPLE || sample.duration == 0
          || sample.offset + sample.size > self->file_size)
        return FALSE;
      n++;
    }
  self->audio_end = walk->dts;
  return n == self->audio.n_samples && self->audio.media_time < self->audio_end;
}

/**
 * _co_mp4_index_audio_caps:
 *
 * Returns: (transfer full): what the sound's decoder takes
 */
GstCaps *
_co_mp4_index_audio_caps (CoMp4Index *self)
{
  gsize len;
  const guint8 *config = g_bytes_get_data (self->codec_data, &len);
  g_autoptr(GstBuffer) buffer = gst_buffer_new_memdup (config, len);
  GstCaps *caps = gst_caps_new_simple ("audio/mpeg", "mpegversion", G_TYPE_INT,
                                       self->mpeg_version, "stream-format", G_TYPE_STRING, "raw",
                                       "framed", G_TYPE_BOOLEAN, TRUE,
                                       "codec_data", GST_TYPE_BUFFER, buffer, NULL);
  guint rate = gst_codec_utils_aac_get_sample_rate (config, (guint) len);
  guint channels = gst_codec_utils_aac_get_channels (config, (guint) len);

  if (rate > 0)
    gst_caps_set_simple (caps, "rate", G_TYPE_INT, (int) rate, NULL);
  if (channels > 0)
    gst_caps_set_simple (caps, "channels", G_TYPE_INT, (int) channels, NULL);
  return caps;
}

/**
 * _co_mp4_index_audio_timing:
 * @timescale: (out): units of the times below, per second
 * @delay: (out): how late the sound starts (an empty edit)
 * @priming: (out): decoded units before the sound starts (the edit's
 *   start in the media: an encoder's priming)
 * @length: (out): the sound's length, to its last sample, less the
 *   padding after it as the edit declares it
 */
void
_co_mp4_index_audio_timing (CoMp4Index *self,
                            guint32    *timescale,
                            gint64     *delay,
                            gint64     *priming,
                            gint64     *length)
{
  const Track *audio = &self->audio;

  *timescale = audio->timescale;
  *delay = (gint64) gst_util_uint64_scale_round (audio->empty_edit, audio->timescale,
                                                 self->movie_timescale);
  *priming = audio->media_time;
  *length = self->audio_end - audio->media_time;
  if (audio->edit_duration > 0)
    *length = MIN (*length, (gint64) gst_util_uint64_scale_round (audio->edit_duration,
                                                                  audio->timescale,
                                                                  self->movie_timescale));
}

/**
 * _co_mp4_index_video_frames:
 *
 * Returns: (transfer full) (nullable): the video's frames (#CoVideoFrame)
 *   in decoding order, each shown at its time in the stream (-1 for
 *   frames the edit leaves out), or %NULL without a video track
 */
GArray *
_co_mp4_index_video_frames (CoMp4Index *self)
{
  const Track *video = &self->video;
  g_autoptr(CoMp4Walk) walk = NULL;
  GArray *frames;
  CoMp4Sample sample;
  gint64 shift;

  if (!self->have_video || !video->edits_ok)
    return NULL;
  walk = walk_new (video);
  frames = g_array_sized_new (FALSE, FALSE, sizeof (CoVideoFrame), video->n_samples);
  shift = (gint64) gst_util_uint64_scale_round (video->empty_edit, video->timescale,
                                                self->movie_timescale) - video->media_time;
  while (walk->index < video->n_samples)
    {
      gint64 shown;

      if (!_co_mp4_walk_next (walk, &sample))
        {
          g_array_unref (frames);
          return NULL;
        }
      shown = sample.dts + sample.cts + shift;
      {
        CoVideoFrame frame = { -1, sample.size, sample.keyframe };

        if (shown >= 0)
          frame.pts = (gint64) gst_util_uint64_scale_round ((guint64) shown, GST_SECOND,
                                                            video->timescale);
        g_array_append_val (frames, frame);
      }
    }
  return frames;
}

/**
 * _co_mp4_index_open:
 * @path: a file that the type finders call MP4 or QuickTime
 * @frames: (out) (optional) (transfer full): the video frames, as
 *   _co_mp4_index_video_frames() gives them; when asked for, the index is
 *   refused if a video track's tables cannot be read
 *
 * Returns: (transfer full) (nullable): the index, or %NULL when the file's
 *   sound is not one the index can serve (then the GStreamer demuxer reads
 *   it, and says what is wrong if anything is)
 */
CoMp4Index *
_co_mp4_index_open (const char  *path,
                    GArray     **frames)
{
  CoMp4Index *self = g_new0 (CoMp4Index, 1);
  GStatBuf st;
  gsize len = 0;
  gboolean ok;
  int fd = g_open (path, O_RDONLY, 0);

  if (frames != NULL)
    *frames = NULL;
  if (fd >= 0 && fstat (fd, &st) == 0)
    {
      self->file_size = (guint64) st.st_size;
      self->moov = read_top_box (fd, self->file_size, BOX ('m', 'o', 'o', 'v'), &len);
    }
  if (fd >= 0)
    close (fd);
  ok = self->moov != NULL && read_moov (self, len) && check_audio (self);
  if (ok && frames != NULL)
    {
      *frames = _co_mp4_index_video_frames (self);
      ok = !self->have_video || *frames != NULL;
    }
  if (!ok)
    {
      g_debug ("“%s” is left to the GStreamer demuxer", path);
      _co_mp4_index_free (self);
      return NULL;
    }
  return self;
}

void
_co_mp4_index_free (CoMp4Index *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->codec_data, g_bytes_unref);
  g_free (self->moov);
  g_free (self);
}
