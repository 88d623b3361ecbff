/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-publish-call.h"
#include "co-publish-media.h"
#include "co-youtube-client.h"

/*
 * Queuing a YouTube video: what YouTube cannot take is refused before
 * anything is queued (one video, a Short's length and aspect when the post
 * says #shorts, its title, description and tags, its chapters); then the
 * video is one operation, whose payload holds the whole resource: the
 * description with the chapters after it, as YouTube reads them.
 */

/* A post marked as a Short, as YouTube reads it: #shorts in the title or
 * the description. */
static gboolean
is_short (const CoPublishPost *post)
{
  g_autofree char *title = g_utf8_strdown (post->title != NULL ? post->title : "", -1);
  g_autofree char *text = g_utf8_strdown (post->text, -1);

  return strstr (title, "#shorts") != NULL || strstr (text, "#shorts") != NULL;
}

static gboolean
check_media (const CoPublishPost  *post,
             GError              **error)
{
  const CoPublishMedia *video = post->n_media == 1 ? &post->media[0] : NULL;

  if (post->n_media == 0)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("A YouTube upload needs a video: link one to the draft with “drafts "
                     "link”, then publish again"));
      return FALSE;
    }
  if (video == NULL)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("A YouTube upload is one video, not %u files"), post->n_media);
      return FALSE;
    }
  if (!co_publish_media_is_video (video))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” is %s; a YouTube upload is a video"),
                   co_publish_media_get_name (video), video->mime);
      return FALSE;
    }
  if (is_short (post) &&
      !co_platform_check_short (video->width, video->height,
                                (double)video->duration / G_USEC_PER_SEC, error))
    return FALSE;
  return co_publish_media_check_length (CO_PLATFORM_YOUTUBE, video, 1.0,
                                        CO_YOUTUBE_VIDEO_MAX_SECONDS, error) &&
         co_publish_media_check_file (CO_PLATFORM_YOUTUBE, video, CO_YOUTUBE_MAX_VIDEO_BYTES,
                                      error);
}

static gboolean
check_privacy (const char  *privacy,
               GError     **error)
{
  static const char *const known[] = { "public", "unlisted", "private", NULL };

  if (privacy == NULL || g_strv_contains (known, privacy))
    return TRUE;
  g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
               _("“%s” is not a YouTube privacy setting; use public, unlisted or private"),
               privacy);
  return FALSE;
}

/* The text, then a blank line and the chapters. */
static char *
build_description (const CoPublishPost *post)
{
  if (post->chapters == NULL || post->chapters[0] == '\0')
    return g_strdup (post->text);
  if (post->text[0] == '\0')
    return g_strdup (post->chapters);
  return g_strconcat (post->text, "\n\n", post->chapters, NULL);
}

static gboolean
check_post (const CoPublishPost  *post,
            const char           *description,
            GError              **error)
{
  CoPlatformPost checked = { post->title, description, post->tags, 0 };

  if (post->title == NULL || post->title[0] == '\0')
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("A YouTube video needs a title"));
      return FALSE;
    }
  return check_media (post, error) && check_privacy (post->privacy, error) &&
         (post->chapters == NULL || post->chapters[0] == '\0' ||
          co_platform_check_chapters (post->chapters,
                                      (double)post->media[0].duration / G_USEC_PER_SEC, error)) &&
         co_platform_check_post (CO_PLATFORM_YOUTUBE, &checked, error);
}

static char *
build_payload (const CoPublishPost *post,
               const char          *description)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  JsonArray *tags = json_array_new ();

  json_object_set_string_member (payload, "path", post->media[0].path);
  json_object_set_string_member (payload, "mime", post->media[0].mime);
  json_object_set_string_member (payload, "title", post->title);
  json_object_set_string_member (payload, "description", description);
  for (guint i = 0; post->tags != NULL && post->tags[i] != NULL; i++)
    json_array_add_string_element (tags, post->tags[i]);
  json_object_set_array_member (payload, "tags", tags);
  /* Without a privacy, YouTube applies its own default. */
  if (post->privacy != NULL)
    json_object_set_string_member (payload, "privacy", post->privacy);
  json_object_set_boolean_member (payload, "made_for_kids", post->made_for_kids);
  return co_publish_object_to_string (payload);
}

/**
 * co_youtube_client_enqueue_publish:
 * @outbox: the outbox
 * @post: a video for YouTube: one video file, a title, the description
 *   (@post's text), tags, privacy, madeForKids, and chapters
 * @error: return location for a #GError
 *
 * A #CoPublishEnqueueFunc.  Refuses what YouTube cannot take with
 * %CO_PLATFORM_ERROR_INVALID (or the text's own error), naming the file or
 * the rule, before anything is queued: not one video, a video too long or
 * too large, no title, an unknown privacy, chapters against YouTube's rules.
 *
 * Returns: (transfer full) (nullable): the video's operation
 */
CoOutboxOperation *
co_youtube_client_enqueue_publish (CoOutbox             *outbox,
                                   const CoPublishPost  *post,
                                   GError              **error)
{
  g_autofree char *description = NULL;
  g_autofree char *payload = NULL;
  CoPublishChain chain;
  CoOutboxOperation *operation;

  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (post != NULL && post->text != NULL, NULL);

  description = build_description (post);
  if (!check_post (post, description, error))
    return NULL;
  payload = build_payload (post, description);
  co_publish_chain_init (&chain, outbox, post);
  operation = co_publish_chain_add (&chain, CO_YOUTUBE_KIND_VIDEO, payload, post->title, error);
  co_publish_chain_clear (&chain);
  return operation;
}
