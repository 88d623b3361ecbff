/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"
#include "co-csv-reader.h"

G_BEGIN_DECLS

int co_cli_csv_print_report (CoCli       *cli,
                             const char  *path,
                             CoCsvReport *report);

G_END_DECLS
