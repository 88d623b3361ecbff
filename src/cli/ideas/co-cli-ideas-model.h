/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

int co_cli_ideas_model (CoCli *cli);

G_END_DECLS
