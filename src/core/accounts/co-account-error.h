/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of the publishing accounts the library keeps. */

#define CO_ACCOUNT_ERROR (co_account_error_quark ())

/**
 * CoAccountError:
 * @CO_ACCOUNT_ERROR_NOT_FOUND: no account has that id
 * @CO_ACCOUNT_ERROR_INVALID: an account's details or token cannot be used as given
 *   (malformed token JSON, a missing field, an empty name)
 * @CO_ACCOUNT_ERROR_NOT_CONNECTED: the account was disconnected and must be connected
 *   before it can publish
 */
typedef enum
{
  CO_ACCOUNT_ERROR_NOT_FOUND,
  CO_ACCOUNT_ERROR_INVALID,
  CO_ACCOUNT_ERROR_NOT_CONNECTED,
} CoAccountError;

GQuark co_account_error_quark (void);

G_END_DECLS
