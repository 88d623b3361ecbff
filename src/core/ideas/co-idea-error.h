/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_IDEA_ERROR (co_idea_error_quark ())

/**
 * CoIdeaError:
 * @CO_IDEA_ERROR_NOT_FOUND: no idea has that id
 * @CO_IDEA_ERROR_INVALID: a value is not acceptable (an empty title, an
 *   unknown status)
 *
 * Codes are append-only: the command line maps them to exit codes.
 */
typedef enum
{
  CO_IDEA_ERROR_NOT_FOUND,
  CO_IDEA_ERROR_INVALID,
} CoIdeaError;

GQuark co_idea_error_quark (void);

G_END_DECLS
