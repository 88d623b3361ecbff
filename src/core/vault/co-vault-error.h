/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of the vault: its items, search and trash. */

#define CO_VAULT_ERROR (co_vault_error_quark ())

/**
 * CoVaultError:
 * @CO_VAULT_ERROR_NOT_FOUND: no vault item has that id
 * @CO_VAULT_ERROR_INVALID: an argument is not acceptable (empty note, bad URL, bad tag…)
 * @CO_VAULT_ERROR_BAD_QUERY: a search query or filter cannot be understood
 * @CO_VAULT_ERROR_WRONG_STATE: the item is not in a state that allows this (e.g. restore
 *   an item that is not in the trash)
 */
typedef enum
{
  CO_VAULT_ERROR_NOT_FOUND,
  CO_VAULT_ERROR_INVALID,
  CO_VAULT_ERROR_BAD_QUERY,
  CO_VAULT_ERROR_WRONG_STATE,
} CoVaultError;

GQuark co_vault_error_quark (void);

G_END_DECLS
