/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-publish-call.h"
#include "co-publish-media.h"
#include "co-x-client.h"

/*
 * Queuing a post for X: what X cannot take is refused before anything is
 * queued; the text is split into a numbered thread; each file is an upload
 * operation, one after the other; the thread's first post comes after them,
 * naming their operations, and each reply after the post it answers.
 */

static gboolean
check_file (const CoPublishMedia  *media,
            GError               **error)
{
  static const char *const images[] = { "image/jpeg", "image/png", "image/webp", NULL };

  if (co_publish_media_is_video (media))
    {
      if (!g_str_equal (media->mime, "video/mp4") && !g_str_equal (media->mime, "video/quicktime"))
        {
          g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                       _("“%s” is %s; X takes MP4 and MOV videos"),
                       co_publish_media_get_name (media), media->mime);
          return FALSE;
        }
      return co_publish_media_check_length (CO_PLATFORM_X, media, CO_X_VIDEO_MIN_SECONDS,
                                            CO_X_VIDEO_MAX_SECONDS, error) &&
             co_publish_media_check_file (CO_PLATFORM_X, media, CO_X_MAX_VIDEO_BYTES, error);
    }
  if (g_strcmp0 (media->mime, "image/gif") == 0)
    return co_publish_media_check_file (CO_PLATFORM_X, media, CO_X_MAX_GIF_BYTES, error);
  if (media->mime == NULL || !g_strv_contains (images, media->mime))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” is %s; X takes JPEG, PNG, WebP and GIF images and MP4 videos"),
                   co_publish_media_get_name (media),
                   media->mime != NULL ? media->mime : _("of an unknown type"));
      return FALSE;
    }
  return co_publish_media_check_file (CO_PLATFORM_X, media, CO_X_MAX_IMAGE_BYTES, error);
}

static gboolean
check_media (const CoPublishPost  *post,
             GError              **error)
{
  guint moving = 0;

  for (guint i = 0; i < post->n_media; i++)
    moving += co_publish_media_is_video (&post->media[i]) ||
              g_strcmp0 (post->media[i].mime, "image/gif") == 0;
  if (moving > 0 && post->n_media > 1)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("An X post has one video or GIF, or up to %d images, not %u files"),
                   CO_X_MAX_IMAGES, post->n_media);
      return FALSE;
    }
  if (post->n_media > CO_X_MAX_IMAGES)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("An X post has at most %d images, not %u"), CO_X_MAX_IMAGES, post->n_media);
      return FALSE;
    }
  for (guint i = 0; i < post->n_media; i++)
    if (!check_file (&post->media[i], error))
      return FALSE;
  return TRUE;
}

static char *
build_payload (const char *text,
               GArray     *uploads)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  JsonArray *media = json_array_new ();

  json_object_set_string_member (payload, "text", text);
  for (guint i = 0; uploads != NULL && i < uploads->len; i++)
    json_array_add_int_element (media, g_array_index (uploads, gint64, i));
  json_object_set_array_member (payload, "media", media);
  return co_publish_object_to_string (payload);
}

static CoOutboxOperation *
enqueue_chain (CoPublishChain       *chain,
               const CoPublishPost  *post,
               GPtrArray            *parts,
               GError              **error)
{
  g_autoptr(CoOutboxOperation) last = NULL;

  for (guint i = 0; i < post->n_media; i++)
    {
      g_autofree char *upload = co_publish_media_to_payload (&post->media[i], NULL);
      g_autoptr(CoOutboxOperation) operation = NULL;

      operation = co_publish_chain_add (chain, CO_X_KIND_MEDIA, upload, NULL, error);
      if (operation == NULL)
        return NULL;
    }
  for (guint i = 0; i < parts->len; i++)
    {
      const char *text = ((CoPlatformPart *)g_ptr_array_index (parts, i))->text;
      g_autofree char *payload = build_payload (text, i == 0 ? chain->ids : NULL);

      g_clear_object (&last);
      last = co_publish_chain_add (chain, CO_X_KIND_POST, payload, text, error);
      if (last == NULL)
        return NULL;
    }
  return g_steal_pointer (&last);
}

/**
 * co_x_client_enqueue_publish:
 * @outbox: the outbox
 * @post: a post for X: its text, split into a numbered thread when it is
 *   long, and up to %CO_X_MAX_IMAGES images or one video or GIF, attached to
 *   the thread's first post
 * @error: return location for a #GError
 *
 * A #CoPublishEnqueueFunc.  Refuses what X cannot take with
 * %CO_PLATFORM_ERROR_INVALID (or the text's own error), naming the file and
 * the rule, before anything is queued.
 *
 * Returns: (transfer full) (nullable): the thread's last post's operation
 */
CoOutboxOperation *
co_x_client_enqueue_publish (CoOutbox             *outbox,
                             const CoPublishPost  *post,
                             GError              **error)
{
  g_autoptr(GPtrArray) parts = NULL;
  CoPublishChain chain;
  CoOutboxOperation *operation;

  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (post != NULL && post->text != NULL, NULL);

  if (!check_media (post, error) || (parts = co_platform_split_thread (post->text, error)) == NULL)
    return NULL;
  co_publish_chain_init (&chain, outbox, post);
  operation = enqueue_chain (&chain, post, parts, error);
  if (operation == NULL)
    co_publish_chain_abandon (&chain);
  co_publish_chain_clear (&chain);
  return operation;
}
