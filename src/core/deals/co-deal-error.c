/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-deal-error.h"
#include "co-error.h"

CO_DEFINE_ERROR_QUARK (co-deal-error-quark, co_deal_error, CO_TYPE_DEAL_ERROR)
