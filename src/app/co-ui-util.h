/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-job.h"
#include "co-platform.h"

#include "co-vault-item.h"
#include "co-vault.h"

G_BEGIN_DECLS

const char *co_ui_type_icon_name      (CoVaultType  type);
const char *co_ui_type_label          (CoVaultType  type);
char       *co_ui_format_date         (gint64       usec);
char       *co_ui_describe_item       (CoVaultItem *item);
gboolean    co_ui_focus_is_editable   (GtkWindow   *window);
gboolean    co_ui_save_screenshot     (GtkWidget   *self,
                                       const char  *path,
                                       GError     **error);
void        co_ui_show_job_message    (GtkLabel    *label,
                                       CoJob       *job);
void        co_ui_toast               (GtkWidget   *widget,
                                       const char  *text);
GListModel *co_ui_platform_filter_new (void);
gboolean    co_ui_platform_filter_get (GtkDropDown *dropdown,
                                       CoPlatform  *out_platform);

G_END_DECLS
