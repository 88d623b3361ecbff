/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "co-account.h"

G_BEGIN_DECLS

/* The columns _co_account_new_from_row() reads, in order. */
#define CO_ACCOUNT_COLUMNS \
  "id, platform, remote_id, display_name, state, created_at, checked_at"

CoAccount *_co_account_new_from_row (sqlite3_stmt *stmt);

G_END_DECLS
