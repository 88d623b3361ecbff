/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CO_TYPE_RATE_LIMITER (co_rate_limiter_get_type ())
G_DECLARE_FINAL_TYPE (CoRateLimiter, co_rate_limiter, CO, RATE_LIMITER, GObject)

CoRateLimiter *co_rate_limiter_new         (void);
void           co_rate_limiter_set_rate    (CoRateLimiter *self,
                                            const char    *bucket,
                                            guint          requests,
                                            gint64         per_usec,
                                            guint          burst);
gboolean       co_rate_limiter_reserve     (CoRateLimiter *self,
                                            const char    *bucket,
                                            gint64         now,
                                            gint64         max_wait,
                                            gint64        *out_wait);
void           co_rate_limiter_block_until (CoRateLimiter *self,
                                            const char    *bucket,
                                            gint64         until);
gint64         co_rate_limiter_get_blocked_until (CoRateLimiter *self,
                                                  const char    *bucket);

G_END_DECLS
