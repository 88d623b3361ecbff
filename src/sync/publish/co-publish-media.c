/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "co-publish-media.h"
#include "co-sync-error.h"

/*
 * The checks raise the platforms' own error (CO_PLATFORM_ERROR_INVALID), as
 * core's rules for text and for Shorts do: "the platform cannot take this" is
 * one error whatever part of the post breaks the rule.
 */

/** co_publish_media_is_image: @media: a file  Returns: whether it is a still image */
gboolean
co_publish_media_is_image (const CoPublishMedia *media)
{
  return media->mime != NULL && g_str_has_prefix (media->mime, "image/");
}

/** co_publish_media_is_video: @media: a file  Returns: whether it is a video */
gboolean
co_publish_media_is_video (const CoPublishMedia *media)
{
  return media->mime != NULL && g_str_has_prefix (media->mime, "video/");
}

/**
 * co_publish_media_get_name:
 * @media: a file
 *
 * Returns: what messages call it: its name, else its path
 */
const char *
co_publish_media_get_name (const CoPublishMedia *media)
{
  return media->name != NULL ? media->name : media->path;
}

/**
 * co_publish_media_check_file:
 * @platform: where it goes
 * @media: a file to attach
 * @max_bytes: the largest file the platform takes
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID naming the file
 *
 * Returns: %TRUE when the file can be read and is not too large
 */
gboolean
co_publish_media_check_file (CoPlatform             platform,
                             const CoPublishMedia  *media,
                             gint64                 max_bytes,
                             GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  if (media->path == NULL)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("A file for %s has no path"), co_platform_display_name (platform));
      return FALSE;
    }
  file = g_file_new_for_path (media->path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” cannot be sent to %s: %s"), co_publish_media_get_name (media),
                   co_platform_display_name (platform),
                   local_error != NULL ? local_error->message : _("it is not a file"));
      return FALSE;
    }
  if (g_file_info_get_size (info) > max_bytes)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” is %lld MB; %s takes files of at most %lld MB"),
                   co_publish_media_get_name (media),
                   (long long)(g_file_info_get_size (info) / 1000000),
                   co_platform_display_name (platform), (long long)(max_bytes / 1000000));
      return FALSE;
    }
  return TRUE;
}

/**
 * co_publish_media_check_length:
 * @platform: where it goes
 * @media: a video
 * @min_seconds: the shortest video the platform takes
 * @max_seconds: the longest
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID naming the file
 *
 * A video whose duration is unknown is refused: the platform would refuse it
 * later, after the upload.
 *
 * Returns: %TRUE when the video's duration is within the limits
 */
gboolean
co_publish_media_check_length (CoPlatform             platform,
                               const CoPublishMedia  *media,
                               double                 min_seconds,
                               double                 max_seconds,
                               GError               **error)
{
  double seconds = (double)media->duration / G_USEC_PER_SEC;

  if (media->duration <= 0)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The duration of “%s” is unknown; %s takes videos of %.0f s to %.0f s"),
                   media->path, co_platform_display_name (platform), min_seconds, max_seconds);
      return FALSE;
    }
  if (seconds < min_seconds || seconds > max_seconds)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("“%s” lasts %.1f s; %s takes videos of %.0f s to %.0f s"),
                   co_publish_media_get_name (media),
                   seconds, co_platform_display_name (platform), min_seconds, max_seconds);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_publish_media_check_aspect:
 * @platform: where it goes
 * @media: an image or a video
 * @min_ratio: the narrowest width / height the platform takes
 * @max_ratio: the widest
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID naming the file
 *
 * Returns: %TRUE when the file's size is unknown or its aspect within the limits
 */
gboolean
co_publish_media_check_aspect (CoPlatform             platform,
                               const CoPublishMedia  *media,
                               double                 min_ratio,
                               double                 max_ratio,
                               GError               **error)
{
  double ratio;

  /* Unknown sizes are left to the platform, which reports them on the container. */
  if (media->width <= 0 || media->height <= 0)
    return TRUE;
  ratio = (double)media->width / media->height;
  if (ratio >= min_ratio - 1e-3 && ratio <= max_ratio + 1e-3)
    return TRUE;
  g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
               _("“%s” is %d × %d pixels (%.2f:1); %s takes %.2f:1 to %.2f:1"),
               co_publish_media_get_name (media),
               media->width, media->height, ratio, co_platform_display_name (platform),
               min_ratio, max_ratio);
  return FALSE;
}

/**
 * co_publish_media_read_range:
 * @path: a file to send
 * @first: the first byte wanted
 * @last: the last byte wanted, or -1 for the end of the file
 * @error: return location for a %CO_SYNC_ERROR_PROTOCOL when the platform
 *   asked for bytes the file does not have, or the file's error
 *
 * Maps the file rather than reading it, so that a chunk of a large video
 * costs only its own pages.
 *
 * Returns: (transfer full) (nullable): the bytes @first to @last
 */
GBytes *
co_publish_media_read_range (const char  *path,
                             gint64       first,
                             gint64       last,
                             GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);
  g_autoptr(GBytes) all = NULL;
  gsize size;

  if (mapped == NULL)
    return NULL;
  all = g_mapped_file_get_bytes (mapped);
  size = g_bytes_get_size (all);
  if (last < 0)
    last = (gint64)size - 1;
  if (first < 0 || first > last || (gsize)last >= size)
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                   _("The platform asked for bytes %lld to %lld of “%s”, which has %llu"),
                   (long long)first, (long long)last, path, (unsigned long long)size);
      return NULL;
    }
  return g_bytes_new_from_bytes (all, first, last - first + 1);
}

/**
 * co_publish_media_to_payload:
 * @media: a file
 * @first_member: (nullable): the name of a string member to add, then its value,
 *   and more pairs, ending with %NULL
 * @...: the value, then more pairs
 *
 * Returns: (transfer full): an operation's payload: the file's path and MIME
 *   type, and the members given
 */
char *
co_publish_media_to_payload (const CoPublishMedia *media,
                             const char           *first_member,
                             ...)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  va_list args;

  json_object_set_string_member (object, "path", media->path);
  json_object_set_string_member (object, "mime", media->mime);
  va_start (args, first_member);
  for (const char *name = first_member; name != NULL; name = va_arg (args, const char *))
    json_object_set_string_member (object, name, va_arg (args, const char *));
  va_end (args);
  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

/**
 * co_publish_chain_init:
 * @chain: a chain to fill in
 * @outbox: the outbox
 * @post: the post it queues
 */
void
co_publish_chain_init (CoPublishChain       *chain,
                       CoOutbox             *outbox,
                       const CoPublishPost  *post)
{
  chain->outbox = outbox;
  chain->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  chain->account_id = post->account_id;
  chain->not_before = post->not_before;
  chain->now = post->now;
}

/**
 * co_publish_chain_add:
 * @chain: a chain
 * @kind: the operation's kind
 * @payload: its payload
 * @marker: (nullable): what a look-up matches
 * @error: return location for a #GError
 *
 * Queues an operation after the last one of the chain.
 *
 * Returns: (transfer full) (nullable): the operation
 */
CoOutboxOperation *
co_publish_chain_add (CoPublishChain  *chain,
                      const char      *kind,
                      const char      *payload,
                      const char      *marker,
                      GError         **error)
{
  CoOutboxRequest request = { kind, payload, NULL, marker, chain->account_id, 0, 0,
                              chain->not_before };
  CoOutboxOperation *operation;
  gint64 id;

  if (chain->ids->len > 0)
    request.after_id = g_array_index (chain->ids, gint64, chain->ids->len - 1);
  operation = co_outbox_enqueue (chain->outbox, &request, chain->now, error);
  if (operation == NULL)
    return NULL;
  id = co_outbox_operation_get_id (operation);
  g_array_append_val (chain->ids, id);
  return operation;
}

/**
 * co_publish_chain_abandon:
 * @chain: a chain that could not be queued whole
 *
 * Discards what the chain queued, so that no upload waits for a post that
 * will never come.
 */
void
co_publish_chain_abandon (CoPublishChain *chain)
{
  for (guint i = 0; i < chain->ids->len; i++)
    {
      g_autoptr(CoOutboxOperation) discarded = NULL;
      g_autoptr(GError) error = NULL;

      discarded = co_outbox_discard (chain->outbox, g_array_index (chain->ids, gint64, i),
                                     chain->now, &error);
      if (discarded == NULL)
        g_warning ("Could not discard outbox operation %" G_GINT64_FORMAT ": %s",
                   g_array_index (chain->ids, gint64, i), error->message);
    }
}

/** co_publish_chain_clear: @chain: a chain  Frees what it holds. */
void
co_publish_chain_clear (CoPublishChain *chain)
{
  g_clear_pointer (&chain->ids, g_array_unref);
}
