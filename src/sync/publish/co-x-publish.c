/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-outbox-error.h"
#include "co-x-client.h"

/**
 * co_x_client_enqueue_publish:
 * @outbox: the outbox
 * @post: the post; its text is split into a thread when it is longer than X
 *   takes
 * @error: return location for a #GError
 *
 * The publishing flow's #CoPublishEnqueueFunc for X: queues the thread's
 * posts, each a reply sent after the one before it.  Files are refused: this
 * client does not upload media yet.
 *
 * Returns: (transfer full) (nullable): the last post's operation, or %NULL
 *   with a %CO_PLATFORM_ERROR, %CO_OUTBOX_ERROR_UNSUPPORTED or an error of
 *   co_outbox_enqueue()
 */
CoOutboxOperation *
co_x_client_enqueue_publish (CoOutbox             *outbox,
                             const CoPublishPost  *post,
                             GError              **error)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(CoOutboxOperation) last = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (post != NULL && post->platform == CO_PLATFORM_X, NULL);

  if (post->n_media > 0)
    {
      /* TODO(#14): media upload (INIT/APPEND/FINALIZE/STATUS) for X. */
      g_set_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_UNSUPPORTED,
                   _("This build cannot attach files to X posts yet; publish the text alone"));
      return NULL;
    }
  parts = co_platform_split_thread (post->text, error);
  if (parts == NULL)
    return NULL;
  for (guint i = 0; i < parts->len; i++)
    {
      const CoPlatformPart *part = parts->pdata[i];
      gint64 after = last != NULL ? co_outbox_operation_get_id (last) : 0;
      CoOutboxOperation *next = co_x_client_enqueue_post (outbox, post->account_id, part->text,
                                                          after, post->now, error);

      if (next == NULL)
        return NULL;
      g_set_object (&last, next);
      g_object_unref (next);
    }
  return g_steal_pointer (&last);
}
