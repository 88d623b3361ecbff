/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * AWS Signature Version 4, as the AWS General Reference describes it
 * ("Create a signed AWS API request"): a canonical request, the string to
 * sign, a key derived by HMAC-SHA256 from the secret, date, region and
 * service, and the Authorization header.  No network here.
 */

/* The payload hash S3 accepts in place of a body's digest. */
#define CO_S3_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
/* The SHA-256 of nothing: the payload hash of a request without a body. */
#define CO_S3_EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/**
 * CoS3SignInput:
 * @access_key: the key id
 * @secret_key: the secret
 * @region: the region ("us-east-1")
 * @service: the service ("s3")
 * @amz_date: the time of the request, ISO 8601 basic ("20130524T000000Z")
 * @method: the HTTP method
 * @path: the path, already URI-encoded as it is sent
 * @query: (nullable): the query as it is sent (encoded), without "?"
 * @headers: the headers to sign, name and value in turn, %NULL-terminated;
 *   they must include host and x-amz-date
 * @payload_sha256: the body's SHA-256 in lowercase hex, or
 *   %CO_S3_UNSIGNED_PAYLOAD
 */
typedef struct
{
  const char        *access_key;
  const char        *secret_key;
  const char        *region;
  const char        *service;
  const char        *amz_date;
  const char        *method;
  const char        *path;
  const char        *query;
  const char *const *headers;
  const char        *payload_sha256;
} CoS3SignInput;

char *co_s3_canonical_request (const CoS3SignInput *input,
                               char               **out_signed_headers);
char *co_s3_string_to_sign    (const CoS3SignInput *input);
char *co_s3_signature         (const CoS3SignInput *input);
char *co_s3_authorization     (const CoS3SignInput *input);
char *co_s3_uri_encode        (const char          *text,
                               gboolean             keep_slash);

G_END_DECLS
