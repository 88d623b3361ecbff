/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_TRENDS_ERROR (co_trends_error_quark ())

/**
 * CoTrendsError:
 * @CO_TRENDS_ERROR_INVALID: a value is out of range (a kind that is not
 *   topic, hashtag or format; a half-life or threshold that is not positive)
 *
 * Codes are append-only: the command line maps them to exit codes.
 */
typedef enum
{
  CO_TRENDS_ERROR_INVALID,
} CoTrendsError;

GQuark co_trends_error_quark (void);

G_END_DECLS
