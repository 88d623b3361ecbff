/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include "co-oauth-private.h"

/*
 * Each platform's OAuth 2.0 endpoints and the scopes CreatorOps asks for, as
 * the platforms document them.  A base set for the platform's sign-in service
 * (CREATOROPS_API_BASE_OAUTH_X…) replaces the scheme and host of both
 * endpoints and keeps their paths.
 */
static const CoOAuthProvider providers[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = {
    "https://x.com", "/i/oauth2/authorize",
    "https://api.x.com", "/2/oauth2/token",
    "tweet.read tweet.write users.read media.write offline.access", NULL,
  },
  [CO_PLATFORM_LINKEDIN] = {
    "https://www.linkedin.com", "/oauth/v2/authorization",
    "https://www.linkedin.com", "/oauth/v2/accessToken",
    "openid profile w_member_social", NULL,
  },
  /* Content publishing with Facebook Login needs the Page's engagement too, and
   * pages_show_list finds the Instagram account linked to the user's Pages. */
  [CO_PLATFORM_INSTAGRAM] = {
    "https://www.facebook.com", "/v19.0/dialog/oauth",
    "https://graph.facebook.com", "/v19.0/oauth/access_token",
    "instagram_basic,instagram_content_publish,pages_read_engagement,pages_show_list", NULL,
  },
  /* Google gives a refresh token only when asked for offline access. */
  [CO_PLATFORM_YOUTUBE] = {
    "https://accounts.google.com", "/o/oauth2/v2/auth",
    "https://oauth2.googleapis.com", "/token",
    "https://www.googleapis.com/auth/youtube.upload "
    "https://www.googleapis.com/auth/youtube.readonly",
    "access_type=offline&prompt=consent",
  },
};

const CoOAuthProvider *
_co_oauth_get_provider (CoPlatform platform)
{
  g_assert (platform < CO_N_PLATFORMS);
  return &providers[platform];
}

/**
 * co_oauth_get_authorize_path:
 * @platform: a platform
 *
 * Returns: the path of its authorization endpoint (test servers serve it)
 */
const char *
co_oauth_get_authorize_path (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return providers[platform].authorize_path;
}

/**
 * co_oauth_get_token_path:
 * @platform: a platform
 *
 * Returns: the path of its token endpoint
 */
const char *
co_oauth_get_token_path (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return providers[platform].token_path;
}

static char *
endpoint (CoServiceConfig *config,
          CoPlatform       platform,
          const char      *default_base,
          const char      *path)
{
  const char *base = co_service_config_get_base (config, co_service_for_oauth (platform));

  return g_strconcat (base != NULL ? base : default_base, path, NULL);
}

/**
 * co_oauth_dup_token_url:
 * @config: the service addresses
 * @platform: a platform
 *
 * Returns: (transfer full): the address of its token endpoint
 */
char *
co_oauth_dup_token_url (CoServiceConfig *config,
                        CoPlatform       platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return endpoint (config, platform, providers[platform].token_base,
                   providers[platform].token_path);
}

char *
_co_oauth_dup_authorize_url (CoServiceConfig *config,
                             CoPlatform       platform)
{
  return endpoint (config, platform, providers[platform].authorize_base,
                   providers[platform].authorize_path);
}
