/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-file-error.h"

CO_DEFINE_ERROR_QUARK (co-file-error-quark, co_file_error, CO_TYPE_FILE_ERROR)
