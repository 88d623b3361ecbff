/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-llm-preferences.h"
#include "co-media-host-preferences.h"
#include "co-media-preferences.h"

/* The Media page of the Preferences: what the app makes by default.  The
 * analysis knobs, the subtitle rules, the export frame rate, how many jobs
 * run at once, what posts do and where Instagram's media are put; the jobs
 * that make these things read the same keys (co-app-settings.c,
 * co-app-jobs.c).
 *
 * Each control is named after its key in the .ui file and bound to it by
 * that name, so a control and its key cannot drift apart, and opening the
 * page writes nothing: the ranges of the controls are those of the schema. */

struct _CoMediaPreferences
{
  AdwPreferencesPage  parent_instance;

  /* Owned. */
  GSettings          *settings;
};

G_DEFINE_FINAL_TYPE (CoMediaPreferences, co_media_preferences, ADW_TYPE_PREFERENCES_PAGE)

/* A combo row lists a key's choices in the schema's order. */

static gboolean
choice_to_index_cb (GValue   *value,
                    GVariant *variant,
                    gpointer  choices)
{
  const char *chosen = g_variant_get_string (variant, NULL);
  const char **strv = g_variant_get_strv (choices, NULL);
  gboolean found = FALSE;

  for (guint i = 0; strv[i] != NULL && !found; i++)
    if (g_str_equal (strv[i], chosen))
      {
        g_value_set_uint (value, i);
        found = TRUE;
      }
  g_free (strv);
  return found;
}

static GVariant *
index_to_choice_cb (const GValue       *value,
                    const GVariantType *type,
                    gpointer            choices)
{
  guint index = g_value_get_uint (value);

  if (index >= g_variant_n_children (choices))
    return NULL;
  return g_variant_get_child_value (choices, index);
}

static void
bind_choices (CoMediaPreferences *self,
              GSettingsSchemaKey *key,
              AdwComboRow        *row)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autofree char *kind = NULL;
  g_autoptr(GVariant) choices = NULL;

  g_variant_get (range, "(sv)", &kind, &choices);
  g_return_if_fail (g_str_equal (kind, "enum"));
  g_settings_bind_with_mapping (self->settings, g_settings_schema_key_get_name (key), row,
                                "selected", G_SETTINGS_BIND_DEFAULT, choice_to_index_cb,
                                index_to_choice_cb, g_variant_ref (choices),
                                (GDestroyNotify) g_variant_unref);
}

/* Binds every control named after a key of the schema, below @widget. */
static void
bind_named (CoMediaPreferences *self,
            GSettingsSchema    *schema,
            GtkWidget          *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = gtk_widget_get_name (child);

      if (g_settings_schema_has_key (schema, name))
        {
          g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, name);

          if (GTK_IS_SPIN_BUTTON (child))
            g_settings_bind (self->settings, name,
                             gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (child)), "value",
                             G_SETTINGS_BIND_DEFAULT);
          else if (ADW_IS_COMBO_ROW (child))
            bind_choices (self, key, ADW_COMBO_ROW (child));
          else
            g_critical ("No way to bind “%s” to a %s", name, G_OBJECT_TYPE_NAME (child));
        }
      bind_named (self, schema, child);
    }
}

static void
co_media_preferences_dispose (GObject *object)
{
  CoMediaPreferences *self = CO_MEDIA_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_MEDIA_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (co_media_preferences_parent_class)->dispose (object);
}

static void
co_media_preferences_class_init (CoMediaPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_media_preferences_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-media-preferences.ui");
}

static void
co_media_preferences_init (CoMediaPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_media_preferences_new:
 * @settings: (nullable): the application's settings; without them the
 *   page shows the defaults and is insensitive
 *
 * Returns: (transfer floating): the Media page of the Preferences
 */
GtkWidget *
co_media_preferences_new (GSettings *settings)
{
  CoMediaPreferences *self = g_object_new (CO_TYPE_MEDIA_PREFERENCES, NULL);
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return GTK_WIDGET (self);
    }
  self->settings = g_object_ref (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  /* Added first, so that its controls named after keys are bound too. */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (co_llm_preferences_new (settings)));
  bind_named (self, schema, GTK_WIDGET (self));
  /* Added after, as its rows keep their keys themselves, once checked. */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (co_media_host_preferences_new (settings)));
  return GTK_WIDGET (self);
}
