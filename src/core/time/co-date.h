/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *co_date_parse      (const char  *text,
                               GTimeZone   *zone);
gboolean   co_date_parse_usec (const char  *text,
                               GTimeZone   *zone,
                               gint64      *out_usec);

G_END_DECLS
