/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

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
