/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CO_TYPE_SIDEBAR (co_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (CoSidebar, co_sidebar, CO, SIDEBAR, GtkWidget)

const char *co_sidebar_get_section (CoSidebar  *self);
void        co_sidebar_set_section (CoSidebar  *self,
                                    const char *section);
void        co_sidebar_set_count   (CoSidebar  *self,
                                    const char *section,
                                    guint       n);
const char *co_sidebar_get_count   (CoSidebar  *self,
                                    const char *section);

G_END_DECLS
