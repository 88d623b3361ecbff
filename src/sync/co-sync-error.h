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
 * @CO_SYNC_ERROR_TLS: the server's certificate could not be verified; nothing was sent
 * @CO_SYNC_ERROR_UNCERTAIN: the request was sent but no answer came back (a timeout, a
 *   dropped connection, a gateway error): the server may or may not have done it
 * @CO_SYNC_ERROR_REJECTED: the server refused the request as it stands (a 4xx status
 *   other than 401 and 429); sending it again unchanged will not help
 * @CO_SYNC_ERROR_OAUTH: signing in to the account did not complete (refused, or an
 *   answer that did not match the request)
 * @CO_SYNC_ERROR_CONFIG: a service address or client id in the settings or the
 *   environment is not usable
 */
typedef enum
{
  CO_SYNC_ERROR_OFFLINE,
  CO_SYNC_ERROR_HTTP,
  CO_SYNC_ERROR_AUTH,
  CO_SYNC_ERROR_RATE_LIMITED,
  CO_SYNC_ERROR_PROTOCOL,
  CO_SYNC_ERROR_KEYRING,
  CO_SYNC_ERROR_TLS,
  CO_SYNC_ERROR_UNCERTAIN,
  CO_SYNC_ERROR_REJECTED,
  CO_SYNC_ERROR_OAUTH,
  CO_SYNC_ERROR_CONFIG,
} CoSyncError;

GQuark co_sync_error_quark (void);

G_END_DECLS
