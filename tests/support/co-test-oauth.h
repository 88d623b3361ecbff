/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-platform.h"
#include "co-test-server.h"

G_BEGIN_DECLS

/*
 * An OAuth 2.0 provider on a CoTestServer, at the paths the platform's real
 * one uses: an authorization endpoint that sends the browser back to the
 * loopback redirect (or refuses, or answers with another state), and a token
 * endpoint that checks PKCE and either rotates refresh tokens or keeps them.
 * Faults (5xx, drops, held requests) come from the server's fault injection.
 * It remembers every token it issued, so that tests can look for them where
 * they must not be.
 */

typedef enum
{
  CO_TEST_OAUTH_ROTATE,
  CO_TEST_OAUTH_KEEP,
} CoTestOAuthRotation;

typedef struct _CoTestOAuth CoTestOAuth;

CoTestOAuth *co_test_oauth_new              (CoTestServer         *server,
                                             CoPlatform            platform,
                                             const char           *client_id);
void         co_test_oauth_free             (CoTestOAuth          *self);
void         co_test_oauth_set_rotation     (CoTestOAuth          *self,
                                             CoTestOAuthRotation   rotation);
void         co_test_oauth_set_expires_in   (CoTestOAuth          *self,
                                             int                   seconds);
void         co_test_oauth_set_code_refresh (CoTestOAuth          *self,
                                             gboolean              with_refresh);
void         co_test_oauth_set_deny         (CoTestOAuth          *self,
                                             gboolean              deny);
void         co_test_oauth_set_wrong_state  (CoTestOAuth          *self,
                                             gboolean              wrong_state);
char        *co_test_oauth_mint             (CoTestOAuth          *self,
                                             int                   expires_in);
void         co_test_oauth_revoke_refresh   (CoTestOAuth          *self);
void         co_test_oauth_revoke_access    (CoTestOAuth          *self);
gboolean     co_test_oauth_accepts          (CoTestOAuth          *self,
                                             const char           *access_token);
guint        co_test_oauth_count_grants     (CoTestOAuth          *self,
                                             const char           *grant_type);
GPtrArray   *co_test_oauth_get_issued       (CoTestOAuth          *self);
const char  *co_test_oauth_get_last_refresh (CoTestOAuth          *self);
void         co_test_oauth_browse           (CoTestOAuth          *self,
                                             const char           *authorize_uri);
gboolean     co_test_oauth_browsed          (CoTestOAuth          *self,
                                             guint                *out_status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoTestOAuth, co_test_oauth_free)

G_END_DECLS
