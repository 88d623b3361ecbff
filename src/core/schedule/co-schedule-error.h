/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_SCHEDULE_ERROR (co_schedule_error_quark ())

/**
 * CoScheduleError:
 * @CO_SCHEDULE_ERROR_NOT_FOUND: the draft has no schedule entry for that platform
 * @CO_SCHEDULE_ERROR_BAD_TIME: a time cannot be read
 * @CO_SCHEDULE_ERROR_UNKNOWN_ZONE: no IANA time zone has that name
 * @CO_SCHEDULE_ERROR_NONEXISTENT_TIME: the local time does not exist in the zone
 *   (the clocks jump over it when daylight saving time starts)
 * @CO_SCHEDULE_ERROR_PAST: the time has already passed
 * @CO_SCHEDULE_ERROR_CONFLICT: another post on the same platform is less than
 *   five minutes away; the message suggests the nearest free times
 * @CO_SCHEDULE_ERROR_WRONG_STAGE: the draft's stage does not allow this (a Saved
 *   draft cannot be scheduled; a Scheduled one cannot lose a time)
 * @CO_SCHEDULE_ERROR_NOT_A_TARGET: the draft does not target that platform
 * @CO_SCHEDULE_ERROR_EXISTS: the draft already has a time on that platform
 *   (move it instead)
 * @CO_SCHEDULE_ERROR_INVALID: another value is not acceptable (post metrics
 *   without an id, negative counts)
 *
 * Codes are append-only: the command line maps them to exit codes.
 */
typedef enum
{
  CO_SCHEDULE_ERROR_NOT_FOUND,
  CO_SCHEDULE_ERROR_BAD_TIME,
  CO_SCHEDULE_ERROR_UNKNOWN_ZONE,
  CO_SCHEDULE_ERROR_NONEXISTENT_TIME,
  CO_SCHEDULE_ERROR_PAST,
  CO_SCHEDULE_ERROR_CONFLICT,
  CO_SCHEDULE_ERROR_WRONG_STAGE,
  CO_SCHEDULE_ERROR_NOT_A_TARGET,
  CO_SCHEDULE_ERROR_EXISTS,
  CO_SCHEDULE_ERROR_INVALID,
} CoScheduleError;

GQuark co_schedule_error_quark (void);

G_END_DECLS
