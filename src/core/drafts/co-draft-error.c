/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-draft-error.h"

CO_DEFINE_ERROR_QUARK (co-draft-error-quark, co_draft_error, CO_TYPE_DRAFT_ERROR)
