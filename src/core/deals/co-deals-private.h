/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-deals.h"
#include "co-store-private.h"

G_BEGIN_DECLS

char     *_co_deals_check_title (const char   *what,
                                 const char   *title,
                                 GError      **error);
gboolean  _co_deals_not_found   (CoStore      *store,
                                 int           rc,
                                 const char   *what,
                                 gint64        id,
                                 GError      **error);
gboolean  _co_deals_read        (CoStore      *store,
                                 sqlite3_stmt *stmt,
                                 CoDeal       *out_deal);

G_END_DECLS
