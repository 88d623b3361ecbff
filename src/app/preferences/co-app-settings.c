/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-app-settings.h"

/* The settings that shape what the app makes, read where the app builds
 * the options of its jobs: core and media take plain structs and never see
 * GSettings.  Without the schema (a build tree without it installed) the
 * engines' defaults apply. */

/**
 * co_app_settings_has_key:
 * @settings: (nullable): the application's settings
 * @key: a key name
 *
 * Returns: whether @settings exists and its schema has @key
 */
gboolean
co_app_settings_has_key (GSettings  *settings,
                         const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (key != NULL, FALSE);

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/**
 * co_app_settings_get_cue_rules:
 * @settings: (nullable): the application's settings
 * @rules: (out caller-allocates): the broadcast defaults with the
 *   `subtitle-max-chars`, `subtitle-max-lines` and `subtitle-max-cps` the
 *   user chose in Preferences
 */
void
co_app_settings_get_cue_rules (GSettings  *settings,
                               CoCueRules *rules)
{
  g_return_if_fail (rules != NULL);

  co_cue_rules_init (rules);
  if (!co_app_settings_has_key (settings, "subtitle-max-chars"))
    return;
  rules->max_chars_per_line = g_settings_get_int (settings, "subtitle-max-chars");
  rules->max_lines = g_settings_get_int (settings, "subtitle-max-lines");
  rules->max_cps = g_settings_get_double (settings, "subtitle-max-cps");
}

/**
 * co_app_settings_get_export_rate:
 * @settings: (nullable): the application's settings
 *
 * Returns: the `export-fps` the user chose, for exports of sources that
 *   give no frame rate; `{ 0, 0 }` (the export's own default) without settings
 */
CoRate
co_app_settings_get_export_rate (GSettings *settings)
{
  g_autofree char *text = NULL;
  CoRate rate = CO_RATE_INIT (0, 0);

  if (!co_app_settings_has_key (settings, "export-fps"))
    return rate;
  text = g_settings_get_string (settings, "export-fps");
  /* The schema's choices are all rates; NULL: nothing else can be stored. */
  if (!co_rate_parse (text, &rate, NULL))
    return CO_RATE_INIT (0, 0);
  return rate;
}
