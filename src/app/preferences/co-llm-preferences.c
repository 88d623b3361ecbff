/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-error.h"
#include "co-idea-generator-choose.h"
#include "co-idea-generator-llm.h"
#include "co-llm-preferences.h"
#include "co-secrets.h"
#include "co-service-config.h"

/* The Language Model group of the Media page: the address and model in the
 * settings (keys api-base-llm, llm-model), and the key, which goes from the
 * field straight to the keyring for the address in effect and is then
 * cleared.  The status row says which address ideas go to, or why none. */

struct _CoLlmPreferences
{
  AdwPreferencesGroup  parent_instance;

  /* Template children. */
  AdwEntryRow         *endpoint_row;
  AdwEntryRow         *model_row;
  AdwEntryRow         *key_row;
  AdwActionRow        *status_row;

  /* Owned. */
  GSettings           *settings;
  GCancellable        *cancellable;
  char                *status;
};

G_DEFINE_FINAL_TYPE (CoLlmPreferences, co_llm_preferences, ADW_TYPE_PREFERENCES_GROUP)

static void
set_status (CoLlmPreferences *self,
            const char       *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  adw_action_row_set_subtitle (self->status_row, status);
}

static void
show_endpoint (CoLlmPreferences *self)
{
  g_autofree char *why = NULL;
  g_autofree char *base = co_idea_generator_dup_endpoint (NULL, self->settings, &why);
  g_autofree char *text = NULL;

  if (base == NULL)
    {
      set_status (self, why);
      return;
    }
  text = g_strdup_printf (_("Ideas are asked of %s"), base);
  set_status (self, text);
}

static void
endpoint_apply_cb (CoLlmPreferences *self)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row));
  g_autoptr(GError) error = NULL;
  const char *base;

  if (!co_service_config_set_base (config, CO_SERVICE_LLM, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->endpoint_row), "error");
      set_status (self, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_row), "error");
  base = co_service_config_get_base (config, CO_SERVICE_LLM);
  g_settings_set_string (self->settings, "api-base-llm", base != NULL ? base : "");
  show_endpoint (self);
}

static void
model_apply_cb (CoLlmPreferences *self)
{
  g_settings_set_string (self->settings, "llm-model",
                         gtk_editable_get_text (GTK_EDITABLE (self->model_row)));
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CoLlmPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!co_secrets_store_finish (result, &error))
    {
      if (!co_error_is_cancelled (error))
        set_status (self, error->message);
      return;
    }
  set_status (self, _("The key is kept in the keyring"));
}

static void
key_apply_cb (CoLlmPreferences *self)
{
  g_autofree char *why = NULL;
  g_autofree char *base = co_idea_generator_dup_endpoint (NULL, self->settings, &why);
  g_autofree char *key = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));

  /* The field keeps no copy, whatever happens next. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  g_strstrip (key);
  if (base == NULL || key[0] == '\0')
    {
      set_status (self, base == NULL ? why : _("The key is empty"));
      return;
    }
  co_secrets_store_async (CO_LLM_KEYRING_PLATFORM, base, key, self->cancellable, key_stored_cb,
                          g_object_ref (self));
}

static void
co_llm_preferences_dispose (GObject *object)
{
  CoLlmPreferences *self = CO_LLM_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_LLM_PREFERENCES);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (co_llm_preferences_parent_class)->dispose (object);
}

static void
co_llm_preferences_class_init (CoLlmPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_llm_preferences_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-llm-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CoLlmPreferences, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, CoLlmPreferences, model_row);
  gtk_widget_class_bind_template_child (widget_class, CoLlmPreferences, key_row);
  gtk_widget_class_bind_template_child (widget_class, CoLlmPreferences, status_row);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_apply_cb);
}

static void
co_llm_preferences_init (CoLlmPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * co_llm_preferences_new:
 * @settings: the application's settings
 *
 * Returns: (transfer floating): the Language Model group
 */
GtkWidget *
co_llm_preferences_new (GSettings *settings)
{
  CoLlmPreferences *self;
  g_autofree char *base = NULL;
  g_autofree char *model = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CO_TYPE_LLM_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);
  base = g_settings_get_string (settings, "api-base-llm");
  model = g_settings_get_string (settings, "llm-model");
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), base);
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), model);
  show_endpoint (self);
  return GTK_WIDGET (self);
}

/**
 * co_llm_preferences_get_status:
 * @self: the group
 *
 * Returns: (transfer none): what the status row says
 */
const char *
co_llm_preferences_get_status (CoLlmPreferences *self)
{
  g_return_val_if_fail (CO_IS_LLM_PREFERENCES (self), NULL);
  return self->status;
}
