/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_ANALYTICS_ERROR (co_analytics_error_quark ())

/**
 * CoAnalyticsError:
 * @CO_ANALYTICS_ERROR_BAD_RANGE: a date range ends before it starts
 * @CO_ANALYTICS_ERROR_NOT_FOUND: no metrics were collected for that post
 *
 * Codes are append-only: the command line maps them to exit codes.
 */
typedef enum
{
  CO_ANALYTICS_ERROR_BAD_RANGE,
  CO_ANALYTICS_ERROR_NOT_FOUND,
} CoAnalyticsError;

GQuark co_analytics_error_quark (void);

G_END_DECLS
