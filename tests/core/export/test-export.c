/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-export-error.h"
#include "co-export.h"
#include "co-subtitle.h"
#include "co-test-util.h"
#include "co-timeline.h"

/* Spaces, non-ASCII and XML's special characters must survive every format. */
#define NASTY_PATH "/media/My Clips/Café & <Friends> 100% \"#1\".mov"

typedef struct
{
  int      num;
  int      den;
  gboolean drop;
  int      timebase;
} RateCase;

static const RateCase rates[] = {
  { 24000, 1001, FALSE, 24 }, { 24, 1, FALSE, 24 }, { 25, 1, FALSE, 25 },
  { 30000, 1001, TRUE, 30 }, { 30000, 1001, FALSE, 30 }, { 30, 1, FALSE, 30 },
  { 50, 1, FALSE, 50 }, { 60000, 1001, TRUE, 60 }, { 60000, 1001, FALSE, 60 },
  { 60, 1, FALSE, 60 },
};

/* ---- The expected result, computed independently of the exporters. ---- */

typedef struct
{
  gint64 in, out, rec_in, rec_out;
} Edit;

typedef struct
{
  CoRate      rate;
  gboolean    drop;
  gint64      total;     /* source frames */
  GArray     *edits;     /* Edit */
  GArray     *marker_us; /* gint64 source times of the markers */
  GPtrArray  *names;
} Expect;

static void
expect_free (Expect *e)
{
  g_array_unref (e->edits);
  g_array_unref (e->marker_us);
  g_ptr_array_unref (e->names);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Expect, expect_free)

static gint64
frames_of (CoRate rate,
           gint64 us)
{
  gint64 den = (gint64) rate.den * 1000000;

  return (us * rate.num + den / 2) / den;
}

static gint64
record_of (Expect *e,
           gint64  us)
{
  gint64 f = frames_of (e->rate, us);

  for (guint i = 0; i < e->edits->len; i++)
    {
      Edit *d = &g_array_index (e->edits, Edit, i);

      if (f < d->in)
        return d->rec_in;
      if (f < d->out)
        return d->rec_in + f - d->in;
    }
  return g_array_index (e->edits, Edit, e->edits->len - 1).rec_out;
}

static gint64
record_total (Expect *e)
{
  return g_array_index (e->edits, Edit, e->edits->len - 1).rec_out;
}

static const char * const marker_names[] = {
  "Cut here", "Q&A <start>", "Scène 2 — \"intro\"", "a'b", "日本語", "x > y & z",
};

/* A random source with kept ranges of at least half a second separated by
 * cuts of at least a second, so no two ranges merge after rounding, and
 * markers both inside kept ranges and inside cuts. */
static CoTimeline *
random_timeline (GRand         *rand,
                 const RateCase *rc,
                 gint64          duration_us,
                 Expect        **expect_out)
{
  CoRate rate = CO_RATE_INIT (rc->num, rc->den);
  CoTimeline *tl = co_timeline_new (NASTY_PATH, rate, duration_us);
  Expect *e = g_new0 (Expect, 1);
  gint64 t = g_rand_int_range (rand, 0, 2) ? 0 : g_rand_int_range (rand, 1000000, 3000000);
  gint64 chunk = MAX (duration_us / 20, 1000000);

  e->rate = rate;
  e->drop = rc->drop;
  e->total = frames_of (rate, duration_us);
  e->edits = g_array_new (FALSE, FALSE, sizeof (Edit));
  e->marker_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  e->names = g_ptr_array_new ();
  co_timeline_set_drop_frame (tl, rc->drop);

  while (t + 500000 < duration_us)
    {
      gint64 len = g_rand_int_range (rand, 500000, chunk);
      gint64 end = MIN (t + len, duration_us);
      Edit d = { frames_of (rate, t), frames_of (rate, end), 0, 0 };

      d.rec_in = e->edits->len ? g_array_index (e->edits, Edit, e->edits->len - 1).rec_out : 0;
      d.rec_out = d.rec_in + d.out - d.in;
      g_array_append_val (e->edits, d);
      co_timeline_add_kept_range (tl, t, end);
      t = end + g_rand_int_range (rand, 1000000, 4000000);
    }
  for (int m = g_rand_int_range (rand, 1, 12); m > 0; m--)
    {
      gint64 at = g_rand_int_range (rand, 0, duration_us / 1000) * G_GINT64_CONSTANT (1000);
      const char *name = marker_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (marker_names))];

      co_timeline_add_marker (tl, CO_MARKER_CUT, at, 0, name, "reason: silence & <pause>");
    }
  for (guint i = 0; i < co_timeline_get_markers (tl)->len; i++)
    {
      CoMarker *mk = g_ptr_array_index (co_timeline_get_markers (tl), i);

      g_array_append_val (e->marker_us, mk->start_us);
      g_ptr_array_add (e->names, mk->name);
    }
  *expect_out = e;
  return tl;
}

/* ---- A small XML tree, to read the exports back with GMarkup. ---- */

typedef struct Node Node;
struct Node
{
  char       *name;
  GHashTable *attrs;
  GString    *text;
  GPtrArray  *children;
};

static void
node_free (Node *node)
{
  g_free (node->name);
  g_hash_table_unref (node->attrs);
  g_string_free (node->text, TRUE);
  g_ptr_array_unref (node->children);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

static Node *
node_new (const char *name)
{
  Node *node = g_new0 (Node, 1);

  node->name = g_strdup (name);
  node->attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  node->text = g_string_new (NULL);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  return node;
}

static void
start_cb (GMarkupParseContext  *context,
          const char           *name,
          const char          **attr_names,
          const char          **attr_values,
          gpointer              data,
          GError              **error)
{
  GQueue *stack = data;
  Node *node = node_new (name);

  for (guint i = 0; attr_names[i] != NULL; i++)
    g_hash_table_insert (node->attrs, g_strdup (attr_names[i]), g_strdup (attr_values[i]));
  g_ptr_array_add (((Node *) g_queue_peek_head (stack))->children, node);
  g_queue_push_head (stack, node);
}

static void
end_cb (GMarkupParseContext  *context,
        const char           *name,
        gpointer              data,
        GError              **error)
{
  g_queue_pop_head (data);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              data,
         GError              **error)
{
  g_string_append_len (((Node *) g_queue_peek_head (data))->text, text, len);
}

/* Parses a whole document; the DOCTYPE line is passed over by GMarkup. */
static Node *
xml_parse (const char *doc)
{
  static const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };
  Node *root = node_new ("#document");
  GQueue stack = G_QUEUE_INIT;
  g_autoptr(GMarkupParseContext) ctx = NULL;
  g_autoptr(GError) error = NULL;

  g_queue_push_head (&stack, root);
  ctx = g_markup_parse_context_new (&parser, 0, &stack, NULL);
  g_markup_parse_context_parse (ctx, doc, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (ctx, &error);
  g_assert_no_error (error);
  g_queue_clear (&stack);
  return root;
}

static Node *
child (Node       *node,
       const char *name)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *c = g_ptr_array_index (node->children, i);

      if (g_str_equal (c->name, name))
        return c;
    }
  g_error ("<%s> has no <%s>", node->name, name);
  return NULL;
}

static void
collect (Node       *node,
         const char *name,
         GPtrArray  *out)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *c = g_ptr_array_index (node->children, i);

      if (g_str_equal (c->name, name))
        g_ptr_array_add (out, c);
      collect (c, name, out);
    }
}

static GPtrArray *
find_all (Node       *node,
          const char *name)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (node, name, out);
  return out;
}

static const char *
text_of (Node       *node,
         const char *name)
{
  return child (node, name)->text->str;
}

static gint64
int_of (Node       *node,
        const char *name)
{
  return g_ascii_strtoll (text_of (node, name), NULL, 10);
}

static const char *
attr (Node       *node,
      const char *name)
{
  const char *value = g_hash_table_lookup (node->attrs, name);

  g_assert_nonnull (value);
  return value;
}

/* Turns a file URL back into a path. */
static char *
path_of_url (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) plain = g_string_new (url);
  char *path;

  g_string_replace (plain, "file://localhost/", "file:///", 1);
  path = g_filename_from_uri (plain->str, NULL, &error);
  g_assert_no_error (error);
  return path;
}

/* ---- xmeml ---- */

static void
check_xmeml_rate (Node           *node,
                  const RateCase *rc)
{
  Node *rate = child (node, "rate");

  g_assert_cmpint (int_of (rate, "timebase"), ==, rc->timebase);
  g_assert_cmpstr (text_of (rate, "ntsc"), ==, rc->den == 1001 ? "TRUE" : "FALSE");
}

static void
check_xmeml_clips (Node   *track,
                   Expect *e)
{
  g_autoptr(GPtrArray) items = find_all (track, "clipitem");

  g_assert_cmpuint (items->len, ==, e->edits->len);
  for (guint i = 0; i < items->len; i++)
    {
      Node *item = g_ptr_array_index (items, i);
      Edit *d = &g_array_index (e->edits, Edit, i);
      g_autoptr(GPtrArray) links = find_all (item, "link");

      g_assert_cmpint (int_of (item, "start"), ==, d->rec_in);
      g_assert_cmpint (int_of (item, "end"), ==, d->rec_out);
      g_assert_cmpint (int_of (item, "in"), ==, d->in);
      g_assert_cmpint (int_of (item, "out"), ==, d->out);
      g_assert_cmpint (int_of (item, "duration"), ==, e->total);
      /* Linked with the video and both audio channels. */
      g_assert_cmpuint (links->len, ==, 3);
    }
}

static void
check_xmeml_markers (Node   *sequence,
                     Expect *e,
                     gboolean cut)
{
  GPtrArray *markers = g_ptr_array_new ();

  for (guint i = 0; i < sequence->children->len; i++)
    if (g_str_equal (((Node *) sequence->children->pdata[i])->name, "marker"))
      g_ptr_array_add (markers, sequence->children->pdata[i]);
  g_assert_cmpuint (markers->len, ==, e->marker_us->len);
  for (guint i = 0; i < markers->len; i++)
    {
      Node *m = g_ptr_array_index (markers, i);
      gint64 us = g_array_index (e->marker_us, gint64, i);

      g_assert_cmpstr (text_of (m, "name"), ==, e->names->pdata[i]);
      g_assert_cmpstr (text_of (m, "comment"), ==, "reason: silence & <pause>");
      g_assert_cmpint (int_of (m, "in"), ==, cut ? record_of (e, us) : frames_of (e->rate, us));
      g_assert_cmpint (int_of (m, "out"), ==, -1);
    }
  g_ptr_array_unref (markers);
}

static void
check_xmeml (const char     *doc,
             const RateCase *rc,
             Expect         *e)
{
  g_autoptr(Node) root = xml_parse (doc);
  Node *xmeml = child (root, "xmeml");
  Node *seq = child (xmeml, "sequence");
  Node *media = child (seq, "media");
  g_autoptr(GPtrArray) audio_tracks = find_all (child (media, "audio"), "track");
  g_autoptr(GPtrArray) files = find_all (seq, "file");
  g_autofree char *path = NULL;
  Node *file = g_ptr_array_index (files, 0);

  g_assert_cmpstr (attr (xmeml, "version"), ==, "4");
  check_xmeml_rate (seq, rc);
  g_assert_cmpint (int_of (seq, "duration"), ==, record_total (e));
  g_assert_cmpstr (text_of (child (seq, "timecode"), "displayformat"), ==,
                   rc->drop ? "DF" : "NDF");
  check_xmeml_clips (child (child (media, "video"), "track"), e);
  g_assert_cmpuint (audio_tracks->len, ==, 2);
  for (guint i = 0; i < audio_tracks->len; i++)
    check_xmeml_clips (audio_tracks->pdata[i], e);

  /* The file is described once, then referenced. */
  g_assert_cmpuint (files->len, ==, 3 * e->edits->len);
  g_assert_true (g_str_has_prefix (text_of (file, "pathurl"), "file://localhost/"));
  g_assert_null (strchr (text_of (file, "pathurl"), ' '));
  path = path_of_url (text_of (file, "pathurl"));
  g_assert_cmpstr (path, ==, NASTY_PATH);
  g_assert_cmpstr (text_of (file, "name"), ==, "Café & <Friends> 100% \"#1\".mov");
  check_xmeml_rate (file, rc);
  check_xmeml_markers (seq, e, TRUE);
}

/* ---- FCPXML ---- */

/* Reads "N/Ds" or "Ns" and converts it to a whole number of frames. */
static gint64
fcp_frames (const char *time,
            CoRate      rate)
{
  char *end = NULL;
  gint64 num = g_ascii_strtoll (time, &end, 10);
  gint64 den = 1;

  if (*end == '/')
    den = g_ascii_strtoll (end + 1, &end, 10);
  g_assert_cmpstr (end, ==, "s");
  /* Every time must fall on a frame boundary. */
  g_assert_cmpint ((num * rate.num) % (den * rate.den), ==, 0);
  return num * rate.num / (den * rate.den);
}

static void
check_fcpxml_clip (Node   *clip,
                   Edit   *d,
                   Expect *e)
{
  g_autoptr(GPtrArray) markers = find_all (clip, "marker");

  g_assert_cmpint (fcp_frames (attr (clip, "offset"), e->rate), ==, d->rec_in);
  g_assert_cmpint (fcp_frames (attr (clip, "start"), e->rate), ==, d->in);
  g_assert_cmpint (fcp_frames (attr (clip, "duration"), e->rate), ==, d->out - d->in);
  g_assert_cmpstr (attr (clip, "tcFormat"), ==, e->drop ? "DF" : "NDF");
  for (guint i = 0; i < markers->len; i++)
    {
      Node *m = g_ptr_array_index (markers, i);
      gint64 start = fcp_frames (attr (m, "start"), e->rate);

      /* A marker lies inside its clip, in source time. */
      g_assert_cmpint (start, >=, d->in);
      g_assert_cmpint (start, <, d->out);
      g_assert_cmpstr (attr (m, "note"), ==, "reason: silence & <pause>");
    }
}

/* Each expected marker appears in the clip that shows it, at its place. */
static void
check_fcpxml_markers (GPtrArray *clips,
                      Expect    *e)
{
  for (guint i = 0; i < e->marker_us->len; i++)
    {
      gint64 rec = record_of (e, g_array_index (e->marker_us, gint64, i));
      gboolean found = FALSE;

      for (guint c = 0; c < clips->len && !found; c++)
        {
          Edit *d = &g_array_index (e->edits, Edit, c);
          g_autoptr(GPtrArray) markers = find_all (clips->pdata[c], "marker");
          gint64 want = d->in + MIN (rec, d->rec_out - 1) - d->rec_in;

          if (rec >= d->rec_out && c + 1 < clips->len)
            continue;
          for (guint m = 0; m < markers->len && !found; m++)
            found = fcp_frames (attr (markers->pdata[m], "start"), e->rate) == want &&
                    g_str_equal (attr (markers->pdata[m], "value"), e->names->pdata[i]);
        }
      g_assert_true (found);
    }
}

static void
check_fcpxml (const char *doc,
              Expect     *e)
{
  g_autoptr(Node) root = xml_parse (doc);
  Node *fcpxml = child (root, "fcpxml");
  Node *resources = child (fcpxml, "resources");
  Node *asset = child (resources, "asset");
  g_autoptr(GPtrArray) clips = find_all (fcpxml, "asset-clip");
  g_autoptr(GPtrArray) sequences = find_all (fcpxml, "sequence");
  g_autofree char *path = path_of_url (attr (child (asset, "media-rep"), "src"));

  g_assert_cmpstr (attr (fcpxml, "version"), ==, "1.9");
  g_assert_cmpint (fcp_frames (attr (child (resources, "format"), "frameDuration"), e->rate),
                   ==, 1);
  g_assert_cmpint (fcp_frames (attr (asset, "duration"), e->rate), ==, e->total);
  g_assert_cmpstr (path, ==, NASTY_PATH);
  g_assert_cmpstr (attr (asset, "name"), ==, "Café & <Friends> 100% \"#1\".mov");
  g_assert_cmpint (fcp_frames (attr (sequences->pdata[0], "duration"), e->rate), ==,
                   record_total (e));
  g_assert_cmpuint (clips->len, ==, e->edits->len);
  for (guint i = 0; i < clips->len; i++)
    check_fcpxml_clip (clips->pdata[i], &g_array_index (e->edits, Edit, i), e);
  check_fcpxml_markers (clips, e);
}

/* ---- CMX 3600 EDL ---- */

static gint64
edl_tc (const char *tc,
        Expect     *e)
{
  g_autoptr(GError) error = NULL;
  gint64 frames = -1;

  g_assert_true (co_timecode_parse (tc, e->rate, e->drop, &frames, &error));
  g_assert_no_error (error);
  /* Drop-frame timecode is written with ';' before the frames. */
  g_assert_true ((tc[8] == ';') == (e->drop != FALSE));
  return frames;
}

static void
check_edl_event (char  **fields,
                 guint   index,
                 Expect *e)
{
  Edit *d = &g_array_index (e->edits, Edit, index);
  g_autofree char *number = g_strdup_printf ("%03u", index + 1);

  g_assert_cmpuint (g_strv_length (fields), ==, 8);
  g_assert_cmpstr (fields[0], ==, number);
  g_assert_cmpstr (fields[1], ==, "AX");
  g_assert_cmpstr (fields[2], ==, "AA/V");
  g_assert_cmpstr (fields[3], ==, "C");
  g_assert_cmpint (edl_tc (fields[4], e), ==, d->in);
  g_assert_cmpint (edl_tc (fields[5], e), ==, d->out);
  g_assert_cmpint (edl_tc (fields[6], e), ==, d->rec_in);
  g_assert_cmpint (edl_tc (fields[7], e), ==, d->rec_out);
}

static char **
split_fields (const char *line)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (line, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (out, g_strdup (parts[i]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static void
check_locator (const char *line,
               guint       marker,
               Expect     *e)
{
  g_auto(GStrv) fields = split_fields (line + strlen ("* LOC:"));
  gint64 rec = record_of (e, g_array_index (e->marker_us, gint64, marker));
  g_autofree char *name = NULL;

  rec = MIN (rec, record_total (e) - 1);
  g_assert_cmpint (edl_tc (fields[0], e), ==, rec);
  g_assert_cmpstr (fields[1], ==, "RED");
  name = g_strjoinv (" ", fields + 2);
  g_assert_cmpstr (name, ==, e->names->pdata[marker]);
}

static void
check_edl (const char *doc,
           Expect     *e)
{
  g_auto(GStrv) lines = g_strsplit (doc, "\n", -1);
  guint events = 0, locators = 0;

  g_assert_cmpstr (lines[0], ==, "TITLE: Café & <Friends> 100% \"#1\".mov");
  g_assert_cmpstr (lines[1], ==, e->drop ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME");
  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (g_ascii_isdigit (lines[i][0]))
        {
          g_auto(GStrv) fields = split_fields (lines[i]);

          check_edl_event (fields, events++, e);
          g_assert_cmpstr (lines[i + 1], ==, "* FROM CLIP NAME: Café & <Friends> 100% \"#1\".mov");
        }
      else if (g_str_has_prefix (lines[i], "* LOC:"))
        check_locator (lines[i], locators++, e);
    }
  g_assert_cmpuint (events, ==, e->edits->len);
  g_assert_cmpuint (locators, ==, e->marker_us->len);
}

/* ---- Audition markers ---- */

/* Reads Audition's M:SS.mmm or H:MM:SS.mmm into milliseconds. */
static gint64
audition_ms (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);
  gint64 ms = 0;
  char *end = NULL;

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i + 1 < n; i++)
    ms = ms * 60 + g_ascii_strtoll (parts[i], NULL, 10);
  ms = ms * 60000 + g_ascii_strtoll (parts[n - 1], &end, 10) * 1000;
  g_assert_cmpint (*end, ==, '.');
  g_assert_cmpint (strlen (end + 1), ==, 3);
  return ms + g_ascii_strtoll (end + 1, NULL, 10);
}

static void
check_audition (const char *doc,
                Expect     *e)
{
  g_auto(GStrv) lines = g_strsplit (doc, "\n", -1);

  g_assert_cmpstr (lines[0], ==, "Name\tStart\tDuration\tTime Format\tType\tDescription");
  g_assert_cmpuint (g_strv_length (lines), ==, e->marker_us->len + 2);
  for (guint i = 0; i < e->marker_us->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i + 1], "\t", -1);
      gint64 rec = record_of (e, g_array_index (e->marker_us, gint64, i));
      /* The frame's start, rounded to the millisecond, by hand. */
      gint64 den = e->rate.num;
      gint64 want = (rec * e->rate.den * 1000 + den / 2) / den;

      g_assert_cmpuint (g_strv_length (f), ==, 6);
      g_assert_cmpstr (f[0], ==, e->names->pdata[i]);
      g_assert_cmpint (audition_ms (f[1]), ==, want);
      g_assert_cmpint (audition_ms (f[2]), ==, 0);
      g_assert_cmpstr (f[3], ==, "decimal");
      g_assert_cmpstr (f[4], ==, "Cue");
      g_assert_cmpstr (f[5], ==, "reason: silence & <pause>");
      /* And the millisecond leads back to the same frame. */
      g_assert_cmpint (frames_of (e->rate, want * 1000), ==, rec);
    }
}

/* ---- Premiere markers: an uncut xmeml ---- */

static void
check_premiere_markers (const char *doc,
                        Expect     *e)
{
  g_autoptr(Node) root = xml_parse (doc);
  Node *seq = child (child (root, "xmeml"), "sequence");
  g_autoptr(GPtrArray) items = find_all (child (child (seq, "media"), "video"), "clipitem");
  Node *item = g_ptr_array_index (items, 0);

  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (int_of (item, "in"), ==, 0);
  g_assert_cmpint (int_of (item, "out"), ==, e->total);
  g_assert_cmpint (int_of (seq, "duration"), ==, e->total);
  check_xmeml_markers (seq, e, FALSE);
}

static char *
export_ok (CoExportFormat  format,
           CoTimeline     *tl)
{
  g_autoptr(GError) error = NULL;
  char *doc = co_export_to_string (format, tl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (g_utf8_validate (doc, -1, NULL));
  return doc;
}

static void
check_all_formats (CoTimeline     *tl,
                   const RateCase *rc,
                   Expect         *e)
{
  g_autofree char *xmeml = export_ok (CO_EXPORT_PREMIERE_XML, tl);
  g_autofree char *fcpxml = export_ok (CO_EXPORT_FCPXML, tl);
  g_autofree char *edl = export_ok (CO_EXPORT_EDL, tl);
  g_autofree char *csv = export_ok (CO_EXPORT_AUDITION_CSV, tl);
  g_autofree char *pm = export_ok (CO_EXPORT_PREMIERE_MARKERS, tl);

  check_xmeml (xmeml, rc, e);
  check_fcpxml (fcpxml, e);
  check_edl (edl, e);
  check_audition (csv, e);
  check_premiere_markers (pm, e);
}

/* Property: at every rate, random cut timelines read back from every
 * format give exactly the expected frames. */
static void
test_property_all_formats (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    for (int n = 0; n < 10; n++)
      {
        g_autoptr(Expect) e = NULL;
        gint64 duration = g_rand_int_range (rand, 10, 600) * G_GINT64_CONSTANT (1000000) +
                          g_rand_int_range (rand, 0, 1000000);
        g_autoptr(CoTimeline) tl = random_timeline (rand, &rates[r], duration, &e);

        check_all_formats (tl, &rates[r], e);
      }
}

/* A three-hour talk cut every few seconds: the last frame of every format
 * still lands exactly where the frame count says. */
static void
test_three_hours (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      g_autoptr(Expect) e = NULL;
      gint64 duration = G_GINT64_CONSTANT (3) * 3600 * 1000000;
      g_autoptr(CoTimeline) tl = random_timeline (rand, &rates[r], duration, &e);

      g_assert_cmpint (e->total, ==, frames_of (e->rate, duration));
      g_assert_cmpint (co_timeline_get_record_frames (tl), ==, record_total (e));
      check_all_formats (tl, &rates[r], e);
    }
}

/* ---- Subtitles through a timeline ---- */

static void
test_subtitles_through_cuts (void)
{
  g_autoptr(CoTimeline) tl = co_timeline_new ("/m/a.mp4", CO_RATE_INIT (25, 1), 60000000);
  g_autoptr(GPtrArray) cues = co_cue_list_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *srt = NULL;
  g_autofree char *vtt = NULL;
  const CoCue *c;

  co_timeline_add_kept_range (tl, 0, 10000000);
  co_timeline_add_kept_range (tl, 20000000, 60000000);
  g_ptr_array_add (cues, co_cue_new (1000000, 2345000, "kept & <fine>"));
  g_ptr_array_add (cues, co_cue_new (12000000, 14000000, "cut away"));
  g_ptr_array_add (cues, co_cue_new (21000123, 22000000, "moved"));
  co_timeline_set_cues (tl, cues);

  srt = export_ok (CO_EXPORT_SRT, tl);
  back = co_subtitle_parse ("out.srt", srt, -1, CO_SUBTITLE_FORMAT_SRT, NULL);
  g_assert_cmpuint (back->len, ==, 2);
  c = g_ptr_array_index (back, 1);
  /* 21.000123 s in the source is 11.000 s after the 10-second cut. */
  g_assert_cmpint (c->start_us, ==, 11000000);
  g_assert_cmpint (c->end_us, ==, 12000000);
  g_assert_cmpstr (c->text, ==, "moved");

  vtt = export_ok (CO_EXPORT_VTT, tl);
  g_clear_pointer (&back, g_ptr_array_unref);
  back = co_subtitle_parse ("out.vtt", vtt, -1, CO_SUBTITLE_FORMAT_VTT, NULL);
  g_assert_cmpstr (((CoCue *) back->pdata[0])->text, ==, "kept & <fine>");
  g_assert_cmpint (((CoCue *) back->pdata[0])->end_us, ==, 2345000);
}

/* ---- YouTube chapters ---- */

static CoTimeline *
chapter_timeline (gint64 seconds)
{
  return co_timeline_new ("/m/talk.mp4", CO_RATE_INIT (30000, 1001), seconds * 1000000);
}

static void
test_chapters (void)
{
  g_autoptr(CoTimeline) tl = chapter_timeline (4000);
  g_autofree char *text = NULL;

  co_timeline_add_marker (tl, CO_MARKER_CHAPTER, 3000000, 0, "Welcome", NULL);
  co_timeline_add_marker (tl, CO_MARKER_CHAPTER, 8000000, 0, "Too close", NULL);
  co_timeline_add_marker (tl, CO_MARKER_CUT, 30000000, 0, "not a chapter", NULL);
  co_timeline_add_marker (tl, CO_MARKER_CHAPTER, 95500000, 0, "Setup\nand tools", NULL);
  co_timeline_add_marker (tl, CO_MARKER_CHAPTER, 3725000000, 0, "Q&A", NULL);
  co_timeline_add_marker (tl, CO_MARKER_CHAPTER, 3995000000, 0, "Bye", NULL);
  text = export_ok (CO_EXPORT_CHAPTERS, tl);
  /* First moved to 0:00, "Too close" and the 5-second "Bye" merged away,
   * hours shown because the video is longer than an hour. */
  g_assert_cmpstr (text, ==, "0:00:00 Welcome\n0:01:35 Setup and tools\n1:02:05 Q&A\n");
}

static void
test_chapters_intro (void)
{
  g_autoptr(CoTimeline) tl = chapter_timeline (300);
  g_autofree char *text = NULL;

  co_timeline_add_marker (tl, CO_MARKER_CUT, 60000000, 0, "Part one", NULL);
  co_timeline_add_marker (tl, CO_MARKER_SCENE, 120000000, 0, "Part two", NULL);
  text = export_ok (CO_EXPORT_CHAPTERS, tl);
  g_assert_cmpstr (text, ==, "0:00 Intro\n1:00 Part one\n2:00 Part two\n");
}

static void
test_chapters_impossible (void)
{
  g_autoptr(CoTimeline) tl = chapter_timeline (25);
  g_autoptr(GError) error = NULL;

  co_timeline_add_marker (tl, CO_MARKER_CHAPTER, 5000000, 0, "a", NULL);
  co_timeline_add_marker (tl, CO_MARKER_CHAPTER, 12000000, 0, "b", NULL);
  co_timeline_add_marker (tl, CO_MARKER_CHAPTER, 20000000, 0, "c", NULL);
  g_assert_null (co_export_to_string (CO_EXPORT_CHAPTERS, tl, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "at least 3"));
  g_assert_nonnull (strstr (error->message, "/m/talk.mp4"));
}

/* ---- Formats, files, validation ---- */

static void
test_format_names (void)
{
  const char *names[] = { "premiere-xml", "fcpxml", "edl", "audition-csv", "premiere-markers",
                          "chapters", "srt", "vtt" };
  g_autoptr(GError) error = NULL;
  CoExportFormat f;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (co_export_format_from_name (names[i], &f, NULL));
      g_assert_cmpstr (co_export_format_to_name (f), ==, names[i]);
      g_assert_nonnull (co_export_format_get_extension (f));
    }
  g_assert_false (co_export_format_from_name ("avid", &f, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fcpxml"));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_write_file (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("exports");
  g_autofree char *path = g_build_filename (dir, "talk & co.edl", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "x.edl", NULL);
  g_autoptr(CoTimeline) tl = co_timeline_new ("/m/talk.mp4", CO_RATE_INIT (25, 1), 10000000);
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;

  g_assert_true (co_export_write (CO_EXPORT_EDL, tl, path, CO_EXPORT_FLAGS_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_true (g_str_has_prefix (content, "TITLE: talk.mp4\n"));

  /* Not overwritten unless asked, and nothing is left behind. */
  g_assert_false (co_export_write (CO_EXPORT_SRT, tl, path, CO_EXPORT_FLAGS_NONE, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_true (co_export_write_file (path, "new", -1, CO_EXPORT_FLAGS_OVERWRITE, &error));
  g_clear_pointer (&content, g_free);
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "new");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_assert_false (co_export_write (CO_EXPORT_EDL, tl, missing, CO_EXPORT_FLAGS_NONE, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "x.edl"));
}

static void
test_invalid_timelines (void)
{
  g_autoptr(CoTimeline) relative = co_timeline_new ("talk.mp4", CO_RATE_INIT (25, 1), 10000000);
  g_autoptr(CoTimeline) overlap = co_timeline_new ("/m/a.mp4", CO_RATE_INIT (25, 1), 10000000);
  g_autoptr(CoTimeline) outside = co_timeline_new ("/m/a.mp4", CO_RATE_INIT (25, 1), 10000000);
  g_autoptr(CoTimeline) nothing = co_timeline_new ("/m/a.mp4", CO_RATE_INIT (25, 1), 10000000);
  g_autoptr(CoTimeline) bad_rate = co_timeline_new ("/m/a.mp4", CO_RATE_INIT (0, 1), 10000000);
  CoTimeline *cases[] = { relative, overlap, outside, nothing, bad_rate };

  co_timeline_add_kept_range (overlap, 0, 5000000);
  co_timeline_add_kept_range (overlap, 4000000, 6000000);
  co_timeline_add_kept_range (outside, 5000000, 11000000);
  co_timeline_add_kept_range (nothing, 1000000, 1001000);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (CoExportFormat f = CO_EXPORT_PREMIERE_XML; f <= CO_EXPORT_VTT; f++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_null (co_export_to_string (f, cases[i], &error));
        g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, co_timeline_get_media_path (cases[i])));
      }
}

/* Audio-only sources get audio tracks only, and the EDL says "AA". */
static void
test_audio_only (void)
{
  g_autoptr(CoTimeline) tl = co_timeline_new ("/m/podcast.wav", CO_RATE_INIT (25, 1), 60000000);
  g_autofree char *xmeml = NULL;
  g_autofree char *edl = NULL;
  g_autoptr(Node) root = NULL;
  Node *media;

  co_timeline_set_video (tl, FALSE, 0, 0);
  xmeml = export_ok (CO_EXPORT_PREMIERE_XML, tl);
  root = xml_parse (xmeml);
  media = child (child (child (root, "xmeml"), "sequence"), "media");
  g_assert_cmpuint (media->children->len, ==, 1);
  g_assert_cmpstr (((Node *) media->children->pdata[0])->name, ==, "audio");
  edl = export_ok (CO_EXPORT_EDL, tl);
  g_assert_nonnull (strstr (edl, "001  AX       AA    C"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/export/property/all-formats", test_property_all_formats);
  g_test_add_func ("/core/export/drift/three-hours", test_three_hours);
  g_test_add_func ("/core/export/subtitles/through-cuts", test_subtitles_through_cuts);
  g_test_add_func ("/core/export/chapters/merge", test_chapters);
  g_test_add_func ("/core/export/chapters/intro", test_chapters_intro);
  g_test_add_func ("/core/export/chapters/impossible", test_chapters_impossible);
  g_test_add_func ("/core/export/format-names", test_format_names);
  g_test_add_func ("/core/export/write-file", test_write_file);
  g_test_add_func ("/core/export/invalid-timelines", test_invalid_timelines);
  g_test_add_func ("/core/export/audio-only", test_audio_only);

  return g_test_run ();
}
