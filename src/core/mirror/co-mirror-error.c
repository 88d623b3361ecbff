/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-mirror-error.h"

CO_DEFINE_ERROR_QUARK (co-mirror-error-quark, co_mirror_error, CO_TYPE_MIRROR_ERROR)
