/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-s3-sign.h"

/*
 * The examples of the AWS documentation: "Signature Calculations for the
 * Authorization Header" (Amazon S3 API Reference, sig-v4-header-based-auth),
 * whose keys, dates, canonical requests and signatures are printed there, and
 * "get-vanilla" of the AWS Signature Version 4 test suite.
 */

#define S3_KEY "AKIAIOSFODNN7EXAMPLE"
#define S3_SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#define S3_DATE "20130524T000000Z"
#define S3_HOST "examplebucket.s3.amazonaws.com"

static void
test_get_object (void)
{
  const char *headers[] = { "Host", S3_HOST, "Range", "bytes=0-9",
                            "x-amz-content-sha256", CO_S3_EMPTY_SHA256,
                            "x-amz-date", S3_DATE, NULL };
  CoS3SignInput input = { S3_KEY, S3_SECRET, "us-east-1", "s3", S3_DATE, "GET", "/test.txt",
                          NULL, headers, CO_S3_EMPTY_SHA256 };
  g_autofree char *canonical = co_s3_canonical_request (&input, NULL);
  g_autofree char *to_sign = co_s3_string_to_sign (&input);
  g_autofree char *authorization = co_s3_authorization (&input);

  g_assert_cmpstr (canonical, ==,
                   "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                   "x-amz-content-sha256:" CO_S3_EMPTY_SHA256 "\nx-amz-date:20130524T000000Z\n\n"
                   "host;range;x-amz-content-sha256;x-amz-date\n" CO_S3_EMPTY_SHA256);
  g_assert_cmpstr (to_sign, ==,
                   "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                   "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  g_assert_cmpstr (authorization, ==,
                   "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                   "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                   "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

static void
test_put_object (void)
{
  const char *payload = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
  const char *headers[] = { "Date", "Fri, 24 May 2013 00:00:00 GMT", "Host", S3_HOST,
                            "x-amz-date", S3_DATE, "x-amz-storage-class", "REDUCED_REDUNDANCY",
                            "x-amz-content-sha256", payload, NULL };
  g_autofree char *path = co_s3_uri_encode ("/test$file.text", TRUE);
  CoS3SignInput input = { S3_KEY, S3_SECRET, "us-east-1", "s3", S3_DATE, "PUT", path, NULL,
                          headers, payload };
  g_autofree char *signature = co_s3_signature (&input);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           "Welcome to Amazon S3.", -1);

  g_assert_cmpstr (path, ==, "/test%24file.text");
  g_assert_cmpstr (payload, ==, digest);
  g_assert_cmpstr (signature, ==,
                   "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

static void
test_get_lifecycle (void)
{
  const char *headers[] = { "Host", S3_HOST, "x-amz-date", S3_DATE,
                            "x-amz-content-sha256", CO_S3_EMPTY_SHA256, NULL };
  CoS3SignInput input = { S3_KEY, S3_SECRET, "us-east-1", "s3", S3_DATE, "GET", "/",
                          "lifecycle", headers, CO_S3_EMPTY_SHA256 };
  g_autofree char *signature = co_s3_signature (&input);

  g_assert_cmpstr (signature, ==,
                   "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

static void
test_list_objects (void)
{
  const char *headers[] = { "Host", S3_HOST, "x-amz-date", S3_DATE,
                            "x-amz-content-sha256", CO_S3_EMPTY_SHA256, NULL };
  /* Given out of order: the canonical query sorts them. */
  CoS3SignInput input = { S3_KEY, S3_SECRET, "us-east-1", "s3", S3_DATE, "GET", "/",
                          "prefix=J&max-keys=2", headers, CO_S3_EMPTY_SHA256 };
  g_autofree char *canonical = co_s3_canonical_request (&input, NULL);
  g_autofree char *signature = co_s3_signature (&input);

  g_assert_true (g_str_has_prefix (canonical, "GET\n/\nmax-keys=2&prefix=J\n"));
  g_assert_cmpstr (signature, ==,
                   "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

static void
test_get_vanilla (void)
{
  const char *headers[] = { "Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z",
                            NULL };
  CoS3SignInput input = { "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1",
                          "service", "20150830T123600Z", "GET", "/", NULL, headers,
                          CO_S3_EMPTY_SHA256 };
  g_autofree char *authorization = co_s3_authorization (&input);

  g_assert_cmpstr (authorization, ==,
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                   "aws4_request, SignedHeaders=host;x-amz-date, "
                   "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

static void
test_encode (void)
{
  g_autofree char *key = co_s3_uri_encode ("blobs/a b+c~d", TRUE);
  g_autofree char *value = co_s3_uri_encode ("a/b=c", FALSE);

  g_assert_cmpstr (key, ==, "blobs/a%20b%2Bc~d");
  g_assert_cmpstr (value, ==, "a%2Fb%3Dc");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/s3/sign/get-object", test_get_object);
  g_test_add_func ("/s3/sign/put-object", test_put_object);
  g_test_add_func ("/s3/sign/get-lifecycle", test_get_lifecycle);
  g_test_add_func ("/s3/sign/list-objects", test_list_objects);
  g_test_add_func ("/s3/sign/get-vanilla", test_get_vanilla);
  g_test_add_func ("/s3/sign/encode", test_encode);
  return g_test_run ();
}
