/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-outbox-error.h"

CO_DEFINE_ERROR_QUARK (co-outbox-error-quark, co_outbox_error, CO_TYPE_OUTBOX_ERROR)
