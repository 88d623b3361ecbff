/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pocketsphinx.h>
#include <sphinxbase/err.h>

#include "co-media-error.h"
#include "co-pocketsphinx-private.h"
#include "co-speech-error.h"
#include "co-speech-pocketsphinx.h"

/* Plausibility bounds for counts read from model headers: far above any real
 * model, far below what would make the size arithmetic overflow. */
#define MAX_COUNT (1 << 26)

struct _CoSpeechPocketsphinx
{
  GObject   parent_instance;

  char     *acoustic_model;
  char     *language_model;
  char     *dictionary;

  GMutex    lock;
  gboolean  checked;
};

static void engine_iface_init (CoSpeechEngineInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoSpeechPocketsphinx, co_speech_pocketsphinx, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_SPEECH_ENGINE, engine_iface_init))

enum {
  PROP_0,
  PROP_ACOUSTIC_MODEL,
  PROP_LANGUAGE_MODEL,
  PROP_DICTIONARY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* One decoder.  Private: callers see only CoSpeechSession. */
#define CO_TYPE_POCKETSPHINX_SESSION (co_pocketsphinx_session_get_type ())
G_DECLARE_FINAL_TYPE (CoPocketsphinxSession, co_pocketsphinx_session, CO, POCKETSPHINX_SESSION,
                      GObject)

struct _CoPocketsphinxSession
{
  GObject       parent_instance;

  ps_decoder_t *decoder;
  int           frame_rate;
};

static void session_iface_init (CoSpeechSessionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoPocketsphinxSession, co_pocketsphinx_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_SPEECH_SESSION, session_iface_init))

/* PocketSphinx reports through a process-wide log callback.  Its chatter is
 * dropped; the first error of each thread is kept so that a failed load can
 * be turned into a GError with PocketSphinx's own reason. */
static GPrivate last_log_error = G_PRIVATE_INIT (g_free);

static void
log_cb (void       *user_data,
        err_lvl_t   level,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  const char *text, *location;
  va_list args;

  if (level < ERR_ERROR || g_private_get (&last_log_error) != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Drop the location header: ERROR: "file.c", line 12: message */
  text = message;
  if ((location = strstr (message, "\", line ")) != NULL &&
      (location = strstr (location, ": ")) != NULL)
    text = location + 2;
  text = g_strstrip ((char *) text);
  if (*text != '\0')
    g_private_set (&last_log_error, g_strdup (text));
}

static void
ensure_logging (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      err_set_logfp (NULL);
      err_set_callback (log_cb, NULL);
      g_once_init_leave (&done, 1);
    }
}

static void
log_error_reset (void)
{
  g_private_replace (&last_log_error, NULL);
}

static char *
log_error_take (void)
{
  char *message = g_strdup (g_private_get (&last_log_error));

  g_private_replace (&last_log_error, NULL);
  return message;
}

/* Model file checks.  PocketSphinx exits the process or crashes on some
 * truncated model files instead of failing, so every file it will read is
 * opened, and the binary ones have their sizes checked against their own
 * headers, before a decoder is made. */

static gboolean
set_model_error (GError    **error,
                 const char *path,
                 const char *reason)
{
  g_set_error (error, CO_SPEECH_ERROR, CO_SPEECH_ERROR_MODEL,
               _("Speech model file “%s” %s"), path, reason);
  return FALSE;
}

/* Reads up to @max bytes (all when 0) of a model file that must be a
 * non-empty regular file. */
static GBytes *
read_model_file (const char  *path,
                 gsize        max,
                 goffset     *out_size,
                 GError     **error)
{
  g_autofree char *reason = NULL;
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize want, got = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        set_model_error (error, path, _("is missing"));
      else
        {
          reason = g_strdup_printf (_("cannot be read: %s"), g_strerror (saved));
          set_model_error (error, path, reason);
        }
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      set_model_error (error, path, _("is not a regular file"));
      return NULL;
    }
  if (st.st_size == 0)
    {
      close (fd);
      set_model_error (error, path, _("is empty"));
      return NULL;
    }

  want = max > 0 ? MIN ((gsize) st.st_size, max) : (gsize) st.st_size;
  data = g_malloc (want);
  while (got < want)
    {
      gssize n = read (fd, data + got, want - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
    }
  close (fd);
  if (got < want)
    {
      set_model_error (error, path, _("cannot be read: input/output error"));
      return NULL;
    }

  *out_size = st.st_size;
  return g_bytes_new_take (g_steal_pointer (&data), want);
}

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gboolean      swap;
} Reader;

static gboolean
reader_i32 (Reader *r,
            gint32 *out)
{
  guint32 v;

  if (r->len - r->pos < 4 || r->pos > r->len)
    return FALSE;
  memcpy (&v, r->data + r->pos, 4);
  r->pos += 4;
  *out = (gint32) (r->swap ? GUINT32_SWAP_LE_BE (v) : v);
  return TRUE;
}

static gboolean
count_ok (gint32 n)
{
  return n >= 0 && n < MAX_COUNT;
}

/* A SphinxTrain binary file: "s3" header lines up to "endhdr", a byte-order
 * word, @n_dims dimensions (gaussians also list one vector length per
 * stream), an element count, the floats and an optional checksum. */
static gboolean
check_s3_file (const char *path,
               gboolean    gaussians,
               GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *text, *end;
  goffset size;
  Reader r = { 0 };
  gint32 magic, dims[3], n, product;
  gboolean checksum;

  if (!(bytes = read_model_file (path, 0, &size, error)))
    return FALSE;
  r.data = g_bytes_get_data (bytes, &r.len);
  text = (const char *) r.data;
  end = g_strstr_len (text, MIN (r.len, 4096), "endhdr\n");
  if (r.len < 3 || memcmp (text, "s3\n", 3) != 0 || end == NULL)
    return set_model_error (error, path, _("is corrupt: it has no SphinxTrain header"));
  checksum = g_strstr_len (text, end - text, "chksum0") != NULL;
  r.pos = end - text + strlen ("endhdr\n");
  if (!reader_i32 (&r, &magic))
    return set_model_error (error, path, _("is truncated"));
  if ((guint32) magic != 0x11223344u)
    {
      if (GUINT32_SWAP_LE_BE ((guint32) magic) != 0x11223344u)
        return set_model_error (error, path, _("is corrupt: bad byte-order mark"));
      r.swap = TRUE;
    }

  for (int i = 0; i < 3; i++)
    if (!reader_i32 (&r, &dims[i]) || !count_ok (dims[i]))
      return set_model_error (error, path, _("is corrupt: bad dimensions"));
  product = dims[0] * (gaussians ? dims[2] : dims[1] * dims[2]);
  if (gaussians)
    {
      gint32 veclen, total = 0;

      for (int i = 0; i < dims[1]; i++)
        {
          if (!reader_i32 (&r, &veclen) || !count_ok (veclen))
            return set_model_error (error, path, _("is corrupt: bad vector length"));
          total += veclen;
        }
      product = (gint64) product * total > MAX_COUNT ? -1 : product * total;
    }
  if (!reader_i32 (&r, &n) || n != product)
    return set_model_error (error, path, _("is corrupt: its size fields disagree"));
  if ((gint64) size < (gint64) r.pos + 4 * (gint64) n + (checksum ? 4 : 0))
    return set_model_error (error, path, _("is truncated"));
  return TRUE;
}

/* PocketSphinx's own binary model definition ("BMDF"); the text form
 * ("0.3" first) is parsed carefully by PocketSphinx itself. */
static gboolean
check_mdef (const char *path,
            gint32     *out_n_sen,
            GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  goffset size;
  Reader r = { 0 };
  gint32 magic, version, skip, h[10];
  gsize pos;

  if (!(bytes = read_model_file (path, 0, &size, error)))
    return FALSE;
  r.data = g_bytes_get_data (bytes, &r.len);
  *out_n_sen = -1;
  if (r.len >= 4 && memcmp (r.data, "0.3", 3) == 0)
    return TRUE;
  if (!reader_i32 (&r, &magic) || (magic != 0x46444d42 && magic != 0x424d4446))
    return set_model_error (error, path, _("is corrupt: it is not a model definition"));
  r.swap = magic == 0x424d4446;
  if (!reader_i32 (&r, &version) || !reader_i32 (&r, &skip) || !count_ok (skip))
    return set_model_error (error, path, _("is truncated"));
  r.pos += skip;
  for (int i = 0; i < 10; i++)
    if (!reader_i32 (&r, &h[i]) || (i < 9 && !count_ok (h[i])))
      return set_model_error (error, path, _("is truncated"));

  /* Phone names (NUL-terminated), padding, CD tree, phones, senone
   * sequences: the layout bin_mdef_read() carves the file into. */
  pos = r.pos;
  for (int i = 0; i < h[0]; i++)
    {
      const void *nul = pos < r.len ? memchr (r.data + pos, '\0', r.len - pos) : NULL;

      if (nul == NULL)
        return set_model_error (error, path, _("is truncated"));
      pos = (const guint8 *) nul - r.data + 1;
    }
  r.pos = ((pos + 3) & ~(gsize) 3) + 8 * (gsize) h[8] + 12 * (gsize) h[1];
  if (!reader_i32 (&r, &skip) || !count_ok (skip))
    return set_model_error (error, path, _("is truncated"));
  if ((gsize) size < r.pos + 2 * (gsize) skip + (h[2] == 0 ? (gsize) h[6] : 0))
    return set_model_error (error, path, _("is truncated"));
  *out_n_sen = h[4];
  return TRUE;
}

/* Reads the header strings of a senone dump and checks that the file holds
 * as many mixture weights as they announce. */
static gboolean
check_sendump (const char *path,
               gint32      n_sen,
               GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  goffset size;
  Reader r = { 0 };
  gint32 n, n_feat = 1, n_density = 256, n_clust = 0, bits = 8, rows, cols;
  gint64 need;

  if (!(bytes = read_model_file (path, 0, &size, error)))
    return FALSE;
  r.data = g_bytes_get_data (bytes, &r.len);
  if (!reader_i32 (&r, &n))
    return set_model_error (error, path, _("is truncated"));
  if (n < 1 || n > 999)
    {
      r.swap = TRUE;
      n = GUINT32_SWAP_LE_BE ((guint32) n);
      if (n < 1 || n > 999)
        return set_model_error (error, path, _("is corrupt: it is not a senone dump"));
    }
  r.pos -= 4;
  while (reader_i32 (&r, &n) && n != 0)
    {
      g_autofree char *line = NULL;

      if (n < 0 || (gsize) n > r.len - r.pos)
        return set_model_error (error, path, _("is truncated"));
      line = g_strndup ((const char *) r.data + r.pos, n);
      if (g_str_has_prefix (line, "feature_count "))
        n_feat = atoi (line + 14);
      else if (g_str_has_prefix (line, "mixture_count "))
        n_density = atoi (line + 14);
      else if (g_str_has_prefix (line, "model_count "))
        n_sen = atoi (line + 12);
      else if (g_str_has_prefix (line, "cluster_count "))
        n_clust = atoi (line + 14);
      else if (g_str_has_prefix (line, "cluster_bits "))
        bits = atoi (line + 13);
      r.pos += n;
    }
  if (n != 0)
    return set_model_error (error, path, _("is truncated"));

  rows = n_density;
  cols = n_sen;
  if (n_clust == 0 && (!reader_i32 (&r, &rows) || !reader_i32 (&r, &cols)))
    return set_model_error (error, path, _("is truncated"));
  if (!count_ok (rows) || !count_ok (cols) || cols < 0 || !count_ok (n_feat) ||
      (bits != 4 && bits != 8))
    return set_model_error (error, path, _("is corrupt: bad dimensions"));
  need = r.pos + (n_clust == 15 ? 16 : n_clust) +
         (gint64) n_feat * rows * (bits == 4 ? (cols + 1) / 2 : cols);
  if ((gint64) size < need)
    return set_model_error (error, path, _("is truncated"));
  return TRUE;
}

/* The dictionary and noise dictionary: one word per line, followed by its
 * phones.  PocketSphinx skips bad lines with a warning and then fails to
 * recognise anything, so a bad line is reported here. */
static gboolean
check_lexicon (const char *path,
               GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *reason = NULL;
  const char *p, *end;
  goffset size;
  gsize len;
  int line = 0, entries = 0;

  if (!(bytes = read_model_file (path, 0, &size, error)))
    return FALSE;
  p = g_bytes_get_data (bytes, &len);
  end = p + len;
  if (memchr (p, '\0', len) != NULL)
    return set_model_error (error, path, _("is corrupt: it is not a text file"));

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      g_autofree char *text = g_strndup (p, (eol ? eol : end) - p);
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (text), " \t", 2);

      line++;
      p = eol ? eol + 1 : end;
      if (fields[0] == NULL || *fields[0] == '\0')
        continue;
      if (fields[1] == NULL || *g_strchug (fields[1]) == '\0')
        {
          reason = g_strdup_printf (_("is corrupt: line %d has no pronunciation"), line);
          return set_model_error (error, path, reason);
        }
      entries++;
    }
  if (entries == 0)
    return set_model_error (error, path, _("is empty"));
  return TRUE;
}

static gboolean
check_feat_params (const char *path,
                   GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  goffset size;
  gsize len;
  const char *data;

  if (!(bytes = read_model_file (path, 0, &size, error)))
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (memchr (data, '\0', len) != NULL)
    return set_model_error (error, path, _("is corrupt: it is not a text file"));
  text = g_strndup (data, len);
  lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0' && (lines[i][0] != '-' || strpbrk (lines[i], " \t") == NULL))
        {
          g_autofree char *reason =
            g_strdup_printf (_("is corrupt: line %d is not an “-option value” pair"), i + 1);
          return set_model_error (error, path, reason);
        }
    }
  return TRUE;
}

/* PocketSphinx reads binary trie models ("Trie Language Model"), old DMP
 * dumps ("Darpa Trigram LM") and ARPA text ("\data\").  Deeper damage is
 * reported by PocketSphinx while loading, which fails cleanly on it. */
static gboolean
check_language_model (const char *path,
                      GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  goffset size;
  gsize len;

  if (!(bytes = read_model_file (path, 65536, &size, error)))
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (len >= 19 && memcmp (data, "Trie Language Model", 19) == 0)
    return TRUE;
  if (len >= 20 && memcmp (data + 4, "Darpa Trigram LM", 16) == 0)
    return TRUE;
  if (memchr (data, '\0', len) == NULL && g_strstr_len (data, len, "\\data\\") != NULL)
    return TRUE;
  return set_model_error (error, path, _("is corrupt: it is not a language model"));
}

static gboolean
check_acoustic_model (const char *dir,
                      GError    **error)
{
  static const char * const gaussian_files[] = { "means", "variances" };
  g_autofree char *mdef = g_build_filename (dir, "mdef", NULL);
  g_autofree char *tmat = g_build_filename (dir, "transition_matrices", NULL);
  g_autofree char *sendump = g_build_filename (dir, "sendump", NULL);
  g_autofree char *mixw = g_build_filename (dir, "mixture_weights", NULL);
  g_autofree char *feat = g_build_filename (dir, "feat.params", NULL);
  g_autofree char *noise = g_build_filename (dir, "noisedict", NULL);
  gint32 n_sen;

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    return set_model_error (error, dir, _("is missing"));
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return set_model_error (error, dir, _("is not a folder"));
  if (!check_mdef (mdef, &n_sen, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (gaussian_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, gaussian_files[i], NULL);

      if (!check_s3_file (path, TRUE, error))
        return FALSE;
    }
  if (!check_s3_file (tmat, FALSE, error))
    return FALSE;
  /* PocketSphinx prefers the compact senone dump when there is one. */
  if (g_file_test (sendump, G_FILE_TEST_EXISTS) || !g_file_test (mixw, G_FILE_TEST_EXISTS))
    {
      if (!check_sendump (sendump, n_sen, error))
        return FALSE;
    }
  else if (!check_s3_file (mixw, FALSE, error))
    return FALSE;
  if (g_file_test (feat, G_FILE_TEST_EXISTS) && !check_feat_params (feat, error))
    return FALSE;
  return check_lexicon (noise, error);
}

/* Session */

static void
co_pocketsphinx_session_finalize (GObject *object)
{
  CoPocketsphinxSession *self = CO_POCKETSPHINX_SESSION (object);

  g_clear_pointer (&self->decoder, ps_free);

  G_OBJECT_CLASS (co_pocketsphinx_session_parent_class)->finalize (object);
}

static void
co_pocketsphinx_session_class_init (CoPocketsphinxSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_pocketsphinx_session_finalize;
}

static void
co_pocketsphinx_session_init (CoPocketsphinxSession *self)
{
}

/* Filler entries (<s>, <sil>, [NOISE]…) are not words; alternative
 * pronunciations carry a "(2)" suffix that is not part of the word. */
static char *
clean_word (const char *word)
{
  const char *paren;

  if (word == NULL || strchr ("<[+", word[0]) != NULL)
    return NULL;
  paren = strchr (word, '(');
  return g_strndup (word, paren && paren != word ? (gsize) (paren - word) : strlen (word));
}

/* The best path's words.  Walking it computes the lattice's posteriors,
 * which the confidence of each word sums (co-pocketsphinx-confidence.c). */
static void
collect_words (CoPocketsphinxSession *self,
               double                 offset,
               GPtrArray             *out_words)
{
  ps_seg_t *seg = ps_seg_iter (self->decoder);
  ps_lattice_t *dag = ps_get_lattice (self->decoder);

  for (; seg != NULL; seg = ps_seg_next (seg))
    {
      g_autofree char *text = clean_word (ps_seg_word (seg));
      int start_frame, end_frame;
      double confidence;

      if (text == NULL)
        continue;
      ps_seg_frames (seg, &start_frame, &end_frame);
      confidence = dag != NULL
                     ? _co_pocketsphinx_word_confidence (dag, text, start_frame, end_frame)
                     : 0.0;
      g_ptr_array_add (out_words,
                       co_speech_word_new (text,
                                           offset + (double) start_frame / self->frame_rate,
                                           offset + (double) (end_frame + 1) / self->frame_rate,
                                           confidence));
    }
}

static gboolean
decode_failed (GError **error)
{
  g_autofree char *reason = log_error_take ();

  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
               _("Speech recognition failed: %s"), reason ? reason : _("unknown error"));
  return FALSE;
}

/* Digital silence (runs of exact zeros) throws PocketSphinx's noise
 * estimate off and costs many words; real microphones never produce it.
 * Add noise of about one least significant bit, from a generator seeded
 * the same way for every call so that the words stay reproducible. */
static gint16 *
dither (const gint16 *samples,
        gsize         n_samples)
{
  gint16 *out = g_new (gint16, MAX (n_samples, 1));
  guint32 state = 0x9e3779b9u;

  for (gsize i = 0; i < n_samples; i++)
    {
      int noisy;

      state = state * 1664525u + 1013904223u;
      /* Triangular: -1, 0 or +1, averaging zero. */
      noisy = samples[i] + (int) (state >> 31) - (int) ((state >> 30) & 1);
      out[i] = CLAMP (noisy, G_MININT16, G_MAXINT16);
    }
  return out;
}

static gboolean
session_transcribe (CoSpeechSession *session,
                    const gint16    *samples,
                    gsize            n_samples,
                    int              rate,
                    double           offset,
                    GPtrArray       *out_words,
                    GCancellable    *cancellable,
                    GError         **error)
{
  CoPocketsphinxSession *self = CO_POCKETSPHINX_SESSION (session);
  g_autofree gint16 *dithered = NULL;

  if (rate != 16000)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
                   _("PocketSphinx needs 16000 Hz audio, not %d Hz"), rate);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* The decoder must not carry anything from one stretch to the next, or
   * the words would depend on which thread decoded what before: a new
   * stream resets the noise estimate, and the whole stretch goes in as one
   * utterance so the cepstral mean is taken over exactly this audio (the
   * model asks for batch normalisation). */
  log_error_reset ();
  ps_start_stream (self->decoder);
  if (ps_start_utt (self->decoder) < 0)
    return decode_failed (error);
  dithered = dither (samples, n_samples);
  if (ps_process_raw (self->decoder, dithered, n_samples, FALSE, TRUE) < 0)
    {
      ps_end_utt (self->decoder);
      return decode_failed (error);
    }
  if (ps_end_utt (self->decoder) < 0)
    return decode_failed (error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  collect_words (self, offset, out_words);
  return TRUE;
}

static void
session_iface_init (CoSpeechSessionInterface *iface)
{
  iface->transcribe = session_transcribe;
}

/* Engine */

static gboolean
engine_check (CoSpeechEngine *engine,
              GError        **error)
{
  CoSpeechPocketsphinx *self = CO_SPEECH_POCKETSPHINX (engine);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->checked)
    return TRUE;
  if (!check_acoustic_model (self->acoustic_model, error) ||
      !check_language_model (self->language_model, error) ||
      !check_lexicon (self->dictionary, error))
    return FALSE;
  self->checked = TRUE;
  return TRUE;
}

static CoSpeechSession *
engine_new_session (CoSpeechEngine *engine,
                    GError        **error)
{
  CoSpeechPocketsphinx *self = CO_SPEECH_POCKETSPHINX (engine);
  g_autoptr(CoPocketsphinxSession) session = NULL;
  g_autofree char *reason = NULL;
  cmd_ln_t *config;

  if (!engine_check (engine, error))
    return NULL;

  ensure_logging ();
  log_error_reset ();
  config = cmd_ln_init (NULL, ps_args (), TRUE,
                        "-hmm", self->acoustic_model,
                        "-lm", self->language_model,
                        "-dict", self->dictionary,
                        /* Dropping silent frames would shift the word
                         * times; the transcriber already cut the silences. */
                        "-remove_silence", "no",
                        /* The second, flat-lexicon pass costs a fifth of
                         * the time and gained no words in our benchmark. */
                        "-fwdflat", "no",
                        /* Live normalisation carries the cepstral mean from
                         * one utterance to the next, so a segment's words
                         * depended on which segment the same decoder had
                         * before; each segment is a whole utterance, so its
                         * own mean can be used. */
                        "-cmn", "batch",
                        NULL);
  session = g_object_new (CO_TYPE_POCKETSPHINX_SESSION, NULL);
  if (config != NULL)
    {
      session->decoder = ps_init (config);
      session->frame_rate = cmd_ln_int32_r (config, "-frate");
      cmd_ln_free_r (config);
    }

  /* PocketSphinx logs some damage (a short word list in the language
   * model, for instance) as an error and carries on; any error while
   * loading means the model cannot be trusted. */
  reason = log_error_take ();
  if (session->decoder == NULL || reason != NULL)
    {
      g_set_error (error, CO_SPEECH_ERROR, CO_SPEECH_ERROR_MODEL,
                   _("Cannot load the speech model (“%s”, “%s”, “%s”): %s"),
                   self->acoustic_model, self->language_model, self->dictionary,
                   reason ? reason : _("unknown error"));
      return NULL;
    }
  return CO_SPEECH_SESSION (g_steal_pointer (&session));
}

static void
engine_iface_init (CoSpeechEngineInterface *iface)
{
  iface->check = engine_check;
  iface->new_session = engine_new_session;
}

static char *
default_model_path (const char *leaf)
{
  const char *dir = g_getenv ("CREATOROPS_SPEECH_MODEL_DIR");

  if (dir == NULL || *dir == '\0')
    dir = CO_SPEECH_POCKETSPHINX_DEFAULT_MODEL_DIR;
  return g_build_filename (dir, leaf, NULL);
}

static void
co_speech_pocketsphinx_constructed (GObject *object)
{
  CoSpeechPocketsphinx *self = CO_SPEECH_POCKETSPHINX (object);

  G_OBJECT_CLASS (co_speech_pocketsphinx_parent_class)->constructed (object);

  if (self->acoustic_model == NULL)
    self->acoustic_model = default_model_path ("en-us");
  if (self->language_model == NULL)
    self->language_model = default_model_path ("en-us.lm.bin");
  if (self->dictionary == NULL)
    self->dictionary = default_model_path ("cmudict-en-us.dict");
}

static void
co_speech_pocketsphinx_finalize (GObject *object)
{
  CoSpeechPocketsphinx *self = CO_SPEECH_POCKETSPHINX (object);

  g_free (self->acoustic_model);
  g_free (self->language_model);
  g_free (self->dictionary);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (co_speech_pocketsphinx_parent_class)->finalize (object);
}

static void
co_speech_pocketsphinx_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CoSpeechPocketsphinx *self = CO_SPEECH_POCKETSPHINX (object);

  switch (prop_id)
    {
    case PROP_ACOUSTIC_MODEL:
      g_value_set_string (value, self->acoustic_model);
      break;
    case PROP_LANGUAGE_MODEL:
      g_value_set_string (value, self->language_model);
      break;
    case PROP_DICTIONARY:
      g_value_set_string (value, self->dictionary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_speech_pocketsphinx_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CoSpeechPocketsphinx *self = CO_SPEECH_POCKETSPHINX (object);

  switch (prop_id)
    {
    case PROP_ACOUSTIC_MODEL:
      self->acoustic_model = g_value_dup_string (value);
      break;
    case PROP_LANGUAGE_MODEL:
      self->language_model = g_value_dup_string (value);
      break;
    case PROP_DICTIONARY:
      self->dictionary = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_speech_pocketsphinx_class_init (CoSpeechPocketsphinxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                      G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = co_speech_pocketsphinx_constructed;
  object_class->finalize = co_speech_pocketsphinx_finalize;
  object_class->get_property = co_speech_pocketsphinx_get_property;
  object_class->set_property = co_speech_pocketsphinx_set_property;

  properties[PROP_ACOUSTIC_MODEL] =
    g_param_spec_string ("acoustic-model", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE_MODEL] =
    g_param_spec_string ("language-model", NULL, NULL, NULL, flags);
  properties[PROP_DICTIONARY] =
    g_param_spec_string ("dictionary", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_speech_pocketsphinx_init (CoSpeechPocketsphinx *self)
{
  g_mutex_init (&self->lock);
}

/**
 * co_speech_pocketsphinx_new:
 * @acoustic_model: (nullable): the acoustic model folder (with `mdef`, `means`…)
 * @language_model: (nullable): the language model (`.lm.bin`, DMP or ARPA)
 * @dictionary: (nullable): the pronunciation dictionary
 *
 * Creates the PocketSphinx engine.  Each %NULL path is taken from the model
 * folder named by the environment variable `CREATOROPS_SPEECH_MODEL_DIR`,
 * or else from %CO_SPEECH_POCKETSPHINX_DEFAULT_MODEL_DIR.  Nothing is read
 * until co_speech_engine_check() or co_speech_engine_new_session().
 *
 * Returns: (transfer full): a new engine
 */
CoSpeechPocketsphinx *
co_speech_pocketsphinx_new (const char *acoustic_model,
                            const char *language_model,
                            const char *dictionary)
{
  return g_object_new (CO_TYPE_SPEECH_POCKETSPHINX,
                       "acoustic-model", acoustic_model,
                       "language-model", language_model,
                       "dictionary", dictionary,
                       NULL);
}

/**
 * co_speech_pocketsphinx_get_acoustic_model:
 * @self: an engine
 *
 * Returns: (transfer none): the acoustic model folder in use
 */
const char *
co_speech_pocketsphinx_get_acoustic_model (CoSpeechPocketsphinx *self)
{
  g_return_val_if_fail (CO_IS_SPEECH_POCKETSPHINX (self), NULL);

  return self->acoustic_model;
}

/**
 * co_speech_pocketsphinx_get_language_model:
 * @self: an engine
 *
 * Returns: (transfer none): the language model file in use
 */
const char *
co_speech_pocketsphinx_get_language_model (CoSpeechPocketsphinx *self)
{
  g_return_val_if_fail (CO_IS_SPEECH_POCKETSPHINX (self), NULL);

  return self->language_model;
}

/**
 * co_speech_pocketsphinx_get_dictionary:
 * @self: an engine
 *
 * Returns: (transfer none): the dictionary file in use
 */
const char *
co_speech_pocketsphinx_get_dictionary (CoSpeechPocketsphinx *self)
{
  g_return_val_if_fail (CO_IS_SPEECH_POCKETSPHINX (self), NULL);

  return self->dictionary;
}
