/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of the sync layer: the network, the services and the keyring. */

#define CO_SYNC_ERROR (co_sync_error_quark ())

/**
 * CoSyncError:
 * @CO_SYNC_ERROR_OFFLINE: the network cannot be reached
 * @CO_SYNC_ERROR_HTTP: the server answered with an error status
 * @CO_SYNC_ERROR_AUTH: the account must be reconnected
 * @CO_SYNC_ERROR_RATE_LIMITED: the server asked to slow down
 * @CO_SYNC_ERROR_PROTOCOL: the server's answer could not be understood
 * @CO_SYNC_ERROR_KEYRING: the system keyring is not available
 */
typedef enum
{
  CO_SYNC_ERROR_OFFLINE,
  CO_SYNC_ERROR_HTTP,
  CO_SYNC_ERROR_AUTH,
  CO_SYNC_ERROR_RATE_LIMITED,
  CO_SYNC_ERROR_PROTOCOL,
  CO_SYNC_ERROR_KEYRING,
} CoSyncError;

GQuark co_sync_error_quark (void);

G_END_DECLS
