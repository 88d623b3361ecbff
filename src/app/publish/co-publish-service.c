/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-publish-service.h"

/*
 * The background service (creatorops --gapplication-service): the library
 * opened without a window and its scheduler running, so that due posts go
 * out while the app is closed.  What it does goes to the log, since no one
 * sees a toast.  The window starts its library's scheduler the same way,
 * with co_publish_start_scheduler().
 */

struct _CoPublishService
{
  GObject              parent_instance;

  CoStore             *store;
  CoDrafts            *drafts;
  CoPublishController *controller;
};

G_DEFINE_FINAL_TYPE (CoPublishService, co_publish_service, G_TYPE_OBJECT)

static void
published_cb (CoPublishController *controller,
              const char          *text,
              const char          *url,
              gpointer             data)
{
  g_message ("%s: %s", text, url != NULL ? url : "");
}

static void
message_cb (CoPublishController *controller,
            const char          *text,
            gpointer             data)
{
  g_message ("%s", text);
}

static void
co_publish_service_dispose (GObject *object)
{
  CoPublishService *self = CO_PUBLISH_SERVICE (object);

  if (self->controller != NULL)
    co_publish_controller_stop (self->controller);
  g_clear_object (&self->controller);
  g_clear_object (&self->drafts);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (co_publish_service_parent_class)->dispose (object);
}

static void
co_publish_service_class_init (CoPublishServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = co_publish_service_dispose;
}

static void
co_publish_service_init (CoPublishService *self)
{
}

/* What the `missed-posts` setting asks for; "ask" without settings. */
static CoMissedPolicy
missed_policy (GSettings *settings)
{
  g_autofree char *name = NULL;
  CoMissedPolicy policy = CO_MISSED_ASK;

  if (settings != NULL)
    name = g_settings_get_string (settings, "missed-posts");
  if (name != NULL && !co_missed_policy_from_string (name, &policy))
    policy = CO_MISSED_ASK;
  return policy;
}

static void
missed_posts_changed_cb (GSettings           *settings,
                         const char          *key,
                         CoPublishController *controller)
{
  co_publish_controller_set_missed_policy (controller, missed_policy (settings));
}

/**
 * co_publish_start_scheduler:
 * @controller: a library's publishing
 * @settings: (nullable): the app's settings
 * @first_delay_s: seconds before the first pass
 *
 * Starts @controller's scheduler with what the `missed-posts` setting asks
 * for, and follows the setting as it changes.
 */
void
co_publish_start_scheduler (CoPublishController *controller,
                            GSettings           *settings,
                            guint                first_delay_s)
{
  g_return_if_fail (CO_IS_PUBLISH_CONTROLLER (controller));

  if (settings != NULL)
    g_signal_connect_object (settings, "changed::missed-posts",
                             G_CALLBACK (missed_posts_changed_cb), controller, 0);
  co_publish_controller_start_scheduler (controller, missed_policy (settings), first_delay_s);
}

/**
 * co_publish_service_new:
 * @data_dir: (nullable): the library folder, or %NULL for the default
 * @settings: (nullable): the app's settings
 * @error: return location for a #GError
 *
 * Opens the library and starts its scheduler: a pass at once, then every
 * minute.
 *
 * Returns: (transfer full) (nullable): the service, or %NULL when the
 *   library cannot be opened
 */
CoPublishService *
co_publish_service_new (const char  *data_dir,
                        GSettings   *settings,
                        GError     **error)
{
  g_autoptr(CoPublishService) self = g_object_new (CO_TYPE_PUBLISH_SERVICE, NULL);

  self->store = co_store_new (data_dir, NULL, error);
  if (self->store == NULL)
    return NULL;
  self->drafts = co_drafts_new (self->store);
  self->controller = co_publish_controller_new (self->store, self->drafts, settings, error);
  if (self->controller == NULL)
    return NULL;
  g_signal_connect (self->controller, "published", G_CALLBACK (published_cb), NULL);
  g_signal_connect (self->controller, "message", G_CALLBACK (message_cb), NULL);
  co_publish_start_scheduler (self->controller, settings, 0);
  g_message ("Publishing the due posts of %s", co_store_get_data_dir (self->store));
  return g_steal_pointer (&self);
}

/**
 * co_publish_service_get_controller:
 * @self: the service
 *
 * Returns: (transfer none): its publishing
 */
CoPublishController *
co_publish_service_get_controller (CoPublishService *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_SERVICE (self), NULL);
  return self->controller;
}

/**
 * co_publish_service_stop:
 * @self: the service
 *
 * Cancels the pass that runs and starts no other.
 */
void
co_publish_service_stop (CoPublishService *self)
{
  g_return_if_fail (CO_IS_PUBLISH_SERVICE (self));
  co_publish_controller_stop (self->controller);
}
