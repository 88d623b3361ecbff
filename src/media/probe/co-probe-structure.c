/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-probe"

#include "config.h"

#include <errno.h>
#include <fcntl.h>

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-media-error.h"
#include "co-probe-private.h"

/*
 * A cut file is found from its container's own structure, cheaply and before
 * any GStreamer element reads it: every container the importer accepts says,
 * one way or another, where it ends.  ISO-BMFF (MP4, MOV, M4A), RIFF (WAV,
 * AVI) and EBML (Matroska, WebM) give the size of each element, so an element
 * that runs past the end of the file shows how much is missing, and so does
 * the byte count of an MP3's VBR header.  Ogg gives no total size, but its
 * last page must be whole and carry the end-of-stream flag; FLAC declares
 * its samples, which its last frame must reach.  Demuxers trust none of this (they play what is there, and the
 * duration of an Ogg file is read from its last page), so without these
 * checks a cut file looks like a short, whole one.
 */

/* The longest Ogg page: a header, 255 lacing values and 255 full segments. */
#define OGG_MAX_PAGE (27 + 255 + 255 * 255)
#define OGG_EOS_FLAG 0x04

static void
mark_cut (CoProbeStructure *out,
          gint64            claimed_end,
          gint64            size)
{
  out->cut = TRUE;
  out->missing_bytes = claimed_end - size;
}

/* ISO-BMFF -------------------------------------------------------------- */

/* Walks the top-level boxes.  Without a moov (or moof) box nothing can be
 * played; a box running past the end of the file means it was cut. */
static gboolean
check_iso_boxes (int                fd,
                 const char        *name,
                 gint64             size,
                 CoProbeStructure  *out,
                 GError           **error)
{
  gboolean have_moov = FALSE;
  gint64 offset = 0;
  guint8 box[16];

  while (offset + 8 <= size && _co_probe_read_at (fd, offset, box, 8))
    {
      gint64 box_size = _co_probe_be32 (box);

      if (box_size == 1 && _co_probe_read_at (fd, offset + 8, box + 8, 8))
        box_size = (gint64)MIN (_co_probe_be64 (box + 8), (guint64)G_MAXINT64);
      else if (box_size == 0)
        box_size = size - offset;
      if (box_size < 8)
        break;
      have_moov |= memcmp (box + 4, "moov", 4) == 0 || memcmp (box + 4, "moof", 4) == 0;
      /* Compared by subtraction: a crafted 64-bit size must not overflow. */
      if (box_size > size - offset)
        {
          mark_cut (out, offset + MIN (box_size, G_MAXINT64 - offset), size);
          break;
        }
      offset += box_size;
    }
  if (have_moov)
    return TRUE;
  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
               _("“%s” cannot be played: its index (the MP4 “moov” box) is missing, "
                 "as happens when a recording is interrupted"), name);
  return FALSE;
}

/* RIFF: WAV and AVI ------------------------------------------------------ */

/* The bytes per second of a WAV "fmt " chunk: its byte rate, or when a
 * writer left that at 0, the block size times the sample rate. */
static guint32
wav_byte_rate (int    fd,
               gint64 offset)
{
  guint8 fmt[14];
  guint64 computed;

  /* format (2 bytes), channels (2), sample rate (4), byte rate (4), block (2) */
  if (!_co_probe_read_at (fd, offset, fmt, sizeof fmt))
    return 0;
  if (_co_probe_le32 (fmt + 8) > 0)
    return _co_probe_le32 (fmt + 8);
  computed = (guint64)_co_probe_le16 (fmt + 12) * _co_probe_le32 (fmt + 4);
  return (guint32)MIN (computed, G_MAXUINT32);
}

static gboolean
wav_truncated_error (const char  *name,
                     guint32      byte_rate,
                     gint64       claimed,
                     gint64       held,
                     GError     **error)
{
  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED,
               _("“%s” is truncated: it holds %.1f s of the %.1f s its header claims"),
               name, (double)held / byte_rate, (double)claimed / byte_rate);
  return FALSE;
}

/* Reads every chunk of a WAV file: the size the data chunk declares must be
 * there, and so must every chunk after it (a LIST cut short after the data
 * makes GStreamer 1.22's wavparse push the same bytes for ever). */
static gboolean
check_wav_chunks (int          fd,
                  const char  *name,
                  gint64       size,
                  GError     **error)
{
  CoProbeStructure cut = { FALSE, 0, NULL };
  guint32 byte_rate = 0;
  gint64 offset = 12;
  guint8 chunk[8];

  while (offset + 8 <= size && _co_probe_read_at (fd, offset, chunk, 8))
    {
      guint32 chunk_size = _co_probe_le32 (chunk + 4);
      gint64 held = size - offset - 8;
      gboolean is_data = memcmp (chunk, "data", 4) == 0;

      if (memcmp (chunk, "fmt ", 4) == 0)
        byte_rate = wav_byte_rate (fd, offset + 8);
      /* Streaming writers leave 0 or 0xffffffff: the data runs to the end. */
      if (is_data && (chunk_size == 0 || chunk_size == G_MAXUINT32))
        return TRUE;
      if (chunk_size > held)
        {
          if (is_data && byte_rate > 0)
            return wav_truncated_error (name, byte_rate, chunk_size, held, error);
          mark_cut (&cut, offset + 8 + (gint64)chunk_size, size);
          return _co_probe_structure_error (name, &cut, error);
        }
      offset += 8 + (gint64)chunk_size + (chunk_size & 1);
    }
  return TRUE;
}

/* AVI files are one RIFF chunk, or several (OpenDML's "AVIX" after 1 GiB),
 * each with its size. */
static void
check_riff_chunks (int                fd,
                   gint64             size,
                   CoProbeStructure  *out)
{
  gint64 offset = 0;
  guint8 chunk[8];

  while (offset + 8 <= size && _co_probe_read_at (fd, offset, chunk, 8) &&
         memcmp (chunk, "RIFF", 4) == 0)
    {
      gint64 chunk_size = _co_probe_le32 (chunk + 4);

      /* 0 is what a writer leaves when it could not go back to fill it in. */
      if (chunk_size == 0)
        return;
      if (chunk_size > size - offset - 8)
        {
          mark_cut (out, offset + 8 + chunk_size, size);
          return;
        }
      offset += 8 + chunk_size + (chunk_size & 1);
    }
}

/* EBML: Matroska and WebM ----------------------------------------------- */

/* Reads a variable-length integer at @offset: its length is one more than
 * the number of leading zero bits of its first byte.  An element id keeps
 * its marker bit; a size drops it, and a size of all ones means unknown
 * (-1).  Returns the bytes used, or 0 when there is no valid number. */
static int
read_vint (int      fd,
           gint64   offset,
           gboolean keep_marker,
           gint64  *value)
{
  guint8 bytes[8];
  int len = 1;
  guint64 v, all_ones;

  if (!_co_probe_read_at (fd, offset, bytes, 1) || bytes[0] == 0)
    return 0;
  while (!(bytes[0] & (0x80 >> (len - 1))))
    len++;
  if (len > 1 && !_co_probe_read_at (fd, offset + 1, bytes + 1, len - 1))
    return 0;
  v = keep_marker ? bytes[0] : bytes[0] & (0xff >> len);
  all_ones = 0xff >> len;
  for (int i = 1; i < len; i++)
    {
      v = (v << 8) | bytes[i];
      all_ones = (all_ones << 8) | 0xff;
    }
  *value = !keep_marker && v == all_ones ? -1 : (gint64)MIN (v, (guint64)G_MAXINT64);
  return len;
}

/* Reads the element header at @offset: its id, the size of its content
 * (-1 when unknown) and where that content starts.  FALSE at a bad header. */
static gboolean
read_element (int     fd,
              gint64  offset,
              gint64 *id,
              gint64 *content_size,
              gint64 *content_start)
{
  int id_len = read_vint (fd, offset, TRUE, id);
  int size_len = id_len > 0 && id_len <= 4 ? read_vint (fd, offset + id_len, FALSE, content_size)
                                           : 0;

  *content_start = offset + id_len + size_len;
  return size_len > 0;
}

/* Walks the elements; one that runs past the end of the file shows the cut.
 * The walk stays at the top level (the EBML header, then one segment whose
 * size covers everything) unless a live recording left a segment or a
 * cluster of unknown size: then only its children can tell, and the walk
 * goes on through them, down to the last frame. */
static void
walk_ebml (int                fd,
           gint64             size,
           CoProbeStructure  *out)
{
  gint64 offset = 0, id, content_size, content_start;

  while (offset < size && read_element (fd, offset, &id, &content_size, &content_start))
    {
      if (content_size < 0)
        offset = content_start;
      else if (content_size > size - content_start)
        {
          mark_cut (out, content_start + content_size, size);
          return;
        }
      else
        offset = content_start + content_size;
    }
}

/* Ogg ------------------------------------------------------------------- */

/* The CRC of Ogg pages: polynomial 0x04c11db7, most significant bit first,
 * computed with the page's own CRC field read as zero. */
static guint32
ogg_crc (const guint8 *page,
         gsize         len)
{
  guint32 crc = 0;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= (guint32)(i >= 22 && i < 26 ? 0 : page[i]) << 24;
      for (int bit = 0; bit < 8; bit++)
        crc = (crc << 1) ^ (0x04c11db7u & (0u - (crc >> 31)));
    }
  return crc;
}

/* The length of the page at @p if its header is whole within @len, else 0. */
static gsize
ogg_page_length (const guint8 *p,
                 gsize         len)
{
  gsize total;

  if (len < 27 || memcmp (p, "OggS", 4) != 0 || p[4] != 0 || len < 27u + p[26])
    return 0;
  total = 27 + p[26];
  for (int i = 0; i < p[26]; i++)
    total += p[27 + i];
  return total;
}

/* The last page must end exactly at the end of the file (checked by its
 * CRC, since "OggS" may occur inside packet data) and close its stream. */
static void
check_ogg_tail (int                fd,
                gint64             size,
                CoProbeStructure  *out)
{
  gsize len = (gsize)MIN (size, (gint64)OGG_MAX_PAGE);
  g_autofree guint8 *tail = g_malloc (len);

  if (!_co_probe_read_at (fd, size - (gint64)len, tail, len))
    return;
  for (gssize i = (gssize)len - 27; i >= 0; i--)
    {
      gsize page = ogg_page_length (tail + i, len - (gsize)i);

      if (page > 0 && (gsize)i + page == len &&
          ogg_crc (tail + i, page) == _co_probe_le32 (tail + i + 22))
        {
          if (!(tail[i + 5] & OGG_EOS_FLAG))
            {
              out->cut = TRUE;
              out->reason = N_("its stream stops without the end-of-stream mark of a whole "
                               "Ogg file");
            }
          return;
        }
    }
  out->cut = TRUE;
  out->reason = N_("its last Ogg page is cut off");
}

/* MP3 ------------------------------------------------------------------- */

/* Where the Xing, Info or VBRI header of a first MPEG audio frame sits: after
 * the 4-byte frame header and the side information, whose size depends on
 * the MPEG version and on mono or stereo. */
static gint64
mpeg_tag_offset (const guint8 *frame,
                 gboolean      vbri)
{
  gboolean mpeg1 = ((frame[1] >> 3) & 3) == 3;
  gboolean mono = ((frame[3] >> 6) & 3) == 3;

  if (vbri)
    return 4 + 32;
  return 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
}

/* The bytes a VBR header says the stream holds from its first frame on, or 0
 * when it does not say (a plain CBR stream declares nothing). */
static gint64
mpeg_declared_bytes (int    fd,
                     gint64 frame_start)
{
  guint8 frame[4], tag[16];

  if (!_co_probe_read_at (fd, frame_start, frame, sizeof frame) || frame[0] != 0xff ||
      (frame[1] & 0xe0) != 0xe0)
    return 0;
  if (_co_probe_read_at (fd, frame_start + mpeg_tag_offset (frame, FALSE), tag, 16) &&
      (memcmp (tag, "Xing", 4) == 0 || memcmp (tag, "Info", 4) == 0))
    {
      guint32 flags = _co_probe_be32 (tag + 4);

      /* Flag 1: a frame count comes first; flag 2: the byte count. */
      if (!(flags & 2))
        return 0;
      return _co_probe_be32 (tag + ((flags & 1) ? 12 : 8));
    }
  if (_co_probe_read_at (fd, frame_start + mpeg_tag_offset (frame, TRUE), tag, 16) &&
      memcmp (tag, "VBRI", 4) == 0)
    return _co_probe_be32 (tag + 10);
  return 0;
}

/* An ID3v2 tag before the first frame: "ID3", version, flags, then its
 * size as four 7-bit bytes (plus a 10-byte footer when flagged). */
static gint64
id3v2_length (int fd)
{
  guint8 head[10];

  if (!_co_probe_read_at (fd, 0, head, sizeof head) || memcmp (head, "ID3", 3) != 0 ||
      ((head[6] | head[7] | head[8] | head[9]) & 0x80))
    return 0;
  return 10 + ((head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]) +
         ((head[5] & 0x10) ? 10 : 0);
}

/* Bytes the VBR header declares, against the bytes after the first frame;
 * a kilobyte of slack covers how encoders count their own header. */
static void
check_mpeg_audio (int                fd,
                  gint64             size,
                  CoProbeStructure  *out)
{
  gint64 start = id3v2_length (fd);
  gint64 declared = mpeg_declared_bytes (fd, start);

  if (declared > 0 && declared > size - start + 1024)
    mark_cut (out, start + declared, size);
}

/* FLAC ------------------------------------------------------------------ */

static guint8
flac_crc8 (const guint8 *data,
           gsize         len)
{
  guint8 crc = 0;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int bit = 0; bit < 8; bit++)
        crc = (guint8)((crc << 1) ^ ((crc & 0x80) ? 0x07 : 0));
    }
  return crc;
}

/* The samples in a frame, from its block size code, or 0 if invalid. */
static gint64
flac_block_size (const guint8 *header,
                 gsize        *pos)
{
  int code = header[2] >> 4;

  if (code == 1)
    return 192;
  if (code >= 2 && code <= 5)
    return 576 << (code - 2);
  if (code >= 8)
    return 256 << (code - 8);
  if (code == 6)
    return header[(*pos)++] + 1;
  if (code == 7)
    {
      *pos += 2;
      return ((header[*pos - 2] << 8) | header[*pos - 1]) + 1;
    }
  return 0;
}

/* Reads the frame header at @h (at most 16 bytes are there) and gives the
 * sample at which the frame ends, or -1 when this is no valid header. */
static gint64
flac_frame_end (const guint8 *h,
                gint64        fixed_block)
{
  gint64 number, block;
  gsize pos = 4;
  int extra = 0, rate_code = h[2] & 0x0f;

  if (h[0] != 0xff || (h[1] & 0xfe) != 0xf8 || (h[3] & 1) || (h[3] >> 4) > 10 ||
      rate_code == 15 || (h[2] >> 4) == 0)
    return -1;
  /* The frame or sample number, coded like UTF-8 (up to 7 bytes). */
  while (extra < 7 && (h[4] & (0x80 >> extra)))
    extra++;
  if (extra == 1 || extra == 7)
    return -1;
  number = extra == 0 ? h[4] : h[4] & (0x3f >> (extra - 1));
  for (pos = 5; pos < (gsize)(4 + MAX (extra, 1)); pos++)
    {
      if ((h[pos] & 0xc0) != 0x80)
        return -1;
      number = (number << 6) | (h[pos] & 0x3f);
    }
  block = flac_block_size (h, &pos);
  pos += rate_code == 12 ? 1 : rate_code == 13 || rate_code == 14 ? 2 : 0;
  if (block == 0 || flac_crc8 (h, pos) != h[pos])
    return -1;
  return ((h[1] & 1) ? number : number * fixed_block) + block;
}

/* STREAMINFO (the first metadata block, 34 bytes after its 4-byte header)
 * gives the fixed block size and the total of samples, 0 when unknown. */
static gboolean
flac_stream_info (int     fd,
                  gint64 *fixed_block,
                  gint64 *total)
{
  guint8 info[4 + 4 + 34];

  if (!_co_probe_read_at (fd, 0, info, sizeof info) || (info[4] & 0x7f) != 0)
    return FALSE;
  *fixed_block = (info[10] << 8) | info[11];
  *total = ((gint64)(info[21] & 0x0f) << 32) | _co_probe_be32 (info + 22);
  return *total > 0 && *fixed_block > 0;
}

/* The last frame header in the file says where the samples stop: they must
 * reach the total that STREAMINFO declares.  Compressed data can look like
 * a header, so only one whose CRC holds and that ends within the total
 * counts. */
static void
check_flac_tail (int                fd,
                 gint64             size,
                 CoProbeStructure  *out)
{
  gsize len = (gsize)MIN (size, (gint64)(256 * 1024));
  g_autofree guint8 *tail = g_malloc0 (len + 16);
  gint64 fixed_block, total, end = -1;

  if (!flac_stream_info (fd, &fixed_block, &total) ||
      !_co_probe_read_at (fd, size - (gint64)len, tail, len))
    return;
  for (gssize i = (gssize)len - 6; i >= 0 && (end < 0 || end > total); i--)
    end = tail[i] == 0xff ? flac_frame_end (tail + i, fixed_block) : -1;
  if (end > 0 && end < total)
    {
      out->cut = TRUE;
      out->reason = N_("its last FLAC frame ends before the samples its header declares");
    }
}

/* Codec headers ---------------------------------------------------------- */

/* GStreamer 1.22's audio decoders take a Vorbis or Opus stream of no
 * channels, of more than 64 or of no sample rate, and then divide by the
 * size of a frame of it, which is 0: the process dies of SIGFPE.  Such a
 * header is refused before any decoder sees it.  The headers are looked for
 * by their signatures near the start, inside any container (Ogg pages,
 * Matroska's CodecPrivate). */
#define CODEC_SCAN_SIZE (64 * 1024)
#define MAX_CHANNELS 64

static gboolean
sound_format_error (const char  *name,
                    const char  *codec,
                    guint        channels,
                    guint32      rate,
                    GError     **error)
{
  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
               _("“%s” has a %s sound track of %u channels at %u Hz, which cannot be played "
                 "(at most %d channels)"), name, codec, channels, rate, MAX_CHANNELS);
  return FALSE;
}

static gboolean
check_sound_header (const guint8 *p,
                    gsize         left,
                    const char   *name,
                    GError      **error)
{
  guint channels;
  guint32 rate;

  /* Vorbis identification: 1, "vorbis", version (4), channels (1), rate (4). */
  if (left >= 16 && memcmp (p, "\x01vorbis", 7) == 0)
    {
      channels = p[11];
      rate = _co_probe_le32 (p + 12);
      if (channels == 0 || channels > MAX_CHANNELS || rate == 0)
        return sound_format_error (name, "Vorbis", channels, rate, error);
    }
  /* OpusHead: version (1), channels (1), pre-skip (2), input rate (4). */
  if (left >= 16 && memcmp (p, "OpusHead", 8) == 0)
    {
      channels = p[9];
      if (channels == 0 || channels > MAX_CHANNELS)
        return sound_format_error (name, "Opus", channels, _co_probe_le32 (p + 12), error);
    }
  return TRUE;
}

static gboolean
check_codec_headers (int          fd,
                     const char  *name,
                     gint64       size,
                     GError     **error)
{
  gsize len = (gsize)MIN (size, (gint64)CODEC_SCAN_SIZE);
  g_autofree guint8 *head = g_malloc (len);

  if (!_co_probe_read_at (fd, 0, head, len))
    return TRUE;
  for (gsize i = 0; i < len; i++)
    {
      if ((head[i] == 0x01 || head[i] == 'O') &&
          !check_sound_header (head + i, len - i, name, error))
        return FALSE;
    }
  return TRUE;
}

/* Layer-private ---------------------------------------------------------- */

/**
 * _co_probe_check_structure:
 * @path: an audio or video file
 * @name: how error messages name it
 * @mime: its type, as sniffed from its content
 * @size: its size in bytes
 * @out: (out caller-allocates): what the structure says
 * @error: return location for a #GError
 *
 * Reads the container's structure (never its media data) and reports in
 * @out whether the file was cut, leaving to the caller whether a comparison
 * of durations should speak first.  A missing MP4 index, and a WAV file
 * whose data chunk claims more than it holds, fail at once, and so does a
 * sound codec header GStreamer cannot decode safely.
 *
 * Returns: %TRUE, or %FALSE with %CO_MEDIA_ERROR_UNREADABLE,
 *   %CO_MEDIA_ERROR_CORRUPT, %CO_MEDIA_ERROR_TRUNCATED or
 *   %CO_MEDIA_ERROR_UNSUPPORTED
 */
gboolean
_co_probe_check_structure (const char        *path,
                           const char        *name,
                           const char        *mime,
                           gint64             size,
                           CoProbeStructure  *out,
                           GError           **error)
{
  gboolean ok = TRUE;
  int fd;

  memset (out, 0, sizeof *out);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (!check_codec_headers (fd, name, size, error))
    ok = FALSE;
  else if (g_str_equal (mime, "audio/x-wav"))
    ok = check_wav_chunks (fd, name, size, error);
  else if (g_str_equal (mime, "video/mp4") || g_str_equal (mime, "video/quicktime") ||
           g_str_equal (mime, "audio/mp4"))
    ok = check_iso_boxes (fd, name, size, out, error);
  else if (g_str_equal (mime, "video/x-msvideo"))
    check_riff_chunks (fd, size, out);
  else if (g_str_equal (mime, "video/webm") || g_str_equal (mime, "video/x-matroska"))
    walk_ebml (fd, size, out);
  else if (g_str_equal (mime, "audio/ogg"))
    check_ogg_tail (fd, size, out);
  else if (g_str_equal (mime, "audio/mpeg"))
    check_mpeg_audio (fd, size, out);
  else if (g_str_equal (mime, "audio/flac"))
    check_flac_tail (fd, size, out);
  close (fd);
  return ok;
}

/**
 * _co_probe_structure_error:
 * @name: how the message names the file
 * @structure: a structure that shows a cut
 * @error: return location for a #GError
 *
 * Returns: %FALSE, with %CO_MEDIA_ERROR_TRUNCATED saying how much is missing
 *   or why the file looks cut
 */
gboolean
_co_probe_structure_error (const char              *name,
                           const CoProbeStructure  *structure,
                           GError                 **error)
{
  g_autofree char *missing = NULL;

  if (structure->reason != NULL)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED, _("“%s” is truncated: %s"),
                   name, _(structure->reason));
      return FALSE;
    }
  missing = g_format_size ((guint64)MAX (structure->missing_bytes, 0));
  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED,
               _("“%s” is truncated: its media data ends %s before its header says"),
               name, missing);
  return FALSE;
}

/**
 * _co_probe_check_wav:
 * @path: a file that _co_probe_check_file() accepted
 * @name: how error messages name the file
 * @size: its size in bytes
 * @error: return location for a #GError
 *
 * GStreamer's wavparse trusts the file size over the RIFF header, so a WAV
 * file cut short decodes "successfully".  When @path is a WAV file, this
 * compares the size its data chunk declares with the bytes that follow it.
 * Any file is also refused when a sound codec header near its start would
 * crash GStreamer's decoders (see check_codec_headers()).
 *
 * Returns: %TRUE, or %FALSE with %CO_MEDIA_ERROR_TRUNCATED or
 *   %CO_MEDIA_ERROR_UNSUPPORTED
 */
gboolean
_co_probe_check_wav (const char  *path,
                     const char  *name,
                     gint64       size,
                     GError     **error)
{
  guint8 head[12];
  gboolean ok = TRUE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  /* An unreadable file is left for the caller's decoder to report. */
  if (fd < 0)
    return TRUE;
  if (!check_codec_headers (fd, name, size, error))
    ok = FALSE;
  else if (_co_probe_read_at (fd, 0, head, sizeof head) && memcmp (head, "RIFF", 4) == 0 &&
           memcmp (head + 8, "WAVE", 4) == 0)
    ok = check_wav_chunks (fd, name, size, error);
  close (fd);
  return ok;
}
