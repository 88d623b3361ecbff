/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-analysis.h"

G_BEGIN_DECLS

#define CO_TYPE_FILMSTRIP (co_filmstrip_get_type ())
G_DECLARE_FINAL_TYPE (CoFilmstrip, co_filmstrip, CO, FILMSTRIP, GtkBox)

void co_filmstrip_set_source (CoFilmstrip      *self,
                              const char       *path,
                              const CoAnalysis *analysis);

G_END_DECLS
