/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-linkedin-client.h"
#include "co-publish-call.h"
#include "co-publish-media.h"

/*
 * Queuing a LinkedIn post: what LinkedIn cannot take is refused before
 * anything is queued; then each file is an upload operation, one after the
 * other, and the post comes last, with the uploads' operations in its payload
 * and its commentary (in LinkedIn's "little text" format) as its marker.
 */

static gboolean
check_image (const CoPublishMedia  *media,
             GError               **error)
{
  static const char *const types[] = { "image/jpeg", "image/png", "image/gif", NULL };

  if (!g_strv_contains (types, media->mime))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” is %s; LinkedIn takes JPEG, PNG and GIF images"),
                   co_publish_media_get_name (media),
                   media->mime);
      return FALSE;
    }
  return co_publish_media_check_file (CO_PLATFORM_LINKEDIN, media, CO_LINKEDIN_MAX_IMAGE_BYTES,
                                      error);
}

static gboolean
check_video (const CoPublishMedia  *media,
             GError               **error)
{
  if (!g_str_equal (media->mime, "video/mp4"))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” is %s; LinkedIn takes MP4 videos"),
                   co_publish_media_get_name (media), media->mime);
      return FALSE;
    }
  return co_publish_media_check_length (CO_PLATFORM_LINKEDIN, media,
                                        CO_LINKEDIN_VIDEO_MIN_SECONDS,
                                        CO_LINKEDIN_VIDEO_MAX_SECONDS, error) &&
         co_publish_media_check_file (CO_PLATFORM_LINKEDIN, media, CO_LINKEDIN_MAX_VIDEO_BYTES,
                                      error);
}

static gboolean
check_media (const CoPublishPost  *post,
             GError              **error)
{
  guint videos = 0;

  for (guint i = 0; i < post->n_media; i++)
    videos += co_publish_media_is_video (&post->media[i]);
  if (videos > 0 && post->n_media > 1)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("A LinkedIn post has one video or images, not %u files with a video"),
                   post->n_media);
      return FALSE;
    }
  if (post->n_media > CO_LINKEDIN_MAX_IMAGES)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("A LinkedIn post has at most %d images, not %u"), CO_LINKEDIN_MAX_IMAGES,
                   post->n_media);
      return FALSE;
    }
  for (guint i = 0; i < post->n_media; i++)
    {
      const CoPublishMedia *media = &post->media[i];

      if (co_publish_media_is_video (media) ? !check_video (media, error)
                                            : !check_image (media, error))
        return FALSE;
    }
  return TRUE;
}

static char *
build_payload (const char *text,
               const char *commentary,
               GArray     *uploads)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  JsonArray *media = json_array_new ();

  json_object_set_string_member (payload, "text", text);
  json_object_set_string_member (payload, "commentary", commentary);
  for (guint i = 0; i < uploads->len; i++)
    json_array_add_int_element (media, g_array_index (uploads, gint64, i));
  json_object_set_array_member (payload, "media", media);
  return co_publish_object_to_string (payload);
}

static CoOutboxOperation *
enqueue_chain (CoPublishChain       *chain,
               const CoPublishPost  *post,
               const char           *commentary,
               GError              **error)
{
  g_autofree char *payload = NULL;

  for (guint i = 0; i < post->n_media; i++)
    {
      const CoPublishMedia *media = &post->media[i];
      g_autofree char *upload = co_publish_media_to_payload (media, NULL);
      g_autoptr(CoOutboxOperation) operation = NULL;

      operation = co_publish_chain_add (chain, co_publish_media_is_video (media)
                                                 ? CO_LINKEDIN_KIND_VIDEO
                                                 : CO_LINKEDIN_KIND_IMAGE,
                                        upload, NULL, error);
      if (operation == NULL)
        return NULL;
    }
  payload = build_payload (post->text, commentary, chain->ids);
  return co_publish_chain_add (chain, CO_LINKEDIN_KIND_POST, payload, commentary, error);
}

/**
 * co_linkedin_client_enqueue_publish:
 * @outbox: the outbox
 * @post: a post for LinkedIn: text, and one MP4 video or up to
 *   %CO_LINKEDIN_MAX_IMAGES JPEG, PNG or GIF images
 * @error: return location for a #GError
 *
 * A #CoPublishEnqueueFunc.  Refuses what LinkedIn cannot take with
 * %CO_PLATFORM_ERROR_INVALID (or the text's own error), naming the file and the
 * rule, before anything is queued.
 *
 * Returns: (transfer full) (nullable): the post's operation
 */
CoOutboxOperation *
co_linkedin_client_enqueue_publish (CoOutbox             *outbox,
                                    const CoPublishPost  *post,
                                    GError              **error)
{
  CoPlatformPost checked = { NULL, post->text, NULL, 0 };
  g_autofree char *commentary = NULL;
  CoPublishChain chain;
  CoOutboxOperation *operation;

  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (post != NULL && post->text != NULL, NULL);

  if (!co_platform_check_post (CO_PLATFORM_LINKEDIN, &checked, error) ||
      !check_media (post, error) ||
      (commentary = co_platform_linkedin_little_text (post->text, NULL, 0, error)) == NULL)
    return NULL;
  co_publish_chain_init (&chain, outbox, post);
  operation = enqueue_chain (&chain, post, commentary, error);
  if (operation == NULL)
    co_publish_chain_abandon (&chain);
  co_publish_chain_clear (&chain);
  return operation;
}
