/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-trends-error.h"

CO_DEFINE_ERROR_QUARK (co-trends-error-quark, co_trends_error, CO_TYPE_TRENDS_ERROR)
