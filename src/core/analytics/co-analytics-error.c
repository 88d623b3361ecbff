/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-analytics-error.h"
#include "co-core-error-enums.h"
#include "co-error.h"

CO_DEFINE_ERROR_QUARK (co-analytics-error-quark, co_analytics_error, CO_TYPE_ANALYTICS_ERROR)
