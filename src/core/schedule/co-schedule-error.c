/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-schedule-error.h"

CO_DEFINE_ERROR_QUARK (co-schedule-error-quark, co_schedule_error, CO_TYPE_SCHEDULE_ERROR)
