/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-manager.h"
#include "co-outbox-handler.h"
#include "co-platform.h"

G_BEGIN_DECLS

/**
 * CoPublishMedia:
 * @path: a file to attach: a stored file of the library, read where it is
 * @mime: its MIME type ("video/mp4", "image/jpeg")
 * @width: its width in pixels, or 0 when unknown
 * @height: its height in pixels, or 0 when unknown
 * @duration: its duration in µs, or 0 for a still image or when unknown
 * @name: (nullable): what messages call it (the vault item it comes from);
 *   %NULL for @path
 */
typedef struct
{
  const char *path;
  const char *mime;
  int         width;
  int         height;
  gint64      duration;
  const char *name;
} CoPublishMedia;

/**
 * CoPublishPost:
 * @draft_id: the draft it comes from, or 0
 * @platform: where it goes
 * @account_id: the account it is sent as
 * @title: (nullable): a title, for the platforms that have one (YouTube)
 * @text: the text (a post, or a video's description), already checked for
 *   @platform with co_platform_check_post(); X splits it into a thread
 * @tags: (nullable) (array zero-terminated=1): tags, for the platforms that
 *   keep them apart from the text (YouTube)
 * @privacy: (nullable): "public", "unlisted" or "private" (YouTube); %NULL for
 *   the platform's default
 * @made_for_kids: YouTube's madeForKids
 * @media: (array length=n_media) (nullable): files to attach, in order
 * @n_media: the number of files
 * @chapters: (nullable): chapter lines for a video's description
 *   ("0:00 Intro\n…"), already valid by the platform's rules
 * @not_before: when it is due (µs since 1970, UTC); 0 for at once
 * @now: the time (µs since 1970, UTC)
 *
 * One post of a draft, for one platform, as the publishing flow hands it to
 * that platform's client.  Nothing in it is a secret: the clients fetch
 * tokens from the keyring when the outbox sends.
 */
typedef struct
{
  gint64                 draft_id;
  CoPlatform             platform;
  gint64                 account_id;
  const char            *title;
  const char            *text;
  const char * const    *tags;
  const char            *privacy;
  gboolean               made_for_kids;
  const CoPublishMedia  *media;
  guint                  n_media;
  const char            *chapters;
  gint64                 not_before;
  gint64                 now;
} CoPublishPost;

/**
 * CoPublishEnqueueFunc:
 * @outbox: the outbox
 * @post: the post
 * @error: return location for a #GError
 *
 * Queues every outbox operation a post needs on its platform (uploads, the
 * post itself, a thread's replies), each after the one it needs.  Refuses
 * before queuing anything what the platform cannot take (a video too long,
 * the wrong aspect for Shorts, too many files), naming the reason.
 *
 * Returns: (transfer full) (nullable): the last operation, whose result
 *   carries the post's id and URL
 */
typedef CoOutboxOperation *(*CoPublishEnqueueFunc) (CoOutbox             *outbox,
                                                    const CoPublishPost  *post,
                                                    GError              **error);

/**
 * CoPublishHandlerNewFunc:
 * @accounts: the account manager, for tokens
 *
 * Returns: (transfer full): the outbox handler that sends a platform's kinds
 */
typedef CoOutboxHandler *(*CoPublishHandlerNewFunc) (CoAccountManager *accounts);

G_END_DECLS
