/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-workflow-error.h"

CO_DEFINE_ERROR_QUARK (co-workflow-error-quark, co_workflow_error, CO_TYPE_WORKFLOW_ERROR)
