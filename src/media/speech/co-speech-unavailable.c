/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-speech-error.h"
#include "co-speech-unavailable.h"

/* The engine of a build without speech to text (meson -Dspeech=false): it
 * refuses every use with an error that says what is missing, so the app
 * and the command line report it like any other engine failure. */

struct _CoSpeechUnavailable
{
  GObject parent_instance;
};

static void engine_iface_init (CoSpeechEngineInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoSpeechUnavailable, co_speech_unavailable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_SPEECH_ENGINE, engine_iface_init))

static void
set_unavailable_error (GError **error)
{
  g_set_error_literal (error, CO_SPEECH_ERROR, CO_SPEECH_ERROR_UNAVAILABLE,
                       _("Speech to text is not available: this CreatorOps was built "
                         "without PocketSphinx (the build option “speech” is off)"));
}

static gboolean
engine_check (CoSpeechEngine  *engine,
              GError         **error)
{
  set_unavailable_error (error);
  return FALSE;
}

static CoSpeechSession *
engine_new_session (CoSpeechEngine  *engine,
                    GError         **error)
{
  set_unavailable_error (error);
  return NULL;
}

static void
engine_iface_init (CoSpeechEngineInterface *iface)
{
  iface->check = engine_check;
  iface->new_session = engine_new_session;
}

static void
co_speech_unavailable_class_init (CoSpeechUnavailableClass *klass)
{
}

static void
co_speech_unavailable_init (CoSpeechUnavailable *self)
{
}

/**
 * co_speech_unavailable_new:
 *
 * Creates the engine of a build without speech to text.
 *
 * Returns: (transfer full): an engine whose co_speech_engine_check() and
 *   co_speech_engine_new_session() fail with %CO_SPEECH_ERROR_UNAVAILABLE
 */
CoSpeechEngine *
co_speech_unavailable_new (void)
{
  return g_object_new (CO_TYPE_SPEECH_UNAVAILABLE, NULL);
}
