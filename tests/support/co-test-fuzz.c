/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "co-error.h"
#include "co-subtitle-check.h"
#include "co-subtitle-error.h"
#include "co-test-fuzz.h"

/* Values that make parsers take unusual paths: sizes of 0 and of all ones,
 * the edges of signed numbers, lengths just past a byte or a short. */
static const guint32 interesting[] = {
  0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
  0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
};

/* Cases that once failed, replayed by every run. */
const CoTestFuzzCase co_test_fuzz_subtitle_cases[] = {
  { 2, 96, "read a WebVTT cue of markup alone as a cue without text, which was then written "
          "as a file the reader refused" },
};
const gsize co_test_fuzz_n_subtitle_cases = G_N_ELEMENTS (co_test_fuzz_subtitle_cases);

static void
announce_cb (guint    index,
             gpointer target)
{
  g_test_message ("%s case %u", (const char *)target, index);
}

/**
 * co_test_fuzz_run_init:
 * @run: (out caller-allocates): the run to set up
 * @target: what is fuzzed, for the messages
 * @default_cases: the cases of a short run
 *
 * A run from a fresh seed, drawn from the test's seeded generator, or the
 * one `CO_PROPERTY_SEED` names; `CO_FUZZ_CASES` sets how many cases and
 * `CO_FUZZ_CASE` runs that one case alone.  The seed is printed with the
 * way to replay it, and each case is announced.
 */
void
co_test_fuzz_run_init (CoTestFuzzRun *run,
                       const char    *target,
                       guint          default_cases)
{
  const char *seed = g_getenv ("CO_PROPERTY_SEED");
  const char *cases = g_getenv ("CO_FUZZ_CASES");
  const char *one = g_getenv ("CO_FUZZ_CASE");

  run->seed = seed != NULL ? (guint32)g_ascii_strtoull (seed, NULL, 10)
                           : (guint32)g_test_rand_int ();
  run->first = one != NULL ? (guint)g_ascii_strtoull (one, NULL, 10) : 0;
  run->n_cases = one != NULL ? 1 : cases != NULL ? (guint)g_ascii_strtoull (cases, NULL, 10)
                                                 : default_cases;
  run->announce = announce_cb;
  run->user_data = (gpointer)target;
  g_test_message ("%s: seed %u (replay with CO_PROPERTY_SEED=%u, one case with "
                  "CO_FUZZ_CASE=N as well)", target, run->seed, run->seed);
}

/**
 * co_test_fuzz_run_fixed:
 * @run: a run set up by co_test_fuzz_run_init()
 * @fixed: a case that once failed
 *
 * Points @run at that one case.
 */
void
co_test_fuzz_run_fixed (CoTestFuzzRun        *run,
                        const CoTestFuzzCase *fixed)
{
  g_test_message ("fixed case: seed %u case %u, which %s", fixed->seed, fixed->index,
                  fixed->why);
  run->seed = fixed->seed;
  run->first = fixed->index;
  run->n_cases = 1;
}

/* A position to change: half the time in the first 512 bytes, where the
 * headers are, a fifth of the time in the last 512, where Ogg, FLAC and
 * MP4 files keep what says they are whole, else anywhere. */
static gsize
pick_position (GRand *rand,
               gsize  len)
{
  double where = g_rand_double (rand);

  if (len == 0)
    return 0;
  if (where < 0.5)
    return (gsize)g_rand_int_range (rand, 0, (gint32)MIN (len, 512));
  if (where < 0.7 && len > 512)
    return len - 1 - (gsize)g_rand_int_range (rand, 0, 512);
  return (gsize)(g_rand_double (rand) * len);
}

static void
insert_bytes (GByteArray   *data,
              gsize         at,
              const guint8 *bytes,
              gsize         n)
{
  gsize old_len = data->len;

  at = MIN (at, old_len);
  g_byte_array_set_size (data, (guint)(old_len + n));
  memmove (data->data + at + n, data->data + at, old_len - at);
  memcpy (data->data + at, bytes, n);
}

static void
put_interesting (GRand      *rand,
                 GByteArray *data)
{
  guint32 value = interesting[g_rand_int_range (rand, 0, G_N_ELEMENTS (interesting))];
  gsize at = pick_position (rand, data->len);

  if (g_rand_boolean (rand))
    value = GUINT32_TO_BE (value);
  for (gsize i = 0; i < 4 && at + i < data->len; i++)
    data->data[at + i] = ((const guint8 *)&value)[i];
}

static void
mutate_once (GRand      *rand,
             GByteArray *data)
{
  gsize at = pick_position (rand, data->len);
  guint n = (guint)g_rand_int_range (rand, 1, 65);

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
      if (at < data->len)
        data->data[at] ^= (guint8)(1u << g_rand_int_range (rand, 0, 8));
      break;
    case 1:
      if (at < data->len)
        data->data[at] = (guint8)g_rand_int_range (rand, 0, 256);
      break;
    case 2:
      put_interesting (rand, data);
      break;
    case 3:
      g_byte_array_set_size (data, MAX (at, 1));
      break;
    case 4:
      if (at < data->len)
        g_byte_array_remove_range (data, (guint)at, (guint)MIN (n, data->len - at));
      break;
    case 5:
      if (at < data->len)
        {
          g_autofree guint8 *copy = g_memdup2 (data->data + at, MIN (n * 4, data->len - at));

          insert_bytes (data, pick_position (rand, data->len), copy, MIN (n * 4, data->len - at));
        }
      break;
    default:
      for (guint i = 0; i < n % 16 + 1; i++)
        {
          guint8 byte = (guint8)g_rand_int_range (rand, 0, 256);

          insert_bytes (data, at, &byte, 1);
        }
      break;
    }
}

/**
 * co_test_fuzz_mutate:
 * @rand: the run's generator
 * @data: a valid input
 * @len: its length
 *
 * Returns: (transfer full): @data with one to four random mutations: bit
 *   flips, random or boundary values, cuts, deletions, duplications and
 *   insertions
 */
GByteArray *
co_test_fuzz_mutate (GRand        *rand,
                     const guint8 *data,
                     gsize         len)
{
  GByteArray *out = g_byte_array_sized_new ((guint)len);
  int n = g_rand_int_range (rand, 1, 5);

  g_byte_array_append (out, data, (guint)len);
  for (int i = 0; i < n; i++)
    mutate_once (rand, out);
  return out;
}

/* Collects the objects and arrays of the document, where members and
 * elements can be replaced or removed. */
static void
collect_containers (JsonNode  *node,
                    GPtrArray *containers)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      g_ptr_array_add (containers, node);
      for (GList *l = members; l != NULL; l = l->next)
        collect_containers (json_object_get_member (object, l->data), containers);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_ptr_array_add (containers, node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_containers (json_array_get_element (array, i), containers);
    }
}

/* A value of another type: null, a string, a boundary number, a boolean, or
 * an empty container.  Made new, since json-glib 1.6 cannot re-initialise a
 * value node in place. */
static JsonNode *
random_node (GRand *rand)
{
  static const double numbers[] = { -1, 0, 1e308, -1e308, 1e-300, 0.5, 86400 * 365.0 * 1000 };
  JsonNode *node = json_node_alloc ();

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
      return json_node_init_null (node);
    case 1:
      return json_node_init_string (node, g_rand_boolean (rand) ? "" : "x\xc3\xa9\n");
    case 2:
      return json_node_init_double (node,
                                    numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))]);
    case 3:
      return json_node_init_int (node, g_rand_boolean (rand) ? G_MAXINT64 : G_MININT64);
    case 4:
      return json_node_init_boolean (node, g_rand_boolean (rand));
    case 5:
      json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), json_array_new ());
      return node;
    default:
      json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), json_object_new ());
      return node;
    }
}

/* Replaces or removes one member or element of @container. */
static void
mutate_container (GRand    *rand,
                  JsonNode *container)
{
  gboolean remove = g_rand_boolean (rand);

  if (JSON_NODE_HOLDS_OBJECT (container))
    {
      JsonObject *object = json_node_get_object (container);
      g_autoptr(GList) members = json_object_get_members (object);
      const char *name;

      if (members == NULL)
        return;
      name = g_list_nth_data (members, g_rand_int_range (rand, 0,
                                                         (gint32)g_list_length (members)));
      if (remove)
        json_object_remove_member (object, name);
      else
        json_object_set_member (object, name, random_node (rand));
    }
  else
    {
      JsonArray *array = json_node_get_array (container);
      guint len = json_array_get_length (array);

      if (len > 0)
        json_array_remove_element (array, (guint)g_rand_int_range (rand, 0, (gint32)len));
      if (!remove || len == 0)
        json_array_add_element (array, random_node (rand));
    }
}

/**
 * co_test_fuzz_mutate_json:
 * @rand: the run's generator
 * @json: a valid JSON document
 *
 * Mutates the document's structure (members of the wrong type, missing
 * members, boundary numbers, empty containers) and, one time in five, its
 * text as bytes.
 *
 * Returns: (transfer full): the mutated text (not always JSON)
 */
char *
co_test_fuzz_mutate_json (GRand      *rand,
                          const char *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  int n = g_rand_int_range (rand, 1, 4);

  g_assert_nonnull (root);
  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      g_autoptr(GByteArray) bytes = co_test_fuzz_mutate (rand, (const guint8 *)json,
                                                         strlen (json));

      return g_strndup ((const char *)bytes->data, bytes->len);
    }
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) containers = g_ptr_array_new ();

      collect_containers (root, containers);
      mutate_container (rand, g_ptr_array_index (containers,
                                                 g_rand_int_range (rand, 0,
                                                                   (gint32)containers->len)));
    }
  return json_to_string (root, FALSE);
}

/* GStreamer's own checks, inside its plugins' streaming threads: logged to
 * the test's output rather than through the default handler, which would
 * abort on a fatal level before the test's fatal handler is asked. */
/* The known warnings of GStreamer 1.22's own code that come under GLib's
 * domains: matroskademux casts a pointer to an element it no longer has. */
static const char * const gstreamer_glib_warnings[] = {
  "invalid uninstantiatable type '(null)' in cast to 'GstElement'",
};

static gboolean
from_gstreamer (const char     *domain,
                GLogLevelFlags  level,
                const char     *message)
{
  if (domain == NULL || !(level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return FALSE;
  if (g_str_has_prefix (domain, "GStreamer"))
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (gstreamer_glib_warnings); i++)
    {
      if (g_str_equal (domain, "GLib-GObject") &&
          g_str_equal (message, gstreamer_glib_warnings[i]))
        return TRUE;
    }
  return FALSE;
}

static void
gstreamer_log_cb (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  if (from_gstreamer (domain, level, message))
    g_test_message ("tolerated, from GStreamer itself: %s: %s", domain, message);
  else
    g_log_default_handler (domain, level, message, user_data);
}

static gboolean
gstreamer_fatal_cb (const char     *domain,
                    GLogLevelFlags  level,
                    const char     *message,
                    gpointer        user_data)
{
  return !from_gstreamer (domain, level, message);
}

/**
 * co_test_fuzz_allow_gstreamer_criticals:
 *
 * GStreamer 1.22's avidemux checks its own state with g_return_if_fail()
 * on some damaged AVI files (gst_flow_combiner_update_pad_flow: "pad !=
 * NULL"), some demuxers warn "Got data flow before segment event", and
 * matroskademux makes GObject warn about a bad cast, in their streaming
 * threads, whoever opens the file.  Such a CRITICAL or WARNING from a
 * GStreamer domain, or one of the known GLib warnings GStreamer causes, is
 * logged in the test's output instead of ending the run; every other one
 * still does, ours above all.
 * Call it in each test: GTest drops the fatal handler when a test starts.
 */
void
co_test_fuzz_allow_gstreamer_criticals (void)
{
  g_log_set_default_handler (gstreamer_log_cb, NULL);
  g_test_log_set_fatal_handler (gstreamer_fatal_cb, NULL);
}

/**
 * co_test_fuzz_error_names:
 * @error: the error an input was refused with
 * @name: how the input is named
 *
 * Asserts that the message names the input.
 */
void
co_test_fuzz_error_names (const GError *error,
                          const char   *name)
{
  g_assert_nonnull (error);
  if (strstr (error->message, name) == NULL)
    g_error ("the error “%s” does not name %s", error->message, name);
}

/* Subtitles ------------------------------------------------------------- */

static const char * const clean_srt =
  "1\n00:00:01,000 --> 00:00:02,500\nHello & <world>\n\n"
  "2\n00:00:03,000 --> 00:00:05,000\nTwo lines\nof text, café\n\n"
  "3\n01:02:03,004 --> 01:02:04,000\n- A dialogue\n- Reply\n";
static const char * const clean_vtt =
  "\xef\xbb\xbfWEBVTT - a title\nKind: captions\n\n"
  "NOTE a comment\nover two lines\n\n"
  "intro\n00:01.000 --> 00:02.500 align:start line:0\n<v Ann>Hello</v> &amp; <i>you</i>\n\n"
  "00:00:03.000 --> 00:00:05.000\nTwo &lt;lines&gt;\nnaïve\n";
/* Lines that put the readers on their unusual paths. */
static const char * const odd_lines[] = {
  "", " ", "-->", "00:00:00,000 --> 00:00:00,000", "00:00.000 --> 99:59.999",
  "99999999999999999999", "0", "WEBVTT", "NOTE", "STYLE", "<b>", "&amp;&lt;&", "\r",
  "00:00:01,000 --> 00:00:00,500", "1\r\n2", "\xef\xbb\xbf",
};

/* Replaces, doubles or drops one line of @text. */
static char *
mutate_lines (GRand      *rand,
              const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines), at = (guint)g_rand_int_range (rand, 0, (gint32)n);
  g_autoptr(GString) out = g_string_new (NULL);
  int op = g_rand_int_range (rand, 0, 3);

  for (guint i = 0; i < n; i++)
    {
      const char *line = lines[i];

      if (i == at && op == 0)
        line = odd_lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (odd_lines))];
      if (i == at && op == 2)
        continue;
      g_string_append (out, line);
      g_string_append_c (out, '\n');
      if (i == at && op == 1)
        g_string_append_printf (out, "%s\n", line);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What is read must be checked and written without trouble, and what is
 * written must read back as the same number of cues. */
static void
read_check_write (const char       *name,
                  const guint8     *data,
                  gsize             len,
                  CoSubtitleFormat  format)
{
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  CoCueRules rules;

  cues = co_subtitle_parse (name, (const char *)data, len, format, &error);
  if (cues == NULL)
    {
      g_assert_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_PARSE);
      co_test_fuzz_error_names (error, name);
      return;
    }
  co_cue_rules_init (&rules);
  problems = co_subtitle_check (cues, &rules);
  written = co_subtitle_write (cues, format);
  back = co_subtitle_parse (name, written, -1, format, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, cues->len);
}

static void
fuzz_subtitle_case (GRand            *rand,
                    CoSubtitleFormat  format)
{
  const char *name = format == CO_SUBTITLE_FORMAT_SRT ? "fuzz.srt" : "fuzz.vtt";
  const char *clean = format == CO_SUBTITLE_FORMAT_SRT ? clean_srt : clean_vtt;
  g_autofree char *lined = g_rand_boolean (rand) ? mutate_lines (rand, clean) : g_strdup (clean);
  g_autoptr(GByteArray) bytes = co_test_fuzz_mutate (rand, (const guint8 *)lined, strlen (lined));

  read_check_write (name, bytes->data, bytes->len, format);
}

/**
 * co_test_fuzz_subtitles_clean:
 *
 * The whole documents the mutations start from, through the same path: the
 * reference the long runs time their cases against.
 */
void
co_test_fuzz_subtitles_clean (void)
{
  read_check_write ("clean.srt", (const guint8 *)clean_srt, strlen (clean_srt),
                    CO_SUBTITLE_FORMAT_SRT);
  read_check_write ("clean.vtt", (const guint8 *)clean_vtt, strlen (clean_vtt),
                    CO_SUBTITLE_FORMAT_VTT);
}

/**
 * co_test_fuzz_subtitles:
 * @run: the cases to run
 *
 * Mutated SRT and WebVTT documents, by line and by byte, through the strict
 * readers, the rule checks and the writers.
 */
void
co_test_fuzz_subtitles (const CoTestFuzzRun *run)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (run->seed);

  for (guint i = 0; i < run->first + run->n_cases; i++)
    {
      CoSubtitleFormat format = g_rand_boolean (rand) ? CO_SUBTITLE_FORMAT_SRT
                                                      : CO_SUBTITLE_FORMAT_VTT;

      if (i >= run->first && run->announce != NULL)
        run->announce (i, run->user_data);
      fuzz_subtitle_case (rand, format);
    }
}
