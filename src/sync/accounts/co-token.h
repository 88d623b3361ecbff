/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A token is renewed this long before it expires. */
#define CO_TOKEN_REFRESH_MARGIN (G_GINT64_CONSTANT (300) * G_USEC_PER_SEC)

/**
 * CoToken:
 * @access_token: what requests carry
 * @refresh_token: (nullable): what renews it
 * @expires_at: when @access_token stops working (µs since 1970, UTC), or 0 if the
 *   provider did not say
 * @scopes: (nullable): what the account allowed, %NULL-terminated
 * @token_type: (nullable): "bearer", usually
 *
 * An OAuth 2.0 token.  It is kept in the keyring only, as co_token_to_json()
 * writes it, and never logged; freeing it wipes its secrets from memory.
 */
typedef struct
{
  char   *access_token;
  char   *refresh_token;
  gint64  expires_at;
  char  **scopes;
  char   *token_type;
} CoToken;

CoToken  *co_token_new_from_response (JsonNode       *node,
                                      gint64          now,
                                      GError        **error);
CoToken  *co_token_new_from_json     (const char     *text,
                                      gint64          now,
                                      GError        **error);
char     *co_token_to_json           (const CoToken  *token);
CoToken  *co_token_copy              (const CoToken  *token);
void      co_token_free              (CoToken        *token);
void      co_token_keep_refresh      (CoToken        *fresh,
                                      const CoToken  *old);
gboolean  co_token_needs_refresh     (const CoToken  *token,
                                      gint64          now);
gboolean  co_token_is_expired        (const CoToken  *token,
                                      gint64          now);
char     *co_token_dup_scope_text    (const CoToken  *token);
void      co_secret_free             (char           *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoToken, co_token_free)

G_END_DECLS
