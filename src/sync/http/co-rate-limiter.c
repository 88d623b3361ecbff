/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-http"

#include "config.h"

#include "co-rate-limiter.h"

/*
 * One bucket per platform (the platform's name), each with its own pace, and
 * whatever the servers say on top of it (Retry-After, X's rate-limit window).
 * The pace is the generic cell rate algorithm: each request reserves the next
 * slot, one "interval" after the previous one, with "burst" requests allowed
 * back to back.  Every request that reserves waits for its own slot, so they go
 * out in order.  Safe from any thread.
 */

typedef struct
{
  gint64 interval;      /* µs between requests at the steady pace */
  gint64 tolerance;     /* how far ahead of the pace a burst may run */
  gint64 theoretical;   /* when the next request is due at the steady pace */
  gint64 blocked_until; /* the server's own limit */
} Bucket;

struct _CoRateLimiter
{
  GObject     parent_instance;

  GMutex      mutex;
  GHashTable *buckets;  /* name -> Bucket */
};

G_DEFINE_FINAL_TYPE (CoRateLimiter, co_rate_limiter, G_TYPE_OBJECT)

/* The paces the platforms document for a user's requests in general; a platform
 * client may set a stricter one for an endpoint of its own bucket. */
static const struct
{
  const char *bucket;
  guint       requests;
  gint64      per_seconds;
  guint       burst;
} default_rates[] = {
  { "x", 300, 15 * 60, 10 },           /* 300 per 15-minute window */
  { "linkedin", 100, 60, 10 },
  { "youtube", 60, 60, 10 },
  { "instagram", 200, 60 * 60, 10 },   /* 200 calls per user per hour */
};

static Bucket *
lookup_bucket_locked (CoRateLimiter *self,
                      const char    *name)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, name);

  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      g_hash_table_insert (self->buckets, g_strdup (name), bucket);
    }
  return bucket;
}

static void
set_rate_locked (CoRateLimiter *self,
                 const char    *name,
                 guint          requests,
                 gint64         per_usec,
                 guint          burst)
{
  Bucket *bucket = lookup_bucket_locked (self, name);

  bucket->interval = requests > 0 ? per_usec / requests : 0;
  bucket->tolerance = bucket->interval * (gint64)(MAX (burst, 1u) - 1);
}

static void
co_rate_limiter_finalize (GObject *object)
{
  CoRateLimiter *self = (CoRateLimiter *)object;

  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (co_rate_limiter_parent_class)->finalize (object);
}

static void
co_rate_limiter_class_init (CoRateLimiterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_rate_limiter_finalize;
}

static void
co_rate_limiter_init (CoRateLimiter *self)
{
  g_mutex_init (&self->mutex);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (default_rates); i++)
    set_rate_locked (self, default_rates[i].bucket, default_rates[i].requests,
                     default_rates[i].per_seconds * G_USEC_PER_SEC, default_rates[i].burst);
}

/**
 * co_rate_limiter_new:
 *
 * Returns: (transfer full): a limiter with each platform's documented pace
 */
CoRateLimiter *
co_rate_limiter_new (void)
{
  return g_object_new (CO_TYPE_RATE_LIMITER, NULL);
}

/**
 * co_rate_limiter_set_rate:
 * @self: a #CoRateLimiter
 * @bucket: the bucket's name
 * @requests: requests allowed per @per_usec, or 0 for no pace
 * @per_usec: the window, in µs
 * @burst: how many may go back to back (at least 1)
 */
void
co_rate_limiter_set_rate (CoRateLimiter *self,
                          const char    *bucket,
                          guint          requests,
                          gint64         per_usec,
                          guint          burst)
{
  g_return_if_fail (CO_IS_RATE_LIMITER (self));
  g_return_if_fail (bucket != NULL && per_usec >= 0);

  g_mutex_lock (&self->mutex);
  set_rate_locked (self, bucket, requests, per_usec, burst);
  g_mutex_unlock (&self->mutex);
}

/**
 * co_rate_limiter_reserve:
 * @self: a #CoRateLimiter
 * @bucket: the bucket's name
 * @now: the time (µs since 1970, UTC)
 * @max_wait: the longest wait the caller accepts, in µs
 * @out_wait: (out): how long to wait before sending, in µs
 *
 * Reserves a slot for one request, unless that means waiting longer than
 * @max_wait: then nothing is reserved and @out_wait says how long it would be.
 *
 * Returns: %TRUE if a slot was reserved
 */
gboolean
co_rate_limiter_reserve (CoRateLimiter *self,
                         const char    *bucket,
                         gint64         now,
                         gint64         max_wait,
                         gint64        *out_wait)
{
  Bucket *b;
  gint64 start, wait;

  g_return_val_if_fail (CO_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (bucket != NULL && out_wait != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  b = lookup_bucket_locked (self, bucket);
  start = MAX (now, b->theoretical);
  wait = MAX (start - b->tolerance - now, b->blocked_until - now);
  *out_wait = MAX (wait, 0);
  if (*out_wait <= max_wait)
    b->theoretical = MAX (start, now + *out_wait) + b->interval;
  g_mutex_unlock (&self->mutex);
  return *out_wait <= max_wait;
}

/**
 * co_rate_limiter_block_until:
 * @self: a #CoRateLimiter
 * @bucket: the bucket's name
 * @until: no request goes before this time (µs since 1970, UTC)
 *
 * Records what a server said about waiting; an earlier time never shortens a
 * block already there.
 */
void
co_rate_limiter_block_until (CoRateLimiter *self,
                             const char    *bucket,
                             gint64         until)
{
  Bucket *b;

  g_return_if_fail (CO_IS_RATE_LIMITER (self));
  g_return_if_fail (bucket != NULL);

  g_mutex_lock (&self->mutex);
  b = lookup_bucket_locked (self, bucket);
  b->blocked_until = MAX (b->blocked_until, until);
  g_mutex_unlock (&self->mutex);
}

/**
 * co_rate_limiter_get_blocked_until:
 * @self: a #CoRateLimiter
 * @bucket: the bucket's name
 *
 * Returns: the time a server asked to wait for (µs since 1970, UTC), or 0
 */
gint64
co_rate_limiter_get_blocked_until (CoRateLimiter *self,
                                   const char    *bucket)
{
  gint64 until;

  g_return_val_if_fail (CO_IS_RATE_LIMITER (self), 0);

  g_mutex_lock (&self->mutex);
  until = lookup_bucket_locked (self, bucket)->blocked_until;
  g_mutex_unlock (&self->mutex);
  return until;
}
