/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "co-account-error.h"
#include "co-platform.h"

G_BEGIN_DECLS

/**
 * CoAccountState:
 * @CO_ACCOUNT_CONNECTED: a token is in the keyring and was last seen working
 * @CO_ACCOUNT_RECONNECT: the platform refused the token or its renewal; the user must
 *   sign in again
 * @CO_ACCOUNT_DISCONNECTED: the user disconnected it; its token was removed
 *
 * Stored by name (co_account_state_to_string()).
 */
typedef enum
{
  CO_ACCOUNT_CONNECTED,
  CO_ACCOUNT_RECONNECT,
  CO_ACCOUNT_DISCONNECTED,
} CoAccountState;

const char  *co_account_state_to_string  (CoAccountState  state);
gboolean     co_account_state_from_string (const char     *name,
                                           CoAccountState *out_state);

#define CO_TYPE_ACCOUNT (co_account_get_type ())
G_DECLARE_FINAL_TYPE (CoAccount, co_account, CO, ACCOUNT, GObject)

gint64          co_account_get_id           (CoAccount *self);
CoPlatform      co_account_get_platform     (CoAccount *self);
const char     *co_account_get_remote_id    (CoAccount *self);
const char     *co_account_get_display_name (CoAccount *self);
CoAccountState  co_account_get_state        (CoAccount *self);
gint64          co_account_get_created_at   (CoAccount *self);
gint64          co_account_get_checked_at   (CoAccount *self);
JsonNode       *co_account_to_json          (CoAccount *self);

G_END_DECLS
