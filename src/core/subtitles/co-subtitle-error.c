/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-subtitle-error.h"

CO_DEFINE_ERROR_QUARK (co-subtitle-error-quark, co_subtitle_error, CO_TYPE_SUBTITLE_ERROR)
