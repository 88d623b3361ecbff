/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-drafts.h"
#include "co-job.h"
#include "co-mirror.h"
#include "co-vault.h"

G_BEGIN_DECLS

/**
 * CoMirrorState:
 * @CO_MIRROR_STATE_UNCONFIGURED: no server is set up
 * @CO_MIRROR_STATE_IDLE: the last sync ended well
 * @CO_MIRROR_STATE_SYNCING: a sync runs
 * @CO_MIRROR_STATE_OFFLINE: there is no network, or the server cannot be reached
 * @CO_MIRROR_STATE_ERROR: the last sync failed; the message says why
 *
 * What the cloud mirror is doing, as the window shows it.
 */
typedef enum
{
  CO_MIRROR_STATE_UNCONFIGURED,
  CO_MIRROR_STATE_IDLE,
  CO_MIRROR_STATE_SYNCING,
  CO_MIRROR_STATE_OFFLINE,
  CO_MIRROR_STATE_ERROR,
} CoMirrorState;

#define CO_TYPE_MIRROR_STATE (co_mirror_state_get_type ())
GType co_mirror_state_get_type (void);

#define CO_TYPE_MIRROR_CONTROLLER (co_mirror_controller_get_type ())
G_DECLARE_FINAL_TYPE (CoMirrorController, co_mirror_controller, CO, MIRROR_CONTROLLER, GObject)

CoMirrorController *co_mirror_controller_new           (CoVault             *vault,
                                                        CoDrafts            *drafts,
                                                        GError             **error);
CoMirror       *co_mirror_controller_get_mirror        (CoMirrorController  *self);
CoMirrorState   co_mirror_controller_get_state         (CoMirrorController  *self);
const char     *co_mirror_controller_get_message       (CoMirrorController  *self);
char           *co_mirror_controller_dup_server_url    (CoMirrorController  *self);
gint64          co_mirror_controller_get_last_sync     (CoMirrorController  *self);
guint           co_mirror_controller_get_n_conflicts   (CoMirrorController  *self);
CoJob          *co_mirror_controller_get_job           (CoMirrorController  *self);
guint           co_mirror_controller_get_n_syncs       (CoMirrorController  *self);
gboolean        co_mirror_controller_get_following     (CoMirrorController  *self);
void            co_mirror_controller_sync_now          (CoMirrorController  *self);
void            co_mirror_controller_download          (CoMirrorController  *self,
                                                        const char          *sha256);
void            co_mirror_controller_setup_async       (CoMirrorController  *self,
                                                        const char          *url,
                                                        const char          *username,
                                                        const char          *password,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean        co_mirror_controller_setup_finish      (CoMirrorController  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void            co_mirror_controller_setup_media_async (CoMirrorController  *self,
                                                        const char          *url,
                                                        const char          *access_key,
                                                        const char          *secret_key,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean        co_mirror_controller_setup_media_finish (CoMirrorController *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
char           *co_mirror_controller_dup_bucket_url    (CoMirrorController  *self);
gboolean        co_mirror_controller_resolve           (CoMirrorController  *self,
                                                        const char          *id,
                                                        CoMirrorKeep         keep,
                                                        GError             **error);
void            co_mirror_controller_stop              (CoMirrorController  *self);
char           *co_mirror_controller_dup_summary       (CoMirrorController  *self);
char           *co_mirror_controller_dup_last_sync_text (CoMirrorController *self);

G_END_DECLS
