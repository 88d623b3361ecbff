/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-oauth.h"

G_BEGIN_DECLS

typedef struct
{
  const char *authorize_base;
  const char *authorize_path;
  const char *token_base;
  const char *token_path;
  const char *scopes;
  const char *extra_query;
} CoOAuthProvider;

const CoOAuthProvider *_co_oauth_get_provider      (CoPlatform        platform);
char                  *_co_oauth_dup_authorize_url (CoServiceConfig  *config,
                                                    CoPlatform        platform);

G_END_DECLS
