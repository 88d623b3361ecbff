/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-job-queue.h"
#include "co-job.h"
#include "co-analytics-page.h"
#include "co-calendar-page.h"
#include "co-drafts-page.h"
#include "co-jobs-button.h"
#include "co-media-page.h"
#include "co-mirror-controller.h"
#include "co-mirror-indicator.h"
#include "co-network-indicator.h"
#include "co-publish-controller.h"
#include "co-vault-page.h"
#include "co-vault.h"

G_BEGIN_DECLS

#define CO_TYPE_WINDOW (co_window_get_type ())
G_DECLARE_FINAL_TYPE (CoWindow, co_window, CO, WINDOW, AdwApplicationWindow)

CoWindow     *co_window_new              (GtkApplication      *application,
                                          GSettings           *settings);
void          co_window_open_library     (CoWindow            *self,
                                          const char          *data_dir);
void          co_window_set_vault        (CoWindow            *self,
                                          CoVault             *vault);
CoVault      *co_window_get_vault        (CoWindow            *self);
gboolean      co_window_get_ready        (CoWindow            *self);
gboolean      co_window_get_failed       (CoWindow            *self);
CoVaultPage  *co_window_get_vault_page   (CoWindow            *self);
CoVaultPage  *co_window_get_trash_page   (CoWindow            *self);
CoVaultPage  *co_window_get_visible_page (CoWindow            *self);
CoMediaPage  *co_window_get_media_page   (CoWindow            *self);
CoDraftsPage *co_window_get_drafts_page  (CoWindow            *self);
CoCalendarPage *co_window_get_calendar_page (CoWindow          *self);
CoAnalyticsPage *co_window_get_analytics_page (CoWindow        *self);
CoJobsButton *co_window_get_jobs_button  (CoWindow            *self);
CoJobQueue   *co_window_get_job_queue    (CoWindow            *self);
CoMirrorController *co_window_get_mirror (CoWindow            *self);
CoMirrorIndicator *co_window_get_mirror_indicator (CoWindow       *self);
CoPublishController *co_window_get_publish (CoWindow          *self);
CoNetworkIndicator *co_window_get_network_indicator (CoWindow     *self);
gboolean      co_window_show_media       (CoWindow            *self,
                                          gint64               id);
void          co_window_show_section     (CoWindow            *self,
                                          const char          *section);
void          co_window_import_paths     (CoWindow            *self,
                                          const char * const  *paths);
void          co_window_import_files     (CoWindow            *self,
                                          GListModel          *files);
gboolean      co_window_handle_drop      (CoWindow            *self,
                                          const GValue        *value);
CoJob        *co_window_get_import_job   (CoWindow            *self);
void          co_window_add_toast        (CoWindow            *self,
                                          AdwToast            *toast);
const char   *co_window_get_last_toast   (CoWindow            *self);
const char   *co_window_find_toast       (CoWindow            *self,
                                          const char          *text,
                                          guint               *inout_seen);
gboolean      co_window_trash_current    (CoWindow            *self);
gboolean      co_window_undo_trash       (CoWindow            *self);
gboolean      co_window_save_screenshot  (CoWindow            *self,
                                          const char          *path,
                                          GError             **error);

G_END_DECLS
