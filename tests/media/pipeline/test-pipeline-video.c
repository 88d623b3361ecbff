/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
/* glibc's own malloc, which a sanitizer replaces. */
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define GLIBC_MALLOC 1
#include <malloc.h>
#endif

#include <gst/app/gstappsink.h>

#include "co-media.h"
#include "co-media-error.h"
#include "co-pipeline.h"
#include "co-test-media.h"
#include "co-test-util.h"

/*
 * The pipeline that decodes frames for thumbnails and the scene pass's
 * picture checks (co-pipeline-video.c): it decodes the video and nothing
 * else, keeps no queue of decoded frames in front of the appsink, and
 * fails at once on a file without video.
 */

#define CAPS "video/x-raw,format={I420,NV12,Y42B,Y444,GRAY8}"

static char *
write_talk (const char *dir)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MP4, .duration = 2, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_CIRCLES };

  return co_test_media_write_video (dir, "talk.mp4", &spec);
}

/* Every element in @bin and the bins inside it, in a new list. */
static GList *
all_elements (GstElement *bin)
{
  g_autoptr(GstIterator) it = gst_bin_iterate_recurse (GST_BIN (bin));
  GValue item = G_VALUE_INIT;
  GList *elements = NULL;

  while (gst_iterator_next (it, &item) == GST_ITERATOR_OK)
    {
      elements = g_list_prepend (elements, g_value_dup_object (&item));
      g_value_reset (&item);
    }
  g_value_unset (&item);
  return elements;
}

static gboolean
has_klass (GstElement *element,
           const char *a,
           const char *b)
{
  const char *klass = gst_element_get_metadata (element, GST_ELEMENT_METADATA_KLASS);

  return klass != NULL && strstr (klass, a) != NULL && strstr (klass, b) != NULL;
}

static void
test_only_video_decoded (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("pipeline-video");
  g_autofree char *path = write_talk (dir);
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoPipeline) pipeline = co_pipeline_new_video (path, CAPS, &sink, &error);
  g_autoptr(GstSample) sample = NULL;
  GList *elements;
  guint video_decoders = 0, audio_decoders = 0, queues = 0;

  g_assert_no_error (error);
  g_assert_true (co_pipeline_preroll (pipeline, NULL, &error));
  g_assert_no_error (error);
  sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (sink), 5 * GST_SECOND);
  g_assert_nonnull (sample);

  elements = all_elements (co_pipeline_get_element (pipeline));
  for (GList *l = elements; l != NULL; l = l->next)
    {
      video_decoders += has_klass (l->data, "Decoder", "Video");
      audio_decoders += has_klass (l->data, "Decoder", "Audio");
      /* A queue of decoded frames (not the demuxer's multiqueue, which
       * holds compressed data) would make the decoder work ahead of the
       * frames pulled, and a seek throw that work away. */
      queues += g_str_equal (G_OBJECT_TYPE_NAME (l->data), "GstQueue");
    }
  g_list_free_full (elements, gst_object_unref);
  g_assert_cmpuint (video_decoders, ==, 1);
  g_assert_cmpuint (audio_decoders, ==, 0);
  g_assert_cmpuint (queues, ==, 0);
}

static void
test_no_video (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("pipeline-video");
  g_autofree char *path = co_test_media_write_audio (dir, "tone.wav", CO_TEST_AUDIO_WAV, 1.0);
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoPipeline) pipeline = co_pipeline_new_video (path, CAPS, &sink, &error);

  g_assert_no_error (error);
  /* Without its own error, the appsink would wait for a first frame until
   * the limit. */
  co_pipeline_set_wait_limit (pipeline, 60);
  g_assert_false (co_pipeline_preroll (pipeline, NULL, &error));
  g_assert_true (error->domain == CO_MEDIA_ERROR);
  g_assert_nonnull (strstr (error->message, "no video stream"));
  g_assert_nonnull (strstr (error->message, "tone.wav"));
}

#ifdef GLIBC_MALLOC
/* The decoders' tables, freed and allocated again at every seek, stay in
 * the process once the scene pass has asked to keep freed memory: 12 MiB
 * in blocks of 512 KiB come from an arena, not mappings of their own, and
 * freeing them gives nothing back to the kernel.  (With glibc's defaults
 * either may happen, depending on what the process freed before.) */
static void
allocate_and_free (void)
{
  struct mallinfo2 before, held, after;
  void *blocks[24];

  before = mallinfo2 ();
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      blocks[i] = malloc (512 << 10);
      memset (blocks[i], 1, 512 << 10);
    }
  held = mallinfo2 ();
  for (guint i = G_N_ELEMENTS (blocks); i-- > 0;)
    free (blocks[i]);
  after = mallinfo2 ();
  g_test_message ("mapped %zu -> %zu, arena %zu -> %zu -> %zu", before.hblkhd, held.hblkhd,
                  before.arena, held.arena, after.arena);
  g_assert_cmpuint (held.hblkhd, ==, before.hblkhd);
  g_assert_cmpuint (after.arena, ==, held.arena);
}

static gpointer
allocate_in_thread (gpointer data)
{
  allocate_and_free ();
  return NULL;
}

static void
test_keep_freed_memory (void)
{
  if (g_test_subprocess ())
    {
      co_media_keep_freed_memory ();
      allocate_and_free ();
      /* A decoder's own thread has an arena of its own. */
      g_thread_join (g_thread_new ("decoder", allocate_in_thread, NULL));
      return;
    }
  g_unsetenv ("GLIBC_TUNABLES");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}
#endif

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);
  co_test_media_init ();
  g_test_add_func ("/media/pipeline/video/only-video-decoded", test_only_video_decoded);
  g_test_add_func ("/media/pipeline/video/no-video", test_no_video);
#ifdef GLIBC_MALLOC
  g_test_add_func ("/media/pipeline/keep-freed-memory", test_keep_freed_memory);
#endif
  return g_test_run ();
}
