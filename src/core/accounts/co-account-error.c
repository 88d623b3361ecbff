/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-account-error.h"
#include "co-core-error-enums.h"
#include "co-error.h"

CO_DEFINE_ERROR_QUARK (co-account-error-quark, co_account_error, CO_TYPE_ACCOUNT_ERROR)
