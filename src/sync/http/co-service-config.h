/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-platform.h"
#include "co-rate-limiter.h"

G_BEGIN_DECLS

/**
 * CoService:
 * @CO_SERVICE_X: the X API v2
 * @CO_SERVICE_LINKEDIN: LinkedIn's REST API
 * @CO_SERVICE_YOUTUBE: the YouTube Data API v3
 * @CO_SERVICE_YOUTUBE_UPLOAD: YouTube's upload endpoint
 * @CO_SERVICE_INSTAGRAM: the Instagram Graph API
 * @CO_SERVICE_OAUTH_X: X's sign-in (authorization and token endpoints)
 * @CO_SERVICE_OAUTH_LINKEDIN: LinkedIn's sign-in
 * @CO_SERVICE_OAUTH_INSTAGRAM: Instagram's (Facebook's) sign-in
 * @CO_SERVICE_OAUTH_YOUTUBE: Google's sign-in
 * @CO_SERVICE_LLM: a language model's OpenAI-compatible API (none by default)
 *
 * The services CreatorOps talks to, each at a base address that the settings
 * (key `api-base-NAME`) or the environment (`CREATOROPS_API_BASE_NAME`) may
 * change, for example to a test server.  The sign-in services follow the order
 * of #CoPlatform.
 */
typedef enum
{
  CO_SERVICE_X,
  CO_SERVICE_LINKEDIN,
  CO_SERVICE_YOUTUBE,
  CO_SERVICE_YOUTUBE_UPLOAD,
  CO_SERVICE_INSTAGRAM,
  CO_SERVICE_OAUTH_X,
  CO_SERVICE_OAUTH_LINKEDIN,
  CO_SERVICE_OAUTH_INSTAGRAM,
  CO_SERVICE_OAUTH_YOUTUBE,
  CO_SERVICE_LLM,
} CoService;

#define CO_N_SERVICES (CO_SERVICE_LLM + 1)

const char *co_service_get_name         (CoService    service);
const char *co_service_get_settings_key (CoService    service);
const char *co_service_get_env_name     (CoService    service);
CoService   co_service_for_oauth        (CoPlatform   platform);
const char *co_client_id_get_settings_key (CoPlatform  platform);
const char *co_client_id_get_env_name     (CoPlatform  platform);

/* The media host, a folder a web server publishes (for Instagram): its path
 * and its public address, in the environment or the settings
 * `media-host-folder` and `media-host-url`. */
#define CO_MEDIA_HOST_DIR_ENV "CREATOROPS_MEDIA_HOST_DIR"
#define CO_MEDIA_HOST_URL_ENV "CREATOROPS_MEDIA_HOST_URL"

/* For tests only: the platforms (names, comma-separated) whose requests the
 * client sends as fast as they come, without the pace the platform documents
 * (co-rate-limiter.c).  A fake server has no such limit, and a test that
 * starts the command line many times would otherwise wait for it.  Taken only
 * when every address of the platform is on this computer. */
#define CO_TEST_UNPACED_ENV "CREATOROPS_TEST_UNPACED"

#define CO_TYPE_SERVICE_CONFIG (co_service_config_get_type ())
G_DECLARE_FINAL_TYPE (CoServiceConfig, co_service_config, CO, SERVICE_CONFIG, GObject)

CoServiceConfig *co_service_config_new               (void);
gboolean         co_service_config_set_base          (CoServiceConfig  *self,
                                                      CoService         service,
                                                      const char       *base,
                                                      GError          **error);
const char      *co_service_config_get_base          (CoServiceConfig  *self,
                                                      CoService         service);
gboolean         co_service_config_is_overridden     (CoServiceConfig  *self,
                                                      CoService         service);
void             co_service_config_set_client_id     (CoServiceConfig  *self,
                                                      CoPlatform        platform,
                                                      const char       *client_id);
const char      *co_service_config_get_client_id     (CoServiceConfig  *self,
                                                      CoPlatform        platform);
gboolean         co_service_config_set_media_host    (CoServiceConfig  *self,
                                                      const char       *folder,
                                                      const char       *url,
                                                      GError          **error);
gboolean         co_service_config_check_media_url   (const char       *url,
                                                      GError          **error);
gboolean         co_service_config_media_host_in_environment (void);
const char      *co_service_config_get_media_folder  (CoServiceConfig  *self);
const char      *co_service_config_get_media_url     (CoServiceConfig  *self);
gboolean         co_service_config_set_unpaced       (CoServiceConfig  *self,
                                                      CoPlatform        platform,
                                                      GError          **error);
gboolean         co_service_config_is_unpaced        (CoServiceConfig  *self,
                                                      CoPlatform        platform);
void             co_service_config_pace              (CoServiceConfig  *self,
                                                      CoRateLimiter    *limiter);
gboolean         co_service_config_apply_environment (CoServiceConfig  *self,
                                                      GError          **error);
char            *co_service_config_build_url         (CoServiceConfig  *self,
                                                      CoService         service,
                                                      const char       *path);

G_END_DECLS
