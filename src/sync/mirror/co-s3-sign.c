/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-s3-sign.h"

/*
 * Signature Version 4 in four steps (AWS General Reference, "Elements of an
 * AWS API request signature"):
 *
 *   CanonicalRequest = method \n path \n query \n headers \n \n signed \n payload-hash
 *   StringToSign     = "AWS4-HMAC-SHA256" \n date-time \n scope \n hex(SHA256(CanonicalRequest))
 *   SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" secret, date), region), service), "aws4_request")
 *   Signature        = hex(HMAC(SigningKey, StringToSign))
 */

/**
 * co_s3_uri_encode:
 * @text: text to encode
 * @keep_slash: whether "/" stays as it is (object keys in a path)
 *
 * Returns: (transfer full): @text with every byte but A–Z, a–z, 0–9, "-",
 *   ".", "_" and "~" written as %XY (upper-case hex), as SigV4 asks
 */
char *
co_s3_uri_encode (const char *text,
                  gboolean    keep_slash)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~' ||
          (keep_slash && *p == '/'))
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* Each parameter decoded and encoded again the one way SigV4 allows,
 * "name=value" (a parameter without a value gets an empty one), sorted. */
static char *
canonical_query (const char *query)
{
  g_auto(GStrv) params = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  if (query == NULL || query[0] == '\0')
    return g_strdup ("");
  params = g_strsplit (query, "&", -1);
  for (int i = 0; params[i] != NULL; i++)
    {
      char *eq = strchr (params[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autofree char *raw_name = NULL;
      g_autofree char *raw_value = NULL;

      if (params[i][0] == '\0')
        continue;
      raw_name = eq ? g_strndup (params[i], eq - params[i]) : g_strdup (params[i]);
      raw_value = g_strdup (eq ? eq + 1 : "");
      name = g_uri_unescape_string (raw_name, NULL);
      value = g_uri_unescape_string (raw_value, NULL);
      {
        g_autofree char *encoded_name = co_s3_uri_encode (name ? name : raw_name, FALSE);
        g_autofree char *encoded_value = co_s3_uri_encode (value ? value : raw_value, FALSE);

        g_ptr_array_add (pairs, g_strconcat (encoded_name, "=", encoded_value, NULL));
      }
    }
  g_ptr_array_sort (pairs, compare_strings);
  g_ptr_array_add (pairs, NULL);
  return g_strjoinv ("&", (char **)pairs->pdata);
}

/* A header value without leading and trailing blanks, runs of blanks as one. */
static char *
trim_value (const char *value)
{
  GString *out = g_string_new (NULL);
  gboolean blank = FALSE;

  while (*value == ' ' || *value == '\t')
    value++;
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        {
          blank = TRUE;
          continue;
        }
      if (blank && out->len > 0)
        g_string_append_c (out, ' ');
      blank = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * co_s3_canonical_request:
 * @input: the request
 * @out_signed_headers: (out) (optional): the signed headers' names, "a;b;c"
 *
 * Returns: (transfer full): the canonical request
 */
char *
co_s3_canonical_request (const CoS3SignInput *input,
                         char               **out_signed_headers)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) request = g_string_new (NULL);
  g_autofree char *query = canonical_query (input->query);

  g_return_val_if_fail (input != NULL && input->headers != NULL, NULL);

  for (int i = 0; input->headers[i] != NULL && input->headers[i + 1] != NULL; i += 2)
    {
      g_autofree char *name = g_ascii_strdown (input->headers[i], -1);
      g_autofree char *value = trim_value (input->headers[i + 1]);

      /* "name:value", sorted by name: ':' sorts below every name character. */
      g_ptr_array_add (lines, g_strconcat (name, ":", value, NULL));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (names->len > 0)
        g_string_append_c (names, ';');
      g_string_append_len (names, line, strchr (line, ':') - line);
    }
  g_string_append_printf (request, "%s\n%s\n%s\n", input->method,
                          input->path[0] ? input->path : "/", query);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (request, "%s\n", (const char *)g_ptr_array_index (lines, i));
  g_string_append_printf (request, "\n%s\n%s", names->str, input->payload_sha256);
  if (out_signed_headers != NULL)
    *out_signed_headers = g_strdup (names->str);
  return g_string_free (g_steal_pointer (&request), FALSE);
}

static char *
scope (const CoS3SignInput *input)
{
  return g_strdup_printf ("%.8s/%s/%s/aws4_request", input->amz_date, input->region,
                          input->service);
}

/**
 * co_s3_string_to_sign:
 * @input: the request
 *
 * Returns: (transfer full): the string to sign
 */
char *
co_s3_string_to_sign (const CoS3SignInput *input)
{
  g_autofree char *canonical = co_s3_canonical_request (input, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  g_autofree char *where = scope (input);

  return g_strdup_printf ("AWS4-HMAC-SHA256\n%s\n%s\n%s", input->amz_date, where, hash);
}

/* HMAC-SHA256 of @data with @key, into @out (32 bytes). */
static void
hmac (const guchar *key,
      gsize         key_len,
      const char   *data,
      guint8        out[32])
{
  g_autoptr(GHmac) mac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  gsize len = 32;

  g_hmac_update (mac, (const guchar *)data, strlen (data));
  g_hmac_get_digest (mac, out, &len);
  g_assert (len == 32);
}

/**
 * co_s3_signature:
 * @input: the request
 *
 * Returns: (transfer full): the signature, 64 lowercase hex digits
 */
char *
co_s3_signature (const CoS3SignInput *input)
{
  g_autofree char *secret = g_strconcat ("AWS4", input->secret_key, NULL);
  g_autofree char *date = g_strndup (input->amz_date, 8);
  g_autofree char *to_sign = co_s3_string_to_sign (input);
  guint8 k_date[32], k_region[32], k_service[32], k_signing[32], signature[32];
  GString *hex = g_string_new (NULL);

  hmac ((const guchar *)secret, strlen (secret), date, k_date);
  memset (secret, 0, strlen (secret));
  hmac (k_date, 32, input->region, k_region);
  hmac (k_region, 32, input->service, k_service);
  hmac (k_service, 32, "aws4_request", k_signing);
  hmac (k_signing, 32, to_sign, signature);
  memset (k_signing, 0, sizeof k_signing);
  for (int i = 0; i < 32; i++)
    g_string_append_printf (hex, "%02x", signature[i]);
  return g_string_free (hex, FALSE);
}

/**
 * co_s3_authorization:
 * @input: the request
 *
 * Returns: (transfer full): the Authorization header's value
 */
char *
co_s3_authorization (const CoS3SignInput *input)
{
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = co_s3_canonical_request (input, &signed_headers);
  g_autofree char *signature = co_s3_signature (input);
  g_autofree char *where = scope (input);

  return g_strdup_printf ("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                          input->access_key, where, signed_headers, signature);
}
