/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-http"

#include "config.h"

#include "co-service-settings.h"

/*
 * The service addresses and client ids the user set in the app's settings.
 * The app and the command line read them the same way, then let the
 * environment win (co_service_config_apply_environment()).
 */

static char *
dup_setting (GSettings  *settings,
             const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_get_string (settings, key);
}

/**
 * co_service_config_apply_settings:
 * @self: a configuration
 * @settings: the app's settings
 *
 * Sets each service's base address, each platform's client id and the
 * media host that @settings hold; a key the schema lacks is skipped.  An empty value keeps
 * the default.  A bad address is logged by its key and left out: it is
 * reported again, by name, when a request needs it.
 */
void
co_service_config_apply_settings (CoServiceConfig *self,
                                  GSettings       *settings)
{
  g_autofree char *folder = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CO_IS_SERVICE_CONFIG (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  for (guint i = 0; i < CO_N_SERVICES; i++)
    {
      g_autofree char *base = dup_setting (settings, co_service_get_settings_key (i));
      g_autoptr(GError) error = NULL;

      if (base != NULL && !co_service_config_set_base (self, i, base, &error))
        g_warning ("%s", error->message);
    }
  for (guint i = 0; i < CO_N_PLATFORMS; i++)
    {
      g_autofree char *id = dup_setting (settings, co_client_id_get_settings_key (i));

      if (id != NULL)
        co_service_config_set_client_id (self, i, id);
    }
  folder = dup_setting (settings, "media-host-folder");
  url = dup_setting (settings, "media-host-url");
  if (!co_service_config_set_media_host (self, folder, url, &error))
    g_warning ("%s", error->message);
}
