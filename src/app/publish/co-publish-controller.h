/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-manager.h"
#include "co-drafts.h"
#include "co-outbox.h"
#include "co-publish-outcome.h"
#include "co-scheduler.h"

G_BEGIN_DECLS

#define CO_TYPE_PUBLISH_CONTROLLER (co_publish_controller_get_type ())
G_DECLARE_FINAL_TYPE (CoPublishController, co_publish_controller, CO, PUBLISH_CONTROLLER, GObject)

CoPublishController *co_publish_controller_new            (CoStore              *store,
                                                           CoDrafts             *drafts,
                                                           GSettings            *settings,
                                                           GError              **error);
CoDrafts         *co_publish_controller_get_drafts        (CoPublishController  *self);
void              co_publish_controller_set_network_monitor (CoPublishController *self,
                                                           GNetworkMonitor     *monitor);
gboolean          co_publish_controller_get_online        (CoPublishController  *self);
guint             co_publish_controller_get_n_waiting     (CoPublishController  *self);
guint             co_publish_controller_get_n_failed      (CoPublishController  *self);
guint             co_publish_controller_get_n_passes      (CoPublishController  *self);
gboolean          co_publish_controller_get_busy          (CoPublishController  *self);

CoAccount        *co_publish_controller_find_account      (CoPublishController  *self,
                                                           CoPlatform            platform);
void              co_publish_controller_connect_async     (CoPublishController  *self,
                                                           CoPlatform            platform,
                                                           CoOAuthOpenFunc       open_func,
                                                           gpointer              open_data,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void              co_publish_controller_add_token_async   (CoPublishController  *self,
                                                           CoPlatform            platform,
                                                           const char           *token_json,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void              co_publish_controller_disconnect_async  (CoPublishController  *self,
                                                           gint64                account_id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
CoAccount        *co_publish_controller_account_finish    (CoPublishController  *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void              co_publish_controller_publish_async     (CoPublishController  *self,
                                                           gint64                draft_id,
                                                           const CoPlatform     *platforms,
                                                           guint                 n_platforms,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GPtrArray        *co_publish_controller_publish_finish    (CoPublishController  *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

GListModel       *co_publish_controller_list_outbox       (CoPublishController  *self,
                                                           GError              **error);
gboolean          co_publish_controller_retry             (CoPublishController  *self,
                                                           gint64                operation_id,
                                                           GError              **error);
gboolean          co_publish_controller_discard           (CoPublishController  *self,
                                                           gint64                operation_id,
                                                           GError              **error);
void              co_publish_controller_send_now          (CoPublishController  *self);
void              co_publish_controller_start_scheduler   (CoPublishController  *self,
                                                           CoMissedPolicy        policy,
                                                           guint                 first_delay_s);
void              co_publish_controller_set_missed_policy (CoPublishController  *self,
                                                           CoMissedPolicy        policy);
void              co_publish_controller_stop              (CoPublishController  *self);

char             *co_publish_controller_dup_error_text    (const GError         *error);

G_END_DECLS
