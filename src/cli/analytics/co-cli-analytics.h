/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analytics.h"
#include "co-cli.h"

G_BEGIN_DECLS

/* What every analytics view reads from its options (co-cli-analytics.c). */
typedef struct
{
  char     *platform_name;
  char     *since;
  char     *until;
  char     *tz;
  char     *csv;
  gboolean  force;
  /* Read from the above by co_cli_analytics_read_view(). */
  CoPlatform        platform;
  CoAnalyticsRange  range;
  GTimeZone        *zone;
  CoStore          *store;
} CoCliAnalyticsView;

void                co_cli_analytics_view_clear   (CoCliAnalyticsView *view);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CoCliAnalyticsView, co_cli_analytics_view_clear)

gboolean            co_cli_analytics_parse        (CoCli              *cli,
                                                   CoCliAnalyticsView *view,
                                                   const GOptionEntry *more,
                                                   guint               n_args,
                                                   const char         *usage,
                                                   int                *out_exit);
int                 co_cli_analytics_write_csv    (CoCli              *cli,
                                                   CoCliAnalyticsView *view,
                                                   char               *csv);
JsonNode           *co_cli_analytics_counts_json  (const CoEngagement *counts);
char               *co_cli_analytics_format_rate  (const CoEngagement *counts);
GStrv               co_cli_analytics_counts_cells (const CoEngagement *counts);

const CoCliCommand *co_cli_analytics_get_commands (guint              *n_commands);

int                 co_cli_analytics_summary      (CoCli              *cli);
int                 co_cli_analytics_posts        (CoCli              *cli);
int                 co_cli_analytics_export_posts (CoCli              *cli);
int                 co_cli_analytics_post         (CoCli              *cli);
int                 co_cli_analytics_daily        (CoCli              *cli);

G_END_DECLS
