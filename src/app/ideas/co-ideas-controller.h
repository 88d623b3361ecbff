/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-idea-generator.h"
#include "co-store.h"

G_BEGIN_DECLS

/**
 * CoIdeasState:
 * @CO_IDEAS_STATE_IDLE: nothing asked yet
 * @CO_IDEAS_STATE_RUNNING: ideas are being made
 * @CO_IDEAS_STATE_DONE: the suggestions are ready
 * @CO_IDEAS_STATE_FAILED: making them failed (see the error property)
 */
typedef enum
{
  CO_IDEAS_STATE_IDLE,
  CO_IDEAS_STATE_RUNNING,
  CO_IDEAS_STATE_DONE,
  CO_IDEAS_STATE_FAILED,
} CoIdeasState;

GType co_ideas_state_get_type (void);
#define CO_TYPE_IDEAS_STATE (co_ideas_state_get_type ())

#define CO_TYPE_IDEAS_CONTROLLER (co_ideas_controller_get_type ())
G_DECLARE_FINAL_TYPE (CoIdeasController, co_ideas_controller, CO, IDEAS_CONTROLLER, GObject)

CoIdeasController  *co_ideas_controller_new             (CoStore           *store,
                                                         int                hashtag_limit);
void                co_ideas_controller_generate        (CoIdeasController *self,
                                                         const char        *platform,
                                                         guint              count);
void                co_ideas_controller_cancel          (CoIdeasController *self);
CoIdeasState        co_ideas_controller_get_state       (CoIdeasController *self);
const char         *co_ideas_controller_get_text        (CoIdeasController *self);
const char         *co_ideas_controller_get_generator   (CoIdeasController *self);
const char         *co_ideas_controller_get_fallback_reason (CoIdeasController *self);
const char         *co_ideas_controller_get_error       (CoIdeasController *self);
const CoIdeaResult *co_ideas_controller_get_result      (CoIdeasController *self);
gint64              co_ideas_controller_refine          (CoIdeasController *self,
                                                         guint              index,
                                                         GError           **error);

G_END_DECLS
