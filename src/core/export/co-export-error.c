/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-export-error.h"

CO_DEFINE_ERROR_QUARK (co-export-error-quark, co_export_error, CO_TYPE_EXPORT_ERROR)
