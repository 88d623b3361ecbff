/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *co_pkce_new_verifier  (void);
char     *co_pkce_challenge     (const char *verifier);
char     *co_oauth_new_state    (void);
gboolean  co_oauth_equal_secret (const char *a,
                                 const char *b);

G_END_DECLS
