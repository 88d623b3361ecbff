/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-sync-error-enums.h"
#include "co-sync-error.h"

CO_DEFINE_ERROR_QUARK (co-sync-error-quark, co_sync_error, CO_TYPE_SYNC_ERROR)
