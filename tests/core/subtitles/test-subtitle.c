/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "co-export-error.h"
#include "co-file.h"
#include "co-subtitle-error.h"
#include "co-subtitle.h"
#include "co-test-util.h"

static GPtrArray *
parse_ok (const char       *data,
          CoSubtitleFormat  format)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cues = co_subtitle_parse ("test", data, -1, format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cues);
  return cues;
}

static void
assert_cue (GPtrArray  *cues,
            guint       i,
            gint64      start_ms,
            gint64      end_ms,
            const char *text)
{
  const CoCue *cue = g_ptr_array_index (cues, i);

  g_assert_cmpint (cue->start_us, ==, start_ms * 1000);
  g_assert_cmpint (cue->end_us, ==, end_ms * 1000);
  g_assert_cmpstr (cue->text, ==, text);
}

static void
test_srt_write (void)
{
  g_autoptr(GPtrArray) cues = co_cue_list_new ();
  g_autofree char *srt = NULL;

  g_ptr_array_add (cues, co_cue_new (1000000, 2500400, "Hello & <world>"));
  g_ptr_array_add (cues, co_cue_new (3723004000, 3723999600, "Line one\nLigne deux, café"));
  srt = co_subtitle_write (cues, CO_SUBTITLE_FORMAT_SRT);
  g_assert_cmpstr (srt, ==,
                   "1\n00:00:01,000 --> 00:00:02,500\nHello & <world>\n\n"
                   "2\n01:02:03,004 --> 01:02:04,000\nLine one\nLigne deux, café\n\n");
}

static void
test_vtt_write (void)
{
  g_autoptr(GPtrArray) cues = co_cue_list_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *vtt = NULL;

  g_ptr_array_add (cues, co_cue_new (0, 999999, "Fish & <chips> -> here"));
  vtt = co_subtitle_write (cues, CO_SUBTITLE_FORMAT_VTT);
  g_assert_cmpstr (vtt, ==,
                   "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n"
                   "Fish &amp; &lt;chips&gt; -&gt; here\n\n");
  back = parse_ok (vtt, CO_SUBTITLE_FORMAT_VTT);
  assert_cue (back, 0, 0, 1000, "Fish & <chips> -> here");
}

static void
test_vtt_features (void)
{
  g_autoptr(GPtrArray) cues = parse_ok ("\xEF\xBB\xBFWEBVTT - a title\r\n"
                                        "Kind: captions\r\n\r\n"
                                        "STYLE\n::cue { color: red }\n\n"
                                        "NOTE this is\na comment\n\n"
                                        "intro\n"
                                        "01:02.500 --> 01:04.000 align:start line:0\n"
                                        "<v Anna>Hi <i>there</i></v>\n\n"
                                        "01:00:00.000 --> 01:00:01.000\n"
                                        "a &amp;&lt;b&gt;\n",
                                        CO_SUBTITLE_FORMAT_VTT);

  g_assert_cmpuint (cues->len, ==, 2);
  assert_cue (cues, 0, 62500, 64000, "Hi there");
  assert_cue (cues, 1, 3600000, 3601000, "a &<b>");
}

static void
test_srt_crlf (void)
{
  g_autoptr(GPtrArray) cues = parse_ok ("\xEF\xBB\xBF\r\n1\r\n00:00:01,000 --> 00:00:02,000\r\n"
                                        "a\r\n\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n"
                                        "b\r\nc\r\n",
                                        CO_SUBTITLE_FORMAT_SRT);

  g_assert_cmpuint (cues->len, ==, 2);
  assert_cue (cues, 0, 1000, 2000, "a");
  assert_cue (cues, 1, 3000, 4000, "b\nc");
}

typedef struct
{
  const char       *label;
  CoSubtitleFormat  format;
  const char       *data;
  guint             line;
  const char       *reason;
} BadCase;

static const BadCase bad_cases[] = {
  { "bad-index", CO_SUBTITLE_FORMAT_SRT,
    "1\n00:00:01,000 --> 00:00:02,000\na\n\nx\n00:00:03,000 --> 00:00:04,000\nb\n", 5,
    "cue number 2" },
  { "wrong-index", CO_SUBTITLE_FORMAT_SRT,
    "1\n00:00:01,000 --> 00:00:02,000\na\n\n3\n00:00:03,000 --> 00:00:04,000\nb\n", 5,
    "cue number 2" },
  { "no-index", CO_SUBTITLE_FORMAT_SRT, "00:00:01,000 --> 00:00:02,000\na\n", 1, "cue number 1" },
  /* Found by the fuzzer (seed 2): read as an empty cue that, written back,
   * could not be read again. */
  { "vtt-markup-only", CO_SUBTITLE_FORMAT_VTT,
    "WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n", 4, "only markup" },
  { "bad-arrow", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 -> 00:00:02,000\na\n", 2,
    "timing line" },
  { "vtt-separator-in-srt", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:01.000 --> 00:00:02.000\na\n", 2,
    "timing line" },
  { "minutes-60", CO_SUBTITLE_FORMAT_SRT, "1\n00:60:01,000 --> 01:00:02,000\na\n", 2,
    "below 60" },
  { "seconds-60", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:60,000 --> 00:01:02,000\na\n", 2,
    "below 60" },
  { "short-ms", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:01,00 --> 00:00:02,000\na\n", 2,
    "timing line" },
  { "trailing-junk", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000 X1:3\na\n", 2,
    "timing line" },
  { "end-before-start", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:05,000 --> 00:00:02,000\na\n", 2,
    "ends before" },
  { "missing-blank", CO_SUBTITLE_FORMAT_SRT,
    "1\n00:00:01,000 --> 00:00:02,000\na\n2\n00:00:03,000 --> 00:00:04,000\nb\n", 5,
    "blank line is missing" },
  { "no-text", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000\n\n", 3, "no text" },
  { "truncated", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n", 5,
    "file ends" },
  { "empty", CO_SUBTITLE_FORMAT_SRT, "\n\n", 3, "no cues" },
  { "latin1", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000\ncaf\xE9\n", 3,
    "UTF-8" },
  { "nul", CO_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000\na\0b\n", 3, "UTF-8" },
  { "vtt-no-header", CO_SUBTITLE_FORMAT_VTT, "00:01.000 --> 00:02.000\na\n", 1, "WEBVTT" },
  { "vtt-bad-header", CO_SUBTITLE_FORMAT_VTT, "WEBVTTX\n\n00:01.000 --> 00:02.000\na\n", 1,
    "WEBVTT" },
  { "vtt-header-no-blank", CO_SUBTITLE_FORMAT_VTT, "WEBVTT\n00:01.000 --> 00:02.000\na\n", 2,
    "blank line is missing" },
  { "vtt-comma", CO_SUBTITLE_FORMAT_VTT, "WEBVTT\n\n00:01,000 --> 00:02,000\na\n", 3,
    "timing line" },
  { "vtt-one-digit-minute", CO_SUBTITLE_FORMAT_VTT, "WEBVTT\n\n0:01.000 --> 00:02.000\na\n", 3,
    "timing line" },
  { "vtt-end-before-start", CO_SUBTITLE_FORMAT_VTT,
    "WEBVTT\n\n00:03.000 --> 00:02.000\na\n", 3, "ends before" },
  { "vtt-id-without-timing", CO_SUBTITLE_FORMAT_VTT, "WEBVTT\n\nintro\n\n", 3,
    "timing line" },
  { "vtt-missing-blank", CO_SUBTITLE_FORMAT_VTT,
    "WEBVTT\n\n00:01.000 --> 00:02.000\na\n00:03.000 --> 00:04.000\nb\n", 5,
    "blank line is missing" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  const char *name = c->format == CO_SUBTITLE_FORMAT_SRT ? "broken.srt" : "broken.vtt";
  g_autofree char *where = g_strdup_printf ("%s: line %u:", name, c->line);
  gsize len = strlen (c->data);

  /* The NUL case needs its full length. */
  if (g_str_equal (c->label, "nul"))
    len = strlen (c->data) + 3;
  cues = co_subtitle_parse (name, c->data, len, c->format, &error);
  g_assert_null (cues);
  g_assert_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, where));
  g_assert_nonnull (strstr (error->message, c->reason));
}

/* Overlaps are allowed by the reader; the QA check reports them. */
static void
test_overlap_allowed (void)
{
  g_autoptr(GPtrArray) cues = parse_ok ("1\n00:00:01,000 --> 00:00:05,000\na\n\n"
                                        "2\n00:00:03,000 --> 00:00:06,000\nb\n",
                                        CO_SUBTITLE_FORMAT_SRT);

  g_assert_cmpuint (cues->len, ==, 2);
}

static char *
random_text (GRand *rand)
{
  static const char * const words[] = {
    "hello", "café", "&", "<b>", "naïve", "日本語", "x>y", "it's", "\"quoted\"", "-->", "a",
  };
  GString *text = g_string_new (NULL);
  int lines = g_rand_int_range (rand, 1, 4);

  for (int l = 0; l < lines; l++)
    {
      int n = g_rand_int_range (rand, 1, 6);

      if (l > 0)
        g_string_append_c (text, '\n');
      for (int w = 0; w < n; w++)
        g_string_append_printf (text, "%s%s", w > 0 ? " " : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (text, FALSE);
}

/* Property: random cues survive writing and strict reading in both
 * formats, times to the millisecond and text exactly (SRT only changes
 * "-->", which would read as a timing line). */
static void
test_property_roundtrip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (int n = 0; n < 150; n++)
    {
      g_autoptr(GPtrArray) cues = co_cue_list_new ();
      gint64 t = g_rand_int_range (rand, 0, 10000) * G_GINT64_CONSTANT (1000);
      int count = g_rand_int_range (rand, 1, 12);

      for (int i = 0; i < count; i++)
        {
          gint64 len = g_rand_int_range (rand, 1, 8000) * G_GINT64_CONSTANT (1000);
          g_autofree char *text = random_text (rand);

          g_ptr_array_add (cues, co_cue_new (t, t + len, text));
          t += len + g_rand_int_range (rand, 0, 3600000) * G_GINT64_CONSTANT (1000);
        }
      for (int f = CO_SUBTITLE_FORMAT_SRT; f <= CO_SUBTITLE_FORMAT_VTT; f++)
        {
          g_autofree char *data = co_subtitle_write (cues, f);
          g_autoptr(GPtrArray) back = parse_ok (data, f);

          g_assert_cmpuint (back->len, ==, cues->len);
          for (guint i = 0; i < cues->len; i++)
            {
              const CoCue *a = g_ptr_array_index (cues, i);
              g_autoptr(GString) text = g_string_new (a->text);

              if (f == CO_SUBTITLE_FORMAT_SRT)
                g_string_replace (text, "-->", "->", 0);
              assert_cue (back, i, a->start_us / 1000, a->end_us / 1000, text->str);
            }
        }
    }
}

static GPtrArray *
two_cues (void)
{
  GPtrArray *cues = co_cue_list_new ();

  g_ptr_array_add (cues, co_cue_new (1000000, 2000000, "a"));
  g_ptr_array_add (cues, co_cue_new (25000000, 26000000, "b"));
  return cues;
}

static void
test_shift (void)
{
  g_autoptr(GPtrArray) cues = two_cues ();
  g_autoptr(GError) error = NULL;

  g_assert_true (co_subtitle_shift (cues, 500000, &error));
  g_assert_no_error (error);
  assert_cue (cues, 0, 1500, 2500, "a");
  assert_cue (cues, 1, 25500, 26500, "b");

  /* Too far back: refused, and nothing moves. */
  g_assert_false (co_subtitle_shift (cues, -1600000, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  assert_cue (cues, 0, 1500, 2500, "a");
}

static void
test_stretch (void)
{
  g_autoptr(GPtrArray) cues = two_cues ();
  g_autoptr(GError) error = NULL;

  /* 1 s stays, 25 s goes to 49 s: a factor of 2 around 1 s. */
  g_assert_true (co_subtitle_map_linear (cues, 1000000, 1000000, 25000000, 49000000, &error));
  g_assert_no_error (error);
  assert_cue (cues, 0, 1000, 3000, "a");
  assert_cue (cues, 1, 49000, 51000, "b");

  g_assert_false (co_subtitle_map_linear (cues, 5, 5, 5, 10, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
}

static void
test_conform (void)
{
  g_autoptr(GPtrArray) cues = two_cues ();
  g_autoptr(GError) error = NULL;
  const CoCue *b;

  /* 25 → 23.976: frame 625 (25 s at 25 fps) plays at 625 × 1001/24000 s. */
  g_assert_true (co_subtitle_conform (cues, CO_RATE_INIT (25, 1), CO_RATE_INIT (24000, 1001),
                                      &error));
  g_assert_no_error (error);
  b = g_ptr_array_index (cues, 1);
  g_assert_cmpint (b->start_us, ==, (625 * 1001 * G_GINT64_CONSTANT (1000000) + 12000) / 24000);
  /* And back again, to within a microsecond of rounding. */
  g_assert_true (co_subtitle_conform (cues, CO_RATE_INIT (24000, 1001), CO_RATE_INIT (25, 1),
                                      &error));
  g_assert_cmpint (ABS (b->start_us - 25000000), <=, 1);
}

static void
test_load (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("subs");
  g_autofree char *good = co_test_write_file (dir, "ok.vtt",
                                              "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", -1);
  g_autofree char *missing = g_build_filename (dir, "missing.srt", NULL);
  g_autofree char *notes = co_test_write_file (dir, "notes.txt", "hello\n", -1);
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GError) error = NULL;

  cues = co_subtitle_load (good, &error);
  g_assert_no_error (error);
  assert_cue (cues, 0, 1000, 2000, "hi");

  g_assert_null (co_subtitle_load (missing, &error));
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.srt"));
  g_clear_error (&error);

  g_assert_null (co_subtitle_load (notes, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
}

static void
assert_load_refused (const char *path,
                     int         code,
                     const char *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (co_subtitle_load (path, &error));
  g_assert_error (error, CO_FILE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
}

/* Issue 11: `subtitles check` hung on a pipe, read /dev/zero without end
 * and called a folder a destination to check. */
static void
test_load_hostile (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("subs");
  g_autofree char *fifo = g_build_filename (dir, "talk.srt", NULL);
  g_autofree char *zero = g_build_filename (dir, "zero.srt", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.srt", NULL);
  g_autofree char *plain_folder = g_build_filename (dir, "folder", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.vtt", NULL);
  FILE *file;

  g_assert_no_errno (mkfifo (fifo, 0600));
  assert_load_refused (fifo, CO_FILE_ERROR_NOT_REGULAR, "pipe");
  g_assert_no_errno (symlink ("/dev/zero", zero));
  assert_load_refused (zero, CO_FILE_ERROR_NOT_REGULAR, "device");
  g_assert_no_errno (g_mkdir (folder, 0700));
  assert_load_refused (folder, CO_FILE_ERROR_NOT_REGULAR, "folder");
  g_assert_no_errno (g_mkdir (plain_folder, 0700));
  assert_load_refused (plain_folder, CO_FILE_ERROR_NOT_REGULAR, "folder");

  /* One byte over the limit, as a sparse file: refused from its size. */
  file = g_fopen (huge, "w");
  g_assert_nonnull (file);
  g_assert_no_errno (ftruncate (fileno (file), CO_FILE_MAX_TEXT_SIZE + 1));
  fclose (file);
  assert_load_refused (huge, CO_FILE_ERROR_TOO_LARGE, "20");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/subtitle/srt/write", test_srt_write);
  g_test_add_func ("/core/subtitle/srt/crlf-bom", test_srt_crlf);
  g_test_add_func ("/core/subtitle/vtt/write", test_vtt_write);
  g_test_add_func ("/core/subtitle/vtt/features", test_vtt_features);
  g_test_add_func ("/core/subtitle/overlap-allowed", test_overlap_allowed);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/subtitle/reject/%s", bad_cases[i].label);

      g_test_add_data_func (path, &bad_cases[i], test_bad_input);
    }
  g_test_add_func ("/core/subtitle/property/roundtrip", test_property_roundtrip);
  g_test_add_func ("/core/subtitle/retime/shift", test_shift);
  g_test_add_func ("/core/subtitle/retime/stretch", test_stretch);
  g_test_add_func ("/core/subtitle/retime/conform", test_conform);
  g_test_add_func ("/core/subtitle/load", test_load);
  g_test_add_func ("/core/subtitle/load/hostile", test_load_hostile);

  return g_test_run ();
}
