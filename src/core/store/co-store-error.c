/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-store-error.h"

CO_DEFINE_ERROR_QUARK (co-store-error-quark, co_store_error, CO_TYPE_STORE_ERROR)
