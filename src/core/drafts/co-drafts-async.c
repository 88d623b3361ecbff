/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include "co-drafts-private.h"
#include "co-task.h"

/* The drafts' calls that write, as _async/_finish pairs for the desktop. */

typedef struct
{
  gint64       id;
  CoDraftStage stage;
  CoPlatform   platform;
} Args;

static Args *
args_new (gint64       id,
          CoDraftStage stage,
          CoPlatform   platform)
{
  Args *args = g_new0 (Args, 1);

  args->id = id;
  args->stage = stage;
  args->platform = platform;
  return args;
}

static gpointer
move_work (gpointer       source,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Args *args = data;

  return co_drafts_move (source, args->id, args->stage, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/**
 * co_drafts_move_async:
 * @self: the drafts
 * @id: a draft id
 * @stage: the stage to move it to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_drafts_move() in a thread.
 */
void
co_drafts_move_async (CoDrafts            *self,
                      gint64               id,
                      CoDraftStage         stage,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (CO_IS_DRAFTS (self));

  co_task_run_async (self, co_drafts_move_async, move_work, args_new (id, stage, 0), g_free,
                     NULL, cancellable, callback, user_data);
}

/**
 * co_drafts_move_finish:
 * @self: the drafts
 * @result: the result
 * @error: return location for the error co_drafts_move() gives
 *
 * Returns: %TRUE when moved
 */
gboolean
co_drafts_move_finish (CoDrafts      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return co_task_propagate (result, self, co_drafts_move_async, error) != NULL;
}

static gpointer
delete_work (gpointer       source,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Args *args = data;

  return co_drafts_delete (source, args->id, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/**
 * co_drafts_delete_async:
 * @self: the drafts
 * @id: a draft id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_drafts_delete() in a thread.
 */
void
co_drafts_delete_async (CoDrafts            *self,
                        gint64               id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CO_IS_DRAFTS (self));

  co_task_run_async (self, co_drafts_delete_async, delete_work, args_new (id, 0, 0), g_free,
                     NULL, cancellable, callback, user_data);
}

/**
 * co_drafts_delete_finish:
 * @self: the drafts
 * @result: the result
 * @error: return location for the error co_drafts_delete() gives
 *
 * Returns: %TRUE when deleted
 */
gboolean
co_drafts_delete_finish (CoDrafts      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return co_task_propagate (result, self, co_drafts_delete_async, error) != NULL;
}

static gpointer
repurpose_work (gpointer       source,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Args *args = data;

  return _co_drafts_boxed_id (co_drafts_repurpose (source, args->id, args->platform, error));
}

/**
 * co_drafts_repurpose_async:
 * @self: the drafts
 * @id: the draft to start from
 * @platform: the platform the new draft is for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_drafts_repurpose() in a thread.
 */
void
co_drafts_repurpose_async (CoDrafts            *self,
                           gint64               id,
                           CoPlatform           platform,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (CO_IS_DRAFTS (self));

  co_task_run_async (self, co_drafts_repurpose_async, repurpose_work,
                     args_new (id, 0, platform), g_free, g_free, cancellable, callback,
                     user_data);
}

/**
 * co_drafts_repurpose_finish:
 * @self: the drafts
 * @result: the result
 * @error: return location for the error co_drafts_repurpose() gives
 *
 * Returns: the new draft's id, or 0 with @error set
 */
gint64
co_drafts_repurpose_finish (CoDrafts      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autofree gint64 *id = co_task_propagate (result, self, co_drafts_repurpose_async, error);

  return id != NULL ? *id : 0;
}
