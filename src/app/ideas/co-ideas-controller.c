/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-idea-context.h"
#include "co-idea-duplicates.h"
#include "co-idea-generator-choose.h"
#include "co-idea-generator-offline.h"
#include "co-ideas-controller.h"
#include "co-ideas-refine.h"
#include "co-platform.h"

/*
 * What the Ideas window shows, without a display: it builds the context in
 * a worker, asks the generator co_idea_generator_choose() picks (a model
 * when one is set up, else the offline one), gathers the text as it streams
 * in, flags near duplicates of stored ideas, and refines a suggestion into
 * a draft.  One request at a time: a new one cancels the last; cancelling
 * returns to idle without an error.
 */

struct _CoIdeasController
{
  GObject          parent_instance;

  /* Owned. */
  CoStore         *store;
  GCancellable    *cancellable;
  CoIdeaGenerator *offline;
  CoIdeaGenerator *generator;
  GString         *text;
  CoIdeaResult    *result;
  char            *platform;
  char            *why_offline;
  char            *error;
  CoIdeasState     state;
};

G_DEFINE_ENUM_TYPE (CoIdeasState, co_ideas_state,
                    G_DEFINE_ENUM_VALUE (CO_IDEAS_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (CO_IDEAS_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (CO_IDEAS_STATE_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (CO_IDEAS_STATE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (CoIdeasController, co_ideas_controller, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_TEXT,
  PROP_GENERATOR,
  PROP_FALLBACK_REASON,
  PROP_ERROR,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* One request: stale once a newer one replaced it or it was cancelled. */
typedef struct
{
  CoIdeasController *self;
  GCancellable      *cancellable;
} Request;

static Request *
request_new (CoIdeasController *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static gboolean
request_is_current (Request *request)
{
  return request->cancellable == request->self->cancellable &&
         !g_cancellable_is_cancelled (request->cancellable);
}

static void
set_state (CoIdeasController *self,
           CoIdeasState       state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (CoIdeasController *self,
           const char        *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
fail (CoIdeasController *self,
      const GError      *error)
{
  set_error (self, error->message);
  set_state (self, CO_IDEAS_STATE_FAILED);
}

static void
partial_cb (const char *text,
            gpointer    user_data)
{
  Request *request = user_data;
  CoIdeasController *self = request->self;

  if (!request_is_current (request))
    return;
  g_string_append (self->text, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
generated_cb (GObject      *source,
              GAsyncResult *async,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CoIdeasController *self = request->self;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = co_idea_generator_generate_finish (CO_IDEA_GENERATOR (source), async, &error);
  /* A cancelled or replaced request says nothing: cancelling is no error. */
  if (!request_is_current (request))
    return;
  if (result == NULL)
    {
      fail (self, error);
      return;
    }
  if (result->fallback_reason == NULL && CO_IDEA_GENERATOR (source) == self->offline)
    result->fallback_reason = g_strdup (self->why_offline);
  if (!co_ideas_flag_duplicates (self->store, result, &error))
    {
      fail (self, error);
      return;
    }
  g_clear_pointer (&self->result, co_idea_result_free);
  self->result = g_steal_pointer (&result);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FALLBACK_REASON]);
  set_state (self, CO_IDEAS_STATE_DONE);
}

static void
context_ready_cb (GObject      *source,
                  GAsyncResult *async,
                  gpointer      user_data)
{
  Request *request = user_data;
  CoIdeasController *self = request->self;
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = co_idea_context_build_finish (CO_STORE (source), async, &error);
  if (!request_is_current (request))
    {
      request_free (request);
      return;
    }
  if (context == NULL)
    {
      fail (self, error);
      request_free (request);
      return;
    }
  g_clear_object (&self->generator);
  g_clear_pointer (&self->why_offline, g_free);
  self->generator = co_idea_generator_choose (self->offline, NULL, &self->why_offline);
  co_idea_generator_generate_async (self->generator, context, partial_cb, request,
                                    self->cancellable, generated_cb, request);
}

static void
co_ideas_controller_dispose (GObject *object)
{
  CoIdeasController *self = CO_IDEAS_CONTROLLER (object);

  co_ideas_controller_cancel (self);
  g_clear_object (&self->generator);
  g_clear_object (&self->offline);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (co_ideas_controller_parent_class)->dispose (object);
}

static void
co_ideas_controller_finalize (GObject *object)
{
  CoIdeasController *self = CO_IDEAS_CONTROLLER (object);

  g_string_free (self->text, TRUE);
  g_clear_pointer (&self->result, co_idea_result_free);
  g_free (self->platform);
  g_free (self->why_offline);
  g_free (self->error);

  G_OBJECT_CLASS (co_ideas_controller_parent_class)->finalize (object);
}

static void
co_ideas_controller_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoIdeasController *self = CO_IDEAS_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text->str);
      break;
    case PROP_GENERATOR:
      g_value_set_string (value, co_ideas_controller_get_generator (self));
      break;
    case PROP_FALLBACK_REASON:
      g_value_set_string (value, co_ideas_controller_get_fallback_reason (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_ideas_controller_class_init (CoIdeasControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = co_ideas_controller_dispose;
  object_class->finalize = co_ideas_controller_finalize;
  object_class->get_property = co_ideas_controller_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CO_TYPE_IDEAS_STATE,
                                              CO_IDEAS_STATE_IDLE, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", flags);
  properties[PROP_GENERATOR] = g_param_spec_string ("generator", NULL, NULL, NULL, flags);
  properties[PROP_FALLBACK_REASON] = g_param_spec_string ("fallback-reason", NULL, NULL, NULL,
                                                          flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_ideas_controller_init (CoIdeasController *self)
{
  self->text = g_string_new (NULL);
}

/**
 * co_ideas_controller_new:
 * @store: the library
 * @hashtag_limit: Instagram's hashtag limit setting, or 0 for its default
 *
 * Returns: (transfer full): a controller with nothing asked yet
 */
CoIdeasController *
co_ideas_controller_new (CoStore *store,
                         int      hashtag_limit)
{
  CoIdeasController *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_IDEAS_CONTROLLER, NULL);
  self->store = g_object_ref (store);
  self->offline = co_idea_generator_offline_new ();
  co_idea_generator_offline_set_hashtag_limit (CO_IDEA_GENERATOR_OFFLINE (self->offline),
                                               CLAMP (hashtag_limit, 0,
                                                      CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX));
  return self;
}

/**
 * co_ideas_controller_generate:
 * @self: the controller
 * @platform: (nullable): the target platform's name, or %NULL for any
 * @count: how many ideas
 *
 * Starts making ideas, cancelling any request still running.
 */
void
co_ideas_controller_generate (CoIdeasController *self,
                              const char        *platform,
                              guint              count)
{
  g_return_if_fail (CO_IS_IDEAS_CONTROLLER (self));

  co_ideas_controller_cancel (self);
  self->cancellable = g_cancellable_new ();
  g_free (self->platform);
  self->platform = g_strdup (platform);
  g_string_truncate (self->text, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_clear_pointer (&self->result, co_idea_result_free);
  set_error (self, NULL);
  set_state (self, CO_IDEAS_STATE_RUNNING);
  co_idea_context_build_async (self->store, platform, NULL, 0, count, self->cancellable,
                               context_ready_cb, request_new (self));
}

/**
 * co_ideas_controller_cancel:
 * @self: the controller
 *
 * Stops the running request, if any; the state goes back to idle.
 */
void
co_ideas_controller_cancel (CoIdeasController *self)
{
  g_return_if_fail (CO_IS_IDEAS_CONTROLLER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->state == CO_IDEAS_STATE_RUNNING)
    set_state (self, CO_IDEAS_STATE_IDLE);
}

/** co_ideas_controller_get_state: @self: the controller  Returns: where it is */
CoIdeasState
co_ideas_controller_get_state (CoIdeasController *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_CONTROLLER (self), CO_IDEAS_STATE_IDLE);
  return self->state;
}

/** co_ideas_controller_get_text: @self: the controller  Returns: the text streamed so far */
const char *
co_ideas_controller_get_text (CoIdeasController *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_CONTROLLER (self), NULL);
  return self->text->str;
}

/**
 * co_ideas_controller_get_generator:
 * @self: the controller
 *
 * Returns: (nullable): who answered ("offline", "model:…"), once done
 */
const char *
co_ideas_controller_get_generator (CoIdeasController *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_CONTROLLER (self), NULL);
  return self->result != NULL ? self->result->generator : NULL;
}

/**
 * co_ideas_controller_get_fallback_reason:
 * @self: the controller
 *
 * Returns: (nullable): why the offline generator answered, once done
 */
const char *
co_ideas_controller_get_fallback_reason (CoIdeasController *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_CONTROLLER (self), NULL);
  return self->result != NULL ? self->result->fallback_reason : NULL;
}

/** co_ideas_controller_get_error: @self: the controller  Returns: (nullable): why it failed */
const char *
co_ideas_controller_get_error (CoIdeasController *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_CONTROLLER (self), NULL);
  return self->error;
}

/**
 * co_ideas_controller_get_result:
 * @self: the controller
 *
 * Returns: (transfer none) (nullable): the suggestions, once done
 */
const CoIdeaResult *
co_ideas_controller_get_result (CoIdeasController *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_CONTROLLER (self), NULL);
  return self->result;
}

/**
 * co_ideas_controller_refine:
 * @self: the controller
 * @index: which suggestion
 * @error: return location for a #GError
 *
 * Saves a suggestion as a new Saved draft for the platform asked for,
 * linked to its vault items.
 *
 * Returns: the draft's id, or 0 with @error set
 */
gint64
co_ideas_controller_refine (CoIdeasController  *self,
                            guint               index,
                            GError            **error)
{
  g_return_val_if_fail (CO_IS_IDEAS_CONTROLLER (self), 0);
  g_return_val_if_fail (self->result != NULL && index < self->result->suggestions->len, 0);

  return co_ideas_refine_suggestion (self->store,
                                     g_ptr_array_index (self->result->suggestions, index),
                                     self->platform, error);
}
