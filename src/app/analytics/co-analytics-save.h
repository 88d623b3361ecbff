/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Writes what @widget shows, of the @kind it was asked for, to @path. */
typedef gboolean (*CoAnalyticsSaveFunc) (GtkWidget   *widget,
                                         const char  *kind,
                                         const char  *path,
                                         GError     **error);

void co_analytics_save_as (GtkWidget           *widget,
                           const char          *title,
                           const char          *file_name,
                           const char          *kind,
                           CoAnalyticsSaveFunc  save);

G_END_DECLS
