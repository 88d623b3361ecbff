/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-csv-error.h"
#include "co-error.h"

CO_DEFINE_ERROR_QUARK (co-csv-error-quark, co_csv_error, CO_TYPE_CSV_ERROR)
