/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli-deals.h"
#include "co-deals.h"

G_BEGIN_DECLS

CoStore  *co_cli_deals_open       (CoCli       *cli,
                                   int         *out_exit);
void      co_cli_deals_set_money  (JsonObject  *object,
                                   const char  *name,
                                   gint64       minor,
                                   const char  *currency);
void      co_cli_deals_print_id   (CoCli       *cli,
                                   gint64       id,
                                   const char  *format,
                                   ...) G_GNUC_PRINTF (3, 4);
int       co_cli_deals_print_report_json (CoCli   *cli,
                                          CoStore *store);

G_END_DECLS
