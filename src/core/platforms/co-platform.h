/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The publishing platforms and the rules their text must follow.  One rule table
 * per platform; drafts, scheduling and publishing ask here whether a text is valid.
 */

#define CO_PLATFORM_ERROR (co_platform_error_quark ())

/**
 * CoPlatformError:
 * @CO_PLATFORM_ERROR_UNKNOWN: no platform has that name
 * @CO_PLATFORM_ERROR_TOO_LONG: the text is longer than the platform takes
 * @CO_PLATFORM_ERROR_INVALID: the text breaks another rule of the platform (empty,
 *   invalid UTF-8, a character the platform refuses, too many hashtags…)
 */
typedef enum
{
  CO_PLATFORM_ERROR_UNKNOWN,
  CO_PLATFORM_ERROR_TOO_LONG,
  CO_PLATFORM_ERROR_INVALID,
} CoPlatformError;

/**
 * CoPlatform:
 * @CO_PLATFORM_X: X (formerly Twitter)
 * @CO_PLATFORM_LINKEDIN: LinkedIn
 * @CO_PLATFORM_INSTAGRAM: Instagram
 * @CO_PLATFORM_YOUTUBE: YouTube (Shorts and videos)
 *
 * Stored by name (co_platform_to_string()), never by number.
 */
typedef enum
{
  CO_PLATFORM_X,
  CO_PLATFORM_LINKEDIN,
  CO_PLATFORM_INSTAGRAM,
  CO_PLATFORM_YOUTUBE,
} CoPlatform;

#define CO_N_PLATFORMS (CO_PLATFORM_YOUTUBE + 1)

GQuark       co_platform_error_quark   (void);

const char  *co_platform_to_string     (CoPlatform    platform);
const char  *co_platform_display_name  (CoPlatform    platform);
gboolean     co_platform_from_string   (const char   *name,
                                        CoPlatform   *out_platform,
                                        GError      **error);

gboolean     co_platform_check_text    (CoPlatform    platform,
                                        const char   *title,
                                        const char   *text,
                                        GError      **error);

char        *co_platform_adapt_text    (CoPlatform    platform,
                                        const char   *text,
                                        GError      **error);

G_END_DECLS
