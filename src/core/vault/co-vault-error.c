/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-vault-error.h"

CO_DEFINE_ERROR_QUARK (co-vault-error-quark, co_vault_error, CO_TYPE_VAULT_ERROR)
