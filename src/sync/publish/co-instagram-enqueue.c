/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-instagram-client.h"
#include "co-publish-call.h"
#include "co-publish-media.h"

/*
 * Queuing an Instagram post: one image (JPEG, the only format the content
 * publishing API takes, 4:5 to 1.91:1) or one Reel (3 s to 15 min).  What
 * Instagram cannot take is refused before anything is queued.  The container
 * is one operation, publishing it the next, with the caption as its marker.
 * Carousels (several files) are not written yet.
 */

static gboolean
check_image (const CoPublishMedia  *media,
             GError               **error)
{
  if (!g_str_equal (media->mime, "image/jpeg"))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” is %s; Instagram publishes JPEG images only"),
                   co_publish_media_get_name (media),
                   media->mime);
      return FALSE;
    }
  return co_publish_media_check_aspect (CO_PLATFORM_INSTAGRAM, media,
                                        CO_INSTAGRAM_IMAGE_MIN_RATIO,
                                        CO_INSTAGRAM_IMAGE_MAX_RATIO, error) &&
         co_publish_media_check_file (CO_PLATFORM_INSTAGRAM, media,
                                      CO_INSTAGRAM_MAX_IMAGE_BYTES, error);
}

static gboolean
check_reel (const CoPublishMedia  *media,
            GError               **error)
{
  if (!g_str_equal (media->mime, "video/mp4") && !g_str_equal (media->mime, "video/quicktime"))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” is %s; Instagram takes Reels as MP4 or MOV"),
                   co_publish_media_get_name (media),
                   media->mime);
      return FALSE;
    }
  return co_publish_media_check_length (CO_PLATFORM_INSTAGRAM, media,
                                        CO_INSTAGRAM_REEL_MIN_SECONDS,
                                        CO_INSTAGRAM_REEL_MAX_SECONDS, error) &&
         co_publish_media_check_aspect (CO_PLATFORM_INSTAGRAM, media,
                                        CO_INSTAGRAM_REEL_MIN_RATIO,
                                        CO_INSTAGRAM_REEL_MAX_RATIO, error) &&
         co_publish_media_check_file (CO_PLATFORM_INSTAGRAM, media,
                                      CO_INSTAGRAM_MAX_REEL_BYTES, error);
}

static gboolean
check_media (const CoPublishPost  *post,
             GError              **error)
{
  if (post->n_media != 1)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   post->n_media == 0
                     ? _("An Instagram post needs an image or a video")
                     : _("An Instagram post from CreatorOps has one image or one video; "
                         "carousels of %u files are not supported yet"), post->n_media);
      return FALSE;
    }
  if (co_publish_media_is_video (&post->media[0]))
    return check_reel (&post->media[0], error);
  return check_image (&post->media[0], error);
}

static char *
publish_payload (const char *caption)
{
  g_autoptr(JsonObject) payload = json_object_new ();

  json_object_set_string_member (payload, "caption", caption);
  return co_publish_object_to_string (payload);
}

/**
 * co_instagram_client_enqueue_publish:
 * @outbox: the outbox
 * @post: a post for Instagram: a caption and one JPEG image or one video (a Reel)
 * @error: return location for a #GError
 *
 * A #CoPublishEnqueueFunc.  Refuses what Instagram cannot take with
 * %CO_PLATFORM_ERROR_INVALID (or the caption's own error), naming the file and
 * the rule, before anything is queued.
 *
 * Returns: (transfer full) (nullable): the publishing operation
 */
CoOutboxOperation *
co_instagram_client_enqueue_publish (CoOutbox             *outbox,
                                     const CoPublishPost  *post,
                                     GError              **error)
{
  CoPlatformPost checked = { NULL, post->text, NULL, 0 };
  g_autofree char *container = NULL;
  g_autofree char *publish = NULL;
  g_autoptr(CoOutboxOperation) first = NULL;
  CoOutboxOperation *operation = NULL;
  CoPublishChain chain;

  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (post != NULL && post->text != NULL, NULL);

  if (!co_platform_check_post (CO_PLATFORM_INSTAGRAM, &checked, error) ||
      !check_media (post, error))
    return NULL;
  container = co_publish_media_to_payload (&post->media[0], "media_type",
                                           co_publish_media_is_video (&post->media[0])
                                             ? "REELS" : "IMAGE",
                                           "caption", post->text, NULL);
  publish = publish_payload (post->text);
  co_publish_chain_init (&chain, outbox, post);
  first = co_publish_chain_add (&chain, CO_INSTAGRAM_KIND_CONTAINER, container, NULL, error);
  if (first != NULL)
    operation = co_publish_chain_add (&chain, CO_INSTAGRAM_KIND_PUBLISH, publish, post->text,
                                      error);
  if (operation == NULL)
    co_publish_chain_abandon (&chain);
  co_publish_chain_clear (&chain);
  return operation;
}
