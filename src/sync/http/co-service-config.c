/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-sync-error.h"
#include "co-service-config.h"

/*
 * The addresses of the services and the OAuth client ids.  The app and the
 * CLI fill it from GSettings and the environment (the environment wins); the
 * network code reads it and never GSettings itself.  Configure it before it is
 * shared: afterwards it is only read, from any thread.
 */

typedef struct
{
  const char *name;
  const char *settings_key;
  const char *env_name;
  const char *default_base;
} ServiceInfo;

/* The language model has no default either: without one, ideas are made
 * offline (sync/ideas).  The sign-in services have no single default: each provider's authorization
 * and token endpoints are on different hosts (see sync/accounts), and a base
 * here replaces the host of both. */
static const ServiceInfo services[CO_N_SERVICES] = {
  [CO_SERVICE_X] = { "x", "api-base-x", "CREATOROPS_API_BASE_X", "https://api.x.com" },
  [CO_SERVICE_LINKEDIN] = { "linkedin", "api-base-linkedin", "CREATOROPS_API_BASE_LINKEDIN",
                            "https://api.linkedin.com" },
  [CO_SERVICE_YOUTUBE] = { "youtube", "api-base-youtube", "CREATOROPS_API_BASE_YOUTUBE",
                           "https://www.googleapis.com" },
  [CO_SERVICE_YOUTUBE_UPLOAD] = { "youtube-upload", "api-base-youtube-upload",
                                  "CREATOROPS_API_BASE_YOUTUBE_UPLOAD",
                                  "https://www.googleapis.com/upload" },
  [CO_SERVICE_INSTAGRAM] = { "instagram", "api-base-instagram", "CREATOROPS_API_BASE_INSTAGRAM",
                             "https://graph.facebook.com" },
  [CO_SERVICE_OAUTH_X] = { "oauth-x", "api-base-oauth-x", "CREATOROPS_API_BASE_OAUTH_X", NULL },
  [CO_SERVICE_OAUTH_LINKEDIN] = { "oauth-linkedin", "api-base-oauth-linkedin",
                                  "CREATOROPS_API_BASE_OAUTH_LINKEDIN", NULL },
  [CO_SERVICE_OAUTH_INSTAGRAM] = { "oauth-instagram", "api-base-oauth-instagram",
                                   "CREATOROPS_API_BASE_OAUTH_INSTAGRAM", NULL },
  [CO_SERVICE_OAUTH_YOUTUBE] = { "oauth-youtube", "api-base-oauth-youtube",
                                 "CREATOROPS_API_BASE_OAUTH_YOUTUBE", NULL },
  [CO_SERVICE_LLM] = { "llm", "api-base-llm", "CREATOROPS_API_BASE_LLM", NULL },
};

static const struct
{
  const char *settings_key;
  const char *env_name;
} client_ids[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = { "oauth-client-id-x", "CREATOROPS_OAUTH_CLIENT_ID_X" },
  [CO_PLATFORM_LINKEDIN] = { "oauth-client-id-linkedin", "CREATOROPS_OAUTH_CLIENT_ID_LINKEDIN" },
  [CO_PLATFORM_INSTAGRAM] = { "oauth-client-id-instagram",
                              "CREATOROPS_OAUTH_CLIENT_ID_INSTAGRAM" },
  [CO_PLATFORM_YOUTUBE] = { "oauth-client-id-youtube", "CREATOROPS_OAUTH_CLIENT_ID_YOUTUBE" },
};

/* The services of each platform's API, whose requests share the platform's
 * rate bucket (named like the platform). */
static const struct
{
  CoService first;
  CoService last;
} platform_apis[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = { CO_SERVICE_X, CO_SERVICE_X },
  [CO_PLATFORM_LINKEDIN] = { CO_SERVICE_LINKEDIN, CO_SERVICE_LINKEDIN },
  [CO_PLATFORM_INSTAGRAM] = { CO_SERVICE_INSTAGRAM, CO_SERVICE_INSTAGRAM },
  [CO_PLATFORM_YOUTUBE] = { CO_SERVICE_YOUTUBE, CO_SERVICE_YOUTUBE_UPLOAD },
};

struct _CoServiceConfig
{
  GObject  parent_instance;

  char    *bases[CO_N_SERVICES];
  char    *client_ids[CO_N_PLATFORMS];
  char    *media_folder;            /* where Instagram's media are put */
  char    *media_url;               /* the public address of that folder */
  guint    unpaced;                 /* 1 << CoPlatform: not paced (tests only) */
};

G_DEFINE_FINAL_TYPE (CoServiceConfig, co_service_config, G_TYPE_OBJECT)

/** co_service_get_name: @service: a service  Returns: its short name ("youtube-upload") */
const char *
co_service_get_name (CoService service)
{
  g_return_val_if_fail (service < CO_N_SERVICES, NULL);
  return services[service].name;
}

/** co_service_get_settings_key: @service: a service  Returns: its GSettings key */
const char *
co_service_get_settings_key (CoService service)
{
  g_return_val_if_fail (service < CO_N_SERVICES, NULL);
  return services[service].settings_key;
}

/** co_service_get_env_name: @service: a service  Returns: its environment variable */
const char *
co_service_get_env_name (CoService service)
{
  g_return_val_if_fail (service < CO_N_SERVICES, NULL);
  return services[service].env_name;
}

/** co_service_for_oauth: @platform: a platform  Returns: its sign-in service */
CoService
co_service_for_oauth (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, CO_SERVICE_OAUTH_X);
  return CO_SERVICE_OAUTH_X + platform;
}

/** co_client_id_get_settings_key: @platform: a platform  Returns: its client id's key */
const char *
co_client_id_get_settings_key (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return client_ids[platform].settings_key;
}

/** co_client_id_get_env_name: @platform: a platform  Returns: its client id's variable */
const char *
co_client_id_get_env_name (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return client_ids[platform].env_name;
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "localhost") == 0;
}

/* Tokens go to these addresses: plain HTTP is refused except to this very
 * computer, where tests and local proxies run. */
static const char *
why_unusable (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return _("it has no host");
  if (g_strcmp0 (scheme, "http") == 0 && !is_loopback (g_uri_get_host (uri)))
    return _("plain http is only allowed to this computer (127.0.0.1); use https");
  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    return _("it must start with https://");
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    return _("it must not hold a query, a fragment or a user name");
  return NULL;
}

static void
co_service_config_finalize (GObject *object)
{
  CoServiceConfig *self = (CoServiceConfig *)object;

  for (guint i = 0; i < CO_N_SERVICES; i++)
    g_clear_pointer (&self->bases[i], g_free);
  for (guint i = 0; i < CO_N_PLATFORMS; i++)
    g_clear_pointer (&self->client_ids[i], g_free);
  g_clear_pointer (&self->media_folder, g_free);
  g_clear_pointer (&self->media_url, g_free);

  G_OBJECT_CLASS (co_service_config_parent_class)->finalize (object);
}

static void
co_service_config_class_init (CoServiceConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_service_config_finalize;
}

static void
co_service_config_init (CoServiceConfig *self)
{
}

/**
 * co_service_config_new:
 *
 * Returns: (transfer full): a configuration with every service at its public
 *   address and no client ids
 */
CoServiceConfig *
co_service_config_new (void)
{
  return g_object_new (CO_TYPE_SERVICE_CONFIG, NULL);
}

/**
 * co_service_config_set_base:
 * @self: a #CoServiceConfig
 * @service: the service
 * @base: (nullable): its base address, or %NULL or "" for the public one
 * @error: return location for a #GError
 *
 * Points @service at another address.  Only https addresses are accepted, and
 * http ones on this computer (127.0.0.1, ::1, localhost); a trailing slash is
 * dropped.
 *
 * Returns: %TRUE if @base was taken, else %FALSE with %CO_SYNC_ERROR_CONFIG naming
 *   it and the setting
 */
gboolean
co_service_config_set_base (CoServiceConfig  *self,
                            CoService         service,
                            const char       *base,
                            GError          **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char *why;

  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), FALSE);
  g_return_val_if_fail (service < CO_N_SERVICES, FALSE);

  if (base == NULL || base[0] == '\0')
    {
      g_clear_pointer (&self->bases[service], g_free);
      return TRUE;
    }
  uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  why = uri != NULL ? why_unusable (uri) : _("it is not an address");
  if (why != NULL)
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                   _("The address “%s” for %s (%s) cannot be used: %s"), base,
                   services[service].name, services[service].env_name, why);
      return FALSE;
    }
  trimmed = g_strdup (base);
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  g_free (self->bases[service]);
  self->bases[service] = g_steal_pointer (&trimmed);
  return TRUE;
}

/**
 * co_service_config_get_base:
 * @self: a #CoServiceConfig
 * @service: the service
 *
 * Returns: (transfer none) (nullable): the base address without a trailing
 *   slash; %NULL for a sign-in service left at its provider's own endpoints
 */
const char *
co_service_config_get_base (CoServiceConfig *self,
                            CoService        service)
{
  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), NULL);
  g_return_val_if_fail (service < CO_N_SERVICES, NULL);

  return self->bases[service] != NULL ? self->bases[service] : services[service].default_base;
}

/**
 * co_service_config_is_overridden:
 * @self: a #CoServiceConfig
 * @service: the service
 *
 * Returns: %TRUE when @service is not at its public address
 */
gboolean
co_service_config_is_overridden (CoServiceConfig *self,
                                 CoService        service)
{
  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), FALSE);
  g_return_val_if_fail (service < CO_N_SERVICES, FALSE);
  return self->bases[service] != NULL;
}

/**
 * co_service_config_set_client_id:
 * @self: a #CoServiceConfig
 * @platform: the platform
 * @client_id: (nullable): the OAuth client id CreatorOps is registered under there
 *
 * A native app's client id is public (RFC 8252 §8.4); no client secret is kept.
 */
void
co_service_config_set_client_id (CoServiceConfig *self,
                                 CoPlatform       platform,
                                 const char      *client_id)
{
  g_return_if_fail (CO_IS_SERVICE_CONFIG (self));
  g_return_if_fail (platform < CO_N_PLATFORMS);

  g_free (self->client_ids[platform]);
  self->client_ids[platform] = client_id != NULL && client_id[0] != '\0' ? g_strdup (client_id)
                                                                         : NULL;
}

/**
 * co_service_config_get_client_id:
 * @self: a #CoServiceConfig
 * @platform: the platform
 *
 * Returns: (transfer none) (nullable): the client id, or %NULL if none is set
 */
const char *
co_service_config_get_client_id (CoServiceConfig *self,
                                 CoPlatform       platform)
{
  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return self->client_ids[platform];
}

/* The media host's address follows the rules of the service addresses,
 * and must be set. */
static const char *
why_media_url_unusable (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || url[0] == '\0')
    return _("it is not set");
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri == NULL ? _("it is not an address") : why_unusable (uri);
}

/**
 * co_service_config_check_media_url:
 * @url: the address at which a web server publishes the media folder
 * @error: return location for a #GError
 *
 * Checks @url by the rules co_service_config_set_media_host() applies,
 * without a folder: an https address with a host (http only on this
 * computer, for tests).
 *
 * Returns: %TRUE if @url can be the media host's address, else %FALSE
 *   with %CO_SYNC_ERROR_CONFIG naming it and why
 */
gboolean
co_service_config_check_media_url (const char  *url,
                                   GError     **error)
{
  const char *why = why_media_url_unusable (url);

  if (why != NULL)
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                   _("The public address “%s” cannot be used: %s. Instagram downloads media "
                     "only from a public https address."), url != NULL ? url : "", why);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_service_config_media_host_in_environment:
 *
 * Returns: %TRUE when `CREATOROPS_MEDIA_HOST_DIR` or `CREATOROPS_MEDIA_HOST_URL`
 *   is set: then co_service_config_apply_environment() takes the media host
 *   from the environment, over the settings
 */
gboolean
co_service_config_media_host_in_environment (void)
{
  return g_getenv (CO_MEDIA_HOST_DIR_ENV) != NULL || g_getenv (CO_MEDIA_HOST_URL_ENV) != NULL;
}

/**
 * co_service_config_set_media_host:
 * @self: a #CoServiceConfig
 * @folder: (nullable): a folder a web server publishes, or %NULL or "" for none
 * @url: (nullable): the public address of @folder
 * @error: return location for a #GError
 *
 * Instagram takes no file's bytes: it fetches each image or video from a
 * public address.  The media host is a folder a web server already
 * publishes at @url; files to post are put there (co-publish-media-host.c).
 * @folder must be an absolute path and @url an https address (http only
 * on this computer); both or neither.
 *
 * Returns: %TRUE if taken, else %FALSE with %CO_SYNC_ERROR_CONFIG naming
 *   the value, its variable and why
 */
gboolean
co_service_config_set_media_host (CoServiceConfig  *self,
                                  const char       *folder,
                                  const char       *url,
                                  GError          **error)
{
  const char *why;

  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), FALSE);

  if ((folder == NULL || folder[0] == '\0') && (url == NULL || url[0] == '\0'))
    {
      g_clear_pointer (&self->media_folder, g_free);
      g_clear_pointer (&self->media_url, g_free);
      return TRUE;
    }
  if (folder == NULL || !g_path_is_absolute (folder))
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                   _("The media folder “%s” (%s) cannot be used: it must be an absolute "
                     "path, and set together with its public address (%s)"),
                   folder != NULL ? folder : "", CO_MEDIA_HOST_DIR_ENV, CO_MEDIA_HOST_URL_ENV);
      return FALSE;
    }
  why = why_media_url_unusable (url);
  if (why != NULL)
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                   _("The public address “%s” of the media folder (%s) cannot be used: %s"),
                   url != NULL ? url : "", CO_MEDIA_HOST_URL_ENV, why);
      return FALSE;
    }
  g_free (self->media_folder);
  self->media_folder = g_strdup (folder);
  g_free (self->media_url);
  self->media_url = g_strdup (url);
  while (g_str_has_suffix (self->media_url, "/"))
    self->media_url[strlen (self->media_url) - 1] = '\0';
  return TRUE;
}

/**
 * co_service_config_get_media_folder:
 * @self: a #CoServiceConfig
 *
 * Returns: (transfer none) (nullable): the media host's folder, or %NULL
 */
const char *
co_service_config_get_media_folder (CoServiceConfig *self)
{
  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), NULL);
  return self->media_folder;
}

/**
 * co_service_config_get_media_url:
 * @self: a #CoServiceConfig
 *
 * Returns: (transfer none) (nullable): the folder's public address, without
 *   a trailing slash, or %NULL
 */
const char *
co_service_config_get_media_url (CoServiceConfig *self)
{
  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), NULL);
  return self->media_url;
}

/* The first API address of @platform that is not on this computer (where a
 * test server or a local proxy runs, never the platform itself), or NULL. */
static const char *
first_remote_base (CoServiceConfig *self,
                   CoPlatform       platform)
{
  for (CoService service = platform_apis[platform].first;
       service <= platform_apis[platform].last; service++)
    {
      const char *base = co_service_config_get_base (self, service);
      g_autoptr(GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || !is_loopback (g_uri_get_host (uri)))
        return base;
    }
  return NULL;
}

/**
 * co_service_config_set_unpaced:
 * @self: a #CoServiceConfig
 * @platform: a platform whose addresses all point at this computer
 * @error: return location for a #GError
 *
 * For tests: lets @platform's requests go out without the pace the platform
 * documents (co_service_config_pace()), since a test server has none.  What a
 * server says about waiting still holds.  Refused for a platform with an
 * address elsewhere, so that this never sends faster to the platform itself.
 *
 * Returns: %TRUE if taken, else %FALSE with %CO_SYNC_ERROR_CONFIG naming the
 *   platform, the address and %CO_TEST_UNPACED_ENV
 */
gboolean
co_service_config_set_unpaced (CoServiceConfig  *self,
                               CoPlatform        platform,
                               GError          **error)
{
  const char *remote;

  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);

  remote = first_remote_base (self, platform);
  if (remote != NULL)
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                   _("%s cannot be sent to without its rate limit (%s): it is at “%s”, and "
                     "only a test server on this computer (127.0.0.1) may be"),
                   co_platform_display_name (platform), CO_TEST_UNPACED_ENV, remote);
      return FALSE;
    }
  self->unpaced |= 1u << platform;
  return TRUE;
}

/**
 * co_service_config_is_unpaced:
 * @self: a #CoServiceConfig
 * @platform: a platform
 *
 * Returns: %TRUE when co_service_config_set_unpaced() took @platform and its
 *   addresses are still all on this computer
 */
gboolean
co_service_config_is_unpaced (CoServiceConfig *self,
                              CoPlatform       platform)
{
  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);

  return (self->unpaced & (1u << platform)) != 0 && first_remote_base (self, platform) == NULL;
}

/**
 * co_service_config_pace:
 * @self: a #CoServiceConfig
 * @limiter: the limiter of the client that talks to the services
 *
 * Lifts the documented pace of the platforms that are unpaced
 * (co_service_config_is_unpaced()); the others keep theirs.
 */
void
co_service_config_pace (CoServiceConfig *self,
                        CoRateLimiter   *limiter)
{
  g_return_if_fail (CO_IS_SERVICE_CONFIG (self));
  g_return_if_fail (CO_IS_RATE_LIMITER (limiter));

  for (guint i = 0; i < CO_N_PLATFORMS; i++)
    if (co_service_config_is_unpaced (self, i))
      co_rate_limiter_set_rate (limiter, co_platform_to_string (i), 0, 0, 1);
}

/* Of several bad variables, the first is reported. */
static void
keep_first (GError **first,
            GError **error)
{
  if (*first == NULL)
    *first = g_steal_pointer (error);
  else
    g_clear_error (error);
}

/* CREATOROPS_TEST_UNPACED: platform names, comma-separated. */
static gboolean
apply_unpaced (CoServiceConfig  *self,
               const char       *value,
               GError          **error)
{
  g_auto(GStrv) names = g_strsplit (value != NULL ? value : "", ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      CoPlatform platform;

      if (g_strstrip (names[i])[0] == '\0')
        continue;
      /* NULL: the error names the variable, which core's error cannot. */
      if (!co_platform_from_string (names[i], &platform, NULL))
        {
          g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                       _("“%s” in %s is not a platform: use x, linkedin, instagram or youtube"),
                       names[i], CO_TEST_UNPACED_ENV);
          return FALSE;
        }
      if (!co_service_config_set_unpaced (self, platform, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * co_service_config_apply_environment:
 * @self: a #CoServiceConfig
 * @error: return location for a #GError
 *
 * Takes the `CREATOROPS_API_BASE_*` and `CREATOROPS_OAUTH_CLIENT_ID_*` variables
 * that are set and not empty, and the media host (`CREATOROPS_MEDIA_HOST_DIR`
 * with `CREATOROPS_MEDIA_HOST_URL`), over what was configured before, and for tests
 * the platforms of %CO_TEST_UNPACED_ENV (co_service_config_set_unpaced()).  Every
 * variable is read even when one is bad; the first bad one is reported.
 *
 * Returns: %TRUE if all could be used, else %FALSE with %CO_SYNC_ERROR_CONFIG
 */
gboolean
co_service_config_apply_environment (CoServiceConfig  *self,
                                     GError          **error)
{
  GError *first = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (self), FALSE);

  for (guint i = 0; i < CO_N_SERVICES; i++)
    {
      const char *value = g_getenv (services[i].env_name);

      if (value != NULL && value[0] != '\0' &&
          !co_service_config_set_base (self, i, value, &local_error))
        keep_first (&first, &local_error);
    }
  for (guint i = 0; i < CO_N_PLATFORMS; i++)
    {
      const char *value = g_getenv (client_ids[i].env_name);

      if (value != NULL && value[0] != '\0')
        co_service_config_set_client_id (self, i, value);
    }
  if (co_service_config_media_host_in_environment () &&
      !co_service_config_set_media_host (self, g_getenv (CO_MEDIA_HOST_DIR_ENV),
                                         g_getenv (CO_MEDIA_HOST_URL_ENV), &local_error))
    keep_first (&first, &local_error);
  /* After the addresses, which it checks. */
  if (!apply_unpaced (self, g_getenv (CO_TEST_UNPACED_ENV), &local_error))
    keep_first (&first, &local_error);
  if (first != NULL)
    g_propagate_error (error, first);
  return first == NULL;
}

/**
 * co_service_config_build_url:
 * @self: a #CoServiceConfig
 * @service: the service
 * @path: the path under its base, starting with "/"
 *
 * Returns: (transfer full) (nullable): the full address, or %NULL for a sign-in
 *   service without a base
 */
char *
co_service_config_build_url (CoServiceConfig *self,
                             CoService        service,
                             const char      *path)
{
  const char *base = co_service_config_get_base (self, service);

  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);
  return base != NULL ? g_strconcat (base, path, NULL) : NULL;
}
