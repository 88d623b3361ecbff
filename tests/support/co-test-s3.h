/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A real S3-compatible peer for the media mirror's tests: s3rver (npm
 * s3rver, installed by tools/test into CO_TEST_PEERS_DIR), storing into a
 * temporary folder, on a free loopback port, with its key pair S3RVER /
 * S3RVER.  One server serves a test binary; each test takes a bucket.
 */
typedef struct _CoTestS3 CoTestS3;

#define CO_TEST_S3_KEY "S3RVER"

CoTestS3    *co_test_s3_get         (void);
void         co_test_s3_stop        (void);
const char  *co_test_s3_get_url     (CoTestS3   *s3);
char        *co_test_s3_new_bucket  (CoTestS3   *s3,
                                     const char *prefix);
char        *co_test_s3_object_path (CoTestS3   *s3,
                                     const char *bucket,
                                     const char *key);

G_END_DECLS
