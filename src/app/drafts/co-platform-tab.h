/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-draft.h"

G_BEGIN_DECLS

#define CO_TYPE_PLATFORM_TAB (co_platform_tab_get_type ())
G_DECLARE_FINAL_TYPE (CoPlatformTab, co_platform_tab, CO, PLATFORM_TAB, GtkWidget)

GtkWidget     *co_platform_tab_new                (CoPlatform      platform,
                                                   int             hashtag_limit);
CoPlatform     co_platform_tab_get_platform       (CoPlatformTab  *self);
void           co_platform_tab_load               (CoPlatformTab  *self,
                                                   CoDraftVariant *variant,
                                                   const char     *title,
                                                   const char     *body);
void           co_platform_tab_set_base           (CoPlatformTab  *self,
                                                   const char     *title,
                                                   const char     *body);
char          *co_platform_tab_dup_title_override (CoPlatformTab  *self);
char          *co_platform_tab_dup_text_override  (CoPlatformTab  *self);
void           co_platform_tab_set_read_only      (CoPlatformTab  *self,
                                                   gboolean        read_only);
void           co_platform_tab_set_format_hint    (CoPlatformTab  *self,
                                                   const char     *summary);
GtkTextBuffer *co_platform_tab_get_buffer         (CoPlatformTab  *self);
GtkLabel      *co_platform_tab_get_counter        (CoPlatformTab  *self);
int            co_platform_tab_get_length         (CoPlatformTab  *self);
gboolean       co_platform_tab_get_over_limit     (CoPlatformTab  *self);
char          *co_platform_tab_dup_overflow       (CoPlatformTab  *self);
guint          co_platform_tab_get_n_parts        (CoPlatformTab  *self);
const char    *co_platform_tab_get_problem        (CoPlatformTab  *self);

G_END_DECLS
