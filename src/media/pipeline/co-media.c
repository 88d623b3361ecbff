/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <stdlib.h>             /* defines __GLIBC__ with glibc */
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <gst/gst.h>

#include "co-media.h"

/**
 * co_media_init:
 *
 * Initialises GStreamer once for the process.  Every public entry point of
 * the media layer calls it, so callers need not; it is safe from any thread.
 */
void
co_media_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      /* The application and the CLI parse their own options; GStreamer's
       * are read from the environment (GST_DEBUG…) only. */
      gst_init (NULL, NULL);
      g_once_init_leave (&initialised, 1);
    }
}

/**
 * co_media_best_factory:
 * @type: the kinds of element wanted
 * @caps: what the element must take on its sink pad
 * @subset: whether it must take all of @caps (else some)
 *
 * Chooses as decodebin would: the factory of the highest rank.
 *
 * Returns: (transfer full) (nullable): the factory, or %NULL if none fits
 */
GstElementFactory *
co_media_best_factory (GstElementFactoryListType  type,
                       GstCaps                   *caps,
                       gboolean                   subset)
{
  GList *all = gst_element_factory_list_get_elements (type, GST_RANK_MARGINAL);
  GList *fit = gst_element_factory_list_filter (all, caps, GST_PAD_SINK, subset);
  GstElementFactory *best = NULL;

  fit = g_list_sort (fit, gst_plugin_feature_rank_compare_func);
  if (fit != NULL)
    best = gst_object_ref (fit->data);
  gst_plugin_feature_list_free (fit);
  gst_plugin_feature_list_free (all);
  return best;
}

/**
 * co_media_factory_src_caps:
 * @factory: an element factory
 *
 * Returns: (transfer full) (nullable): what the always-present source pad
 *   of @factory's elements can give
 */
GstCaps *
co_media_factory_src_caps (GstElementFactory *factory)
{
  for (const GList *l = gst_element_factory_get_static_pad_templates (factory); l != NULL;
       l = l->next)
    {
      GstStaticPadTemplate *templ = l->data;

      if (templ->direction == GST_PAD_SRC && templ->presence == GST_PAD_ALWAYS)
        return gst_static_pad_template_get_caps (templ);
    }
  return NULL;
}

/**
 * co_media_keep_freed_memory:
 *
 * Tunes glibc's malloc, for the rest of the process, to keep memory that
 * decoders free and allocate again at every seek.  libavcodec's H.264
 * decoder drops all its tables on a flush and allocates them zeroed after
 * it; with glibc's defaults the freed top of the decoding thread's arena
 * may go back to the kernel each time, and every page of the next tables
 * is then faulted in and zeroed again.  Each arena then keeps up to 16 MiB
 * of freed memory, and blocks up to 4 MiB (a 1080p frame) come from the
 * arenas rather than being mapped one by one.
 *
 * Only what seeks through video many times calls it (the scene pass's
 * picture checks): it costs a few MiB of resident memory, which the sound
 * analysis, reading straight through, does not pay.  Settings the user made
 * through GLIBC_TUNABLES stay as they are.  Safe from any thread.
 */
void
co_media_keep_freed_memory (void)
{
#ifdef __GLIBC__
  static gsize tuned = 0;

  if (g_once_init_enter (&tuned))
    {
      if (g_getenv ("GLIBC_TUNABLES") == NULL)
        {
          mallopt (M_MMAP_THRESHOLD, 4 * 1024 * 1024);
          mallopt (M_TRIM_THRESHOLD, 16 * 1024 * 1024);
        }
      g_once_init_leave (&tuned, 1);
    }
#endif
}
