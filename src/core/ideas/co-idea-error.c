/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-idea-error.h"

CO_DEFINE_ERROR_QUARK (co-idea-error-quark, co_idea_error, CO_TYPE_IDEA_ERROR)
